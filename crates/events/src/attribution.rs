//! Attribution: who the text says a claim comes from.
//!
//! Forms: "according to X", "X, citing Y, reported", "X said/told/reported ..." (scoping over
//! the reported clause after the verb), sentence-final ", X said." (scoping over what precedes
//! it, unless a coordinated clause intervenes), "X told Reuters" (both), denials and warnings
//! ("X denied attacking": the denial is X's), and an agency dateline ("KYIV, Feb 17 (Reuters) -")
//! for the first sentence of the story. The `source` is the source phrase as the text names it,
//! without its determiner, or `unnamed` for anonymous sources.

use attache_doc::{ActorKind, Pos, TokenRange};

use crate::coder::{subject_of, Ctx};
use crate::cues::Cue;
use crate::record::Attribution;

fn attr(cx: &Ctx, r: TokenRange, source: String) -> Attribution {
    let doc = cx.doc;
    let span = doc.token_span(r);
    Attribution {
        text: doc.slice(span).to_string(),
        source,
        start: doc.char_offset(span.start),
        end: doc.char_offset(span.end),
    }
}

/// The phrase from `from` to the next clause break.
fn np_until_break(cx: &Ctx, from: usize, end: usize) -> TokenRange {
    let mut e = from;
    while e < end && !matches!(cx.doc.low(e), "," | ";" | "." | ":" | "—" | ")" | "(") {
        if matches!(
            cx.doc.tokens[e].pos,
            Pos::Verb | Pos::Aux | Pos::Modal | Pos::Wh
        ) && e > from + 1
        {
            break;
        }
        e += 1;
    }
    TokenRange::new(from, e)
}

/// Normalised source of a phrase: `unnamed` for anonymous sources; a known person's canonical
/// name when the phrase names one; otherwise the phrase as written, without its determiner.
fn source_name(cx: &Ctx, r: TokenRange) -> String {
    let doc = cx.doc;
    // Anonymity is often said in a relative clause after the phrase ("an official who asked
    // not to be named"): look on to the next break.
    let sent_end = doc
        .sentence_of(r.start)
        .map_or(r.end, |si| doc.sentences[si].tokens.end);
    let mut look = r.end;
    while look < sent_end && look < r.end + 10 && !matches!(doc.low(look), "," | ";" | "." | "and")
    {
        look += 1;
    }
    let words: Vec<&str> = (r.start..look).map(|k| doc.low(k)).collect();
    let has = |w: &str| words.contains(&w);
    let anonymous = words.iter().any(|w| cx.cues.has(Cue::Anonymous, w))
        || words.windows(2).any(|w| {
            matches!(
                w,
                ["a", "source"]
                    | ["sources", "familiar"]
                    | ["people", "familiar"]
                    | ["person", "familiar"]
                    | ["briefed", "on"]
                    | ["not", "authorized"]
                    | ["be", "named"]
                    | ["be", "identified"]
            )
        })
        || ((has("sources") || has("source"))
            && !doc
                .actors
                .iter()
                .any(|m| r.contains(m.tokens.start) && m.country.is_some()));
    if anonymous {
        return "unnamed".into();
    }
    let mut s = r.start;
    while s < r.end && matches!(doc.tokens[s].pos, Pos::Det) {
        s += 1;
    }
    // "it said", "he told": the pronoun's antecedent is the source.
    if let Some(a) = doc.actors.iter().find(|a| {
        a.kind == attache_doc::ActorKind::Reference
            && a.tokens == TokenRange::new(s, r.end)
            && doc.tokens[s].pos == Pos::Pron
            && !a.name.is_empty()
            && !a.name.eq_ignore_ascii_case(doc.low(s))
    }) {
        return a.name.clone();
    }
    doc.slice(doc.token_span(TokenRange::new(s, r.end)))
        .to_string()
}

/// Does a coordinated clause ("..., and X said ...") separate `from` and `to`?
fn coordination_between(cx: &Ctx, from: usize, to: usize) -> bool {
    (from..to).any(|k| {
        matches!(cx.doc.low(k), ";")
            || (matches!(cx.doc.low(k), "and" | "but") && k > 0 && cx.doc.low(k - 1) == ",")
    })
}

/// Attributions that scope over a trigger in sentence `si`.
pub fn attributions(cx: &Ctx, si: usize, trigger: TokenRange) -> Vec<Attribution> {
    let doc = cx.doc;
    let s = doc.sentences[si].tokens;
    let mut out = Vec::new();
    let mut k = s.start;
    while k < s.end {
        let w = doc.low(k);
        // "according to X", "according to X and a source who spoke to Reuters"
        if w == "according" && k + 1 < s.end && doc.low(k + 1) == "to" {
            let mut e = k + 2;
            while e < s.end && !matches!(doc.low(e), "," | ";" | "." | ":" | "—" | "(") {
                e += 1;
            }
            if e > k + 2 && !coordination_between(cx, trigger.end.min(k), trigger.start.max(k)) {
                let mut part = k + 2;
                for p in k + 2..=e {
                    if p == e || doc.low(p) == "and" {
                        let r = TokenRange::new(part, p);
                        if !r.is_empty() {
                            let head = np_until_break(cx, part, p);
                            let name = source_name(cx, if head.is_empty() { r } else { head });
                            out.push(attr(
                                cx,
                                TokenRange::new(if part == k + 2 { k } else { part }, p),
                                name,
                            ));
                            // "a source who spoke to Reuters", "a draft seen by Reuters"
                            for q in part..p {
                                if matches!(doc.low(q), "to" | "by")
                                    && q > part
                                    && matches!(
                                        doc.low(q - 1),
                                        "spoke"
                                            | "speaking"
                                            | "talked"
                                            | "seen"
                                            | "obtained"
                                            | "reviewed"
                                    )
                                {
                                    if let Some(m) = doc.actors.iter().find(|m| {
                                        m.tokens.start == q + 1 && m.kind == ActorKind::Organization
                                    }) {
                                        out.push(attr(cx, m.tokens, doc.slice(m.span).to_string()));
                                    }
                                }
                            }
                        }
                        part = p + 1;
                    }
                }
            }
            k = e.max(k + 2);
            continue;
        }
        // "citing X"
        if matches!(w, "citing" | "quoting") {
            let r = np_until_break(cx, k + 1, s.end);
            if !r.is_empty() {
                let name = source_name(cx, r);
                out.push(attr(cx, TokenRange::new(k, r.end), name));
            }
            k = r.end.max(k + 1);
            continue;
        }
        if doc.tokens[k].pos == Pos::Verb && !trigger.contains(k) {
            if let Some(l) = cx.lex.verb(w).map(|(id, _)| cx.lex.lemma(id)) {
                if cx.cues.has(Cue::ReportVerbs, l) {
                    reporting_verb(cx, s, k, l, trigger, &mut out);
                }
            }
        }
        k += 1;
    }
    // An agency dateline credits the first sentence of the story.
    if si > 0
        && doc.sentences[si - 1].headline
        && (si == 1 || !doc.sentences[..si - 1].iter().any(|x| !x.headline))
    {
        let d = doc.sentences[si - 1].tokens;
        let toks: Vec<usize> = d.iter().collect();
        if let Some(open) = toks.iter().position(|&t| doc.low(t) == "(") {
            if let Some(close) = toks.iter().position(|&t| doc.low(t) == ")") {
                if close > open + 1 && close <= open + 4 {
                    let r = TokenRange::new(toks[open] + 1, toks[close]);
                    let name = doc.slice(doc.token_span(r)).to_string();
                    out.push(attr(cx, r, name));
                }
            }
        }
    }
    out
}

fn reporting_verb(
    cx: &Ctx,
    s: TokenRange,
    k: usize,
    lemma: &str,
    trigger: TokenRange,
    out: &mut Vec<Attribution>,
) {
    let doc = cx.doc;
    // ", a toll confirmed by the health ministry": a passive report names its source after "by".
    if k + 1 < s.end && doc.low(k + 1) == "by" && trigger.start < k {
        let from = k + 2;
        let to = (from..s.end)
            .find(|&t| matches!(doc.low(t), "," | ";" | "." | "\"" | "”"))
            .unwrap_or(s.end);
        if to > from && to - from <= 8 {
            let r = TokenRange::new(from, to);
            let name = source_name(cx, r);
            out.push(attr(cx, TokenRange::new(k, to), name));
        }
        return;
    }
    // Sentence-final ", X said." : the source phrase runs from the last comma to the verb.
    // Final style: nothing reported follows the verb (a comma, the end, or a time or place
    // phrase: "..., X said on Monday.", "..., X said after a briefing").
    let after_verb_ends = match doc.tokens.get(k + 1) {
        None => true,
        Some(t) => k + 1 >= s.end || matches!(t.pos, Pos::Punct | Pos::Prep | Pos::Subord | Pos::Adv) || matches!(doc.low(k + 1), "on" | "in" | "late" | "earlier" | "yesterday" | "today" | "tonight" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"),
    } && !matches!(doc.low(k + 1), "that" | "to")
        // "..., a U.S. official told Reuters."
        || (lemma == "tell"
            && doc.actors.iter().any(|m| m.tokens.start == k + 1 && m.kind == ActorKind::Organization && (m.tokens.end >= s.end || doc.tokens[m.tokens.end].pos == Pos::Punct)));
    let comma = (s.start..k)
        .rev()
        .find(|&t| matches!(doc.low(t), "," | ";" | "—" | "\"" | "”"));
    if let (true, Some(c)) = (after_verb_ends, comma) {
        // ", though no dates have been confirmed": a subordinate clause, not a source.
        let opens_clause =
            c + 1 < k && matches!(doc.tokens[c + 1].pos, Pos::Subord | Pos::Conj | Pos::Wh);
        if k - c <= 9 && trigger.start < c && !opens_clause {
            if (c + 1 < k && doc.low(c + 1) == "and") || (trigger.end..c).any(|t| doc.low(t) == ";")
            {
                return;
            }
            // It speaks for the whole statement before it: other reporting frames inside
            // give way to it ("X denied that ..., a spokesman said").
            out.retain(|a| a.text.starts_with("according") || a.text.starts_with("citing"));
            let r = TokenRange::new(c + 1, k);
            if !r.is_empty() {
                let name = source_name(cx, r);
                out.push(attr(cx, TokenRange::new(c + 1, k + 1), name));
            }
            told_outlet(cx, s, k, lemma, out);
            return;
        }
    }
    // "X said (that) ...": scopes over what follows the verb, in its clause.
    if trigger.start <= k {
        // A denial or warning scopes over its own complement too ("denied attacking"); other
        // verbs before the event need the event to be in what they report.
        return;
    }
    if coordination_between(cx, k, trigger.start) {
        return;
    }
    // "threatened to resume attacks", "vowed to retaliate": the speaker's own intention is
    // coded as the speaker's event, not as something the speaker reports.
    if k + 1 < s.end && doc.low(k + 1) == "to" {
        return;
    }
    let subj = subject_of(cx, k);
    if let Some(&m) = subj.first() {
        let a = &doc.actors[m];
        let r = TokenRange::new(
            a.tokens.start,
            if a.possessive {
                a.tokens.end - 1
            } else {
                a.tokens.end
            },
        );
        let name = source_name(cx, r);
        out.push(attr(cx, TokenRange::new(a.tokens.start, k + 1), name));
    } else {
        // "Officials said ...": the phrase before the verb, back to a clause break.
        let mut b = k;
        while b > s.start && !matches!(doc.low(b - 1), "," | ";" | "\"" | "”" | "“") && k - b < 6
        {
            b -= 1;
        }
        if b < k {
            let r = TokenRange::new(b, k);
            let name = source_name(cx, r);
            out.push(attr(cx, TokenRange::new(b, k + 1), name));
        }
    }
    told_outlet(cx, s, k, lemma, out);
}

/// "told Reuters": an outlet told is a source as well (not "told reporters").
fn told_outlet(cx: &Ctx, s: TokenRange, k: usize, lemma: &str, out: &mut Vec<Attribution>) {
    if lemma == "tell" && k + 1 < s.end {
        if let Some(m) = cx
            .doc
            .actors
            .iter()
            .find(|m| m.tokens.start == k + 1 && m.kind == ActorKind::Organization)
        {
            out.push(attr(cx, m.tokens, cx.doc.slice(m.span).to_string()));
        }
    }
}
