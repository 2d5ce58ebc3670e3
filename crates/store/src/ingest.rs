//! Writing: documents and their coded records go in by batches, one transaction per batch.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use attache_doc::{DocMeta, Document};
use attache_events::{EventRecord, Status};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::merge::{self, Key, PlaceKey, Window};
use crate::minhash;
use crate::{Result, Store, StoreError};

/// A highlighted span of the article view (character offsets).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    pub start: usize,
    pub end: usize,
    /// Actor code, TIMEX value or place name.
    pub label: String,
    /// Actor name or place country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The annotation layers of a document kept for the article view.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Layers {
    /// `[start, end)` of each sentence, in characters.
    pub sentences: Vec<[usize; 2]>,
    pub actors: Vec<Tag>,
    pub times: Vec<Tag>,
    pub places: Vec<Tag>,
}

impl Layers {
    /// The layers of an analysed document.
    pub fn of(doc: &Document) -> Layers {
        let c = |b: usize| doc.char_offset(b);
        Layers {
            sentences: doc
                .sentences
                .iter()
                .map(|s| [c(s.span.start), c(s.span.end)])
                .collect(),
            actors: doc
                .actors
                .iter()
                .map(|a| Tag {
                    start: c(a.span.start),
                    end: c(a.span.end),
                    label: a.code.clone(),
                    detail: Some(a.name.clone()).filter(|n| !n.is_empty()),
                })
                .collect(),
            times: doc
                .times
                .iter()
                .map(|t| Tag {
                    start: c(t.span.start),
                    end: c(t.span.end),
                    label: t.value.clone().unwrap_or_default(),
                    detail: None,
                })
                .collect(),
            places: doc
                .places
                .iter()
                .map(|p| Tag {
                    start: c(p.span.start),
                    end: c(p.span.end),
                    label: p.name.clone(),
                    detail: p.country.clone(),
                })
                .collect(),
        }
    }
}

/// The stored form of [`Layers`]: arrays instead of objects (half the size).
#[derive(Serialize, Deserialize)]
struct CompactLayers {
    s: Vec<[usize; 2]>,
    a: Vec<(usize, usize, String, Option<String>)>,
    t: Vec<(usize, usize, String)>,
    p: Vec<(usize, usize, String, Option<String>)>,
}

impl Layers {
    pub(crate) fn to_stored(&self) -> serde_json::Result<String> {
        let four = |v: &[Tag]| {
            v.iter()
                .map(|t| (t.start, t.end, t.label.clone(), t.detail.clone()))
                .collect()
        };
        serde_json::to_string(&CompactLayers {
            s: self.sentences.clone(),
            a: four(&self.actors),
            t: self
                .times
                .iter()
                .map(|t| (t.start, t.end, t.label.clone()))
                .collect(),
            p: four(&self.places),
        })
    }

    pub(crate) fn from_stored(s: &str) -> serde_json::Result<Layers> {
        let c: CompactLayers = serde_json::from_str(s)?;
        let tags = |v: Vec<(usize, usize, String, Option<String>)>| {
            v.into_iter()
                .map(|(start, end, label, detail)| Tag {
                    start,
                    end,
                    label,
                    detail,
                })
                .collect()
        };
        Ok(Layers {
            sentences: c.s,
            actors: tags(c.a),
            times: c
                .t
                .into_iter()
                .map(|(start, end, label)| Tag {
                    start,
                    end,
                    label,
                    detail: None,
                })
                .collect(),
            places: tags(c.p),
        })
    }
}

/// A coded document ready to be stored. Build it in worker threads (hashing and shingling are
/// done here), then hand batches to [`Store::ingest`].
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub meta: DocMeta,
    pub text: String,
    pub text_hash: String,
    pub content_hash: String,
    pub shingles: Vec<u64>,
    pub layers: Layers,
    pub records: Vec<EventRecord>,
}

impl NewDocument {
    /// Hash of a document's text and metadata: an unchanged document is not re-coded.
    pub fn content_hash(meta: &DocMeta, text: &str) -> String {
        let date = meta.date.map(|d| d.to_string()).unwrap_or_default();
        minhash::hash_hex(&[
            text,
            &date,
            meta.source.as_deref().unwrap_or(""),
            meta.url.as_deref().unwrap_or(""),
            meta.title.as_deref().unwrap_or(""),
        ])
    }

    /// From an analysed document and its records (`Pipeline::code_text`).
    pub fn new(doc: &Document, records: Vec<EventRecord>) -> NewDocument {
        NewDocument {
            meta: doc.meta.clone(),
            text: doc.text.clone(),
            text_hash: minhash::hash_hex(&[&doc.text]),
            content_hash: Self::content_hash(&doc.meta, &doc.text),
            shingles: minhash::shingles(&doc.text),
            layers: Layers::of(doc),
            records,
        }
    }
}

/// An input record that could not be coded; kept in the `ingest_errors` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub input: String,
    pub line: Option<usize>,
    pub id: Option<String>,
    pub error: String,
}

/// What one batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BatchReport {
    /// Documents written (new or replaced).
    pub documents: usize,
    pub new_documents: usize,
    pub replaced: usize,
    /// Documents skipped because the store already has them with the same content.
    pub unchanged: usize,
    /// Documents linked to an earlier near-duplicate.
    pub duplicates: usize,
    pub mentions: usize,
    pub new_events: usize,
    pub errors: usize,
}

impl BatchReport {
    pub fn add(&mut self, o: &BatchReport) {
        self.documents += o.documents;
        self.new_documents += o.new_documents;
        self.replaced += o.replaced;
        self.unchanged += o.unchanged;
        self.duplicates += o.duplicates;
        self.mentions += o.mentions;
        self.new_events += o.new_events;
        self.errors += o.errors;
    }
}

fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

fn join_keys(s: &BTreeSet<String>) -> String {
    s.iter().cloned().collect::<Vec<_>>().join("+")
}

pub(crate) fn split_keys(s: &str) -> BTreeSet<String> {
    s.split('+')
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect()
}

fn day_str(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn parse_opt_day(s: Option<String>) -> Option<NaiveDate> {
    s.as_deref().and_then(merge::parse_day)
}

/// The key columns of an event row, in the order of [`KEY_COLS`].
const KEY_COLS: &str =
    "id, size, symmetric, actor_keys, recipient_keys, cameo, cameo_root, plover, \
     status, date_lo, date_hi, place_name, place_country, place_resolution, lat, lon";

fn key_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, i64, Key)> {
    Ok((r.get(0)?, r.get(1)?, key_at(r, 2)?))
}

/// The merge key stored in 14 columns from `at`: symmetric, actor keys, recipient keys, cameo,
/// root, plover, status, date lo, date hi, place name, country, resolution, lat, lon (the
/// layout events and mentions share).
fn key_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Key> {
    let status: String = r.get(at + 6)?;
    let lo = parse_opt_day(r.get(at + 7)?);
    let hi = parse_opt_day(r.get(at + 8)?);
    let place_name: Option<String> = r.get(at + 9)?;
    Ok(Key {
        symmetric: r.get(at)?,
        actors: split_keys(&r.get::<_, String>(at + 1)?),
        recipients: split_keys(&r.get::<_, String>(at + 2)?),
        cameo: r.get(at + 3)?,
        root: r.get(at + 4)?,
        plover: r.get(at + 5)?,
        status: Status::parse(&status).unwrap_or(Status::Occurred),
        window: match (lo, hi) {
            (Some(lo), Some(hi)) => Some(Window { lo, hi }),
            _ => None,
        },
        place: place_name.map(|name| PlaceKey {
            name,
            country: r.get(at + 10).ok().flatten(),
            resolution: r
                .get::<_, Option<String>>(at + 11)
                .ok()
                .flatten()
                .unwrap_or_default(),
            lat: r.get(at + 12).ok().flatten(),
            lon: r.get(at + 13).ok().flatten(),
        }),
    })
}

fn load_key(tx: &Transaction<'_>, id: i64) -> Result<Option<(i64, i64, Key)>> {
    Ok(tx
        .prepare_cached(&format!("SELECT {KEY_COLS} FROM events WHERE id = ?1"))?
        .query_row([id], key_from_row)
        .optional()?)
}

/// The keys under which an event is found by the mentions that may join it (see the
/// `event_keys` table): every (side and country, type) pair.
fn index_keys(k: &Key) -> Vec<String> {
    let mut types = vec![format!("r{}", k.root)];
    if let Some(p) = &k.plover {
        types.push(format!("p{p}"));
    }
    let mut sides: Vec<String> = Vec::new();
    if k.actors.is_empty() && k.recipients.is_empty() {
        sides.push("n:".into());
    } else if k.symmetric {
        sides.extend(k.actors.iter().map(|c| format!("s:{c}")));
    } else {
        sides.extend(k.actors.iter().map(|c| format!("a:{c}")));
        sides.extend(k.recipients.iter().map(|c| format!("r:{c}")));
    }
    sides
        .iter()
        .flat_map(|s| types.iter().map(move |t| format!("{s}|{t}")))
        .collect()
}

fn index_event(tx: &Transaction<'_>, id: i64, k: &Key) -> Result<()> {
    use chrono::Datelike;
    tx.prepare_cached("DELETE FROM event_keys WHERE event_id = ?1")?
        .execute([id])?;
    if let Some(w) = k.window.filter(|w| w.mergeable()) {
        let mut ins = tx.prepare_cached(
            "INSERT INTO event_keys (key, lo, hi, event_id) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for key in index_keys(k) {
            ins.execute(params![
                key,
                w.lo.num_days_from_ce(),
                w.hi.num_days_from_ce(),
                id
            ])?;
        }
    }
    Ok(())
}

fn write_key(tx: &Transaction<'_>, id: i64, size: i64, k: &Key) -> Result<()> {
    index_event(tx, id, k)?;
    let p = k.place.as_ref();
    tx.prepare_cached(
        "UPDATE events SET size = ?2, actor_keys = ?3, recipient_keys = ?4, status = ?5, \
         date_lo = ?6, date_hi = ?7, place_name = ?8, place_country = ?9, \
         place_resolution = ?10, lat = ?11, lon = ?12 WHERE id = ?1",
    )?
    .execute(params![
        id,
        size,
        join_keys(&k.actors),
        join_keys(&k.recipients),
        k.status.as_str(),
        day_str(k.window.map(|w| w.lo)),
        day_str(k.window.map(|w| w.hi)),
        p.map(|p| &p.name),
        p.and_then(|p| p.country.as_ref()),
        p.map(|p| &p.resolution),
        p.and_then(|p| p.lat),
        p.and_then(|p| p.lon),
    ])?;
    Ok(())
}

/// The event a mention joins: the one it belonged to before (re-ingest) when still compatible,
/// else the compatible event with the most mentions (then the oldest).
fn choose_event(tx: &Transaction<'_>, m: &Key, previous: Option<i64>) -> Result<Option<i64>> {
    if let Some(prev) = previous {
        if let Some((id, size, e)) = load_key(tx, prev)? {
            // An event emptied by the re-ingest is this mention's own: take it back even when
            // it could not merge with anything (no country on either side).
            if size == 0 || merge::compatible(&e, m) {
                return Ok(Some(id));
            }
        }
    }
    let Some(w) = m.window.filter(|w| w.mergeable()) else {
        return Ok(None);
    };
    use chrono::Datelike;
    let (lo, hi) = (
        i64::from(w.lo.num_days_from_ce()),
        i64::from(w.hi.num_days_from_ce()),
    );
    let mut ids: BTreeSet<i64> = BTreeSet::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT event_id FROM event_keys WHERE key = ?1 AND lo BETWEEN ?2 AND ?3 AND hi >= ?4",
        )?;
        for key in index_keys(m) {
            let found = stmt.query_map(params![key, lo - merge::MAX_WINDOW_DAYS, hi, lo], |r| {
                r.get::<_, i64>(0)
            })?;
            for id in found {
                ids.insert(id?);
            }
        }
    }
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(row) = load_key(tx, id)? {
            rows.push(Ok::<_, StoreError>(row));
        }
    }
    let mut best: Option<(i64, i64)> = None;
    for row in rows {
        let (id, size, e) = row?;
        if !merge::compatible(&e, m) {
            continue;
        }
        if best.is_none_or(|(bid, bsize)| size > bsize || (size == bsize && id < bid)) {
            best = Some((id, size));
        }
    }
    Ok(best.map(|b| b.0))
}

fn new_event(tx: &Transaction<'_>, k: &Key, r: &EventRecord) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO events (size, symmetric, actor_keys, recipient_keys, cameo, cameo_root, \
         plover, quad_class, goldstein, status) VALUES (0, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        k.symmetric,
        join_keys(&k.actors),
        join_keys(&k.recipients),
        r.cameo,
        r.cameo_root,
        k.plover,
        r.quad_class,
        f64::from(r.goldstein),
        k.status.as_str(),
    ])?;
    let id = tx.last_insert_rowid();
    write_key(tx, id, 0, k)?;
    Ok(id)
}

/// One member of an event, as the recomputation reads it.
struct Member {
    seq: i64,
    doc_id: String,
    story: String,
    source: String,
    published: Option<String>,
    key: Key,
    attributions: Vec<String>,
    day: Option<String>,
    granularity: String,
}

fn source_name(source: Option<String>, url: Option<String>) -> String {
    if let Some(s) = source.filter(|s| !s.trim().is_empty()) {
        return s.trim().to_string();
    }
    if let Some(u) = url {
        let host = u
            .split("://")
            .nth(1)
            .unwrap_or(&u)
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .trim_start_matches("www.")
            .to_ascii_lowercase();
        if !host.is_empty() {
            return host;
        }
    }
    "unknown".to_string()
}

/// Recompute an event from its members: key (fold of [`Key::absorb`] in ingest order), the
/// representative (first) mention, counters, attributions, first and last seen. An event left
/// without members keeps its row (so a re-ingested mention can return to it) with size 0; it
/// is deleted at the end of the batch.
fn recompute(tx: &Transaction<'_>, id: i64) -> Result<usize> {
    let mut stmt = tx.prepare_cached(
        "SELECT m.seq, m.doc_id, coalesce(d.duplicate_of, d.id), d.source, d.url, d.date, \
         m.symmetric, m.actor_keys, m.recipient_keys, m.cameo, m.cameo_root, m.plover, m.status, \
         m.date_lo, m.date_hi, m.place_name, m.place_country, m.place_resolution, m.lat, m.lon, \
         m.attributions, m.day, m.granularity \
         FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ?1 ORDER BY m.seq",
    )?;
    let members: Vec<Member> = stmt
        .query_map([id], |r| {
            let attrs: String = r.get(20)?;
            Ok(Member {
                seq: r.get(0)?,
                doc_id: r.get(1)?,
                story: r.get(2)?,
                source: source_name(r.get(3)?, r.get(4)?),
                published: r.get(5)?,
                key: key_at(r, 6)?,
                attributions: serde_json::from_str(&attrs).unwrap_or_default(),
                day: r.get(21)?,
                granularity: r.get(22)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let Some(first) = members.first() else {
        tx.prepare_cached("UPDATE events SET size = 0 WHERE id = ?1")?
            .execute([id])?;
        return Ok(0);
    };
    let mut key = first.key.clone();
    for m in &members[1..] {
        key.absorb(&m.key);
    }
    // Counters: per story (a document and its near-duplicates), the document with the most
    // mentions of this event counts; copies add nothing.
    let mut per_doc: BTreeMap<(&str, &str), (usize, i64, &str)> = BTreeMap::new();
    for m in &members {
        let e = per_doc
            .entry((m.story.as_str(), m.doc_id.as_str()))
            .or_insert((0, m.seq, m.source.as_str()));
        e.0 += 1;
    }
    let mut per_story: BTreeMap<&str, (usize, i64, &str)> = BTreeMap::new();
    for ((story, _), (n, seq, source)) in &per_doc {
        let best = per_story.entry(story).or_insert((*n, *seq, source));
        if *n > best.0 || (*n == best.0 && *seq < best.1) {
            *best = (*n, *seq, source);
        }
    }
    let num_mentions: usize = per_story.values().map(|v| v.0).sum();
    let sources: BTreeSet<&str> = per_story.values().map(|v| v.2).collect();
    let docs: BTreeSet<&str> = members.iter().map(|m| m.doc_id.as_str()).collect();
    let attributions: BTreeSet<&str> = members
        .iter()
        .flat_map(|m| m.attributions.iter().map(String::as_str))
        .collect();
    let seen: Vec<&str> = members
        .iter()
        .filter_map(|m| m.published.as_deref())
        .collect();
    // The event's day: the first day-level date inside the window, else the window's start.
    let date = members
        .iter()
        .filter(|m| matches!(m.granularity.as_str(), "day" | "time"))
        .filter_map(|m| m.day.clone())
        .find(|d| {
            key.window
                .is_none_or(|w| merge::parse_day(d).is_some_and(|d| w.lo <= d && d <= w.hi))
        })
        .or_else(|| key.window.map(|w| w.lo.to_string()))
        .or_else(|| first.day.clone());
    write_key(tx, id, members.len() as i64, &key)?;
    tx.prepare_cached(
        "UPDATE events SET (cameo, cameo_root, plover, quad_class, goldstein, actor_code, \
         actor_name, actor_country, recipient_code, recipient_name, recipient_country) = \
         (SELECT cameo, cameo_root, plover, quad_class, goldstein, actor_code, actor_name, \
         actor_country, recipient_code, recipient_name, recipient_country FROM mentions \
         WHERE seq = ?2), rep_mention = ?2, date = ?3, num_mentions = ?4, num_sources = ?5, \
         num_articles = ?6, num_documents = ?7, first_seen = ?8, last_seen = ?9, \
         attributions = ?10, sources = ?11 WHERE id = ?1",
    )?
    .execute(params![
        id,
        first.seq,
        date,
        num_mentions as i64,
        sources.len() as i64,
        per_story.len() as i64,
        docs.len() as i64,
        seen.iter().min(),
        seen.iter().max(),
        serde_json::to_string(&attributions)?,
        serde_json::to_string(&sources)?,
    ])?;
    Ok(members.len())
}

/// The earlier document `d` is a near-duplicate of, with the containment of their shingles.
fn find_duplicate(
    tx: &Transaction<'_>,
    d: &NewDocument,
    bands: &[i64],
) -> Result<Option<(String, f64)>> {
    // Identical text first.
    let exact: Option<(String, Option<String>)> = tx
        .prepare_cached(
            "SELECT id, duplicate_of FROM documents WHERE text_hash = ?1 AND id <> ?2 \
             ORDER BY seq LIMIT 1",
        )?
        .query_row(params![d.text_hash, d.meta.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    if let Some((id, dup)) = exact {
        return Ok(Some((dup.unwrap_or(id), 1.0)));
    }
    if bands.is_empty() {
        return Ok(None);
    }
    let mut candidates: BTreeSet<i64> = BTreeSet::new();
    {
        let mut stmt = tx.prepare_cached("SELECT seq FROM doc_bands WHERE key = ?1")?;
        for v in bands {
            for seq in stmt.query_map([v], |r| r.get::<_, i64>(0))? {
                candidates.insert(seq?);
            }
        }
    }
    let mut best: Option<(i64, String, f64)> = None;
    let mut stmt = tx.prepare_cached(
        "SELECT seq, coalesce(duplicate_of, id), text FROM documents WHERE seq = ?1 AND id <> ?2",
    )?;
    for c in candidates {
        let Some((seq, canonical, text)) = stmt
            .query_row(params![c, d.meta.id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .optional()?
        else {
            continue;
        };
        if canonical == d.meta.id {
            continue;
        }
        let sim = minhash::containment(&d.shingles, &minhash::shingles(&text));
        if sim >= minhash::MIN_CONTAINMENT && best.as_ref().is_none_or(|b| seq < b.0) {
            best = Some((seq, canonical, sim));
        }
    }
    Ok(best.map(|(_, id, sim)| (id, sim)))
}

fn place_key(l: &attache_events::Location) -> String {
    match l.geonameid {
        Some(g) => g.to_string(),
        None => format!("{}|{}", l.name, l.country.as_deref().unwrap_or("")),
    }
}

/// Remove a document's mentions before it is replaced; returns, per record id, the event and
/// the sequence number the mention had (a re-coded mention takes both back when it can).
fn remove_document_mentions(
    tx: &Transaction<'_>,
    doc_id: &str,
    touched: &mut BTreeSet<i64>,
) -> Result<HashMap<String, (i64, i64)>> {
    let mut previous = HashMap::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT id, event_id, record, seq FROM mentions WHERE doc_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([doc_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut dec_actor =
            tx.prepare_cached("UPDATE actors SET num_mentions = num_mentions - 1 WHERE code = ?1")?;
        let mut dec_place =
            tx.prepare_cached("UPDATE places SET num_mentions = num_mentions - 1 WHERE key = ?1")?;
        for row in rows {
            let (id, ev, record, seq) = row?;
            previous.insert(id, (ev, seq));
            touched.insert(ev);
            if let Ok(r) = serde_json::from_str::<EventRecord>(&record) {
                for a in r.actor.iter().chain(&r.recipient) {
                    dec_actor.execute([&a.code])?;
                }
                if let Some(l) = &r.location {
                    dec_place.execute([place_key(l)])?;
                }
            }
        }
    }
    tx.prepare_cached(
        "DELETE FROM mention_actors WHERE mention IN (SELECT seq FROM mentions WHERE doc_id = ?1)",
    )?
    .execute([doc_id])?;
    tx.prepare_cached("DELETE FROM mentions WHERE doc_id = ?1")?
        .execute([doc_id])?;
    let old: Option<(i64, String)> = tx
        .prepare_cached("SELECT seq, text FROM documents WHERE id = ?1")?
        .query_row([doc_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((seq, text)) = old {
        let mut del = tx.prepare_cached("DELETE FROM doc_bands WHERE key = ?1 AND seq = ?2")?;
        for v in minhash::bands(&minhash::shingles(&text)) {
            del.execute(params![v, seq])?;
        }
    }
    let evs: BTreeSet<i64> = previous.values().map(|v| v.0).collect();
    for ev in evs {
        recompute(tx, ev)?;
    }
    Ok(previous)
}

fn insert_mention(
    tx: &Transaction<'_>,
    d: &NewDocument,
    r: &EventRecord,
    k: &Key,
    event: i64,
    seq: Option<i64>,
) -> Result<()> {
    let first = |v: &[attache_events::ActorRef]| v.first().cloned();
    let (a, rc) = (first(&r.actor), first(&r.recipient));
    let l = r.location.as_ref();
    let day = merge::day_of(k.window, &r.date).map(|d| d.to_string());
    let attributions: BTreeSet<&str> = r.attribution.iter().map(|a| a.source.as_str()).collect();
    let mut ins = tx.prepare_cached(
        "INSERT INTO mentions (seq, id, doc_id, event_id, sentence, trigger_start, trigger_end, cameo, \
         cameo_root, plover, quad_class, goldstein, status, date, granularity, day, date_lo, \
         date_hi, symmetric, actor_keys, recipient_keys, actor_code, actor_name, actor_country, \
         recipient_code, recipient_name, recipient_country, place_name, place_country, \
         place_resolution, lat, lon, attributions, source, record) VALUES (?35, ?1, ?2, ?3, ?4, \
         ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, \
         ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)",
    )?;
    ins.execute(params![
        r.id,
        d.meta.id,
        event,
        r.sentence as i64,
        r.trigger.start as i64,
        r.trigger.end as i64,
        r.cameo,
        r.cameo_root,
        r.plover.event,
        r.quad_class,
        f64::from(r.goldstein),
        r.status.as_str(),
        r.date.value,
        r.date.granularity,
        day,
        day_str(k.window.map(|w| w.lo)),
        day_str(k.window.map(|w| w.hi)),
        k.symmetric,
        join_keys(&k.actors),
        join_keys(&k.recipients),
        a.as_ref().map(|a| &a.code),
        a.as_ref().map(|a| &a.name),
        a.as_ref().and_then(|a| a.country.as_ref()),
        rc.as_ref().map(|a| &a.code),
        rc.as_ref().map(|a| &a.name),
        rc.as_ref().and_then(|a| a.country.as_ref()),
        l.map(|l| &l.name),
        l.and_then(|l| l.country.as_ref()),
        l.map(|l| &l.resolution),
        l.and_then(|l| l.lat),
        l.and_then(|l| l.lon),
        serde_json::to_string(&attributions)?,
        d.meta.source,
        serde_json::to_string(r)?,
        seq,
    ])?;
    let seq = tx.last_insert_rowid();
    let mut ma = tx.prepare_cached(
        "INSERT INTO mention_actors (mention, role, code, country) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut actor = tx.prepare_cached(
        "INSERT INTO actors (code, name, country, sector, num_mentions) VALUES (?1, ?2, ?3, ?4, 1) \
         ON CONFLICT(code) DO UPDATE SET num_mentions = num_mentions + 1",
    )?;
    for (role, side) in [("actor", &r.actor), ("recipient", &r.recipient)] {
        for a in side {
            let country = merge::country_key(a).or_else(|| a.country.clone());
            ma.execute(params![seq, role, a.code, country])?;
            actor.execute(params![a.code, a.name, a.country, a.sector])?;
        }
    }
    if let Some(l) = l {
        tx.prepare_cached(
            "INSERT INTO places (key, geonameid, name, country, lat, lon, feature, resolution, \
             num_mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1) \
             ON CONFLICT(key) DO UPDATE SET num_mentions = num_mentions + 1",
        )?
        .execute(params![
            place_key(l),
            l.geonameid.map(|g| g as i64),
            l.name,
            l.country,
            l.lat,
            l.lon,
            l.feature,
            l.resolution
        ])?;
    }
    Ok(())
}

impl Store {
    /// Move the write-ahead log into the database file (at the end of a long ingest).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Content hashes of the stored documents among `ids` (to skip unchanged input before
    /// coding it).
    pub fn content_hashes(&self, ids: &[&str]) -> Result<HashMap<String, String>> {
        let mut out = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?;
        for id in ids {
            if let Some(h) = stmt.query_row([id], |r| r.get::<_, String>(0)).optional()? {
                out.insert(id.to_string(), h);
            }
        }
        Ok(out)
    }

    /// Store a batch of coded documents and error records in one transaction. A document whose
    /// id is already stored with the same content is skipped unless `force`; otherwise its
    /// mentions are replaced. Mentions are merged into events by the rule of [`crate::merge`].
    pub fn ingest(
        &mut self,
        docs: &[NewDocument],
        errors: &[ErrorRecord],
        force: bool,
    ) -> Result<BatchReport> {
        let mut rep = BatchReport::default();
        let tx = self.conn.transaction()?;
        let at = now();
        let mut touched: BTreeSet<i64> = BTreeSet::new();
        for d in docs {
            let existing: Option<String> = tx
                .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?
                .query_row([&d.meta.id], |r| r.get(0))
                .optional()?;
            let previous = match existing {
                Some(h) if h == d.content_hash && !force => {
                    rep.unchanged += 1;
                    continue;
                }
                Some(_) => {
                    rep.replaced += 1;
                    remove_document_mentions(&tx, &d.meta.id, &mut touched)?
                }
                None => {
                    rep.new_documents += 1;
                    HashMap::new()
                }
            };
            rep.documents += 1;
            let bands = minhash::bands(&d.shingles);
            let dup = find_duplicate(&tx, d, &bands)?;
            if dup.is_some() {
                rep.duplicates += 1;
            }
            let layers = d.layers.to_stored()?;
            tx.prepare_cached(
                "INSERT INTO documents (id, seq, date, source, url, title, text, text_hash, \
                 content_hash, duplicate_of, similarity, layers, num_mentions, ingested_at) \
                 VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM documents), ?2, ?3, ?4, ?5, \
                 ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) \
                 ON CONFLICT(id) DO UPDATE SET date = excluded.date, source = excluded.source, \
                 url = excluded.url, title = excluded.title, text = excluded.text, \
                 text_hash = excluded.text_hash, content_hash = excluded.content_hash, \
                 duplicate_of = excluded.duplicate_of, similarity = excluded.similarity, \
                 layers = excluded.layers, num_mentions = excluded.num_mentions, \
                 ingested_at = excluded.ingested_at",
            )?
            .execute(params![
                d.meta.id,
                d.meta.date.map(|x| x.to_string()),
                d.meta.source,
                d.meta.url,
                d.meta.title,
                d.text,
                d.text_hash,
                d.content_hash,
                dup.as_ref().map(|x| &x.0),
                dup.as_ref().map(|x| x.1),
                layers,
                d.records.len() as i64,
                at,
            ])?;
            {
                let seq: i64 = tx
                    .prepare_cached("SELECT seq FROM documents WHERE id = ?1")?
                    .query_row([&d.meta.id], |r| r.get(0))?;
                let mut b = tx
                    .prepare_cached("INSERT OR IGNORE INTO doc_bands (key, seq) VALUES (?1, ?2)")?;
                for v in &bands {
                    b.execute(params![v, seq])?;
                }
            }
            for r in &d.records {
                let k = Key::of(r, d.meta.date);
                let before = previous.get(&r.id).copied();
                let ev = match choose_event(&tx, &k, before.map(|b| b.0))? {
                    Some(id) => id,
                    None => {
                        rep.new_events += 1;
                        new_event(&tx, &k, r)?
                    }
                };
                if let Some((_, size, mut ek)) = load_key(&tx, ev)? {
                    if size == 0 {
                        // An emptied event taken back by a re-ingested mention starts afresh.
                        ek = k.clone();
                    } else {
                        ek.absorb(&k);
                    }
                    write_key(&tx, ev, size + 1, &ek)?;
                }
                insert_mention(&tx, d, r, &k, ev, before.map(|b| b.1))?;
                touched.insert(ev);
                rep.mentions += 1;
            }
        }
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO ingest_errors (input, line, doc_id, error, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for e in errors {
                ins.execute(params![
                    e.input,
                    e.line.map(|l| l as i64),
                    e.id,
                    e.error,
                    at
                ])?;
                rep.errors += 1;
            }
        }
        for ev in &touched {
            if recompute(&tx, *ev)? == 0 {
                tx.prepare_cached("DELETE FROM events WHERE id = ?1")?
                    .execute([ev])?;
                tx.prepare_cached("DELETE FROM event_keys WHERE event_id = ?1")?
                    .execute([ev])?;
            }
        }
        tx.execute("DELETE FROM actors WHERE num_mentions <= 0", [])?;
        tx.execute("DELETE FROM places WHERE num_mentions <= 0", [])?;
        tx.commit()?;
        Ok(rep)
    }
}
