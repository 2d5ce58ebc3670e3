//! Counts: numbers about people tied to the event they measure.
//!
//! A number belongs to the event whose trigger is nearest to it in the same clause (or in a
//! clause nested in the event's: "the attack, which killed 1,200 people"); its kind comes first
//! from the verb that governs it ("killing two", "freed 369", "people were wounded"), then from
//! the noun it counts ("48,000 deaths"), and the event itself decides between readings (freed
//! hostages are `released`; soldiers are `troops` only when deployed). A number that quantifies
//! the event's own source ("two gunmen killed six") is not a count of it.

use attache_doc::Pos;

use crate::coder::{Candidate, Ctx};
use crate::cues::Cue;
use crate::record::Count;

fn verb_kind(lemma: &str) -> Option<&'static str> {
    Some(match lemma {
        "kill" | "die" | "massacre" | "execute" | "slaughter" | "claim" => "killed",
        "injure" | "wound" | "hurt" | "maim" => "injured",
        "free" | "release" | "swap" | "exchange" | "repatriate" | "return" | "hand" => "released",
        "detain" | "arrest" | "jail" | "imprison" | "hold" | "capture" | "round" => "detained",
        "displace" | "uproot" | "evacuate" | "flee" | "force" => "displaced",
        "abduct" | "kidnap" | "seize" | "take" => "hostage",
        "deploy" | "send" | "station" | "mobilize" | "mobilise" | "dispatch" | "mass" => "troops",
        _ => return None,
    })
}

fn word_kind(w: &str) -> Option<&'static str> {
    Some(match w {
        "dead" | "deaths" | "fatalities" | "killed" | "lives" | "bodies" => "killed",
        "injured" | "wounded" | "injuries" | "casualties" | "hurt" => "injured",
        "hostage" | "hostages" | "captives" | "abducted" | "kidnapped" => "hostage",
        "detained" | "arrested" | "detainees" | "prisoners" | "arrests" => "detained",
        "displaced" | "refugees" | "evacuees" | "fled" | "homeless" => "displaced",
        "missing" => "missing",
        "released" | "freed" => "released",
        "troops" | "soldiers" | "personnel" | "servicemen" | "marines" | "paratroopers" => "troops",
        _ => return None,
    })
}

/// The kind of a number at token range `n` in the sentence `sent`, for an event coded `code`.
fn kind_of(
    cx: &Ctx,
    n: attache_doc::TokenRange,
    sent: attache_doc::TokenRange,
    code: &str,
) -> Option<&'static str> {
    let doc = cx.doc;
    let lemma = |k: usize| cx.lex.verb(doc.low(k)).map(|(id, _)| cx.lex.lemma(id));
    // 1. A governing verb just before: "killing two people", "freed 369 prisoners".
    let mut k = n.start;
    let mut steps = 0;
    while k > sent.start && steps < 3 {
        k -= 1;
        steps += 1;
        let t = &doc.tokens[k];
        // A participle read as a noun or adjective counts ("the killing of"), a plural noun
        // that happens to be a verb form does not ("U.S. forces struck three sites").
        let verbal = t.pos == Pos::Verb
            || (matches!(t.pos, Pos::Noun | Pos::Adj)
                && !matches!(
                    t.verb_form,
                    Some(attache_doc::VerbForm::ThirdSing | attache_doc::VerbForm::Base) | None
                ));
        if verbal {
            if let Some(kind) = lemma(k).and_then(verb_kind) {
                return Some(adjust(kind, code));
            }
        }
        // "an estimated 500,000": a participle after a determiner only qualifies the number.
        if t.pos == Pos::Verb && k > sent.start && doc.tokens[k - 1].pos == Pos::Det {
            continue;
        }
        // The verb that governs the number is the nearest one.
        if t.pos == Pos::Verb || !matches!(t.pos, Pos::Adv | Pos::Det | Pos::Adj) {
            break;
        }
    }
    // 2. A participle or adjective after the counted noun: "30 people were wounded",
    //    "50 soldiers dead and 12 missing", "250 taken hostage".
    let mut k = n.end;
    let mut noun = None;
    while k < sent.end && k < n.end + 6 {
        let w = doc.low(k);
        if let Some(kind) = word_kind(w)
            .filter(|_| doc.tokens[k].pos != Pos::Noun || matches!(w, "dead" | "missing"))
        {
            return Some(adjust(kind, code));
        }
        if doc.tokens[k].pos == Pos::Verb {
            if let Some(kind) = lemma(k).and_then(verb_kind) {
                let kind = if kind == "hostage"
                    && !matches!(doc.low((k + 1).min(sent.end - 1)), "hostage" | "captive")
                    && w != "abducted"
                    && w != "kidnapped"
                {
                    "hostage"
                } else {
                    kind
                };
                return Some(adjust(kind, code));
            }
        }
        if noun.is_none() {
            noun = word_kind(w);
        }
        if matches!(w, "," | ";" | "and" | "in" | "at" | "on" | "from") {
            break;
        }
        k += 1;
    }
    // 3. The counted noun itself: "48,000 deaths", "12 hostages".
    noun.map(|kind| adjust(kind, code))
}

/// "two opinion polls", "seven speed boats", "140 of the 250 seats": a number whose noun is
/// neither a person (an actor mention, a word of counts or of groups) nor missing counts things.
fn counts_things(cx: &Ctx, n: attache_doc::TokenRange, sent: attache_doc::TokenRange) -> bool {
    let doc = cx.doc;
    let mut k = n.end;
    if k < sent.end && doc.low(k) == "of" {
        k += 1;
        while k < sent.end && matches!(doc.tokens[k].pos, Pos::Det | Pos::Num) {
            k += 1;
        }
    }
    let person = |h: usize| {
        let w = doc.low(h);
        cx.ends.contains_key(&(h + 1))
            || word_kind(w).is_some()
            || cx.cues.has(Cue::GroupNouns, w)
            || cx.cues.has(Cue::PersonNouns, w)
            || matches!(w, "person" | "others")
            || ["ists", "ians", "ees", "men"]
                .iter()
                .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
    };
    let stop = (k + 5).min(sent.end);
    let mut head = None;
    // A common noun of the phrase that names people ("refugees abroad", with "abroad" read as
    // a noun) makes it a head count; a name modifying things does not ("Kuwaiti speed boats").
    let mut people = false;
    // A time phrase ends the noun phrase ("30 Palestinians overnight").
    while k < stop && !cx.time_end.contains_key(&k) {
        match doc.tokens[k].pos {
            Pos::Noun | Pos::Propn => {
                head = Some(k);
                people |= doc.tokens[k].pos == Pos::Noun && person(k);
            }
            // An adjective modifies a noun to come, not one already seen ("people just hours").
            Pos::Adj if head.is_none() => {}
            _ => break,
        }
        k += 1;
    }
    head.is_some_and(|h| !people && !person(h))
}

/// The event decides between readings: people freed in a release are `released`; soldiers
/// counted in an attack are victims, in a deployment troops.
fn adjust(kind: &'static str, code: &str) -> &'static str {
    let release = code.starts_with("084") || code == "0353" || code.starts_with("0841");
    let violent = crate::coder::violent_code(code);
    match kind {
        "hostage" | "detained" | "troops" if release => "released",
        "troops" if violent => "killed",
        k => k,
    }
}

/// CAMEO 01: a public statement.
fn is_statement(code: &str) -> bool {
    code.starts_with("01")
}

pub fn counts_for(cx: &Ctx, c: &Candidate, all: &[Candidate], code: &str, out: &mut Vec<Count>) {
    let doc = cx.doc;
    // A statement measures nothing: "the IOM said" does not own the figure it reports.
    if is_statement(code) {
        return;
    }
    let sent = doc.sentences[c.sentence].tokens;
    let in_scope = |tok: usize, ev: &Candidate| {
        cx.clause_of.get(tok).is_some_and(|&k| {
            k == ev.clause
                || cx.within(k, ev.clause)
                // "the attack on X, which killed 1,200 people": a relative clause right after
                // an event noun measures that event.
                || (ev.kind == crate::TriggerKind::Noun
                    && doc.clauses[k].kind == attache_doc::ClauseKind::Relative
                    && doc.clauses[k].marker.is_some_and(|m| m > ev.trigger.start && m <= ev.trigger.end + 12))
                // "70 people were killed when a drone struck a hospital": the victims of the
                // main clause are counted by the event of its "when" clause.
                // "2,000 people fled after RSF attacks on villages": so do the victims of a
                // main clause with no event of its own, for an "after"/"since" clause.
                || {
                    let ec = &doc.clauses[ev.clause];
                    ec.kind == attache_doc::ClauseKind::Subordinate
                        && ec.parent == Some(k)
                        && ec.marker.is_some_and(|m| {
                            matches!(doc.low(m), "when" | "as")
                                || (matches!(doc.low(m), "after" | "since")
                                    && !all
                                        .iter()
                                        .any(|o| o.clause == k && !is_statement(&o.code)))
                        })
                }
        })
    };
    for n in &doc.numbers {
        if !sent.contains(n.tokens.start) || !in_scope(n.tokens.start, c) {
            continue;
        }
        // "Two gunmen killed six": the number of the source's own members.
        if c.source.iter().any(|&m| {
            let a = &doc.actors[m];
            a.tokens.start >= n.tokens.end && a.tokens.start <= n.tokens.end + 1
        }) {
            continue;
        }
        // "holds 2.7 billion dlrs", "$40 million", "a 5.3 pct stake": a measure counts nobody,
        // and neither does a fraction ("34.5"; "6.9 million" is a whole number of people).
        let measure = |k: usize| sent.contains(k) && cx.cues.has(Cue::MeasureUnits, doc.low(k));
        if (n.value < 1e3 && n.value.fract() != 0.0)
            || measure(n.tokens.end)
            || n.tokens.start.checked_sub(1).is_some_and(measure)
        {
            continue;
        }
        if counts_things(cx, n.tokens, sent) {
            continue;
        }
        // The number belongs to the nearest event trigger in scope.
        let dist = |ev: &Candidate| {
            if n.tokens.start >= ev.trigger.end {
                n.tokens.start - ev.trigger.end
            } else {
                ev.trigger.start - n.tokens.end + 2
            }
        };
        let mine = dist(c);
        let closer = all.iter().any(|o| {
            !std::ptr::eq(o, c)
                && o.sentence == c.sentence
                && !is_statement(&o.code)
                && in_scope(n.tokens.start, o)
                && dist(o) < mine
        });
        if closer {
            continue;
        }
        // "release 110 prisoners in exchange for three hostages": the other side's release.
        if (n.tokens.start.saturating_sub(4).max(sent.start)..n.tokens.start)
            .any(|k| matches!(doc.low(k), "exchange" | "return") && doc.low(k + 1) == "for")
        {
            continue;
        }
        // "free three hostages and five Thai nationals": a coordinated number shares the kind
        // of the count it is joined to.
        let joined = || {
            let k = n.tokens.start.checked_sub(1)?;
            if doc.low(k) != "and" {
                return None;
            }
            let prev = out.last()?;
            let near = doc.numbers.iter().any(|m| {
                doc.char_offset(m.span.start) == prev.start
                    && m.tokens.end < k
                    && k - m.tokens.end <= 4
            });
            near.then(|| prev.kind.clone())
        };
        let Some(kind) = kind_of(cx, n.tokens, sent, code)
            .map(str::to_string)
            .or_else(joined)
        else {
            continue;
        };
        let kind = kind.as_str();
        let violent = matches!(&code[..2], "18" | "19" | "20" | "15" | "17" | "14");
        if !violent && matches!(kind, "killed" | "injured" | "missing") {
            continue;
        }
        out.push(Count {
            kind: kind.to_string(),
            value: n.value,
            qualifier: n.qualifier.clone(),
            text: doc.slice(n.span).to_string(),
            start: doc.char_offset(n.span.start),
            end: doc.char_offset(n.span.end),
            attribution: None,
        });
    }
}
