//! The event record: one JSON object per coded event, every field traced to character offsets.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    pub text: String,
    pub name: String,
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub start: usize,
    pub end: usize,
    /// Set when the text does not name the actor's country and it was taken from context:
    /// `coordination`, `place` or `event` (see `context::inherit_countries`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextSpan {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plover {
    pub event: Option<String>,
    pub mode: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// TIMEX3-style value (`2025-02-17`, `2025-W07`, `2025-01`), or `None` when unknown.
    pub value: Option<String>,
    /// `day`, `week`, `month`, `year`, ... or `document` when only the publication date is known.
    pub granularity: String,
    pub text: Option<String>,
    pub start: Option<usize>,
    pub end: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub text: String,
    pub name: String,
    pub country: Option<String>,
    pub geonameid: Option<u64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub feature: String,
    pub resolution: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub text: String,
    /// Normalised source: an outlet or official body name, or `unnamed`.
    pub source: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    /// `killed`, `injured`, `hostage`, `detained`, `displaced`, `missing`, `released`, `troops`, ...
    pub kind: String,
    pub value: f64,
    pub qualifier: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Who the figure is attributed to, when the text says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Occurred,
    Planned,
    Negated,
    Hypothetical,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Occurred => "occurred",
            Status::Planned => "planned",
            Status::Negated => "negated",
            Status::Hypothetical => "hypothetical",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s.trim() {
            "occurred" => Status::Occurred,
            "planned" => Status::Planned,
            "negated" => Status::Negated,
            "hypothetical" => Status::Hypothetical,
            _ => return None,
        })
    }
}

/// A coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: String,
    pub doc_id: String,
    /// Index of the sentence in the document.
    pub sentence: usize,
    pub cameo: String,
    pub cameo_root: String,
    pub goldstein: f32,
    pub quad_class: u8,
    pub plover: Plover,
    pub status: Status,
    pub actor: Vec<ActorRef>,
    pub recipient: Vec<ActorRef>,
    pub trigger: TextSpan,
    pub date: EventDate,
    pub location: Option<Location>,
    pub attribution: Vec<Attribution>,
    pub counts: Vec<Count>,
}
