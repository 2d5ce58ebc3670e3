//! Clause stage: splits each sentence into clauses so the coder attaches subjects and objects
//! within the right clause.
//!
//! Rules over the tagged tokens and the actor layer, no parser: relative clauses after a comma
//! (`Rubio, who spoke with Lavrov, is set to ...`) are nested in their main clause and point to
//! the actor they describe; subordinate clauses run from their marker to the next comma;
//! semicolons and `, and` + new subject start a new main clause; `and` + verb starts a coordinate
//! clause that shares the subject; reporting frames (`X said that ...`) mark reported content.

use attache_doc::{Clause, ClauseKind, Document, Pos, TokenRange};

/// Verbs that introduce reported speech.
pub const REPORTING: &[&str] = &[
    "say",
    "tell",
    "report",
    "announce",
    "state",
    "add",
    "confirm",
    "claim",
    "note",
    "insist",
    "believe",
    "warn",
    "write",
    "tweet",
    "quote",
    "declare",
    "stress",
    "acknowledge",
    "admit",
    "explain",
    "argue",
    "allege",
    "suggest",
    "indicate",
    "reveal",
    "disclose",
];

/// Fill `doc.clauses`: per sentence, one main clause covering it and nested clauses inside.
/// `lemma` maps a token to its lemma text (from the text stage's lexicon).
pub fn segment(doc: &mut Document, lemma: &dyn Fn(&Document, usize) -> Option<String>) {
    let mut clauses = Vec::new();
    for s in &doc.sentences {
        let r = s.tokens;
        let main = clauses.len();
        clauses.push(Clause {
            tokens: r,
            kind: ClauseKind::Main,
            parent: None,
            antecedent: None,
            marker: None,
        });
        let mut i = r.start;
        // Clauses found later nest in the latest coordinate, reported or `;` clause.
        let mut cur = main;
        while i < r.end {
            let low = doc.low(i);
            let pos = doc.tokens[i].pos;
            let prev_comma = i > r.start && doc.low(i - 1) == ",";
            // Relative clause: ", who/which ..." up to the comma before the main verb resumes.
            if pos == Pos::Wh
                && matches!(low, "who" | "which" | "whom" | "whose")
                && (prev_comma || i > r.start)
            {
                let end = relative_end(doc, i + 1, r.end);
                let ante = antecedent(doc, if prev_comma { i - 1 } else { i });
                clauses.push(Clause {
                    tokens: TokenRange::new(i, end),
                    kind: ClauseKind::Relative,
                    parent: Some(cur),
                    antecedent: ante,
                    marker: Some(i),
                });
                i = end;
                continue;
            }
            // Subordinate clause: marker .. next comma or end ("when" opens a time clause
            // after the main clause: "were injured when troops opened fire").
            let when = pos == Pos::Wh && low == "when" && i > r.start && !prev_comma;
            if (pos == Pos::Subord || when)
                && !matches!(low, "as" | "so" | "once")
                && i + 1 < r.end
                && !matches!(doc.tokens[i + 1].pos, Pos::Num | Pos::Punct)
            {
                let end = next_comma(doc, i + 1, r.end);
                // "after" + noun phrase without a verb is a prepositional phrase, not a clause.
                if (i + 1..end)
                    .any(|k| matches!(doc.tokens[k].pos, Pos::Verb | Pos::Aux | Pos::Modal))
                {
                    clauses.push(Clause {
                        tokens: TokenRange::new(i, end),
                        kind: ClauseKind::Subordinate,
                        parent: Some(cur),
                        antecedent: None,
                        marker: Some(i),
                    });
                    i = end;
                    continue;
                }
            }
            // Coordinated verb phrase: "and has expressed", "and will visit".
            if low == "and" || low == "but" {
                let nxt = (i + 1 < r.end).then(|| doc.tokens[i + 1].pos);
                if matches!(
                    nxt,
                    Some(Pos::Verb) | Some(Pos::Aux) | Some(Pos::Modal) | Some(Pos::Adv)
                ) && !prev_comma
                {
                    clauses.push(Clause {
                        tokens: TokenRange::new(i + 1, r.end),
                        kind: ClauseKind::Coordinate,
                        parent: Some(cur),
                        antecedent: None,
                        marker: Some(i),
                    });
                    cur = clauses.len() - 1;
                    i += 1;
                    continue;
                }
            }
            // Reporting verb + "that": the rest is reported content.
            if pos == Pos::Verb && lemma(doc, i).is_some_and(|l| REPORTING.contains(&l.as_str())) {
                let mut j = i + 1;
                if j < r.end && doc.low(j) == "that" {
                    j += 1;
                } else if j < r.end && doc.tokens[j].pos == Pos::Wh {
                    j += 0;
                }
                if j < r.end && !matches!(doc.tokens[j].pos, Pos::Punct | Pos::Prep) {
                    clauses.push(Clause {
                        tokens: TokenRange::new(j, r.end),
                        kind: ClauseKind::Reported,
                        parent: Some(cur),
                        antecedent: None,
                        marker: Some(i),
                    });
                    cur = clauses.len() - 1;
                    i = j;
                    continue;
                }
            }
            // ";" starts a new clause at the same level.
            if low == ";" && i + 1 < r.end {
                clauses.push(Clause {
                    tokens: TokenRange::new(i + 1, r.end),
                    kind: ClauseKind::Main,
                    parent: Some(cur),
                    antecedent: None,
                    marker: Some(i),
                });
                cur = clauses.len() - 1;
                i += 1;
                continue;
            }
            i += 1;
        }
    }
    doc.clauses = clauses;
}

/// The next clause-ending punctuation, skipping commas inside or right after a date
/// ("since the October 7, 2023, attack").
fn next_comma(doc: &Document, from: usize, end: usize) -> usize {
    let in_date = |k: usize| {
        doc.times.iter().any(|t| {
            t.tokens.contains(k)
                || (t.tokens.end == k
                    && k > 0
                    && doc.low(k - 1).len() == 4
                    && doc.low(k - 1).chars().all(|c| c.is_ascii_digit()))
        })
    };
    (from..end)
        .find(|&k| matches!(doc.low(k), "," | ";" | "—" | "--") && !in_date(k))
        .unwrap_or(end)
}

/// A relative clause ends at a comma followed by a verb, auxiliary or modal (the main clause
/// resuming), or at the sentence end.
fn relative_end(doc: &Document, from: usize, end: usize) -> usize {
    let mut k = from;
    while k < end {
        if doc.low(k) == "," {
            let n = k + 1;
            let mut m = n;
            while m < end && doc.tokens[m].pos == Pos::Adv {
                m += 1;
            }
            if m < end && matches!(doc.tokens[m].pos, Pos::Verb | Pos::Aux | Pos::Modal) {
                return k + 1;
            }
            // A second comma that is not followed by a verb: the relative clause ends there too
            // when a subordinate marker or a new subject follows.
            if m < end && matches!(doc.tokens[m].pos, Pos::Subord | Pos::Conj) {
                return k;
            }
        }
        if doc.low(k) == ";" {
            return k;
        }
        k += 1;
    }
    end
}

/// The actor whose mention ends right before `at` (the comma or the relative pronoun).
fn antecedent(doc: &Document, at: usize) -> Option<usize> {
    doc.actors
        .iter()
        .rposition(|m| m.tokens.end == at && !m.modifier)
        .or_else(|| {
            // Allow an apposition or title between: the nearest actor ending within 3 tokens.
            doc.actors
                .iter()
                .rposition(|m| m.tokens.end <= at && at - m.tokens.end <= 3 && !m.modifier)
        })
}

/// Innermost clause index for every token.
pub fn clause_of_tokens(doc: &Document) -> Vec<usize> {
    let mut out = vec![usize::MAX; doc.tokens.len()];
    for (ci, c) in doc.clauses.iter().enumerate() {
        for t in c.tokens.iter() {
            if t < out.len() {
                out[t] = ci;
            }
        }
    }
    out
}
