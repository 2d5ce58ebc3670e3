//! Status of an event: occurred, planned, negated or hypothetical, from the words that govern
//! its trigger within its own clause (negation and modality never leak across clauses).
//!
//! A verb takes its status from its verb group (`will not meet`, `is set to visit`), from the
//! verb that governs it as an infinitive or gerund (`plans to travel ... to meet`, `denied
//! attacking`, `could use Belarus to attack`), and from a conditional it depends on (`if ...`,
//! `Should X attack, ...`). An event noun takes it from its own modifiers (`anticipated talks`,
//! `no meeting`, `any strike`), from the verb group it is the subject of (`the talks would take
//! place`), and from the verb it is the object of (`may host a meeting`, `cancelled the summit`).

use attache_doc::{ClauseKind, Pos, TokenRange, VerbForm};

use crate::coder::Ctx;
use crate::cues::Cue;
use crate::triggers::TriggerKind;
use crate::Status;

fn lemma<'a>(cx: &'a Ctx, k: usize) -> Option<&'a str> {
    let low = cx.doc.low(k);
    cx.lex.verb(low).map(|(id, _)| cx.lex.lemma(id))
}

/// A verb of negation at `k` with lemma `l`; "rule" only as "rule out" ("Taliban-ruled
/// Afghanistan" is no refusal).
fn negating(cx: &Ctx, k: usize, l: &str) -> bool {
    cx.cues.has(Cue::NegatingVerbs, l)
        && (l != "rule" || k + 1 < cx.doc.tokens.len() && cx.doc.low(k + 1) == "out")
}

fn negated_before(cx: &Ctx, k: usize, floor: usize) -> bool {
    (k.saturating_sub(3).max(floor)..k)
        .any(|t| cx.doc.tokens[t].pos == Pos::Neg || matches!(cx.doc.low(t), "no" | "never"))
}

pub fn status_of(cx: &Ctx, trigger: TokenRange, kind: TriggerKind, ci: usize) -> Status {
    let doc = cx.doc;
    let clause = &doc.clauses[ci];
    if clause.kind == ClauseKind::Subordinate
        && clause
            .marker
            .is_some_and(|m| matches!(doc.low(m), "if" | "unless" | "whether"))
    {
        return Status::Hypothetical;
    }
    // "Should Russia attack a NATO member, ...": an inverted condition up to its comma.
    if let Some(si) = doc.sentence_of(trigger.start) {
        let s = doc.sentences[si].tokens;
        let inverted = (s.start..s.end)
            .find(|&k| doc.tokens[k].pos != Pos::Punct)
            .is_some_and(|k| {
                matches!(doc.low(k), "should" | "were" | "had")
                    && k + 1 < s.end
                    && matches!(doc.tokens[k + 1].pos, Pos::Propn | Pos::Det | Pos::Pron)
            });
        if inverted
            && (s.start..trigger.start).all(|k| doc.low(k) != ",")
            && (trigger.end..s.end).any(|k| doc.low(k) == ",")
        {
            return Status::Hypothetical;
        }
    }
    // "to discuss ending the war", "proposed sending observers": a course of action under
    // discussion is hypothetical.
    let t = trigger.start;
    if kind == TriggerKind::Verb
        && doc.tokens[t].verb_form == Some(attache_doc::VerbForm::Gerund)
        && t > 0
        && doc.tokens[t - 1].pos == Pos::Verb
        && lemma(cx, t - 1).is_some_and(|l| cx.cues.has(Cue::TopicVerbs, l))
    {
        return Status::Hypothetical;
    }
    let st = match kind {
        TriggerKind::Noun => noun_status(cx, trigger, ci),
        TriggerKind::Verb => verb_status(cx, trigger.start, ci, 0),
    };
    // "If the talks fail, Israel will resume ...", "Should X attack, ... would respond".
    if st == Status::Planned && conditional_sentence(cx, trigger.start) {
        return Status::Hypothetical;
    }
    // "... until Israel withdraws from Gaza", "if Washington attacks": a condition in the
    // present tense has not been met.
    if st == Status::Occurred
        && kind == TriggerKind::Verb
        && matches!(
            doc.tokens[t].verb_form,
            Some(attache_doc::VerbForm::ThirdSing | attache_doc::VerbForm::Base)
        )
        && doc.clauses.get(ci).is_some_and(|c| {
            c.kind == ClauseKind::Subordinate
                && c.marker
                    .is_some_and(|m| matches!(doc.low(m), "if" | "unless" | "until" | "once"))
        })
    {
        return Status::Hypothetical;
    }
    // "talks in Riyadh next week": a date after publication makes a reported event a plan.
    if st == Status::Occurred && future_time_in_clause(cx, ci) {
        return Status::Planned;
    }
    st
}

fn future_time_in_clause(cx: &Ctx, ci: usize) -> bool {
    let doc = cx.doc;
    let Some(dct) = doc.meta.date else {
        return false;
    };
    let day = dct.to_string();
    use chrono::Datelike;
    let w = dct.iso_week();
    let week = format!("{}-W{:02}", w.year(), w.week());
    let month = day[..7].to_string();
    doc.times.iter().any(|t| {
        cx.clause_of.get(t.tokens.start) == Some(&ci)
            && t.value.as_deref().is_some_and(|v| {
                let b = v.as_bytes();
                (v.len() >= 10
                    && b[4] == b'-'
                    && b[7] == b'-'
                    && b[5].is_ascii_digit()
                    && v[..10] > day[..])
                    || (v.len() == 8 && v.contains("-W") && v > week.as_str())
                    || (v.len() == 7 && b[4] == b'-' && b[5].is_ascii_digit() && v > month.as_str())
            })
    })
}

fn conditional_sentence(cx: &Ctx, at: usize) -> bool {
    let doc = cx.doc;
    let Some(si) = doc.sentence_of(at) else {
        return false;
    };
    let s = doc.sentences[si].tokens;
    let first = (s.start..s.end).find(|&k| doc.tokens[k].pos != Pos::Punct);
    first.is_some_and(|k| matches!(doc.low(k), "if" | "unless" | "should"))
        || doc.clauses.iter().any(|c| {
            c.kind == ClauseKind::Subordinate
                && s.contains(c.tokens.start)
                && c.marker
                    .is_some_and(|m| matches!(doc.low(m), "if" | "unless"))
        })
}

/// Status from the verb group and governing verbs of the verb at `v`.
fn verb_status(cx: &Ctx, v: usize, ci: usize, depth: usize) -> Status {
    let doc = cx.doc;
    if depth > 4 {
        return Status::Occurred;
    }
    let start = doc.clauses[ci].tokens.start;
    // "due to continued torture": a participle after "to" is no infinitive.
    let participle = matches!(
        doc.tokens[v].verb_form,
        Some(VerbForm::Past | VerbForm::PastParticiple | VerbForm::PastOrParticiple)
    );
    let mut k = v;
    let mut steps = 0;
    while k > start && steps < 12 {
        k -= 1;
        steps += 1;
        if cx.clause_of.get(k).copied() != Some(ci) {
            continue;
        }
        let low = doc.low(k);
        let pos = doc.tokens[k].pos;
        match pos {
            Pos::Neg => return Status::Negated,
            Pos::Modal => {
                return match low {
                    "will" | "shall" | "'ll" | "’ll" | "must" | "should" => Status::Planned,
                    "would" | "'d" | "’d" => Status::Planned,
                    _ => Status::Hypothetical,
                };
            }
            _ => {}
        }
        if low == "no" && k + 1 < doc.tokens.len() && doc.low(k + 1) != "longer" {
            // "no troops were deployed", "no plans to meet"
            return Status::Negated;
        }
        if low == "to" && !participle {
            // An infinitive: the word that governs it decides.
            if let Some(st) = governor_status(cx, k, ci, depth) {
                return st;
            }
        }
        // A word modifying the next noun ("the ruling party") is no verb of refusal.
        let modifier = matches!(pos, Pos::Noun | Pos::Adj)
            && doc
                .tokens
                .get(k + 1)
                .is_some_and(|t| matches!(t.pos, Pos::Noun | Pos::Propn));
        if let Some(l) =
            lemma(cx, k).filter(|_| matches!(pos, Pos::Verb | Pos::Noun | Pos::Adj) && !modifier)
        {
            if negating(cx, k, l) {
                return if !negated_before(cx, k, start) {
                    Status::Negated
                } else if l == "rule" {
                    // "has not ruled out sending troops": left open.
                    Status::Hypothetical
                } else {
                    Status::Occurred
                };
            }
            if cx.cues.has(Cue::HypotheticalVerbs, l) {
                return Status::Hypothetical;
            }
            if cx.cues.has(Cue::PlannedVerbs, l) {
                return if negated_before(cx, k, start) {
                    Status::Negated
                } else {
                    Status::Planned
                };
            }
            if pos == Pos::Verb && !cx.cues.has(Cue::PassVerbs, l) {
                break;
            }
        }
        if matches!(low, "," | ";" | ":" | "—") {
            break;
        }
    }
    Status::Occurred
}

/// The status given by the governor of an infinitive whose "to" is at `to`.
fn governor_status(cx: &Ctx, to: usize, ci: usize, depth: usize) -> Option<Status> {
    let doc = cx.doc;
    let start = doc.clauses[ci].tokens.start;
    let mut g = to;
    let mut steps = 0;
    while g > start && steps < 7 {
        g -= 1;
        steps += 1;
        let low = doc.low(g);
        let neg = negated_before(cx, g, start) || (g > start && doc.low(g - 1) == "no");
        if matches!(low, "is" | "are" | "was" | "were") && g + 1 == to {
            // "is to visit", "are to meet"
            return Some(Status::Planned);
        }
        if cx.cues.has(Cue::PlannedWords, low) {
            // "rejected a proposal to release": the noun's own governor may negate it.
            let rejected = (g.saturating_sub(3).max(start)..g)
                .any(|t| lemma(cx, t).is_some_and(|l| negating(cx, t, l)));
            return Some(if neg || rejected {
                Status::Negated
            } else {
                Status::Planned
            });
        }
        if cx.cues.has(Cue::HypotheticalWords, low) {
            return Some(if neg && low != "unlikely" {
                Status::Negated
            } else {
                Status::Hypothetical
            });
        }
        if matches!(doc.tokens[g].pos, Pos::Verb) {
            let l = lemma(cx, g)?;
            if negating(cx, g, l) {
                return Some(if neg {
                    Status::Occurred
                } else {
                    Status::Negated
                });
            }
            if cx.cues.has(Cue::HypotheticalVerbs, l) {
                return Some(Status::Hypothetical);
            }
            if cx.cues.has(Cue::PlannedVerbs, l) {
                return Some(if neg {
                    Status::Negated
                } else {
                    Status::Planned
                });
            }
            // Purpose: "travel to Moscow to meet Putin" is an intended meeting.
            let st = verb_status(cx, g, ci, depth + 1);
            if st == Status::Occurred && cx.cues.has(Cue::MotionVerbs, l) {
                return Some(Status::Planned);
            }
            return Some(st);
        }
        if matches!(low, "," | ";" | ":") || doc.tokens[g].pos == Pos::Modal {
            return None;
        }
    }
    None
}

fn noun_status(cx: &Ctx, trigger: TokenRange, ci: usize) -> Status {
    let doc = cx.doc;
    let start = doc.clauses[ci].tokens.start;
    // 1. Its own modifiers: "anticipated talks", "no meeting", "any strike", "a potential meeting".
    let mut k = trigger.start;
    let mut modifier: Option<Status> = None;
    while k > start {
        let t = k - 1;
        let low = doc.low(t);
        let pos = doc.tokens[t].pos;
        // "another round of nuclear talks": the quantity noun's phrase is the noun's.
        if low == "of" && t > start && cx.cues.has(Cue::QuantityNouns, doc.low(t - 1)) {
            k = t - 1;
            continue;
        }
        // "pledged $500 million in aid": the amount's phrase is the noun's.
        if low == "in"
            && t > start
            && (doc.tokens[t - 1].pos == Pos::Num
                || matches!(doc.low(t - 1), "million" | "billion" | "trillion" | "worth"))
        {
            k = t;
            continue;
        }
        if !(matches!(pos, Pos::Det | Pos::Adj | Pos::Num | Pos::Propn | Pos::Adv)
            || matches!(low, "$" | "£" | "€")
            || attache_text::is_possessive(low)
            || (pos == Pos::Noun && t + 1 == trigger.start)
            || cx.cues.has(Cue::PlannedModifiers, low))
        {
            break;
        }
        if modifier.is_none() {
            if low == "no" {
                return Status::Negated;
            }
            if cx.cues.has(Cue::PlannedModifiers, low) {
                modifier = Some(Status::Planned);
            } else if cx.cues.has(Cue::HypotheticalModifiers, low) {
                modifier = Some(Status::Hypothetical);
            }
        }
        k = t;
    }
    // 2. The verb it is the object of: "may host a meeting", "cancelled his planned summit",
    //    "will hold talks", "have not held talks".
    // Particles of phrasal verbs ("carrying out an air strike", "ruled out talks").
    let mut gk = k;
    if gk > start + 1 && matches!(doc.low(gk - 1), "out" | "off" | "up") {
        gk -= 1;
    }
    if gk > start && doc.tokens[gk - 1].pos == Pos::Verb {
        let g = gk - 1;
        if let Some(l) = lemma(cx, g) {
            if matches!(
                l,
                "cancel"
                    | "postpone"
                    | "scrap"
                    | "suspend"
                    | "call"
                    | "deny"
                    | "reject"
                    | "refuse"
                    | "halt"
                    | "rule"
                    | "block"
                    | "veto"
            ) {
                return Status::Negated;
            }
            // "is considering sanctions", "threatened strikes": not decided.
            if matches!(
                l,
                "consider" | "weigh" | "mull" | "explore" | "threaten" | "discuss"
            ) {
                return Status::Hypothetical;
            }
            // "pledged aid", "offered talks", "proposed a summit": promised, not yet given.
            if matches!(
                l,
                "pledge"
                    | "promise"
                    | "vow"
                    | "offer"
                    | "propose"
                    | "plan"
                    | "seek"
                    | "intend"
                    | "want"
                    | "prepare"
                    | "schedule"
            ) {
                let st = verb_status(cx, g, ci, 1);
                return if st == Status::Occurred {
                    Status::Planned
                } else {
                    st
                };
            }
            if !cx.cues.has(Cue::RealizingVerbs, l) {
                return modifier.unwrap_or(Status::Occurred);
            }
            let st = verb_status(cx, g, ci, 1);
            if st != Status::Occurred {
                return st;
            }
            // "launched further air strikes", "held the planned talks": carried out, whatever
            // was said of them before.
            return if cx.cues.has(Cue::HypotheticalVerbs, l) {
                Status::Hypothetical
            } else {
                Status::Occurred
            };
        }
    }
    if let Some(m) = modifier {
        return m;
    }
    // 3. "ready for talks", "prepared for a prisoner swap": an act someone is ready for has
    //    not happened ("is not ready for talks": refused).
    if k > start + 1 && doc.low(k - 1) == "for" && cx.cues.has(Cue::PlannedWords, doc.low(k - 2)) {
        return if negated_before(cx, k - 2, start) {
            Status::Negated
        } else {
            Status::Planned
        };
    }
    // "for talks" after a motion or planned verb: the purpose of the trip.
    if k > start && doc.low(k - 1) == "for" {
        if let Some(g) = (start..k - 1)
            .rev()
            .take(10)
            .find(|&t| doc.tokens[t].pos == Pos::Verb)
        {
            if lemma(cx, g).is_some_and(|l| cx.cues.has(Cue::MotionVerbs, l)) {
                let st = verb_status(cx, g, ci, 1);
                return if st == Status::Occurred {
                    Status::Planned
                } else {
                    st
                };
            }
        }
    }
    // 4. As the subject of a verb group: "the talks would take place", "a meeting between X
    //    and Y is scheduled", "the summit was called off".
    let end = doc.sentences[doc.sentence_of(trigger.start).unwrap_or(0)]
        .tokens
        .end;
    let mut j = trigger.end;
    while j < end && j < trigger.end + 10 {
        let low = doc.low(j);
        let pos = doc.tokens[j].pos;
        match pos {
            Pos::Modal => {
                return match low {
                    "will" | "would" | "shall" | "'ll" => {
                        if (j + 1..(j + 3).min(end)).any(|t| doc.tokens[t].pos == Pos::Neg) {
                            Status::Negated
                        } else {
                            Status::Planned
                        }
                    }
                    _ => Status::Hypothetical,
                };
            }
            Pos::Aux => {
                let next = if j + 1 < end { doc.low(j + 1) } else { "" };
                let next2 = if j + 2 < end { doc.low(j + 2) } else { "" };
                if next == "not" || next == "never" {
                    return Status::Negated;
                }
                if cx.cues.has(Cue::PlannedWords, next)
                    || matches!(next, "planned" | "scheduled" | "slated")
                {
                    return Status::Planned;
                }
                if cx.cues.has(Cue::HypotheticalWords, next) {
                    return Status::Hypothetical;
                }
                if matches!(
                    next,
                    "cancelled" | "canceled" | "postponed" | "called" | "scrapped"
                ) || (next == "to" && next2 == "be")
                {
                    return if next == "to" {
                        Status::Planned
                    } else {
                        Status::Negated
                    };
                }
                return Status::Occurred;
            }
            Pos::Verb => return Status::Occurred,
            _ => {}
        }
        if matches!(low, "," | ";" | ":" | "—")
            || (low == "and" && {
                // Only the "and" of "between X and Y" belongs to the noun phrase.
                let b = (trigger.end..j)
                    .rev()
                    .find(|&t| matches!(doc.low(t), "between" | "among"));
                b.is_none_or(|b| (b + 1..j).any(|t| doc.low(t) == "and"))
            })
        {
            break;
        }
        j += 1;
    }
    Status::Occurred
}
