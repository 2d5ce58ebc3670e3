//! Closed word tables of the time tagger, compiled once into a hash map from the lower-case word
//! form to what it can mean (a word may mean several things: `may` is a month and a modal,
//! `second` an ordinal and a unit).

use crate::value::{DayPart, Season, Unit};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hasher for the short word forms of the table (FxHash-style; the table is fixed and
/// small, so no protection against crafted keys is needed).
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut x = [0u8; 8];
            x.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(x)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The same little-endian word as a zero-padded copy, without a `memcpy` call for a
            // variable-length copy on every lookup.
            let x = rest
                .iter()
                .rev()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            h = (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        self.0 = h;
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type WordMap = HashMap<&'static str, Word, BuildHasherDefault<WordHasher>>;
/// A table word or a starter: one lookup answers both questions of [`View::new`].
type SlotMap = HashMap<&'static str, Slot, BuildHasherDefault<WordHasher>>;

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    word: Option<Word>,
    starter: bool,
    /// The patterns that name this word in their first position ([`FIRST_WORDS`]).
    patterns: Pat,
}

/// A set of grammar patterns, one bit each: the patterns that may begin at a token. The grammar
/// tries only these there ([`crate::grammar::View::best`]).
pub(crate) type Pat = u16;

/// The pattern bits, one per entry point of the grammar.
pub(crate) mod pat {
    use super::Pat;
    pub const CAL: Pat = 1;
    pub const ISO: Pat = 1 << 1;
    pub const YEAR: Pat = 1 << 2;
    pub const WEEKDAY: Pat = 1 << 3;
    pub const DEICTIC: Pat = 1 << 4;
    pub const RELUNIT: Pat = 1 << 5;
    pub const QUARTER: Pat = 1 << 6;
    pub const SEASON: Pat = 1 << 7;
    pub const DECADE: Pat = 1 << 8;
    pub const DURATION: Pat = 1 << 9;
    pub const CLOCK: Pat = 1 << 10;
    pub const REF: Pat = 1 << 11;
    pub const SET: Pat = 1 << 12;
    /// The patterns of [`crate::grammar::View::core`] (all but the position and modifier ones).
    pub const CORE: Pat = (1 << 13) - 1;
    pub const POSITION: Pat = 1 << 13;
    pub const MODIFIED: Pat = 1 << 14;
}

/// The literal words each pattern accepts as its first token. Together with the word classes of
/// [`Words::first_patterns`] (months, weekdays, seasons, units, numbers, figures, hyphenated
/// compounds) this is everything a pattern of `grammar.rs` can begin with: a word added to a
/// pattern's first position there must be added here (a grammar test checks the patterns on
/// a text of examples).
const FIRST_WORDS: &[(Pat, &[&str])] = &[
    (pat::CAL, &["last", "next", "this", "the"]),
    (
        pat::YEAR,
        &[
            "fiscal", "fy", "the", "nineteen", "eighteen", "twenty", "two",
        ],
    ),
    (pat::WEEKDAY, &["last", "next", "this", "coming", "the"]),
    (
        pat::DEICTIC,
        &[
            "today",
            "yesterday",
            "tomorrow",
            "tonight",
            "overnight",
            "the",
            "this",
            "last",
            "that",
        ],
    ),
    (
        pat::RELUNIT,
        &[
            "the",
            "year-earlier",
            "year-ago",
            "this",
            "last",
            "next",
            "that",
        ],
    ),
    (
        pat::QUARTER,
        &[
            "the",
            "that",
            "this",
            "last",
            "next",
            "year-earlier",
            "year-ago",
            "prior-year",
            "year-before",
            "year-previous",
            "comparable",
            "corresponding",
            "year-to-year",
            "latest",
            "recent",
            "same",
            "current",
            "fiscal",
            "calendar",
            "final",
        ],
    ),
    (pat::SEASON, &["this", "last", "next", "the"]),
    (pat::DECADE, &["the", "'"]),
    (
        pat::DURATION,
        &[
            "coming",
            "upcoming",
            "past",
            "previous",
            "prior",
            "future",
            "recent",
            "a",
            "an",
            "the",
            "last",
            "next",
            "first",
            "few",
            "several",
            "many",
            "numerous",
            "countless",
            "couple",
            "dozens",
            "hundreds",
            "thousands",
            "half",
        ],
    ),
    (pat::CLOCK, &["noon", "midnight"]),
    (
        pat::REF,
        &[
            "now",
            "right",
            "currently",
            "nowadays",
            "presently",
            "current",
            "these",
            "present",
            "recently",
            "more",
            "most",
            "recent",
            "the",
            "a",
            "as",
            "someday",
            "soon",
            "one",
            "some",
        ],
    ),
    (
        pat::SET,
        &[
            "daily", "weekly", "monthly", "annually", "yearly", "hourly", "biweekly", "once",
            "twice", "every", "each",
        ],
    ),
    (
        pat::POSITION,
        &[
            "year-end", "yearend", "year", "early", "earlier", "mid", "late", "later", "the",
            "this",
        ],
    ),
    (
        pat::MODIFIED,
        &[
            "more",
            "longer",
            "less",
            "fewer",
            "shorter",
            "at",
            "no",
            "up",
            "close",
            "about",
            "around",
            "approximately",
            "roughly",
            "circa",
            "nearly",
            "some",
            "almost",
            "under",
        ],
    ),
];

/// The words outside the table that some pattern of the grammar accepts as its first token
/// (`the`, `last`, `about`, `noon`, ...; see [`Words::lookup`]). A word added to a pattern's
/// first position in `grammar.rs` must be added here.
const STARTERS: &[&str] = &[
    "'",
    "a",
    "about",
    "almost",
    "an",
    "annually",
    "approximately",
    "around",
    "as",
    "at",
    "biweekly",
    "calendar",
    "circa",
    "close",
    "coming",
    "comparable",
    "corresponding",
    "countless",
    "couple",
    "current",
    "currently",
    "daily",
    "dozens",
    "each",
    "earlier",
    "early",
    "every",
    "few",
    "fewer",
    "final",
    "fiscal",
    "future",
    "fy",
    "half",
    "hourly",
    "hundreds",
    "last",
    "late",
    "later",
    "latest",
    "less",
    "longer",
    "many",
    "mid",
    "midnight",
    "monthly",
    "more",
    "most",
    "nearly",
    "next",
    "no",
    "noon",
    "now",
    "nowadays",
    "numerous",
    "once",
    "overnight",
    "past",
    "present",
    "presently",
    "previous",
    "prior",
    "recent",
    "recently",
    "right",
    "roughly",
    "same",
    "several",
    "shorter",
    "some",
    "someday",
    "soon",
    "that",
    "the",
    "these",
    "this",
    "thousands",
    "today",
    "tomorrow",
    "tonight",
    "twice",
    "under",
    "up",
    "upcoming",
    "weekly",
    "yearend",
    "yearly",
    "yesterday",
];

/// Everything a single lower-case word form can mean to the time grammar.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Word {
    /// 1..=12.
    pub month: Option<u32>,
    /// An abbreviation (`jan`, `feb.`): only a month when a day or year follows.
    pub month_abbrev: bool,
    /// 1 = Monday ..= 7 = Sunday.
    pub weekday: Option<u32>,
    pub weekday_plural: bool,
    pub unit: Option<Unit>,
    pub plural: bool,
    /// Cardinal number word (`two`, `twenty`).
    pub card: Option<u32>,
    /// Ordinal word (`third`, `twenty-first` is handled by the parser).
    pub ordinal: Option<u32>,
    pub season: Option<Season>,
    pub daypart: Option<DayPart>,
}

const MONTHS: [(&str, &[&str]); 12] = [
    ("january", &["jan", "jan."]),
    ("february", &["feb", "feb."]),
    ("march", &["mar", "mar."]),
    ("april", &["apr", "apr."]),
    ("may", &[]),
    ("june", &["jun", "jun."]),
    ("july", &["jul", "jul."]),
    ("august", &["aug", "aug."]),
    ("september", &["sep", "sep.", "sept", "sept."]),
    ("october", &["oct", "oct."]),
    ("november", &["nov", "nov."]),
    ("december", &["dec", "dec."]),
];

const WEEKDAYS: [(&str, &[&str]); 7] = [
    ("monday", &["mon."]),
    ("tuesday", &["tue.", "tues."]),
    ("wednesday", &["wed."]),
    ("thursday", &["thu.", "thur.", "thurs."]),
    ("friday", &["fri."]),
    ("saturday", &["sat."]),
    ("sunday", &["sun."]),
];

const UNITS: [(&str, &str, Unit); 14] = [
    ("second", "seconds", Unit::Second),
    ("minute", "minutes", Unit::Minute),
    ("min", "mins", Unit::Minute),
    ("hour", "hours", Unit::Hour),
    ("hr", "hrs", Unit::Hour),
    ("day", "days", Unit::Day),
    ("week", "weeks", Unit::Week),
    ("weekend", "weekends", Unit::Weekend),
    ("month", "months", Unit::Month),
    ("quarter", "quarters", Unit::Quarter),
    ("year", "years", Unit::Year),
    ("decade", "decades", Unit::Decade),
    ("century", "centuries", Unit::Century),
    ("millennium", "millennia", Unit::Millennium),
];

const CARDINALS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [(&str, u32); 8] = [
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];
const ORDINALS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TENS_ORDINALS: [(&str, u32); 3] = [("twentieth", 20), ("thirtieth", 30), ("fortieth", 40)];

/// What the grammar reads off a token's bytes, once: a leading digit (a figure) and a hyphen (a
/// compound such as `twenty-four`, `third-quarter`, `mid-1990s`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Form {
    pub digit: bool,
    pub dash: bool,
}

impl Form {
    pub(crate) fn of(w: &str) -> Self {
        let b = w.as_bytes();
        Form {
            digit: b.first().is_some_and(u8::is_ascii_digit),
            dash: b.contains(&b'-'),
        }
    }
}

/// The compiled word table.
#[derive(Debug, Clone)]
pub(crate) struct Words {
    map: WordMap,
    /// Length in bytes of the longest word form (longer words are not looked up).
    max_len: usize,
    /// The bytes some word form starts with.
    first: [bool; 256],
    /// The table words and [`STARTERS`] together, with their own length and first-byte
    /// filters ([`Words::lookup`]).
    slots: SlotMap,
    /// Per first byte, the lengths (bit `len`) of the slot words starting so.
    slot_shape: [u32; 256],
    /// The slots again, by vocabulary id ([`Words::bind`]): `by_word[id]` indexes `slot_list`
    /// (`u32::MAX`: the id is not a slot word). Empty until bound.
    by_word: Vec<u32>,
    slot_list: Vec<Slot>,
    /// The vocabulary `by_word` is for (0: none).
    vocab: u64,
}

impl Words {
    pub(crate) fn new() -> Self {
        let mut map = WordMap::default();
        for (m, (full, abbrevs)) in MONTHS.iter().enumerate() {
            map.entry(full).or_default().month = Some(m as u32 + 1);
            for a in abbrevs.iter() {
                let w = map.entry(a).or_default();
                w.month = Some(m as u32 + 1);
                w.month_abbrev = true;
            }
        }
        for (d, (full, abbrevs)) in WEEKDAYS.iter().enumerate() {
            map.entry(full).or_default().weekday = Some(d as u32 + 1);
            for a in abbrevs.iter() {
                map.entry(a).or_default().weekday = Some(d as u32 + 1);
            }
        }
        for (plural, d) in [
            ("mondays", 1),
            ("tuesdays", 2),
            ("wednesdays", 3),
            ("thursdays", 4),
            ("fridays", 5),
            ("saturdays", 6),
            ("sundays", 7),
        ] {
            let w = map.entry(plural).or_default();
            w.weekday = Some(d);
            w.weekday_plural = true;
        }
        for (sing, plur, unit) in UNITS {
            map.entry(sing).or_default().unit = Some(unit);
            let w = map.entry(plur).or_default();
            w.unit = Some(unit);
            w.plural = true;
        }
        for (w, unit) in [
            ("yr", Unit::Year),
            ("yrs", Unit::Year),
            ("fortnight", Unit::Week),
        ] {
            let e = map.entry(w).or_default();
            e.unit = Some(unit);
            e.plural = w.ends_with('s');
        }
        for (n, w) in CARDINALS.iter().enumerate() {
            map.entry(w).or_default().card = Some(n as u32);
        }
        for (w, n) in TENS {
            map.entry(w).or_default().card = Some(n);
        }
        for (n, w) in ORDINALS.iter().enumerate().skip(1) {
            map.entry(w).or_default().ordinal = Some(n as u32);
        }
        for (w, n) in TENS_ORDINALS {
            map.entry(w).or_default().ordinal = Some(n);
        }
        for (w, s) in [
            ("spring", Season::Spring),
            ("summer", Season::Summer),
            ("fall", Season::Fall),
            ("autumn", Season::Fall),
            ("winter", Season::Winter),
        ] {
            map.entry(w).or_default().season = Some(s);
        }
        for (w, p) in [
            ("morning", DayPart::Morning),
            ("afternoon", DayPart::Afternoon),
            ("evening", DayPart::Evening),
            ("night", DayPart::Night),
        ] {
            map.entry(w).or_default().daypart = Some(p);
        }
        let max_len = map.keys().map(|k| k.len()).max().unwrap_or(0);
        let mut first = [false; 256];
        for k in map.keys() {
            if let Some(&b) = k.as_bytes().first() {
                first[usize::from(b)] = true;
            }
        }
        let mut slots = SlotMap::default();
        for (k, w) in &map {
            slots.entry(k).or_default().word = Some(*w);
        }
        for k in STARTERS {
            slots.entry(k).or_default().starter = true;
        }
        for (p, ws) in FIRST_WORDS {
            for k in ws.iter() {
                slots.entry(k).or_default().patterns |= p;
            }
        }
        let mut slot_shape = [0u32; 256];
        for k in slots.keys() {
            if let Some(&b) = k.as_bytes().first() {
                // A bit per length: every table word is far shorter than 32 bytes (a test checks).
                slot_shape[usize::from(b)] |= 1u32.checked_shl(k.len() as u32).unwrap_or(0);
            }
        }
        Words {
            map,
            max_len,
            first,
            slots,
            slot_shape,
            by_word: Vec::new(),
            slot_list: Vec::new(),
            vocab: 0,
        }
    }

    /// Intern every slot word in `lex`, so that tokens of documents the lexicon tags carry
    /// their slot's id ([`Words::lookup_token`]).
    pub(crate) fn bind(&mut self, lex: &mut attache_text::Lexicon) {
        // Sorted: ids then do not depend on the hash map's order.
        let mut keys: Vec<&'static str> = self.slots.keys().copied().collect();
        keys.sort_unstable();
        let mut by_word: Vec<u32> = Vec::new();
        let mut slot_list = Vec::with_capacity(keys.len());
        for k in keys {
            let Some(slot) = self.slots.get(k) else {
                continue;
            };
            let id = lex.intern_word(k).get() as usize;
            if by_word.len() <= id {
                by_word.resize(id + 1, u32::MAX);
            }
            by_word[id] = slot_list.len() as u32;
            slot_list.push(*slot);
        }
        self.by_word = by_word;
        self.slot_list = slot_list;
        self.vocab = lex.vocab();
    }

    /// [`Words::lookup`] of the lower-case text of a token (`w` is `doc.low(i)`, without curly
    /// quotes: the text the lexicon looked up), by the token's vocabulary id when the document
    /// was tagged with the lexicon this table is bound to: every slot word has an id there, so
    /// a token without one is no slot word.
    #[inline]
    pub(crate) fn lookup_token(
        &self,
        w: &str,
        form: Form,
        doc_vocab: u64,
        word: Option<attache_doc::WordId>,
    ) -> (Option<&Word>, bool, Pat) {
        if self.vocab == 0 || doc_vocab != self.vocab {
            return self.lookup(w, form);
        }
        let structural = form.digit || form.dash;
        let slot = word
            .and_then(|id| self.by_word.get(id.get() as usize))
            .and_then(|&i| self.slot_list.get(i as usize));
        match slot {
            Some(s) => (
                s.word.as_ref(),
                s.word.is_some() || s.starter || structural,
                s.patterns,
            ),
            None => (None, structural, 0),
        }
    }

    /// What the grammar asks of every token, with one hash lookup: [`Words::get`] of `w`;
    /// whether some pattern may begin at a token whose lower-case form is `w` (a figure, a
    /// hyphenated compound, a table word or one of [`STARTERS`]); and which patterns name `w` in
    /// their first position ([`FIRST_WORDS`]).
    pub(crate) fn lookup(&self, w: &str, form: Form) -> (Option<&Word>, bool, Pat) {
        let b = w.as_bytes();
        let structural = form.digit || form.dash;
        // Most tokens are ruled out without hashing: no slot word has their first byte and length.
        let shape = b.first().map_or(0, |&c| self.slot_shape[usize::from(c)]);
        if shape & 1u32.checked_shl(b.len() as u32).unwrap_or(0) == 0 {
            return (None, structural, 0);
        }
        match self.slots.get(w) {
            Some(s) => (
                s.word.as_ref(),
                s.word.is_some() || s.starter || structural,
                s.patterns,
            ),
            None => (None, structural, 0),
        }
    }

    /// The patterns that may begin at a token: those naming the word itself (`named`, from
    /// [`Words::lookup`]), and those whose first position takes a class the token belongs to.
    /// `word`, `card` and `ordinal` are the token's table entry and values.
    pub(crate) fn first_patterns(
        w: &str,
        form: Form,
        word: Option<&Word>,
        card: Option<u32>,
        ordinal: Option<u32>,
        named: Pat,
    ) -> Pat {
        use pat::*;
        let mut p = named;
        if let Some(x) = word {
            if x.weekday.is_some() {
                p |= CAL | WEEKDAY;
            }
            if x.month.is_some() {
                p |= CAL;
            }
            if x.season.is_some() {
                p |= SEASON;
            }
            if x.unit.is_some() {
                // `months ago`, `years ahead`, `weeks` after `for`.
                p |= DURATION;
            }
        }
        if card.is_some() {
            p |= DURATION | CLOCK | SET;
        }
        if ordinal.is_some() {
            // A day (`the 17th`), a quarter (`third quarter`), a century.
            p |= CAL | QUARTER | DECADE;
        }
        if form.digit {
            // Figures: days, years, dates, decades, quantities, clock times, `3 times a week`.
            p |= CAL | ISO | YEAR | QUARTER | DECADE | DURATION | CLOCK | SET;
        } else if w.starts_with('+') {
            // `str::parse::<u32>` takes a leading plus sign (a clock figure).
            p |= CLOCK;
        }
        if form.dash {
            // Compounds: `third-quarter`, `mid-1990s`, `three-year`, `mid-November`.
            p |= QUARTER | DECADE | DURATION | POSITION;
        }
        p
    }

    pub(crate) fn get(&self, w: &str) -> Option<&Word> {
        // Most tokens are ruled out without hashing: too long, or no word form starts so.
        let b = w.as_bytes();
        if b.len() > self.max_len || !b.first().is_some_and(|&c| self.first[usize::from(c)]) {
            return None;
        }
        self.map.get(w)
    }

    /// Cardinal value of a word or hyphenated compound (`twenty-four`).
    pub(crate) fn card(&self, w: &str) -> Option<u32> {
        if let Some(n) = self.get(w).and_then(|x| x.card) {
            return Some(n);
        }
        let (a, b) = w.split_once('-')?;
        let tens = self.get(a)?.card.filter(|n| *n >= 20 && n % 10 == 0)?;
        let ones = self.get(b)?.card.filter(|n| (1..10).contains(n))?;
        Some(tens + ones)
    }

    /// Ordinal value of a word (`third`), compound (`twenty-first`) or figure (`21st`).
    pub(crate) fn ordinal(&self, w: &str) -> Option<u32> {
        if let Some(n) = self.get(w).and_then(|x| x.ordinal) {
            return Some(n);
        }
        let digits = &w[..w.bytes().take_while(u8::is_ascii_digit).count()];
        if !digits.is_empty() && digits.len() <= 3 {
            let rest = &w[digits.len()..];
            if matches!(rest, "st" | "nd" | "rd" | "th") {
                return digits.parse().ok();
            }
            return None;
        }
        let (a, b) = w.split_once('-')?;
        let tens = self.get(a)?.card.filter(|n| *n >= 20 && n % 10 == 0)?;
        let ones = self.get(b)?.ordinal.filter(|n| (1..10).contains(n))?;
        Some(tens + ones)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_doc::{DocMeta, Document};

    /// Reading a token's slot by its vocabulary id gives what hashing its text gives, bound or
    /// not, and a document tagged with another lexicon is read by hashing.
    #[test]
    fn lookup_by_vocabulary_id_agrees() {
        let mut bound = Words::new();
        let mut lex = attache_text::Lexicon::new();
        lex.add_verb("say");
        bound.bind(&mut lex);
        let mut text: Vec<String> = bound.slots.keys().map(|k| k.to_string()).collect();
        text.sort();
        text.extend(
            [
                "Monday",
                "March",
                "said",
                "2025",
                "twenty-one",
                "mid-",
                "o’clock",
            ]
            .map(String::from),
        );
        let text = text.join(" ") + ". The talks";
        let plain = Words::new();
        for l in [&lex, &attache_text::Lexicon::new()] {
            let mut doc = Document::new(DocMeta::default(), text.clone());
            attache_text::analyze(&mut doc, l);
            for (i, t) in doc.tokens.iter().enumerate() {
                let w = doc.low(i);
                if w.contains(['’', '‘']) {
                    continue;
                }
                let f = Form::of(w);
                let want = format!("{:?}", plain.lookup(w, f));
                assert_eq!(
                    format!("{:?}", bound.lookup_token(w, f, doc.vocab, t.word)),
                    want,
                    "{w}"
                );
            }
        }
    }

    #[test]
    fn lookup_agrees_with_the_tables() {
        let w = Words::new();
        // The length filter of `lookup` has one bit per length under 32.
        assert!(w.slots.keys().all(|k| !k.is_empty() && k.len() < 32));
        let mut probes: Vec<&str> = w.slots.keys().copied().collect();
        probes.extend([
            "",
            "said",
            "the",
            "2025",
            "twenty-one",
            "-",
            "x",
            "yesterdays",
            "mid-",
            "thé",
        ]);
        for p in probes {
            let (entry, starts, _) = w.lookup(p, Form::of(p));
            let b = p.as_bytes();
            let expect = w.map.contains_key(p)
                || b.first().is_some_and(u8::is_ascii_digit)
                || b.contains(&b'-')
                || STARTERS.contains(&p);
            assert_eq!(entry.is_some(), w.get(p).is_some(), "{p}");
            assert_eq!(starts, expect, "{p}");
        }
    }
}
