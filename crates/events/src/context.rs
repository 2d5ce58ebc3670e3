//! The circumstances of an event from the other mention layers: its date (the time expression
//! governing its clause), its location (the place it happened) and its attribution.

use attache_doc::{ActorKind, Document, Pos, TimexType, TokenRange};

use crate::coder::{Candidate, Ctx};
use crate::cues::Cue;
use crate::record::{Attribution, EventDate, Location};
use crate::triggers::TriggerKind;

fn chars(doc: &Document, b: usize) -> usize {
    doc.char_offset(b)
}

/// The time expression governing the trigger's clause, else the nearest one in its sentence,
/// else the document date.
pub fn date_of(cx: &Ctx, c: &Candidate) -> EventDate {
    let doc = cx.doc;
    let sent = doc.sentences[c.sentence].tokens;
    let usable = |t: &&attache_doc::TimeMention| {
        matches!(t.timex_type, TimexType::Date | TimexType::Time)
            && t.value
                .as_deref()
                .is_some_and(|v| v.chars().next().is_some_and(|c| c.is_ascii_digit()))
    };
    let in_sentence: Vec<&attache_doc::TimeMention> = doc
        .times
        .iter()
        .filter(|t| sent.contains(t.tokens.start))
        .filter(usable)
        .collect();
    let dist = |t: &attache_doc::TimeMention| {
        let a = t.tokens.start as isize;
        let b = c.trigger.start as isize;
        // Prefer expressions after the trigger slightly ("met ... on Saturday").
        if a >= b {
            a - b
        } else {
            (b - a) + 1
        }
    };
    // The expression in the trigger's own clause, else one before the trigger's clause in a
    // clause containing it ("On Monday, ... met"); never one from a sibling or nested clause,
    // nor one after a nested clause (that belongs to the main clause's own event).
    let clause_of = |t: &attache_doc::TimeMention| cx.clause_of.get(t.tokens.start).copied();
    let own_start = cx.doc.clauses.get(c.clause).map_or(0, |k| k.tokens.start);
    let same_clause = in_sentence
        .iter()
        .filter(|t| clause_of(t) == Some(c.clause))
        .min_by_key(|t| dist(t));
    let chosen = same_clause.or_else(|| {
        in_sentence
            .iter()
            .filter(|t| {
                clause_of(t).is_some_and(|k| k != c.clause && cx.within(c.clause, k))
                    && t.tokens.start < own_start
                    && cx.doc.clauses[c.clause].kind != attache_doc::ClauseKind::Coordinate
            })
            .min_by_key(|t| dist(t))
    });
    if let Some(t) = chosen {
        return EventDate {
            value: t.value.clone(),
            granularity: t
                .granularity
                .clone()
                .unwrap_or_else(|| granularity_of(t.value.as_deref().unwrap_or(""))),
            text: Some(doc.slice(t.span).to_string()),
            start: Some(chars(doc, t.span.start)),
            end: Some(chars(doc, t.span.end)),
        };
    }
    EventDate {
        value: doc.meta.date.map(|d| d.to_string()),
        granularity: "document".into(),
        text: None,
        start: None,
        end: None,
    }
}

pub fn granularity_of(v: &str) -> String {
    let g = match v.len() {
        4 => "year",
        7 if v.as_bytes().get(4) == Some(&b'-') && v.as_bytes().get(5) == Some(&b'Q') => "quarter",
        7 => "month",
        8 if v.contains("-W") => "week",
        10 => "day",
        n if n > 10 => "time",
        _ => "other",
    };
    g.to_string()
}

/// The place where the event happened: a place in the trigger's clause introduced by a locative
/// preposition (`in`, `at`, `near`, `on` for attacks), preferring one after the trigger; else
/// a country or capital actor in such a phrase (country-level). With it, the index of the
/// gazetteer place mention it came from, if any.
pub fn location_of(cx: &Ctx, c: &Candidate) -> Option<(Location, Option<usize>)> {
    let doc = cx.doc;
    let sent = doc.sentences[c.sentence].tokens;
    let locative = |start: usize| -> bool {
        let mut k = start;
        while k > sent.start {
            k -= 1;
            match doc.tokens[k].pos {
                Pos::Det | Pos::Adj => continue,
                _ => {}
            }
            let w = doc.low(k);
            // "in the Ukrainian city of Kharkiv": look past "<place noun> of" and its modifiers.
            if w == "of" && k > sent.start + 1 && cx.cues.has(Cue::PlaceNouns, doc.low(k - 1)) {
                k -= 1;
                while k > sent.start + 1
                    && matches!(doc.tokens[k - 1].pos, Pos::Adj | Pos::Propn | Pos::Noun)
                {
                    k -= 1;
                }
                continue;
            }
            let attack =
                c.code.starts_with("18") || c.code.starts_with("19") || c.code.starts_with("20");
            // "shelled Kharkiv": the place an attack's verb takes as its object.
            return matches!(
                w,
                "in" | "at" | "near" | "outside" | "inside" | "across" | "throughout"
            ) || (attack && matches!(w, "on" | "against" | "into" | "targeting"))
                || (attack && k + 1 == c.trigger.end && c.kind == TriggerKind::Verb)
                || (c.code.starts_with("042") && matches!(w, "to"));
        }
        false
    };
    let own_start = cx.doc.clauses.get(c.clause).map_or(0, |k| k.tokens.start);
    let in_clause = |r: TokenRange| {
        cx.clause_of
            .get(r.start)
            .is_some_and(|&k| k == c.clause || (cx.within(c.clause, k) && r.start < own_start))
    };
    let score = |r: TokenRange| -> usize {
        let d = if r.start >= c.trigger.end {
            r.start - c.trigger.end
        } else {
            (c.trigger.start - r.end) + 20
        };
        d + if in_clause(r) { 0 } else { 50 }
    };
    let best_place = doc
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            sent.contains(p.tokens.start)
                && in_clause(p.tokens)
                && locative(p.tokens.start)
                // "the Ukrainian city of Kharkiv": a demonym is not the place named.
                && !doc.actors.iter().any(|m| m.kind == ActorKind::People && m.tokens.start == p.tokens.start)
        })
        .min_by_key(|(_, p)| score(p.tokens));
    if let Some((pi, p)) = best_place {
        return Some((
            Location {
                text: doc.slice(p.span).to_string(),
                name: p.name.clone(),
                country: p.country.clone(),
                geonameid: p.geonameid,
                lat: p.lat,
                lon: p.lon,
                feature: p.feature.clone(),
                resolution: p.resolution.clone(),
                start: chars(doc, p.span.start),
                end: chars(doc, p.span.end),
            },
            Some(pi),
        ));
    }
    // No gazetteer place: a country or capital named in a locative phrase, country-level only.
    let m = doc
        .actors
        .iter()
        .filter(|m| {
            sent.contains(m.tokens.start)
                && matches!(m.kind, ActorKind::Country | ActorKind::Metonym)
                && !m.possessive
                && !m.modifier
                && locative(m.tokens.start)
                && in_clause(m.tokens)
        })
        .min_by_key(|m| score(m.tokens))?;
    let location = Location {
        text: doc.slice(m.span).to_string(),
        name: m.name.clone(),
        country: m.country.clone(),
        geonameid: None,
        lat: None,
        lon: None,
        feature: String::new(),
        resolution: "country".into(),
        start: chars(doc, m.span.start),
        end: chars(doc, m.span.end),
    };
    Some((location, None))
}

/// Attribution phrases of the sentence that scope over the event: "according to X", "X said",
/// "X, citing Y, reported", "X told Reuters".
pub fn attribution_of(cx: &Ctx, c: &Candidate) -> Vec<Attribution> {
    crate::attribution::attributions(cx, c.sentence, c.trigger)
}

/// Sectors whose members belong to one state: a countryless "rebels", "police" or "president"
/// may take its country from the text around it. International bodies never do.
const DOMESTIC: &[&str] = &[
    "GOV", "MIL", "COP", "REB", "LEG", "JUD", "OPP", "CVL", "MED", "REF", "BUS", "LAB", "EDU",
    "REL", "CRM", "ELI", "UAF", "PTY", "AGR", "SEP", "INS",
];

/// A state's code (not `IGO`, `NGO`, ...).
fn state(country: &Option<String>) -> Option<&str> {
    country
        .as_deref()
        .filter(|c| !attache_doc::NON_STATE.contains(c))
}

/// A country the text gives a countryless actor mention from its context, and why.
#[derive(Debug, Clone)]
pub struct Inferred {
    pub country: String,
    /// `coordination`, `place`, `dateline` or `event`.
    pub why: &'static str,
}

/// A countryless actor of a sector that belongs to one state: the context may give it one.
fn countryless(country: &Option<String>, sector: Option<&str>) -> bool {
    country.is_none() && sector.is_some_and(|s| DOMESTIC.contains(&s))
}

fn open_mention(m: &attache_doc::ActorMention) -> bool {
    countryless(&m.country, m.sector.as_deref())
}

/// Countries for countryless actor mentions from the words around them, before any event is
/// coded (so that "police in Los Angeles" is as specific as "Los Angeles police"):
/// * `coordination`: a bare second conjunct shares the first's nationality ("Israeli jets and
///   tanks");
/// * `place`: a place modifying the role noun or right after it ("Darfur rebels", "the Ontario
///   government", "students throughout Indonesia", "workers at a mine in Peru"); troops "in" a
///   place are as often foreign forces there;
/// * `dateline`: the story's dateline state ("TOKYO, March 3 -") when the sentence names no
///   other state.
pub fn locate_actors(doc: &Document, datelines: &[Option<&str>]) -> Vec<Option<Inferred>> {
    let mut out: Vec<Option<Inferred>> = vec![None; doc.actors.len()];
    if !doc.actors.iter().any(open_mention) {
        return out;
    }
    let mut states_of: Option<(usize, Vec<&str>)> = None;
    for (k, a) in doc.actors.iter().enumerate() {
        // A pronoun takes what its antecedent was given ("Rebels in Deraa said they ...").
        if let Some(ante) = a.antecedent.filter(|&x| x < k && a.country.is_none()) {
            out[k] = out[ante].clone();
            continue;
        }
        if !open_mention(a) {
            continue;
        }
        let t = a.tokens;
        if k > 0 {
            let p = &doc.actors[k - 1];
            if p.kind == ActorKind::Agent
                && p.tokens.end + 1 == t.start
                && matches!(doc.low(p.tokens.end), "and" | "or")
                && doc.tokens[t.start].pos != Pos::Det
            {
                if let Some(c) = state(&p.country) {
                    out[k] = Some(Inferred {
                        country: c.to_string(),
                        why: "coordination",
                    });
                    continue;
                }
            }
        }
        if let Some(c) = attached_place(doc, a).and_then(|p| state(&p.country)) {
            out[k] = Some(Inferred {
                country: c.to_string(),
                why: "place",
            });
            continue;
        }
        let Some(si) = doc.sentence_of(t.start) else {
            continue;
        };
        // Not a company or a crowd the story merely mentions ("the company said", "children
        // were hurt"), nor a pronoun (its antecedent decides).
        if matches!(a.sector.as_deref(), Some("BUS" | "CVL")) || a.kind == ActorKind::Reference {
            continue;
        }
        if let Some(d) = datelines.get(si).copied().flatten() {
            // The states a sentence names, once per sentence.
            if states_of.as_ref().is_none_or(|(k, _)| *k != si) {
                states_of = Some((si, sentence_states(doc, si).0));
            }
            if states_of
                .as_ref()
                .is_some_and(|(_, states)| states.iter().all(|s| *s == d))
            {
                out[k] = Some(Inferred {
                    country: d.to_string(),
                    why: "dateline",
                });
            }
        }
    }
    out
}

/// A place that says where actor `a` is from or based.
fn attached_place<'d>(
    doc: &'d Document,
    a: &attache_doc::ActorMention,
) -> Option<&'d attache_doc::PlaceMention> {
    let t = a.tokens;
    let mil = a.sector.as_deref() == Some("MIL");
    // A place modifying a common noun ("Darfur rebels", "the Ontario government"), not one
    // inside a name ("Norfolk Southern spokesman", "Union Texas").
    let modifies = |p: &attache_doc::PlaceMention| {
        doc.tokens
            .get(p.tokens.end)
            .is_some_and(|n| n.pos != Pos::Propn && n.pos != Pos::Punct)
    };
    let sent = doc.sentences[doc.sentence_of(t.start)?].tokens;
    if let Some(p) = doc.places.iter().find(|p| {
        ((p.tokens.start >= t.start && p.tokens.end < t.end)
            || (p.tokens.end == t.start && p.tokens.start >= sent.start))
            && modifies(p)
    }) {
        return Some(p);
    }
    // "rebels in Darfur", "students throughout Indonesia", "workers at a copper mine in Peru",
    // the first place after a locative preposition, before any verb or clause break.
    let sent_end = sent.end;
    if t.end >= sent_end {
        return None;
    }
    let prep = doc.low(t.end);
    // "residents of Kirkuk", "the governor of Kirkuk" too; troops "of" a place may be anyone's.
    if !matches!(prep, "in" | "of" | "from" | "throughout" | "across" | "at")
        || (mil && matches!(prep, "in" | "of"))
    {
        return None;
    }
    let limit = (t.end + 7).min(sent_end);
    for q in t.end + 1..limit {
        if matches!(
            doc.tokens[q].pos,
            Pos::Verb | Pos::Aux | Pos::Modal | Pos::Punct | Pos::Wh
        ) {
            return None;
        }
        if let Some(p) = doc.places.iter().find(|p| p.tokens.start == q) {
            // "of" names the place itself ("residents of Kirkuk", "the people of the Gaza
            // Strip"), not a town hidden in an office's name ("Chancellor of the Exchequer").
            if prep == "of" && !(q == t.end + 1 || p.resolution != "city") {
                return None;
            }
            return Some(p);
        }
    }
    None
}

/// The states a sentence names (actors' and places' countries; a place that is part of a name,
/// "a Norfolk Southern spokesman", is none), and whether one of them is named as a place rather
/// than as an actor's nationality.
pub(crate) fn sentence_states(doc: &Document, si: usize) -> (Vec<&str>, bool) {
    let sent = doc.sentences[si].tokens;
    let mut states: Vec<&str> = Vec::new();
    let mut from_place = false;
    for p in doc.places.iter().filter(|p| sent.contains(p.tokens.start)) {
        // A nationality word inside an actor phrase ("the South African leader") says whose
        // actor it is, not where the act happened; a country or capital after a locative
        // preposition is a place all the same.
        let locative = p.tokens.start > sent.start
            && matches!(
                doc.low(p.tokens.start - 1),
                "in" | "at" | "near" | "across" | "throughout"
            );
        let inside = doc.actors.iter().any(|m| {
            m.tokens.start <= p.tokens.start
                && p.tokens.end <= m.tokens.end
                && !(locative && matches!(m.kind, ActorKind::Country | ActorKind::Metonym))
        });
        let in_name = inside
            && doc
                .tokens
                .get(p.tokens.end)
                .is_some_and(|n| n.pos == Pos::Propn);
        if let Some(s) = state(&p.country).filter(|_| !in_name) {
            if !states.contains(&s) {
                states.push(s);
            }
            from_place |= !inside;
        }
    }
    for m in doc.actors.iter().filter(|m| sent.contains(m.tokens.start)) {
        if let Some(s) = state(&m.country) {
            if !states.contains(&s) {
                states.push(s);
            }
        }
    }
    (states, from_place)
}

/// The event-level rule, for actors still countryless after [`locate_actors`]: the only state
/// the sentence names (or the dateline's) is the country of an actor facing that state's own
/// actors (`event`: "Egyptian police dispersed demonstrators"). Companies and
/// "foreign" actors never take a country this way.
pub fn inherit_countries(
    cx: &Ctx,
    c: &Candidate,
    actor: &mut [crate::record::ActorRef],
    recipient: &mut [crate::record::ActorRef],
) {
    let doc = cx.doc;
    let open = |r: &crate::record::ActorRef| {
        countryless(&r.country, r.sector.as_deref())
            && r.sector.as_deref() != Some("BUS")
            && !r
                .text
                .split_whitespace()
                .any(|w| cx.cues.has(Cue::ForeignWords, &w.to_ascii_lowercase()))
    };
    if !actor.iter().chain(recipient.iter()).any(open) {
        return;
    }
    let (states, from_place) = sentence_states(doc, c.sentence);
    // The only state the sentence names, or the dateline's if the sentence names none else.
    let only = match (cx.datelines.get(c.sentence).copied().flatten(), &states[..]) {
        (Some(d), []) => d,
        (Some(d), [o]) if *o == d => d,
        (None, [o]) => o,
        _ => return,
    };
    let set = |r: &mut crate::record::ActorRef| {
        r.code = format!("{only}{}", r.code);
        r.country = Some(only.to_string());
        r.inferred = Some("event".to_string());
    };
    let domestic_other = |refs: &[crate::record::ActorRef]| {
        refs.iter().any(|r| {
            state(&r.country) == Some(only)
                && r.sector
                    .as_deref()
                    .is_some_and(|s| s != "GOV" && DOMESTIC.contains(&s))
        })
    };
    // A target facing the state's own actors is theirs; a countryless source only when the
    // sentence places the act in that state or its other side is that state's people rather
    // than its government or the state itself ("the president met Bolivian miners" — a foreign
    // leader meeting a government is common).
    // "US strikes on Hodeidah killed 38 people": the victims of a state's force abroad are
    // not its people; only a place named says whose they are.
    let foreign_force = !from_place
        && matches!(c.code.get(..2), Some("18" | "19" | "20"))
        && !actor.is_empty()
        && actor
            .iter()
            .all(|r| r.country.is_some() && r.sector.is_none());
    if (!actor.is_empty() || from_place) && !foreign_force {
        recipient.iter_mut().filter(|r| open(r)).for_each(set);
    }
    // Diplomacy takes place abroad as often as not: the place of a meeting or visit says
    // nothing of whose officials met there.
    let diplomatic = diplomacy(&c.code) && actor.iter().any(|r| state_agent(r.sector.as_deref()));
    if (from_place && !diplomatic) || domestic_other(recipient) {
        actor.iter_mut().filter(|r| open(r)).for_each(set);
    }
}

/// Intent, consultation and diplomatic cooperation (CAMEO 03, 04, 05): acts whose place says
/// nothing of whose officials took part.
pub(crate) fn diplomacy(code: &str) -> bool {
    matches!(code.get(..2), Some("03" | "04" | "05"))
}

/// A sector of the state's own agents: officials, soldiers, legislators, spies.
pub(crate) fn state_agent(sector: Option<&str>) -> bool {
    matches!(sector, Some("GOV" | "ELI" | "MIL" | "LEG" | "SPY"))
}

/// For each sentence, the state of the nearest dateline before it: a headline segment that
/// begins with a place and ends with a dash ("KYIV, Feb 17 (Reuters) -"). One pass per document.
pub fn datelines(doc: &Document) -> Vec<Option<&str>> {
    let mut out = Vec::with_capacity(doc.sentences.len());
    let mut current: Option<&str> = None;
    for s in &doc.sentences {
        out.push(current);
        if !s.headline {
            continue;
        }
        let dash = s
            .tokens
            .end
            .checked_sub(1)
            .is_some_and(|last| matches!(doc.low(last), "-" | "--" | "—" | "–"));
        if let Some(c) = doc
            .places
            .iter()
            .find(|p| p.tokens.start == s.tokens.start)
            .filter(|_| dash)
            .and_then(|p| state(&p.country))
        {
            current = Some(c);
        }
    }
    out
}
