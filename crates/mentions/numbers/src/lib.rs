//! Number mentions: figures (`1,200`, `48,000`, `1.5 million`) and number words (`two dozen`,
//! `hundreds of`, `more than a million`), with the qualifier before them (`approximately`,
//! `more than`, `at least`, `up to`, `nearly`). Numbers inside time expressions are skipped.

use attache_doc::{Document, NumberMention, Pos, TokenRange};

fn unit(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" | "a" | "an" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

fn scale(w: &str) -> Option<f64> {
    Some(match w {
        "dozen" => 12.0,
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" | "mln" | "m" => 1e6,
        "billion" | "bln" | "bn" => 1e9,
        _ => return None,
    })
}

/// Plural vague quantities: value is the lower bound.
fn vague(w: &str) -> Option<f64> {
    Some(match w {
        "tens" => 20.0,
        "dozens" => 24.0,
        "scores" => 40.0,
        "hundreds" => 200.0,
        "thousands" => 2000.0,
        "millions" => 2e6,
        _ => return None,
    })
}

fn figure(w: &str) -> Option<f64> {
    if !w.chars().next()?.is_ascii_digit() {
        return None;
    }
    if w.contains(',') {
        let clean: String = w.chars().filter(|&c| c != ',').collect();
        clean.parse().ok()
    } else {
        w.parse().ok()
    }
}

/// Qualifier phrases (lower case, as token sequences) and their normalised names.
const QUALIFIERS: &[(&[&str], &str)] = &[
    (&["more", "than"], "more than"),
    (&["over"], "more than"),
    (&["upwards", "of"], "more than"),
    (&["at", "least"], "at least"),
    (&["no", "fewer", "than"], "at least"),
    (&["up", "to"], "up to"),
    (&["as", "many", "as"], "up to"),
    (&["at", "most"], "at most"),
    (&["fewer", "than"], "less than"),
    (&["less", "than"], "less than"),
    (&["under"], "less than"),
    (&["nearly"], "nearly"),
    (&["almost"], "nearly"),
    (&["close", "to"], "nearly"),
    (&["approximately"], "approximately"),
    (&["about"], "approximately"),
    (&["around"], "approximately"),
    (&["roughly"], "approximately"),
    (&["some"], "approximately"),
    (&["an", "estimated"], "approximately"),
    (&["estimated"], "approximately"),
    (&["some", "estimated"], "approximately"),
];

/// Fill `doc.numbers`.
pub fn annotate(doc: &mut Document) {
    let mut out = Vec::new();
    // Tokens inside time expressions, marked once (not a scan of the time layer per token).
    let mut timed = vec![false; doc.tokens.len()];
    for t in &doc.times {
        let n = timed.len();
        for k in t.tokens.iter().filter(|&k| k < n) {
            timed[k] = true;
        }
    }
    let in_time = |_: &Document, i: usize| timed[i];
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        let low = doc.low(i);
        let start = i;
        let mut value: Option<f64> = None;
        let mut is_vague = false;
        if in_time(doc, i) {
            i += 1;
            continue;
        }
        if let Some(v) = figure(low) {
            value = Some(v);
            i += 1;
        } else if let Some(v) = vague(low) {
            // "hundreds of", "tens of thousands of"
            value = Some(v);
            is_vague = true;
            i += 1;
        } else if let Some(v) = unit(low)
            .filter(|_| low != "a" && low != "an" || (i + 1 < n && scale(doc.low(i + 1)).is_some()))
        {
            if low == "one"
                && !(i + 1 < n
                    && (scale(doc.low(i + 1)).is_some() || doc.tokens[i + 1].pos == Pos::Noun))
            {
                i += 1;
                continue;
            }
            value = Some(v);
            i += 1;
            // "twenty-five" is one token with a hyphen.
        } else if let Some((a, b)) = low
            .bytes()
            .position(|b| b == b'-')
            // A byte scan: most words have no hyphen, and `split_once` would start a `memchr`
            // call for each.
            .and_then(|p| low.get(..p).zip(low.get(p + 1..)))
        {
            if let (Some(x), Some(y)) = (unit(a), unit(b)) {
                value = Some(x + y);
                i += 1;
            }
        }
        let Some(mut v) = value else {
            i += 1;
            continue;
        };
        // Scales after it: "1.2 million", "two dozen", "three hundred thousand".
        while i < n {
            if let Some(s) = scale(doc.low(i)) {
                v *= s;
                i += 1;
            } else if is_vague && doc.low(i) == "of" && i + 1 < n && vague(doc.low(i + 1)).is_some()
            {
                // "tens of thousands", "hundreds of thousands"
                v = vague(doc.low(i + 1)).unwrap_or(1.0)
                    * if doc.low(start) == "tens" {
                        10.0
                    } else {
                        v / 200.0 * 100.0
                    };
                i += 2;
            } else {
                break;
            }
        }
        // A bare year or a small ordinal-like figure glued to a month is a date, not a count.
        let tok = doc.tok(start);
        if !is_vague
            && tok.len() == 4
            && !tok.contains(',')
            && (1900.0..=2100.0).contains(&v)
            && i == start + 1
        {
            continue;
        }
        // Qualifier before the number.
        let mut qual: Option<String> = None;
        let mut qstart = start;
        for (words, name) in QUALIFIERS {
            let k = words.len();
            if start >= k && (0..k).all(|j| doc.low(start - k + j) == words[j]) {
                qual = Some(name.to_string());
                qstart = start - k;
                break;
            }
        }
        if is_vague && qual.is_none() {
            qual = Some("at least".into());
        }
        let r = TokenRange::new(qstart, i);
        out.push(NumberMention {
            span: doc.token_span(r),
            tokens: r,
            value: v,
            qualifier: qual,
            vague: is_vague,
        });
    }
    doc.numbers = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_doc::DocMeta;

    fn nums(text: &str) -> Vec<(String, f64, Option<String>)> {
        let mut d = Document::new(DocMeta::default(), text);
        attache_text::analyze(&mut d, &attache_text::Lexicon::new());
        annotate(&mut d);
        d.numbers
            .iter()
            .map(|m| (d.slice(m.span).to_string(), m.value, m.qualifier.clone()))
            .collect()
    }

    #[test]
    fn figures_words_and_qualifiers() {
        assert_eq!(
            nums("killed approximately 1,200 people")[0],
            (
                "approximately 1,200".into(),
                1200.0,
                Some("approximately".into())
            )
        );
        assert_eq!(
            nums("more than 48,000 dead")[0],
            ("more than 48,000".into(), 48000.0, Some("more than".into()))
        );
        assert_eq!(nums("two dozen soldiers")[0].1, 24.0);
        assert_eq!(nums("1.5 million refugees")[0].1, 1_500_000.0);
        assert_eq!(
            nums("hundreds of protesters")[0],
            ("hundreds".into(), 200.0, Some("at least".into()))
        );
        assert_eq!(
            nums("at least 12 injured")[0].2.as_deref(),
            Some("at least")
        );
        assert!(nums("in 2023 the war").is_empty());
        assert_eq!(nums("more than a million people")[0].1, 1e6);
    }
}
