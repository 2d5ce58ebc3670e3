//! Evaluation against human-annotated data: PLOVER gold-standard records and the ConfliBERT
//! CAMEO sets (time and place evaluations live with their stages). Loaders read the public file
//! formats from any path, so the same code scores held-out files.

pub mod conflibert;
pub mod metrics;
pub mod plover;
pub mod stages;
pub mod status;

use attache_events::EventRecord;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {0}: {1}")]
    Io(String, #[source] std::io::Error),
    #[error("{0}: {1}")]
    Format(String, String),
}

/// A printable evaluation report.
pub trait Report {
    /// Human-readable table.
    fn table(&self) -> String;
    /// Machine-readable summary.
    fn json(&self) -> String;
    /// Per-item error listing.
    fn errors(&self) -> String;
}

/// The event that stands for a sentence when a data set has one label per sentence: the first
/// occurred (or else first) event whose trigger is earliest, preferring events with a source. A
/// refusal ("will not lift the ban", coded as a CAMEO 12 rejection with the refused act's
/// negated status) is an act that happened and counts as occurred here.
pub fn primary_event(events: &[EventRecord]) -> Option<&EventRecord> {
    primary_among(events.iter())
}

/// [`primary_event`] among a selection of a sentence's events.
pub fn primary_among<'a>(events: impl Iterator<Item = &'a EventRecord>) -> Option<&'a EventRecord> {
    events.min_by_key(|e| {
        (
            e.status == attache_events::Status::Negated && e.cameo_root != "12",
            e.actor.is_empty(),
            e.trigger.start,
        )
    })
}

pub(crate) fn read(path: &std::path::Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|e| EvalError::Io(path.display().to_string(), e))
}
