//! Event stage: finds triggers in each clause, attaches sources and targets, and turns them into
//! records with CAMEO code, Goldstein score, QuadClass, PLOVER event and mode, status, date,
//! location, attribution and counts.

mod attribution;
pub mod coder;
mod context;
pub mod export;
mod record;
mod status;
mod tables;
mod triggers;

pub use coder::{find_events, Candidate, Ctx};
pub use context::granularity_of;
pub use record::*;
pub use tables::{intent_code, penta_class, CameoCode, CameoTable, BUILTIN_CAMEO};
pub use triggers::{
    parse_frame, singular, Elem, TriggerDictionary, TriggerEntry, TriggerKind, TriggerSources,
};

use attache_doc::Document;
use attache_text::Lexicon;

#[derive(Debug, thiserror::Error)]
pub enum EventError {
    #[error("{file}:{line}: {msg}")]
    Data {
        file: String,
        line: usize,
        msg: String,
    },
}

/// The event coder: trigger dictionary plus the CAMEO table.
#[derive(Debug, Clone)]
pub struct Coder {
    pub triggers: TriggerDictionary,
    pub table: CameoTable,
}

impl Coder {
    pub fn builtin() -> Result<Self, EventError> {
        Ok(Coder {
            triggers: TriggerDictionary::builtin()?,
            table: CameoTable::builtin()?,
        })
    }

    /// Code an analysed document (text, mention and clause layers filled) into event records.
    pub fn code(&self, doc: &Document, lex: &Lexicon) -> Vec<EventRecord> {
        let cx = Ctx::new(doc, lex);
        let cands = find_events(&self.triggers, &cx);
        cands
            .iter()
            .enumerate()
            .filter_map(|(n, c)| self.record(&cx, c, n))
            .collect()
    }

    pub fn record(&self, cx: &Ctx, c: &Candidate, n: usize) -> Option<EventRecord> {
        let doc = cx.doc;
        // A planned cooperative act is coded as the intent, a planned act of force as a threat
        // (CAMEO's convention); the status keeps the distinction explicit.
        let code = intent_code(&c.code, c.status == Status::Planned)
            .map_or_else(|| c.code.clone(), str::to_string);
        let info = self.table.get(&code)?;
        let actor_ref = |m: &usize| {
            let a = &doc.actors[*m];
            ActorRef {
                text: doc.slice(a.span).to_string(),
                name: a.name.clone(),
                code: a.code.clone(),
                country: a.country.clone(),
                sector: a.sector.clone(),
                start: doc.char_offset(a.span.start),
                end: doc.char_offset(a.span.end),
            }
        };
        let tspan = doc.token_span(c.trigger);
        let mut counts = Vec::new();
        crate::counts_for(cx, c, &mut counts);
        Some(EventRecord {
            id: format!("{}-{}", doc.meta.id, n + 1),
            doc_id: doc.meta.id.clone(),
            sentence: c.sentence,
            cameo_root: code[..2].to_string(),
            cameo: code,
            goldstein: info.goldstein,
            quad_class: info.quad_class,
            plover: Plover {
                event: info.plover_event.clone(),
                mode: info.plover_mode.clone(),
            },
            status: c.status,
            actor: c.source.iter().map(actor_ref).collect(),
            recipient: c.target.iter().map(actor_ref).collect(),
            trigger: TextSpan {
                text: doc.slice(tspan).to_string(),
                start: doc.char_offset(tspan.start),
                end: doc.char_offset(tspan.end),
            },
            date: context::date_of(cx, c),
            location: context::location_of(cx, c),
            attribution: context::attribution_of(cx, c),
            counts,
        })
    }
}

/// Counts tied to an event: numbers in its clause measuring people killed, injured, held, ...
fn counts_for(cx: &Ctx, c: &Candidate, out: &mut Vec<Count>) {
    let doc = cx.doc;
    let sent = doc.sentences[c.sentence].tokens;
    for n in &doc.numbers {
        if !sent.contains(n.tokens.start) {
            continue;
        }
        // The kind comes from the words after the number ("1,200 people killed", "250 taken
        // hostage") or the verb before it ("killed more than 48,000 Palestinians").
        let kind = count_kind(cx, n.tokens, sent);
        let Some(kind) = kind else { continue };
        let span = n.span;
        out.push(Count {
            kind,
            value: n.value,
            qualifier: n.qualifier.clone(),
            text: doc.slice(span).to_string(),
            start: doc.char_offset(span.start),
            end: doc.char_offset(span.end),
            attribution: None,
        });
    }
}

fn count_kind(
    cx: &Ctx,
    r: attache_doc::TokenRange,
    sent: attache_doc::TokenRange,
) -> Option<String> {
    let doc = cx.doc;
    let kind_of = |w: &str| -> Option<&'static str> {
        Some(match w {
            "killed" | "kill" | "kills" | "killing" | "dead" | "died" | "deaths" | "fatalities"
            | "lives" => "killed",
            "injured" | "wounded" | "injuring" | "wounding" | "hurt" | "injuries" => "injured",
            "hostage" | "hostages" | "abducted" | "kidnapped" => "hostage",
            "detained" | "arrested" | "detaining" | "arresting" | "detainees" | "arrests" => {
                "detained"
            }
            "displaced" | "displacing" | "refugees" | "fled" | "evacuated" => "displaced",
            "missing" => "missing",
            "released" | "freed" | "releasing" | "freeing" => "released",
            "troops" | "soldiers" | "deployed" => "troops",
            _ => return None,
        })
    };
    for k in r.end..(r.end + 4).min(sent.end) {
        if let Some(x) = kind_of(doc.low(k)) {
            return Some(x.into());
        }
    }
    let lo = r.start.saturating_sub(4).max(sent.start);
    for k in (lo..r.start).rev() {
        if let Some(x) = kind_of(doc.low(k)) {
            return Some(x.into());
        }
    }
    None
}
