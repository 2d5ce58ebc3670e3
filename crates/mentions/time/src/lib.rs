//! Time mentions: recognition and TIMEX3 normalisation of time expressions.
//!
//! [`TimeTagger::annotate`] fills [`Document::times`] in one left-to-right pass over the tokens
//! of the text stage. At each token it tries a fixed set of compiled patterns (closed word
//! tables and hand-written token automata, see `grammar.rs`) and keeps the longest match; the
//! match is then normalised (`resolve.rs`) against:
//!
//! * the document creation time `doc.meta.date` (relative expressions get `value: None` when
//!   it is missing; absolute ones still normalise),
//! * the *narrative anchor*: the last calendar point the text itself mentioned, so that
//!   `two days later` or `the next day` after `on Feb. 3, 2025` resolve against Feb. 3,
//! * the last quarter spoken of (`the quarter`, `a year earlier` in an earnings report),
//! * the tense of the clause (`arrived on Sunday` is the last Sunday, `would take place on
//!   Tuesday` the next one).
//!
//! Conventions follow TimeML / TimeBank 1.2: extents include determiners and quantity
//! modifiers (`the past two months`, `nearly three years`) but not prepositions; values are
//! ISO-like (`2025-02-17`, `2025-W07`, `2025-Q3`, `2025-SU`, `199` for the 1990s, `P3Y`,
//! `PRESENT_REF`, ...). One deliberate difference: `two days later` is a DATE resolved against
//! the anchor (TimeBank tags only `two days` as a DURATION), because event dating needs the day.

mod grammar;
mod resolve;
mod tense;
mod value;
mod words;

pub mod eval;

use attache_doc::{Document, TimeMention, TokenRange};
use grammar::{Sem, YearRef};
use resolve::{resolve, Ctx, Local};
use value::Val;

/// Errors of the time crate (the evaluation loader is the only fallible part).
#[derive(Debug, thiserror::Error)]
pub enum TimeError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {msg}")]
    Format { path: String, msg: String },
    #[error("no TimeML (*.tml) files found in {0}")]
    NoFiles(String),
}

/// Recognises and normalises time expressions. Build once; it is immutable, `Send + Sync` and
/// cheap to share across threads.
#[derive(Debug, Clone)]
pub struct TimeTagger {
    words: words::Words,
}

impl Default for TimeTagger {
    fn default() -> Self {
        Self::new()
    }
}

impl TimeTagger {
    /// Compile the word tables.
    pub fn new() -> Self {
        TimeTagger {
            words: words::Words::new(),
        }
    }

    /// Give the time words vocabulary ids in `lex`: documents tagged with it are then read
    /// without hashing each token again. Same results with or without.
    pub fn bind_vocabulary(&mut self, lex: &mut attache_text::Lexicon) {
        self.words.bind(lex);
    }

    /// Fill `doc.times` (replacing what was there) from the tokens and sentences of the text
    /// stage. Anchor: `doc.meta.date`.
    pub fn annotate(&self, doc: &mut Document) {
        let times = self.find(doc);
        doc.times = times;
    }

    fn find(&self, doc: &Document) -> Vec<TimeMention> {
        let view = grammar::View::new(doc, &self.words);
        let mut ctx = Ctx {
            dct: doc.meta.date,
            ..Default::default()
        };
        let mut out = Vec::new();
        let n = view.len();
        let mut i = 0;
        let mut local: Option<(Option<usize>, Local)> = None;
        while i < n {
            // Most tokens start no pattern: skip them without the call.
            if !view.may_start(i) {
                i += 1;
                continue;
            }
            let Some(c) = view.best(i) else {
                i += 1;
                continue;
            };
            let (start, end) = (c.start, c.end.min(n));
            let sentence = doc.sentence_of(start);
            ctx.local = local.filter(|(s, _)| *s == sentence).map(|(_, l)| l);
            let mut cached = None;
            let mut tense = || *cached.get_or_insert_with(|| tense::tense_near(&view, start, end));
            let r = resolve(&c.sem, &ctx, &mut tense);
            if let Some(v) = r.val {
                update_context(&mut ctx, &c.sem, v);
                if !matches!(c.sem, Sem::Shift { .. }) {
                    local = Some((sentence, Local::Point(v)));
                }
            }
            if let Sem::Dur(d) = &c.sem {
                if d.ends_with('M') && !d.starts_with("PT") {
                    local = Some((sentence, Local::MonthSpan));
                }
            }
            let tokens = TokenRange::new(start, end);
            out.push(TimeMention {
                span: doc.token_span(tokens),
                tokens,
                timex_type: r.timex_type,
                value: r.value,
                granularity: r.granularity.map(str::to_string),
                modifier: c.modifier.map(str::to_string),
            });
            i = end.max(i + 1);
        }
        out
    }
}

/// Move the narrative anchor and the quarter context after a resolved expression.
fn update_context(ctx: &mut Ctx, sem: &Sem, v: Val) {
    let anchoring = !matches!(
        sem,
        Sem::Shift { .. } | Sem::Anaphoric { .. } | Sem::Ref(_) | Sem::Dur(_) | Sem::Set(_)
    );
    if anchoring {
        ctx.anchor = Some(v);
    }
    // A quarter becomes the subject of the text once it is over (an earnings report speaks of
    // the quarter just ended; `the fourth quarter` in October is a forecast).
    if let (
        Sem::Quarter {
            year: YearRef::Implicit | YearRef::Dct(0),
            ..
        },
        Val::Quarter(y, q),
    ) = (sem, v)
    {
        let ended = match (
            ctx.dct,
            value::Val::Quarter(y, q)
                .first_day()
                .and_then(|d| value::add_months(d, 3)),
        ) {
            (Some(dct), Some(next)) => next <= dct,
            _ => true,
        };
        if ended {
            ctx.quarter = Some((y, q));
        }
    }
}

#[cfg(test)]
mod tests;
