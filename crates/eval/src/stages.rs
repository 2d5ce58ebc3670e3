//! Adapters that print the time and place evaluations (which live with their stages) through
//! the common [`Report`] interface.

use std::fmt::Display;
use std::path::{Path, PathBuf};

use attache_pipeline::Pipeline;
use serde::Serialize;

use crate::{EvalError, Report};

/// A stage report: its `Display` table, its JSON summary (without the error list) and its
/// error lines.
pub struct StageReport {
    table: String,
    json: String,
    errors: String,
}

impl StageReport {
    fn new<T: Display + Serialize>(dataset: &str, r: &T, errors: String) -> Self {
        let mut v = serde_json::to_value(r).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.remove("errors");
            o.insert("dataset".into(), dataset.into());
        }
        StageReport {
            table: r.to_string(),
            json: v.to_string(),
            errors,
        }
    }
}

impl Report for StageReport {
    fn table(&self) -> String {
        self.table.clone()
    }
    fn json(&self) -> String {
        self.json.clone()
    }
    fn errors(&self) -> String {
        self.errors.clone()
    }
}

/// TimeML (TempEval-3 style) over a file or a directory of `.tml` files.
pub fn timeml(path: &Path, pipeline: &Pipeline) -> Result<StageReport, EvalError> {
    let prepare = |d: &mut attache_doc::Document| attache_text::analyze(d, &pipeline.lexicon);
    let r = attache_time::eval::evaluate(&[PathBuf::from(path)], &pipeline.time, &prepare)
        .map_err(|e| EvalError::Format(path.display().to_string(), e.to_string()))?;
    let errors: String = r.errors.iter().map(|e| format!("{e}\n")).collect();
    Ok(StageReport::new("timeml", &r, errors))
}

/// Toponyms in the TR-News / LGL XML format.
pub fn geo(path: &Path, pipeline: &Pipeline) -> Result<StageReport, EvalError> {
    // Places are resolved after the actor layer, as in the full pipeline.
    let prepare = |d: &mut attache_doc::Document| {
        attache_text::analyze(d, &pipeline.lexicon);
        pipeline.actors.annotate(d);
    };
    let r = attache_places::eval::evaluate(path, &pipeline.places, &prepare)
        .map_err(|e| EvalError::Format(path.display().to_string(), e.to_string()))?;
    let errors: String = r.errors.iter().map(|e| format!("{e:?}\n")).collect();
    Ok(StageReport::new("geo", &r, errors))
}
