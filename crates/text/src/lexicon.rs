//! Lemma lexicon: maps inflected verb and noun forms to lemmas.
//!
//! Built at start-up from the irregular-verb table (`data/lexicon/irregular_verbs.tsv`), the list
//! of common verbs (`data/lexicon/verbs.txt`), the adjective list (`data/lexicon/adjectives.txt`)
//! and the lemmas of the trigger dictionary; regular
//! forms are derived by rule, so the tables only need the exceptions.

use attache_doc::{LemmaId, Pos, VerbForm, WordId};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::TextError;

#[derive(Debug)]
pub struct Lexicon {
    /// This lexicon's vocabulary: unique to the instance (a clone gets its own, since the two
    /// may intern different words under the same ids).
    vocab: u64,
    /// Number of words interned ([`Lexicon::intern_word`]); ids are `1..=words`.
    words: u32,
    lemmas: Vec<String>,
    ids: HashMap<String, LemmaId>,
    /// Everything the tagger asks about a surface form (verb and noun readings, closed class,
    /// number word, listed adjective) in one map: one hash lookup per token instead of four.
    forms: HashMap<String, Forms>,
    /// Irregular forms by base: (past, participle, ing), used to inflect added verbs.
    irregular: HashMap<String, Irregular>,
    /// Two-word ends of multi-word nouns: the modifiers each head noun takes ("strike" <- "air"),
    /// so that the tagger keeps "air strikes" a noun.
    compounds: HashMap<LemmaId, HashSet<Box<str>>>,
}

/// What the lexicon knows of one lower-case surface form.
#[derive(Debug, Clone, Copy, Default)]
pub struct Forms {
    /// Listed verb reading (without the `re-` prefix rule of [`Lexicon::verb`]).
    pub verb: Option<(LemmaId, VerbForm)>,
    pub noun: Option<LemmaId>,
    /// The word's closed class ([`crate::closed_class`]).
    pub closed: Option<Pos>,
    /// A number word ("two", "dozens").
    pub number_word: bool,
    /// Listed in the adjective list (`data/lexicon/adjectives.txt`).
    pub adjective: bool,
    /// Vocabulary id, when a later stage interned the word ([`Lexicon::intern_word`]).
    pub word: Option<WordId>,
}

/// Source of vocabulary ids: every lexicon instance gets a different one (0 = none).
static NEXT_VOCAB: AtomicU64 = AtomicU64::new(1);

fn new_vocab() -> u64 {
    NEXT_VOCAB.fetch_add(1, Ordering::Relaxed)
}

impl Clone for Lexicon {
    fn clone(&self) -> Self {
        Lexicon {
            vocab: new_vocab(),
            words: self.words,
            lemmas: self.lemmas.clone(),
            ids: self.ids.clone(),
            forms: self.forms.clone(),
            irregular: self.irregular.clone(),
            compounds: self.compounds.clone(),
        }
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Debug, Clone, Default)]
struct Irregular {
    past: Vec<String>,
    participle: Vec<String>,
    ing: Vec<String>,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// `-s` form of a verb or plural of a noun by the regular rules.
pub fn regular_s(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &w[..n - 1])
    } else if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
        || (n >= 2 && b[n - 1] == b'o' && !is_vowel(b[n - 2]))
    {
        format!("{w}es")
    } else {
        format!("{w}s")
    }
}

fn regular_ed(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with('e') {
        format!("{w}d")
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ied", &w[..n - 1])
    } else {
        format!("{w}ed")
    }
}

fn regular_ing(w: &str) -> String {
    let n = w.len();
    if w.ends_with("ie") {
        format!("{}ying", &w[..n - 2])
    } else if w.ends_with('e')
        && !w.ends_with("ee")
        && !w.ends_with("ye")
        && !w.ends_with("oe")
        && n > 2
    {
        format!("{}ing", &w[..n - 1])
    } else {
        format!("{w}ing")
    }
}

fn list(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

impl Lexicon {
    /// An empty lexicon that knows the closed-class and number words.
    pub fn new() -> Self {
        let mut forms: HashMap<String, Forms> = HashMap::default();
        for &(pos, words) in crate::tagger::CLOSED_CLASS {
            for &w in words {
                forms.entry(w.to_string()).or_default().closed = Some(pos);
            }
        }
        for &w in crate::tagger::NUMBER_WORDS {
            forms.entry(w.to_string()).or_default().number_word = true;
        }
        Lexicon {
            vocab: new_vocab(),
            words: 0,
            lemmas: Vec::new(),
            ids: HashMap::default(),
            forms,
            irregular: HashMap::default(),
            compounds: HashMap::default(),
        }
    }

    /// Load the irregular-verb table: `base<TAB>past<TAB>participle[<TAB>ing]`.
    pub fn load_irregular(&mut self, tsv: &str) -> Result<(), TextError> {
        for (no, line) in tsv.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                return Err(TextError::Data {
                    file: "lexicon/irregular_verbs.tsv".into(),
                    line: no + 1,
                    msg: "expected base, past, participle".into(),
                });
            }
            let base = cols[0].trim().to_ascii_lowercase();
            let irr = Irregular {
                past: list(cols[1]),
                participle: list(cols[2]),
                ing: cols.get(3).map(|c| list(c)).unwrap_or_default(),
            };
            self.irregular.insert(base.clone(), irr);
            self.add_verb(&base);
        }
        Ok(())
    }

    fn intern(&mut self, lemma: &str) -> LemmaId {
        if let Some(&id) = self.ids.get(lemma) {
            return id;
        }
        let id = self.lemmas.len() as LemmaId;
        self.lemmas.push(lemma.to_string());
        self.ids.insert(lemma.to_string(), id);
        id
    }

    fn put_verb_form(&mut self, form: String, id: LemmaId, vf: VerbForm) {
        let slot = &mut self.forms.entry(form).or_default().verb;
        match *slot {
            None => *slot = Some((id, vf)),
            Some((old_id, old_vf)) => {
                // Same lemma, past and participle coincide ("met").
                if old_id == id
                    && matches!(
                        (old_vf, vf),
                        (VerbForm::Past, VerbForm::PastParticiple)
                            | (VerbForm::PastParticiple, VerbForm::Past)
                    )
                {
                    *slot = Some((id, VerbForm::PastOrParticiple));
                }
            }
        }
    }

    /// Add a verb lemma (lower case, single word; for "carry out" pass "carry") and its forms.
    pub fn add_verb(&mut self, lemma: &str) -> LemmaId {
        let lemma = lemma.trim().to_ascii_lowercase();
        let head = lemma.split(' ').next().unwrap_or("").to_string();
        let id = self.intern(&head);
        if self.verb_of(&head).is_some_and(|(i, _)| i == id) {
            return id;
        }
        self.put_verb_form(head.clone(), id, VerbForm::Base);
        self.put_verb_form(regular_s(&head), id, VerbForm::ThirdSing);
        let (past, part, ing) = match self.irregular.get(&head) {
            Some(irr) => (
                irr.past.clone(),
                irr.participle.clone(),
                if irr.ing.is_empty() {
                    vec![regular_ing(&head)]
                } else {
                    irr.ing.clone()
                },
            ),
            None => (
                vec![regular_ed(&head)],
                vec![regular_ed(&head)],
                vec![regular_ing(&head)],
            ),
        };
        for p in past {
            self.put_verb_form(p, id, VerbForm::Past);
        }
        for p in part {
            self.put_verb_form(p, id, VerbForm::PastParticiple);
        }
        for g in ing {
            self.put_verb_form(g, id, VerbForm::Gerund);
        }
        id
    }

    /// Add a noun lemma (singular, lower case; multi-word nouns register their last word).
    pub fn add_noun(&mut self, lemma: &str) -> LemmaId {
        let lemma = lemma.trim().to_ascii_lowercase();
        let mut words = lemma.rsplit(' ');
        let head = words.next().unwrap_or("").to_string();
        let modifier = words.next().map(Box::<str>::from);
        let id = self.intern(&head);
        if let Some(m) = modifier {
            self.compounds.entry(id).or_default().insert(m);
        }
        self.forms
            .entry(head.clone())
            .or_default()
            .noun
            .get_or_insert(id);
        if !head.ends_with('s') || head.ends_with("ss") {
            self.forms
                .entry(regular_s(&head))
                .or_default()
                .noun
                .get_or_insert(id);
        }
        id
    }

    /// Is `modifier` + the noun `head` the end of a listed multi-word noun ("air" + strike)?
    pub fn is_compound(&self, modifier: &str, head: LemmaId) -> bool {
        self.compounds
            .get(&head)
            .is_some_and(|ms| ms.contains(modifier))
    }

    pub fn lemma(&self, id: LemmaId) -> &str {
        self.lemmas.get(id as usize).map_or("", String::as_str)
    }

    pub fn id(&self, lemma: &str) -> Option<LemmaId> {
        self.ids.get(lemma).copied()
    }

    /// Register the adjectives of a list (one per line, `#` comments).
    pub fn add_adjectives(&mut self, list: &str) {
        for l in list.lines().map(str::trim) {
            if !l.is_empty() && !l.starts_with('#') {
                self.forms
                    .entry(l.to_ascii_lowercase())
                    .or_default()
                    .adjective = true;
            }
        }
    }

    /// A listed adjective (lower-case surface form).
    pub fn is_adjective(&self, lower: &str) -> bool {
        self.forms.get(lower).is_some_and(|f| f.adjective)
    }

    /// Verb reading of a lower-case surface form.
    pub fn verb(&self, lower: &str) -> Option<(LemmaId, VerbForm)> {
        self.verb_of(lower).or_else(|| self.re_verb(lower))
    }

    /// Everything known of a lower-case surface form, with one lookup; `verb` includes the
    /// `re-` reading of [`Lexicon::verb`].
    pub fn word(&self, lower: &str) -> Forms {
        let mut f = self.forms.get(lower).copied().unwrap_or_default();
        f.verb = f.verb.or_else(|| self.re_verb(lower));
        f
    }

    /// The listed verb reading of exactly this form.
    fn verb_of(&self, form: &str) -> Option<(LemmaId, VerbForm)> {
        self.forms.get(form).and_then(|f| f.verb)
    }

    /// A prefixed repeated action read as its verb.
    fn re_verb(&self, lower: &str) -> Option<(LemmaId, VerbForm)> {
        // "re-open", "reimposed", "reopening": a repeated action reads as its verb. Without
        // the hyphen only past and -ing forms, so that nouns ("reform", "research") keep
        // their reading.
        let stem = lower.strip_prefix("re-").or_else(|| {
            lower.strip_prefix("re").filter(|s| {
                s.len() >= 6 && !s.starts_with('-') && (s.ends_with("ed") || s.ends_with("ing"))
            })
        })?;
        self.verb_of(stem)
    }

    /// Noun reading of a lower-case surface form.
    pub fn noun(&self, lower: &str) -> Option<LemmaId> {
        self.forms.get(lower).and_then(|f| f.noun)
    }

    /// Give a word (lower case, as [`attache_doc::Document::low`] spells it) a vocabulary id,
    /// or return the one it has. The text stage then marks its tokens with the id, so a stage
    /// that keeps a table by id ([`Lexicon::vocab`] tells which ids) skips hashing the word.
    /// Adding the word changes no other answer of the lexicon (its other readings stay empty).
    pub fn intern_word(&mut self, word: &str) -> WordId {
        let f = self.forms.entry(word.to_string()).or_default();
        if let Some(id) = f.word {
            return id;
        }
        // Ids count up from 1 and are never reused; u32 overflow would need 4 G words.
        self.words = self.words.saturating_add(1);
        let id = WordId::new(self.words).unwrap_or(WordId::MIN);
        f.word = Some(id);
        id
    }

    /// The vocabulary id of exactly this lower-case form, if it was interned.
    pub fn word_id(&self, lower: &str) -> Option<WordId> {
        self.forms.get(lower).and_then(|f| f.word)
    }

    /// Which vocabulary the ids of [`Lexicon::intern_word`] belong to (unique per instance).
    pub fn vocab(&self) -> u64 {
        self.vocab
    }

    pub fn len(&self) -> usize {
        self.lemmas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lemmas.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_and_irregular_forms() {
        let mut l = Lexicon::new();
        l.load_irregular("# base\tpast\tparticiple\ting\nmeet\tmet\tmet\nspeak\tspoke\tspoken\nplan\tplanned\tplanned\tplanning\n")
            .unwrap();
        l.add_verb("visit");
        l.add_verb("arrive");
        l.add_verb("carry out");
        l.add_verb("accuse");
        l.add_verb("deny");
        let meet = l.id("meet").unwrap();
        assert_eq!(l.verb("met"), Some((meet, VerbForm::PastOrParticiple)));
        assert_eq!(l.verb("meets").unwrap().1, VerbForm::ThirdSing);
        assert_eq!(l.verb("spoken").unwrap().1, VerbForm::PastParticiple);
        assert_eq!(l.verb("planning").unwrap().1, VerbForm::Gerund);
        assert_eq!(l.verb("arrived").unwrap().1, VerbForm::PastOrParticiple);
        assert_eq!(l.verb("arriving").unwrap().1, VerbForm::Gerund);
        assert_eq!(l.verb("denies").unwrap().1, VerbForm::ThirdSing);
        assert_eq!(l.verb("denied").unwrap().1, VerbForm::PastOrParticiple);
        assert!(l.verb("carried").is_some());
        assert_eq!(l.lemma(l.verb("visited").unwrap().0), "visit");
        let strike = l.add_noun("air strike");
        assert_eq!(l.noun("strikes"), Some(strike));
    }
}
