//! ConfliBERT CAMEO sets: sentence classification (`sentence<TAB>label`, five classes) and
//! source/target spans (CoNLL token-per-line BIO with S, T and R roles).

use std::path::Path;

use attache_doc::DocMeta;
use attache_events::penta_class;
use attache_pipeline::Pipeline;

use crate::metrics::{Classes, Prf, Summary};
use crate::{primary_event, read, EvalError, Report};

pub const CLASS_NAMES: [&str; 5] = [
    "0-statement",
    "1-verbal-coop",
    "2-material-coop",
    "3-verbal-conflict",
    "4-material-conflict",
];

#[derive(Debug, Clone, Default)]
pub struct ClassReport {
    pub classes: Classes,
    pub items: Vec<(String, usize, Option<usize>, Option<String>)>,
}

pub fn evaluate_class(path: &Path, pipeline: &Pipeline) -> Result<ClassReport, EvalError> {
    let text = read(path)?;
    let mut r = ClassReport::default();
    for (no, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((sent, label)) = line.rsplit_once('\t') else {
            return Err(EvalError::Format(
                format!("{}:{}", path.display(), no + 1),
                "expected sentence<TAB>label".into(),
            ));
        };
        let Ok(gold) = label.trim().parse::<usize>() else {
            return Err(EvalError::Format(
                format!("{}:{}", path.display(), no + 1),
                format!("bad label `{label}`"),
            ));
        };
        if gold > 4 {
            return Err(EvalError::Format(
                format!("{}:{}", path.display(), no + 1),
                format!("label {gold} out of range 0-4"),
            ));
        }
        let (_, events) = pipeline.code_text(
            DocMeta {
                id: format!("line{}", no + 1),
                ..Default::default()
            },
            sent,
        );
        let p = primary_event(&events);
        let pred = p.and_then(|e| penta_class(&e.cameo)).map(usize::from);
        r.classes
            .add(CLASS_NAMES[gold], pred.map(|c| CLASS_NAMES[c]));
        r.items.push((
            sent.to_string(),
            gold,
            pred,
            p.map(|e| format!("{} {}", e.cameo, e.trigger.text)),
        ));
    }
    Ok(r)
}

impl Report for ClassReport {
    fn table(&self) -> String {
        format!(
            "ConfliBERT five-class: {} sentences, {} with no event (counted wrong)\n  accuracy {:.3}   macro-F1 {:.3}\n{}",
            self.classes.total,
            self.classes.missing,
            self.classes.accuracy(),
            self.classes.macro_f1(),
            self.classes.table()
        )
    }
    fn json(&self) -> String {
        let mut v = self.classes.json();
        v["dataset"] = "conflibert-class".into();
        v.to_string()
    }
    fn errors(&self) -> String {
        let mut s = String::from("\nerrors (gold -> predicted):\n");
        for (sent, g, p, ev) in &self.items {
            if Some(*g) != *p {
                s += &format!(
                    "{} -> {}\t{}\t{}\n",
                    g,
                    p.map_or("-".into(), |x| x.to_string()),
                    ev.as_deref().unwrap_or(""),
                    sent
                );
            }
        }
        s
    }
}

/// Spans as (role, first token, end token).
type Spans = Vec<(char, usize, usize)>;

#[derive(Debug, Clone, Default)]
pub struct SpanReport {
    pub sentences: usize,
    pub exact: [Prf; 2],
    pub overlap: [Prf; 2],
    pub items: Vec<(String, Spans, Spans)>,
}

fn bio_spans(tags: &[String]) -> Spans {
    let mut out = Vec::new();
    let mut cur: Option<(char, usize)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (bi, role) = match t.split_once('-') {
            Some((b, r)) => (
                b.chars().next().unwrap_or('O'),
                r.chars().next().unwrap_or('O'),
            ),
            None => ('O', 'O'),
        };
        let continues = bi == 'I' && cur.is_some_and(|(r, _)| r == role);
        if !continues {
            if let Some((r, s)) = cur.take() {
                out.push((r, s, i));
            }
            if bi == 'B' || bi == 'I' {
                cur = Some((role, i));
            }
        }
    }
    if let Some((r, s)) = cur {
        out.push((r, s, tags.len()));
    }
    out
}

pub fn evaluate_spans(path: &Path, pipeline: &Pipeline) -> Result<SpanReport, EvalError> {
    let text = read(path)?;
    let mut r = SpanReport::default();
    let mut toks: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let flush = |toks: &mut Vec<String>, tags: &mut Vec<String>, r: &mut SpanReport| {
        if toks.is_empty() {
            return;
        }
        // Rebuild the sentence with single spaces and remember each token's byte range.
        let mut sentence = String::new();
        let mut ranges = Vec::with_capacity(toks.len());
        for t in toks.iter() {
            if !sentence.is_empty() {
                sentence.push(' ');
            }
            let s = sentence.len();
            sentence.push_str(t);
            ranges.push((s, sentence.len()));
        }
        let (doc, events) = pipeline.code_text(
            DocMeta {
                id: format!("s{}", r.sentences),
                ..Default::default()
            },
            &sentence,
        );
        let gold = bio_spans(tags);
        let mut pred: Spans = Vec::new();
        if let Some(e) = primary_event(&events) {
            for (role, side) in [('S', &e.actor), ('T', &e.recipient)] {
                for a in side.iter() {
                    let (mut bs, mut be) = (doc.byte_offset(a.start), doc.byte_offset(a.end));
                    // The annotators mark the named actor a pronoun stands for ("NAF says it
                    // has killed ..." has NAF as source).
                    if let Some(k) = doc
                        .actors
                        .iter()
                        .find(|m| m.span.start == bs && m.span.end == be)
                        .and_then(|m| m.antecedent)
                    {
                        (bs, be) = (doc.actors[k].span.start, doc.actors[k].span.end);
                    }
                    let first = ranges.iter().position(|&(s, e2)| e2 > bs && s < be);
                    let last = ranges.iter().rposition(|&(s, e2)| e2 > bs && s < be);
                    if let (Some(f), Some(l)) = (first, last) {
                        pred.push((role, f, l + 1));
                    }
                }
            }
        }
        for (k, role) in ['S', 'T'].iter().enumerate() {
            // Reciprocal actors (R) count on either side.
            let g: Vec<(usize, usize)> = gold
                .iter()
                .filter(|x| x.0 == *role || x.0 == 'R')
                .map(|x| (x.1, x.2))
                .collect();
            let p: Vec<(usize, usize)> = pred
                .iter()
                .filter(|x| x.0 == *role)
                .map(|x| (x.1, x.2))
                .collect();
            r.exact[k].add(Prf::of_sets(&g, &p));
            let hit_p = p
                .iter()
                .filter(|a| g.iter().any(|b| a.0 < b.1 && b.0 < a.1))
                .count();
            let hit_g = g
                .iter()
                .filter(|b| p.iter().any(|a| a.0 < b.1 && b.0 < a.1))
                .count();
            r.overlap[k].add(Prf {
                tp: hit_g.min(hit_p),
                fp: p.len() - hit_p.min(p.len()),
                fn_: g.len() - hit_g,
            });
        }
        r.sentences += 1;
        r.items.push((sentence, gold, pred));
        toks.clear();
        tags.clear();
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut toks, &mut tags, &mut r);
            continue;
        }
        let (tok, tag) = line.rsplit_once([' ', '\t']).unwrap_or((line, "O"));
        toks.push(tok.to_string());
        tags.push(tag.to_string());
    }
    flush(&mut toks, &mut tags, &mut r);
    Ok(r)
}

impl Report for SpanReport {
    fn table(&self) -> String {
        let mut s = format!(
            "ConfliBERT spans: {} sentences\n  {:<22} {:>9} {:>9} {:>9}\n",
            self.sentences, "span", "precision", "recall", "F1"
        );
        for (k, role) in ["source", "target"].iter().enumerate() {
            for (kind, p) in [("exact", self.exact[k]), ("overlap", self.overlap[k])] {
                s += &format!(
                    "  {:<22} {:>9.3} {:>9.3} {:>9.3}\n",
                    format!("{role} {kind}"),
                    p.precision(),
                    p.recall(),
                    p.f1()
                );
            }
        }
        s
    }
    fn json(&self) -> String {
        serde_json::json!({
            "dataset": "conflibert-spans", "sentences": self.sentences,
            "source_exact": Summary::from(self.exact[0]), "target_exact": Summary::from(self.exact[1]),
            "source_overlap": Summary::from(self.overlap[0]), "target_overlap": Summary::from(self.overlap[1]),
        })
        .to_string()
    }
    fn errors(&self) -> String {
        let mut s = String::from("\nerrors (gold vs predicted spans, token indices):\n");
        for (sent, g, p) in &self.items {
            if g.iter().filter(|x| x.0 != 'R').collect::<Vec<_>>() != p.iter().collect::<Vec<_>>() {
                s += &format!("gold {g:?} pred {p:?}\n\t{sent}\n");
            }
        }
        s
    }
}
