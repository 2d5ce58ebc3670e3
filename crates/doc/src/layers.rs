//! Annotation layers: what each stage adds to a [`crate::Document`].

use crate::{Span, TokenRange};
use serde::{Deserialize, Serialize};

/// A sentence: a byte span and the tokens inside it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub tokens: TokenRange,
    /// A title or headline line (no final punctuation, title case): verbs may be elided.
    pub headline: bool,
}

/// Coarse word class guessed by the text stage from closed-class lists, the lexicon and shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Pos {
    Det,
    Prep,
    Pron,
    /// be / have / do and their forms.
    Aux,
    /// will, would, can, could, may, might, must, shall, should.
    Modal,
    /// and, or, but, nor.
    Conj,
    /// after, because, while, if, although, ...
    Subord,
    /// who, which, that, whom, whose, where, when.
    Wh,
    Neg,
    Adv,
    Adj,
    Verb,
    Noun,
    Propn,
    Num,
    Punct,
    #[default]
    Other,
}

/// Identifier of a lemma in the lexicon of the text stage (`attache_text::Lexicon`).
pub type LemmaId = u32;

/// Identifier of a word in the shared vocabulary of a lexicon (`attache_text::Lexicon::intern_word`):
/// later stages that interned their word lists read a token's entry by this id instead of
/// hashing its text again. Only meaningful together with [`crate::Document::vocab`].
pub type WordId = std::num::NonZeroU32;

/// A token with its exact byte span.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub pos: Pos,
    /// Lemma id when the word is in the lexicon (verbs and nouns of the dictionaries).
    pub lemma: Option<LemmaId>,
    /// Verb form when the token is a known verb form.
    pub verb_form: Option<VerbForm>,
    /// First character is upper case.
    pub cap: bool,
    /// Whitespace (or nothing) precedes the token: false for `'s`, `,` and the like.
    pub space_before: bool,
    /// Vocabulary id of the token's lower-case text ([`crate::Document::low`], with a curly
    /// apostrophe read as a straight one, as the lexicon reads it) when a stage interned that
    /// word; set by the text stage. Internal: not part of any output.
    #[serde(skip)]
    pub word: Option<WordId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VerbForm {
    Base,
    ThirdSing,
    Past,
    PastParticiple,
    /// A form that is both past and past participle (`met`, `attacked`).
    PastOrParticiple,
    Gerund,
}

/// What sort of name or phrase an actor mention came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A state's name (`Russia`, `the United States`).
    Country,
    /// A capital or seat of power used for its government (`Moscow`, `the Kremlin`).
    Metonym,
    /// A demonym or people noun standing alone (`Palestinians`).
    People,
    /// An organisation or armed group from the dictionary.
    Organization,
    /// A named person from the dictionary.
    Person,
    /// A role noun phrase, possibly with a country modifier (`Russian officials`, `the army`).
    Agent,
    /// A pronoun or short reference resolved to an earlier mention.
    Reference,
}

/// Non-state "country" prefixes of actor codes (international and non-governmental bodies,
/// multinationals, ...): never a state's code.
pub const NON_STATE: &[&str] = &["IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS"];

/// An actor found in the text, coded as country + sector.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActorMention {
    pub span: Span,
    pub tokens: TokenRange,
    pub kind: ActorKind,
    /// Canonical name (`Sergei Lavrov`, `Russia`, `United Nations`).
    pub name: String,
    /// CAMEO-style code: country + sector (+ organisation), e.g. `RUSGOV`, `IGOUNO`, `PSEREB`.
    pub code: String,
    /// ISO alpha-3 of the state, or the non-state "country" (`IGO`, `NGO`, `IMG`); `None` when unknown.
    pub country: Option<String>,
    /// Primary sector (`GOV`, `MIL`, `REB`, ...); `None` for a state as a whole.
    pub sector: Option<String>,
    /// Index of the head token of the phrase.
    pub head: usize,
    pub plural: bool,
    /// Ends in a possessive `'s` / `'`.
    pub possessive: bool,
    /// For a [`ActorKind::Reference`]: index in `Document::actors` of the antecedent.
    pub antecedent: Option<usize>,
    /// The name only modifies a following noun that is not an actor (`Israeli air strikes`,
    /// `Russian oil`): usable as the source of a nominal event, never as a clause subject.
    pub modifier: bool,
}

/// TimeML type of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// A time expression with its normalised TIMEX3 value.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TimeMention {
    pub span: Span,
    pub tokens: TokenRange,
    pub timex_type: TimexType,
    /// TIMEX3 value: `2025-02-17`, `2025-W07`, `2025-01`, `P3Y`, `PRESENT_REF`, ...;
    /// `None` when it could not be resolved (e.g. a relative date without a document date).
    pub value: Option<String>,
    /// `day`, `week`, `month`, `quarter`, `year`, `decade`, ... of a DATE value.
    pub granularity: Option<String>,
    /// TIMEX3 `mod` (`APPROX`, `START`, `END`, `MORE_THAN`, ...).
    pub modifier: Option<String>,
}

/// A place name resolved against the gazetteer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlaceMention {
    pub span: Span,
    pub tokens: TokenRange,
    pub name: String,
    pub geonameid: Option<u64>,
    /// ISO alpha-3 of the country the place lies in.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// GeoNames feature code (`PPLC`, `ADM1`, `PCLI`, ...).
    pub feature: String,
    /// `city`, `district`, `province`, `country` or `region` (PLOVER's resolution levels).
    pub resolution: String,
}

/// A number in the text (figures and number words), with any qualifier before it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NumberMention {
    pub span: Span,
    pub tokens: TokenRange,
    pub value: f64,
    /// `approximately`, `more than`, `at least`, `up to`, `nearly`, ... as normalised words.
    pub qualifier: Option<String>,
    /// True for vague quantities (`hundreds of`, `dozens`): `value` is the lower bound.
    pub vague: bool,
}

/// Kind of clause found by the clause stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseKind {
    Main,
    /// `, who ...` / `, which ...`: `antecedent` holds the actor it describes.
    Relative,
    /// `after ...`, `because ...`, `while ...`, `if ...`.
    Subordinate,
    /// Content of reported speech (`X said [that] ...`).
    Reported,
    /// A coordinated verb phrase sharing the subject of an earlier clause (`... and has expressed`).
    Coordinate,
}

/// A clause: a token range with its kind and links.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Clause {
    pub tokens: TokenRange,
    pub kind: ClauseKind,
    /// Enclosing clause, if any.
    pub parent: Option<usize>,
    /// For relative clauses: the actor mention (index into `Document::actors`) it describes.
    /// For coordinate clauses: the subject actor carried over.
    pub antecedent: Option<usize>,
    /// The subordinating word (`after`, `if`, `who`, ...), as a token index.
    pub marker: Option<usize>,
}
