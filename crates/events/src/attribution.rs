//! Attribution: who the text says a claim comes from.

use attache_doc::{Pos, TokenRange};

use crate::coder::{subject_of, Ctx};
use crate::record::Attribution;

const REPORT_VERBS: &[&str] = &[
    "say", "tell", "report", "announce", "state", "confirm", "claim", "add", "note", "write",
    "tweet", "quote", "allege", "insist", "estimate", "tally", "count",
];

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

/// The phrase from `from` to the next clause break, trimmed of a leading determiner.
fn np_until_break(cx: &Ctx, from: usize, end: usize) -> TokenRange {
    let mut e = from;
    while e < end && !matches!(cx.doc.low(e), "," | ";" | "." | ":" | "—" | ")") {
        if cx.doc.tokens[e].pos == Pos::Verb && e > from + 1 && cx.doc.low(e) != "spoke" {
            break;
        }
        e += 1;
    }
    TokenRange::new(from, e)
}

/// Normalised source name of a phrase: the actor or outlet named in it, else "unnamed" for
/// anonymous sources, else the phrase itself.
fn source_name(cx: &Ctx, r: TokenRange) -> String {
    let doc = cx.doc;
    let words: Vec<&str> = r.iter().map(|k| doc.low(k)).collect();
    if words
        .iter()
        .any(|w| matches!(*w, "unnamed" | "anonymous" | "unidentified"))
        || words
            .windows(2)
            .any(|w| w == ["a", "source"] || w == ["sources", "familiar"])
    {
        return "unnamed".into();
    }
    let names: Vec<String> = doc
        .actors
        .iter()
        .filter(|m| r.contains(m.tokens.start) && !m.modifier)
        .map(|m| m.name.clone())
        .collect();
    if !names.is_empty() {
        return names.join("; ");
    }
    let span = doc.token_span(r);
    doc.slice(span).trim_start_matches("the ").to_string()
}

/// Attributions that scope over a trigger in sentence `si`.
pub fn attributions(cx: &Ctx, si: usize, trigger: TokenRange) -> Vec<Attribution> {
    let doc = cx.doc;
    let s = doc.sentences[si].tokens;
    let mut out = Vec::new();
    let mut k = s.start;
    while k < s.end {
        let w = doc.low(k);
        // "according to X"
        if w == "according" && k + 1 < s.end && doc.low(k + 1) == "to" {
            let r = np_until_break(cx, k + 2, s.end);
            if !r.is_empty() {
                let name = source_name(cx, r);
                out.push(attr(cx, TokenRange::new(k, r.end), name));
            }
            k = r.end.max(k + 2);
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
        // "X said/reported/told": a reporting verb whose subject is the source, when the
        // trigger is not the reporting verb itself.
        if doc.tokens[k].pos == Pos::Verb && !trigger.contains(k) {
            if let Some((id, _)) = cx.lex.verb(w) {
                let l = cx.lex.lemma(id);
                if REPORT_VERBS.contains(&l) {
                    let subj = subject_of(cx, k);
                    if let Some(&m) = subj.first() {
                        let a = &doc.actors[m];
                        let r = TokenRange::new(a.tokens.start, k + 1);
                        out.push(attr(cx, r, a.name.clone()));
                    } else if k > s.start {
                        // "..., a source said" / "officials said": the phrase before the verb.
                        let mut b = k;
                        while b > s.start && !matches!(doc.low(b - 1), "," | ";" | "\"" | "”" | "“")
                        {
                            b -= 1;
                        }
                        if b < k && k - b <= 6 {
                            let r = TokenRange::new(b, k);
                            let name = source_name(cx, r);
                            out.push(attr(cx, TokenRange::new(b, k + 1), name));
                        }
                    }
                    // "told Reuters": the outlet as well.
                    if l == "tell" && k + 1 < s.end {
                        if let Some(ms) = doc.actors.iter().find(|m| m.tokens.start == k + 1) {
                            out.push(attr(cx, ms.tokens, ms.name.clone()));
                        }
                    }
                }
            }
        }
        k += 1;
    }
    out
}
