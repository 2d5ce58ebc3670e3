//! The whole pipeline: text -> mentions (actors, times, places, numbers) -> clauses -> events.
//!
//! [`Pipeline`] loads every dictionary once (about a hundred milliseconds) and is then shared,
//! read-only, by any number of threads; [`Pipeline::code`] runs every stage over one document.

use std::path::Path;

use attache_actors::{ActorDictionary, ActorTagger};
use attache_doc::{DocMeta, Document};
use attache_events::{Coder, EventRecord, TriggerDictionary, TriggerSources};
use attache_text::Lexicon;

pub use attache_doc;
pub use attache_events;
pub use attache_text;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Actors(#[from] attache_actors::ActorError),
    #[error(transparent)]
    Events(#[from] attache_events::EventError),
    #[error(transparent)]
    Text(#[from] attache_text::TextError),
    #[error(transparent)]
    Places(#[from] attache_places::PlaceError),
    #[error("cannot read {0}: {1}")]
    Io(String, #[source] std::io::Error),
}

pub const IRREGULAR_VERBS: &str = include_str!("../../../data/lexicon/irregular_verbs.tsv");
pub const COMMON_VERBS: &str = include_str!("../../../data/lexicon/verbs.txt");
pub const ADJECTIVES: &str = include_str!("../../../data/lexicon/adjectives.txt");

/// Every stage, loaded.
pub struct Pipeline {
    pub lexicon: Lexicon,
    pub actors: ActorTagger,
    pub time: attache_time::TimeTagger,
    pub places: attache_places::PlaceTagger,
    pub coder: Coder,
}

fn places() -> Result<attache_places::PlaceTagger, PipelineError> {
    Ok(attache_places::PlaceTagger::new(
        attache_places::Gazetteer::load_builtin()?,
    ))
}

fn build_lexicon(
    irregular: &str,
    common: &str,
    adjectives: &str,
    triggers: &TriggerDictionary,
) -> Result<Lexicon, PipelineError> {
    let mut lex = Lexicon::new();
    lex.load_irregular(irregular)?;
    lex.add_adjectives(adjectives);
    for l in common
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        lex.add_verb(l);
    }
    // Sorted: the dictionary is a hash map, and the order forms are added in decides which
    // lemma an ambiguous form ("lay", "found") gets; output must not vary between runs.
    let mut verbs: Vec<String> = triggers.verb_lemmas().map(str::to_string).collect();
    verbs.sort();
    verbs.dedup();
    for v in verbs {
        lex.add_verb(&v);
    }
    // Predicate adjectives are adjectives whatever else the word could be.
    let mut adjs: Vec<&str> = triggers.adjective_lemmas().collect();
    adjs.sort_unstable();
    lex.add_adjectives(&adjs.join("\n"));
    let mut nouns: Vec<String> = triggers
        .noun_lemmas()
        .map(str::to_string)
        .chain(triggers.noun_phrases())
        .collect();
    nouns.sort();
    nouns.dedup();
    for n in nouns {
        lex.add_noun(&n);
    }
    Ok(lex)
}

impl Pipeline {
    /// The pipeline with the dictionaries compiled into the binary.
    pub fn builtin() -> Result<Self, PipelineError> {
        let coder = Coder::builtin()?;
        let lexicon = build_lexicon(IRREGULAR_VERBS, COMMON_VERBS, ADJECTIVES, &coder.triggers)?;
        Ok(Pipeline {
            lexicon,
            actors: ActorTagger::builtin()?,
            time: attache_time::TimeTagger::new(),
            places: places()?,
            coder,
        }
        .bind_vocabulary())
    }

    /// The time and place word lists get vocabulary ids in the lexicon: the text stage marks
    /// each token with its word's id once, and those stages read their tables by id instead of
    /// hashing the word again.
    fn bind_vocabulary(mut self) -> Self {
        self.time.bind_vocabulary(&mut self.lexicon);
        self.places.bind_vocabulary(&mut self.lexicon);
        self
    }

    /// The pipeline with dictionaries read from a data directory laid out like `data/`.
    pub fn from_dir(dir: &Path) -> Result<Self, PipelineError> {
        let read = |rel: &str| {
            let p = dir.join(rel);
            std::fs::read_to_string(&p).map_err(|e| PipelineError::Io(p.display().to_string(), e))
        };
        let (v, n, a, l) = (
            read("events/verbs.tsv")?,
            read("events/nouns.tsv")?,
            read("events/adjectives.tsv")?,
            read("events/light_verbs.tsv")?,
        );
        let triggers = TriggerDictionary::parse(&TriggerSources {
            verbs: &v,
            nouns: &n,
            adjectives: &a,
            light_verbs: &l,
        })?;
        let table = attache_events::CameoTable::parse(&read("events/cameo.tsv")?)?;
        let lexicon = build_lexicon(
            &read("lexicon/irregular_verbs.tsv")?,
            &read("lexicon/verbs.txt")?,
            &read("lexicon/adjectives.txt")?,
            &triggers,
        )?;
        Ok(Pipeline {
            lexicon,
            actors: ActorTagger::new(ActorDictionary::from_dir(dir)?),
            time: attache_time::TimeTagger::new(),
            places: places()?,
            coder: Coder {
                triggers,
                table,
                cues: attache_events::Cues::parse(&read("events/cues.tsv")?)?,
            },
        }
        .bind_vocabulary())
    }

    /// Run every annotation stage over `doc` (text, mentions, clauses).
    pub fn analyze(&self, doc: &mut Document) {
        attache_text::analyze(doc, &self.lexicon);
        self.actors.annotate(doc);
        self.time.annotate(doc);
        self.places.annotate(doc);
        attache_numbers::annotate(doc);
        let lex = &self.lexicon;
        attache_clauses::segment(doc, &|d: &Document, i: usize| {
            lex.verb(d.low(i)).map(|(id, _)| lex.lemma(id).to_string())
        });
    }

    /// Analyse and code `doc`.
    pub fn code(&self, doc: &mut Document) -> Vec<EventRecord> {
        self.analyze(doc);
        self.coder.code(doc, &self.lexicon)
    }

    /// Convenience: code a text with the given metadata.
    pub fn code_text(&self, meta: DocMeta, text: &str) -> (Document, Vec<EventRecord>) {
        let mut doc = Document::new(meta, text);
        let ev = self.code(&mut doc);
        (doc, ev)
    }
}
