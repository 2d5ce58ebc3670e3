//! Tense of the clause around a time expression: decides whether a bare weekday or month
//! points back (`arrived on Sunday`) or forward (`would take place on Tuesday`).
//!
//! Uses the verb forms of the text stage when the lexicon knows the verb, and falls back on
//! closed lists (auxiliaries, modals, common irregular past forms) and the `-ed` shape.

use crate::grammar::View;
use attache_doc::{Pos, VerbForm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Present,
    Future,
    Unknown,
    /// No direction (`until January`, `had been set to expire Nov. 6`): take the nearest.
    Open,
}

const MODALS_FUTURE: &[&str] = &[
    "will", "'ll", "shall", "would", "'d", "wo", "can", "could", "may", "might", "must", "should",
    "ought", "cannot",
];
const PAST_AUX: &[&str] = &["was", "were", "did", "had", "has", "have", "'ve", "having"];
const PRESENT_AUX: &[&str] = &["is", "are", "am", "does", "do", "'re", "'m"];
/// Words in a verb group that look forward: `scheduled to`, `is expected to`.
const FUTURE_CUES: &[&str] = &[
    "scheduled",
    "expected",
    "slated",
    "due",
    "set",
    "planned",
    "poised",
    "going",
    "likely",
];
/// Non-verbal words right before a date that look forward: `payable Dec. 1`, `due Nov. 1`.
const IMMEDIATE_FUTURE: &[&str] = &[
    "payable",
    "effective",
    "due",
    "scheduled",
    "slated",
    "upcoming",
    "expected",
    "planned",
];
/// Past auxiliaries that put a whole group in the past (`had been due to expire`).
const STRONG_PAST: &[&str] = &["was", "were", "did", "had"];
/// Reporting verbs: their present tense says nothing about the reported time.
const REPORTING: &[&str] = &[
    "say",
    "says",
    "tell",
    "tells",
    "report",
    "reports",
    "claim",
    "claims",
    "note",
    "notes",
    "add",
    "adds",
    "according",
    "insist",
    "insists",
    "believe",
    "believes",
    "think",
    "thinks",
    "argue",
    "argues",
    "confirm",
    "confirms",
    "deny",
    "denies",
    "announce",
    "announces",
];

const IRREGULAR_PAST: &[&str] = &[
    "said",
    "told",
    "met",
    "began",
    "took",
    "made",
    "came",
    "went",
    "gave",
    "left",
    "held",
    "found",
    "brought",
    "sent",
    "spoke",
    "saw",
    "thought",
    "became",
    "fell",
    "rose",
    "won",
    "lost",
    "led",
    "paid",
    "sold",
    "bought",
    "kept",
    "knew",
    "got",
    "flew",
    "fled",
    "struck",
    "shot",
    "stood",
    "wrote",
    "ran",
    "drove",
    "broke",
    "chose",
    "built",
    "meant",
    "felt",
    "heard",
    "sought",
    "fought",
    "taught",
    "caught",
    "laid",
    "hung",
    "swore",
    "threw",
    "withdrew",
    "drew",
    "grew",
    "blew",
    "ate",
    "arose",
    "awoke",
    "bore",
    "bit",
    "bled",
    "bent",
    "bound",
    "clung",
    "crept",
    "dealt",
    "dug",
    "forbade",
    "forgot",
    "froze",
    "hid",
    "knelt",
    "leapt",
    "lent",
    "lit",
    "rang",
    "rode",
    "sang",
    "sank",
    "shook",
    "shone",
    "slid",
    "slept",
    "spent",
    "spun",
    "sprang",
    "stole",
    "stuck",
    "strode",
    "swam",
    "swept",
    "swung",
    "tore",
    "wept",
    "woke",
    "wore",
    "undertook",
    "underwent",
    "overtook",
    "overran",
    "oversaw",
    "withheld",
    "upheld",
    "foresaw",
    "mistook",
];

fn is_past_shape(v: &View, i: usize) -> bool {
    let w = v.low(i);
    if IRREGULAR_PAST.contains(&w) {
        return true;
    }
    w.len() > 4
        && w.ends_with("ed")
        // "unspecified", "unnamed": adjectives.
        && !w.starts_with("un")
        && !v.cap(i)
        && !matches!(
            w,
            "need"
                | "speed"
                | "seed"
                | "feed"
                | "breed"
                | "bleed"
                | "proceed"
                | "exceed"
                | "succeed"
                | "indeed"
                | "embed"
                | "bed"
                | "red"
                | "shed"
                | "hundred"
        )
        && !matches!(v.pos(i.wrapping_sub(1)), Some(Pos::Det) | Some(Pos::Adj))
}

fn verb_form(v: &View, i: usize) -> Option<VerbForm> {
    v.doc().tokens.get(i).and_then(|t| t.verb_form)
}

fn is_verbish(v: &View, i: usize) -> bool {
    let w = v.low(i);
    if w == "'s" || w.is_empty() {
        return false;
    }
    if MODALS_FUTURE.contains(&w) || PAST_AUX.contains(&w) || PRESENT_AUX.contains(&w) {
        return true;
    }
    // After a determiner, a number or a possessive a word is a noun ("the close", "their
    // offers", "840 million shares", "Friday's purchases").
    if i > 0 {
        let p = v.low(i - 1);
        let prev_nominal = matches!(
            v.pos(i - 1),
            Some(Pos::Det) | Some(Pos::Num) | Some(Pos::Adj)
        ) && p != "that";
        if prev_nominal || p == "'s" {
            return false;
        }
    }
    if v.cap(i) && !v.is_sent_start(i) {
        return false;
    }
    // An infinitive: "to announce", also when the lexicon does not know the verb.
    if i > 0
        && v.low(i - 1) == "to"
        && (verb_form(v, i).is_some()
            || (w.chars().all(|c| c.is_ascii_lowercase())
                && !matches!(v.pos(i), Some(Pos::Det) | Some(Pos::Num) | Some(Pos::Pron))))
    {
        return true;
    }
    match v.pos(i) {
        Some(Pos::Verb) | Some(Pos::Aux) | Some(Pos::Modal) => true,
        Some(Pos::Propn) | Some(Pos::Det) => false,
        Some(Pos::Noun) => is_past_shape(v, i),
        _ => verb_form(v, i).is_some() || is_past_shape(v, i),
    }
}

/// True when the expression is the end point of a span (`through January`, `extended to
/// Nov. 16`, `by May`): the tense of the clause does not tell on which side of the document
/// date it lies.
pub(crate) fn open_end(v: &View, start: usize) -> bool {
    start > 0
        && matches!(
            v.low(start - 1),
            "until" | "till" | "through" | "by" | "to" | "before"
        )
}

/// Tense of the verb group nearest to tokens `[start, end)` in the same sentence.
pub(crate) fn tense_near(v: &View, start: usize, end: usize) -> Tense {
    let t = tense_of_clause(v, start, end);
    if matches!(t, Tense::Past | Tense::Unknown | Tense::Present) && open_end(v, start) {
        return Tense::Open;
    }
    t
}

fn tense_of_clause(v: &View, start: usize, end: usize) -> Tense {
    let doc = v.doc();
    let sent = doc.sentence_of(start).and_then(|s| doc.sentences.get(s));
    let (s0, s1) = sent.map_or((0, v.len()), |s| (s.tokens.start, s.tokens.end));
    // A cue word right before the expression (skipping a preposition): "payable Dec. 1",
    // "scheduled for Tuesday", "since Monday".
    let mut k = start;
    for _ in 0..2 {
        if k <= s0 {
            break;
        }
        k -= 1;
        let w = v.low(k);
        if w == "since" {
            return Tense::Past;
        }
        if IMMEDIATE_FUTURE.contains(&w) {
            return Tense::Future;
        }
        if !matches!(v.pos(k), Some(Pos::Prep))
            && !matches!(w, "on" | "for" | "by" | "until" | "at" | "in")
        {
            break;
        }
    }
    // Left: the closest verb group before the expression.
    let mut k = start;
    let mut steps = 0;
    while k > s0 && steps < 14 {
        k -= 1;
        steps += 1;
        let w = v.low(k);
        if matches!(w, ";" | ":" | "--" | "—" | "\"" | "``" | "''") {
            break;
        }
        // "declared a dividend, payable Dec. 15 to holders of record Nov. 17".
        if matches!(w, "payable" | "effective") {
            return Tense::Future;
        }
        if is_verbish(v, k) {
            let t = group_tense(v, k, s0);
            if t != Tense::Unknown {
                return t;
            }
        }
    }
    // Right: the first verb group after it.
    let mut k = end;
    let mut steps = 0;
    while k < s1 && steps < 14 {
        let w = v.low(k);
        if matches!(w, ";" | ":" | "--" | "—") {
            break;
        }
        if is_verbish(v, k) {
            // Walk to the end of the group, then judge it as a whole.
            let mut e = k;
            while e + 1 < s1
                && e - k < 5
                && (is_verbish(v, e + 1)
                    || matches!(v.low(e + 1), "not" | "n't" | "to" | "be" | "been" | "also"))
            {
                e += 1;
            }
            let t = group_tense(v, e, k);
            if t != Tense::Unknown {
                return t;
            }
            k = e;
        }
        k += 1;
        steps += 1;
    }
    Tense::Unknown
}

/// Judge the verb group ending at token `last` (collected leftwards, not before `floor`).
fn group_tense(v: &View, last: usize, floor: usize) -> Tense {
    let mut toks = Vec::with_capacity(6);
    let mut k = last;
    loop {
        let w = v.low(k);
        let adverb = w.ends_with("ly") && w.len() > 3;
        if is_verbish(v, k)
            || matches!(
                w,
                "not"
                    | "n't"
                    | "never"
                    | "also"
                    | "still"
                    | "just"
                    | "to"
                    | "be"
                    | "been"
                    | "being"
                    | "already"
            )
            || (adverb && k != last)
            || FUTURE_CUES.contains(&w)
            || (TO_FUTURE.contains(&w) && toks.last().is_some_and(|&t| v.low(t) == "to"))
        {
            toks.push(k);
        } else if k != last {
            break;
        }
        if k == floor || toks.len() >= 6 || k == 0 {
            break;
        }
        k -= 1;
    }
    toks.reverse();
    judge(v, &toks)
}

/// Words before `to` that make the infinitive after it a future: `is to`, `expected to`.
const TO_FUTURE: &[&str] = &[
    "is",
    "are",
    "am",
    "be",
    "'re",
    "set",
    "expected",
    "scheduled",
    "due",
    "slated",
    "plan",
    "plans",
    "planned",
    "planning",
    "going",
    "agreed",
    "agree",
    "agrees",
    "decided",
    "hope",
    "hopes",
    "hoped",
    "want",
    "wants",
    "intend",
    "intends",
    "aim",
    "aims",
    "prepared",
    "poised",
    "likely",
    "unlikely",
    "ready",
    "about",
    "has",
    "have",
    "promised",
    "pledged",
    "vowed",
    "threatened",
    "seeks",
    "seeking",
    "expects",
    "expect",
    "needs",
    "need",
    "wanted",
    "sought",
];

/// Tense of a verb group given in text order.
fn judge(v: &View, toks: &[usize]) -> Tense {
    let Some(&main) = toks.last() else {
        return Tense::Unknown;
    };
    let words: Vec<&str> = toks.iter().map(|&k| v.low(k)).collect();
    if words.iter().any(|w| MODALS_FUTURE.contains(w)) {
        return Tense::Future;
    }
    let strong_past = words.iter().any(|w| STRONG_PAST.contains(w));
    // "to" + verb: a future after "is to", "expected to", "has agreed to"; otherwise the tense is
    // that of the verb before it ("continued to call" is past).
    if let Some(p) = words.iter().rposition(|w| *w == "to") {
        if p == 0 {
            // "guidelines to be published in early November": a passive infinitive looks ahead.
            return if words.get(1) == Some(&"be") {
                Tense::Future
            } else {
                Tense::Unknown
            };
        }
        // "announced plans to acquire": a past main verb (not an auxiliary: "had been set to")
        // before the cue word rules.
        if p >= 2
            && toks[..p - 1].iter().any(|&k| {
                let aux =
                    PAST_AUX.contains(&v.low(k)) || matches!(v.low(k), "been" | "be" | "being");
                !aux && (is_past_shape(v, k)
                    || matches!(
                        verb_form(v, k),
                        Some(VerbForm::Past | VerbForm::PastOrParticiple)
                    ))
            })
        {
            return judge(v, &toks[..p - 1]);
        }
        if TO_FUTURE.contains(&words[p - 1]) || words[..p].iter().any(|w| FUTURE_CUES.contains(w)) {
            // "had been set to expire Nov. 6": a future seen from the past, either side of today.
            return if strong_past {
                Tense::Open
            } else {
                Tense::Future
            };
        }
        return judge(v, &toks[..p]);
    }
    if words.len() > 1 && words.iter().any(|w| FUTURE_CUES.contains(w)) {
        return if strong_past {
            Tense::Open
        } else {
            Tense::Future
        };
    }
    if words.iter().any(|w| PAST_AUX.contains(w)) {
        return Tense::Past;
    }
    let main_w = v.low(main);
    let has_present_aux = words.iter().any(|w| PRESENT_AUX.contains(w));
    if REPORTING.contains(&main_w) {
        return if is_past_shape(v, main)
            || matches!(
                verb_form(v, main),
                Some(VerbForm::Past | VerbForm::PastOrParticiple)
            ) {
            Tense::Past
        } else {
            Tense::Unknown
        };
    }
    match verb_form(v, main) {
        Some(VerbForm::Past) => return Tense::Past,
        Some(VerbForm::PastOrParticiple) | Some(VerbForm::PastParticiple) => {
            return if has_present_aux {
                Tense::Present
            } else {
                Tense::Past
            };
        }
        Some(VerbForm::ThirdSing) => return Tense::Present,
        Some(VerbForm::Gerund) | Some(VerbForm::Base) => {
            return if has_present_aux {
                Tense::Present
            } else {
                Tense::Unknown
            };
        }
        None => {}
    }
    if is_past_shape(v, main) {
        return if has_present_aux {
            Tense::Present
        } else {
            Tense::Past
        };
    }
    if has_present_aux || PRESENT_AUX.contains(&main_w) {
        return Tense::Present;
    }
    Tense::Unknown
}
