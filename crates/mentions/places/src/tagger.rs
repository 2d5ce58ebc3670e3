//! Toponym recognition and resolution: fills `Document::places`.
//!
//! 1. **Units.** Tokens are split at inner hyphens (`Iran-backed`, `Middlesex-London`), so a place
//!    inside a compound is found; each unit has a normalised key (see [`crate::normalize`]).
//! 2. **Candidates.** Left to right, the longest run of units whose joined key is in the index and
//!    whose capitalisation fits the name (capitalised words, connectors like `of`/`de` in any
//!    case, direction words of hand-written regions such as `southern Israel` in any case, `US`
//!    only in capitals, `Ky.` only after a comma). A long match that is only an obscure village
//!    gives way to a well-known shorter one (`University of Michigan Center`).
//! 3. **Filters.** Part of a person's name (`Jordan Peterson`, `Michael Jordan`, `Mr. Lincoln`,
//!    `Mitt Romney`, a surname seen in such a name elsewhere in the document), a person or an
//!    organisation the actor layer found, a newspaper (`Washington Post`), a street (`Wooster
//!    St.`), a sentence-initial function or common word, a calendar word.
//! 4. **Resolution.** Every reading of a name is scored: a prior from the kind of place
//!    (country > region > first-level division > city by population, capitals up, foreign
//!    spellings down), then context: explicit containment (`Springfield, Illinois`, `Cairo's
//!    Abbasiya`), the document's other countries and divisions, and nearness to its other
//!    places. One sense per discourse: all mentions of a name share one reading. A city beats a
//!    division read from the same name when it is the division's core (`Istanbul`, `Aleppo`).
//!    Small places whose name is an ordinary English word, or that have no support in the
//!    document, are dropped.

use crate::gazetteer::{Gazetteer, NameKind, NameRef, PlaceKind};
use crate::normalize::{key, key_into};
use attache_doc::{ActorKind, Document, PlaceMention, Pos, Span, TokenRange};
use rustc_hash::{FxHashMap, FxHashSet};

static GIVEN_NAMES: &str = include_str!("../../../../data/places/given_names.txt");

/// Options of the tagger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaggerOptions {
    /// Also tag adjectives standing for a place (`Turkish` → Turkey), as TR-News and LGL
    /// annotate them. On by default; the event stage can tell them apart with
    /// [`PlaceTagger::is_adjectival`].
    pub demonyms: bool,
}

impl Default for TaggerOptions {
    fn default() -> Self {
        TaggerOptions { demonyms: true }
    }
}

/// Finds and resolves place names in a document.
#[derive(Debug)]
pub struct PlaceTagger {
    gaz: Gazetteer,
    opts: TaggerOptions,
    given: FxHashSet<Box<str>>,
    classes: WordClasses,
}

/// Connector words allowed in lower case inside a name.
const CONNECTORS: &[&str] = &[
    "of", "and", "the", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la",
    "le", "les", "el", "al", "en", "sur", "upon", "on", "am", "im", "an", "der", "den", "von",
    "van", "y", "e", "i", "a", "au", "aux", "ad", "ar", "as", "at", "bin", "ibn", "in", "es", "ez",
    "ash", "ag", "st", "sainte", "saint", "&",
];

/// Direction words that may begin a hand-written region in lower case (`southern Israel`).
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "sub",
    "far",
    "greater",
    "upper",
    "lower",
];

/// Titles before a person's name.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "lord",
    "lady",
    "dame",
    "president",
    "pres",
    "gov",
    "governor",
    "sen",
    "senator",
    "rep",
    "representative",
    "gen",
    "general",
    "col",
    "colonel",
    "capt",
    "captain",
    "lt",
    "sgt",
    "sergeant",
    "prof",
    "professor",
    "rev",
    "reverend",
    "pastor",
    "father",
    "judge",
    "justice",
    "coach",
    "officer",
    "const",
    "constable",
    "minister",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "chancellor",
    "secretary",
    "ambassador",
    "commissioner",
    "sheriff",
    "mayor",
    "speaker",
    "cardinal",
    "bishop",
    "sheikh",
    "emir",
    "ayatollah",
    "imam",
    "cpl",
    "pte",
    "maj",
    "adm",
    "det",
    "insp",
    "inspector",
    "superintendent",
    "supt",
    "chief",
    "brother",
    "sister",
    "uncle",
    "aunt",
    "councillor",
    "councilman",
    "councilwoman",
    "lawmaker",
    "mp",
    "mla",
    "mpp",
    "actor",
    "actress",
    "singer",
    "star",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "quarterback",
    "director",
    "producer",
    "author",
    "writer",
    "apostle",
    "saint",
    "st",
];

/// Newspaper names: `Washington Post`, `Los Angeles Times` name a newspaper, not the place.
const NEWSPAPER: &[&str] = &[
    "post",
    "times",
    "herald",
    "tribune",
    "journal",
    "gazette",
    "globe",
    "chronicle",
    "observer",
    "courier",
    "telegraph",
    "inquirer",
    "examiner",
    "sentinel",
    "dispatch",
    "bulletin",
    "record",
    "register",
    "standard",
    "mercury",
    "independent",
];

/// Words after a name that make it a street or a business, not the place (`Wooster St.`).
const STREET: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "boulevard",
    "blvd",
    "lane",
    "ln",
    "drive",
    "dr",
    "highway",
    "hwy",
    "crescent",
    "close",
    "way",
    "terrace",
    "court",
    "ct",
    "parkway",
    "pkwy",
    "place",
    "pl",
    "circle",
    "alley",
    "row",
    "walk",
    "farms",
    "farm",
    "gardens",
    "apartments",
    "funeral",
    "kitchen",
    "comprehensive",
];

/// Words after a place name that make the whole an institution of the place (`Kentucky State
/// Police`, `Winnipeg Free Press`, `Turkish President`): the place name stays a place, and the
/// word is not a surname.
const INSTITUTION: &[&str] = &[
    "state",
    "states",
    "police",
    "government",
    "govt",
    "university",
    "college",
    "council",
    "county",
    "city",
    "court",
    "department",
    "dept",
    "service",
    "services",
    "hospital",
    "airport",
    "press",
    "star",
    "news",
    "sun",
    "school",
    "schools",
    "board",
    "association",
    "center",
    "centre",
    "party",
    "club",
    "company",
    "region",
    "regional",
    "province",
    "provincial",
    "district",
    "area",
    "square",
    "park",
    "bridge",
    "river",
    "valley",
    "lake",
    "international",
    "national",
    "general",
    "public",
    "community",
    "health",
    "fire",
    "rescue",
    "emergency",
    "mayor",
    "premier",
    "governor",
    "senator",
    "minister",
    "ministry",
    "president",
    "prime",
    "foreign",
    "interior",
    "defence",
    "defense",
    "finance",
    "secretary",
    "chief",
    "official",
    "officials",
    "authorities",
    "authority",
    "army",
    "navy",
    "military",
    "forces",
    "force",
    "troops",
    "border",
    "coast",
    "guard",
    "parliament",
    "assembly",
    "legislature",
    "senate",
    "congress",
    "congressional",
    "legislative",
    "metropolitan",
    "metro",
    "transit",
    "museum",
    "gallery",
    "library",
    "church",
    "cathedral",
    "mosque",
    "temple",
    "zoo",
    "stadium",
    "arena",
    "hall",
    "house",
    "office",
    "bureau",
    "agency",
    "institute",
    "foundation",
    "society",
    "trust",
    "bank",
    "exchange",
    "stock",
    "market",
    "chamber",
    "federation",
    "union",
    "league",
    "cup",
    "open",
    "marathon",
    "festival",
    "fair",
    "day",
    "games",
    "olympics",
    "team",
    "fc",
    "united",
    "rangers",
    "islands",
    "island",
    "peninsula",
    "mountains",
    "mountain",
    "sea",
    "ocean",
    "gulf",
    "bay",
    "harbour",
    "harbor",
    "port",
    "station",
    "terminal",
    "freeway",
    "motorway",
    "route",
    "line",
    "railway",
    "railroad",
    "township",
    "borough",
    "village",
    "town",
    "municipality",
    "municipal",
    "prefecture",
    "oblast",
    "governorate",
    "capital",
    "residents",
    "people",
    "officers",
    "deputies",
    "sheriff",
    "detention",
    "jail",
    "prison",
    "correctional",
    "superior",
    "supreme",
    "ems",
    "opp",
    "rcmp",
    "fbi",
    "tv",
    "radio",
    "am",
    "fm",
    "magistrates",
    "crown",
    "airways",
    "airlines",
    "air",
    "rail",
    "energy",
    "power",
    "water",
    "electric",
    "gas",
    "oil",
    "group",
    "inc",
    "ltd",
    "corp",
    "co",
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "upper",
    "lower",
    "downtown",
    "uptown",
    "junior",
    "senior",
    "high",
    "elementary",
    "middle",
    "primary",
    "secondary",
    "catholic",
    "christian",
    "muslim",
    "jewish",
    "orthodox",
    "islamic",
    "protestant",
    "coptic",
    "evangelical",
    "baptist",
    "methodist",
    "morning",
    "evening",
    "daily",
    "weekly",
];

/// Capitalised words that are never place names on their own in news text.
const STOP: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "god",
    "allah",
    "jesus",
    "christ",
    "christmas",
    "easter",
    "ramadan",
    "eid",
    "president",
    "police",
    "government",
    "state",
    "city",
    "county",
    "university",
    "congress",
    "senate",
    "parliament",
    "court",
    "army",
    "navy",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "internet",
    "facebook",
    "twitter",
    "google",
    "reuters",
    "ap",
    "afp",
    "cnn",
    "bbc",
    "cbc",
    "ctv",
    "abc",
    "nbc",
    "cbs",
    "fox",
    "mother",
    "father",
    "union",
    "republic",
    "kingdom",
    "province",
    "region",
    "district",
    "capital",
    "island",
    "islands",
    "north",
    "south",
    "east",
    "west",
    "centre",
    "center",
    "democrats",
    "republicans",
    "liberals",
    "conservatives",
    "labour",
    "tories",
    "i",
    "a",
    "an",
    "the",
    "this",
    "that",
    "one",
    "it",
    "he",
    "she",
    "we",
    "they",
    "mp",
    "mla",
    "ok",
    "tv",
    "ceo",
    "pm",
    "am",
    "gop",
    "isis",
    "isil",
    "is",
    "nato",
    "un",
    "eu",
    "al",
    "el",
    "xinhua",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "lakes",
    "valley",
    "secretary",
    "justice",
    "section",
    "home",
    "arab",
    "arabs",
    "muslim",
    "christian",
    "jewish",
    "kurdish",
    "kurds",
    "sunni",
    "shia",
    "shiite",
    "western",
];

/// Word-list bits of a unit's key (one hash probe per unit instead of a scan of each list).
const W_CONNECTOR: u8 = 1;
const W_DIRECTION: u8 = 2;
const W_TITLE: u8 = 4;
const W_NEWSPAPER: u8 = 8;
const W_STREET: u8 = 16;
const W_INSTITUTION: u8 = 32;
const W_STOP: u8 = 64;
/// The first word of a [`STOP_PHRASES`] phrase.
const W_STOP_PHRASE: u8 = 128;

/// The `W_*` bits of every word of the lists, with a cheap pre-test: most units are ruled out by
/// their first byte and length without hashing.
#[derive(Debug)]
struct WordClasses {
    map: FxHashMap<&'static str, u8>,
    /// Per first byte, the lengths (bit `len`, lengths under 32) of the listed words starting so.
    shape: [u32; 256],
    /// The bits again, by vocabulary id ([`PlaceTagger::bind_vocabulary`]); empty until bound.
    by_word: Vec<u8>,
    /// The vocabulary `by_word` is for (0: none).
    vocab: u64,
}

impl WordClasses {
    fn new() -> Self {
        let mut map: FxHashMap<&'static str, u8> = FxHashMap::default();
        for (list, bit) in [
            (CONNECTORS, W_CONNECTOR),
            (DIRECTIONS, W_DIRECTION),
            (TITLES, W_TITLE),
            (NEWSPAPER, W_NEWSPAPER),
            (STREET, W_STREET),
            (INSTITUTION, W_INSTITUTION),
            (STOP, W_STOP),
        ] {
            for w in list {
                *map.entry(w).or_default() |= bit;
            }
        }
        for p in STOP_PHRASES {
            let first = p.split(' ').next().unwrap_or(p);
            *map.entry(first).or_default() |= W_STOP_PHRASE;
        }
        let mut shape = [0u32; 256];
        for k in map.keys() {
            if let Some(&b) = k.as_bytes().first() {
                // A word of 32 bytes or more would get no bit and never be found: a test checks
                // that the lists have none.
                shape[usize::from(b)] |= 1u32.checked_shl(k.len() as u32).unwrap_or(0);
            }
        }
        WordClasses {
            map,
            shape,
            by_word: Vec::new(),
            vocab: 0,
        }
    }

    fn bind(&mut self, lex: &mut attache_text::Lexicon) {
        // Sorted: ids then do not depend on the hash map's order.
        let mut words: Vec<(&'static str, u8)> = self.map.iter().map(|(k, v)| (*k, *v)).collect();
        words.sort_unstable();
        let mut by_word: Vec<u8> = Vec::new();
        for (k, bits) in words {
            let id = lex.intern_word(k).get() as usize;
            if by_word.len() <= id {
                by_word.resize(id + 1, 0);
            }
            by_word[id] = bits;
        }
        self.by_word = by_word;
        self.vocab = lex.vocab();
    }

    /// [`WordClasses::get`] of a token's whole lower-case text (`doc.low(i)`, all ASCII: the
    /// text the lexicon looked up), by its vocabulary id when the document was tagged with the
    /// bound lexicon (every listed word has an id there, so a token without one is in no list).
    #[inline]
    fn get_token(&self, key: &str, doc_vocab: u64, word: Option<attache_doc::WordId>) -> u8 {
        if self.vocab == 0 || doc_vocab != self.vocab {
            return self.get(key);
        }
        word.and_then(|id| self.by_word.get(id.get() as usize))
            .copied()
            .unwrap_or(0)
    }

    /// The `W_*` bits of a key (0 when it is in no list).
    fn get(&self, key: &str) -> u8 {
        let b = key.as_bytes();
        let shape = b.first().map_or(0, |&c| self.shape[usize::from(c)]);
        if shape & 1u32.checked_shl(b.len() as u32).unwrap_or(0) == 0 {
            return 0;
        }
        self.map.get(key).copied().unwrap_or(0)
    }
}

/// Multi-word names that news uses for institutions, not places.
const STOP_PHRASES: &[&str] = &[
    "white house",
    "pentagon",
    "kremlin",
    "capitol",
    "capitol hill",
    "downing street",
    "elysee",
    "state department",
    "wall street",
];

#[derive(Debug, Clone)]
struct Unit<'k> {
    start: usize,
    end: usize,
    tok: usize,
    norm: &'k str,
    /// Word lists the key is in (`W_*` bits).
    class: u8,
    cap: bool,
    allcaps: bool,
    alpha: bool,
    sent: usize,
    sent_first: bool,
    /// Joined to the previous unit by a hyphen inside one token.
    glued: bool,
}

/// Where a unit's key lies while the units are built: a byte range of `Document::lower` (plain
/// words) or of the buffer of normalised keys.
#[derive(Debug, Clone, Copy)]
enum KeySpan {
    Lower(usize, usize),
    Keys(usize, usize),
}

#[derive(Debug, Clone)]
struct Cand {
    /// Unit range.
    a: usize,
    b: usize,
    refs: Vec<NameRef>,
    key: String,
}

/// Byte classes of ASCII for [`PlaceTagger::units`]: letter, digit, a byte a plain key may hold
/// (letters, figures, `'`, `&`), and anything but a lower-case letter.
const A_LETTER: u8 = 1;
const A_DIGIT: u8 = 2;
const A_PLAIN: u8 = 4;
const A_NOT_LOWER: u8 = 8;
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        let mut c = 0;
        if b.is_ascii_alphabetic() {
            c |= A_LETTER | A_PLAIN;
        } else if b.is_ascii_digit() {
            c |= A_DIGIT | A_PLAIN;
        } else if b == b'\'' || b == b'&' {
            c |= A_PLAIN;
        }
        if !b.is_ascii_lowercase() {
            c |= A_NOT_LOWER;
        }
        t[i] = c;
        i += 1;
    }
    t
};

fn is_alpha_text(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

fn closed(w: &str) -> Option<Pos> {
    attache_text::closed_class(w)
}

fn hav_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    crate::haversine_km(lat1, lon1, lat2, lon2)
}

/// Document evidence for one reading of a name.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    /// Another place of the document lies in the same country (or an actor is that country).
    country: bool,
    /// Another place lies in the same first-level division, or is it.
    admin1: bool,
    /// Another place lies in the same second-level division, or is it.
    admin2: bool,
    /// Distance to the nearest other place of the document (cities and districts).
    near_km: f64,
    /// The document names the division itself, not only another place inside it: the county of
    /// a town ("Laurel County"), or the state of a county ("Missouri"). A state named does not
    /// count for a town: it is too wide to outweigh a famous namesake ("Washington" in a story
    /// naming England).
    division_named: bool,
    /// ... and that division is the second-level one (a county).
    county_named: bool,
}

impl Context {
    fn bonus(&self) -> f64 {
        // Evidence from the same neighbourhood is counted once: the strongest of division and
        // distance, plus the country.
        let near = if self.near_km < 30.0 {
            8.0
        } else if self.near_km < 100.0 {
            6.0
        } else if self.near_km < 300.0 {
            3.0
        } else {
            0.0
        };
        let division = if self.admin2 {
            8.0
        } else if self.admin1 {
            7.0
        } else {
            0.0
        };
        let country = if self.country { 4.0 } else { 0.0 };
        // A named division is stronger evidence than a neighbour that may itself be misread
        // (two counties of one state support each other by nearness, but the document names
        // another state): it adds to the neighbourhood evidence.
        let named = if self.division_named { 5.0 } else { 0.0 };
        country + f64::max(near, division) + named
    }

    /// Evidence that places a small or ambiguous reading in the document's own area.
    fn local(&self) -> bool {
        self.admin1 || self.admin2 || self.near_km < 50.0
    }
}

/// What the resolution step knows about the document's other names, with the facts
/// [`PlaceTagger::context`] asks of them read from the gazetteer once per round rather than once
/// per reading weighed.
struct DocView<'a> {
    /// Per group, its current reading and that reading's country and divisions.
    chosen: Vec<Option<Chosen>>,
    /// Per group, the places that count for nearness: its readings that score almost as well as
    /// its best one, then its current reading; cities and districts of 10,000 or more only.
    near: Vec<Near>,
    actor_countries: &'a FxHashSet<[u8; 3]>,
}

/// A group's current reading.
struct Chosen {
    place: u32,
    country: [u8; 3],
    admin1: Option<u32>,
    admin2: Option<u32>,
}

/// A group's places for nearness, with their coordinates.
struct Near {
    /// A name mentioned often weighs more: distances are divided by this.
    scale: f64,
    points: Vec<(u32, f64, f64)>,
}

impl<'a> DocView<'a> {
    fn new(
        gaz: &Gazetteer,
        groups: &[(&str, Vec<usize>)],
        choice: &[Option<u32>],
        plausible: &[Vec<u32>],
        actor_countries: &'a FxHashSet<[u8; 3]>,
    ) -> Self {
        let chosen = choice
            .iter()
            .map(|c| {
                c.map(|o| Chosen {
                    place: o,
                    country: gaz.country(o),
                    admin1: gaz.admin1_of(o),
                    admin2: gaz.admin2_of(o),
                })
            })
            .collect();
        let near = plausible
            .iter()
            .enumerate()
            .map(|(gj, pool)| {
                let weight = groups.get(gj).map_or(0, |g| g.1.len()).min(3) as f64;
                let points = pool
                    .iter()
                    .chain(choice.get(gj).into_iter().flatten())
                    .filter(|&&o| {
                        matches!(gaz.kind(o), PlaceKind::City | PlaceKind::Admin2)
                            && gaz.population(o) >= 10_000
                    })
                    .map(|&o| {
                        let (lat, lon) = gaz.lat_lon(o);
                        (o, lat, lon)
                    })
                    .collect();
                Near {
                    scale: weight.max(1.0).sqrt(),
                    points,
                }
            })
            .collect();
        DocView {
            chosen,
            near,
            actor_countries,
        }
    }
}

impl PlaceTagger {
    /// A tagger with default options.
    pub fn new(gazetteer: Gazetteer) -> Self {
        Self::with_options(gazetteer, TaggerOptions::default())
    }

    /// Give the word lists vocabulary ids in `lex`: documents tagged with it are then read
    /// without hashing each token again. Same results with or without.
    pub fn bind_vocabulary(&mut self, lex: &mut attache_text::Lexicon) {
        self.classes.bind(lex);
    }

    /// A tagger with the given options.
    pub fn with_options(gazetteer: Gazetteer, opts: TaggerOptions) -> Self {
        let given = GIVEN_NAMES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(Into::into)
            .collect();
        PlaceTagger {
            gaz: gazetteer,
            opts,
            given,
            classes: WordClasses::new(),
        }
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// The options.
    pub fn options(&self) -> TaggerOptions {
        self.opts
    }

    /// True when a place mention is an adjective standing for the place (`Turkish troops`)
    /// rather than the place's name.
    pub fn is_adjectival(&self, doc: &Document, m: &PlaceMention) -> bool {
        let k = key(doc.slice(m.span));
        let refs = self.gaz.lookup_key(&k);
        refs.iter().any(|r| r.kind == NameKind::Demonym)
            && !refs.iter().any(|r| r.kind != NameKind::Demonym)
    }

    /// The units of `doc`. A plain word's key is its slice of `doc.lower` (no copy); the keys of
    /// other words are written into `keys`.
    fn units<'k>(&self, doc: &'k Document, keys: &'k mut String) -> Vec<Unit<'k>> {
        let mut out: Vec<Unit<'k>> = Vec::with_capacity(doc.tokens.len() + 8);
        // Where each unit's key lies: `doc.lower` or `keys` (filled in once `keys` is complete,
        // since it may reallocate while it grows).
        let mut key_spans: Vec<KeySpan> = Vec::with_capacity(doc.tokens.len() + 8);
        let mut sent_of = vec![0usize; doc.tokens.len()];
        let mut first = vec![false; doc.tokens.len()];
        for (si, s) in doc.sentences.iter().enumerate() {
            let mut seen_word = false;
            for t in s.tokens.iter() {
                if let Some(x) = sent_of.get_mut(t) {
                    *x = si;
                }
                if !seen_word && t < doc.tokens.len() && is_alpha_text(doc.tok(t)) {
                    first[t] = true;
                    seen_word = true;
                }
            }
        }
        if doc.sentences.is_empty() {
            if let Some(i) = (0..doc.tokens.len()).find(|&i| is_alpha_text(doc.tok(i))) {
                first[i] = true;
            }
        }
        keys.clear();
        let mut scratch = String::new();
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let mut glue_next = false;
        for (ti, t) in doc.tokens.iter().enumerate() {
            let text = doc.slice(t.span);
            // The tokenizer splits "Guinea-Bissau" into three tokens (two names may be two
            // actors); for places the hyphen still glues its two words into one name.
            let glue = std::mem::take(&mut glue_next);
            if matches!(text, "-" | "‐" | "‑")
                && !t.space_before
                && ti > 0
                && doc.tokens.get(ti + 1).is_some_and(|n| !n.space_before)
            {
                glue_next = true;
                continue;
            }
            // Split at hyphens between letters or digits (none in most tokens: no dash byte).
            // The pieces first, then one loop over them: the unit code has one call site.
            pieces.clear();
            if !text.bytes().any(|b| b == b'-' || b == 0xE2) {
                pieces.push((0, text.len()));
            } else {
                let mut start = 0;
                let mut prev: Option<char> = None;
                let mut chars = text.char_indices().peekable();
                while let Some((b, c)) = chars.next() {
                    if matches!(c, '-' | '‐' | '‑' | '–') {
                        if let (Some(p), Some(&(_, n))) = (prev, chars.peek()) {
                            if p.is_alphanumeric() && n.is_alphanumeric() {
                                pieces.push((start, b));
                                start = b + c.len_utf8();
                            }
                        }
                    }
                    prev = Some(c);
                }
                pieces.push((start, text.len()));
            }
            for (pi, &(a, b)) in pieces.iter().enumerate() {
                let s = text.get(a..b).unwrap_or("");
                let (mut letters, mut upper, mut alpha) = (false, true, false);
                // A word of letters, figures, `'` and `&` only is its own key in lower case.
                let plain;
                let cap;
                // The byte classes and the ASCII test in one pass (the classes are only used
                // when every byte is ASCII).
                let (mut any, mut all, mut high) = (0u8, u8::MAX, 0u8);
                for b in s.bytes() {
                    let c = ASCII_CLASS[usize::from(b & 0x7f)];
                    any |= c;
                    all &= c;
                    high |= b;
                }
                if high < 0x80 {
                    // The same tests on bytes (ASCII letters are the only alphabetic ASCII), with
                    // one table load per byte instead of a chain of tests.
                    letters = any & A_LETTER != 0;
                    upper = all & A_NOT_LOWER != 0;
                    alpha = any & (A_LETTER | A_DIGIT) != 0;
                    plain = all & A_PLAIN != 0;
                    cap = s.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
                } else {
                    plain = false;
                    for c in s.chars() {
                        if c.is_alphabetic() {
                            letters = true;
                            upper &= c.is_uppercase();
                        }
                        alpha |= c.is_alphanumeric();
                    }
                    cap = s.chars().next().is_some_and(char::is_uppercase);
                }
                let (start, end) = (t.span.start + a, t.span.start + b);
                if plain {
                    // `doc.lower` is the text with ASCII letters lower-cased, at the same offsets:
                    // what `key_into` gives for such words.
                    key_spans.push(KeySpan::Lower(start, end));
                } else {
                    key_into(s, &mut scratch);
                    let at = keys.len();
                    keys.push_str(&scratch);
                    key_spans.push(KeySpan::Keys(at, keys.len()));
                }
                out.push(Unit {
                    start,
                    end,
                    tok: ti,
                    norm: "",
                    class: 0,
                    cap,
                    allcaps: letters && upper,
                    alpha,
                    sent: sent_of[ti],
                    sent_first: first[ti] && pi == 0,
                    glued: pi > 0 || glue,
                });
            }
        }
        let keys: &'k String = keys;
        for (u, ks) in out.iter_mut().zip(key_spans) {
            let tok = doc.tokens.get(u.tok);
            match ks {
                KeySpan::Lower(a, b) => {
                    u.norm = doc.lower.get(a..b).unwrap_or("");
                    // A whole token's plain (ASCII) key is `doc.low(tok)`, which its vocabulary
                    // id names.
                    u.class = match tok {
                        Some(t) if t.span.start == a && t.span.end == b => {
                            self.classes.get_token(u.norm, doc.vocab, t.word)
                        }
                        _ => self.classes.get(u.norm),
                    };
                }
                KeySpan::Keys(a, b) => {
                    u.norm = keys.get(a..b).unwrap_or("");
                    u.class = self.classes.get(u.norm);
                }
            }
        }
        out
    }

    /// Whether the units `a..b` may be written as a name of `r`.
    fn case_fits(
        &self,
        doc: &Document,
        units: &[Unit<'_>],
        a: usize,
        b: usize,
        r: &NameRef,
    ) -> bool {
        if r.kind == NameKind::Demonym && !self.opts.demonyms {
            return false;
        }
        let region = self.gaz.kind(r.place) == PlaceKind::Region;
        if r.caps_only && !units[a..b].iter().all(|u| u.allcaps || !u.alpha) {
            return false;
        }
        if r.dotted && !r.caps_only {
            // "M.D." is not "Md.".
            let initialism = units[a..b]
                .iter()
                .any(|u| u.allcaps && u.norm.len() > 1 && doc.tok(u.tok).contains('.'));
            // `Ky.`, `Calif.`: only right after a comma ("Columbia, Ky.").
            let prev_comma =
                a > 0 && doc.tok(units[a - 1].tok) == "," && units[a - 1].tok + 1 == units[a].tok;
            if initialism || !prev_comma {
                return false;
            }
        }
        for (i, u) in units[a..b].iter().enumerate() {
            if u.cap || u.allcaps || u.norm.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            if u.glued && i > 0 {
                continue;
            }
            if region && u.class & W_DIRECTION != 0 {
                continue;
            }
            if i > 0 && u.class & W_CONNECTOR != 0 {
                continue;
            }
            return false;
        }
        true
    }

    /// A reading that makes a name worth preferring over a longer, obscure match.
    fn is_strong(&self, r: &NameRef) -> bool {
        match self.gaz.kind(r.place) {
            PlaceKind::Country | PlaceKind::Continent | PlaceKind::Admin1 | PlaceKind::Region => {
                true
            }
            PlaceKind::City => self.gaz.population(r.place) >= 100_000,
            PlaceKind::Admin2 => false,
        }
    }

    fn is_small(&self, r: &NameRef) -> bool {
        matches!(self.gaz.kind(r.place), PlaceKind::City | PlaceKind::Admin2)
            && self.gaz.population(r.place) < 5_000
    }

    fn candidates(&self, doc: &Document, units: &[Unit<'_>]) -> Vec<Cand> {
        let maxw = self.gaz.max_words().clamp(1, 8);
        let mut out = Vec::new();
        // The key of units `i..` so far, and where the key of `i..i + j + 1` ends in it.
        let mut joined = String::new();
        let mut ends: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < units.len() {
            let u = &units[i];
            // A name's first unit must be capitalised, in capitals, a figure or a region's
            // direction word (see `case_fits`): no other unit can start a match.
            if !u.alpha
                || !(u.cap
                    || u.allcaps
                    || u.class & W_DIRECTION != 0
                    || u.norm.bytes().all(|c| c.is_ascii_digit()))
            {
                i += 1;
                continue;
            }
            // Longest run first.
            let mut end = i;
            while end < units.len()
                && end - i < maxw
                && units[end].alpha
                && units[end].sent == u.sent
                && (end == i || units[end].glued || units[end].tok == units[end - 1].tok + 1)
            {
                end += 1;
            }
            // Extend only while the words so far start some key (one hash probe per word);
            // spans that begin a stop phrase keep the full range so the phrase can veto.
            joined.clear();
            ends.clear();
            let extend = |joined: &mut String, ends: &mut Vec<usize>, b: usize| {
                if b > i + 1 {
                    joined.push(' ');
                }
                joined.push_str(units[b - 1].norm);
                ends.push(joined.len());
            };
            if u.class & W_STOP_PHRASE == 0 {
                let mut limit = i;
                for b in i + 1..=end {
                    extend(&mut joined, &mut ends, b);
                    let (is_key, is_prefix) = self.gaz.key_and_prefix(joined.as_str());
                    if is_key {
                        limit = b;
                    }
                    if !is_prefix {
                        break;
                    }
                }
                if limit == i {
                    i += 1;
                    continue;
                }
                end = limit;
            } else {
                for b in i + 1..=end {
                    extend(&mut joined, &mut ends, b);
                }
            }
            let mut matches: Vec<Cand> = Vec::new();
            for b in (i + 1..=end).rev() {
                let k = &joined[..ends[b - i - 1]];
                if STOP_PHRASES.contains(&k) {
                    break;
                }
                if k.len() < 2 {
                    continue;
                }
                let refs = self.gaz.lookup_key(k);
                if refs.is_empty() {
                    continue;
                }
                let ok: Vec<NameRef> = refs
                    .iter()
                    .filter(|r| self.case_fits(doc, units, i, b, r))
                    .collect();
                if !ok.is_empty() {
                    matches.push(Cand {
                        a: i,
                        b,
                        refs: ok,
                        key: k.to_string(),
                    });
                }
            }
            // The longest match, unless it is only an obscure small place and a shorter one is a
            // well-known place ("University of Michigan Center" is not Michigan Center).
            let pick = if matches.len() > 1 && matches[0].refs.iter().all(|r| self.is_small(r)) {
                matches
                    .iter()
                    .position(|c| c.refs.iter().any(|r| self.is_strong(r)))
                    .unwrap_or(0)
            } else {
                0
            };
            match matches.into_iter().nth(pick) {
                Some(c) => {
                    i = c.b;
                    out.push(c);
                }
                None => i += 1,
            }
        }
        out
    }

    /// Units that belong to a person's name: after a title (`President Barack Obama`), or a given
    /// name and the capitalised words after it (`Georgia Stevens`, `Christopher Steele`).
    fn person_units(&self, units: &[Unit<'_>]) -> (Vec<bool>, FxHashSet<String>) {
        let n = units.len();
        let mut mark = vec![false; n];
        let mut words: FxHashSet<String> = FxHashSet::default();
        let adjacent = |j: usize| {
            j < n
                && j > 0
                && units[j].alpha
                && !units[j].glued
                && units[j].sent == units[j - 1].sent
                && units[j].tok == units[j - 1].tok + 1
        };
        let namelike = |u: &Unit| {
            (u.cap || u.allcaps)
                && u.class & (W_INSTITUTION | W_TITLE | W_DIRECTION) == 0
                && !self.gaz.lookup_key(u.norm).iter().any(|r| {
                    let kind = self.gaz.kind(r.place);
                    (kind == PlaceKind::Country
                        || (kind == PlaceKind::Admin1 && self.gaz.population(r.place) >= 1_000_000))
                        && r.kind != NameKind::Alternate
                })
        };
        for i in 0..n {
            let u = &units[i];
            if !u.alpha || u.glued {
                continue;
            }
            let title = u.class & W_TITLE != 0 && !matches!(u.norm, "saint" | "st");
            let start = if title && adjacent(i + 1) && namelike(&units[i + 1]) {
                Some(i + 1)
            } else if u.cap
                && !u.allcaps
                && self.given.contains(u.norm)
                && adjacent(i + 1)
                && namelike(&units[i + 1])
            {
                Some(i)
            } else {
                None
            };
            let Some(s) = start else { continue };
            let mut j = s;
            while j < n && (j == s || adjacent(j)) && j - s < 4 {
                let w = &units[j];
                let initial = w.allcaps && w.norm.len() == 1;
                if !(initial || (j == s && (w.cap || w.allcaps)) || namelike(w)) {
                    break;
                }
                mark[j] = true;
                if !initial {
                    words.insert(w.norm.to_string());
                }
                j += 1;
            }
        }
        (mark, words)
    }

    fn prev_word<'a, 'k>(&self, units: &'a [Unit<'k>], c: &Cand) -> Option<&'a Unit<'k>> {
        let p = units.get(c.a.checked_sub(1)?)?;
        (p.sent == units[c.a].sent && p.alpha && !units[c.a].glued).then_some(p)
    }

    fn next_word<'a, 'k>(&self, units: &'a [Unit<'k>], c: &Cand) -> Option<&'a Unit<'k>> {
        let n = units.get(c.b)?;
        (n.sent == units[c.a].sent && n.alpha && !n.glued).then_some(n)
    }

    /// Context filters.
    fn filter(&self, doc: &Document, units: &[Unit<'_>], cands: Vec<Cand>) -> Vec<Cand> {
        let (person, mut person_words) = self.person_units(units);
        for a in &doc.actors {
            if a.kind == ActorKind::Person {
                for t in a.tokens.iter() {
                    let w = key(doc.tok(t));
                    if !w.is_empty() {
                        person_words.insert(w);
                    }
                }
            }
        }
        let mut keep = Vec::with_capacity(cands.len());
        for c in cands {
            let single = c.b - c.a == 1;
            let u = &units[c.a];
            let span = Span::new(u.start, units[c.b - 1].end);
            let demonym = c.refs.iter().all(|r| r.kind == NameKind::Demonym);
            let strong = c.refs.iter().any(|r| {
                matches!(
                    self.gaz.kind(r.place),
                    PlaceKind::Country | PlaceKind::Continent
                ) || r.kind == NameKind::Demonym
            });
            // Actors: a person overlapping, or an organisation that is exactly this name. A
            // country or a capital the actor layer claimed can still be a place ("talks in
            // Riyadh").
            let actor_block = doc.actors.iter().any(|a| match a.kind {
                ActorKind::Person => a.span.overlaps(span),
                ActorKind::Organization => a.span == span,
                _ => false,
            });
            if actor_block || (c.a..c.b).any(|i| person[i]) {
                continue;
            }
            if single && u.class & W_STOP != 0 {
                continue;
            }
            // Only direction words ("South East", "Central"): not a name on their own.
            if units[c.a..c.b].iter().all(|x| x.class & W_DIRECTION != 0) {
                continue;
            }
            // A short word glued to a capitalised word: "Al-Ahram", "El-Baradei".
            if single && u.norm.len() <= 3 && units.get(c.b).is_some_and(|n| n.glued && n.cap) {
                continue;
            }
            // "un-American", "Anglo American": a demonym inside a longer word or name.
            if demonym {
                if u.glued && c.a > 0 && !units[c.a - 1].cap {
                    continue;
                }
                if self.prev_word(units, &c).is_some_and(|p| {
                    p.cap
                        && !p.sent_first
                        && p.class & W_TITLE == 0
                        && self.gaz.lookup_key(p.norm).is_empty()
                }) {
                    continue;
                }
            }
            let known = c.refs.iter().any(|r| self.is_strong(r));
            let national = c.refs.iter().any(|r| {
                matches!(
                    self.gaz.kind(r.place),
                    PlaceKind::Country | PlaceKind::Continent | PlaceKind::Admin1
                ) || r.kind == NameKind::Demonym
            });
            if let Some(n) = self.next_word(units, &c) {
                // A street or a business named after the place: "Wooster St.", "Maxey Funeral
                // Home".
                if n.class & W_STREET != 0 && !national {
                    continue;
                }
                // A newspaper: "Washington Post", "Los Angeles Times".
                if n.class & W_NEWSPAPER != 0 && n.cap {
                    continue;
                }
            }
            // "St. Paul's Hospital", "St. John's University": a saint, not the town.
            if matches!(u.norm, "st" | "saint" | "ste" | "sainte") && !single {
                let poss = units
                    .get(c.b)
                    .is_some_and(|n| crate::is_possessive_text(doc.tok(n.tok)));
                if poss {
                    continue;
                }
            }
            // Capitals-only short words ("OPP", "MENA") are acronyms, not small towns.
            if single
                && u.allcaps
                && u.norm.len() <= 4
                && !known
                && !c.refs.iter().any(|r| r.caps_only)
            {
                continue;
            }
            if single && !national {
                // Glued to a given name: "John-Paul".
                if u.glued && c.a > 0 && self.given.contains(units[c.a - 1].norm) {
                    continue;
                }
                // A capitalised unknown word before: a surname ("Mitt Romney", "Ivonne
                // Martinez").
                if let Some(p) = self.prev_word(units, &c) {
                    let p_pos = doc.tokens.get(p.tok).map(|t| t.pos).unwrap_or_default();
                    if p.cap
                        && !p.allcaps
                        && (!p.sent_first || (p_pos == Pos::Propn && self.given.contains(p.norm)))
                        && p.class & (W_CONNECTOR | W_DIRECTION | W_INSTITUTION) == 0
                        && !self.gaz.is_common_word(p.norm)
                        && self.gaz.lookup_key(p.norm).is_empty()
                        && closed(p.norm).is_none()
                    {
                        if !known {
                            person_words.insert(c.key.clone());
                        }
                        continue;
                    }
                }
                // A small place right before a capitalised unknown word: a first name
                // ("Kelvin Battle", "Kati Mather").
                if let Some(n) = self.next_word(units, &c) {
                    if n.cap
                        && !n.allcaps
                        && !known
                        && n.class & (W_INSTITUTION | W_TITLE | W_DIRECTION) == 0
                        && self.gaz.lookup_key(n.norm).is_empty()
                    {
                        person_words.insert(n.norm.to_string());
                        continue;
                    }
                }
            }
            // Sentence-initial function words and ordinary words ("Mobile phones ...").
            if single && u.sent_first && !strong {
                let pos = doc.tokens.get(u.tok).map(|t| t.pos).unwrap_or_default();
                let function = matches!(
                    pos,
                    Pos::Det
                        | Pos::Prep
                        | Pos::Pron
                        | Pos::Aux
                        | Pos::Modal
                        | Pos::Conj
                        | Pos::Subord
                        | Pos::Wh
                        | Pos::Neg
                        | Pos::Adv
                        | Pos::Num
                );
                let famous = national
                    || c.refs
                        .iter()
                        .any(|r| self.gaz.population(r.place) >= 1_000_000);
                if function || (self.gaz.is_common_word(u.norm) && !u.allcaps && !famous) {
                    continue;
                }
            }
            // A word seen in a person's name elsewhere ("Steele said", "Georgia began skating"),
            // unless a locative preposition introduces it ("in Clinton").
            if single && !demonym && person_words.contains(&c.key) {
                let locative = self.prev_word(units, &c).is_some_and(|p| {
                    matches!(p.norm, "in" | "near" | "outside" | "across" | "throughout") && !p.cap
                });
                if !locative {
                    continue;
                }
            }
            keep.push(c);
        }
        keep
    }

    /// Reads only the fields it needs (decoding a whole place costs more than the score).
    fn prior(&self, pl: u32, r: &NameRef) -> f64 {
        let pop = (self.gaz.population(pl) as f64 + 1.0).ln();
        let base = match self.gaz.kind(pl) {
            PlaceKind::Country => 32.0,
            PlaceKind::Continent => 27.0,
            PlaceKind::Region => 25.0,
            PlaceKind::Admin1 => pop + 4.0,
            PlaceKind::Admin2 => pop,
            PlaceKind::City => {
                pop + if self.gaz.feature(pl) == "PPLC" {
                    5.0
                } else {
                    0.0
                }
            }
        };
        let name = match r.kind {
            NameKind::Primary | NameKind::Demonym => 0.0,
            NameKind::Alias => 2.0,
            NameKind::Alternate => -1.0,
        };
        base + name
    }

    /// A city and a division of the same country are read from the same name (`Istanbul`,
    /// `Aleppo` for Ḩalab, `Quebec`, `Cairns`): the city is meant when it lies in or by the
    /// division and is its capital-sized core (at least a fifth of its population) or the national
    /// capital, or when the division is only a district.
    fn city_over_division(&self, city: u32, div: u32) -> bool {
        let c = self.gaz.place(city);
        let d = self.gaz.place(div);
        if c.kind != PlaceKind::City || c.country != d.country {
            return false;
        }
        let inside = match d.kind {
            PlaceKind::Admin1 => self.gaz.admin1_of(city) == Some(div),
            PlaceKind::Admin2 => self.gaz.admin2_of(city) == Some(div),
            _ => false,
        } || hav_km(c.lat, c.lon, d.lat, d.lon) < 100.0
            || c.feature == "PPLC";
        inside
            && match d.kind {
                PlaceKind::Admin2 => true,
                PlaceKind::Admin1 => {
                    c.feature == "PPLC" || c.population as f64 >= 0.2 * d.population as f64
                }
                _ => false,
            }
    }

    /// Prefer the city over a division read from the same name (see [`Self::city_over_division`]).
    fn prefer_city(&self, chosen: u32, readings: &[(u32, f64)], group_key: &str) -> u32 {
        if !matches!(self.gaz.kind(chosen), PlaceKind::Admin1 | PlaceKind::Admin2) {
            return chosen;
        }
        // One key buffer for all readings rather than a new string each.
        let mut k = String::new();
        readings
            .iter()
            // Only a city can win (see `city_over_division`): test that before building keys.
            .filter(|(c, _)| self.gaz.kind(*c) == PlaceKind::City)
            // The city must bear the name itself ("New York" is the state; the city's name is
            // "New York City").
            .filter(|(c, _)| {
                key_into(self.gaz.place(*c).name, &mut k);
                k == group_key
            })
            .filter(|(c, _)| self.city_over_division(*c, chosen))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(chosen, |x| x.0)
    }

    fn contains(&self, outer: u32, inner: u32) -> bool {
        if outer == inner {
            return false;
        }
        let o = self.gaz.place(outer);
        let i = self.gaz.place(inner);
        match o.kind {
            PlaceKind::Country => i.country == o.country && i.kind != PlaceKind::Country,
            PlaceKind::Admin1 => self.gaz.admin1_of(inner) == Some(outer),
            PlaceKind::Admin2 => self.gaz.admin2_of(inner) == Some(outer),
            _ => false,
        }
    }

    /// Containment evidence per candidate: "X, Y" (Y contains X) and "Y's X".
    fn containment(
        &self,
        doc: &Document,
        units: &[Unit<'_>],
        cands: &[Cand],
    ) -> Vec<FxHashMap<u32, f64>> {
        let n = cands.len();
        let mut local: Vec<FxHashMap<u32, f64>> = vec![FxHashMap::default(); n];
        for i in 0..n {
            let c = &cands[i];
            if i + 1 < n {
                let d = &cands[i + 1];
                let comma = c.b + 1 == d.a && units.get(c.b).is_some_and(|u| doc.tok(u.tok) == ",");
                // A country is never written "X, Y" ("in Russia, U.S. officials said").
                let x_is_country = c.refs.iter().any(|r| {
                    matches!(
                        self.gaz.kind(r.place),
                        PlaceKind::Country | PlaceKind::Continent
                    ) || r.kind == NameKind::Demonym
                });
                if comma && !x_is_country {
                    for r in &c.refs {
                        for s in &d.refs {
                            if self.contains(s.place, r.place) {
                                *local[i].entry(r.place).or_insert(0.0) += 30.0;
                                *local[i + 1].entry(s.place).or_insert(0.0) += 30.0;
                            }
                        }
                    }
                }
            }
            if i > 0 {
                let d = &cands[i - 1];
                let poss = d.b + 1 == c.a
                    && units
                        .get(d.b)
                        .is_some_and(|u| crate::is_possessive_text(doc.tok(u.tok)));
                if poss {
                    for r in &c.refs {
                        for s in &d.refs {
                            if self.contains(s.place, r.place) {
                                *local[i].entry(r.place).or_insert(0.0) += 10.0;
                                *local[i - 1].entry(s.place).or_insert(0.0) += 5.0;
                            }
                        }
                    }
                }
            }
        }
        local
    }

    /// Scored readings of one group of mentions of the same name, best first.
    fn readings(
        &self,
        cands: &[Cand],
        members: &[usize],
        local: &[FxHashMap<u32, f64>],
    ) -> Vec<(u32, f64)> {
        let mut best: FxHashMap<u32, f64> = FxHashMap::default();
        for &m in members {
            for r in &cands[m].refs {
                let s = self.prior(r.place, r) + local[m].get(&r.place).copied().unwrap_or(0.0);
                let e = best.entry(r.place).or_insert(f64::MIN);
                if s > *e {
                    *e = s;
                }
            }
        }
        // A foreign or historical spelling of a big city yields to a place that bears the name
        // itself ("Waterloo" is not Austin, Texas).
        let has_primary = members.iter().any(|&m| {
            cands[m].refs.iter().any(|r| {
                matches!(r.kind, NameKind::Primary | NameKind::Alias)
                    && self.gaz.population(r.place) >= 1_000
            })
        });
        if has_primary {
            for &m in members {
                for r in &cands[m].refs {
                    let only_alt = !cands[m]
                        .refs
                        .iter()
                        .any(|x| x.place == r.place && x.kind != NameKind::Alternate);
                    if r.kind == NameKind::Alternate && only_alt {
                        if let Some(e) = best.get_mut(&r.place) {
                            *e -= 5.0;
                        }
                    }
                }
            }
        }
        // A place whose own name is the written form ("St. Louis", Missouri) outranks one that
        // only a spelling variant reaches ("Saint-Louis", Senegal). Only among rival readings,
        // and each name normalised once into one buffer.
        // (Spelling variants are only made of keys starting "s", "m" or "f": saint/st,
        // mount/mt, fort/ft; see the builder.)
        if best.len() > 1
            && members
                .iter()
                .any(|&m| cands[m].key.starts_with(['s', 'm', 'f']))
        {
            let mut buf = String::new();
            let own: Vec<Vec<bool>> = members
                .iter()
                .map(|&m| {
                    cands[m]
                        .refs
                        .iter()
                        .map(|r| {
                            r.kind == NameKind::Primary && {
                                crate::normalize::key_into(self.gaz.place(r.place).name, &mut buf);
                                buf == cands[m].key
                            }
                        })
                        .collect()
                })
                .collect();
            if own.iter().flatten().any(|&o| o) {
                for (mi, &m) in members.iter().enumerate() {
                    for r in &cands[m].refs {
                        let variant = r.kind == NameKind::Primary
                            && !cands[m]
                                .refs
                                .iter()
                                .zip(&own[mi])
                                .any(|(x, &o)| x.place == r.place && o);
                        if variant {
                            if let Some(e) = best.get_mut(&r.place) {
                                *e -= 5.0;
                            }
                        }
                    }
                }
            }
        }
        let mut v: Vec<(u32, f64)> = best.into_iter().collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// Find and resolve the places of `doc` (replaces `doc.places`).
    pub fn annotate(&self, doc: &mut Document) {
        let mut keys = String::new();
        let units = self.units(doc, &mut keys);
        let cands = self.candidates(doc, &units);
        let cands = self.filter(doc, &units, cands);
        let local = self.containment(doc, &units, &cands);

        // Groups: one sense per discourse.
        let mut groups: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, c) in cands.iter().enumerate() {
            groups.entry(c.key.as_str()).or_default().push(i);
        }
        let mut group_list: Vec<(&str, Vec<usize>)> = groups.into_iter().collect();
        group_list.sort_by_key(|(_, v)| v[0]);

        let readings: Vec<Vec<(u32, f64)>> = group_list
            .iter()
            .map(|(_, members)| self.readings(&cands, members, &local))
            .collect();

        // Readings that score almost as well as the best one, for nearness evidence.
        let plausible: Vec<Vec<u32>> = readings
            .iter()
            .map(|v| {
                let best = v.first().map_or(f64::MIN, |x| x.1);
                v.iter()
                    .filter(|&&(pl, sc)| {
                        sc >= best - 4.0
                            && matches!(self.gaz.kind(pl), PlaceKind::City | PlaceKind::Admin2)
                            && self.gaz.population(pl) >= 10_000
                    })
                    .map(|x| x.0)
                    .collect()
            })
            .collect();

        let actor_countries: FxHashSet<[u8; 3]> = doc
            .actors
            .iter()
            .filter(|a| matches!(a.kind, ActorKind::Country | ActorKind::Metonym))
            .filter_map(|a| a.country.as_deref())
            .filter_map(|c| match c.as_bytes() {
                &[a, b, c] => Some([a, b, c]),
                _ => None,
            })
            .collect();

        // `prefer_city` of each group for the last reading asked about: the passes below mostly
        // ask again about the same one.
        let mut preferred: Vec<Option<(u32, u32)>> = vec![None; readings.len()];
        let mut prefer = |gi: usize, chosen: u32| -> u32 {
            if let Some((c, p)) = preferred[gi] {
                if c == chosen {
                    return p;
                }
            }
            let p = self.prefer_city(chosen, &readings[gi], group_list[gi].0);
            preferred[gi] = Some((chosen, p));
            p
        };

        // Pass 1: best reading of each group without document context.
        let mut choice: Vec<Option<u32>> = readings
            .iter()
            .enumerate()
            .map(|(gi, v)| v.first().map(|x| prefer(gi, x.0)))
            .collect();

        // Passes 2 and 3: add document context from the other groups' readings.
        for _round in 0..2 {
            let view = DocView::new(
                &self.gaz,
                &group_list,
                &choice,
                &plausible,
                &actor_countries,
            );
            let mut new_choice = choice.clone();
            for (gi, rs) in readings.iter().enumerate() {
                if rs.len() <= 1 {
                    continue;
                }
                let mut best: Option<(u32, f64)> = None;
                for &(pl, s) in rs {
                    let cx = self.context(pl, gi, &view);
                    let mut ctx = cx.bonus();
                    // A small town takes a name from a larger namesake only when the document
                    // names its county (a named state is too wide: Paris, Kentucky yields to
                    // Paris in a Kentucky story about a trip to France).
                    if self.gaz.population(pl) < 10_000
                        && self.gaz.kind(pl) == PlaceKind::City
                        && !cx.county_named
                    {
                        ctx = ctx.min(10.0);
                    }
                    let total = s + ctx;
                    if best.is_none_or(|b| total > b.1) {
                        best = Some((pl, total));
                    }
                }
                new_choice[gi] = best.map(|b| prefer(gi, b.0));
            }
            // The same choices give the same context, hence the same choices again.
            let settled = new_choice == choice;
            choice = new_choice;
            if settled {
                break;
            }
        }

        // Support check and output.
        let view = DocView::new(
            &self.gaz,
            &group_list,
            &choice,
            &plausible,
            &actor_countries,
        );
        let mut places = Vec::new();
        for (gi, (_, members)) in group_list.iter().enumerate() {
            let Some(pl) = choice[gi] else { continue };
            let p = self.gaz.place(pl);
            let local_support = members
                .iter()
                .any(|&m| local[m].get(&pl).is_some_and(|&x| x > 0.0));
            let cx = self.context(pl, gi, &view);
            let first = &cands[members[0]];
            let kind = first.refs.iter().find(|r| r.place == pl).map(|r| r.kind);
            let single = first.b - first.a == 1;
            let common = single && self.gaz.is_common_word(&first.key);
            // A province named by an ordinary word, capitalised only to open the sentence
            // ("Coast guards seized ...": Coast, Tanzania), also needs its area (a dateline
            // in capitals is a name).
            if p.kind == PlaceKind::Admin1
                && common
                && units[first.a].sent_first
                && !units[first.a].allcaps
                && !local_support
                && !cx.local()
            {
                continue;
            }
            if p.kind == PlaceKind::City || p.kind == PlaceKind::Admin2 {
                let local_area = local_support || cx.local();
                let pop = p.population;
                let drop = if common {
                    // An ordinary word: only in the document's own area, or a large city.
                    !local_area && pop < 150_000
                } else if kind == Some(NameKind::Alternate) {
                    // A foreign spelling: only in the document's own area, or a large city. A
                    // name of several words that names no other place is an exonym news uses
                    // ("Gaza City", "Khan Younis"): a sizeable town is enough.
                    let exonym = !single && first.refs.len() == 1;
                    !local_area && pop < if exonym { 100_000 } else { 1_000_000 }
                } else if single {
                    !local_area && (pop < 2_000 || (!cx.country && pop < 50_000))
                } else {
                    !local_area && !cx.country && pop < 1_000
                };
                if drop {
                    continue;
                }
            }
            for &m in members {
                let c = &cands[m];
                let mut end = units[c.b - 1].end;
                let mut tok_end = units[c.b - 1].tok + 1;
                // A dotted abbreviation takes the dot the tokenizer split off ("Ky" ".").
                if c.refs.iter().any(|r| r.place == pl && r.dotted)
                    && !doc.tok(tok_end - 1).ends_with('.')
                {
                    if let Some(t) = doc.tokens.get(tok_end) {
                        if doc.slice(t.span) == "." && !t.space_before {
                            end = t.span.end;
                            tok_end += 1;
                        }
                    }
                }
                places.push(PlaceMention {
                    span: Span::new(units[c.a].start, end),
                    tokens: TokenRange::new(units[c.a].tok, tok_end),
                    name: p.name.to_string(),
                    geonameid: p.geonameid,
                    country: p.country_code().map(str::to_string),
                    lat: Some(p.lat),
                    lon: Some(p.lon),
                    feature: p.feature.to_string(),
                    resolution: p.resolution.to_string(),
                });
            }
        }
        places.sort_by_key(|m| (m.span.start, m.span.end));
        doc.places = places;
    }

    /// What the rest of the document says for reading `pl` of group `gi`.
    fn context(&self, pl: u32, gi: usize, view: &DocView) -> Context {
        let kind = self.gaz.kind(pl);
        let country = self.gaz.country(pl);
        let mut cx = Context {
            country: view.actor_countries.contains(&country) && kind != PlaceKind::Country,
            near_km: f64::MAX,
            ..Default::default()
        };
        let my_a1 = self.gaz.admin1_of(pl);
        let my_a2 = self.gaz.admin2_of(pl);
        for (gj, c) in view.chosen.iter().enumerate() {
            if gj == gi {
                continue;
            }
            let Some(c) = c else { continue };
            let o = c.place;
            if o == pl {
                continue;
            }
            if c.country == country && country != [0; 3] && kind != PlaceKind::Country {
                cx.country = true;
            }
            if my_a1.is_some() && (my_a1 == Some(o) || my_a1 == c.admin1) {
                cx.admin1 = true;
                cx.division_named |= my_a1 == Some(o) && kind == PlaceKind::Admin2;
            }
            if my_a2.is_some() && (my_a2 == Some(o) || my_a2 == c.admin2) {
                cx.admin2 = true;
                cx.division_named |= my_a2 == Some(o);
                cx.county_named |= my_a2 == Some(o);
            }
        }
        // Nearness: to the chosen reading of every other name, or to any of its readings that
        // score almost as well (so that two ambiguous names can support each other: Edmonton and
        // Enfield in north London).
        if matches!(
            kind,
            PlaceKind::City | PlaceKind::Admin2 | PlaceKind::Admin1
        ) {
            let (lat, lon) = self.gaz.lat_lon(pl);
            for (gj, near) in view.near.iter().enumerate() {
                if gj == gi {
                    continue;
                }
                let scale = near.scale;
                for &(o, qlat, qlon) in &near.points {
                    if o == pl {
                        continue;
                    }
                    // Only distances under 300 km count (see `Context::bonus`), and a degree of
                    // latitude is 111 km: far pairs need no great-circle distance.
                    if (lat - qlat).abs() * 111.0 > 310.0 * scale {
                        continue;
                    }
                    let d = hav_km(lat, lon, qlat, qlon) / scale;
                    cx.near_km = cx.near_km.min(d);
                }
            }
        }
        cx
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_classes_by_vocabulary_id_agree() {
        let mut bound = WordClasses::new();
        let mut lex = attache_text::Lexicon::new();
        lex.add_verb("say");
        bound.bind(&mut lex);
        let mut words: Vec<&str> = bound.map.keys().copied().collect();
        words.sort_unstable();
        let text = words.join(" ") + " said Paris the talks";
        let plain = WordClasses::new();
        for l in [&lex, &attache_text::Lexicon::new()] {
            let mut doc = attache_doc::Document::new(attache_doc::DocMeta::default(), text.clone());
            attache_text::analyze(&mut doc, l);
            for (i, t) in doc.tokens.iter().enumerate() {
                let w = doc.low(i);
                if w.is_ascii() {
                    assert_eq!(bound.get_token(w, doc.vocab, t.word), plain.get(w), "{w}");
                }
            }
        }
    }

    #[test]
    fn word_classes_pre_test_agrees_with_the_lists() {
        let c = WordClasses::new();
        // The length pre-test has one bit per length under 32.
        assert!(c.map.keys().all(|k| !k.is_empty() && k.len() < 32));
        for (k, &bits) in &c.map {
            assert_eq!(c.get(k), bits, "{k}");
        }
        for probe in ["", "x", "said", "theirs", "of the", "norther", "é"] {
            assert_eq!(
                c.get(probe),
                c.map.get(probe).copied().unwrap_or(0),
                "{probe}"
            );
        }
    }
}
