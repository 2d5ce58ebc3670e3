//! CAMEO code table: names, Goldstein scores, QuadClass and the CAMEO -> PLOVER mapping
//! (`data/events/cameo.tsv`).

// Fx hashing: every event record looks its code up; the keys are the table's own codes.
use rustc_hash::FxHashMap as HashMap;

use crate::EventError;

#[derive(Debug, Clone)]
pub struct CameoCode {
    pub code: String,
    pub name: String,
    pub goldstein: f32,
    pub quad_class: u8,
    pub plover_event: Option<String>,
    pub plover_mode: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct CameoTable {
    codes: HashMap<String, CameoCode>,
}

pub const BUILTIN_CAMEO: &str = include_str!("../../../data/events/cameo.tsv");

impl CameoTable {
    pub fn builtin() -> Result<Self, EventError> {
        Self::parse(BUILTIN_CAMEO)
    }

    pub fn parse(text: &str) -> Result<Self, EventError> {
        let mut codes = HashMap::default();
        for (no, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let c: Vec<&str> = line.split('\t').collect();
            let err = |msg: &str| EventError::Data {
                file: "events/cameo.tsv".into(),
                line: no + 1,
                msg: msg.into(),
            };
            if c.len() < 4 {
                return Err(err("expected code, name, goldstein, quad_class"));
            }
            let goldstein = c[2].trim().parse().map_err(|_| err("bad goldstein"))?;
            let quad_class = c[3].trim().parse().map_err(|_| err("bad quad_class"))?;
            let opt = |i: usize| {
                c.get(i)
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            codes.insert(
                c[0].trim().to_string(),
                CameoCode {
                    code: c[0].trim().to_string(),
                    name: c[1].trim().to_string(),
                    goldstein,
                    quad_class,
                    plover_event: opt(4),
                    plover_mode: opt(5),
                },
            );
        }
        Ok(CameoTable { codes })
    }

    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.codes.get(code)
    }

    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains_key(code)
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

/// CAMEO codes a future or intended action by what is said about it, not by the action: a
/// planned cooperative act is an expression of intent (03x: "will meet" is 036, "will provide
/// military aid" 0332), a planned act of force a threat (13x: "will attack" is 138). Other codes,
/// and events that occurred, keep their code.
pub fn intent_code(code: &str, planned: bool) -> Option<&'static str> {
    if !planned {
        return None;
    }
    Some(match code {
        c if c.starts_with("04") => "036",
        "0311" | "061" => "0311",
        "062" => "0312",
        "063" => "0313",
        "064" => "0314",
        c if c.starts_with("06") => "031",
        "071" => "0331",
        "072" => "0332",
        "073" => "0333",
        "074" => "0334",
        c if c.starts_with("07") => "033",
        "081" => "0351",
        "082" => "0352",
        "083" => "034",
        "0831" => "0341",
        "0832" => "0342",
        "0833" => "0343",
        "0834" => "0344",
        c if c.starts_with("084") => "0353",
        "085" => "0354",
        c if c.starts_with("086") => "0355",
        c if c.starts_with("087") => "0356",
        c if c.starts_with("08") => "035",
        c if c.starts_with("05") => "032",
        "163" => "1312",
        // Breaking relations is threatened as 1313, cutting aid as 1311 (CAMEO's own pairs).
        "161" => "1313",
        c if c.starts_with("162") => "1311",
        c if c.starts_with("16") => "131",
        c if c.starts_with("17") => "137",
        c if c.starts_with("18") || c.starts_with("19") || c.starts_with("20") => "138",
        _ => return None,
    })
}

/// CAMEO codes a refusal to cooperate as a rejection (12x): "will not lift the embargo" is
/// 1242, "refused to release" 1241, "has no plans to meet" 125.
pub fn refusal_code(code: &str) -> Option<&'static str> {
    Some(match code {
        c if c.starts_with("04") || c == "036" => "125",
        "061" | "0311" => "1211",
        "062" | "0312" => "1212",
        c if c.starts_with("06") || c.starts_with("031") => "121",
        c if c.starts_with("07") || c.starts_with("033") => "122",
        c if c.starts_with("084") || c == "0353" => "1241",
        "085" | "081" | "0354" | "0351" => "1242",
        "082" | "0352" => "1243",
        c if c.starts_with("083") || c.starts_with("034") => "1244",
        c if c.starts_with("086") || c == "0355" => "1245",
        c if c.starts_with("087") || c == "0356" => "1246",
        c if c.starts_with("08") || c == "035" => "124",
        c if c.starts_with("05") || c.starts_with("03") => "120",
        _ => return None,
    })
}

/// The ConfliBERT "penta class" of a CAMEO code: 0 statement/appeal (01-02), 1 verbal
/// cooperation (03-05), 2 material cooperation (06-08), 3 verbal conflict (09-13, 16),
/// 4 material conflict (14, 15, 17-20).
pub fn penta_class(code: &str) -> Option<u8> {
    let root: u8 = code.get(..2)?.parse().ok()?;
    Some(match root {
        1 | 2 => 0,
        3..=5 => 1,
        6..=8 => 2,
        9..=13 | 16 => 3,
        14 | 15 | 17..=20 => 4,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_has_every_root() {
        let t = CameoTable::builtin().unwrap();
        for r in 1..=20 {
            let code = format!("{r:02}");
            assert!(t.contains(&code), "{code}");
        }
        let c = t.get("042").unwrap();
        assert_eq!(c.quad_class, 1);
        assert_eq!(c.plover_event.as_deref(), Some("CONSULT"));
        assert_eq!(c.plover_mode.as_deref(), Some("visit"));
        assert_eq!(
            t.get("1823").unwrap().plover_event.as_deref(),
            Some("ASSAULT")
        );
        // The manual's root-level PLOVER rule wins over the draft's code-level exceptions.
        for (code, ev) in [("163", "SANCTION"), ("1712", "COERCE"), ("192", "ASSAULT")] {
            assert_eq!(
                t.get(code).unwrap().plover_event.as_deref(),
                Some(ev),
                "{code}"
            );
        }
        assert_eq!(penta_class("0874"), Some(2));
        assert_eq!(intent_code("042", true), Some("036"));
        assert_eq!(intent_code("0874", true), Some("0356"));
        assert_eq!(intent_code("195", true), Some("138"));
        assert_eq!(intent_code("195", false), None);
        assert_eq!(intent_code("112", true), None);
        assert_eq!(refusal_code("0841"), Some("1241"));
        assert_eq!(refusal_code("040"), Some("125"));
        assert_eq!(refusal_code("190"), None);
        for c in ["125", "1241", "1242", "1246", "121", "122", "120", "124"] {
            assert!(t.contains(c), "{c}");
        }
        for c in [
            "036", "0356", "138", "1312", "0353", "0332", "032", "031", "033", "035", "137",
        ] {
            assert!(t.contains(c), "{c}");
        }
        assert_eq!(penta_class("163"), Some(3));
        assert_eq!(penta_class("145"), Some(4));
    }
}
