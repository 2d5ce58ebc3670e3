//! Tokenizer: words, numbers, abbreviations and punctuation with exact byte spans.

use attache_doc::{Span, Token};

/// Abbreviations that keep their final dot (lower-case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm",
    "cmdr", "sen", "rep", "gov", "pres", "amb", "rev", "hon", "st", "ste", "mt", "ft", "no", "nos",
    "vs", "v", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur",
    "thurs", "fri", "sat", "sun", "approx", "dept", "est", "fig", "govt", "min", "mln", "bln",
    "bn", "pct", "ave", "blvd", "rd", "op", "ed", "vol", "al",
];

/// Abbreviations that may end a sentence (country and organisation initials).
pub(crate) fn may_end_sentence(abbrev_lower: &str) -> bool {
    // Initialisms like u.s., u.n., e.u. and generic ones like etc., inc., ltd., co.
    let letters = abbrev_lower.trim_end_matches('.');
    letters.contains('.') || matches!(letters, "etc" | "inc" | "ltd" | "co" | "corp" | "jr" | "sr")
}

pub(crate) fn is_title_abbrev(lower_no_dot: &str) -> bool {
    matches!(
        lower_no_dot,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "gen"
            | "lt"
            | "col"
            | "maj"
            | "capt"
            | "cpt"
            | "sgt"
            | "cpl"
            | "adm"
            | "cmdr"
            | "sen"
            | "rep"
            | "gov"
            | "pres"
            | "amb"
            | "rev"
            | "hon"
            | "st"
            | "mt"
            | "ft"
            | "no"
            | "nos"
            | "vs"
            | "v"
            | "gen."
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’' || c == '‘' || c == 'ʼ'
}

/// Split `text` into tokens. Every token's span slices back to exactly the characters it covers;
/// whitespace is never part of a token.
pub fn tokenize(text: &str) -> Vec<Token> {
    if text.is_ascii() {
        run(text, &Ascii(text.as_bytes()))
    } else {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        run(text, &Decoded(&chars))
    }
}

/// The characters of a text with their byte offsets.
trait Chars {
    fn len(&self) -> usize;
    /// Byte offset and character `k` (`k < len`).
    fn at(&self, k: usize) -> (usize, char);
    fn get(&self, k: usize) -> Option<(usize, char)> {
        (k < self.len()).then(|| self.at(k))
    }
    /// The first index from `k` whose character is not a word character (or `len`).
    fn skip_word(&self, mut k: usize) -> usize {
        while k < self.len() && is_word_char(self.at(k).1) {
            k += 1;
        }
        k
    }
}

/// ASCII text: character `k` is byte `k`.
struct Ascii<'a>(&'a [u8]);

impl Chars for Ascii<'_> {
    #[inline]
    fn len(&self) -> usize {
        self.0.len()
    }
    #[inline]
    fn at(&self, k: usize) -> (usize, char) {
        (k, char::from(self.0[k]))
    }
    /// On bytes: the alphanumeric ASCII characters are exactly the ASCII letters and digits.
    #[inline]
    fn skip_word(&self, k: usize) -> usize {
        self.0
            .get(k..)
            .and_then(|rest| rest.iter().position(|b| !b.is_ascii_alphanumeric()))
            .map_or(self.0.len().max(k), |p| k + p)
    }
}

/// Any text: the decoded characters.
struct Decoded<'a>(&'a [(usize, char)]);

impl Chars for Decoded<'_> {
    #[inline]
    fn len(&self) -> usize {
        self.0.len()
    }
    #[inline]
    fn at(&self, k: usize) -> (usize, char) {
        self.0[k]
    }
}

fn run<C: Chars>(text: &str, chars: &C) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let n = chars.len();
    let end_of = |i: usize| if i < n { chars.at(i).0 } else { text.len() };
    let mut i = 0;
    let mut space_before = true;
    while i < n {
        let (b, c) = chars.at(i);
        if c.is_whitespace() {
            space_before = true;
            i += 1;
            continue;
        }
        if is_word_char(c) {
            // A word or number: letters/digits, joined by inner hyphens, dots (numbers,
            // initialisms), commas in numbers, and apostrophes not starting a clitic.
            let mut j = i + 1;
            loop {
                // Most of a word is letters and digits: skip them in one run.
                j = chars.skip_word(j);
                if j >= n {
                    break;
                }
                let cj = chars.at(j).1;
                let next = chars.get(j + 1).map(|x| x.1);
                let prev = chars.at(j - 1).1;
                let next_is_word = next.is_some_and(is_word_char);
                if (cj == '-' || cj == '‐' || cj == '‑') && next_is_word {
                    // "Russia-Ukraine talks", "the EU-China summit": two capitalised names
                    // joined by a hyphen are two names (each can be an actor); "Hamas-run",
                    // "al-Qaeda" and "F-16" stay one word.
                    let part_start = (i..j)
                        .rev()
                        .find(|&k| matches!(chars.at(k).1, '-' | '‐' | '‑'))
                        .map_or(i, |k| k + 1);
                    let capital = |k: usize| chars.get(k).is_some_and(|x| x.1.is_uppercase());
                    let lower_after = |k: usize| {
                        chars
                            .get(k + 1)
                            .is_some_and(|x| x.1.is_lowercase() || x.1.is_uppercase())
                    };
                    // Prefixes stay joined: "Mid-March", "Anti-Israel", "Pro-Russian".
                    let prefix = || {
                        let p: String = (part_start..j)
                            .map(|k| chars.at(k).1.to_ascii_lowercase())
                            .collect();
                        matches!(
                            p.as_str(),
                            "mid"
                                | "pre"
                                | "post"
                                | "anti"
                                | "pro"
                                | "non"
                                | "ex"
                                | "neo"
                                | "pan"
                                | "trans"
                                | "inter"
                                | "sub"
                                | "co"
                                | "counter"
                                | "ultra"
                                | "semi"
                                | "multi"
                                | "self"
                                | "vice"
                        )
                    };
                    if capital(part_start)
                        && j - part_start >= 2
                        && capital(j + 1)
                        && lower_after(j + 1)
                        && !prefix()
                    {
                        break;
                    }
                    j += 1;
                    continue;
                }
                // Initialisms: single letters joined by dots (U.S., U.N., e.g.).
                if cj == '.' && prev.is_alphabetic() && next.is_some_and(char::is_alphabetic) {
                    let run_start = (i..j)
                        .rev()
                        .find(|&k| chars.at(k).1 == '.')
                        .map_or(i, |k| k + 1);
                    let next2 = chars.get(j + 2).map(|x| x.1);
                    if j - run_start == 1 && !next2.is_some_and(is_word_char) {
                        j += 1;
                        continue;
                    }
                }
                if (cj == ',' || cj == '.' || cj == ':')
                    && prev.is_ascii_digit()
                    && next.is_some_and(|x| x.is_ascii_digit())
                {
                    j += 1;
                    continue;
                }
                if is_apostrophe(cj) && next_is_word {
                    // Clitics are split off: 's n't 're 've 'll 'd 'm.
                    let rest: String = (j + 1..n.min(j + 4)).map(|k| chars.at(k).1).collect();
                    let rest_l = rest.to_ascii_lowercase();
                    let clitic = ["s", "re", "ve", "ll", "d", "m"].iter().any(|cl| {
                        rest_l.starts_with(cl)
                            && !rest_l[cl.len()..].chars().next().is_some_and(is_word_char)
                    });
                    let negation = rest_l.starts_with('t')
                        && !rest_l[1..].chars().next().is_some_and(is_word_char)
                        && (prev == 'n' || prev == 'N');
                    if clitic || negation {
                        break;
                    }
                    j += 1;
                    continue;
                }
                break;
            }
            // "n't": move the n into the clitic token.
            let word = &text[b..end_of(j)];
            if j < n
                && is_apostrophe(chars.at(j).1)
                && chars.get(j + 1).is_some_and(|x| x.1 == 't' || x.1 == 'T')
                && word.ends_with(['n', 'N'])
                && j - i > 1
                && !chars.get(j + 2).is_some_and(|x| is_word_char(x.1))
            {
                let split = j - 1;
                out.push(mk(b, end_of(split), space_before));
                out.push(mk(chars.at(split).0, end_of(j + 2), false));
                i = j + 2;
                space_before = false;
                continue;
            }
            // Abbreviations and initials keep their dot: "U.S.", "Gen.", "J."
            if j < n && chars.at(j).1 == '.' {
                let is_initialism = word.contains('.')
                    || (word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()));
                if is_initialism || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
                    j += 1;
                }
            }
            out.push(mk(b, end_of(j), space_before));
            space_before = false;
            i = j;
            continue;
        }
        if is_apostrophe(c) {
            // Clitic ('s, 're, ...) or a quote mark.
            let mut j = i + 1;
            while j < n && chars.at(j).1.is_alphabetic() && j - i <= 3 {
                j += 1;
            }
            let is_clitic = j > i + 1 && !space_before && !(j < n && is_word_char(chars.at(j).1));
            if is_clitic {
                out.push(mk(b, end_of(j), false));
                i = j;
            } else {
                out.push(mk(b, end_of(i + 1), space_before));
                i += 1;
            }
            space_before = false;
            continue;
        }
        // Runs of the same punctuation (..., --, !!) are one token.
        let mut j = i + 1;
        if c == '.' || c == '-' || c == '!' || c == '?' {
            while j < n && chars.at(j).1 == c {
                j += 1;
            }
        }
        out.push(mk(b, end_of(j), space_before));
        space_before = false;
        i = j;
    }
    out
}

fn mk(start: usize, end: usize, space_before: bool) -> Token {
    Token {
        span: Span::new(start, end),
        space_before,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s)
            .iter()
            .map(|t| &s[t.span.start..t.span.end])
            .collect()
    }

    #[test]
    fn abbreviations_and_clitics() {
        assert_eq!(
            toks("The U.S. envoy met Gen. Smith's aides, didn't he?"),
            [
                "The", "U.S.", "envoy", "met", "Gen.", "Smith", "'s", "aides", ",", "did", "n't",
                "he", "?"
            ]
        );
        assert_eq!(toks("Trump’s plan"), ["Trump", "’s", "plan"]);
        assert_eq!(toks("Côte d'Ivoire"), ["Côte", "d'Ivoire"]);
    }

    #[test]
    fn numbers_and_hyphens() {
        assert_eq!(
            toks("killed 1,200 people; 3.5% of Iran-backed units (2023)."),
            [
                "killed",
                "1,200",
                "people",
                ";",
                "3.5",
                "%",
                "of",
                "Iran-backed",
                "units",
                "(",
                "2023",
                ")",
                "."
            ]
        );
        assert_eq!(
            toks("war—a key pledge..."),
            ["war", "—", "a", "key", "pledge", "..."]
        );
    }

    #[test]
    fn names_joined_by_a_hyphen() {
        // Two capitalised names are two tokens around the hyphen; words, prefixes and model
        // numbers stay whole.
        assert_eq!(
            toks("Russia-Ukraine talks, EU-China ties, Hamas-run Gaza, Mid-March, F-16s"),
            [
                "Russia",
                "-",
                "Ukraine",
                "talks",
                ",",
                "EU",
                "-",
                "China",
                "ties",
                ",",
                "Hamas-run",
                "Gaza",
                ",",
                "Mid-March",
                ",",
                "F-16s"
            ]
        );
    }

    #[test]
    fn ascii_path_matches_decoded_path() {
        let text = "The U.S. envoy met Gen. Smith's aides, didn't he? Killed 1,200 (3.5%) in \
                    Iran-backed raids... J. Doe -- U.N. e.g. co. Inc. 10:30 o'clock 'tis";
        assert!(text.is_ascii());
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let spans = |t: Vec<Token>| {
            t.iter()
                .map(|t| (t.span, t.space_before))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            spans(run(text, &Ascii(text.as_bytes()))),
            spans(run(text, &Decoded(&chars)))
        );
    }

    #[test]
    fn initials() {
        assert_eq!(toks("George W. Bush"), ["George", "W.", "Bush"]);
    }
}
