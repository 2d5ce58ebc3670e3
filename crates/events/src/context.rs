//! The circumstances of an event from the other mention layers: its date (the time expression
//! governing its clause), its location (the place it happened) and its attribution.

use attache_doc::{ActorKind, Document, Pos, TimexType, TokenRange};

use crate::coder::{Candidate, Ctx};
use crate::cues::Cue;
use crate::record::{Attribution, EventDate, Location};

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
/// a country or capital actor in such a phrase (country-level).
pub fn location_of(cx: &Ctx, c: &Candidate) -> Option<Location> {
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
            return matches!(
                w,
                "in" | "at" | "near" | "outside" | "inside" | "across" | "throughout"
            ) || (attack && matches!(w, "on" | "against" | "into" | "targeting"))
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
        .filter(|p| {
            sent.contains(p.tokens.start)
                && in_clause(p.tokens)
                && locative(p.tokens.start)
                // "the Ukrainian city of Kharkiv": a demonym is not the place named.
                && !doc.actors.iter().any(|m| m.kind == ActorKind::People && m.tokens.start == p.tokens.start)
        })
        .min_by_key(|p| score(p.tokens));
    if let Some(p) = best_place {
        return Some(Location {
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
        });
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
    Some(Location {
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
    })
}

/// Attribution phrases of the sentence that scope over the event: "according to X", "X said",
/// "X, citing Y, reported", "X told Reuters".
pub fn attribution_of(cx: &Ctx, c: &Candidate) -> Vec<Attribution> {
    crate::attribution::attributions(cx, c.sentence, c.trigger)
}
