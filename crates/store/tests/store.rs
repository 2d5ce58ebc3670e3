//! The store end to end, with articles written for these tests: five reports of one fictional
//! meeting (plus a wire copy of one of them) and one report of a different event.

use std::collections::BTreeMap;

use attache_doc::DocMeta;
use attache_pipeline::Pipeline;
use attache_store::{Filter, NewDocument, Order, Page, Store};
use serde_json::Value;

const SUMMIT: &str = include_str!("data/summit.jsonl");

fn pipeline() -> &'static Pipeline {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(|| Pipeline::builtin().expect("pipeline"))
}

fn meta(v: &Value) -> DocMeta {
    let s = |k: &str| v[k].as_str().map(str::to_string);
    DocMeta {
        id: s("id").unwrap(),
        date: s("date").and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        source: s("source"),
        url: s("url"),
        title: s("title"),
    }
}

fn coded(lines: &str) -> Vec<NewDocument> {
    lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let (doc, records) = pipeline().code_text(meta(&v), v["text"].as_str().unwrap());
            NewDocument::new(&doc, records)
        })
        .collect()
}

/// Every table as text, to compare whole databases.
fn dump(s: &Store) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for (t, order) in [
        ("documents", "id"),
        ("mentions", "seq"),
        ("events", "id"),
        ("actors", "code"),
        ("places", "key"),
        ("doc_bands", "key, seq"),
        ("mention_actors", "mention, role, code"),
    ] {
        let c = s.connection();
        // Mention sequence numbers change when a document is re-coded: name the
        // representative mention of an event by its record id instead.
        let sql = if t == "events" {
            "SELECT e.*, (SELECT doc_id || '/' || id FROM mentions WHERE seq = e.rep_mention) \
             AS rep FROM events e ORDER BY id"
                .to_string()
        } else {
            format!("SELECT * FROM {t} ORDER BY {order}")
        };
        let mut stmt = c.prepare(&sql).unwrap();
        let n = stmt.column_count();
        let skip: Vec<bool> = (0..n)
            .map(|i| matches!(stmt.column_name(i).unwrap(), "ingested_at" | "rep_mention"))
            .collect();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .filter(|i| !skip[*i])
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        out.insert(t.to_string(), rows);
    }
    out
}

fn consult_event(s: &Store) -> attache_store::EventView {
    let f = Filter {
        plover: Some("CONSULT".into()),
        ..Default::default()
    };
    let evs = s.events(&f, &Page::default()).unwrap();
    assert_eq!(evs.len(), 1, "one meeting: {evs:#?}");
    s.event(evs[0].id).unwrap().unwrap()
}

#[test]
fn reports_of_one_meeting_merge_into_one_event() {
    let mut s = Store::open_in_memory().unwrap();
    let docs = coded(SUMMIT);
    let rep = s.ingest(&docs, &[], false).unwrap();
    assert_eq!(rep.documents, 7);
    assert_eq!(rep.duplicates, 1, "the Evening Post copy is linked");
    assert!(s.check().unwrap().is_empty(), "{:?}", s.check());

    let ev = consult_event(&s);
    let e = &ev.event;
    // Six reports in six documents; the Evening Post copy repeats the Daily Meridian story.
    assert_eq!(e.num_documents, 6);
    assert_eq!(e.num_articles, 5);
    assert_eq!(e.num_mentions, 5);
    assert_eq!(e.num_sources, 5);
    assert!(!e.sources.contains(&"Evening Post".to_string()));
    assert!(e.symmetric);
    assert_eq!(e.actors, vec!["JPN".to_string(), "KOR".to_string()]);
    assert_eq!(e.date.as_deref(), Some("2025-06-12"));
    assert_eq!(e.place.as_ref().map(|p| p.name.as_str()), Some("Busan"));
    assert_eq!(e.first_seen.as_deref(), Some("2025-06-12"));
    assert_eq!(e.last_seen.as_deref(), Some("2025-06-14"));
    assert_eq!(e.status, "occurred");
    assert!(
        !e.attributions.is_empty(),
        "attributions: {:?}",
        e.attributions
    );
    let docs_of: std::collections::BTreeSet<&str> =
        ev.mentions.iter().map(|m| m.doc_id.as_str()).collect();
    assert_eq!(docs_of.len(), 6);

    // The arrest in Lima is another event, with its own dyad and place.
    let arrest = s
        .events(
            &Filter {
                place: Some("Lima".into()),
                ..Default::default()
            },
            &Page::default(),
        )
        .unwrap();
    assert_eq!(arrest.len(), 1);
    assert_eq!(arrest[0].num_mentions, 1);
    assert_eq!(arrest[0].actors, vec!["PER".to_string()]);
    assert_ne!(arrest[0].id, e.id);

    let copy = s.document("meridian-7-copy").unwrap().unwrap();
    assert_eq!(copy.doc.duplicate_of.as_deref(), Some("meridian-7"));
    assert_eq!(
        s.document("meridian-7").unwrap().unwrap().copies,
        vec!["meridian-7-copy".to_string()]
    );
}

#[test]
fn merging_does_not_depend_on_batches() {
    let docs = coded(SUMMIT);
    let mut one = Store::open_in_memory().unwrap();
    one.ingest(&docs, &[], false).unwrap();
    let mut many = Store::open_in_memory().unwrap();
    for d in docs.chunks(2) {
        many.ingest(d, &[], false).unwrap();
    }
    assert_eq!(dump(&one), dump(&many));
}

#[test]
fn reingest_is_idempotent_and_replacement_updates_counters() {
    let mut s = Store::open_in_memory().unwrap();
    let docs = coded(SUMMIT);
    s.ingest(&docs, &[], false).unwrap();
    let before = dump(&s);

    // Same documents again: nothing changes.
    let rep = s.ingest(&docs, &[], false).unwrap();
    assert_eq!((rep.unchanged, rep.documents, rep.mentions), (7, 0, 0));
    assert_eq!(dump(&s), before);

    // Forced re-coding replaces every mention and lands on the same events.
    let rep = s.ingest(&docs, &[], true).unwrap();
    assert_eq!(rep.replaced, 7);
    assert_eq!(rep.new_events, 0);
    assert_eq!(dump(&s), before, "same events, same mention numbers");

    // A corrected article no longer reports the meeting: the event loses it.
    let id = consult_event(&s).event.id;
    let corrected = coded(
        r#"{"id": "courier-5", "date": "2025-06-14", "source": "Coastal Courier", "title": "Boat owners wait", "text": "Boat owners in Jeju said on Saturday they still did not know when the new quotas would apply."}"#,
    );
    let rep = s.ingest(&corrected, &[], false).unwrap();
    assert_eq!(rep.replaced, 1);
    assert!(s.check().unwrap().is_empty(), "{:?}", s.check());
    let ev = consult_event(&s);
    assert_eq!(ev.event.id, id);
    assert_eq!(ev.event.num_articles, 4);
    assert_eq!(ev.event.num_documents, 5);
    assert_eq!(ev.event.last_seen.as_deref(), Some("2025-06-13"));
}

#[test]
fn stored_records_round_trip() {
    let mut s = Store::open_in_memory().unwrap();
    let docs = coded(SUMMIT);
    s.ingest(&docs, &[], false).unwrap();
    let mut want: Vec<String> = docs
        .iter()
        .flat_map(|d| d.records.iter().map(|r| serde_json::to_string(r).unwrap()))
        .collect();
    let mut got: Vec<String> = s
        .mentions(&Filter::default(), &Page::default())
        .unwrap()
        .iter()
        .map(|m| serde_json::to_string(&m.record).unwrap())
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);

    // The article view's layers come back with the text.
    let d = s.document("harbor-101").unwrap().unwrap();
    assert_eq!(d.text, docs[0].text);
    assert_eq!(d.layers, docs[0].layers);
    assert!(d.layers.sentences.len() >= 2);
    assert!(d.layers.actors.iter().any(|a| a.label.starts_with("JPN")));
}

#[test]
fn filters() {
    let mut s = Store::open_in_memory().unwrap();
    s.ingest(&coded(SUMMIT), &[], false).unwrap();
    let n = |f: Filter| s.count_events(&f).unwrap();
    let all = n(Filter::default());
    assert!(all >= 3);
    assert_eq!(
        n(Filter {
            actor: Some("PER".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(Filter {
            actor: Some("PERCOP".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(Filter {
            recipient: Some("JPN".into()),
            cameo: Some("04".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(Filter {
            place: Some("PER".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(Filter {
            from: Some("2025-06-13".into()),
            ..Default::default()
        }),
        all - n(Filter {
            to: Some("2025-06-12".into()),
            ..Default::default()
        })
    );
    assert_eq!(
        n(Filter {
            source: Some("Andes Report".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(Filter {
            status: Some("negated".into()),
            ..Default::default()
        }),
        0
    );
    assert!(s
        .count_events(&Filter {
            from: Some("yesterday".into()),
            ..Default::default()
        })
        .is_err());
    assert!(s
        .count_events(&Filter {
            cameo: Some("04'; DROP TABLE events; --".into()),
            ..Default::default()
        })
        .is_err());
    // Mentions level: the arrest by the police, by code prefix.
    let m = s
        .mentions(
            &Filter {
                actor: Some("PERCOP".into()),
                ..Default::default()
            },
            &Page {
                limit: Some(10),
                offset: 0,
                order: Order::Recent,
            },
        )
        .unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].record.cameo, "173");
    // Statistics, timeline, network and map.
    let st = s.stats(&Filter::default(), false, 10).unwrap();
    assert_eq!(st.totals.documents, 7);
    assert_eq!(st.totals.duplicates, 1);
    assert!(st.by_day.iter().map(|d| d.total).sum::<i64>() <= all);
    assert!(st.by_day.iter().any(|d| d.day == "2025-06-12"));
    let net = s.network(&Filter::default(), 50).unwrap();
    assert!(net
        .edges
        .iter()
        .any(|e| e.symmetric && e.source == "JPN" && e.target == "KOR"));
    let map = s.map(&Filter::default(), 50).unwrap();
    assert!(map.iter().any(|p| p.name == "Busan"));
}

#[test]
fn file_database_survives_reopen_and_read_only_cannot_write() {
    let dir = std::env::temp_dir().join(format!("attache-store-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("events.db");
    let _ = std::fs::remove_file(&path);
    {
        let mut s = Store::open(&path).unwrap();
        s.ingest(&coded(SUMMIT), &[], false).unwrap();
    }
    let r = Store::open_read_only(&path).unwrap();
    assert_eq!(r.totals().unwrap().documents, 7);
    assert!(r.connection().execute("DELETE FROM events", []).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}
