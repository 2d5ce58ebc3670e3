//! Output formats: JSON Lines records, a readable table, GDELT 2.0 event rows and PLOVER JSON.

use crate::{EventRecord, Status};
use serde_json::json;

/// One JSON object per line.
pub fn jsonl(e: &EventRecord) -> String {
    serde_json::to_string(e).unwrap_or_default()
}

fn actors_text(v: &[crate::ActorRef]) -> String {
    v.iter()
        .map(|a| format!("{} [{}]", a.text, a.code))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// A human-readable line per event.
pub fn table_row(e: &EventRecord) -> String {
    format!(
        "{:<5} {:<10} {:<12} {:<40} {:<10} {:<40} {:<11} {}",
        e.cameo,
        e.plover.event.as_deref().unwrap_or("-"),
        e.status.as_str(),
        truncate(&actors_text(&e.actor), 40),
        truncate(&e.trigger.text, 10),
        truncate(&actors_text(&e.recipient), 40),
        e.date.value.as_deref().unwrap_or("-"),
        e.location
            .as_ref()
            .map_or("-".to_string(), |l| l.name.clone()),
    )
}

pub fn table_header() -> String {
    format!(
        "{:<5} {:<10} {:<12} {:<40} {:<10} {:<40} {:<11} {}",
        "CAMEO", "PLOVER", "STATUS", "ACTOR", "TRIGGER", "RECIPIENT", "DATE", "LOCATION"
    )
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// The 61 GDELT 2.0 event columns, tab-separated; blanks where Attaché has no value.
/// `global_id` numbers the rows; `date_added` is YYYYMMDDHHMMSS.
pub fn gdelt_row(e: &EventRecord, global_id: u64, url: &str, date_added: &str) -> String {
    let day = e
        .date
        .value
        .as_deref()
        .filter(|v| v.len() >= 10 && v.as_bytes()[4] == b'-')
        .map(|v| v[..10].replace('-', ""))
        .unwrap_or_default();
    let (year, month, frac) = if day.len() == 8 {
        let y: f64 = day[..4].parse().unwrap_or(0.0);
        let m: f64 = day[4..6].parse().unwrap_or(0.0);
        let d: f64 = day[6..8].parse().unwrap_or(0.0);
        (
            day[..4].to_string(),
            day[..6].to_string(),
            format!("{:.4}", y + (m * 30.0 + d) / 365.0),
        )
    } else {
        (String::new(), String::new(), String::new())
    };
    let mut cols: Vec<String> = vec![global_id.to_string(), day, month, year, frac];
    for side in [&e.actor, &e.recipient] {
        let a = side.first();
        let code = a.map(|a| a.code.clone()).unwrap_or_default();
        let country = a
            .and_then(|a| a.country.clone())
            .filter(|c| !["IGO", "NGO", "IMG", "MNC"].contains(&c.as_str()))
            .unwrap_or_default();
        let known = a
            .map(|a| &a.code)
            .filter(|c| c.len() >= 6 && ["IGO", "NGO", "IMG"].contains(&&c[..3]))
            .map(|c| c[3..6].to_string())
            .unwrap_or_default();
        let type1 = a.and_then(|a| a.sector.clone()).unwrap_or_default();
        cols.extend([
            code,
            a.map(|a| a.name.to_uppercase()).unwrap_or_default(),
            country,
            known,
            String::new(),
            String::new(),
            String::new(),
            type1,
            String::new(),
            String::new(),
        ]);
    }
    let base = if e.cameo.len() >= 3 {
        e.cameo[..3].to_string()
    } else {
        e.cameo.clone()
    };
    cols.extend([
        if e.sentence == 0 {
            "1".into()
        } else {
            "0".into()
        },
        e.cameo.clone(),
        base,
        e.cameo_root.clone(),
        e.quad_class.to_string(),
        format!("{:.1}", e.goldstein),
        "1".into(),
        "1".into(),
        "1".into(),
        String::new(),
    ]);
    // Actor1Geo, Actor2Geo: not coded per actor; ActionGeo from the event location.
    for _ in 0..2 {
        cols.extend(std::iter::repeat_n(String::new(), 8));
    }
    match &e.location {
        Some(l) => cols.extend([
            if l.resolution == "country" {
                "1".into()
            } else {
                "4".into()
            },
            l.name.clone(),
            l.country.clone().unwrap_or_default(),
            String::new(),
            String::new(),
            l.lat.map(|x| x.to_string()).unwrap_or_default(),
            l.lon.map(|x| x.to_string()).unwrap_or_default(),
            l.geonameid.map(|x| x.to_string()).unwrap_or_default(),
        ]),
        None => cols.extend(std::iter::repeat_n(String::new(), 8)),
    }
    cols.extend([date_added.to_string(), url.to_string()]);
    debug_assert_eq!(cols.len(), 61);
    cols.join("\t")
}

/// A PLOVER JSON record (POLECAT-style field names).
pub fn plover_json(e: &EventRecord) -> serde_json::Value {
    let entity = |a: &crate::ActorRef| json!({"entity_text": a.text, "code": a.country, "sector": a.sector, "actor_code": a.code, "name": a.name});
    json!({
        "id": e.id,
        "has_event": true,
        "date": e.date.value,
        "actor": e.actor.iter().map(entity).collect::<Vec<_>>(),
        "recipient": e.recipient.iter().map(entity).collect::<Vec<_>>(),
        "event": e.plover.event,
        "mode": e.plover.mode.iter().collect::<Vec<_>>(),
        "event_text": e.trigger.text,
        "quad_code": e.quad_class,
        "status": e.status,
        "event_loc": e.location.as_ref().map(|l| json!({"extracted_place": l.text, "resolved_place": l.name, "geonameid": l.geonameid, "lat": l.lat, "lon": l.lon, "country_code": l.country, "feature_code": l.feature, "resolution": l.resolution})),
        "size": e.counts.iter().map(|c| json!({"kind": c.kind, "value": c.value, "qualifier": c.qualifier})).collect::<Vec<_>>(),
        "text_info": {"start": e.trigger.start, "end": e.trigger.end, "sentence": e.sentence},
        "cite_info": {"doc_id": e.doc_id, "attribution": e.attribution.iter().map(|a| a.source.clone()).collect::<Vec<_>>()},
        "cameo": e.cameo,
    })
}

/// Exports that drop negated events by default (GDELT, PLOVER). A refusal coded as a
/// rejection (root 12: "will not lift the embargo") is itself an event and stays.
pub fn keep_in_export(e: &EventRecord) -> bool {
    e.status != Status::Negated || e.cameo_root == "12"
}
