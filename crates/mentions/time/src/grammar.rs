//! The recognition grammar: hand-compiled patterns over tokens.
//!
//! [`View::best`] tries every pattern at one token position and returns the longest match with
//! its meaning ([`Sem`]); the tagger calls it once per position in a single left-to-right pass.
//! Patterns only look at token strings through the word table, never at the raw text.
//!
//! Extents follow TimeBank: determiners and `last`/`next`/`past` belong to the expression
//! (`the third quarter`, `the past two months`), prepositions do not (`in`, `on`, `for`, `within`),
//! quantity modifiers do (`nearly three years`, `more than four hours`, `around Nov. 1`).

use crate::value::{duration, DayPart, Qty, Season, Unit};
use crate::words::{pat, Form, Pat, Word, Words};
use attache_doc::{Document, Pos};
use std::borrow::Cow;

/// How a weekday, month or weekend is placed relative to the reference time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    /// No relative word: direction from the tense of the clause.
    Bare,
    Last,
    This,
    Next,
    /// `the previous Friday`: before the narrative anchor.
    Previous,
    /// `the following Monday`: after the narrative anchor.
    Following,
}

/// Which year an expression falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearRef {
    /// Not said: inferred from the document date and tense.
    Implicit,
    Abs(i32),
    /// Document year plus an offset (`this year's`, `last year's`).
    Dct(i32),
    /// Year of the context (last quarter spoken of, or anchor) plus an offset (`year-earlier`).
    Ctx(i32),
}

/// Which quarter a quarter expression names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QRef {
    N(u32),
    /// `the quarter`, `the latest period`: the quarter the text is about.
    Context,
    Current,
    Last,
    Next,
}

/// The meaning of a recognised expression, before resolution against the document date.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sem {
    /// `wd`: a weekday said with the date (`Saturday, April 25`) picks the year.
    Cal {
        year: YearRef,
        month: u32,
        day: Option<u32>,
        wd: Option<u32>,
    },
    Year(i32),
    YearOf(YearRef),
    Weekday {
        wd: u32,
        rel: Rel,
    },
    MonthRel {
        month: u32,
        rel: Rel,
    },
    Weekend(Rel),
    /// Relative to the document date: `today` (Day, 0), `last week` (Week, -1).
    Deictic {
        unit: Unit,
        offset: i32,
    },
    /// Relative to the narrative anchor: `the next day`, `that year`.
    Anaphoric {
        unit: Unit,
        offset: i32,
    },
    /// `two days ago` (from the document date), `a year earlier` (from the anchor).
    Shift {
        qty: Qty,
        unit: Unit,
        sign: i32,
        from_anchor: bool,
    },
    Quarter {
        year: YearRef,
        q: QRef,
    },
    Half {
        year: YearRef,
        h: u32,
    },
    Season {
        year: YearRef,
        s: Season,
    },
    Decade(i32),
    Century(i32),
    Ref(&'static str),
    Dur(String),
    Set(String),
    Clock {
        day: Option<Box<Sem>>,
        h: u32,
        m: u32,
    },
    DayPart {
        day: Box<Sem>,
        part: DayPart,
    },
}

impl Sem {
    /// A calendar date or time (not a duration, set or vague reference).
    fn is_point(&self) -> bool {
        !matches!(self, Sem::Ref(_) | Sem::Dur(_) | Sem::Set(_))
    }
}

/// A match: token range `[start, end)`, meaning and TIMEX3 `mod`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
    pub modifier: Option<&'static str>,
}

fn cand(start: usize, end: usize, sem: Sem) -> Option<Cand> {
    Some(Cand {
        start,
        end,
        sem,
        modifier: None,
    })
}

fn longest(a: Option<Cand>, b: Option<Cand>) -> Option<Cand> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.end > x.end { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Timezone abbreviations that may follow a clock time.
const ZONES: &[&str] = &[
    "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest",
    "eet", "eest", "msk", "ist", "jst",
];

/// Words after a four-digit number that show it is a count, not a year.
const COUNT_NOUNS: &[&str] = &[
    "%",
    "percent",
    "per",
    "people",
    "persons",
    "troops",
    "soldiers",
    "men",
    "women",
    "children",
    "km",
    "kilometers",
    "kilometres",
    "miles",
    "meters",
    "metres",
    "feet",
    "ft",
    "tons",
    "tonnes",
    "barrels",
    "points",
    "dollars",
    "euros",
    "yen",
    "pounds",
    "votes",
    "seats",
    "shares",
    "cars",
    "units",
    "hectares",
    "acres",
    "residents",
    "families",
    "deaths",
    "cases",
    "refugees",
    "employees",
    "workers",
    "jobs",
    "pages",
    "copies",
    "rounds",
    "rockets",
    "missiles",
    "members",
    "delegates",
    "prisoners",
    "hostages",
    "civilians",
    "fighters",
    "police",
    "officers",
    "houses",
    "homes",
    "buildings",
    "vehicles",
    "tanks",
    "aircraft",
    "flights",
    "passengers",
    "students",
    "stores",
    "banks",
    "companies",
    "times",
    "bpd",
    "mw",
    "kg",
    "lb",
    "lbs",
    "hours",
    "days",
    "years",
    "months",
    "weeks",
    "minutes",
    "to",
    "-",
    "–",
    ":",
];

/// Capitalised words before a number that make it a name or label, not a year.
const LABELS: &[&str] = &[
    "resolution",
    "flight",
    "route",
    "no.",
    "number",
    "highway",
    "article",
    "section",
    "chapter",
    "room",
    "model",
    "version",
    "apollo",
    "boeing",
    "airbus",
    "rule",
    "item",
    "paragraph",
    "decree",
    "law",
    "bill",
    "gate",
    "platform",
    "unit",
    "vote",
    "#",
    "$",
    "us$",
    "c$",
    "a$",
];

/// The tokens of a document as the grammar sees them.
pub(crate) struct View<'a> {
    doc: &'a Document,
    words: &'a Words,
    /// Per token, what the patterns ask of it, looked up once.
    toks: Vec<Tok<'a>>,
    sent_start: Vec<bool>,
}

/// One token for the grammar: its lower-case form and what the word table says of it.
struct Tok<'a> {
    low: Cow<'a, str>,
    word: Option<&'a Word>,
    card: Option<u32>,
    ordinal: Option<u32>,
    figure: Option<f64>,
    /// Some pattern may begin here ([`Words::lookup`]).
    start: bool,
    /// The patterns that may begin here ([`Words::first_patterns`]): the others are not tried.
    first: Pat,
}

/// A figure (`24`, `1,000`, `2.5`).
fn figure_of(w: &str) -> Option<f64> {
    if w.is_empty() || !w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    if !w
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        || w.ends_with('.')
    {
        return None;
    }
    if w.contains(',') {
        w.replace(',', "").parse().ok()
    } else {
        w.parse().ok()
    }
}

impl<'a> View<'a> {
    pub(crate) fn new(doc: &'a Document, words: &'a Words) -> Self {
        // Curly quotes are the only non-ASCII the grammar rewrites: an ASCII document (most
        // news) needs no per-token test.
        let ascii = doc.lower.is_ascii();
        let low_of = |i: usize| -> Cow<'a, str> {
            let l = doc.low(i);
            // Both quotes are encoded with a leading 0xE2 byte.
            if !ascii && l.as_bytes().contains(&0xe2) && l.contains(['’', '‘']) {
                Cow::Owned(l.replace(['’', '‘'], "'"))
            } else {
                Cow::Borrowed(l)
            }
        };
        let mut sent_start = vec![false; doc.tokens.len()];
        for s in &doc.sentences {
            if let Some(x) = sent_start.get_mut(s.tokens.start) {
                *x = true;
            }
        }
        if let Some(x) = sent_start.first_mut() {
            *x = true;
        }
        let toks = (0..doc.tokens.len())
            .map(|i| {
                let low = low_of(i);
                let l: &str = &low;
                let form = Form::of(l);
                // The token's vocabulary id names `doc.low(i)` as the lexicon read it: usable
                // when `low` is that text unchanged (no curly quote).
                let (w, start, named) = match &low {
                    Cow::Borrowed(_) => {
                        let id = doc.tokens.get(i).and_then(|t| t.word);
                        words.lookup_token(l, form, doc.vocab, id)
                    }
                    Cow::Owned(_) => words.lookup(l, form),
                };
                let Form { digit, dash } = form;
                // Without a hyphen (or, for ordinals, a leading digit) only the table entry can
                // give a value: skip the compound parsers.
                let card = if dash {
                    words.card(l)
                } else {
                    w.and_then(|w| w.card)
                };
                let ordinal = if dash || digit {
                    words.ordinal(l)
                } else {
                    w.and_then(|w| w.ordinal)
                };
                let first = Words::first_patterns(l, form, w, card, ordinal, named);
                // Only a figure starts with a digit.
                let figure = if digit { figure_of(l) } else { None };
                Tok {
                    word: w,
                    card,
                    ordinal,
                    figure,
                    start,
                    first,
                    low,
                }
            })
            .collect();
        View {
            doc,
            words,
            toks,
            sent_start,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    pub(crate) fn doc(&self) -> &Document {
        self.doc
    }

    pub(crate) fn low(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.low.as_ref())
    }

    fn text(&self, i: usize) -> &str {
        self.doc.tok(i)
    }

    pub(crate) fn cap(&self, i: usize) -> bool {
        self.text(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn all_caps(&self, i: usize) -> bool {
        let t = self.text(i);
        t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase)
    }

    pub(crate) fn is_sent_start(&self, i: usize) -> bool {
        self.sent_start.get(i).copied().unwrap_or(false)
    }

    /// No whitespace between token `i - 1` and token `i`.
    fn glued(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| !t.space_before)
    }

    pub(crate) fn pos(&self, i: usize) -> Option<Pos> {
        self.doc.tokens.get(i).map(|t| t.pos)
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.low(i) == w
    }

    fn any(&self, i: usize, ws: &[&str]) -> bool {
        let l = self.low(i);
        !l.is_empty() && ws.contains(&l)
    }

    fn prev(&self, i: usize) -> &str {
        if i == 0 {
            ""
        } else {
            self.low(i - 1)
        }
    }

    fn word(&self, i: usize) -> Option<&Word> {
        self.toks.get(i).and_then(|t| t.word)
    }

    /// Cardinal value of token `i` as a word (`Words::card`).
    fn card_at(&self, i: usize) -> Option<u32> {
        self.toks.get(i).and_then(|t| t.card)
    }

    /// Ordinal value of token `i` (`Words::ordinal`).
    fn ordinal_at(&self, i: usize) -> Option<u32> {
        self.toks.get(i).and_then(|t| t.ordinal)
    }

    fn is_word_token(&self, i: usize) -> bool {
        self.low(i)
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    }

    // ---------------------------------------------------------------- numbers

    /// A figure (`24`, `1,000`, `2.5`).
    fn figure(&self, i: usize) -> Option<f64> {
        self.toks.get(i).and_then(|t| t.figure)
    }

    /// A cardinal: figure, number word or hyphenated compound.
    fn cardinal(&self, i: usize) -> Option<f64> {
        self.figure(i).or_else(|| self.card_at(i).map(f64::from))
    }

    /// A quantity before a unit: `two`, `24`, `2 1/2`, `twenty four`, `a`, `a few`, `several`,
    /// `a couple of`, `one and a half`. Returns the quantity and the index after it.
    fn qty(&self, i: usize) -> Option<(Qty, usize)> {
        let w = self.low(i);
        match w {
            "a" | "an" => {
                return Some(match self.low(i + 1) {
                    "few" => (Qty::Vague, i + 2),
                    "couple" => (
                        Qty::N(2.0),
                        if self.is(i + 2, "of") { i + 3 } else { i + 2 },
                    ),
                    "dozen" => (Qty::N(12.0), i + 2),
                    "hundred" => (Qty::N(100.0), i + 2),
                    "thousand" => (Qty::N(1000.0), i + 2),
                    _ => (Qty::N(1.0), i + 1),
                })
            }
            "few" | "several" | "many" | "numerous" | "countless" => {
                return Some((Qty::Vague, i + 1))
            }
            "couple" => {
                return Some((
                    Qty::N(2.0),
                    if self.is(i + 1, "of") { i + 2 } else { i + 1 },
                ))
            }
            "dozens" | "hundreds" | "thousands" if self.is(i + 1, "of") => {
                return Some((Qty::Vague, i + 2))
            }
            "half" if self.any(i + 1, &["a", "an"]) => return Some((Qty::N(0.5), i + 2)),
            _ => {}
        }
        let mut n = self.cardinal(i)?;
        let mut k = i + 1;
        let is_word = self.figure(i).is_none();
        // "twenty four"
        if is_word && (20.0..100.0).contains(&n) && n % 10.0 == 0.0 {
            if let Some(u) = self.card_at(k).filter(|u| (1..10).contains(u)) {
                n += f64::from(u);
                k += 1;
            }
        }
        // "two thousand", "one hundred"
        if is_word {
            if self.is(k, "hundred") {
                n *= 100.0;
                k += 1;
            }
            if self.is(k, "thousand") {
                n *= 1000.0;
                k += 1;
            }
        }
        // "2 1/2"
        if !is_word && self.is(k + 1, "/") && self.glued(k + 1) && self.glued(k + 2) {
            if let (Some(a), Some(b)) = (self.figure(k), self.figure(k + 2)) {
                if b > a && b > 0.0 {
                    n += a / b;
                    k += 3;
                }
            }
        }
        // "one and a half"
        if self.is(k, "and") && self.is(k + 1, "a") && self.is(k + 2, "half") {
            n += 0.5;
            k += 3;
        }
        Some((Qty::N(n), k))
    }

    /// A day of the month: `17`, `17th`, `eighth`, `twenty-first`.
    fn day_num(&self, i: usize) -> Option<u32> {
        let w = self.low(i);
        let d = if w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty() && w.len() <= 2 {
            w.parse().ok()?
        } else {
            self.ordinal_at(i)?
        };
        (1..=31).contains(&d).then_some(d)
    }

    /// A year written in figures (four digits) at `i`.
    fn year_fig(&self, i: usize) -> Option<i32> {
        let w = self.low(i);
        if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) {
            let y: i32 = w.parse().ok()?;
            return (1000..=2199).contains(&y).then_some(y);
        }
        None
    }

    /// A spoken year: `nineteen ninety-six`, `nineteen ninety six`, `two thousand [and] eight`.
    fn spoken_year(&self, i: usize) -> Option<(i32, usize)> {
        let first = self.low(i);
        let century = match first {
            "nineteen" => 1900,
            "eighteen" => 1800,
            "twenty" if self.card_at(i + 1).is_some_and(|n| (10..100).contains(&n)) => 2000,
            "two" if self.is(i + 1, "thousand") => {
                let mut k = i + 2;
                if self.is(k, "and") {
                    k += 1;
                }
                if let Some(n) = self.card_at(k).filter(|n| (1..100).contains(n)) {
                    return Some((2000 + n as i32, k + 1));
                }
                return Some((2000, i + 2));
            }
            _ => return None,
        };
        let n = self.card_at(i + 1)?;
        if !(10..100).contains(&n) {
            return None;
        }
        let mut end = i + 2;
        let mut y = n;
        if n % 10 == 0 && n >= 20 {
            if let Some(u) = self.card_at(end).filter(|u| (1..10).contains(u)) {
                y += u;
                end += 1;
            }
        }
        Some((century + y as i32, end))
    }

    /// A year after a month or day: figures or spoken.
    fn year_after(&self, i: usize) -> Option<(i32, usize)> {
        if let Some(y) = self.year_fig(i) {
            if !self.any(i + 1, &["%", "percent"]) {
                return Some((y, i + 1));
            }
            return None;
        }
        self.spoken_year(i)
    }

    // ---------------------------------------------------------------- word classes

    /// A month name that may stand for a month here (capitalised; abbreviations need `allow_abbrev`).
    fn month(&self, i: usize, allow_abbrev: bool) -> Option<u32> {
        let w = self.word(i)?;
        let m = w.month?;
        if !self.cap(i) {
            return None;
        }
        if w.month_abbrev && !allow_abbrev {
            return None;
        }
        Some(m)
    }

    fn weekday(&self, i: usize) -> Option<(u32, bool)> {
        let w = self.word(i)?;
        let d = w.weekday?;
        if !self.cap(i) {
            return None;
        }
        Some((d, w.weekday_plural))
    }

    fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        let w = self.word(i)?;
        if self.cap(i) && !self.is_sent_start(i) && !self.all_caps(i) {
            // "the Second", "Century 21": names.
            return None;
        }
        Some((w.unit?, w.plural))
    }

    fn daypart(&self, i: usize) -> Option<DayPart> {
        self.word(i)?.daypart
    }

    /// `morning`, `night`, ... after a day expression (`Friday evening`, `yesterday morning`).
    fn daypart_after(&self, i: usize) -> Option<DayPart> {
        let p = self.daypart(i)?;
        // "Monday nights" is a set, handled elsewhere.
        Some(p)
    }

    // ---------------------------------------------------------------- entry point

    /// The longest expression starting at token `i`.
    /// Some pattern may begin at token `i` ([`View::best`] is `None` otherwise): a test cheap
    /// enough to inline into the scan over every token.
    #[inline]
    pub(crate) fn may_start(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.start)
    }

    pub(crate) fn best(&self, i: usize) -> Option<Cand> {
        if !self.may_start(i) {
            return None;
        }
        if !self.is_word_token(i) && !matches!(self.low(i), "'" | "mid-") {
            return None;
        }
        let mut b = self.core(i);
        b = longest(b, self.p_position(i));
        b = longest(b, self.p_modified(i));
        b
    }

    /// The patterns that may begin at token `i` (none past the end).
    fn first(&self, i: usize) -> Pat {
        self.toks.get(i).map_or(0, |t| t.first)
    }

    /// Longest unmodified expression at `i`. Only the patterns that may begin at `i` are tried
    /// (in the same order, so ties between equally long matches go the same way).
    fn core(&self, i: usize) -> Option<Cand> {
        let f = self.first(i);
        if f & pat::CORE == 0 {
            return None;
        }
        let mut b = None;
        if f & pat::CAL != 0 {
            b = longest(b, self.p_cal(i));
        }
        if f & pat::ISO != 0 {
            b = longest(b, self.p_iso(i));
        }
        if f & pat::YEAR != 0 {
            b = longest(b, self.p_year(i));
        }
        if f & pat::WEEKDAY != 0 {
            b = longest(b, self.p_weekday(i));
        }
        if f & pat::DEICTIC != 0 {
            b = longest(b, self.p_deictic(i));
        }
        if f & pat::RELUNIT != 0 {
            b = longest(b, self.p_relunit(i));
        }
        if f & pat::QUARTER != 0 {
            b = longest(b, self.p_quarter(i));
        }
        if f & pat::SEASON != 0 {
            b = longest(b, self.p_season(i));
        }
        if f & pat::DECADE != 0 {
            b = longest(b, self.p_decade(i));
        }
        if f & pat::DURATION != 0 {
            b = longest(b, self.p_duration(i));
        }
        if f & pat::CLOCK != 0 {
            b = longest(b, self.p_clock(i));
        }
        if f & pat::REF != 0 {
            b = longest(b, self.p_ref(i));
        }
        if f & pat::SET != 0 {
            b = longest(b, self.p_set(i));
        }
        b
    }

    // ---------------------------------------------------------------- modifiers

    /// `about two years ago`, `nearly three years`, `more than four hours`, `around Nov. 1`.
    fn p_modified(&self, i: usize) -> Option<Cand> {
        if self.first(i) & pat::MODIFIED == 0 {
            return None;
        }
        let (m, j) = match (self.low(i), self.low(i + 1)) {
            ("more" | "longer", "than") => ("MORE_THAN", i + 2),
            ("less" | "fewer" | "shorter", "than") => ("LESS_THAN", i + 2),
            ("at", "least") => ("EQUAL_OR_MORE", i + 2),
            ("no", "less") if self.is(i + 2, "than") => ("EQUAL_OR_MORE", i + 3),
            ("no", "more") if self.is(i + 2, "than") => ("EQUAL_OR_LESS", i + 3),
            ("at", "most") => ("EQUAL_OR_LESS", i + 2),
            ("up", "to") => ("EQUAL_OR_LESS", i + 2),
            ("close", "to") => ("APPROX", i + 2),
            ("about" | "around" | "approximately" | "roughly" | "circa" | "nearly" | "some", _) => {
                ("APPROX", i + 1)
            }
            ("almost", _) => ("LESS_THAN", i + 1),
            ("under", _) => ("LESS_THAN", i + 1),
            _ => return None,
        };
        let quantity_needed = matches!(self.low(i), "under" | "some" | "up" | "no");
        if quantity_needed && self.qty(j).is_none() {
            return None;
        }
        let inner = longest(self.core(j), self.p_position(j))?;
        if inner.start != j {
            return None;
        }
        let ok = match &inner.sem {
            // "at least several years": TimeBank leaves the modifier out of vague durations.
            Sem::Dur(d) => !d.contains('X') || m == "APPROX",
            Sem::Shift { .. } | Sem::Clock { .. } => true,
            Sem::Cal { .. } | Sem::Year(_) | Sem::YearOf(_) | Sem::Decade(_) | Sem::Century(_) => {
                matches!(m, "APPROX") && self.low(i) != "some"
            }
            _ => false,
        };
        if !ok {
            return None;
        }
        Some(Cand {
            start: i,
            end: inner.end,
            sem: inner.sem,
            modifier: Some(m),
        })
    }

    /// `early next year`, `late yesterday`, `earlier this month`, `mid-1996`, `the end of 1990`,
    /// `the first half of 1990`, `year-end`.
    fn p_position(&self, i: usize) -> Option<Cand> {
        if self.first(i) & pat::POSITION == 0 {
            return None;
        }
        let w = self.low(i);
        // "year-end", "year end", "year's end" (tokens "year", "'s", "end").
        let year_end = match (w, self.low(i + 1), self.low(i + 2)) {
            ("year-end" | "yearend", ..) => Some(i + 1),
            ("year", "end", _) => Some(i + 2),
            ("year", "'s", "end") => Some(i + 3),
            _ => None,
        };
        if let Some(end) = year_end {
            return Some(Cand {
                start: i,
                end,
                sem: Sem::YearOf(YearRef::Implicit),
                modifier: Some("END"),
            });
        }
        // "mid-November", "mid-1996", "mid-afternoon".
        if let Some(rest) = w.strip_prefix("mid-") {
            return self.mid_token(i, rest);
        }
        let (m, mut j) = match w {
            "early" => ("START", i + 1),
            "earlier" => ("START", i + 1),
            "mid" => ("MID", i + 1),
            "late" => ("END", i + 1),
            "later" => ("END", i + 1),
            "the" | "this" => {
                return self.p_part_of(i);
            }
            _ => return None,
        };
        if matches!(w, "earlier" | "later") && self.is(j, "in") && self.any(j + 1, &["the"]) {
            j += 1;
        }
        if w == "mid" {
            if let Some(p) = self.daypart(j) {
                let mut end = j + 1;
                let day = self.day_after(end).map(|(s, e)| {
                    end = e;
                    s
                });
                let day = Box::new(day.unwrap_or(Sem::Deictic {
                    unit: Unit::Day,
                    offset: 0,
                }));
                return Some(Cand {
                    start: i,
                    end,
                    sem: Sem::DayPart { day, part: p },
                    modifier: Some("MID"),
                });
            }
        }
        let inner = self.core(j)?;
        if inner.start != j || !inner.sem.is_point() {
            return None;
        }
        // "early Tuesday", "late last week", "earlier this month" but not "later two days".
        if matches!(inner.sem, Sem::Shift { .. } | Sem::Clock { .. }) {
            return None;
        }
        // "later this afternoon" keeps the part of day.
        Some(Cand {
            start: i,
            end: inner.end,
            sem: inner.sem,
            modifier: Some(m),
        })
    }

    /// `mid-November`, `mid-1996`, `mid-1990s`, `mid-afternoon [yesterday]`, `mid-year`.
    fn mid_token(&self, i: usize, rest: &str) -> Option<Cand> {
        let text_rest = self.text(i).get(4..).unwrap_or("");
        let cap_rest = text_rest.chars().next().is_some_and(char::is_uppercase);
        let mut end = i + 1;
        let sem = if let Some(m) = self
            .words
            .get(rest)
            .and_then(|w| w.month)
            .filter(|_| cap_rest)
        {
            if let Some((y, e)) = self.year_after(end) {
                end = e;
                Sem::Cal {
                    year: YearRef::Abs(y),
                    month: m,
                    day: None,
                    wd: None,
                }
            } else {
                Sem::MonthRel {
                    month: m,
                    rel: Rel::Bare,
                }
            }
        } else if rest.len() == 4 && rest.chars().all(|c| c.is_ascii_digit()) {
            Sem::Year(rest.parse().ok()?)
        } else if let Some(d) = decade_figure(rest) {
            Sem::Decade(d)
        } else if let Some(p) = self.words.get(rest).and_then(|w| w.daypart) {
            let day = self.day_after(end).map(|(s, e)| {
                end = e;
                s
            });
            Sem::DayPart {
                day: Box::new(day.unwrap_or(Sem::Deictic {
                    unit: Unit::Day,
                    offset: 0,
                })),
                part: p,
            }
        } else {
            match rest {
                "year" => Sem::YearOf(YearRef::Implicit),
                "week" => Sem::Deictic {
                    unit: Unit::Week,
                    offset: 0,
                },
                "month" => Sem::Deictic {
                    unit: Unit::Month,
                    offset: 0,
                },
                _ => return None,
            }
        };
        Some(Cand {
            start: i,
            end,
            sem,
            modifier: Some("MID"),
        })
    }

    /// A day expression after a time or part of day: `Wednesday`, `yesterday`, `Nov. 6`.
    fn day_after(&self, i: usize) -> Option<(Sem, usize)> {
        let j = if self.is(i, ",") || self.is(i, "on") {
            i + 1
        } else {
            i
        };
        let c = longest(longest(self.p_weekday(j), self.p_cal(j)), self.p_deictic(j))?;
        match c.sem {
            Sem::Weekday { .. }
            | Sem::Cal { day: Some(_), .. }
            | Sem::Deictic {
                unit: Unit::Day, ..
            } => Some((c.sem, c.end)),
            _ => None,
        }
    }

    /// `the end of 1990`, `the beginning of October`, `the first half of 1990`, `the year's end`.
    fn p_part_of(&self, i: usize) -> Option<Cand> {
        let j = i + 1;
        if self.is(i, "the") && self.is(j, "year") && self.is(j + 1, "'s") && self.is(j + 2, "end")
        {
            return Some(Cand {
                start: i,
                end: j + 3,
                sem: Sem::YearOf(YearRef::Implicit),
                modifier: Some("END"),
            });
        }
        if !self.is(i, "the") {
            return None;
        }
        let m = match self.low(j) {
            "end" | "close" => "END",
            "beginning" | "start" | "outset" => "START",
            "middle" => "MID",
            "first" | "second" | "last" | "latter" if self.is(j + 1, "half") => {
                let h = if self.is(j, "first") { 1 } else { 2 };
                let k = j + 2;
                if self.is(k, "of") {
                    let inner = self.core(k + 1)?;
                    if inner.start != k + 1 {
                        return None;
                    }
                    let sem = match inner.sem {
                        Sem::Year(y) => Sem::Half {
                            year: YearRef::Abs(y),
                            h,
                        },
                        Sem::YearOf(yr) => Sem::Half { year: yr, h },
                        Sem::Deictic {
                            unit: Unit::Year,
                            offset,
                        } => Sem::Half {
                            year: YearRef::Dct(offset),
                            h,
                        },
                        Sem::Decade(d) => {
                            return Some(Cand {
                                start: i,
                                end: inner.end,
                                sem: Sem::Decade(d),
                                modifier: Some(if h == 1 { "START" } else { "END" }),
                            })
                        }
                        _ => return None,
                    };
                    return cand(i, inner.end, sem);
                }
                return cand(
                    i,
                    k,
                    Sem::Half {
                        year: YearRef::Implicit,
                        h,
                    },
                );
            }
            _ => return None,
        };
        if !self.is(j + 1, "of") {
            return None;
        }
        let inner = self.core(j + 2)?;
        if inner.start != j + 2 || !inner.sem.is_point() || matches!(inner.sem, Sem::Shift { .. }) {
            return None;
        }
        Some(Cand {
            start: i,
            end: inner.end,
            sem: inner.sem,
            modifier: Some(m),
        })
    }

    // ---------------------------------------------------------------- calendar dates

    /// `February 17, 2025`, `Feb. 17`, `17 February 2025`, `March 1998`, `Friday, Oct. 13`,
    /// `the 17th of February`, `July last year`, `in March`.
    fn p_cal(&self, i: usize) -> Option<Cand> {
        let (rel, k) = match (self.low(i), self.low(i + 1)) {
            ("last", _) => (Rel::Last, i + 1),
            ("next", _) => (Rel::Next, i + 1),
            ("this", "past") => (Rel::Last, i + 2),
            ("this", "coming") => (Rel::Next, i + 2),
            ("this", _) => (Rel::This, i + 1),
            _ => (Rel::Bare, i),
        };
        if rel != Rel::Bare {
            let m = self.month(k, false)?;
            if self.day_num(k + 1).is_some() {
                return None;
            }
            return cand(i, k + 1, Sem::MonthRel { month: m, rel });
        }
        let mut j = i;
        let mut had_weekday = false;
        let mut said_wd = None;
        if let Some((d, false)) = self.weekday(j) {
            j += 1;
            if self.is(j, ",") {
                j += 1;
            }
            had_weekday = true;
            said_wd = Some(d);
        }
        // MONTH DAY [,] [YEAR]
        if let Some(m) = self.month(j, true) {
            let k = j + 1;
            if let Some(d) = self
                .day_num(k)
                .filter(|_| !self.any(k + 1, &["%", "percent"]) && self.unit(k + 1).is_none())
            {
                let mut end = k + 1;
                let mut year = YearRef::Implicit;
                let y_at = if self.is(end, ",") { end + 1 } else { end };
                if let Some((y, e)) = self.year_after(y_at) {
                    year = YearRef::Abs(y);
                    end = e;
                }
                if !valid_day(year, m, d) {
                    return None;
                }
                return cand(
                    i,
                    end,
                    Sem::Cal {
                        year,
                        month: m,
                        day: Some(d),
                        wd: said_wd,
                    },
                );
            }
            let y_at = if self.any(k, &[",", "of"]) { k + 1 } else { k };
            if let Some((y, e)) = self.year_after(y_at) {
                return cand(
                    i,
                    e,
                    Sem::Cal {
                        year: YearRef::Abs(y),
                        month: m,
                        day: None,
                        wd: None,
                    },
                );
            }
            if self.any(k, &["last", "this", "next"]) && self.is(k + 1, "year") {
                let off = match self.low(k) {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                return cand(
                    i,
                    k + 2,
                    Sem::Cal {
                        year: YearRef::Dct(off),
                        month: m,
                        day: None,
                        wd: None,
                    },
                );
            }
            if !had_weekday && self.month(j, false).is_some() && self.bare_month_ok(j) {
                return cand(
                    i,
                    k,
                    Sem::MonthRel {
                        month: m,
                        rel: Rel::Bare,
                    },
                );
            }
            return None;
        }
        // [the] DAY [of] MONTH [YEAR]
        let mut k = j;
        let the = self.is(k, "the");
        if the {
            k += 1;
        }
        let d = self.day_num(k)?;
        let mut mk = k + 1;
        if the || self.is(mk, "of") {
            if !self.is(mk, "of") {
                return None;
            }
            mk += 1;
        }
        let m = self.month(mk, true)?;
        let mut end = mk + 1;
        let mut year = YearRef::Implicit;
        let y_at = if self.is(end, ",") { end + 1 } else { end };
        if let Some((y, e)) = self.year_after(y_at) {
            year = YearRef::Abs(y);
            end = e;
        }
        if !valid_day(year, m, d) {
            return None;
        }
        cand(
            i,
            end,
            Sem::Cal {
                year,
                month: m,
                day: Some(d),
                wd: said_wd,
            },
        )
    }

    /// A month name alone is a date only after a preposition or time word (`in March`).
    fn bare_month_ok(&self, j: usize) -> bool {
        let prev = self.prev(j);
        let may = self.is(j, "may");
        if may {
            return matches!(
                prev,
                "in" | "since"
                    | "by"
                    | "until"
                    | "till"
                    | "through"
                    | "from"
                    | "during"
                    | "last"
                    | "this"
                    | "next"
                    | "early"
                    | "late"
                    | "mid"
                    | "of"
                    | "before"
                    | "after"
                    | "between"
            ) && !self.any(j + 1, &["be", "have", "not", "also"]);
        }
        if matches!(
            prev,
            "in" | "since"
                | "by"
                | "until"
                | "till"
                | "through"
                | "from"
                | "to"
                | "during"
                | "before"
                | "after"
                | "between"
                | "and"
                | "or"
                | "for"
                | "of"
                | "last"
                | "this"
                | "next"
                | "early"
                | "late"
                | "mid"
                | "in-"
                | "throughout"
                | "until-"
                | "'s"
                | "a"
                | "the"
                | "each"
                | "every"
                | "around"
        ) {
            return true;
        }
        // "March 17" would have matched before; "March" sentence-initially followed by a comma.
        false
    }

    /// `2025-02-17`, `2025-02`, `2/17/2025`, `11/02/89`.
    fn p_iso(&self, i: usize) -> Option<Cand> {
        let w = self.low(i);
        let parts: Vec<&str> = w.split('-').collect();
        if parts.len() >= 2
            && parts[0].len() == 4
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            let y: i32 = parts[0].parse().ok()?;
            let m: u32 = parts[1].parse().ok()?;
            if parts[1].len() != 2 || !(1..=12).contains(&m) || !(1000..=2199).contains(&y) {
                return None;
            }
            if parts.len() == 2 {
                return cand(
                    i,
                    i + 1,
                    Sem::Cal {
                        year: YearRef::Abs(y),
                        month: m,
                        day: None,
                        wd: None,
                    },
                );
            }
            let d: u32 = parts[2].parse().ok()?;
            if parts.len() != 3 || parts[2].len() != 2 || !valid_day(YearRef::Abs(y), m, d) {
                return None;
            }
            return cand(
                i,
                i + 1,
                Sem::Cal {
                    year: YearRef::Abs(y),
                    month: m,
                    day: Some(d),
                    wd: None,
                },
            );
        }
        // m/d/y split by the tokenizer into five glued tokens.
        if self.figure(i).is_some()
            && self.is(i + 1, "/")
            && self.is(i + 3, "/")
            && (1..5).all(|k| self.glued(i + k))
        {
            let a: u32 = self.low(i).parse().ok()?;
            let b: u32 = self.low(i + 2).parse().ok()?;
            let yw = self.low(i + 4);
            let mut y: i32 = yw.parse().ok()?;
            if yw.len() == 2 {
                y += if y > 40 { 1900 } else { 2000 };
            } else if yw.len() != 4 {
                return None;
            }
            let (m, d) = if a > 12 { (b, a) } else { (a, b) };
            if !(1..=12).contains(&m) || !valid_day(YearRef::Abs(y), m, d) {
                return None;
            }
            return cand(
                i,
                i + 5,
                Sem::Cal {
                    year: YearRef::Abs(y),
                    month: m,
                    day: Some(d),
                    wd: None,
                },
            );
        }
        None
    }

    /// `1998`, `fiscal 1989`, `the year 2000`, `nineteen ninety-six`, `1990 and beyond`.
    fn p_year(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut forced = false;
        if self.is(j, "fiscal") || self.is(j, "fy") {
            j += 1;
            if self.is(j, "year") {
                j += 1;
            }
            forced = true;
        } else if self.is(j, "the") && self.is(j + 1, "year") {
            j += 2;
            forced = true;
        }
        let (y, mut end) = if let Some(y) = self.year_fig(j) {
            if !forced && !self.year_context_ok(j, y) {
                return None;
            }
            (y, j + 1)
        } else if let Some((y, e)) = self.spoken_year(j) {
            // "two thousand" alone is a number; as a year only after "the year" or a preposition.
            if self.is(j, "two")
                && !forced
                && !self.any(j.wrapping_sub(1), &["in", "by", "since", "until"])
            {
                return None;
            }
            if self.unit(e).is_some() || self.any(e, &["people", "percent", "troops"]) {
                return None;
            }
            (y, e)
        } else {
            return None;
        };
        let mut modifier = None;
        if (self.is(end, "and") && self.is(end + 1, "beyond"))
            || (self.is(end, "or") && self.any(end + 1, &["later", "after"]))
        {
            modifier = Some("ON_OR_AFTER");
            end += 2;
        } else if self.is(end, "or") && self.any(end + 1, &["earlier", "before"]) {
            modifier = Some("ON_OR_BEFORE");
            end += 2;
        }
        Some(Cand {
            start: i,
            end,
            sem: Sem::Year(y),
            modifier,
        })
    }

    /// A four-digit figure is a year unless it counts something or is a label.
    fn year_context_ok(&self, j: usize, y: i32) -> bool {
        let prev = self.prev(j);
        let next = self.low(j + 1);
        if COUNT_NOUNS.contains(&next) || (self.glued(j) && j > 0 && !matches!(prev, "(" | "'")) {
            return false;
        }
        if j > 0 && LABELS.contains(&prev) {
            return false;
        }
        // "Orion 1980", "Vision 2030": part of a name.
        if j > 0
            && self.cap(j - 1)
            && !self.is_sent_start(j - 1)
            && self.month(j - 1, true).is_none()
            && self.is_word_token(j - 1)
        {
            return false;
        }
        if self.figure(j + 1).is_some() || self.figure(j.wrapping_sub(1)).is_some() {
            return false;
        }
        if (1900..=2100).contains(&y) {
            return true;
        }
        matches!(
            prev,
            "in" | "since"
                | "by"
                | "until"
                | "of"
                | "from"
                | "before"
                | "after"
                | "during"
                | "year"
        )
    }

    // ---------------------------------------------------------------- weekdays and deixis

    /// `Friday`, `last Friday`, `this coming Sunday`, `the previous Friday`, `Friday evening`,
    /// `Mondays` (a set).
    fn p_weekday(&self, i: usize) -> Option<Cand> {
        let (rel, j) = match (self.low(i), self.low(i + 1)) {
            ("last", _) => (Rel::Last, i + 1),
            ("next", _) => (Rel::Next, i + 1),
            ("this", "past") => (Rel::Last, i + 2),
            ("this", "coming") => (Rel::Next, i + 2),
            ("this", _) => (Rel::This, i + 1),
            ("coming", _) => (Rel::Next, i + 1),
            ("the", "previous" | "preceding") => (Rel::Previous, i + 2),
            ("the", "following" | "next") => (Rel::Following, i + 2),
            _ => (Rel::Bare, i),
        };
        let (wd, plural) = self.weekday(j)?;
        if i == j && i > 0 {
            let p = self.text(i - 1);
            if [
                "Black", "Bloody", "Good", "Easter", "Super", "Holy", "Palm", "Ash", "Cyber",
                "Fat", "Maundy", "Shrove",
            ]
            .contains(&p)
            {
                return None;
            }
        }
        // "Sunday Times", "Friday Prayers" (names), but "Friday Oct. 13" is a date.
        if self.cap(j + 1)
            && !self.is_sent_start(j + 1)
            && self.month(j + 1, true).is_none()
            && self.word(j + 1).and_then(|w| w.daypart).is_none()
        {
            return None;
        }
        if plural {
            if rel != Rel::Bare {
                return None;
            }
            let mut end = j + 1;
            let mut v = format!("XXXX-WXX-{wd}");
            if let Some(p) = self.daypart(end) {
                v.push_str(daypart_code_t(p));
                end += 1;
            }
            return cand(i, end, Sem::Set(v));
        }
        let mut end = j + 1;
        // "Friday, Oct. 13" (only after a bare weekday; "this coming Sunday, March eighth").
        let k = if self.is(end, ",") { end + 1 } else { end };
        if let Some(c) = self
            .p_cal(k)
            .filter(|c| matches!(c.sem, Sem::Cal { day: Some(_), .. }))
        {
            let sem = match c.sem {
                Sem::Cal {
                    year, month, day, ..
                } => Sem::Cal {
                    year,
                    month,
                    day,
                    wd: Some(wd),
                },
                other => other,
            };
            return cand(i, c.end, sem);
        }
        let day = Sem::Weekday { wd, rel };
        if let Some(p) = self.daypart_after(end) {
            if self.low(end + 1) == "s" || self.low(end).ends_with('s') {
                // "Tuesday nights": recurring.
                return cand(
                    i,
                    end + 1,
                    Sem::Set(format!("XXXX-WXX-{wd}{}", daypart_code_t(p))),
                );
            }
            end += 1;
            return cand(
                i,
                end,
                Sem::DayPart {
                    day: Box::new(day),
                    part: p,
                },
            );
        }
        if self.is(end, "nights") {
            return cand(i, end + 1, Sem::Set(format!("XXXX-WXX-{wd}TNI")));
        }
        cand(i, end, day)
    }

    /// `today`, `yesterday`, `tomorrow`, `tonight`, `yesterday morning`, `last night`,
    /// `this morning`, `the day before yesterday`, `the morning`, `overnight`.
    fn p_deictic(&self, i: usize) -> Option<Cand> {
        let w = self.low(i);
        let (sem, end) = match w {
            "today" => (
                Sem::Deictic {
                    unit: Unit::Day,
                    offset: 0,
                },
                i + 1,
            ),
            "yesterday" => (
                Sem::Deictic {
                    unit: Unit::Day,
                    offset: -1,
                },
                i + 1,
            ),
            "tomorrow" => (
                Sem::Deictic {
                    unit: Unit::Day,
                    offset: 1,
                },
                i + 1,
            ),
            "tonight" => {
                return cand(
                    i,
                    i + 1,
                    Sem::DayPart {
                        day: Box::new(Sem::Deictic {
                            unit: Unit::Day,
                            offset: 0,
                        }),
                        part: DayPart::Night,
                    },
                )
            }
            "overnight" if self.pos(i) != Some(Pos::Verb) => {
                return cand(
                    i,
                    i + 1,
                    Sem::DayPart {
                        day: Box::new(Sem::Deictic {
                            unit: Unit::Day,
                            offset: -1,
                        }),
                        part: DayPart::Night,
                    },
                )
            }
            "the"
                if self.is(i + 1, "day")
                    && self.any(i + 2, &["before", "after"])
                    && self.any(i + 3, &["yesterday", "tomorrow"]) =>
            {
                let off = if self.is(i + 3, "yesterday") { -2 } else { 2 };
                (
                    Sem::Deictic {
                        unit: Unit::Day,
                        offset: off,
                    },
                    i + 4,
                )
            }
            "this" | "last" | "the" | "that" => {
                let p = self.daypart(i + 1)?;
                let day = match w {
                    "this" if p != DayPart::Night => Sem::Deictic {
                        unit: Unit::Day,
                        offset: 0,
                    },
                    "last" if p == DayPart::Night => Sem::Deictic {
                        unit: Unit::Day,
                        offset: -1,
                    },
                    "last" => return None,
                    "the" | "that" => {
                        if self.is(i + 2, "of")
                            || self.is(i + 2, "after")
                            || self.is(i + 2, "before")
                        {
                            return None;
                        }
                        Sem::Anaphoric {
                            unit: Unit::Day,
                            offset: 0,
                        }
                    }
                    _ => return None,
                };
                return cand(
                    i,
                    i + 2,
                    Sem::DayPart {
                        day: Box::new(day),
                        part: p,
                    },
                );
            }
            _ => return None,
        };
        if let Some(p) = self.daypart_after(end) {
            return cand(
                i,
                end + 1,
                Sem::DayPart {
                    day: Box::new(sem),
                    part: p,
                },
            );
        }
        cand(i, end, sem)
    }

    /// `this week`, `last month`, `next year`, `the past year`, `the following month`,
    /// `that year`, `the next day`, `the year`, `the weekend`, `the current fiscal year`,
    /// `year-earlier` (a shift of the context by one year).
    fn p_relunit(&self, i: usize) -> Option<Cand> {
        let w = self.low(i);
        // "the second day of the offensive": the day spoken of.
        if w == "the"
            && self.ordinal_at(i + 1).is_some_and(|n| n > 1)
            && self.is(i + 2, "day")
            && self.is(i + 3, "of")
        {
            return cand(
                i,
                i + 3,
                Sem::Anaphoric {
                    unit: Unit::Day,
                    offset: 0,
                },
            );
        }
        if matches!(w, "year-earlier" | "year-ago") {
            return cand(
                i,
                i + 1,
                Sem::Shift {
                    qty: Qty::N(1.0),
                    unit: Unit::Year,
                    sign: -1,
                    from_anchor: true,
                },
            );
        }
        #[derive(PartialEq, Clone, Copy)]
        enum K {
            Dct(i32),
            Ana(i32),
            The,
            Latest,
        }
        let (k, mut j) = match (w, self.low(i + 1)) {
            ("this", "past") => (K::Dct(-1), i + 2),
            ("this", "coming") => (K::Dct(1), i + 2),
            ("this", _) => (K::Dct(0), i + 1),
            ("last", _) => (K::Dct(-1), i + 1),
            ("next", _) => (K::Dct(1), i + 1),
            ("that", _) => (K::Ana(0), i + 1),
            ("the", "current" | "present") => (K::Dct(0), i + 2),
            ("the", "past" | "last") => (K::Dct(-1), i + 2),
            ("the", "coming" | "upcoming") => (K::Dct(1), i + 2),
            ("the", "next" | "following" | "subsequent") => (K::Ana(1), i + 2),
            ("the", "previous" | "prior" | "preceding") => (K::Ana(-1), i + 2),
            ("the", "same") => (K::Ana(0), i + 2),
            ("the", "latest") => (K::Latest, i + 2),
            ("the", "most") if self.is(i + 2, "recent") => (K::Latest, i + 3),
            ("the", "full" | "entire" | "whole") => (K::The, i + 2),
            ("the", _) => (K::The, i + 1),
            _ => return None,
        };
        let mut fiscal = false;
        if self.any(j, &["fiscal", "calendar"]) {
            fiscal = true;
            j += 1;
        }
        let (unit, plural) = self.unit(j)?;
        if plural {
            return None;
        }
        let end = j + 1;
        // "the year ended Sept. 30" is a duration in TimeBank.
        if matches!(unit, Unit::Year)
            && matches!(k, K::The)
            && self.any(end, &["ended", "ending", "ends", "to"])
        {
            return cand(i, end, Sem::Dur("P1Y".into()));
        }
        if fiscal && unit != Unit::Year {
            return None;
        }
        let sem = match unit {
            Unit::Day => match k {
                K::Ana(o) => Sem::Anaphoric { unit, offset: o },
                K::The => {
                    if self.any(end, &["before", "after"]) {
                        return None;
                    }
                    Sem::Anaphoric { unit, offset: 0 }
                }
                _ => return None,
            },
            Unit::Weekend => match k {
                K::Dct(0) => Sem::Weekend(Rel::This),
                K::Dct(-1) => Sem::Weekend(Rel::Last),
                K::Dct(_) => Sem::Weekend(Rel::Next),
                K::The => Sem::Weekend(Rel::Bare),
                K::Ana(o) => Sem::Anaphoric {
                    unit: Unit::Week,
                    offset: o,
                },
                K::Latest => return None,
            },
            Unit::Quarter => match k {
                K::Dct(0) => Sem::Quarter {
                    year: YearRef::Implicit,
                    q: QRef::Current,
                },
                K::Dct(-1) => Sem::Quarter {
                    year: YearRef::Implicit,
                    q: QRef::Last,
                },
                K::Dct(_) => Sem::Quarter {
                    year: YearRef::Implicit,
                    q: QRef::Next,
                },
                K::The | K::Latest => Sem::Quarter {
                    year: YearRef::Implicit,
                    q: QRef::Context,
                },
                K::Ana(o) => Sem::Anaphoric { unit, offset: o },
            },
            Unit::Year => match k {
                K::Dct(o) => Sem::Deictic { unit, offset: o },
                K::The => Sem::YearOf(YearRef::Implicit),
                K::Latest => Sem::YearOf(if fiscal {
                    YearRef::Dct(-1)
                } else {
                    YearRef::Implicit
                }),
                K::Ana(o) => Sem::Anaphoric { unit, offset: o },
            },
            Unit::Week | Unit::Month | Unit::Decade | Unit::Century => match k {
                K::Dct(o) => Sem::Deictic { unit, offset: o },
                K::The => {
                    if unit == Unit::Week || unit == Unit::Month {
                        Sem::Deictic { unit, offset: 0 }
                    } else {
                        return None;
                    }
                }
                K::Ana(o) => Sem::Anaphoric { unit, offset: o },
                K::Latest => return None,
            },
            _ => return None,
        };
        if self.is(end, "or") && self.is(end + 1, "so") {
            return Some(Cand {
                start: i,
                end: end + 2,
                sem,
                modifier: Some("APPROX"),
            });
        }
        cand(i, end, sem)
    }

    // ---------------------------------------------------------------- quarters, seasons, decades

    /// `the third quarter`, `third-quarter`, `the fiscal first quarter`, `the 1988 third quarter`,
    /// `the year-earlier period`, `the latest quarter`, `this year's third quarter`,
    /// `the third quarter of 1990`, `the quarter a year ago`, `the first half`.
    fn p_quarter(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut year = YearRef::Implicit;
        let mut q: Option<QRef> = None;
        let mut qualified = false;
        let mut det = false;
        if self.is(j, "its") {
            return None;
        }
        if self.any(j, &["the", "that"]) {
            det = true;
            j += 1;
        }
        // Qualifiers, in any order, at most four.
        for _ in 0..4 {
            let w = self.low(j);
            if let Some(y) = self.year_fig(j) {
                year = YearRef::Abs(y);
                qualified = true;
                j += 1;
            } else if matches!(w, "this" | "last" | "next")
                && self.is(j + 1, "year")
                && self.is(j + 2, "'s")
            {
                year = YearRef::Dct(match w {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                });
                qualified = true;
                j += 3;
            } else if matches!(
                w,
                "year-earlier"
                    | "year-ago"
                    | "prior-year"
                    | "year-before"
                    | "year-previous"
                    | "comparable"
                    | "corresponding"
                    | "year-to-year"
            ) {
                if w != "comparable" && w != "corresponding" {
                    year = YearRef::Ctx(-1);
                }
                qualified = true;
                j += 1;
            } else if matches!(w, "latest" | "recent" | "same") {
                q = q.or(Some(QRef::Context));
                qualified = true;
                j += 1;
            } else if w == "current" {
                q = Some(QRef::Current);
                qualified = true;
                j += 1;
            } else if matches!(w, "fiscal" | "calendar") {
                j += 1;
            } else if let Some(n) = self.quarter_ordinal_at(j) {
                q = Some(QRef::N(n));
                qualified = true;
                j += 1;
            } else if let Some(rest) = w.strip_prefix("fiscal-") {
                if let Some(n) = self.quarter_ordinal(rest) {
                    q = Some(QRef::N(n));
                    qualified = true;
                }
                j += 1;
            } else {
                break;
            }
        }
        let w = self.low(j);
        // Compound "third-quarter", "fiscal second-quarter".
        let (noun_end, is_half) = if let Some((a, b)) = w.split_once('-') {
            if (b == "quarter" || b == "half") && det {
                // "the third-quarter results": TimeBank tags the adjective alone.
                return None;
            }
            if b == "quarter" || b == "half" {
                let n = self.quarter_ordinal(a)?;
                q = Some(QRef::N(n));
                qualified = true;
                (j + 1, b == "half")
            } else {
                return None;
            }
        } else if w == "quarter" || (w == "period" && qualified) {
            if self.cap(j) && !self.is_sent_start(j) && !self.cap(j.wrapping_sub(1)) {
                return None;
            }
            (j + 1, false)
        } else if w == "half" && matches!(q, Some(QRef::N(1 | 2))) {
            (j + 1, true)
        } else {
            return None;
        };
        if !(det || qualified) {
            return None;
        }
        if !qualified && self.is(i, "that") {
            // "that quarter": the quarter spoken of.
            q = Some(QRef::Context);
        }
        let mut end = noun_end;
        // "of 1990", "of this year", "of the year"
        if self.is(end, "of") {
            if let Some(y) = self.year_fig(end + 1) {
                year = YearRef::Abs(y);
                end += 2;
            } else if self.any(end + 1, &["this", "last", "next"]) && self.is(end + 2, "year") {
                year = YearRef::Dct(match self.low(end + 1) {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                });
                end += 3;
            } else if self.is(end + 1, "the") && self.is(end + 2, "year") {
                end += 3;
            }
        }
        // "a year ago", "a year earlier", "last year"
        if self.is(end, "a")
            && self.is(end + 1, "year")
            && self.any(end + 2, &["ago", "earlier", "before"])
        {
            year = YearRef::Ctx(-1);
            end += 3;
        } else if self.is(end, "last") && self.is(end + 1, "year") {
            year = YearRef::Dct(-1);
            end += 2;
        }
        let q = q.unwrap_or(QRef::Context);
        if is_half {
            let h = match q {
                QRef::N(h @ 1..=2) => h,
                _ => return None,
            };
            return cand(i, end, Sem::Half { year, h });
        }
        if let QRef::N(n) = q {
            if !(1..=4).contains(&n) {
                return None;
            }
        }
        // "the year-earlier nine months" is a duration: let the duration pattern take it.
        cand(i, end, Sem::Quarter { year, q })
    }

    fn quarter_ordinal(&self, w: &str) -> Option<u32> {
        match w {
            "final" => Some(4),
            _ => self.words.ordinal(w).filter(|n| (1..=4).contains(n)),
        }
    }

    /// [`View::quarter_ordinal`] of token `i`, from the ordinal looked up once per token.
    fn quarter_ordinal_at(&self, i: usize) -> Option<u32> {
        match self.low(i) {
            "final" => Some(4),
            _ => self.ordinal_at(i).filter(|n| (1..=4).contains(n)),
        }
    }

    /// `this summer`, `last spring`, `the summer`, `the winter of 1994`, `summer 1998`.
    fn p_season(&self, i: usize) -> Option<Cand> {
        let (year, j) = match (self.low(i), self.low(i + 1)) {
            ("this", "past") => (YearRef::Dct(0), i + 2),
            ("this", "coming") => (YearRef::Dct(0), i + 2),
            ("this", _) => (YearRef::Dct(0), i + 1),
            ("last", _) => (YearRef::Dct(-1), i + 1),
            ("next", _) => (YearRef::Dct(1), i + 1),
            ("the", "early" | "late") => (YearRef::Implicit, i + 2),
            ("the", _) => (YearRef::Implicit, i + 1),
            _ => (YearRef::Implicit, i),
        };
        let s = self.word(j)?.season?;
        if self.cap(j) && !self.is_sent_start(j) {
            return None;
        }
        let mut year = year;
        let mut end = j + 1;
        if self.is(end, "of") {
            if let Some((y, e)) = self.year_after(end + 1) {
                year = YearRef::Abs(y);
                end = e;
            }
        } else if let Some(y) = self.year_fig(end) {
            year = YearRef::Abs(y);
            end += 1;
        }
        if i == j && year == YearRef::Implicit {
            // Bare "summer" only after a preposition.
            if !matches!(
                self.prev(i),
                "in" | "during"
                    | "over"
                    | "through"
                    | "until"
                    | "since"
                    | "by"
                    | "this"
                    | "next"
                    | "last"
            ) {
                return None;
            }
        }
        if self.any(end, &["of"]) && year == YearRef::Implicit {
            // "the fall of Rome", "the spring of discontent".
            return None;
        }
        if self.low(i + 1) == "early" || self.low(i + 1) == "late" {
            let m = if self.low(i + 1) == "early" {
                "START"
            } else {
                "END"
            };
            return Some(Cand {
                start: i,
                end,
                sem: Sem::Season { year, s },
                modifier: Some(m),
            });
        }
        cand(i, end, Sem::Season { year, s })
    }

    /// `the 1990s`, `1990s`, `the '80s`, `the nineties`, `the early 1980s`, `the 20th century`.
    fn p_decade(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let the = self.is(j, "the");
        if the {
            j += 1;
        }
        let mut modifier = None;
        if self.any(j, &["early", "mid", "late"]) && the {
            modifier = Some(match self.low(j) {
                "early" => "START",
                "mid" => "MID",
                _ => "END",
            });
            j += 1;
        }
        let w = self.low(j);
        if let Some(rest) = w.strip_prefix("mid-") {
            if let Some(d) = decade_figure(rest) {
                return Some(Cand {
                    start: i,
                    end: j + 1,
                    sem: Sem::Decade(d),
                    modifier: Some("MID"),
                });
            }
        }
        if let Some(d) = decade_figure(w) {
            return Some(Cand {
                start: i,
                end: j + 1,
                sem: Sem::Decade(d),
                modifier,
            });
        }
        // "1980 's"
        if let Some(y) = self.year_fig(j).filter(|y| y % 10 == 0) {
            if self.is(j + 1, "'s") && the {
                return Some(Cand {
                    start: i,
                    end: j + 2,
                    sem: Sem::Decade(y / 10),
                    modifier,
                });
            }
        }
        // "'80s"
        if w == "'" && self.glued(j + 1) {
            let n = self.low(j + 1);
            if n.len() == 3 && n.ends_with('s') {
                if let Some(Ok(d)) = n.get(..2).map(str::parse::<i32>) {
                    if d % 10 == 0 {
                        return Some(Cand {
                            start: i,
                            end: j + 2,
                            sem: Sem::Decade(190 + d / 10),
                            modifier,
                        });
                    }
                }
            }
        }
        if the {
            let d = match w {
                "twenties" => Some(192),
                "thirties" => Some(193),
                "forties" => Some(194),
                "fifties" => Some(195),
                "sixties" => Some(196),
                "seventies" => Some(197),
                "eighties" => Some(198),
                "nineties" => Some(199),
                _ => None,
            };
            if let Some(d) = d {
                return Some(Cand {
                    start: i,
                    end: j + 1,
                    sem: Sem::Decade(d),
                    modifier,
                });
            }
        }
        // "the 20th century", "11th century"
        if let Some(n) = self.ordinal_at(j).filter(|n| (1..=30).contains(n)) {
            if self.any(j + 1, &["century"]) {
                return Some(Cand {
                    start: i,
                    end: j + 2,
                    sem: Sem::Century(n as i32 - 1),
                    modifier,
                });
            }
        }
        None
    }

    // ---------------------------------------------------------------- durations

    /// A quantity and unit at `i`: `two days`, `24 hours`, `three-year`, `a week`,
    /// `eight trading days`, `2 1/2 years`, `a minute and a half`.
    fn qty_unit(&self, i: usize) -> Option<(Qty, Unit, usize, bool)> {
        let w = self.low(i);
        // Compound adjectives: "three-year", "10-hour", "8-month-old", "year-long", "several-year".
        if w.contains('-') {
            let parts: Vec<&str> = w.split('-').collect();
            let (num_parts, rest) = match parts.iter().position(|p| {
                self.words
                    .get(p)
                    .is_some_and(|x| x.unit.is_some() && !x.plural)
            }) {
                Some(k) => (&parts[..k], &parts[k + 1..]),
                None => return None,
            };
            let unit = self.words.get(parts[num_parts.len()])?.unit?;
            if !rest.is_empty() && !matches!(rest, ["old"] | ["long"]) {
                return None;
            }
            let qty = match num_parts {
                [] if rest == ["long"] => Qty::N(1.0),
                [n] => {
                    if let Ok(x) = n.parse::<f64>() {
                        Qty::N(x)
                    } else if let Some(x) = self.words.card(n) {
                        Qty::N(f64::from(x))
                    } else if matches!(*n, "several" | "multi" | "many" | "few") {
                        Qty::Vague
                    } else {
                        return None;
                    }
                }
                [a, b] => {
                    let x = self.words.card(&format!("{a}-{b}"))?;
                    Qty::N(f64::from(x))
                }
                _ => return None,
            };
            if unit == Unit::Second && qty == Qty::N(1.0) {
                return None;
            }
            return Some((qty, unit, i + 1, true));
        }
        let (qty, mut k) = self.qty(i)?;
        // "two to three weeks", "12 to 18 months": the lower bound.
        if self.any(k, &["to", "or"]) && self.cardinal(k + 1).is_some() {
            if let Some((_, k2)) = self.qty(k + 1) {
                if self.unit(k2).is_some() {
                    k = k2;
                }
            }
        }
        // Adjectives between the number and the unit.
        for _ in 0..2 {
            if self.any(
                k,
                &[
                    "more",
                    "additional",
                    "extra",
                    "full",
                    "straight",
                    "consecutive",
                    "trading",
                    "business",
                    "calendar",
                    "working",
                    "long",
                    "short",
                    "hard",
                    "difficult",
                    "previous",
                    "past",
                    "next",
                    "last",
                    "whole",
                    "entire",
                ],
            ) {
                k += 1;
            } else {
                break;
            }
        }
        let (unit, plural) = self.unit(k)?;
        let fig = self.figure(i).is_some() || self.card_at(i).is_some();
        match qty {
            Qty::N(n) if n == 1.0 && plural => return None,
            Qty::N(n) if n != 1.0 && !plural && !fig => return None,
            Qty::N(_) if unit == Unit::Second && !plural && !matches!(w, "one") => return None,
            _ => {}
        }
        if unit == Unit::Quarter
            && self.is(k + 1, "of")
            && (qty != Qty::Vague || self.pos(k + 2) == Some(Pos::Det))
        {
            // "three quarters of the shares" (but "several quarters of losses" is time).
            if qty != Qty::Vague {
                return None;
            }
        }
        let mut qty = qty;
        let mut end = k + 1;
        if self.is(end, "and") && self.any(end + 1, &["a", "one"]) && self.is(end + 2, "half") {
            if let Qty::N(n) = qty {
                qty = Qty::N(n + 0.5);
            }
            end += 3;
        }
        Some((qty, unit, end, !plural))
    }

    /// `two days`, `the past two months`, `the next few years`, `two years ago`,
    /// `a year earlier`, `three days later`, `the nine months`, `the coming weeks`,
    /// `recent years`, `in years`.
    fn p_duration(&self, i: usize) -> Option<Cand> {
        let w = self.low(i);
        // Vague references built on plural units.
        if let Some(c) = self.vague_plural(i) {
            return Some(c);
        }
        if w == "a" && self.is(i + 1, "while") {
            return cand(i, i + 2, Sem::Dur("PXX".into()));
        }
        let mut j = i;
        let the = w == "the";
        if the {
            j += 1;
        }
        let mut rel = "";
        if (the
            && self.any(
                j,
                &[
                    "past",
                    "last",
                    "next",
                    "first",
                    "coming",
                    "previous",
                    "following",
                    "latest",
                    "final",
                    "initial",
                    "remaining",
                    "preceding",
                    "ensuing",
                    "additional",
                    "same",
                    "recent",
                ],
            ))
            || (!the && self.any(j, &["past", "last", "next", "first"]))
        {
            rel = self.low(j);
            j += 1;
        }
        if the
            && self.any(
                j,
                &[
                    "year-earlier",
                    "year-ago",
                    "comparable",
                    "corresponding",
                    "latest",
                    "fiscal",
                ],
            )
        {
            j += 1;
        }
        if the && self.is(i + 1, "first") && rel.is_empty() {
            return None;
        }
        let (qty, unit, end, adjectival) = self.qty_unit(j)?;
        if the && rel.is_empty() && adjectival && !self.any(j, &["a", "an"]) {
            // "the 23-year occupation", "the two day rally": the adjective alone.
            return None;
        }
        // "the a week" is not English; "the" + "a" never happens, but "the few days" does.
        if (the || !rel.is_empty()) && self.any(j, &["a", "an"]) {
            return None;
        }
        // A rate ("$2 million a year", "700 seats a week") is not a time expression here.
        if !the
            && rel.is_empty()
            && self.any(j, &["a", "an", "per"])
            && i > 0
            && !self.any(
                end,
                &["ago", "earlier", "later", "before", "after", "or", "and"],
            )
        {
            let p = self.prev(i);
            let plural_noun =
                p.len() > 3 && p.ends_with('s') && matches!(self.pos(i - 1), Some(Pos::Noun));
            if self.pos(i - 1) == Some(Pos::Num)
                || self.figure(i - 1).is_some()
                || plural_noun
                || matches!(
                    p,
                    "million" | "billion" | "thousand" | "%" | "percent" | "cents" | "dollars"
                )
            {
                return None;
            }
        }
        let mut end = end;
        let mut modifier = None;
        if self.is(end, "or") && self.is(end + 1, "so") {
            modifier = Some("APPROX");
            end += 2;
        }
        // Ages: "52 years old" (but "8-month-old" is a duration in TimeBank).
        if self.is(end, "old") || (self.is(end, "of") && self.is(end + 1, "age")) {
            return None;
        }
        let post = self.low(end);
        if rel.is_empty() && !the {
            let shift = match post {
                "ago" => Some((-1, false, end + 1)),
                "earlier" => Some((-1, true, end + 1)),
                "before" if !self.is_word_token(end + 1) => Some((-1, true, end + 1)),
                "later" => Some((1, true, end + 1)),
                "from" if self.is(end + 1, "now") => Some((1, false, end + 2)),
                "hence" => Some((1, false, end + 1)),
                _ => None,
            };
            if let Some((sign, from_anchor, e)) = shift {
                let sub_day = matches!(unit, Unit::Second | Unit::Minute | Unit::Hour);
                if (qty == Qty::Vague || sub_day) && from_anchor {
                    // "a few days later": only the duration is a time expression.
                    return Some(Cand {
                        start: i,
                        end,
                        sem: Sem::Dur(duration(qty, unit)),
                        modifier,
                    });
                }
                if qty == Qty::Vague {
                    let r = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
                    return Some(Cand {
                        start: i,
                        end: e,
                        sem: Sem::Ref(r),
                        modifier,
                    });
                }
                return Some(Cand {
                    start: i,
                    end: e,
                    sem: Sem::Shift {
                        qty,
                        unit,
                        sign,
                        from_anchor,
                    },
                    modifier,
                });
            }
        }
        if rel == "same" {
            return None;
        }
        Some(Cand {
            start: i,
            end,
            sem: Sem::Dur(duration(qty, unit)),
            modifier,
        })
    }

    /// `the coming weeks` (FUTURE_REF), `recent years` (PAST_REF), `the weeks ahead`,
    /// `in years`, `for months` (vague durations).
    fn vague_plural(&self, i: usize) -> Option<Cand> {
        let w = self.low(i);
        let the = w == "the";
        let j = if the { i + 1 } else { i };
        let lead = self.low(j);
        if matches!(lead, "coming" | "upcoming") {
            let (_, plural) = self.unit(j + 1)?;
            if plural {
                return cand(i, j + 2, Sem::Ref("FUTURE_REF"));
            }
            return None;
        }
        // "past years", "future quarters"
        if !the && matches!(lead, "past" | "previous" | "prior" | "future") {
            if let Some((_, true)) = self.unit(j + 1) {
                return cand(
                    i,
                    j + 2,
                    Sem::Ref(if lead == "future" {
                        "FUTURE_REF"
                    } else {
                        "PAST_REF"
                    }),
                );
            }
            return None;
        }
        // "over the years", "for decades"
        if the
            && self.any(
                i.wrapping_sub(1),
                &["over", "through", "across", "throughout"],
            )
        {
            if let Some((unit @ (Unit::Year | Unit::Decade | Unit::Century), true)) = self.unit(j) {
                if !self.is_word_token(j + 1)
                    || matches!(
                        self.pos(j + 1),
                        Some(Pos::Prep)
                            | Some(Pos::Conj)
                            | Some(Pos::Det)
                            | Some(Pos::Num)
                            | Some(Pos::Adj)
                            | Some(Pos::Pron)
                    )
                {
                    return cand(i, j + 1, Sem::Dur(duration(Qty::Vague, unit)));
                }
            }
        }
        // "just months ago"
        if !the && self.is(j + 1, "ago") {
            if let Some((_, true)) = self.unit(j) {
                return cand(i, j + 2, Sem::Ref("PAST_REF"));
            }
        }
        if lead == "recent" {
            let (_, plural) = self.unit(j + 1)?;
            if plural {
                return cand(i, j + 2, Sem::Ref("PAST_REF"));
            }
            return None;
        }
        if let Some((unit, true)) = self.unit(j) {
            if self.is(j + 1, "ahead") || (self.is(j + 1, "to") && self.is(j + 2, "come")) {
                let end = if self.is(j + 1, "ahead") {
                    j + 2
                } else {
                    j + 3
                };
                return cand(i, end, Sem::Ref("FUTURE_REF"));
            }
            if !the
                && matches!(
                    unit,
                    Unit::Year
                        | Unit::Month
                        | Unit::Week
                        | Unit::Decade
                        | Unit::Century
                        | Unit::Hour
                )
                && matches!(
                    self.prev(i),
                    "for"
                        | "in"
                        | "within"
                        | "over"
                        | "after"
                        | "took"
                        | "take"
                        | "takes"
                        | "lasted"
                        | "last"
                )
            {
                if self.is(i + 1, "ago") {
                    return cand(i, i + 2, Sem::Ref("PAST_REF"));
                }
                if self.is(i + 1, "of") && self.prev(i) != "for" && self.prev(i) != "after" {
                    return None;
                }
                if self.is(i + 1, "or") {
                    if let Some((_, true)) = self.unit(i + 2) {
                        return cand(i, i + 3, Sem::Dur(duration(Qty::Vague, unit)));
                    }
                }
                return cand(i, i + 1, Sem::Dur(duration(Qty::Vague, unit)));
            }
        }
        None
    }

    // ---------------------------------------------------------------- clock times

    /// `3 p.m.`, `7:15 p.m. EST`, `10 p.m. Wednesday`, `5 p.m. EST, Nov. 6`, `noon Saturday`,
    /// `midnight Friday`.
    fn p_clock(&self, i: usize) -> Option<Cand> {
        let w = self.low(i);
        let (h, m, mut end) = if matches!(w, "noon" | "midnight") {
            let h = if w == "noon" { 12 } else { 24 };
            (h, 0, i + 1)
        } else {
            let (h, m, had_ampm, e) = self.clock_figure(i)?;
            if !had_ampm
                && !matches!(
                    self.prev(i),
                    "at" | "around"
                        | "about"
                        | "by"
                        | "until"
                        | "till"
                        | "before"
                        | "after"
                        | "since"
                        | "from"
                )
            {
                return None;
            }
            (h, m, e)
        };
        if self.any(end, ZONES) || (self.is(end, "local") && self.is(end + 1, "time")) {
            end += if self.is(end, "local") { 2 } else { 1 };
        }
        let mut day = None;
        if let Some((s, e)) = self.day_after(end) {
            day = Some(Box::new(s));
            end = e;
        }
        if day.is_none()
            && matches!(w, "noon" | "midnight")
            && !matches!(
                self.prev(i),
                "at" | "by" | "until" | "till" | "before" | "after" | "around" | "from" | "since"
            )
        {
            return None;
        }
        cand(i, end, Sem::Clock { day, h, m })
    }

    /// Hour and minute at `i`: `3 p.m.`, `3pm`, `7:15`, `10:30am`, `five o'clock`.
    fn clock_figure(&self, i: usize) -> Option<(u32, u32, bool, usize)> {
        let w = self.low(i);
        let (num, suffix) = split_ampm(w);
        let (mut h, m) = if let Some((a, b)) = num.split_once([':', '.']) {
            if b.len() != 2 {
                return None;
            }
            (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)
        } else if let Ok(h) = num.parse::<u32>() {
            (h, 0)
        } else if let Some(h) = if num.len() == w.len() {
            // No am/pm suffix: the token's own cardinal, looked up once in `View::new`.
            self.card_at(i)
        } else {
            self.words.card(num)
        } {
            (h, 0)
        } else {
            return None;
        };
        if h > 24 || m > 59 {
            return None;
        }
        let mut end = i + 1;
        let mut ampm = suffix;
        if ampm.is_none() {
            match self.low(end) {
                "p.m." | "pm" | "p.m" => ampm = Some(true),
                "a.m." | "am" | "a.m" => ampm = Some(false),
                "o'clock" => ampm = Some(h == 12 || h < 7),
                _ => {}
            }
            if ampm.is_some() {
                end += 1;
            }
        }
        let had = ampm.is_some();
        match ampm {
            Some(true) if h < 12 => h += 12,
            Some(false) if h == 12 => h = 0,
            _ => {}
        }
        if !had && !num.contains(':') {
            return None;
        }
        if h > 24 || (ampm.is_some() && !(0..=24).contains(&h)) {
            return None;
        }
        Some((h, m, had, end))
    }

    // ---------------------------------------------------------------- vague references and sets

    /// `now`, `currently`, `current`, `recently`, `recent`, `the past`, `the future`,
    /// `the near term`, `these days`, `as soon as possible`, `one day` (after a modal).
    fn p_ref(&self, i: usize) -> Option<Cand> {
        let w = self.low(i);
        let r = |end: usize, v: &'static str| cand(i, end, Sem::Ref(v));
        match w {
            "now" => r(i + 1, "PRESENT_REF"),
            "right" if self.is(i + 1, "now") => r(i + 2, "PRESENT_REF"),
            "currently" | "nowadays" | "presently" => r(i + 1, "PRESENT_REF"),
            "current" => {
                if self.is_word_token(i + 1)
                    && !self.any(
                        i + 1,
                        &["account", "accounts", "and", "or", "of", "is", "was", "in"],
                    )
                {
                    r(i + 1, "PRESENT_REF")
                } else {
                    None
                }
            }
            "these" if self.is(i + 1, "days") => r(i + 2, "PRESENT_REF"),
            "present" if self.prev(i) == "at" => r(i + 1, "PRESENT_REF"),
            "recently" => r(i + 1, "PAST_REF"),
            "more" | "most" if self.is(i + 1, "recently") => r(i + 2, "PAST_REF"),
            "recent" => {
                if self.is_word_token(i + 1) && self.prev(i) != "most" {
                    r(i + 1, "PAST_REF")
                } else {
                    None
                }
            }
            "the" => match (self.low(i + 1), self.low(i + 2)) {
                ("past", _) => r(i + 2, "PAST_REF"),
                ("future", _) => r(i + 2, "FUTURE_REF"),
                ("near" | "distant" | "foreseeable" | "immediate", "future") => {
                    r(i + 3, "FUTURE_REF")
                }
                ("near" | "short" | "long", "term") => r(i + 3, "FUTURE_REF"),
                _ => None,
            },
            "a" if self.is(i + 1, "later") && self.is(i + 2, "date") => r(i + 3, "FUTURE_REF"),
            "as" if self.is(i + 1, "soon")
                && self.is(i + 2, "as")
                && self.is(i + 3, "possible") =>
            {
                r(i + 4, "FUTURE_REF")
            }
            "someday" => r(i + 1, "FUTURE_REF"),
            // "will soon", "soon to", but not the conjunction "as soon as" nor "soon after".
            "soon"
                if self.prev(i) != "as"
                    && !self.any(
                        i + 1,
                        &[
                            "after",
                            "afterwards",
                            "afterward",
                            "thereafter",
                            "as",
                            "enough",
                        ],
                    ) =>
            {
                r(i + 1, "FUTURE_REF")
            }
            "one" | "some"
                if self.is(i + 1, "day") && self.pos(i.wrapping_sub(1)) == Some(Pos::Modal) =>
            {
                r(i + 2, "FUTURE_REF")
            }
            _ => None,
        }
    }

    /// `every week`, `each July`, `every Monday`, `daily`, `annually`, `twice a week`.
    fn p_set(&self, i: usize) -> Option<Cand> {
        let w = self.low(i);
        match w {
            // "convoys arrive daily" (but not "average daily volume", a measure).
            "daily"
                if !self.is_word_token(i + 1)
                    || matches!(
                        self.pos(i + 1),
                        Some(Pos::Prep) | Some(Pos::Conj) | Some(Pos::Subord)
                    ) =>
            {
                return cand(i, i + 1, Sem::Set("P1D".into()))
            }
            "weekly" => return cand(i, i + 1, Sem::Set("P1W".into())),
            "monthly" => return cand(i, i + 1, Sem::Set("P1M".into())),
            "annually" | "yearly" => return cand(i, i + 1, Sem::Set("P1Y".into())),
            "hourly" => return cand(i, i + 1, Sem::Set("PT1H".into())),
            "biweekly" => return cand(i, i + 1, Sem::Set("P2W".into())),
            _ => {}
        }
        if matches!(w, "once" | "twice") || (self.cardinal(i).is_some() && self.is(i + 1, "times"))
        {
            let j = if self.is(i + 1, "times") {
                i + 2
            } else {
                i + 1
            };
            if self.any(j, &["a", "an", "per", "every", "each"]) {
                if let Some((unit, false)) = self.unit(j + 1) {
                    return cand(i, j + 2, Sem::Set(duration(Qty::N(1.0), unit)));
                }
            }
            return None;
        }
        if !matches!(w, "every" | "each") {
            return None;
        }
        let mut j = i + 1;
        let mut mult = 1.0;
        if self.is(j, "other") {
            mult = 2.0;
            j += 1;
        }
        if let Some((wd, false)) = self.weekday(j) {
            return cand(i, j + 1, Sem::Set(format!("XXXX-WXX-{wd}")));
        }
        if let Some(m) = self.month(j, false) {
            return cand(i, j + 1, Sem::Set(format!("XXXX-{m:02}")));
        }
        if let Some(p) = self.daypart(j) {
            return cand(
                i,
                j + 1,
                Sem::Set(format!("XXXX-XX-XX{}", daypart_code_t(p))),
            );
        }
        if let Some(s) = self.word(j).and_then(|x| x.season) {
            let code = match s {
                Season::Spring => "SP",
                Season::Summer => "SU",
                Season::Fall => "FA",
                Season::Winter => "WI",
            };
            return cand(i, j + 1, Sem::Set(format!("XXXX-{code}")));
        }
        if let Some((unit, false)) = self.unit(j) {
            return cand(i, j + 1, Sem::Set(duration(Qty::N(mult), unit)));
        }
        if let Some((Qty::N(n), unit, end, _)) = self.qty_unit(j) {
            return cand(i, end, Sem::Set(duration(Qty::N(n * mult), unit)));
        }
        None
    }
}

fn daypart_code_t(p: DayPart) -> &'static str {
    match p {
        DayPart::Morning => "TMO",
        DayPart::Afternoon => "TAF",
        DayPart::Evening => "TEV",
        DayPart::Night => "TNI",
    }
}

/// `1990s` -> 199 (also `1980's` written as one token).
fn decade_figure(w: &str) -> Option<i32> {
    let digits = w.strip_suffix('s')?.trim_end_matches('\'');
    if digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) {
        let y: i32 = digits.parse().ok()?;
        if y % 10 == 0 && (1000..=2190).contains(&y) {
            return Some(y / 10);
        }
    }
    None
}

/// Split `3pm` / `10:30a.m.` into the figure and whether it is p.m.
fn split_ampm(w: &str) -> (&str, Option<bool>) {
    for (suf, pm) in [
        ("p.m.", true),
        ("a.m.", false),
        ("pm", true),
        ("am", false),
        ("p.m", true),
        ("a.m", false),
    ] {
        if let Some(n) = w.strip_suffix(suf) {
            if !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
            {
                return (n, Some(pm));
            }
        }
    }
    (w, None)
}

fn valid_day(year: YearRef, m: u32, d: u32) -> bool {
    let y = match year {
        YearRef::Abs(y) => y,
        _ => 2000, // a leap year: Feb 29 is possible
    };
    chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_doc::DocMeta;
    use attache_text::{analyze, Lexicon};

    /// Every pattern that matches at a token is among the patterns [`View::core`] tries there.
    #[test]
    fn first_patterns_cover_every_match() {
        let text = "On Friday, Oct. 13, 2023 at 3 p.m. EST, and 7:15pm, +3:00 or noon Saturday \
            the 17th of February, 17 February 2025, last March, this past Sunday, the previous \
            Friday, Mondays, Tuesday nights, today, yesterday morning, tonight, overnight, the \
            day before yesterday, that evening, this week, the past year, the following month, \
            year-earlier, the second day of the offensive, the third quarter of 1990, \
            third-quarter, fiscal-second quarter, the final quarter, the latest quarter, the \
            year-ago period, this summer, the winter of 1994, the 1990s, the '80s, mid-1990s, \
            the nineties, the 20th century, two days ago, 24 hours, twenty-four hours, a few \
            weeks, several years, three-year, a couple of months, dozens of years, half an \
            hour, the coming weeks, recent years, past years, future quarters, months ago, \
            for years, the weeks ahead, a while, now, right now, currently, current events, \
            these days, at present, recently, more recently, the past, the near future, a later \
            date, as soon as possible, someday, will soon, could one day, daily, weekly, \
            annually, once a week, twice a month, 3 times a year, every other Monday, each July, \
            every morning, every spring, every week, every two years, early next year, late \
            yesterday, earlier this month, mid-November, mid-afternoon, mid morning, the end of \
            1990, the first half of 1990, the year's end, year-end, year end, more than four \
            hours, at least two years, no more than three days, up to a week, close to a month, \
            about two years ago, almost a year, under two weeks, some years, fiscal 1989, the \
            year 2000, nineteen ninety-six, two thousand and eight, 1990 and beyond, 2025-02-17, \
            2025-02, 2/17/2025, five o'clock, the year ended Sept. 30, the quarter a year ago.";
        let mut doc = Document::new(DocMeta::default(), text);
        analyze(&mut doc, &Lexicon::new());
        let words = Words::new();
        let v = View::new(&doc, &words);
        type Pattern<'p> = &'p dyn Fn(usize) -> Option<Cand>;
        let pats: [(Pat, Pattern); 13] = [
            (pat::CAL, &|i| v.p_cal(i)),
            (pat::ISO, &|i| v.p_iso(i)),
            (pat::YEAR, &|i| v.p_year(i)),
            (pat::WEEKDAY, &|i| v.p_weekday(i)),
            (pat::DEICTIC, &|i| v.p_deictic(i)),
            (pat::RELUNIT, &|i| v.p_relunit(i)),
            (pat::QUARTER, &|i| v.p_quarter(i)),
            (pat::SEASON, &|i| v.p_season(i)),
            (pat::DECADE, &|i| v.p_decade(i)),
            (pat::DURATION, &|i| v.p_duration(i)),
            (pat::CLOCK, &|i| v.p_clock(i)),
            (pat::REF, &|i| v.p_ref(i)),
            (pat::SET, &|i| v.p_set(i)),
        ];
        let mut matched = 0;
        for i in 0..v.len() {
            for (p, f) in pats {
                if f(i).is_some() {
                    matched += 1;
                    assert!(v.first(i) & p != 0, "pattern {p} at {:?}", v.low(i));
                }
            }
        }
        assert!(matched > 100, "{matched}");
    }
}
