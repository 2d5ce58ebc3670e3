//! Event stage: finds triggers in each clause, attaches sources and targets, and turns them into
//! records with CAMEO code, Goldstein score, QuadClass, PLOVER event and mode, status, date,
//! location, attribution and counts.

mod attribution;
pub mod coder;
mod context;
mod counts;
pub mod cues;
pub mod export;
mod record;
mod status;
mod tables;
mod triggers;

pub use coder::{find_events, Candidate, Ctx};
pub use context::granularity_of;
pub use cues::{Cue, Cues, BUILTIN_CUES};
pub use record::*;
pub use tables::{intent_code, penta_class, refusal_code, CameoCode, CameoTable, BUILTIN_CAMEO};
pub use triggers::{
    parse_frame, singular, Elem, TriggerDictionary, TriggerEntry, TriggerKind, TriggerSources,
};

use attache_doc::{Document, Pos};
use attache_text::Lexicon;

#[derive(Debug, thiserror::Error)]
pub enum EventError {
    #[error("{file}:{line}: {msg}")]
    Data {
        file: String,
        line: usize,
        msg: String,
    },
}

/// The event coder: trigger dictionary, CAMEO table and cue-word lists.
#[derive(Debug, Clone)]
pub struct Coder {
    pub triggers: TriggerDictionary,
    pub table: CameoTable,
    pub cues: Cues,
}

impl Coder {
    pub fn builtin() -> Result<Self, EventError> {
        Ok(Coder {
            triggers: TriggerDictionary::builtin()?,
            table: CameoTable::builtin()?,
            cues: Cues::builtin()?,
        })
    }

    /// Code an analysed document (text, mention and clause layers filled) into event records.
    pub fn code(&self, doc: &Document, lex: &Lexicon) -> Vec<EventRecord> {
        let cx = Ctx::new(doc, lex, &self.cues);
        let cands = find_events(&self.triggers, &cx);
        cands
            .iter()
            .enumerate()
            .filter_map(|(n, c)| self.record(&cx, c, n, &cands))
            .collect()
    }

    /// The record of candidate `c` (`all`: every candidate of the document, which decides
    /// which event each number belongs to).
    pub fn record(
        &self,
        cx: &Ctx,
        c: &Candidate,
        n: usize,
        all: &[Candidate],
    ) -> Option<EventRecord> {
        let doc = cx.doc;
        // A planned or conditional cooperative act ("will withdraw", "is willing to withdraw if")
        // is coded as the intent, such an act of force as a threat (CAMEO's convention); the
        // status keeps the distinction explicit.
        // A decision taken is coded as the act decided ("decided to ease sanctions").
        let code = intent_code(
            &c.code,
            matches!(c.status, Status::Planned | Status::Hypothetical)
                && !(c.status == Status::Planned && decided(cx, c.trigger.start)),
        )
        .map_or_else(|| c.code.clone(), str::to_string);
        // A refusal ("will not lift", "refused to release", "no plans to meet") is a rejection.
        let code = match (
            c.status == Status::Negated && refusal(cx, c),
            refusal_code(&code),
        ) {
            (true, Some(r)) => r.to_string(),
            _ => code,
        };
        let info = self.table.get(&code)?;
        let actor_ref = |m: &usize| {
            let a = &doc.actors[*m];
            // A capital named as the destination of a visit is the host country, not its
            // government ("arrived in Amman": JOR).
            let place = a.kind == attache_doc::ActorKind::Metonym
                && a.sector.as_deref() == Some("GOV")
                && c.target.contains(m)
                && (1..=2).any(|d| {
                    a.tokens.start >= d
                        && matches!(doc.low(a.tokens.start - d), "in" | "to" | "at" | "into")
                });
            let inferred = cx.inferred.get(*m).and_then(|i| i.as_ref());
            // Force or coercion aimed at a place (done or threatened) is aimed at the people
            // there: "shelled Iraqi towns", "demolished Palestinian homes", "a curfew in
            // Abidjan" (IRQCVL, PSECVL, CIVCVL), as the PLOVER gold standard codes them.
            let civil = aimed_at_people(&code)
                && c.target.contains(m)
                && a.country
                    .as_deref()
                    .is_some_and(|k| !attache_doc::NON_STATE.contains(&k))
                && match a.kind {
                    attache_doc::ActorKind::Country
                    | attache_doc::ActorKind::Metonym
                    | attache_doc::ActorKind::People => {
                        (a.modifier && cx.cues.has(cues::Cue::CivilianPlaces, doc.low(a.head)))
                            || (!a.modifier
                                && !a.possessive
                                && a.tokens.start > 0
                                && matches!(doc.low(a.tokens.start - 1), "in" | "across"))
                    }
                    _ => false,
                };
            // Code, country and sector: the people of a place under force, a visited capital's
            // state, a country from context, or the mention's own.
            let (code, country, sector) = match (civil, place, inferred) {
                (true, _, _) => {
                    let k = a.country.clone().unwrap_or_default();
                    (format!("{k}CVL"), Some(k), Some("CVL".to_string()))
                }
                (false, true, _) => (
                    a.country.clone().unwrap_or_else(|| a.code.clone()),
                    a.country.clone(),
                    None,
                ),
                (false, false, Some(i)) if a.country.is_none() => (
                    format!("{}{}", i.country, a.code),
                    Some(i.country.clone()),
                    a.sector.clone(),
                ),
                _ => (a.code.clone(), a.country.clone(), a.sector.clone()),
            };
            ActorRef {
                text: doc.slice(a.span).to_string(),
                name: a.name.clone(),
                code,
                country,
                sector,
                start: doc.char_offset(a.span.start),
                end: doc.char_offset(a.span.end),
                inferred: inferred.map(|i| i.why.to_string()),
            }
        };
        let tspan = doc.token_span(c.trigger);
        let mut counts = Vec::new();
        counts::counts_for(cx, c, all, &code, &mut counts);
        // A bombing names no perpetrator by its nature, and may still target the people of its
        // place ("a bomb ripped through a bus in Jerusalem"): decided once the location is known.
        let force = code.starts_with("183");
        if c.source.is_empty() && c.target.is_empty() && counts.is_empty() && !force {
            return None;
        }
        let mut actor: Vec<ActorRef> = c.source.iter().map(actor_ref).collect();
        let mut recipient: Vec<ActorRef> = c.target.iter().map(actor_ref).collect();
        context::inherit_countries(cx, c, &mut actor, &mut recipient);
        let (location, place) = context::location_of(cx, c).unzip();
        if recipient.is_empty() {
            recipient.extend(attacked_place(
                cx,
                c,
                &code,
                location.as_ref(),
                place.flatten(),
            ));
        }
        // A bombing that names no one on either side struck the people of its place.
        if force && actor.is_empty() && recipient.is_empty() {
            recipient.extend(
                location
                    .as_ref()
                    .and_then(|l| location_actor(l, Some("CVL"))),
            );
        }
        // "A missionary was arrested in Lebanon": only a state arrests, detains or expels, and
        // where no one is named it is the state of the place (PLOVER's gold codes it so).
        if actor.is_empty() && (code.starts_with("173") || code.starts_with("174")) {
            actor.extend(location.as_ref().and_then(|l| location_actor(l, None)));
        }
        if actor.is_empty() && recipient.is_empty() && counts.is_empty() {
            return None;
        }
        Some(EventRecord {
            id: format!("{}-{}", doc.meta.id, n + 1),
            doc_id: doc.meta.id.clone(),
            sentence: c.sentence,
            cameo_root: code[..2].to_string(),
            cameo: code,
            goldstein: info.goldstein,
            quad_class: info.quad_class,
            plover: Plover {
                event: info.plover_event.clone(),
                mode: info.plover_mode.clone(),
            },
            status: c.status,
            actor,
            recipient,
            trigger: TextSpan {
                text: doc.slice(tspan).to_string(),
                start: doc.char_offset(tspan.start),
                end: doc.char_offset(tspan.end),
            },
            date: context::date_of(cx, c),
            location,
            attribution: context::attribution_of(cx, c),
            counts,
        })
    }
}

/// "Russian forces shelled Kharkiv", "air strikes on Gaza City", "a curfew in Maiduguri": force
/// or coercion whose only object is a gazetteer place is aimed at the people there (country +
/// CVL, `inferred: location`), as the PLOVER gold standard codes the place's country as target.
fn attacked_place(
    cx: &Ctx,
    c: &Candidate,
    code: &str,
    location: Option<&Location>,
    place: Option<usize>,
) -> Option<ActorRef> {
    if !aimed_at_people(code) || c.passive {
        return None;
    }
    let doc = cx.doc;
    let p = &doc.places[place?];
    // The object or a phrase right after the trigger or its frame, not a place named elsewhere,
    // nor a name the actor layer read as a person or body; a state or capital named as the
    // place ("ethnic cleansing in Montenegro") is its people.
    let after = c.trigger.end;
    let reach = c.frame_end.max(after) + 4;
    if p.tokens.start < after
        || p.tokens.start > reach
        || doc.actors.iter().any(|a| {
            !a.modifier
                && !matches!(
                    a.kind,
                    attache_doc::ActorKind::Country | attache_doc::ActorKind::Metonym
                )
                && a.tokens.start < p.tokens.end
                && p.tokens.start < a.tokens.end
        })
    {
        return None;
    }
    location_actor(location?, Some("CVL"))
}

/// Force or coercion, done or threatened: aimed at a place, it is aimed at the people there.
fn aimed_at_people(code: &str) -> bool {
    matches!(code.get(..2), Some("13" | "17" | "18" | "19" | "20"))
}

/// The state of an event's place as an actor (`inferred: location`), with `sector` if given;
/// none for a place that belongs to no single state.
fn location_actor(loc: &Location, sector: Option<&str>) -> Option<ActorRef> {
    let country = loc
        .country
        .as_deref()
        .filter(|k| !attache_doc::NON_STATE.contains(k))?;
    Some(ActorRef {
        text: loc.text.clone(),
        name: loc.name.clone(),
        code: format!("{country}{}", sector.unwrap_or("")),
        country: Some(country.to_string()),
        sector: sector.map(str::to_string),
        start: loc.start,
        end: loc.end,
        inferred: Some("location".into()),
    })
}

/// Is a negated event a refusal (future or modal negation, a refusing verb, "no plans")
/// rather than a negated fact ("did not meet")?
fn refusal(cx: &Ctx, c: &Candidate) -> bool {
    let doc = cx.doc;
    let start = doc.clauses[c.clause].tokens.start;
    let from = c.trigger.start.saturating_sub(8).max(start);
    (from..c.trigger.start).any(|k| {
        let w = doc.low(k);
        matches!(
            w,
            "will" | "would" | "won't" | "wo" | "plans" | "plan" | "intention" | "intentions"
        ) || cx.lex.verb(w).is_some_and(|(id, _)| {
            matches!(
                cx.lex.lemma(id),
                "refuse" | "reject" | "decline" | "rule" | "resist" | "oppose"
            )
        })
    })
}

/// Whether the infinitive at `t` is governed by a verb or noun of decision ("decided to ease",
/// "voted on Monday to lift", "the decision to impose"): the act is decided, not merely intended.
fn decided(cx: &Ctx, t: usize) -> bool {
    let doc = cx.doc;
    let floor = doc
        .sentence_of(t)
        .map_or(0, |s| doc.sentences[s].tokens.start);
    let mut k = t;
    // Adverbs between "to" and the verb ("to partially lift").
    while k > floor && doc.tokens[k - 1].pos == Pos::Adv {
        k -= 1;
    }
    if k <= floor + 1 || doc.low(k - 1) != "to" {
        return false;
    }
    // The governor, past adverbs and a short time phrase ("decided on Thursday to").
    (k.saturating_sub(5).max(floor)..k - 1).rev().any(|g| {
        let decision = match doc.tokens[g].pos {
            Pos::Verb => cx
                .verb_lemma(g)
                .is_some_and(|l| cx.cues.has(Cue::DecisionVerbs, l)),
            // "the decision to impose sanctions"
            Pos::Noun => cx.cues.has(Cue::DecisionVerbs, doc.low(g)),
            _ => false,
        };
        decision && (g + 1..k - 1).all(|x| doc.tokens[x].pos != Pos::Verb)
    })
}
