//! Sentence splitting over tokens: abbreviations, initials, quotes, datelines, bullets, headlines.

use crate::tokenize::{is_title_abbrev, may_end_sentence};
use attache_doc::{Sentence, Span, Token, TokenRange};

/// Words that commonly start a sentence after an initialism such as "U.S." ends one.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "in",
    "on",
    "but",
    "and",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "its",
    "after",
    "meanwhile",
    "however",
    "as",
    "at",
    "for",
    "if",
    "when",
    "while",
    "some",
    "many",
];

fn newlines_between(text: &str, a: usize, b: usize) -> usize {
    // Bytes, not `str`: the bounds are token edges, so no char-boundary checks are needed, and
    // the gap is almost always one space.
    match text.as_bytes().get(a..b) {
        Some([]) | None => 0,
        Some([c]) => usize::from(*c == b'\n'),
        Some(s) => s.iter().filter(|&&c| c == b'\n').count(),
    }
}

/// Split `tokens` of `text` into sentences.
pub fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let n = tokens.len();
    let mut start = 0;
    let tok = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    let mut i = 0;
    // Start of the line holding the current token, found by scanning forward once rather than
    // searching back from every line end.
    let mut line_start = 0;
    let mut scanned = 0;
    while i < n {
        let t = tok(i);
        let mut end_here = false;
        let mut headline = false;
        let next_gap_newlines = if i + 1 < n {
            newlines_between(text, tokens[i].span.end, tokens[i + 1].span.start)
        } else {
            0
        };
        if next_gap_newlines >= 2 {
            // A paragraph break always ends a sentence.
            end_here = true;
            headline = !is_terminal(t) && !is_closing(t);
        } else if is_terminal(t) {
            // Closing quotes/brackets glued to the terminal mark belong to this sentence.
            let mut k = i;
            while k + 1 < n && is_closing(tok(k + 1)) && !tokens[k + 1].space_before {
                k += 1;
            }
            end_here = next_starts_sentence(text, tokens, k + 1);
            if end_here {
                i = k;
            }
        } else if t.ends_with('.')
            && t.len() > 1
            && t.chars().next().is_some_and(char::is_alphabetic)
        {
            // An abbreviation token carrying its dot may end a sentence ("... with the U.S. The").
            let lower = t.to_ascii_lowercase();
            let bare = lower.trim_end_matches('.');
            // A new indented line after it opens a paragraph ("... 17.5 pct.\n    Australian"),
            // whatever the abbreviation (not a title: "Gen.\n    Smith").
            let paragraph = i + 1 < n && next_gap_newlines == 1 && !is_title_abbrev(bare) && {
                let gap = &text[tokens[i].span.end..tokens[i + 1].span.start];
                gap.rsplit('\n')
                    .next()
                    .is_some_and(|after| !after.is_empty())
                    && tok(i + 1).chars().next().is_some_and(char::is_uppercase)
            };
            if i + 1 >= n || paragraph {
                end_here = true;
            } else if may_end_sentence(&lower) && !is_title_abbrev(bare) {
                let next_orig = tok(i + 1);
                let next = next_orig.to_ascii_lowercase();
                let capital = next_orig.chars().next().is_some_and(char::is_uppercase);
                end_here = (capital && SENTENCE_STARTERS.contains(&next.as_str()))
                    || next_gap_newlines >= 1;
            }
        } else if next_gap_newlines == 1 && i + 1 < n {
            // A line break after a line without final punctuation ends a headline, a bullet, a
            // dateline or a list item; in hard-wrapped text (long lines) it is just a wrap,
            // unless the next line is indented (a new paragraph) or starts with a bullet.
            let next = tok(i + 1);
            let gap = &text[tokens[i].span.end..tokens[i + 1].span.start];
            let indented = gap
                .rsplit('\n')
                .next()
                .is_some_and(|after| !after.is_empty());
            let bullet = matches!(next, "-" | "*" | "•" | "–" | "—");
            let end = tokens[i].span.end;
            if let Some(p) = text
                .as_bytes()
                .get(scanned..end)
                .and_then(|b| b.iter().rposition(|&c| c == b'\n'))
            {
                line_start = scanned + p + 1;
            }
            scanned = scanned.max(end);
            let short = text[line_start..tokens[i].span.end].chars().count() < 50;
            let continues = next.chars().next().is_some_and(char::is_lowercase) || t.ends_with(',');
            if indented || bullet || (short && !continues) {
                end_here = true;
                headline = !is_closing(t) && !t.ends_with(',') && !is_terminal(t);
            }
        }
        if i + 1 >= n {
            end_here = true;
        }
        if end_here {
            push(&mut out, tokens, start, i + 1, headline);
            start = i + 1;
        } else if is_dateline_end(text, tokens, start, i) {
            // "KYIV, Feb 17 (Reuters) -": the dateline is its own segment.
            push(&mut out, tokens, start, i + 1, true);
            start = i + 1;
        }
        i += 1;
    }
    out
}

fn push(out: &mut Vec<Sentence>, tokens: &[Token], a: usize, b: usize, headline: bool) {
    if a >= b {
        return;
    }
    out.push(Sentence {
        span: Span::new(tokens[a].span.start, tokens[b - 1].span.end),
        tokens: TokenRange::new(a, b),
        headline,
    });
}

fn is_terminal(t: &str) -> bool {
    // One look at the first byte decides most tokens.
    match t.as_bytes().first() {
        Some(b'.') => t.len() < 3 && t.bytes().all(|c| c == b'.'),
        Some(b'!' | b'?') => true,
        _ => false,
    }
}

fn is_closing(t: &str) -> bool {
    matches!(t, "\"" | "”" | "’" | "'" | ")" | "]" | "»")
}

fn next_starts_sentence(text: &str, tokens: &[Token], j: usize) -> bool {
    let Some(next) = tokens.get(j) else {
        return true;
    };
    let mut k = j;
    // Look past opening quotes/brackets.
    while let Some(t) = tokens.get(k) {
        let s = &text[t.span.start..t.span.end];
        if matches!(s, "\"" | "“" | "'" | "‘" | "(" | "[" | "”" | "’") {
            k += 1;
        } else {
            break;
        }
    }
    let Some(t) = tokens.get(k) else {
        return true;
    };
    let s = &text[t.span.start..t.span.end];
    let c = s.chars().next().unwrap_or(' ');
    // "3.5" never reaches here (one token); a lower-case word after a dot is an abbreviation
    // we did not know, so keep going.
    next.space_before && (c.is_uppercase() || c.is_ascii_digit() || !c.is_alphanumeric())
}

/// A dateline is an all-capitals place at the very start of a paragraph, a comma, a short date
/// and/or `(Agency)`, then a dash: `KYIV, Feb 17 (Reuters) -`. True when token `i` is that dash.
fn is_dateline_end(text: &str, tokens: &[Token], start: usize, i: usize) -> bool {
    // The position test is cheaper than the string test, so it goes first.
    if i < start + 2 || i - start > 12 {
        return false;
    }
    let t = &text[tokens[i].span.start..tokens[i].span.end];
    if !matches!(t, "-" | "--" | "—" | "–") {
        return false;
    }
    let first = &text[tokens[start].span.start..tokens[start].span.end];
    let all_caps = first.len() >= 3
        && first
            .chars()
            .all(|c| c.is_uppercase() || c == '-' || c == '.');
    if !all_caps {
        return false;
    }
    (start..i).any(|k| &text[tokens[k].span.start..tokens[k].span.end] == ",")
        || (start..i).any(|k| &text[tokens[k].span.start..tokens[k].span.end] == "(")
}
