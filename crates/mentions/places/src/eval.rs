//! Evaluation on the TR-News / LGL XML format (`attache eval geo FILE`).
//!
//! The format: `<articles><article docid=".."> <title/> <url/> <dltime/> <text/>
//! <toponyms><toponym><phrase/><start/><end/><gaztag geonameid=".."><name/><fcode/><lat/><lon/>
//! ...</gaztag></toponym>...</toponyms></article>...</articles>`; `start`/`end` are character
//! offsets into `<text>`.
//!
//! Scoring:
//! * **Recognition**: a predicted place mention matches a gold toponym one-to-one, either with
//!   exactly the same character span (*exact*) or with any overlap (*overlap*). Precision,
//!   recall and F1 for both; every gold toponym counts for recognition, with or without a
//!   gazetteer tag. The headline is the *exact* figure.
//! * **Resolution**, on the gold toponyms that have a `gaztag` and were found (overlap match):
//!   exact GeoNames-id accuracy, accuracy within 161 km (100 miles) of the gold coordinates, and
//!   median / mean error in km. Gold toponyms without a `gaztag` (streets, buildings the
//!   annotators could not ground) are left out of resolution scores.
//! * Gold offsets that do not slice out the gold phrase (some files drift by a few characters)
//!   are repaired to the nearest occurrence of the phrase within 80 characters; the number of
//!   repairs is reported.

use crate::{haversine_km, PlaceError, PlaceTagger};
use attache_doc::{DocMeta, Document, PlaceMention};
use quick_xml::events::Event;
use quick_xml::Reader;
use serde::Serialize;
use std::fmt;
use std::path::Path;

/// A gold toponym (character offsets).
#[derive(Debug, Clone, Serialize)]
pub struct GoldToponym {
    pub phrase: String,
    pub start: usize,
    pub end: usize,
    pub geonameid: Option<u64>,
    pub name: Option<String>,
    pub fcode: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// A gold article.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GoldArticle {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub text: String,
    pub toponyms: Vec<GoldToponym>,
    /// Gold offsets repaired because they did not slice out the phrase.
    pub repaired: usize,
}

#[derive(Default)]
struct TopBuilder {
    phrase: String,
    start: Option<usize>,
    end: Option<usize>,
    geonameid: Option<u64>,
    name: Option<String>,
    fcode: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
}

/// Read a TR-News / LGL file.
pub fn load(path: &Path) -> Result<Vec<GoldArticle>, PlaceError> {
    let text = std::fs::read_to_string(path).map_err(|source| PlaceError::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse(&text).map_err(|msg| PlaceError::Format {
        path: path.display().to_string(),
        msg,
    })
}

/// Parse the XML text of a TR-News / LGL file.
pub fn parse(xml: &str) -> Result<Vec<GoldArticle>, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut art: Option<GoldArticle> = None;
    let mut top: Option<TopBuilder> = None;
    let mut buf = String::new();
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                match name.as_str() {
                    "article" => {
                        let mut a = GoldArticle::default();
                        for at in e.attributes().flatten() {
                            if at.key.as_ref() == b"docid" {
                                a.id = String::from_utf8_lossy(&at.value).to_string();
                            }
                        }
                        art = Some(a);
                    }
                    "toponym" => top = Some(TopBuilder::default()),
                    "gaztag" => {
                        if let Some(t) = top.as_mut() {
                            for at in e.attributes().flatten() {
                                if at.key.as_ref() == b"geonameid" {
                                    t.geonameid =
                                        String::from_utf8_lossy(&at.value).trim().parse().ok();
                                }
                            }
                        }
                    }
                    _ => {}
                }
                stack.push(name);
                buf.clear();
            }
            Event::Empty(_) => {}
            Event::Text(t) => {
                let s = t.unescape().map_err(|e| format!("bad text: {e}"))?;
                buf.push_str(&s);
            }
            Event::CData(c) => {
                buf.push_str(&String::from_utf8_lossy(&c.into_inner()));
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                let parent = stack
                    .len()
                    .checked_sub(2)
                    .and_then(|i| stack.get(i))
                    .cloned()
                    .unwrap_or_default();
                let val = std::mem::take(&mut buf);
                if let Some(t) = top.as_mut() {
                    match name.as_str() {
                        "phrase" => t.phrase = val.clone(),
                        "start" => t.start = val.trim().parse().ok(),
                        "end" => t.end = val.trim().parse().ok(),
                        "name" if parent == "gaztag" => t.name = Some(val.trim().to_string()),
                        "fcode" => t.fcode = Some(val.trim().to_string()),
                        "lat" => t.lat = val.trim().parse().ok(),
                        "lon" => t.lon = val.trim().parse().ok(),
                        _ => {}
                    }
                }
                match name.as_str() {
                    "toponym" => {
                        if let (Some(t), Some(a)) = (top.take(), art.as_mut()) {
                            if let (Some(start), Some(end)) = (t.start, t.end) {
                                a.toponyms.push(GoldToponym {
                                    phrase: t.phrase,
                                    start,
                                    end,
                                    geonameid: t.geonameid,
                                    name: t.name,
                                    fcode: t.fcode,
                                    lat: t.lat,
                                    lon: t.lon,
                                });
                            }
                        }
                    }
                    "text" if top.is_none() => {
                        if let Some(a) = art.as_mut() {
                            a.text = val;
                        }
                    }
                    "title" if top.is_none() => {
                        if let Some(a) = art.as_mut() {
                            a.title = Some(val.trim().to_string());
                        }
                    }
                    "url" if top.is_none() => {
                        if let Some(a) = art.as_mut() {
                            a.url = Some(val.trim().to_string());
                        }
                    }
                    "dltime" if top.is_none() => {
                        if let Some(a) = art.as_mut() {
                            a.date = Some(val.trim().to_string());
                        }
                    }
                    "article" => {
                        if let Some(mut a) = art.take() {
                            repair_offsets(&mut a);
                            out.push(a);
                        }
                    }
                    _ => {}
                }
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Move gold spans that do not slice out their phrase to the nearest occurrence of the phrase.
fn repair_offsets(a: &mut GoldArticle) {
    let chars: Vec<char> = a.text.chars().collect();
    for t in &mut a.toponyms {
        let phrase: Vec<char> = t.phrase.trim().chars().collect();
        if phrase.is_empty() {
            continue;
        }
        let fits =
            |s: usize| s + phrase.len() <= chars.len() && chars[s..s + phrase.len()] == phrase[..];
        if t.end == t.start + phrase.len() && fits(t.start) {
            continue;
        }
        let mut best: Option<usize> = None;
        for d in 0..=80usize {
            if fits(t.start.saturating_sub(d)) && t.start >= d {
                best = Some(t.start - d);
                break;
            }
            if fits(t.start + d) {
                best = Some(t.start + d);
                break;
            }
        }
        if let Some(s) = best {
            t.start = s;
            t.end = s + phrase.len();
            a.repaired += 1;
        }
    }
}

/// Precision / recall / F1 of recognition.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SpanScores {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl SpanScores {
    fn new(tp: usize, npred: usize, ngold: usize) -> Self {
        let p = if npred == 0 {
            0.0
        } else {
            tp as f64 / npred as f64
        };
        let r = if ngold == 0 {
            0.0
        } else {
            tp as f64 / ngold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        SpanScores {
            true_positives: tp,
            false_positives: npred - tp,
            false_negatives: ngold - tp,
            precision: p,
            recall: r,
            f1: f,
        }
    }
}

/// One error, for `--errors`.
#[derive(Debug, Clone, Serialize)]
pub struct GeoError {
    pub doc: String,
    /// `missed` (gold not found), `spurious` (predicted, not gold), `wrong_id` (found, other
    /// GeoNames id, within 161 km) or `far` (found, more than 161 km off, whatever the id).
    pub kind: &'static str,
    /// Characters `[start, end)` of the gold toponym or of the prediction.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub gold: Option<String>,
    pub predicted: Option<String>,
    pub error_km: Option<f64>,
    pub context: String,
}

/// Figures of a geo evaluation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GeoReport {
    pub file: String,
    pub articles: usize,
    pub gold_toponyms: usize,
    /// Gold toponyms with a gazetteer tag (used for resolution scores).
    pub gold_grounded: usize,
    pub predicted: usize,
    pub offsets_repaired: usize,
    /// Recognition with exact span match (headline).
    pub exact: SpanScores,
    /// Recognition with overlapping spans.
    pub overlap: SpanScores,
    /// Gold toponyms with a gazetteer tag that were found (overlap match).
    pub resolved: usize,
    pub id_correct: usize,
    pub id_accuracy: f64,
    pub within_161km: usize,
    pub accuracy_161km: f64,
    pub median_error_km: f64,
    pub mean_error_km: f64,
    pub errors: Vec<GeoError>,
}

impl fmt::Display for GeoReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "geo evaluation: {}", self.file)?;
        writeln!(
            f,
            "  articles {}  gold toponyms {} ({} grounded)  predicted {}  gold offsets repaired {}",
            self.articles,
            self.gold_toponyms,
            self.gold_grounded,
            self.predicted,
            self.offsets_repaired
        )?;
        for (label, s) in [
            ("exact span  ", &self.exact),
            ("overlap span", &self.overlap),
        ] {
            writeln!(
                f,
                "  toponyms, {label}: P {:.3}  R {:.3}  F1 {:.3}  (tp {} fp {} fn {})",
                s.precision, s.recall, s.f1, s.true_positives, s.false_positives, s.false_negatives
            )?;
        }
        writeln!(
            f,
            "  resolution on {} found grounded toponyms: exact GeoNames id {:.3} ({})  within 161 km {:.3} ({})  median error {:.1} km  mean error {:.1} km",
            self.resolved,
            self.id_accuracy,
            self.id_correct,
            self.accuracy_161km,
            self.within_161km,
            self.median_error_km,
            self.mean_error_km
        )
    }
}

/// Describe a prediction for error lists.
fn describe(m: &PlaceMention) -> String {
    format!(
        "{} [{}] {} {} ({:.2}, {:.2})",
        m.name,
        m.geonameid.map_or("-".to_string(), |g| g.to_string()),
        m.feature,
        m.country.as_deref().unwrap_or("-"),
        m.lat.unwrap_or(f64::NAN),
        m.lon.unwrap_or(f64::NAN)
    )
}

fn describe_gold(g: &GoldToponym) -> String {
    format!(
        "{} [{}] {} ({:.2}, {:.2})",
        g.name.as_deref().unwrap_or("-"),
        g.geonameid.map_or("-".to_string(), |x| x.to_string()),
        g.fcode.as_deref().unwrap_or("-"),
        g.lat.unwrap_or(f64::NAN),
        g.lon.unwrap_or(f64::NAN)
    )
}

fn context(chars: &[char], start: usize, end: usize) -> String {
    let a = start.saturating_sub(40);
    let b = (end + 40).min(chars.len());
    let s: String = chars[a.min(b)..b].iter().collect();
    s.replace('\n', " ")
}

/// Evaluate `tagger` on the articles of a TR-News / LGL file. `prepare` runs the earlier stages
/// on each document (at least the text stage: tokens and sentences).
pub fn evaluate(
    path: &Path,
    tagger: &PlaceTagger,
    prepare: &dyn Fn(&mut Document),
) -> Result<GeoReport, PlaceError> {
    let articles = load(path)?;
    let mut r = evaluate_articles(&articles, tagger, prepare);
    r.file = path.display().to_string();
    Ok(r)
}

/// Evaluate on already loaded articles.
pub fn evaluate_articles(
    articles: &[GoldArticle],
    tagger: &PlaceTagger,
    prepare: &dyn Fn(&mut Document),
) -> GeoReport {
    let mut r = GeoReport {
        articles: articles.len(),
        ..Default::default()
    };
    let (mut tp_exact, mut tp_overlap, mut npred, mut ngold) = (0, 0, 0, 0);
    let mut errors_km: Vec<f64> = Vec::new();
    for a in articles {
        let meta = DocMeta {
            id: a.id.clone(),
            date: a.date.as_deref().and_then(|d| {
                chrono::NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok()
            }),
            source: None,
            url: a.url.clone(),
            title: a.title.clone(),
        };
        let mut doc = Document::new(meta, a.text.clone());
        prepare(&mut doc);
        tagger.annotate(&mut doc);
        let chars: Vec<char> = a.text.chars().collect();
        let preds: Vec<(usize, usize, &PlaceMention)> = doc
            .places
            .iter()
            .map(|m| {
                (
                    doc.char_offset(m.span.start),
                    doc.char_offset(m.span.end),
                    m,
                )
            })
            .collect();
        npred += preds.len();
        ngold += a.toponyms.len();
        r.offsets_repaired += a.repaired;
        // Exact matches.
        let mut used = vec![false; preds.len()];
        for g in &a.toponyms {
            if let Some(j) =
                (0..preds.len()).find(|&j| !used[j] && preds[j].0 == g.start && preds[j].1 == g.end)
            {
                used[j] = true;
                tp_exact += 1;
            }
        }
        // Overlap matches (exact ones first, then any overlap).
        let mut used = vec![false; preds.len()];
        let mut matched: Vec<Option<usize>> = vec![None; a.toponyms.len()];
        for (gi, g) in a.toponyms.iter().enumerate() {
            if let Some(j) =
                (0..preds.len()).find(|&j| !used[j] && preds[j].0 == g.start && preds[j].1 == g.end)
            {
                used[j] = true;
                matched[gi] = Some(j);
            }
        }
        for (gi, g) in a.toponyms.iter().enumerate() {
            if matched[gi].is_some() {
                continue;
            }
            if let Some(j) =
                (0..preds.len()).find(|&j| !used[j] && preds[j].0 < g.end && g.start < preds[j].1)
            {
                used[j] = true;
                matched[gi] = Some(j);
            }
        }
        for (gi, g) in a.toponyms.iter().enumerate() {
            if g.geonameid.is_some() {
                r.gold_grounded += 1;
            }
            let Some(j) = matched[gi] else {
                r.errors.push(GeoError {
                    doc: a.id.clone(),
                    kind: "missed",
                    start: g.start,
                    end: g.end,
                    text: g.phrase.clone(),
                    gold: Some(describe_gold(g)),
                    predicted: None,
                    error_km: None,
                    context: context(&chars, g.start, g.end),
                });
                continue;
            };
            tp_overlap += 1;
            let Some(gid) = g.geonameid else { continue };
            r.resolved += 1;
            let m = preds[j].2;
            let same = m.geonameid == Some(gid);
            if same {
                r.id_correct += 1;
            }
            let km = match (g.lat, g.lon, m.lat, m.lon) {
                (Some(a1), Some(o1), Some(a2), Some(o2)) => haversine_km(a1, o1, a2, o2),
                _ => 20_037.5,
            };
            errors_km.push(km);
            if km <= 161.0 {
                r.within_161km += 1;
            }
            if !same || km > 161.0 {
                r.errors.push(GeoError {
                    doc: a.id.clone(),
                    kind: if km <= 161.0 { "wrong_id" } else { "far" },
                    start: g.start,
                    end: g.end,
                    text: g.phrase.clone(),
                    gold: Some(describe_gold(g)),
                    predicted: Some(describe(m)),
                    error_km: Some(km),
                    context: context(&chars, g.start, g.end),
                });
            }
        }
        for (j, (s, e, m)) in preds.iter().enumerate() {
            if !used[j] {
                r.errors.push(GeoError {
                    doc: a.id.clone(),
                    kind: "spurious",
                    start: *s,
                    end: *e,
                    text: chars[(*s).min(chars.len())..(*e).min(chars.len())]
                        .iter()
                        .collect(),
                    gold: None,
                    predicted: Some(describe(m)),
                    error_km: None,
                    context: context(&chars, *s, *e),
                });
            }
        }
    }
    r.gold_toponyms = ngold;
    r.predicted = npred;
    r.exact = SpanScores::new(tp_exact, npred, ngold);
    r.overlap = SpanScores::new(tp_overlap, npred, ngold);
    if r.resolved > 0 {
        r.id_accuracy = r.id_correct as f64 / r.resolved as f64;
        r.accuracy_161km = r.within_161km as f64 / r.resolved as f64;
        errors_km.sort_by(f64::total_cmp);
        let n = errors_km.len();
        r.median_error_km = if n % 2 == 1 {
            errors_km[n / 2]
        } else {
            (errors_km[n / 2 - 1] + errors_km[n / 2]) / 2.0
        };
        r.mean_error_km = errors_km.iter().sum::<f64>() / n as f64;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<articles>
    <article docid="a1">
        <title>Test</title>
        <url>http://example.org/a1</url>
        <dltime>2017-03-01</dltime>
        <text><![CDATA[Officials in Zürich met envoys from Ankara & Kyiv.]]></text>
        <toponyms>
            <toponym>
                <phrase>Zürich</phrase>
                <start>13</start>
                <end>19</end>
                <gaztag geonameid="2657896"><name>Zurich</name><fcode>PPLA</fcode><lat>47.36667</lat><lon>8.55</lon></gaztag>
            </toponym>
            <toponym>
                <phrase>Ankara</phrase>
                <start>35</start>
                <end>41</end>
                <gaztag geonameid="323786"><name>Ankara</name><fcode>PPLC</fcode><lat>39.91987</lat><lon>32.85427</lon></gaztag>
            </toponym>
            <toponym>
                <phrase>Kyiv</phrase>
                <start>44</start>
                <end>48</end>
            </toponym>
        </toponyms>
    </article>
</articles>"#;

    #[test]
    fn parses_and_repairs_offsets() {
        let arts = parse(XML).expect("parse");
        assert_eq!(arts.len(), 1);
        let a = &arts[0];
        assert_eq!(a.id, "a1");
        assert_eq!(a.date.as_deref(), Some("2017-03-01"));
        assert_eq!(a.toponyms.len(), 3);
        let chars: Vec<char> = a.text.chars().collect();
        for t in &a.toponyms {
            let s: String = chars[t.start..t.end].iter().collect();
            assert_eq!(s, t.phrase);
        }
        // "Ankara" and "Kyiv" were given one character too early; "Kyiv" has no gaztag.
        assert_eq!(a.repaired, 2);
        assert_eq!(a.toponyms[0].geonameid, Some(2657896));
        assert_eq!(a.toponyms[2].geonameid, None);
        assert!(parse("<articles><article docid=\"x\"><text>a</wrong>").is_err());
    }

    #[test]
    fn scores() {
        assert!((SpanScores::new(8, 10, 16).f1 - 2.0 * 0.8 * 0.5 / 1.3).abs() < 1e-9);
        assert_eq!(SpanScores::new(0, 0, 0).f1, 0.0);
    }
}
