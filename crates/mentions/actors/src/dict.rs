//! Loading the actor dictionaries (`data/actors/*.tsv`) and compiling them into one automaton.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDate;
// Fx: the maps are keyed by short strings and never iterated in an order that matters.
use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use crate::ActorError;

/// Sector codes recognised inside actor codes (PLOVER and CAMEO roles).
pub const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "REB", "LEG", "JUD", "OPP", "CVL", "JRN", "MED", "REF", "BUS", "LAB",
    "EDU", "REL", "SPY", "CRM", "ELI", "UAF", "PTY", "AGR", "ENV", "HRI", "DEV", "PRM", "IGO",
    "NGO", "SOC", "INS", "SEP", "PRE", "HLH",
];

pub use attache_doc::NON_STATE;

#[derive(Debug, Clone)]
pub struct Country {
    pub iso3: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Org {
    pub code: String,
    pub country: String,
    pub sector: String,
    pub name: String,
    pub valid: Vec<Role>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub roles: Vec<Role>,
    pub office: String,
}

/// What a dictionary name denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Atom {
    Country(u32),
    /// Adjective or people noun; `people` = a plural noun for the people (`Palestinians`).
    Demonym {
        country: u32,
        people: bool,
    },
    Capital(u32),
    Seat {
        country: u32,
        sector: [u8; 3],
    },
    Org(u32),
    Person(u32),
    Agent {
        sector: [u8; 3],
        plural: bool,
    },
}

/// How a name must be cased in the text to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseRule {
    Any,
    InitialCap,
    Exact,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub written: String,
    pub case: CaseRule,
    pub atoms: Vec<Atom>,
}

/// All actor dictionaries, compiled.
#[derive(Debug, Clone)]
pub struct ActorDictionary {
    pub countries: Vec<Country>,
    pub orgs: Vec<Org>,
    pub people: Vec<Person>,
    pub patterns: Vec<Pattern>,
    pub automaton: AhoCorasick,
    country_index: HashMap<String, u32>,
    /// Head words of singular actor phrases "it" can refer back to (`actors/it_heads.txt`).
    pub it_heads: std::collections::HashSet<String>,
    /// Head and sector words of organisations the dictionaries do not name
    /// (`actors/org_names.tsv`).
    pub org_names: OrgNames,
}

/// Words that make a run of capitalised words an organisation's name, lower case → sector.
#[derive(Debug, Clone, Default)]
pub struct OrgNames {
    /// The last word of the name: "Association", "Party", "Ministry".
    pub heads: HashMap<String, String>,
    /// A word inside the name that says more than a generic head: "Teachers", "Medical".
    pub words: HashMap<String, String>,
}

impl OrgNames {
    fn parse(text: &str) -> Result<Self, ActorError> {
        let mut out = OrgNames::default();
        for (line, cols) in rows(text) {
            let bad = |msg: &str| ActorError::Data {
                file: "actors/org_names.tsv".into(),
                line,
                msg: msg.into(),
            };
            let [kind, word, sector] = cols[..] else {
                return Err(bad("expected three columns: kind, word, sector"));
            };
            let sector = sector.trim();
            if !SECTORS.contains(&sector) {
                return Err(bad(&format!("unknown sector {sector}")));
            }
            let map = match kind.trim() {
                "head" => &mut out.heads,
                "word" => &mut out.words,
                k => return Err(bad(&format!("unknown kind {k} (head or word)"))),
            };
            map.insert(word.trim().to_lowercase(), sector.to_string());
        }
        Ok(out)
    }
}

/// The text of the dictionary files.
pub struct ActorSources<'a> {
    pub countries: &'a str,
    pub organizations: &'a str,
    pub people: &'a str,
    pub agents: &'a str,
    pub it_heads: &'a str,
    pub org_names: &'a str,
}

impl ActorSources<'static> {
    /// The dictionaries compiled into the binary.
    pub fn builtin() -> Self {
        ActorSources {
            countries: include_str!("../../../../data/actors/countries.tsv"),
            organizations: include_str!("../../../../data/actors/organizations.tsv"),
            people: include_str!("../../../../data/actors/people.tsv"),
            agents: include_str!("../../../../data/actors/agents.tsv"),
            it_heads: include_str!("../../../../data/actors/it_heads.txt"),
            org_names: include_str!("../../../../data/actors/org_names.tsv"),
        }
    }
}

fn items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = l.trim_end_matches(['\r', '\n']);
        if l.trim().is_empty() || l.starts_with('#') {
            None
        } else {
            Some((i + 1, l.split('\t').collect()))
        }
    })
}

fn sector3(s: &str) -> [u8; 3] {
    let b = s.as_bytes();
    let mut out = [b' '; 3];
    for (i, c) in b.iter().take(3).enumerate() {
        out[i] = c.to_ascii_uppercase();
    }
    out
}

/// Parse `CODE FROM..TO` role items.
pub fn parse_roles(cell: &str, file: &str, line: usize) -> Result<Vec<Role>, ActorError> {
    let mut out = Vec::new();
    for item in items(cell) {
        let mut parts = item.split_whitespace();
        let code = parts.next().unwrap_or("").to_string();
        let (from, to) = match parts.next() {
            None => (None, None),
            Some(range) => {
                let (a, b) = range.split_once("..").ok_or_else(|| ActorError::Data {
                    file: file.into(),
                    line,
                    msg: format!("role range `{range}` needs FROM..TO"),
                })?;
                (parse_date(a, file, line)?, parse_date(b, file, line)?)
            }
        };
        if code.len() < 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(ActorError::Data {
                file: file.into(),
                line,
                msg: format!("bad actor code `{code}`"),
            });
        }
        out.push(Role { code, from, to });
    }
    Ok(out)
}

fn parse_date(s: &str, file: &str, line: usize) -> Result<Option<NaiveDate>, ActorError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ActorError::Data {
            file: file.into(),
            line,
            msg: format!("bad date `{s}`"),
        })
}

fn case_rule(written: &str) -> CaseRule {
    let letters: String = written.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return CaseRule::Any;
    }
    if letters.chars().count() <= 5 && letters.chars().all(char::is_uppercase) {
        CaseRule::Exact
    } else if written.chars().next().is_some_and(char::is_uppercase) {
        CaseRule::InitialCap
    } else {
        CaseRule::Any
    }
}

impl ActorDictionary {
    pub fn builtin() -> Result<Self, ActorError> {
        Self::from_sources(&ActorSources::builtin())
    }

    /// Load from a data directory laid out like `data/` (`actors/countries.tsv`, ...).
    pub fn from_dir(dir: &Path) -> Result<Self, ActorError> {
        let read = |name: &str| {
            let p = dir.join("actors").join(name);
            std::fs::read_to_string(&p).map_err(|e| ActorError::Io(p.display().to_string(), e))
        };
        let (c, o, p, a, h, n) = (
            read("countries.tsv")?,
            read("organizations.tsv")?,
            read("people.tsv")?,
            read("agents.tsv")?,
            read("it_heads.txt")?,
            read("org_names.tsv")?,
        );
        Self::from_sources(&ActorSources {
            countries: &c,
            organizations: &o,
            people: &p,
            agents: &a,
            it_heads: &h,
            org_names: &n,
        })
    }

    pub fn from_sources(src: &ActorSources) -> Result<Self, ActorError> {
        let mut names: HashMap<(String, CaseRule), Pattern> = HashMap::default();
        let mut add = |written: &str, atom: Atom| {
            let written = written.trim();
            if written.is_empty() {
                return;
            }
            let key = written.to_ascii_lowercase();
            let case = case_rule(written);
            let e = names.entry((key, case)).or_insert_with(|| Pattern {
                written: written.to_string(),
                case,
                atoms: Vec::new(),
            });
            if !e.atoms.contains(&atom) {
                e.atoms.push(atom);
            }
        };
        let mut countries = Vec::new();
        let mut country_index = HashMap::default();
        for (line, c) in rows(src.countries) {
            if c.len() < 2 {
                return Err(ActorError::Data {
                    file: "actors/countries.tsv".into(),
                    line,
                    msg: "need iso3 and name".into(),
                });
            }
            let idx = countries.len() as u32;
            let iso3 = c[0].trim().to_string();
            country_index.insert(iso3.clone(), idx);
            countries.push(Country {
                iso3,
                name: c[1].trim().to_string(),
            });
            add(c[1], Atom::Country(idx));
            for n in items(c.get(2).copied().unwrap_or("")) {
                add(n, Atom::Country(idx));
            }
            let dems: Vec<&str> = items(c.get(3).copied().unwrap_or("")).collect();
            for d in &dems {
                let people = d.len() > 3
                    && d.ends_with('s')
                    && dems
                        .iter()
                        .any(|o| o.len() + 1 == d.len() && d.starts_with(o));
                add(
                    d,
                    Atom::Demonym {
                        country: idx,
                        people,
                    },
                );
            }
            for n in items(c.get(4).copied().unwrap_or("")) {
                add(n, Atom::Capital(idx));
            }
            for s in items(c.get(5).copied().unwrap_or("")) {
                let (n, sec) = s.split_once('=').unwrap_or((s, "GOV"));
                add(
                    n,
                    Atom::Seat {
                        country: idx,
                        sector: sector3(sec.trim()),
                    },
                );
            }
        }
        let mut orgs = Vec::new();
        for (line, c) in rows(src.organizations) {
            if c.len() < 4 {
                return Err(ActorError::Data {
                    file: "actors/organizations.tsv".into(),
                    line,
                    msg: "need code, country, sector, names".into(),
                });
            }
            let idx = orgs.len() as u32;
            let nm: Vec<&str> = items(c[3]).collect();
            orgs.push(Org {
                code: c[0].trim().to_string(),
                country: c[1].trim().to_string(),
                sector: c[2].trim().to_string(),
                name: nm.first().copied().unwrap_or("").to_string(),
                valid: parse_roles(
                    c.get(4).copied().unwrap_or(""),
                    "actors/organizations.tsv",
                    line,
                )?,
            });
            for n in nm {
                add(n, Atom::Org(idx));
            }
        }
        let mut people = Vec::new();
        for (line, c) in rows(src.people) {
            if c.len() < 3 {
                return Err(ActorError::Data {
                    file: "actors/people.tsv".into(),
                    line,
                    msg: "need name, aliases, roles".into(),
                });
            }
            let idx = people.len() as u32;
            people.push(Person {
                name: c[0].trim().to_string(),
                roles: parse_roles(c[2], "actors/people.tsv", line)?,
                office: c.get(3).copied().unwrap_or("").trim().to_string(),
            });
            add(c[0], Atom::Person(idx));
            for n in items(c[1]) {
                add(n, Atom::Person(idx));
            }
        }
        for (line, c) in rows(src.agents) {
            if c.len() < 2 {
                return Err(ActorError::Data {
                    file: "actors/agents.tsv".into(),
                    line,
                    msg: "need forms and sector".into(),
                });
            }
            let forms: Vec<&str> = items(c[0]).collect();
            let sector = sector3(c[1].trim());
            for (i, f) in forms.iter().enumerate() {
                let plural = i > 0 && f.ends_with('s')
                    || (forms.len() == 1 && f.ends_with('s') && !f.ends_with("ss"));
                add(f, Atom::Agent { sector, plural });
            }
        }
        let mut patterns: Vec<Pattern> = names.into_values().collect();
        // Ties on the spelling are ordered by the rule's name, as they always were: pattern
        // order decides between equal matches. Ranking instead of formatting keeps start-up fast.
        let case_rank = |c: CaseRule| match c {
            CaseRule::Any => 0u8,
            CaseRule::Exact => 1,
            CaseRule::InitialCap => 2,
        };
        patterns.sort_by(|a, b| {
            a.written
                .cmp(&b.written)
                .then(case_rank(a.case).cmp(&case_rank(b.case)))
        });
        // Curly apostrophes in text match straight ones in the dictionary: add both spellings.
        let mut keys: Vec<String> = Vec::with_capacity(patterns.len());
        let mut pats: Vec<Pattern> = Vec::with_capacity(patterns.len());
        for p in patterns {
            let low = p.written.to_ascii_lowercase();
            if low.contains('\'') {
                keys.push(low.replace('\'', "’"));
                pats.push(p.clone());
            }
            keys.push(low);
            pats.push(p);
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // The searching (contiguous) automaton is dense to depth 2 anyway; a deeper dense
            // build stage only costs start-up.
            .dense_depth(2)
            .build(&keys)
            .map_err(|e| ActorError::Automaton(e.to_string()))?;
        Ok(ActorDictionary {
            countries,
            orgs,
            people,
            patterns: pats,
            automaton,
            country_index,
            it_heads: src
                .it_heads
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_ascii_lowercase)
                .collect(),
            org_names: OrgNames::parse(src.org_names)?,
        })
    }

    pub fn country_by_iso(&self, iso3: &str) -> Option<&Country> {
        self.country_index
            .get(iso3)
            .map(|&i| &self.countries[i as usize])
    }

    pub fn is_country_code(&self, iso3: &str) -> bool {
        self.country_index.contains_key(iso3)
    }
}

impl Person {
    /// The role code in force on `date`; outside every role, a former state official is `ELI`.
    /// With no date, the latest role.
    pub fn code_at(&self, date: Option<NaiveDate>) -> Option<String> {
        let latest = self
            .roles
            .iter()
            .max_by_key(|r| r.from.unwrap_or(NaiveDate::MIN));
        let Some(date) = date else {
            return latest.map(|r| r.code.clone());
        };
        let current = self
            .roles
            .iter()
            .filter(|r| r.from.is_none_or(|f| f <= date) && r.to.is_none_or(|t| date < t))
            .max_by_key(|r| r.from.unwrap_or(NaiveDate::MIN));
        if let Some(r) = current {
            return Some(r.code.clone());
        }
        // Before any role: not yet in office; after: a former official.
        let past = self
            .roles
            .iter()
            .filter(|r| r.to.is_some_and(|t| t <= date))
            .max_by_key(|r| r.to);
        match past {
            Some(r) if r.code.len() >= 3 && !NON_STATE.contains(&&r.code[..3]) => {
                Some(format!("{}ELI", &r.code[..3]))
            }
            Some(r) => Some(r.code[..3.min(r.code.len())].to_string()),
            None => self.roles.iter().min_by_key(|r| r.from).map(|r| {
                let c = &r.code[..3.min(r.code.len())];
                if NON_STATE.contains(&c) {
                    c.to_string()
                } else {
                    format!("{c}ELI")
                }
            }),
        }
    }
}

impl Org {
    pub fn code_at(&self, date: Option<NaiveDate>) -> String {
        let d = date.unwrap_or(NaiveDate::MAX);
        self.valid
            .iter()
            .filter(|r| r.from.is_none_or(|f| f <= d) && r.to.is_none_or(|t| d < t))
            .max_by_key(|r| r.from)
            .map_or_else(|| self.code.clone(), |r| r.code.clone())
    }
}

/// Split an actor code into (country, sector): `RUSGOV` -> (RUS, GOV); `IGOUNO` -> (IGO, -);
/// `PSEREB` -> (PSE, REB); `USA` -> (USA, -).
pub fn split_code(code: &str) -> (Option<String>, Option<String>) {
    if code.len() < 3 {
        return (None, None);
    }
    let country = code[..3].to_string();
    let sector = (3..code.len().saturating_sub(2))
        .step_by(3)
        .map(|i| &code[i..i + 3])
        .find(|s| SECTORS.contains(s))
        .map(str::to_string);
    (Some(country), sector)
}
