//! Status of an event: occurred, planned, negated or hypothetical, from the words that govern
//! its trigger within its own clause (negation and modality never leak across clauses).

use attache_doc::{ClauseKind, Pos, TokenRange};

use crate::coder::Ctx;
use crate::triggers::TriggerKind;
use crate::Status;

/// Words before a verb trigger (within its clause) that make it planned.
const PLANNED_LEMMAS: &[&str] = &[
    "plan",
    "intend",
    "expect",
    "schedule",
    "set",
    "aim",
    "seek",
    "want",
    "prepare",
    "agree",
    "pledge",
    "vow",
    "promise",
    "hope",
    "decide",
    "propose",
    "offer",
    "due",
    "wish",
    "anticipate",
];
const HYPO_LEMMAS: &[&str] = &[
    "threaten", "consider", "could", "may", "might", "weigh", "mull",
];
const NEG_LEMMAS: &[&str] = &["deny", "refuse", "decline", "fail", "reject", "rule"];
const PLANNED_ADJ: &[&str] = &[
    "anticipated",
    "planned",
    "upcoming",
    "forthcoming",
    "proposed",
    "expected",
    "scheduled",
    "future",
    "next",
    "prospective",
    "impending",
    "coming",
];
const HYPO_ADJ: &[&str] = &[
    "potential",
    "possible",
    "hypothetical",
    "likely",
    "prospect",
];

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
    let start = clause.tokens.start;
    let mut status = Status::Occurred;
    let mut k = trigger.start;
    let mut steps = 0;
    // Walk back over the verb group and the phrase governing the trigger.
    while k > start && steps < 12 {
        k -= 1;
        steps += 1;
        if cx.clause_of.get(k).copied() != Some(ci) {
            continue;
        }
        let low = doc.low(k);
        let pos = doc.tokens[k].pos;
        if kind == TriggerKind::Noun && steps <= 3 {
            if PLANNED_ADJ.contains(&low) {
                return Status::Planned;
            }
            if HYPO_ADJ.contains(&low) {
                return Status::Hypothetical;
            }
            if low == "no" {
                return Status::Negated;
            }
        }
        match pos {
            Pos::Neg => return Status::Negated,
            Pos::Modal => {
                return match low {
                    "will" | "shall" | "'ll" | "’ll" => Status::Planned,
                    "would" | "'d" | "’d" => {
                        if sentence_has(cx, trigger.start, &["if", "unless"]) {
                            Status::Hypothetical
                        } else {
                            Status::Planned
                        }
                    }
                    "must" | "should" => Status::Planned,
                    _ => Status::Hypothetical,
                };
            }
            _ => {}
        }
        if low == "no"
            && k + 1 < doc.tokens.len()
            && matches!(
                doc.low(k + 1),
                "plans" | "plan" | "intention" | "intentions"
            )
        {
            return Status::Negated;
        }
        // "has expressed intentions to visit", "no plans to meet", "in a bid to end"
        if low == "to"
            && k > start
            && matches!(
                doc.low(k - 1),
                "intention"
                    | "intentions"
                    | "plan"
                    | "plans"
                    | "bid"
                    | "readiness"
                    | "willingness"
                    | "intent"
                    | "hopes"
                    | "efforts"
                    | "effort"
                    | "ready"
                    | "willing"
                    | "prepared"
                    | "poised"
                    | "likely"
            )
        {
            return if k >= start + 2 && matches!(doc.low(k - 2), "no" | "not") {
                Status::Negated
            } else if doc.low(k - 1) == "likely" {
                Status::Hypothetical
            } else {
                Status::Planned
            };
        }
        // "is to meet", "are to visit"
        if low == "to"
            && k > start
            && matches!(doc.low(k - 1), "is" | "are" | "was" | "were")
            && k + 1 == trigger.start
        {
            status = Status::Planned;
        }
        if let Some((id, _)) = doc.tokens[k].lemma.and_then(|_| cx.lex.verb(low)) {
            let l = cx.lex.lemma(id);
            if status == Status::Occurred {
                if k > start && matches!(doc.low(k - 1), "no" | "without") {
                    return Status::Negated;
                }
                if NEG_LEMMAS.contains(&l) {
                    return Status::Negated;
                }
                if HYPO_LEMMAS.contains(&l) {
                    return Status::Hypothetical;
                }
                if PLANNED_LEMMAS.contains(&l) {
                    return Status::Planned;
                }
            }
            // A finite verb that is not part of the trigger's verb group ends the search.
            if pos == Pos::Verb
                && !matches!(
                    l,
                    "be" | "have"
                        | "do"
                        | "go"
                        | "begin"
                        | "start"
                        | "continue"
                        | "try"
                        | "resume"
                        | "launch"
                        | "hold"
                        | "make"
                        | "carry"
                        | "conduct"
                        | "pay"
                        | "stage"
                        | "mount"
                        | "believe"
                        | "think"
                        | "seem"
                        | "appear"
                        | "report"
                        | "say"
                        | "invite"
                        | "ask"
                        | "order"
                        | "urge"
                )
            {
                break;
            }
        }
        if matches!(low, "," | ";" | ":" | "—") {
            break;
        }
    }
    if status == Status::Occurred && kind == TriggerKind::Noun {
        // The event noun as subject of a future or modal verb group: "the talks would take place",
        // "the meeting is expected to", "a visit is planned".
        let after: Vec<&str> = (trigger.end..(trigger.end + 4).min(doc.tokens.len()))
            .map(|k| doc.low(k))
            .collect();
        match after.as_slice() {
            ["will" | "would" | "shall" | "'ll", ..] => return Status::Planned,
            ["could" | "may" | "might", ..] => return Status::Hypothetical,
            ["is" | "are" | "was" | "were", "expected" | "scheduled" | "set" | "due" | "planned" | "slated" | "likely" | "to", ..] =>
            {
                return if after[1] == "likely" {
                    Status::Hypothetical
                } else {
                    Status::Planned
                };
            }
            _ => {}
        }
        // "arrived for talks", "in a bid to end": purpose phrases are plans.
        if trigger.start >= 1
            && matches!(doc.low(trigger.start - 1), "for")
            && sentence_has_before(
                cx,
                trigger.start,
                &[
                    "arrived",
                    "arrive",
                    "arrives",
                    "travelled",
                    "traveled",
                    "flew",
                    "headed",
                    "heading",
                ],
            )
        {
            return Status::Planned;
        }
    }
    status
}

fn sentence_has(cx: &Ctx, at: usize, words: &[&str]) -> bool {
    let Some(si) = cx.doc.sentence_of(at) else {
        return false;
    };
    cx.doc.sentences[si]
        .tokens
        .iter()
        .any(|k| words.contains(&cx.doc.low(k)))
}

fn sentence_has_before(cx: &Ctx, at: usize, words: &[&str]) -> bool {
    let Some(si) = cx.doc.sentence_of(at) else {
        return false;
    };
    (cx.doc.sentences[si].tokens.start..at).any(|k| words.contains(&cx.doc.low(k)))
}
