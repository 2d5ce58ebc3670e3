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
}

const MODALS_FUTURE: &[&str] = &["will", "'ll", "shall", "would", "'d", "wo", "can", "could", "may", "might", "must", "should", "ought", "cannot"];
const PAST_AUX: &[&str] = &["was", "were", "did", "had", "has", "have", "'ve", "having"];
const PRESENT_AUX: &[&str] = &["is", "are", "am", "does", "do", "'re", "'m"];
/// Participles and adjectives that look forward: `scheduled to`, `due on`, `payable Dec. 1`.
const FUTURE_CUES: &[&str] = &[
    "scheduled", "expected", "slated", "due", "set", "planned", "planning", "plans", "plan", "poised",
    "payable", "effective", "upcoming", "starting", "beginning", "expires", "expire", "intends",
    "intend", "aims", "hopes", "hope", "going", "likely", "unlikely", "prepared", "ready",
];

const IRREGULAR_PAST: &[&str] = &[
    "said", "told", "met", "began", "took", "made", "came", "went", "gave", "left", "held", "found",
    "brought", "sent", "spoke", "saw", "thought", "became", "fell", "rose", "won", "lost", "led",
    "paid", "sold", "bought", "kept", "knew", "got", "flew", "fled", "struck", "shot", "stood",
    "wrote", "ran", "drove", "broke", "chose", "built", "meant", "felt", "heard", "sought",
    "fought", "taught", "caught", "laid", "hung", "swore", "threw", "withdrew", "drew", "grew",
    "blew", "ate", "arose", "awoke", "bore", "bit", "bled", "bent", "bound", "clung", "crept",
    "dealt", "dug", "forbade", "forgot", "froze", "hid", "knelt", "leapt", "lent", "lit", "rang",
    "rode", "sang", "sank", "shook", "shone", "slid", "slept", "spent", "spun", "sprang", "stole",
    "stuck", "strode", "swam", "swept", "swung", "tore", "wept", "woke", "wore", "undertook",
    "underwent", "overtook", "overran", "oversaw", "withheld", "upheld", "foresaw", "mistook",
];

fn is_past_shape(v: &View, i: usize) -> bool {
    let w = v.low(i);
    if IRREGULAR_PAST.contains(&w) {
        return true;
    }
    w.len() > 4
        && w.ends_with("ed")
        && !v.cap(i)
        && !matches!(w, "need" | "speed" | "seed" | "feed" | "breed" | "bleed" | "proceed" | "exceed" | "succeed" | "indeed" | "embed" | "bed" | "red" | "shed" | "hundred")
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
    if matches!(v.pos(i), Some(Pos::Verb) | Some(Pos::Aux) | Some(Pos::Modal)) {
        return true;
    }
    if v.pos(i) == Some(Pos::Propn) || v.pos(i) == Some(Pos::Det) {
        return false;
    }
    verb_form(v, i).is_some() || is_past_shape(v, i)
}

/// Tense of the verb group nearest to tokens `[start, end)` in the same sentence.
pub(crate) fn tense_near(v: &View, start: usize, end: usize) -> Tense {
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
        if FUTURE_CUES.contains(&w) {
            return Tense::Future;
        }
        if !matches!(v.pos(k), Some(Pos::Prep)) && !matches!(w, "on" | "for" | "by" | "until" | "at" | "in") {
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
            while e + 1 < s1 && e - k < 5 && (is_verbish(v, e + 1) || matches!(v.low(e + 1), "not" | "n't" | "to" | "be" | "been" | "also")) {
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
        if is_verbish(v, k) || matches!(w, "not" | "n't" | "never" | "also" | "still" | "just" | "to" | "be" | "been" | "being" | "already") || (adverb && k != last) || FUTURE_CUES.contains(&w) {
            toks.push(k);
        } else if k != last {
            break;
        }
        if k == floor || toks.len() >= 6 || k == 0 {
            break;
        }
        k -= 1;
    }
    if toks.is_empty() {
        return Tense::Unknown;
    }
    let words: Vec<&str> = toks.iter().map(|&k| v.low(k)).collect();
    if words.iter().any(|w| MODALS_FUTURE.contains(w)) {
        return Tense::Future;
    }
    // "to" + verb: "expected to meet", "is to resume", "plans to visit".
    if let Some(p) = words.iter().position(|w| *w == "to") {
        if p > 0 && !words.get(p + 1).is_some_and(|w| *w == "used") {
            return Tense::Future;
        }
    }
    if words.iter().any(|w| FUTURE_CUES.contains(w) && *w != "beginning" && *w != "starting") && words.len() > 1 {
        return Tense::Future;
    }
    if words.iter().any(|w| PAST_AUX.contains(w)) {
        return Tense::Past;
    }
    let main = toks[0];
    let main_w = v.low(main);
    let has_present_aux = words.iter().any(|w| PRESENT_AUX.contains(w));
    match verb_form(v, main) {
        Some(VerbForm::Past) => return Tense::Past,
        Some(VerbForm::PastOrParticiple) | Some(VerbForm::PastParticiple) => {
            return if has_present_aux { Tense::Present } else { Tense::Past };
        }
        Some(VerbForm::ThirdSing) => return Tense::Present,
        Some(VerbForm::Gerund) => {
            return if has_present_aux { Tense::Present } else { Tense::Unknown };
        }
        Some(VerbForm::Base) => {
            return if has_present_aux || words.len() == 1 { Tense::Present } else { Tense::Unknown };
        }
        None => {}
    }
    if is_past_shape(v, main) {
        return if has_present_aux { Tense::Present } else { Tense::Past };
    }
    if has_present_aux || PRESENT_AUX.contains(&main_w) {
        return Tense::Present;
    }
    Tense::Unknown
}
