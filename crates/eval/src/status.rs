//! Status, attribution and counts against the project's own gold file (JSON Lines):
//!
//! ```json
//! {"id": "s001", "date": "2025-02-17", "text": "...",
//!  "events": [{"trigger": "meet", "status": "planned", "attribution": ["Reuters"],
//!              "counts": [{"kind": "killed", "value": 12, "qualifier": "at least"}]}]}
//! ```
//!
//! Each gold event is matched to the coded event whose trigger text contains the gold trigger
//! (case-insensitive; the first unused one in text order). Scored per field over matched events:
//! status accuracy; attribution accuracy (the same set of sources, each gold source contained in
//! a predicted one or vice versa, case-insensitive; `[]` means the article's own statement);
//! counts accuracy (the same set of kind, value and qualifier). Unmatched gold events count as
//! wrong in every field and are reported as misses.

use std::path::Path;

use attache_doc::DocMeta;
use attache_events::EventRecord;
use attache_pipeline::Pipeline;
use serde::Deserialize;

use crate::{read, EvalError, Report};

#[derive(Debug, Clone, Deserialize)]
pub struct GoldCount {
    pub kind: String,
    pub value: f64,
    #[serde(default)]
    pub qualifier: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    pub trigger: String,
    pub status: String,
    #[serde(default)]
    pub attribution: Option<Vec<String>>,
    #[serde(default)]
    pub counts: Option<Vec<GoldCount>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldCase {
    pub id: String,
    #[serde(default)]
    pub date: Option<String>,
    pub text: String,
    pub events: Vec<GoldEvent>,
}

#[derive(Debug, Clone, Default)]
pub struct Field {
    pub correct: usize,
    pub total: usize,
}

impl Field {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        if ok {
            self.correct += 1;
        }
    }
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct StatusReport {
    pub cases: usize,
    pub found: Field,
    pub status: Field,
    pub attribution: Field,
    pub counts: Field,
    pub errors: Vec<String>,
}

/// Lower case, without a leading "the" and without diacritics ("Szijjártó" = "Szijjarto").
fn norm(s: &str) -> String {
    let folded: String = s
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ő' | 'ø' | 'ō' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ű' | 'ū' => 'u',
            'ç' | 'č' | 'ć' => 'c',
            'ñ' | 'ń' => 'n',
            'ş' | 'š' | 'ś' => 's',
            'ğ' => 'g',
            'ž' | 'ź' | 'ż' => 'z',
            'ł' => 'l',
            'ř' => 'r',
            'ý' => 'y',
            '’' => '\'',
            c => c,
        })
        .collect();
    folded.trim_start_matches("the ").to_string()
}

fn same_sources(gold: &[String], pred: &[String]) -> bool {
    let g: Vec<String> = gold.iter().map(|s| norm(s)).collect();
    let p: Vec<String> = pred.iter().map(|s| norm(s)).collect();
    let covers = |a: &Vec<String>, b: &Vec<String>| {
        a.iter().all(|x| {
            b.iter()
                .any(|y| y.contains(x.as_str()) || x.contains(y.as_str()))
        })
    };
    covers(&g, &p) && covers(&p, &g)
}

fn same_counts(gold: &[GoldCount], e: &EventRecord) -> bool {
    if gold.len() != e.counts.len() {
        return false;
    }
    gold.iter().all(|g| {
        e.counts.iter().any(|c| {
            c.kind == g.kind
                && (c.value - g.value).abs() < 1e-6
                && c.qualifier.as_deref().map(str::to_lowercase)
                    == g.qualifier.as_deref().map(str::to_lowercase)
        })
    })
}

pub fn evaluate(path: &Path, pipeline: &Pipeline) -> Result<StatusReport, EvalError> {
    let text = read(path)?;
    let mut r = StatusReport::default();
    for (no, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: GoldCase = serde_json::from_str(line).map_err(|e| {
            EvalError::Format(format!("{}:{}", path.display(), no + 1), e.to_string())
        })?;
        r.cases += 1;
        let date = case.date.as_deref().and_then(chrono_date);
        let (_, events) = pipeline.code_text(
            DocMeta {
                id: case.id.clone(),
                date,
                ..Default::default()
            },
            &case.text,
        );
        let mut used = vec![false; events.len()];
        for g in &case.events {
            let gt = g.trigger.to_lowercase();
            let hit = events
                .iter()
                .enumerate()
                .find(|(k, e)| !used[*k] && e.trigger.text.to_lowercase().contains(&gt));
            let Some((k, e)) = hit else {
                r.found.add(false);
                r.status.add(false);
                if g.attribution.is_some() {
                    r.attribution.add(false);
                }
                if g.counts.is_some() {
                    r.counts.add(false);
                }
                r.errors.push(format!(
                    "{}\tMISS `{}` ({})\t{}",
                    case.id, g.trigger, g.status, case.text
                ));
                continue;
            };
            used[k] = true;
            r.found.add(true);
            let st = e.status.as_str() == g.status;
            r.status.add(st);
            if !st {
                r.errors.push(format!(
                    "{}\tSTATUS `{}` gold {} got {}\t{}",
                    case.id,
                    g.trigger,
                    g.status,
                    e.status.as_str(),
                    case.text
                ));
            }
            if let Some(ga) = &g.attribution {
                let pa: Vec<String> = e.attribution.iter().map(|a| a.source.clone()).collect();
                let ok = same_sources(ga, &pa);
                r.attribution.add(ok);
                if !ok {
                    r.errors.push(format!(
                        "{}\tATTRIBUTION `{}` gold {:?} got {:?}\t{}",
                        case.id, g.trigger, ga, pa, case.text
                    ));
                }
            }
            if let Some(gc) = &g.counts {
                let ok = same_counts(gc, e);
                r.counts.add(ok);
                if !ok {
                    let got: Vec<String> = e
                        .counts
                        .iter()
                        .map(|c| show_count(&c.kind, c.value, c.qualifier.as_deref()))
                        .collect();
                    let want: Vec<String> = gc
                        .iter()
                        .map(|c| show_count(&c.kind, c.value, c.qualifier.as_deref()))
                        .collect();
                    r.errors.push(format!(
                        "{}\tCOUNTS `{}` gold {:?} got {:?}\t{}",
                        case.id, g.trigger, want, got, case.text
                    ));
                }
            }
        }
    }
    Ok(r)
}

fn chrono_date(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

impl Report for StatusReport {
    fn table(&self) -> String {
        let mut s = format!(
            "Status, attribution and counts: {} cases\n  {:<14} {:>8} {:>8} {:>9}\n",
            self.cases, "field", "correct", "total", "accuracy"
        );
        for (name, f) in [
            ("event found", &self.found),
            ("status", &self.status),
            ("attribution", &self.attribution),
            ("counts", &self.counts),
        ] {
            s += &format!(
                "  {:<14} {:>8} {:>8} {:>9.3}\n",
                name,
                f.correct,
                f.total,
                f.accuracy()
            );
        }
        s
    }
    fn json(&self) -> String {
        let f = |x: &Field| serde_json::json!({"accuracy": x.accuracy(), "correct": x.correct, "total": x.total});
        serde_json::json!({"dataset": "status", "cases": self.cases, "found": f(&self.found), "status": f(&self.status), "attribution": f(&self.attribution), "counts": f(&self.counts)}).to_string()
    }
    fn errors(&self) -> String {
        let mut s = String::from("\nerrors:\n");
        for e in &self.errors {
            s += e;
            s.push('\n');
        }
        s
    }
}

/// A count as the error listing shows it: "killed 1200 approximately".
fn show_count(kind: &str, value: impl std::fmt::Display, qualifier: Option<&str>) -> String {
    format!("{kind} {value} {}", qualifier.unwrap_or("-"))
}
