//! Actor mentions: who is named in the text, coded as country + sector.
//!
//! The dictionaries (`data/actors/*.tsv`) compile into one leftmost-longest aho-corasick automaton
//! run once over the lower-cased text. Matches are then grouped with the tokens around them into
//! noun phrases ("Russian Foreign Minister Sergei Lavrov" is one `RUSGOV` actor), and pronouns and
//! short names are linked back to earlier mentions.

mod dict;
mod phrase;

pub use dict::{
    split_code, ActorDictionary, ActorSources, Atom, CaseRule, Country, Org, Person, Role,
};
pub use phrase::ActorTagger;

#[derive(Debug, thiserror::Error)]
pub enum ActorError {
    #[error("{file}:{line}: {msg}")]
    Data {
        file: String,
        line: usize,
        msg: String,
    },
    #[error("cannot read {0}: {1}")]
    Io(String, #[source] std::io::Error),
    #[error("cannot build the actor automaton: {0}")]
    Automaton(String),
}
