//! PLOVER gold-standard records (`PLOVER_GSR_CAMEO.txt`): a JSON array of sentences, each with
//! `event`, `source`/`target` actor lists (`code` = country, `sector`) and `text`.

use std::path::Path;

use attache_doc::DocMeta;
use attache_pipeline::Pipeline;
use serde::Serialize;
use serde_json::Value;

use crate::metrics::{Classes, Prf, Summary};
use crate::{primary_among, primary_event, read, EvalError, Report};

/// Old PLOVER labels used in the gold file, mapped to PLOVER 0.8.
pub fn normalise_event(e: &str) -> String {
    match e.trim().to_ascii_uppercase().as_str() {
        "DEMAND" => "REQUEST".into(),
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE".into(),
        "FIGHT" => "ASSAULT".into(),
        other => other.to_string(),
    }
}

/// CAMEO-era country codes that differ from ISO 3166 alpha-3.
fn normalise_country(c: &str) -> String {
    let c = c.trim().to_ascii_uppercase();
    match c.as_str() {
        "JAP" => "JPN".into(),
        "ROM" => "ROU".into(),
        "ZAR" => "COD".into(),
        "TMP" => "TLS".into(),
        "KSV" | "XKX" => "KOS".into(),
        "GZS" | "WSB" => "PSE".into(),
        "UNO" => "IGO".into(),
        _ => c.chars().take(3).collect(),
    }
}

fn normalise_sector(s: &str) -> Option<String> {
    let s: String = s
        .trim()
        .chars()
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase();
    match s.as_str() {
        "" | "***" => None,
        "CIV" => Some("CVL".into()),
        "INS" => Some("REB".into()),
        _ => Some(s),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: String,
    pub text: String,
    pub gold_event: String,
    pub pred_event: Option<String>,
    pub gold_source: Vec<String>,
    pub pred_source: Vec<String>,
    pub gold_target: Vec<String>,
    pub pred_target: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct PloverReport {
    pub events: Classes,
    pub source_country: Prf,
    pub target_country: Prf,
    pub source_sector: Prf,
    pub target_sector: Prf,
    pub items: Vec<Item>,
}

fn actors(v: Option<&Value>) -> Vec<(String, Option<String>)> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| {
                let code = x.get("code")?.as_str()?;
                Some((
                    normalise_country(code),
                    x.get("sector")
                        .and_then(|s| s.as_str())
                        .and_then(normalise_sector),
                ))
            })
            .collect(),
        _ => Vec::new(),
    }
}

pub fn evaluate(path: &Path, pipeline: &Pipeline) -> Result<PloverReport, EvalError> {
    let text = read(path)?;
    let v: Value = serde_json::from_str(&text)
        .map_err(|e| EvalError::Format(path.display().to_string(), e.to_string()))?;
    let arr = v.as_array().ok_or_else(|| {
        EvalError::Format(path.display().to_string(), "expected a JSON array".into())
    })?;
    let mut r = PloverReport::default();
    for rec in arr {
        let ev = rec.get("event").and_then(|x| x.as_str()).unwrap_or("");
        let Some(text) = rec.get("text").and_then(|x| x.as_str()) else {
            continue;
        };
        if ev.is_empty() || ev == "DOCUMENT" {
            continue;
        }
        let gold = normalise_event(ev);
        let id = rec
            .get("id")
            .and_then(|x| x.as_str())
            .unwrap_or("")
            .to_string();
        let (_, events) = pipeline.code_text(
            DocMeta {
                id: id.clone(),
                ..Default::default()
            },
            text,
        );
        // PLOVER has no category for CAMEO's statements and appeals (01, 02): a PLOVER coder
        // reports the sentence's first event that has one.
        let p = primary_among(events.iter().filter(|e| e.plover.event.is_some()))
            .or_else(|| primary_event(&events));
        let pred = p.and_then(|e| e.plover.event.clone());
        r.events.add(&gold, pred.as_deref());
        let gs = actors(rec.get("source"));
        let gt = actors(rec.get("target"));
        let side = |v: &[attache_events::ActorRef]| -> Vec<(String, Option<String>)> {
            v.iter()
                .map(|a| (a.country.clone().unwrap_or_default(), a.sector.clone()))
                .collect()
        };
        let ps = p.map(|e| side(&e.actor)).unwrap_or_default();
        let pt = p.map(|e| side(&e.recipient)).unwrap_or_default();
        let countries = |v: &[(String, Option<String>)]| {
            v.iter()
                .map(|x| x.0.clone())
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
        };
        let sectors = |v: &[(String, Option<String>)]| {
            v.iter().filter_map(|x| x.1.clone()).collect::<Vec<_>>()
        };
        r.source_country
            .add(Prf::of_sets(&countries(&gs), &countries(&ps)));
        r.target_country
            .add(Prf::of_sets(&countries(&gt), &countries(&pt)));
        r.source_sector
            .add(Prf::of_sets(&sectors(&gs), &sectors(&ps)));
        r.target_sector
            .add(Prf::of_sets(&sectors(&gt), &sectors(&pt)));
        let fmt = |v: &[(String, Option<String>)]| {
            v.iter()
                .map(|(c, s)| format!("{c}{}", s.as_deref().unwrap_or("")))
                .collect()
        };
        r.items.push(Item {
            id,
            text: text.to_string(),
            gold_event: gold,
            pred_event: pred,
            gold_source: fmt(&gs),
            pred_source: fmt(&ps),
            gold_target: fmt(&gt),
            pred_target: fmt(&pt),
        });
    }
    Ok(r)
}

impl Report for PloverReport {
    fn table(&self) -> String {
        let mut s = format!(
            "PLOVER gold standard: {} sentences, {} with no event coded\n  event type accuracy {:.3}   macro-F1 {:.3}\n",
            self.events.total, self.events.missing, self.events.accuracy(), self.events.macro_f1()
        );
        s += &format!(
            "  {:<16} {:>9} {:>9} {:>9}\n",
            "actor field", "precision", "recall", "F1"
        );
        for (name, p) in [
            ("source country", self.source_country),
            ("target country", self.target_country),
            ("source sector", self.source_sector),
            ("target sector", self.target_sector),
        ] {
            s += &format!(
                "  {:<16} {:>9.3} {:>9.3} {:>9.3}\n",
                name,
                p.precision(),
                p.recall(),
                p.f1()
            );
        }
        s += &self.events.table();
        s
    }
    fn json(&self) -> String {
        serde_json::json!({
            "dataset": "plover-gsr",
            "sentences": self.events.total,
            "event": self.events.json(),
            "source_country": Summary::from(self.source_country),
            "target_country": Summary::from(self.target_country),
            "source_sector": Summary::from(self.source_sector),
            "target_sector": Summary::from(self.target_sector),
        })
        .to_string()
    }
    fn errors(&self) -> String {
        let mut s = String::from("\nerrors (gold -> predicted):\n");
        for it in &self.items {
            if Some(&it.gold_event) != it.pred_event.as_ref()
                || it.gold_source != it.pred_source
                || it.gold_target != it.pred_target
            {
                s += &format!(
                    "{}\t{} -> {}\tsrc {:?} -> {:?}\ttgt {:?} -> {:?}\n\t{}\n",
                    it.id,
                    it.gold_event,
                    it.pred_event.as_deref().unwrap_or("-"),
                    it.gold_source,
                    it.pred_source,
                    it.gold_target,
                    it.pred_target,
                    it.text
                );
            }
        }
        s
    }
}
