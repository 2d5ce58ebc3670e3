//! Reading: filtered events and mentions, documents, statistics, the timeline, the actor
//! network and the map.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use attache_events::{CameoTable, EventRecord};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::ingest::{split_keys, Layers};
use crate::{Result, Store, StoreError};

/// Query filters; every field is optional and they combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// First day (YYYY-MM-DD), inclusive, of the event date.
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD), inclusive.
    pub to: Option<String>,
    /// Actor: a country (`FRA`), a country-level key (`IGOUNO`) or a code prefix (`FRAGOV`).
    pub actor: Option<String>,
    /// Recipient, same forms. For symmetric events (meetings) actor and recipient both match
    /// any participant.
    pub recipient: Option<String>,
    /// CAMEO code prefix: a root (`04`) or a code (`042`).
    pub cameo: Option<String>,
    /// PLOVER event type (`CONSULT`).
    pub plover: Option<String>,
    /// `occurred`, `planned`, `negated` or `hypothetical`.
    pub status: Option<String>,
    /// QuadClass 1–4.
    pub quad_class: Option<u8>,
    /// Place name or country (ISO3) of the event location.
    pub place: Option<String>,
    /// Document source (outlet).
    pub source: Option<String>,
    /// Document id.
    pub doc: Option<String>,
    /// Event id (mentions of one event).
    pub event: Option<i64>,
    /// Events with at least this many mentions.
    pub min_mentions: Option<i64>,
}

/// Order of results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Oldest first (exports).
    #[default]
    Date,
    /// Newest first (the web page).
    Recent,
    /// Most mentioned first.
    Mentions,
}

/// Paging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub limit: Option<usize>,
    pub offset: usize,
    pub order: Order,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            limit: None,
            offset: 0,
            order: Order::Date,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    pub code: String,
    pub name: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceOut {
    pub name: String,
    pub country: Option<String>,
    pub resolution: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// A merged real-world event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    pub id: i64,
    pub date: Option<String>,
    pub date_lo: Option<String>,
    pub date_hi: Option<String>,
    pub cameo: String,
    pub cameo_root: String,
    pub cameo_name: Option<String>,
    pub plover: Option<String>,
    pub quad_class: u8,
    pub goldstein: f64,
    pub status: String,
    /// Meetings, talks and signed agreements: `actors` lists every participant.
    pub symmetric: bool,
    /// Country-level keys of the actor side (every participant when symmetric).
    pub actors: Vec<String>,
    pub recipients: Vec<String>,
    /// The first actor of the representative (first) mention.
    pub actor: Option<Side>,
    pub recipient: Option<Side>,
    pub place: Option<PlaceOut>,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub num_documents: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub attributions: Vec<String>,
    pub sources: Vec<String>,
    pub rep_mention: Option<i64>,
}

/// One stored mention: the coded record with its document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRow {
    pub seq: i64,
    pub event_id: i64,
    pub doc_id: String,
    pub doc_title: Option<String>,
    pub doc_date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub duplicate_of: Option<String>,
    pub day: Option<String>,
    pub record: EventRecord,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRow {
    pub id: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub duplicate_of: Option<String>,
    pub similarity: Option<f64>,
    pub num_mentions: i64,
    pub chars: i64,
}

/// A document with everything the article view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    #[serde(flatten)]
    pub doc: DocumentRow,
    pub text: String,
    pub layers: Layers,
    pub mentions: Vec<MentionRow>,
    /// Later documents linked to this one as near-duplicates.
    pub copies: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    #[serde(flatten)]
    pub event: EventRow,
    pub mentions: Vec<MentionRow>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub documents: i64,
    pub duplicates: i64,
    pub mentions: i64,
    pub events: i64,
    pub errors: i64,
    pub actors: i64,
    pub places: i64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

/// Events (or mentions) of one day by QuadClass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: String,
    pub total: i64,
    /// Verbal cooperation, material cooperation, verbal conflict, material conflict.
    pub quad: [i64; 4],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeCount {
    pub cameo_root: String,
    pub name: Option<String>,
    pub quad_class: u8,
    pub count: i64,
    pub mentions: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DyadCount {
    pub actor: String,
    pub recipient: String,
    pub symmetric: bool,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub totals: Totals,
    pub by_day: Vec<DayCount>,
    pub by_type: Vec<TypeCount>,
    pub by_dyad: Vec<DyadCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub name: Option<String>,
    pub events: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub source: String,
    pub target: String,
    /// Events from `source` to `target` (both ways for symmetric ones).
    pub weight: i64,
    pub symmetric: bool,
    /// Events by QuadClass.
    pub quad: [i64; 4],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub events: i64,
    pub quad: [i64; 4],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRow {
    pub id: i64,
    pub input: String,
    pub line: Option<i64>,
    pub doc_id: Option<String>,
    pub error: String,
    pub at: String,
}

fn cameo_table() -> Option<&'static CameoTable> {
    static T: OnceLock<Option<CameoTable>> = OnceLock::new();
    T.get_or_init(|| CameoTable::builtin().ok()).as_ref()
}

/// The CAMEO name of a code.
pub fn cameo_name(code: &str) -> Option<String> {
    cameo_table()
        .and_then(|t| t.get(code))
        .map(|c| c.name.clone())
}

fn check_day(s: &str) -> Result<()> {
    crate::merge::parse_day(s)
        .filter(|_| s.len() == 10)
        .map(|_| ())
        .ok_or_else(|| StoreError::Filter(format!("`{s}` is not a YYYY-MM-DD date")))
}

fn check_len(what: &str, s: &str) -> Result<()> {
    if s.is_empty() || s.len() > 200 {
        return Err(StoreError::Filter(format!(
            "{what} must have 1 to 200 characters"
        )));
    }
    Ok(())
}

impl Filter {
    /// Check the values (dates, CAMEO digits, status, QuadClass).
    pub fn validate(&self) -> Result<()> {
        for d in [&self.from, &self.to].into_iter().flatten() {
            check_day(d)?;
        }
        if let Some(c) = &self.cameo {
            if c.is_empty() || c.len() > 4 || !c.bytes().all(|b| b.is_ascii_digit()) {
                return Err(StoreError::Filter(format!(
                    "CAMEO `{c}` must be 1 to 4 digits"
                )));
            }
        }
        if let Some(s) = &self.status {
            if attache_events::Status::parse(s).is_none() {
                return Err(StoreError::Filter(format!(
                    "status `{s}` is not occurred, planned, negated or hypothetical"
                )));
            }
        }
        if let Some(q) = self.quad_class {
            if !(1..=4).contains(&q) {
                return Err(StoreError::Filter("QuadClass must be 1 to 4".into()));
            }
        }
        for (what, v) in [
            ("actor", &self.actor),
            ("recipient", &self.recipient),
            ("plover", &self.plover),
            ("place", &self.place),
            ("source", &self.source),
            ("doc", &self.doc),
        ] {
            if let Some(v) = v {
                check_len(what, v)?;
            }
        }
        Ok(())
    }

    /// WHERE clause over `events e`.
    fn events_sql(&self, args: &mut Vec<Value>) -> String {
        let mut w: Vec<String> = vec!["e.size > 0".into()];
        let mut arg = |v: Value| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(d) = &self.from {
            w.push(format!("e.date >= {}", arg(d.clone().into())));
        }
        if let Some(d) = &self.to {
            w.push(format!("e.date <= {}", arg(d.clone().into())));
        }
        if let Some(a) = &self.actor {
            let p = arg(a.to_uppercase().into());
            w.push(format!(
                "(instr('+' || e.actor_keys || '+', '+' || {p} || '+') > 0 \
                 OR substr(e.actor_code, 1, length({p})) = {p})"
            ));
        }
        if let Some(a) = &self.recipient {
            let p = arg(a.to_uppercase().into());
            w.push(format!(
                "(instr('+' || CASE WHEN e.symmetric THEN e.actor_keys ELSE e.recipient_keys END \
                 || '+', '+' || {p} || '+') > 0 OR substr(e.recipient_code, 1, length({p})) = {p})"
            ));
        }
        if let Some(c) = &self.cameo {
            let p = arg(c.clone().into());
            w.push(format!("substr(e.cameo, 1, length({p})) = {p}"));
        }
        if let Some(v) = &self.plover {
            w.push(format!("e.plover = {}", arg(v.to_uppercase().into())));
        }
        if let Some(v) = &self.status {
            w.push(format!("e.status = {}", arg(v.to_lowercase().into())));
        }
        if let Some(q) = self.quad_class {
            w.push(format!("e.quad_class = {}", arg(i64::from(q).into())));
        }
        if let Some(v) = &self.place {
            let p = arg(v.clone().into());
            w.push(format!(
                "(e.place_country = upper({p}) OR e.place_name = {p} COLLATE NOCASE)"
            ));
        }
        if let Some(v) = &self.source {
            w.push(format!(
                "e.id IN (SELECT event_id FROM mentions WHERE source = {})",
                arg(v.clone().into())
            ));
        }
        if let Some(v) = &self.doc {
            w.push(format!(
                "e.id IN (SELECT event_id FROM mentions WHERE doc_id = {})",
                arg(v.clone().into())
            ));
        }
        if let Some(v) = self.event {
            w.push(format!("e.id = {}", arg(v.into())));
        }
        if let Some(v) = self.min_mentions {
            w.push(format!("e.num_mentions >= {}", arg(v.into())));
        }
        w.join(" AND ")
    }

    /// WHERE clause over `mentions m`.
    fn mentions_sql(&self, args: &mut Vec<Value>) -> String {
        let mut w: Vec<String> = vec!["1".into()];
        let mut arg = |v: Value| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(d) = &self.from {
            w.push(format!("m.day >= {}", arg(d.clone().into())));
        }
        if let Some(d) = &self.to {
            w.push(format!("m.day <= {}", arg(d.clone().into())));
        }
        for (role, v) in [("actor", &self.actor), ("recipient", &self.recipient)] {
            if let Some(a) = v {
                let p = arg(a.to_uppercase().into());
                let r = arg(role.to_string().into());
                w.push(format!(
                    "m.seq IN (SELECT mention FROM mention_actors WHERE role = {r} \
                     AND (country = {p} OR substr(code, 1, length({p})) = {p}))"
                ));
            }
        }
        if let Some(c) = &self.cameo {
            let p = arg(c.clone().into());
            w.push(format!("substr(m.cameo, 1, length({p})) = {p}"));
        }
        if let Some(v) = &self.plover {
            w.push(format!("m.plover = {}", arg(v.to_uppercase().into())));
        }
        if let Some(v) = &self.status {
            w.push(format!("m.status = {}", arg(v.to_lowercase().into())));
        }
        if let Some(q) = self.quad_class {
            w.push(format!("m.quad_class = {}", arg(i64::from(q).into())));
        }
        if let Some(v) = &self.place {
            let p = arg(v.clone().into());
            w.push(format!(
                "(m.place_country = upper({p}) OR m.place_name = {p} COLLATE NOCASE)"
            ));
        }
        if let Some(v) = &self.source {
            w.push(format!("m.source = {}", arg(v.clone().into())));
        }
        if let Some(v) = &self.doc {
            w.push(format!("m.doc_id = {}", arg(v.clone().into())));
        }
        if let Some(v) = self.event {
            w.push(format!("m.event_id = {}", arg(v.into())));
        }
        if let Some(v) = self.min_mentions {
            w.push(format!(
                "m.event_id IN (SELECT id FROM events WHERE num_mentions >= {})",
                arg(v.into())
            ));
        }
        w.join(" AND ")
    }
}

const EVENT_COLS: &str = "e.id, e.date, e.date_lo, e.date_hi, e.cameo, e.cameo_root, e.plover, \
    e.quad_class, e.goldstein, e.status, e.symmetric, e.actor_keys, e.recipient_keys, \
    e.actor_code, e.actor_name, e.actor_country, e.recipient_code, e.recipient_name, \
    e.recipient_country, e.place_name, e.place_country, e.place_resolution, e.lat, e.lon, \
    e.num_mentions, e.num_sources, e.num_articles, e.num_documents, e.first_seen, e.last_seen, \
    e.attributions, e.sources, e.rep_mention";

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    let side = |code: Option<String>, name: Option<String>, country: Option<String>| {
        code.map(|code| Side {
            code,
            name,
            country,
        })
    };
    let cameo: String = r.get(4)?;
    let attrs: String = r.get(30)?;
    let sources: String = r.get(31)?;
    Ok(EventRow {
        id: r.get(0)?,
        date: r.get(1)?,
        date_lo: r.get(2)?,
        date_hi: r.get(3)?,
        cameo_name: cameo_name(&cameo),
        cameo,
        cameo_root: r.get(5)?,
        plover: r.get(6)?,
        quad_class: r.get(7)?,
        goldstein: r.get(8)?,
        status: r.get(9)?,
        symmetric: r.get(10)?,
        actors: split_keys(&r.get::<_, String>(11)?).into_iter().collect(),
        recipients: split_keys(&r.get::<_, String>(12)?).into_iter().collect(),
        actor: side(r.get(13)?, r.get(14)?, r.get(15)?),
        recipient: side(r.get(16)?, r.get(17)?, r.get(18)?),
        place: r.get::<_, Option<String>>(19)?.map(|name| PlaceOut {
            name,
            country: r.get(20).ok().flatten(),
            resolution: r.get(21).ok().flatten(),
            lat: r.get(22).ok().flatten(),
            lon: r.get(23).ok().flatten(),
        }),
        num_mentions: r.get(24)?,
        num_sources: r.get(25)?,
        num_articles: r.get(26)?,
        num_documents: r.get(27)?,
        first_seen: r.get(28)?,
        last_seen: r.get(29)?,
        attributions: serde_json::from_str(&attrs).unwrap_or_default(),
        sources: serde_json::from_str(&sources).unwrap_or_default(),
        rep_mention: r.get(32)?,
    })
}

const MENTION_COLS: &str = "m.seq, m.event_id, m.doc_id, d.title, d.date, d.source, d.url, \
    d.duplicate_of, m.day, m.record";

fn mention_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MentionRow> {
    let record: String = r.get(9)?;
    let record = serde_json::from_str(&record).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(9, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(MentionRow {
        seq: r.get(0)?,
        event_id: r.get(1)?,
        doc_id: r.get(2)?,
        doc_title: r.get(3)?,
        doc_date: r.get(4)?,
        source: r.get(5)?,
        url: r.get(6)?,
        duplicate_of: r.get(7)?,
        day: r.get(8)?,
        record,
    })
}

fn order_sql(order: Order, events: bool) -> &'static str {
    match (order, events) {
        (Order::Date, true) => "e.date IS NULL, e.date, e.id",
        (Order::Recent, true) => "e.date IS NULL, e.date DESC, e.id DESC",
        (Order::Mentions, true) => "e.num_mentions DESC, e.date DESC, e.id",
        (Order::Date, false) => "m.day IS NULL, m.day, m.seq",
        (Order::Recent, false) => "m.day IS NULL, m.day DESC, m.seq DESC",
        (Order::Mentions, false) => "m.event_id, m.seq",
    }
}

fn limit_sql(page: &Page, args: &mut Vec<Value>) -> String {
    args.push(page.limit.map_or(-1, |l| l as i64).into());
    args.push((page.offset as i64).into());
    format!(" LIMIT ?{} OFFSET ?{}", args.len() - 1, args.len())
}

impl Store {
    /// Visit the events matching `f`, in `page` order.
    pub fn each_event(
        &self,
        f: &Filter,
        page: &Page,
        visit: &mut dyn FnMut(EventRow) -> Result<()>,
    ) -> Result<()> {
        f.validate()?;
        let mut args = Vec::new();
        let w = f.events_sql(&mut args);
        let sql = format!(
            "SELECT {EVENT_COLS} FROM events e WHERE {w} ORDER BY {}{}",
            order_sql(page.order, true),
            limit_sql(page, &mut args)
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            visit(event_row(r)?)?;
        }
        Ok(())
    }

    /// The events matching `f`, one page.
    pub fn events(&self, f: &Filter, page: &Page) -> Result<Vec<EventRow>> {
        let mut out = Vec::new();
        self.each_event(f, page, &mut |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    pub fn count_events(&self, f: &Filter) -> Result<i64> {
        f.validate()?;
        let mut args = Vec::new();
        let w = f.events_sql(&mut args);
        Ok(self.conn.query_row(
            &format!("SELECT count(*) FROM events e WHERE {w}"),
            params_from_iter(args),
            |r| r.get(0),
        )?)
    }

    /// Visit the mentions matching `f`, in `page` order.
    pub fn each_mention(
        &self,
        f: &Filter,
        page: &Page,
        visit: &mut dyn FnMut(MentionRow) -> Result<()>,
    ) -> Result<()> {
        f.validate()?;
        let mut args = Vec::new();
        let w = f.mentions_sql(&mut args);
        let sql = format!(
            "SELECT {MENTION_COLS} FROM mentions m JOIN documents d ON d.id = m.doc_id \
             WHERE {w} ORDER BY {}{}",
            order_sql(page.order, false),
            limit_sql(page, &mut args)
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            visit(mention_row(r)?)?;
        }
        Ok(())
    }

    pub fn mentions(&self, f: &Filter, page: &Page) -> Result<Vec<MentionRow>> {
        let mut out = Vec::new();
        self.each_mention(f, page, &mut |m| {
            out.push(m);
            Ok(())
        })?;
        Ok(out)
    }

    pub fn count_mentions(&self, f: &Filter) -> Result<i64> {
        f.validate()?;
        let mut args = Vec::new();
        let w = f.mentions_sql(&mut args);
        Ok(self.conn.query_row(
            &format!("SELECT count(*) FROM mentions m WHERE {w}"),
            params_from_iter(args),
            |r| r.get(0),
        )?)
    }

    /// One mention by its sequence number.
    pub fn mention(&self, seq: i64) -> Result<Option<MentionRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {MENTION_COLS} FROM mentions m JOIN documents d ON d.id = m.doc_id \
                 WHERE m.seq = ?1"
            ))?
            .query_row([seq], mention_row)
            .optional()?)
    }

    /// One event with all its mentions.
    pub fn event(&self, id: i64) -> Result<Option<EventView>> {
        let f = Filter {
            event: Some(id),
            ..Default::default()
        };
        let Some(event) = self.events(&f, &Page::default())?.into_iter().next() else {
            return Ok(None);
        };
        let mentions = self.mentions(&f, &Page::default())?;
        Ok(Some(EventView { event, mentions }))
    }

    /// Documents, newest ingested first; `q` filters by title or id (substring).
    pub fn documents(&self, q: Option<&str>, page: &Page) -> Result<(i64, Vec<DocumentRow>)> {
        let pattern = q.map(|q| format!("%{}%", q.replace(['%', '_'], "")));
        let w = "(?1 IS NULL OR title LIKE ?1 OR id LIKE ?1)";
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM documents WHERE {w}"),
            [&pattern],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, date, source, url, title, duplicate_of, similarity, num_mentions, \
             length(text) FROM documents WHERE {w} ORDER BY seq DESC LIMIT ?2 OFFSET ?3"
        ))?;
        let rows = stmt
            .query_map(
                params![
                    pattern,
                    page.limit.map_or(-1, |l| l as i64),
                    page.offset as i64
                ],
                doc_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((total, rows))
    }

    /// One document with its text, layers, mentions and copies.
    pub fn document(&self, id: &str) -> Result<Option<DocumentView>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, date, source, url, title, duplicate_of, similarity, num_mentions, \
                 length(text), text, layers FROM documents WHERE id = ?1",
                [id],
                |r| Ok((doc_row(r)?, r.get::<_, String>(9)?, r.get::<_, String>(10)?)),
            )
            .optional()?;
        let Some((doc, text, layers)) = row else {
            return Ok(None);
        };
        let f = Filter {
            doc: Some(id.to_string()),
            ..Default::default()
        };
        let mut mentions = self.mentions(&f, &Page::default())?;
        mentions.sort_by_key(|m| (m.record.sentence, m.record.trigger.start));
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE duplicate_of = ?1 ORDER BY seq")?;
        let copies = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(Some(DocumentView {
            doc,
            text,
            layers: Layers::from_stored(&layers)?,
            mentions,
            copies,
        }))
    }

    /// The most recent ingest errors.
    pub fn errors(&self, page: &Page) -> Result<Vec<ErrorRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, input, line, doc_id, error, at FROM ingest_errors ORDER BY id DESC \
             LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt
            .query_map(
                params![page.limit.map_or(-1, |l| l as i64), page.offset as i64],
                |r| {
                    Ok(ErrorRow {
                        id: r.get(0)?,
                        input: r.get(1)?,
                        line: r.get(2)?,
                        doc_id: r.get(3)?,
                        error: r.get(4)?,
                        at: r.get(5)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn totals(&self) -> Result<Totals> {
        let c = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        let (first_day, last_day) = self.conn.query_row(
            "SELECT min(date), max(date) FROM events WHERE size > 0",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Totals {
            documents: c("SELECT count(*) FROM documents")?,
            duplicates: c("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")?,
            mentions: c("SELECT count(*) FROM mentions")?,
            events: c("SELECT count(*) FROM events WHERE size > 0")?,
            errors: c("SELECT count(*) FROM ingest_errors")?,
            actors: c("SELECT count(*) FROM actors")?,
            places: c("SELECT count(*) FROM places")?,
            first_day,
            last_day,
        })
    }

    /// Events (or, with `mentions`, mentions) per day by QuadClass. Only those dated to a
    /// month or better are counted: an event known only by its year has no day.
    pub fn timeline(&self, f: &Filter, mentions: bool) -> Result<Vec<DayCount>> {
        f.validate()?;
        let mut args = Vec::new();
        let sql = if mentions {
            let w = f.mentions_sql(&mut args);
            format!(
                "SELECT m.day, m.quad_class, count(*) FROM mentions m WHERE {w} \
                 AND m.day IS NOT NULL AND julianday(m.date_hi) - julianday(m.date_lo) < 31 \
                 GROUP BY m.day, m.quad_class ORDER BY m.day"
            )
        } else {
            let w = f.events_sql(&mut args);
            format!(
                "SELECT e.date, e.quad_class, count(*) FROM events e WHERE {w} \
                 AND e.date IS NOT NULL AND julianday(e.date_hi) - julianday(e.date_lo) < 31 \
                 GROUP BY e.date, e.quad_class ORDER BY e.date"
            )
        };
        let mut stmt = self.conn.prepare(&sql)?;
        let mut days: BTreeMap<String, [i64; 4]> = BTreeMap::new();
        let mut rows = stmt.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            let day: String = r.get(0)?;
            let q: i64 = r.get(1)?;
            let n: i64 = r.get(2)?;
            if (1..=4).contains(&q) {
                days.entry(day).or_default()[(q - 1) as usize] += n;
            }
        }
        Ok(days
            .into_iter()
            .map(|(day, quad)| DayCount {
                day,
                total: quad.iter().sum(),
                quad,
            })
            .collect())
    }

    /// Counts by day, by CAMEO root and by dyad (the `top` most frequent dyads).
    pub fn stats(&self, f: &Filter, mentions: bool, top: usize) -> Result<Stats> {
        let by_day = self.timeline(f, mentions)?;
        let mut args = Vec::new();
        let sql = if mentions {
            let w = f.mentions_sql(&mut args);
            format!(
                "SELECT m.cameo_root, min(m.quad_class), count(*), count(*) FROM mentions m \
                 WHERE {w} GROUP BY m.cameo_root ORDER BY count(*) DESC, m.cameo_root"
            )
        } else {
            let w = f.events_sql(&mut args);
            format!(
                "SELECT e.cameo_root, min(e.quad_class), count(*), sum(e.num_mentions) \
                 FROM events e WHERE {w} GROUP BY e.cameo_root ORDER BY count(*) DESC, e.cameo_root"
            )
        };
        let mut stmt = self.conn.prepare(&sql)?;
        let by_type = stmt
            .query_map(params_from_iter(args), |r| {
                let root: String = r.get(0)?;
                Ok(TypeCount {
                    name: cameo_name(&root),
                    cameo_root: root,
                    quad_class: r.get(1)?,
                    count: r.get(2)?,
                    mentions: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut args = Vec::new();
        let sql = if mentions {
            let w = f.mentions_sql(&mut args);
            format!(
                "SELECT m.actor_keys, m.recipient_keys, m.symmetric, count(*) AS n FROM mentions m \
                 WHERE {w} GROUP BY 1, 2, 3 ORDER BY n DESC, 1, 2 LIMIT {top}"
            )
        } else {
            let w = f.events_sql(&mut args);
            format!(
                "SELECT e.actor_keys, e.recipient_keys, e.symmetric, count(*) AS n FROM events e \
                 WHERE {w} GROUP BY 1, 2, 3 ORDER BY n DESC, 1, 2 LIMIT {top}"
            )
        };
        let mut stmt = self.conn.prepare(&sql)?;
        let by_dyad = stmt
            .query_map(params_from_iter(args), |r| {
                Ok(DyadCount {
                    actor: r.get(0)?,
                    recipient: r.get(1)?,
                    symmetric: r.get(2)?,
                    count: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Stats {
            totals: self.totals()?,
            by_day,
            by_type,
            by_dyad,
        })
    }

    /// Who acts on whom: country-level nodes, edges weighted by events (the `limit` heaviest).
    pub fn network(&self, f: &Filter, limit: usize) -> Result<Network> {
        f.validate()?;
        let mut args = Vec::new();
        let w = f.events_sql(&mut args);
        let sql = format!(
            "SELECT e.actor_keys, e.recipient_keys, e.symmetric, e.quad_class, count(*) \
             FROM events e WHERE {w} GROUP BY 1, 2, 3, 4"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut edges: HashMap<(String, String, bool), [i64; 4]> = HashMap::new();
        let mut rows = stmt.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            let a: Vec<String> = split_keys(&r.get::<_, String>(0)?).into_iter().collect();
            let b: Vec<String> = split_keys(&r.get::<_, String>(1)?).into_iter().collect();
            let sym: bool = r.get(2)?;
            let q: i64 = r.get(3)?;
            let n: i64 = r.get(4)?;
            let qi = (q.clamp(1, 4) - 1) as usize;
            if sym {
                for (i, x) in a.iter().enumerate() {
                    for y in &a[i + 1..] {
                        edges.entry((x.clone(), y.clone(), true)).or_default()[qi] += n;
                    }
                }
            } else {
                for x in &a {
                    for y in &b {
                        if x != y {
                            edges.entry((x.clone(), y.clone(), false)).or_default()[qi] += n;
                        }
                    }
                }
            }
        }
        let mut edges: Vec<Edge> = edges
            .into_iter()
            .map(|((source, target, symmetric), quad)| Edge {
                source,
                target,
                weight: quad.iter().sum(),
                symmetric,
                quad,
            })
            .collect();
        edges.sort_by(|a, b| {
            b.weight
                .cmp(&a.weight)
                .then_with(|| a.source.cmp(&b.source))
                .then_with(|| a.target.cmp(&b.target))
                .then_with(|| a.symmetric.cmp(&b.symmetric))
        });
        edges.truncate(limit);
        let mut weight: BTreeMap<String, i64> = BTreeMap::new();
        for e in &edges {
            *weight.entry(e.source.clone()).or_default() += e.weight;
            *weight.entry(e.target.clone()).or_default() += e.weight;
        }
        let mut name_of = self
            .conn
            .prepare_cached("SELECT name FROM actors WHERE code = ?1")?;
        let mut nodes = Vec::new();
        for (id, events) in weight {
            let name = name_of
                .query_row([&id], |r| r.get::<_, String>(0))
                .optional()?;
            nodes.push(Node { id, name, events });
        }
        Ok(Network { nodes, edges })
    }

    /// Event locations with their counts (the `limit` busiest).
    pub fn map(&self, f: &Filter, limit: usize) -> Result<Vec<MapPoint>> {
        f.validate()?;
        let mut args = Vec::new();
        let w = f.events_sql(&mut args);
        let sql = format!(
            "SELECT e.place_name, e.place_country, e.lat, e.lon, count(*) AS n, \
             sum(e.quad_class = 1), sum(e.quad_class = 2), sum(e.quad_class = 3), \
             sum(e.quad_class = 4) FROM events e WHERE {w} AND e.lat IS NOT NULL \
             AND e.lon IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY n DESC, 1 LIMIT {limit}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(args), |r| {
                Ok(MapPoint {
                    name: r.get(0)?,
                    country: r.get(1)?,
                    lat: r.get(2)?,
                    lon: r.get(3)?,
                    events: r.get(4)?,
                    quad: [r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?],
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

fn doc_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: r.get(0)?,
        date: r.get(1)?,
        source: r.get(2)?,
        url: r.get(3)?,
        title: r.get(4)?,
        duplicate_of: r.get(5)?,
        similarity: r.get(6)?,
        num_mentions: r.get(7)?,
        chars: r.get(8)?,
    })
}
