//! The trigger dictionary (`data/events/verbs.tsv`, `nouns.tsv`, `adjectives.tsv`,
//! `light_verbs.tsv`): which words, in which frames, code which CAMEO event.

use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::collections::HashSet;

use crate::EventError;

/// One element of a frame (see `data/README.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    Words { words: Vec<String>, optional: bool },
    Target,
    Skip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerKind {
    Verb,
    Noun,
}

#[derive(Debug, Clone)]
pub struct TriggerEntry {
    /// CAMEO code, or `None` for a `---` blocking line.
    pub code: Option<String>,
    /// Head words: for verbs the lemma first then particles (`carry out`); for nouns the
    /// modifiers then the head noun (`air strike`).
    pub head: Vec<String>,
    pub frame: Vec<Elem>,
    pub kind: TriggerKind,
    pub line: usize,
}

impl TriggerEntry {
    /// More frame elements and longer heads are more specific.
    pub fn specificity(&self) -> usize {
        self.head.len() * 2
            + self
                .frame
                .iter()
                .map(|e| match e {
                    Elem::Words {
                        optional: false, ..
                    } => 3,
                    Elem::Words { optional: true, .. } => 1,
                    Elem::Target => 2,
                    Elem::Skip => 0,
                })
                .sum::<usize>()
    }
    pub fn has_target(&self) -> bool {
        self.frame.contains(&Elem::Target)
    }
}

#[derive(Debug, Clone, Default)]
pub struct TriggerDictionary {
    /// Verb entries by the lemma of the verb (first head word). Fx hashing: the coder looks up
    /// every verb and noun token, and the keys are the project's own words.
    pub verbs: FxHashMap<String, Vec<TriggerEntry>>,
    /// Noun entries by the last head word, singular.
    pub nouns: FxHashMap<String, Vec<TriggerEntry>>,
    /// Predicate adjective entries ("is skeptical of"), by the adjective; coded like verbs.
    pub adjectives: FxHashMap<String, Vec<TriggerEntry>>,
    pub light_verbs: FxHashSet<String>,
    /// Multi-word light verbs by first word: `carry` -> [`out`].
    pub light_particles: FxHashMap<String, Vec<String>>,
}

pub struct TriggerSources<'a> {
    pub verbs: &'a str,
    pub nouns: &'a str,
    pub adjectives: &'a str,
    pub light_verbs: &'a str,
}

impl TriggerSources<'static> {
    pub fn builtin() -> Self {
        TriggerSources {
            verbs: include_str!("../../../data/events/verbs.tsv"),
            nouns: include_str!("../../../data/events/nouns.tsv"),
            adjectives: include_str!("../../../data/events/adjectives.tsv"),
            light_verbs: include_str!("../../../data/events/light_verbs.tsv"),
        }
    }
}

pub fn parse_frame(s: &str) -> Vec<Elem> {
    s.split_whitespace()
        .map(|tok| match tok {
            "+" => Elem::Target,
            "..." => Elem::Skip,
            w => {
                let optional = w.ends_with('?');
                let w = w.trim_end_matches('?');
                Elem::Words {
                    words: w
                        .split('|')
                        .map(|x| x.to_ascii_lowercase())
                        .filter(|x| !x.is_empty())
                        .collect(),
                    optional,
                }
            }
        })
        .collect()
}

/// Singular of a plural noun by the regular rules (enough for trigger heads). Borrowed unless
/// a letter changes (`casualties`): the coder asks this of every noun token.
pub fn singular(w: &str) -> Cow<'_, str> {
    if let Some(s) = w.strip_suffix("ies") {
        if s.len() > 2 {
            return Cow::Owned(format!("{s}y"));
        }
    }
    for suf in ["ches", "shes", "sses", "xes"] {
        if w.ends_with(suf) {
            return Cow::Borrowed(&w[..w.len() - 2]);
        }
    }
    if w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && w.len() > 3
    {
        return Cow::Borrowed(&w[..w.len() - 1]);
    }
    Cow::Borrowed(w)
}

impl TriggerDictionary {
    pub fn builtin() -> Result<Self, EventError> {
        Self::parse(&TriggerSources::builtin())
    }

    pub fn parse(src: &TriggerSources) -> Result<Self, EventError> {
        let mut d = TriggerDictionary::default();
        for (file, text, kind, adjective) in [
            ("events/verbs.tsv", src.verbs, TriggerKind::Verb, false),
            ("events/nouns.tsv", src.nouns, TriggerKind::Noun, false),
            (
                "events/adjectives.tsv",
                src.adjectives,
                TriggerKind::Verb,
                true,
            ),
        ] {
            for (no, line) in text.lines().enumerate() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let c: Vec<&str> = line.split('\t').collect();
                if c.len() < 2 {
                    return Err(EventError::Data {
                        file: file.into(),
                        line: no + 1,
                        msg: "expected code and head".into(),
                    });
                }
                let code = c[0].trim();
                let code = if code == "---" {
                    None
                } else if code.len() >= 2
                    && code.len() <= 4
                    && code.chars().all(|x| x.is_ascii_digit())
                {
                    Some(code.to_string())
                } else {
                    return Err(EventError::Data {
                        file: file.into(),
                        line: no + 1,
                        msg: format!("bad code `{code}`"),
                    });
                };
                let head: Vec<String> = c[1]
                    .split_whitespace()
                    .map(|w| w.to_ascii_lowercase())
                    .collect();
                if head.is_empty() {
                    return Err(EventError::Data {
                        file: file.into(),
                        line: no + 1,
                        msg: "empty head".into(),
                    });
                }
                let frame = parse_frame(c.get(2).copied().unwrap_or(""));
                let key = match kind {
                    TriggerKind::Verb => head[0].clone(),
                    TriggerKind::Noun => {
                        singular(head.last().map_or("", String::as_str)).into_owned()
                    }
                };
                let e = TriggerEntry {
                    code,
                    head,
                    frame,
                    kind,
                    line: no + 1,
                };
                let map = if adjective {
                    &mut d.adjectives
                } else if kind == TriggerKind::Verb {
                    &mut d.verbs
                } else {
                    &mut d.nouns
                };
                map.entry(key).or_default().push(e);
            }
        }
        for line in src.light_verbs.lines() {
            let l = line
                .split('\t')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if l.is_empty() || l.starts_with('#') || l == "verb" {
                continue;
            }
            let mut words = l.split_whitespace();
            let first = words.next().unwrap_or("").to_string();
            let rest: Vec<String> = words.map(str::to_string).collect();
            if !rest.is_empty() {
                d.light_particles
                    .entry(first.clone())
                    .or_default()
                    .extend(rest);
            }
            d.light_verbs.insert(first);
        }
        for v in d
            .verbs
            .values_mut()
            .chain(d.nouns.values_mut())
            .chain(d.adjectives.values_mut())
        {
            v.sort_by_key(|e| std::cmp::Reverse(e.specificity()));
        }
        Ok(d)
    }

    /// All verb lemmas (first words), for the lexicon.
    pub fn verb_lemmas(&self) -> impl Iterator<Item = &str> {
        self.verbs
            .keys()
            .map(String::as_str)
            .chain(self.light_verbs.iter().map(String::as_str))
    }

    /// All predicate adjectives, for the lexicon.
    pub fn adjective_lemmas(&self) -> impl Iterator<Item = &str> {
        self.adjectives.keys().map(String::as_str)
    }

    /// All noun heads (singular), for the lexicon.
    pub fn noun_lemmas(&self) -> impl Iterator<Item = &str> {
        self.nouns.keys().map(String::as_str)
    }

    /// Multi-word noun triggers ("air strike"), for the lexicon's compounds.
    pub fn noun_phrases(&self) -> impl Iterator<Item = String> + '_ {
        self.nouns
            .values()
            .flatten()
            .filter(|e| e.head.len() > 1)
            .map(|e| e.head.join(" "))
    }

    /// Distinct CAMEO codes in the dictionary.
    pub fn codes(&self) -> HashSet<&str> {
        self.verbs
            .values()
            .chain(self.nouns.values())
            .chain(self.adjectives.values())
            .flatten()
            .filter_map(|e| e.code.as_deref())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_frames() {
        assert_eq!(
            parse_frame("by phone? with +"),
            vec![
                Elem::Words {
                    words: vec!["by".into()],
                    optional: false
                },
                Elem::Words {
                    words: vec!["phone".into()],
                    optional: true
                },
                Elem::Words {
                    words: vec!["with".into()],
                    optional: false
                },
                Elem::Target
            ]
        );
        assert_eq!(singular("strikes"), "strike");
        assert_eq!(singular("talks"), "talk");
        assert_eq!(singular("casualties"), "casualty");
        assert_eq!(singular("crisis"), "crisis");
    }

    #[test]
    fn builtin_dictionary_covers_every_root() {
        let d = TriggerDictionary::builtin().unwrap();
        let codes = d.codes();
        for r in 1..=20 {
            let root = format!("{r:02}");
            assert!(
                codes.iter().any(|c| c.starts_with(&root)),
                "no trigger for root {root}"
            );
        }
        assert!(codes.len() >= 150, "only {} distinct codes", codes.len());
        let table = crate::CameoTable::builtin().unwrap();
        for c in codes {
            assert!(table.contains(c), "unknown CAMEO code {c}");
        }
    }
}
