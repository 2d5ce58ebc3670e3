//! TimeML evaluation, TempEval-3 style.
//!
//! [`load_timeml`] reads a `.tml` file: the document creation time from `<DCT><TIMEX3 value=...>`
//! and the gold `<TIMEX3>` elements inline in `<TEXT>`, with offsets computed on the text with
//! all tags stripped (entities decoded). [`evaluate`] runs the text stage (`prepare`) and the
//! tagger on that text with the DCT as document date and scores:
//!
//! * extent precision / recall / F1, strict (same span) and relaxed (overlapping spans,
//!   one-to-one);
//! * `type` and `value` as TempEval-3 attribute scores over relaxed matches: accuracy =
//!   correct / matched, and attribute F1 with P = correct / system, R = correct / gold.
//!
//! The DCT timex itself (outside `<TEXT>`, or `functionInDocument="CREATION_TIME"`) is not scored.

use crate::{TimeError, TimeTagger};
use attache_doc::{DocMeta, Document, Span, TimexType};
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// One gold TIMEX3 of a TimeML document.
#[derive(Debug, Clone, Serialize)]
pub struct GoldTimex {
    pub tid: String,
    /// Byte span in [`TimemlDoc::text`].
    pub span: Span,
    pub text: String,
    pub timex_type: Option<TimexType>,
    pub value: String,
    pub modifier: Option<String>,
}

/// A parsed TimeML document.
#[derive(Debug, Clone, Serialize)]
pub struct TimemlDoc {
    pub id: String,
    pub dct: Option<NaiveDate>,
    /// Content of `<TEXT>` with tags removed and entities decoded.
    pub text: String,
    pub timexes: Vec<GoldTimex>,
}

/// Read and parse one `.tml` file.
pub fn load_timeml(path: &Path) -> Result<TimemlDoc, TimeError> {
    let bytes = std::fs::read(path).map_err(|source| TimeError::Io {
        path: path.display().to_string(),
        source,
    })?;
    // Lossy: a stray Latin-1 byte must not abort a whole evaluation.
    let xml = String::from_utf8_lossy(&bytes);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse(&xml, &stem).map_err(|msg| TimeError::Format {
        path: path.display().to_string(),
        msg: msg.to_string(),
    })
}

/// Parse TimeML text; `fallback_id` names the document when it has no `<DOCID>` (and names
/// it in errors).
pub fn parse_timeml(xml: &str, fallback_id: &str) -> Result<TimemlDoc, TimeError> {
    parse(xml, fallback_id).map_err(|msg| TimeError::Format {
        path: fallback_id.to_string(),
        msg: msg.to_string(),
    })
}

fn parse(xml: &str, fallback_id: &str) -> Result<TimemlDoc, &'static str> {
    let id = element(xml, "DOCID")
        .map(|s| decode(s.trim()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| fallback_id.to_string());
    let mut dct_tid = None;
    let mut dct = None;
    let dct_scope = element(xml, "DCT");
    let dct_tag = match dct_scope {
        Some(s) => find_tag(s, "TIMEX3"),
        None => tags(xml).find(|t| {
            t.name == "TIMEX3"
                && matches!(
                    t.attr("functionInDocument"),
                    Some("CREATION_TIME" | "PUBLICATION_TIME")
                )
        }),
    };
    if let Some(t) = dct_tag {
        dct_tid = t.attr("tid").map(str::to_string);
        dct = t.attr("value").and_then(parse_date);
    }
    let body = element(xml, "TEXT").ok_or(if xml.contains("<TEXT") {
        "<TEXT> is not closed"
    } else {
        "no <TEXT> element"
    })?;
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(Tag, usize)> = None;
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |k| &after[k + 3..]);
            continue;
        }
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let k = after.find("]]>").unwrap_or(after.len());
            text.push_str(&after[..k]);
            rest = after.get(k + 3..).unwrap_or("");
            continue;
        }
        if rest.starts_with('<') {
            let k = rest.find('>').ok_or("unterminated tag")?;
            let raw = &rest[1..k];
            rest = &rest[k + 1..];
            let tag = Tag::parse(raw);
            if tag.name != "TIMEX3" {
                continue;
            }
            if tag.closing {
                if let Some((t, start)) = open.take() {
                    let span = Span::new(start, text.len());
                    let creation = matches!(
                        t.attr("functionInDocument"),
                        Some("CREATION_TIME" | "PUBLICATION_TIME")
                    );
                    let is_dct = dct_tid.is_some()
                        && t.attr("tid") == dct_tid.as_deref()
                        && dct_scope.is_none();
                    if !span.is_empty() && !creation && !is_dct {
                        timexes.push(GoldTimex {
                            tid: t.attr("tid").unwrap_or("").to_string(),
                            text: text[span.start..span.end].to_string(),
                            span,
                            timex_type: t.attr("type").and_then(parse_type),
                            value: t.attr("value").unwrap_or("").to_string(),
                            modifier: t.attr("mod").map(str::to_string),
                        });
                    }
                }
            } else if !tag.empty {
                open = Some((tag, text.len()));
            }
            continue;
        }
        let k = rest.find('<').unwrap_or(rest.len());
        text.push_str(&decode(&rest[..k]));
        rest = &rest[k..];
    }
    Ok(TimemlDoc {
        id,
        dct,
        text,
        timexes,
    })
}

/// Inner text of the first `<NAME ...>...</NAME>`.
fn element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    loop {
        let k = from + xml[from..].find(&format!("<{name}"))?;
        let after = &xml[k + 1 + name.len()..];
        let next = after.chars().next()?;
        if next == '>' || next.is_whitespace() {
            let open_end = k + xml[k..].find('>')? + 1;
            if xml[..open_end].ends_with("/>") {
                return Some("");
            }
            let close = xml[open_end..].find(&format!("</{name}>"))?;
            return Some(&xml[open_end..open_end + close]);
        }
        from = k + 1;
    }
}

fn find_tag(s: &str, name: &str) -> Option<Tag> {
    tags(s).find(|t| t.name == name && !t.closing)
}

fn tags(s: &str) -> impl Iterator<Item = Tag> + '_ {
    s.match_indices('<').filter_map(move |(k, _)| {
        let end = s[k..].find('>')?;
        Some(Tag::parse(&s[k + 1..k + end]))
    })
}

#[derive(Debug, Clone)]
struct Tag {
    name: String,
    closing: bool,
    empty: bool,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn parse(raw: &str) -> Tag {
        let closing = raw.starts_with('/');
        let empty = raw.ends_with('/');
        let body = raw.trim_start_matches('/').trim_end_matches('/');
        let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
        let name = body[..name_end].to_string();
        let mut attrs = Vec::new();
        let mut rest = &body[name_end..];
        while let Some(eq) = rest.find('=') {
            let key = rest[..eq].trim().to_string();
            let after = rest[eq + 1..].trim_start();
            let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                break;
            };
            let Some(close) = after[1..].find(q) else {
                break;
            };
            attrs.push((key, decode(&after[1..1 + close])));
            rest = &after[close + 2..];
        }
        Tag {
            name,
            closing,
            empty,
            attrs,
        }
    }

    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        let after = &rest[k..];
        let semi = after.find(';').filter(|&e| e <= 10);
        let ent = semi.map(|e| &after[1..e]);
        let ch = match ent {
            Some("amp") => Some('&'),
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("quot") => Some('"'),
            Some("apos") => Some('\''),
            Some(e) if e.starts_with("#x") || e.starts_with("#X") => {
                u32::from_str_radix(&e[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            Some(e) if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (ch, semi) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn parse_date(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    if let Some(d) = v
        .get(..10)
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    v.get(..8)
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y%m%d").ok())
}

fn parse_type(t: &str) -> Option<TimexType> {
    Some(match t.trim().to_ascii_uppercase().as_str() {
        "DATE" => TimexType::Date,
        "TIME" => TimexType::Time,
        "DURATION" => TimexType::Duration,
        "SET" => TimexType::Set,
        _ => return None,
    })
}

/// Precision, recall and F1 with their counts.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Prf {
    pub correct: usize,
    pub system: usize,
    pub gold: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(correct: usize, system: usize, gold: usize) -> Prf {
        let p = if system == 0 {
            0.0
        } else {
            correct as f64 / system as f64
        };
        let r = if gold == 0 {
            0.0
        } else {
            correct as f64 / gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf {
            correct,
            system,
            gold,
            precision: p,
            recall: r,
            f1: f,
        }
    }
}

/// Kind of an evaluation error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Gold expression with no overlapping system expression.
    Miss,
    /// System expression overlapping no gold one.
    FalseAlarm,
    /// Overlapping, but a different value (or type).
    WrongValue,
    /// Same value and type, different extent.
    Extent,
}

/// One difference between the system and the gold annotation.
#[derive(Debug, Clone, Serialize)]
pub struct TimexError {
    pub document: String,
    pub kind: ErrorKind,
    /// Character offset of the expression (gold when there is one).
    pub offset: usize,
    pub gold_text: Option<String>,
    pub gold_type: Option<TimexType>,
    pub gold_value: Option<String>,
    pub system_text: Option<String>,
    pub system_type: Option<TimexType>,
    pub system_value: Option<String>,
    /// Document creation time, for reading relative values.
    pub dct: Option<NaiveDate>,
    /// The sentence the expression is in (at most 240 characters).
    pub context: String,
}

impl fmt::Display for TimexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            ErrorKind::Miss => "MISS",
            ErrorKind::FalseAlarm => "FALSE",
            ErrorKind::WrongValue => "VALUE",
            ErrorKind::Extent => "EXTENT",
        };
        let side = |text: &Option<String>, ty: &Option<TimexType>, v: &Option<String>| match text {
            Some(t) => format!(
                "{:?} {} {}",
                t,
                ty.map_or("-".to_string(), type_name),
                v.as_deref().unwrap_or("-")
            ),
            None => "-".to_string(),
        };
        write!(
            f,
            "{kind:6} {} @{} dct={}  gold: {}  system: {}  | {}",
            self.document,
            self.offset,
            self.dct.map_or("-".to_string(), |d| d.to_string()),
            side(&self.gold_text, &self.gold_type, &self.gold_value),
            side(&self.system_text, &self.system_type, &self.system_value),
            self.context
        )
    }
}

fn type_name(t: TimexType) -> String {
    match t {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    }
    .to_string()
}

/// Scores of a TimeML evaluation, TempEval-3 style.
#[derive(Debug, Clone, Serialize)]
pub struct TimemlReport {
    pub documents: usize,
    pub strict: Prf,
    pub relaxed: Prf,
    /// Type attribute F1 (correct type among relaxed matches / system, / gold).
    pub type_f1: Prf,
    /// Value attribute F1 (correct value among relaxed matches / system, / gold).
    pub value: Prf,
    /// Correct type / relaxed matches.
    pub type_accuracy: f64,
    /// Correct value / relaxed matches.
    pub value_accuracy: f64,
    pub errors: Vec<TimexError>,
}

impl fmt::Display for TimemlReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "TimeML evaluation: {} documents, {} gold TIMEX3, {} system",
            self.documents, self.relaxed.gold, self.relaxed.system
        )?;
        writeln!(
            f,
            "{:<16} {:>9} {:>9} {:>9} {:>9}",
            "", "precision", "recall", "F1", "correct"
        )?;
        for (name, p) in [
            ("strict extent", &self.strict),
            ("relaxed extent", &self.relaxed),
            ("type", &self.type_f1),
            ("value", &self.value),
        ] {
            writeln!(
                f,
                "{:<16} {:>9.4} {:>9.4} {:>9.4} {:>9}",
                name, p.precision, p.recall, p.f1, p.correct
            )?;
        }
        writeln!(
            f,
            "type accuracy {:.4}, value accuracy {:.4} (over {} relaxed matches)",
            self.type_accuracy, self.value_accuracy, self.relaxed.correct
        )
    }
}

/// Collect `.tml` files: a file as is, a directory recursively (sorted).
pub fn timeml_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, TimeError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            collect(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    if out.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(TimeError::NoFiles(shown.join(", ")));
    }
    Ok(out)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), TimeError> {
    let io = |source| TimeError::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("tml")) {
            out.push(p);
        }
    }
    Ok(())
}

/// Evaluate `tagger` on TimeML files or directories. `prepare` runs the text stage on each
/// document (tokens, sentences, tags) before the tagger.
pub fn evaluate(
    paths: &[PathBuf],
    tagger: &TimeTagger,
    prepare: &dyn Fn(&mut Document),
) -> Result<TimemlReport, TimeError> {
    let files = timeml_files(paths)?;
    let mut acc = Acc::default();
    for f in &files {
        let gold = load_timeml(f)?;
        let mut doc = Document::new(
            DocMeta {
                id: gold.id.clone(),
                date: gold.dct,
                ..Default::default()
            },
            gold.text.clone(),
        );
        prepare(&mut doc);
        tagger.annotate(&mut doc);
        acc.score(&gold, &doc);
    }
    Ok(acc.report(files.len()))
}

/// Score documents already annotated by the tagger against their gold standard.
pub fn evaluate_docs(pairs: &[(TimemlDoc, Document)]) -> TimemlReport {
    let mut acc = Acc::default();
    for (g, d) in pairs {
        acc.score(g, d);
    }
    acc.report(pairs.len())
}

/// The sentence around byte `at`, on one line, at most 240 characters.
fn sentence_at(doc: &Document, at: usize) -> String {
    let s = doc
        .sentences
        .iter()
        .find(|s| s.span.start <= at && at < s.span.end.max(s.span.start + 1));
    let text = s.map_or("", |s| doc.slice(s.span));
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.chars().take(240).collect()
}

#[derive(Default)]
struct Acc {
    gold: usize,
    system: usize,
    strict: usize,
    relaxed: usize,
    type_ok: usize,
    value_ok: usize,
    errors: Vec<TimexError>,
}

impl Acc {
    fn score(&mut self, gold: &TimemlDoc, doc: &Document) {
        let sys = &doc.times;
        self.gold += gold.timexes.len();
        self.system += sys.len();
        let mut used = vec![false; sys.len()];
        let err = |kind, g: Option<&GoldTimex>, s: Option<usize>| {
            let st = s.and_then(|k| sys.get(k));
            let at = g
                .map(|g| g.span.start)
                .or(st.map(|s| s.span.start))
                .unwrap_or(0);
            TimexError {
                document: gold.id.clone(),
                kind,
                offset: doc.char_offset(at),
                gold_text: g.map(|g| g.text.clone()),
                gold_type: g.and_then(|g| g.timex_type),
                gold_value: g.map(|g| g.value.clone()),
                system_text: st.map(|s| doc.slice(s.span).to_string()),
                system_type: st.map(|s| s.timex_type),
                system_value: st.and_then(|s| s.value.clone()),
                dct: gold.dct,
                context: sentence_at(doc, at),
            }
        };
        for g in &gold.timexes {
            // Exact match first, else the unused system span with the largest overlap.
            let exact = sys
                .iter()
                .enumerate()
                .position(|(k, s)| !used[k] && s.span == g.span);
            let best = exact.or_else(|| {
                sys.iter()
                    .enumerate()
                    .filter(|(k, s)| !used[*k] && s.span.overlaps(g.span))
                    .max_by_key(|(_, s)| {
                        s.span.end.min(g.span.end) - s.span.start.max(g.span.start)
                    })
                    .map(|(k, _)| k)
            });
            let Some(k) = best else {
                self.errors.push(err(ErrorKind::Miss, Some(g), None));
                continue;
            };
            used[k] = true;
            let s = &sys[k];
            self.relaxed += 1;
            if s.span == g.span {
                self.strict += 1;
            }
            let type_ok = g.timex_type == Some(s.timex_type);
            let value_ok = s
                .value
                .as_deref()
                .is_some_and(|v| v.trim() == g.value.trim());
            self.type_ok += type_ok as usize;
            self.value_ok += value_ok as usize;
            if !type_ok || !value_ok {
                self.errors
                    .push(err(ErrorKind::WrongValue, Some(g), Some(k)));
            } else if s.span != g.span {
                self.errors.push(err(ErrorKind::Extent, Some(g), Some(k)));
            }
        }
        for (k, u) in used.iter().enumerate() {
            if !u {
                self.errors.push(err(ErrorKind::FalseAlarm, None, Some(k)));
            }
        }
    }

    fn report(self, documents: usize) -> TimemlReport {
        let acc = |n: usize| {
            if self.relaxed == 0 {
                0.0
            } else {
                n as f64 / self.relaxed as f64
            }
        };
        TimemlReport {
            documents,
            strict: Prf::new(self.strict, self.system, self.gold),
            relaxed: Prf::new(self.relaxed, self.system, self.gold),
            type_f1: Prf::new(self.type_ok, self.system, self.gold),
            value: Prf::new(self.value_ok, self.system, self.gold),
            type_accuracy: acc(self.type_ok),
            value_accuracy: acc(self.value_ok),
            errors: self.errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>demo_1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-02-17T10:00:00" functionInDocument="CREATION_TIME">17/02/2025</TIMEX3></DCT>
<TEXT>
Envoys &amp; aides <EVENT eid="e1">met</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2025-02-15">Saturday</TIMEX3> and will meet again <TIMEX3 tid="t2" type="DATE" value="FUTURE_REF">in the coming weeks</TIMEX3>.
</TEXT>
</TimeML>"#;

    #[test]
    fn parses_dct_text_and_gold_offsets() {
        let d = parse_timeml(SAMPLE, "x").unwrap();
        assert_eq!(d.id, "demo_1");
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(2025, 2, 17));
        assert!(d.text.contains("Envoys & aides met on Saturday"));
        assert_eq!(d.timexes.len(), 2);
        let g = &d.timexes[0];
        assert_eq!(&d.text[g.span.start..g.span.end], "Saturday");
        assert_eq!(g.value, "2025-02-15");
        assert_eq!(g.timex_type, Some(TimexType::Date));
        assert_eq!(d.timexes[1].text, "in the coming weeks");
    }

    #[test]
    fn reads_tempeval3_style_files() {
        let xml = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>te3_x</DOCID>\n\
            <DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2013-03-22\" functionInDocument=\"CREATION_TIME\">March 22, 2013</TIMEX3></DCT>\n\
            <TITLE>Talks <TIMEX3 tid=\"t9\" type=\"DATE\" value=\"2013-03-21\">Thursday</TIMEX3></TITLE>\n\
            <TEXT>\nRebels &quot;withdrew&quot; <TIMEX3 tid='t1' type='DATE' value='2013-03-21'>on <SIGNAL sid='s1'>Thursday</SIGNAL></TIMEX3>\
            <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"2013\" />.\n</TEXT>\n<TLINK lid=\"l1\" relType=\"BEFORE\" />\n</TimeML>";
        let d = parse_timeml(xml, "fallback").unwrap();
        assert_eq!(d.id, "te3_x");
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(2013, 3, 22));
        assert_eq!(d.text, "\nRebels \"withdrew\" on Thursday.\n");
        assert_eq!(
            d.timexes.len(),
            1,
            "the title and the empty timex are not scored"
        );
        assert_eq!(d.timexes[0].text, "on Thursday");
        assert!(parse_timeml("<TimeML><TEXT>open", "x").is_err());
    }

    #[test]
    fn scores_strict_relaxed_and_values() {
        let gold = parse_timeml(SAMPLE, "x").unwrap();
        let mut doc = Document::new(
            DocMeta {
                date: gold.dct,
                ..Default::default()
            },
            gold.text.clone(),
        );
        attache_text::analyze(&mut doc, &attache_text::Lexicon::new());
        TimeTagger::new().annotate(&mut doc);
        let r = evaluate_docs(&[(gold, doc)]);
        // "Saturday" exact and right; "the coming weeks" overlaps "in the coming weeks".
        assert_eq!(r.relaxed.correct, 2);
        assert_eq!(r.strict.correct, 1);
        assert_eq!(r.value.correct, 2);
        assert!((r.value.f1 - 1.0).abs() < 1e-9);
        assert!(r.errors.iter().any(|e| e.kind == ErrorKind::Extent));
        let shown = r.to_string();
        assert!(shown.contains("relaxed extent"));
    }
}
