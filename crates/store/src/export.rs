//! Writers for stored rows: CSV (RFC 4180) for events and mentions, and GDELT / PLOVER rows for
//! merged events (the record writers of `attache_events::export` with the event's counters).

use attache_events::export;
use serde_json::json;

use crate::{EventRow, MentionRow};

/// One CSV field, quoted when needed.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",")
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or(String::new(), |x| x.to_string())
}

pub const EVENT_CSV_HEADER: &str = "id,date,date_lo,date_hi,cameo,cameo_root,plover,quad_class,\
goldstein,status,symmetric,actors,recipients,actor_code,actor_name,recipient_code,recipient_name,\
place,place_country,lat,lon,num_mentions,num_sources,num_articles,num_documents,first_seen,\
last_seen,attributions,sources";

pub fn event_csv(e: &EventRow) -> String {
    let p = e.place.as_ref();
    csv_line(&[
        e.id.to_string(),
        opt(&e.date),
        opt(&e.date_lo),
        opt(&e.date_hi),
        e.cameo.clone(),
        e.cameo_root.clone(),
        opt(&e.plover),
        e.quad_class.to_string(),
        format!("{:.1}", e.goldstein),
        e.status.clone(),
        e.symmetric.to_string(),
        e.actors.join("+"),
        e.recipients.join("+"),
        e.actor.as_ref().map_or(String::new(), |a| a.code.clone()),
        e.actor
            .as_ref()
            .and_then(|a| a.name.clone())
            .unwrap_or_default(),
        e.recipient
            .as_ref()
            .map_or(String::new(), |a| a.code.clone()),
        e.recipient
            .as_ref()
            .and_then(|a| a.name.clone())
            .unwrap_or_default(),
        p.map_or(String::new(), |p| p.name.clone()),
        p.and_then(|p| p.country.clone()).unwrap_or_default(),
        p.and_then(|p| p.lat)
            .map_or(String::new(), |x| x.to_string()),
        p.and_then(|p| p.lon)
            .map_or(String::new(), |x| x.to_string()),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        e.num_documents.to_string(),
        opt(&e.first_seen),
        opt(&e.last_seen),
        e.attributions.join(";"),
        e.sources.join(";"),
    ])
}

pub const MENTION_CSV_HEADER: &str = "seq,id,event_id,doc_id,sentence,day,date,granularity,cameo,\
cameo_root,plover,plover_mode,quad_class,goldstein,status,actor_code,actor_name,actor_country,\
recipient_code,recipient_name,recipient_country,trigger,trigger_start,trigger_end,place,\
place_country,lat,lon,attribution,source,url,duplicate_of";

pub fn mention_csv(m: &MentionRow) -> String {
    let r = &m.record;
    let side = |v: &[attache_events::ActorRef]| {
        (
            v.iter()
                .map(|a| a.code.clone())
                .collect::<Vec<_>>()
                .join("+"),
            v.iter()
                .map(|a| a.name.clone())
                .collect::<Vec<_>>()
                .join("+"),
            v.iter()
                .filter_map(|a| a.country.clone())
                .collect::<Vec<_>>()
                .join("+"),
        )
    };
    let (ac, an, ay) = side(&r.actor);
    let (rc, rn, ry) = side(&r.recipient);
    let l = r.location.as_ref();
    csv_line(&[
        m.seq.to_string(),
        r.id.clone(),
        m.event_id.to_string(),
        m.doc_id.clone(),
        r.sentence.to_string(),
        opt(&m.day),
        opt(&r.date.value),
        r.date.granularity.clone(),
        r.cameo.clone(),
        r.cameo_root.clone(),
        opt(&r.plover.event),
        opt(&r.plover.mode),
        r.quad_class.to_string(),
        format!("{:.1}", r.goldstein),
        r.status.as_str().to_string(),
        ac,
        an,
        ay,
        rc,
        rn,
        ry,
        r.trigger.text.clone(),
        r.trigger.start.to_string(),
        r.trigger.end.to_string(),
        l.map_or(String::new(), |l| l.name.clone()),
        l.and_then(|l| l.country.clone()).unwrap_or_default(),
        l.and_then(|l| l.lat)
            .map_or(String::new(), |x| x.to_string()),
        l.and_then(|l| l.lon)
            .map_or(String::new(), |x| x.to_string()),
        r.attribution
            .iter()
            .map(|a| a.source.clone())
            .collect::<Vec<_>>()
            .join(";"),
        opt(&m.source),
        opt(&m.url),
        opt(&m.duplicate_of),
    ])
}

/// `YYYYMMDDHHMMSS` of a `YYYY-MM-DD` day (midnight), for GDELT's DATEADDED.
pub fn date_added(day: Option<&str>) -> String {
    day.and_then(|d| d.get(..10))
        .map(|d| format!("{}000000", d.replace('-', "")))
        .unwrap_or_default()
}

/// A GDELT 2.0 event row for a merged event: the row of its representative mention with the
/// event id as GLOBALEVENTID, the event's day, and its NumMentions, NumSources and NumArticles.
pub fn event_gdelt(e: &EventRow, rep: &MentionRow) -> String {
    let row = export::gdelt_row(
        &rep.record,
        e.id.max(0) as u64,
        rep.url.as_deref().unwrap_or(""),
        &date_added(e.first_seen.as_deref()),
    );
    let mut cols: Vec<String> = row.split('\t').map(str::to_string).collect();
    if cols.len() == 61 {
        if let Some(day) = e.date.as_deref().filter(|d| d.len() == 10 && d.is_ascii()) {
            let compact = day.replace('-', "");
            cols[2] = compact.get(..6).unwrap_or_default().to_string();
            cols[3] = compact.get(..4).unwrap_or_default().to_string();
            cols[1] = compact;
        }
        cols[31] = e.num_mentions.to_string();
        cols[32] = e.num_sources.to_string();
        cols[33] = e.num_articles.to_string();
    }
    cols.join("\t")
}

/// A PLOVER record for a merged event: the representative record's, with the event's id,
/// day, counters, attributions and source documents.
pub fn event_plover(e: &EventRow, rep: &MentionRow) -> serde_json::Value {
    let mut v = export::plover_json(&rep.record);
    if let Some(o) = v.as_object_mut() {
        o.insert("id".into(), json!(format!("event-{}", e.id)));
        o.insert("date".into(), json!(e.date));
        o.insert(
            "event_counts".into(),
            json!({
                "num_mentions": e.num_mentions,
                "num_sources": e.num_sources,
                "num_articles": e.num_articles,
                "num_documents": e.num_documents,
                "first_seen": e.first_seen,
                "last_seen": e.last_seen,
            }),
        );
        o.insert(
            "cite_info".into(),
            json!({"doc_id": rep.doc_id, "attribution": e.attributions, "sources": e.sources}),
        );
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(EVENT_CSV_HEADER.split(',').count(), 29);
        assert_eq!(MENTION_CSV_HEADER.split(',').count(), 32);
    }

    #[test]
    fn gdelt_dates() {
        assert_eq!(date_added(Some("2025-03-04")), "20250304000000");
        assert_eq!(date_added(None), "");
    }
}
