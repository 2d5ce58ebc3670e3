//! Writes events, reads the file back with the Parquet crate's Arrow reader and checks every
//! nested column.

use std::fs::File;
use std::path::PathBuf;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float32Type, Float64Type, Int32Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use attache_events::{
    ActorRef, Attribution, Count, EventDate, EventRecord, Location, Plover, Status, TextSpan,
};
use attache_parquet::{event_day, schema, write_events, write_events_to_path, Error};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("attache-parquet-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

fn actor(code: &str, start: usize) -> ActorRef {
    ActorRef {
        text: format!("text {code}"),
        name: format!("name {code}"),
        code: code.into(),
        country: Some("IRN".into()),
        sector: None,
        start,
        end: start + 4,
        inferred: None,
    }
}

fn event(i: usize) -> EventRecord {
    EventRecord {
        id: format!("doc-{i}-1"),
        doc_id: format!("doc-{i}"),
        sentence: i % 7,
        cameo: "190".into(),
        cameo_root: "19".into(),
        goldstein: -10.0,
        quad_class: 4,
        plover: Plover {
            event: Some("ASSAULT".into()),
            mode: if i.is_multiple_of(2) {
                None
            } else {
                Some("aerial".into())
            },
        },
        status: if i.is_multiple_of(3) {
            Status::Planned
        } else {
            Status::Occurred
        },
        actor: (0..i % 3).map(|k| actor("IRN", 10 * k)).collect(),
        recipient: vec![ActorRef {
            inferred: Some("place".into()),
            ..actor("IRQ", 100)
        }],
        trigger: TextSpan {
            text: "attacked".into(),
            start: 20,
            end: 28,
        },
        date: EventDate {
            value: Some(match i % 3 {
                0 => "1987-03-02".into(),
                1 => "1987-03-02TMO".into(),
                _ => "1987-W09".into(),
            }),
            granularity: "day".into(),
            text: None,
            start: Some(1),
            end: None,
        },
        location: i.is_multiple_of(2).then(|| Location {
            text: "Basra".into(),
            name: "Basra".into(),
            country: Some("IQ".into()),
            geonameid: Some(99532),
            lat: Some(30.5),
            lon: None,
            feature: "P.PPLA".into(),
            resolution: "gazetteer".into(),
            start: 40,
            end: 45,
        }),
        attribution: vec![Attribution {
            text: "officials said".into(),
            source: "unnamed".into(),
            start: 50,
            end: 64,
        }],
        counts: (0..i % 2)
            .map(|_| Count {
                kind: "killed".into(),
                value: 12.0,
                qualifier: Some("at least".into()),
                text: "at least 12".into(),
                start: 70,
                end: 81,
                attribution: None,
            })
            .collect(),
    }
}

fn read(path: &PathBuf) -> Vec<RecordBatch> {
    let f = File::open(path).expect("open");
    let r = ParquetRecordBatchReaderBuilder::try_new(f)
        .expect("reader")
        .build()
        .expect("build");
    r.collect::<Result<Vec<_>, _>>().expect("batches")
}

#[test]
fn nested_columns_round_trip() {
    let events: Vec<EventRecord> = (0..20_000).map(event).collect();
    let path = tmp("events.parquet");
    let summary = write_events_to_path(&events, &path).expect("write");
    assert_eq!(summary.rows, 20_000);
    assert!(!tmp("events.parquet.tmp").exists());

    let meta = ParquetRecordBatchReaderBuilder::try_new(File::open(&path).expect("open"))
        .expect("reader")
        .metadata()
        .clone();
    let kv = meta.file_metadata().key_value_metadata().expect("kv");
    assert!(kv.iter().any(|k| k.key == "attache.schema"
        && k.value.as_deref() == Some(attache_parquet::SCHEMA_VERSION)));

    let batches = read(&path);
    assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 20_000);
    let b = &batches[0];
    assert_eq!(b.schema().fields(), schema().fields());

    let id = b.column_by_name("id").expect("id").as_string::<i32>();
    assert_eq!(id.value(5), "doc-5-1");
    let sentence = b
        .column_by_name("sentence")
        .expect("s")
        .as_primitive::<Int64Type>();
    assert_eq!(sentence.value(5), 5);
    let gold = b
        .column_by_name("goldstein")
        .expect("g")
        .as_primitive::<Float32Type>();
    assert_eq!(gold.value(3), -10.0);
    let quad = b
        .column_by_name("quad_class")
        .expect("q")
        .as_primitive::<Int32Type>();
    assert_eq!(quad.value(3), 4);
    let status = b.column_by_name("status").expect("st").as_string::<i32>();
    assert_eq!(status.value(3), "planned");
    assert_eq!(status.value(4), "occurred");

    // actor: list<struct>, lengths 0, 1, 2, 0, ...
    let actors = b.column_by_name("actor").expect("actor").as_list::<i32>();
    assert_eq!(actors.value(0).len(), 0);
    assert_eq!(actors.value(2).len(), 2);
    let a2 = actors.value(2);
    let a2 = a2.as_struct();
    let code = a2.column_by_name("code").expect("code").as_string::<i32>();
    assert_eq!(code.value(1), "IRN");
    let start = a2
        .column_by_name("start")
        .expect("start")
        .as_primitive::<Int64Type>();
    assert_eq!(start.value(1), 10);
    let sector = a2.column_by_name("sector").expect("sector");
    assert!(sector.is_null(0));
    assert!(a2.column_by_name("inferred").expect("inferred").is_null(0));
    // A country taken from context says why.
    let recipients = b
        .column_by_name("recipient")
        .expect("recipient")
        .as_list::<i32>();
    let r0 = recipients.value(0);
    let inferred = r0
        .as_struct()
        .column_by_name("inferred")
        .expect("inferred")
        .as_string::<i32>();
    assert_eq!(inferred.value(0), "place");

    // plover struct with a nullable child.
    let plover = b.column_by_name("plover").expect("plover").as_struct();
    let mode = plover
        .column_by_name("mode")
        .expect("mode")
        .as_string::<i32>();
    assert!(mode.is_null(0));
    assert_eq!(mode.value(1), "aerial");

    // date struct and the derived day.
    let date = b.column_by_name("date").expect("date").as_struct();
    let end = date.column_by_name("end").expect("end");
    assert!(end.is_null(0));
    let ed = b
        .column_by_name("event_date")
        .expect("ed")
        .as_primitive::<Date32Type>();
    let day = (chrono::NaiveDate::from_ymd_opt(1987, 3, 2).expect("day")
        - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch"))
    .num_days() as i32;
    assert_eq!(ed.value(0), day);
    assert_eq!(ed.value(1), day);
    assert!(ed.is_null(2));

    // nullable location struct.
    let loc = b.column_by_name("location").expect("loc").as_struct();
    assert!(loc.is_valid(0));
    assert!(loc.is_null(1));
    let gid = loc
        .column_by_name("geonameid")
        .expect("gid")
        .as_primitive::<Int64Type>();
    assert_eq!(gid.value(0), 99532);
    let lat = loc
        .column_by_name("lat")
        .expect("lat")
        .as_primitive::<Float64Type>();
    assert_eq!(lat.value(0), 30.5);

    // counts: list<struct>, with a nullable attribution.
    let counts = b.column_by_name("counts").expect("counts").as_list::<i32>();
    assert_eq!(counts.value(0).len(), 0);
    let c1 = counts.value(1);
    let c1 = c1.as_struct();
    let value = c1
        .column_by_name("value")
        .expect("value")
        .as_primitive::<Float64Type>();
    assert_eq!(value.value(0), 12.0);
    assert!(c1.column_by_name("attribution").expect("attr").is_null(0));
    let attribution = b.column_by_name("attribution").expect("a").as_list::<i32>();
    assert_eq!(attribution.value(7).len(), 1);
    std::fs::remove_file(&path).ok();
}

#[test]
fn same_events_same_bytes() {
    let events: Vec<EventRecord> = (0..500).map(event).collect();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    write_events(&events, &mut a).expect("a");
    write_events(events.iter(), &mut b).expect("b");
    assert_eq!(a, b);
    assert_eq!(&a[..4], b"PAR1");
}

#[test]
fn empty_stream_is_a_valid_file() {
    let path = tmp("empty.parquet");
    let summary = write_events_to_path(Vec::<EventRecord>::new(), &path).expect("write");
    assert_eq!(summary.rows, 0);
    assert_eq!(read(&path).iter().map(|b| b.num_rows()).sum::<usize>(), 0);
    std::fs::remove_file(&path).ok();
}

#[test]
fn out_of_range_is_a_typed_error_and_leaves_no_file() {
    let mut bad = event(0);
    if let Some(l) = bad.location.as_mut() {
        l.geonameid = Some(u64::MAX);
    }
    let path = tmp("bad.parquet");
    let err = write_events_to_path([event(1), bad], &path).expect_err("must fail");
    assert!(matches!(
        err,
        Error::OutOfRange {
            field: "location.geonameid",
            ..
        }
    ));
    assert!(!path.exists());
    assert!(!tmp("bad.parquet.tmp").exists());
}

#[test]
fn event_days() {
    assert_eq!(
        event_day("1987-03-02TMO"),
        chrono::NaiveDate::from_ymd_opt(1987, 3, 2)
    );
    assert_eq!(event_day("1987-02-30"), None);
    assert_eq!(event_day("1987-03"), None);
    assert_eq!(event_day("1987-W09"), None);
    assert_eq!(event_day("1987-3-02xx"), None);
    assert_eq!(event_day("PRESENT_REF"), None);
}

#[test]
fn json_records_convert() {
    // The exact line `attache code` prints.
    let line = r#"{"id":"reuters-4-1","doc_id":"reuters-4","sentence":15,"cameo":"071","cameo_root":"07","goldstein":7.4,"quad_class":2,"plover":{"event":"AID","mode":null},"status":"occurred","actor":[{"text":"Brazilian","name":"Brazil","code":"BRA","country":"BRA","sector":null,"start":2311,"end":2320}],"recipient":[],"trigger":{"text":"loans","start":2321,"end":2326},"date":{"value":"1987-02-26","granularity":"document","text":null,"start":null,"end":null},"location":null,"attribution":[],"counts":[]}"#;
    let e: EventRecord = serde_json::from_str(line).expect("record");
    let mut buf = Vec::new();
    let s = write_events([e], &mut buf).expect("write");
    assert_eq!(s.rows, 1);
}
