//! `attache ingest`, `query` and `stats` end to end, on articles written for these tests
//! (`crates/store/tests/data/summit.jsonl`) and on generated documents.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const SUMMIT: &str = include_str!("../../store/tests/data/summit.jsonl");

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_attache"))
}

fn run(args: &[&str]) -> (String, String, i32) {
    let out = bin()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run attache");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn ok(args: &[&str]) -> String {
    let (out, err, code) = run(args);
    assert_eq!(code, 0, "attache {args:?}: {err}");
    out
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("attache-cli-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn sorted_lines(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s.lines().map(str::to_string).collect();
    v.sort();
    v
}

fn totals(db: &Path) -> Value {
    let out = ok(&["stats", "--db", s(db), "--json"]);
    serde_json::from_str::<Value>(&out).unwrap()["totals"].clone()
}

#[test]
fn ingest_then_query_round_trips() {
    let dir = tmp("roundtrip");
    let input = dir.join("summit.jsonl");
    std::fs::write(&input, SUMMIT).unwrap();
    let db = dir.join("events.db");

    let coded = ok(&["code", "--format", "jsonl", s(&input)]);
    let (_, err, code) = run(&["ingest", "--db", s(&db), s(&input)]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("7 documents (7 new"), "summary: {err}");
    assert!(err.contains("1 near-duplicates"), "summary: {err}");
    assert!(err.contains("0 errors"), "summary: {err}");
    assert!(err.contains(" s ("), "seconds in the summary: {err}");

    // The stored mentions are exactly what `attache code` prints.
    let stored = ok(&[
        "query",
        "--db",
        s(&db),
        "--level",
        "mentions",
        "-f",
        "jsonl",
    ]);
    assert_eq!(sorted_lines(&stored), sorted_lines(&coded));

    // Merged events in every format.
    let events = ok(&[
        "query",
        "--db",
        s(&db),
        "-f",
        "jsonl",
        "--order",
        "mentions",
    ]);
    let top: Value = serde_json::from_str(events.lines().next().unwrap()).unwrap();
    assert_eq!(top["plover"], "CONSULT");
    assert_eq!(top["num_articles"], 5);
    assert_eq!(top["num_documents"], 6);

    let csv = ok(&["query", "--db", s(&db), "-f", "csv"]);
    assert!(csv.starts_with("id,date,"));
    assert_eq!(csv.lines().count(), 1 + events.lines().count());

    let gdelt = ok(&[
        "query",
        "--db",
        s(&db),
        "-f",
        "gdelt",
        "--plover",
        "CONSULT",
    ]);
    let cols: Vec<&str> = gdelt.trim_end().split('\t').collect();
    assert_eq!(cols.len(), 61);
    assert_eq!(cols[1], "20250612");
    assert_eq!((cols[31], cols[32], cols[33]), ("5", "5", "5"));

    let plover = ok(&["query", "--db", s(&db), "-f", "plover", "--place", "Lima"]);
    let p: Value = serde_json::from_str(plover.trim()).unwrap();
    assert_eq!(p["event"], "COERCE");
    assert_eq!(p["event_counts"]["num_mentions"], 1);

    let mcsv = ok(&["query", "--db", s(&db), "--level", "mentions", "-f", "csv"]);
    assert_eq!(mcsv.lines().count(), 1 + coded.lines().count());
    let table = ok(&["query", "--db", s(&db), "-f", "table", "--actor", "PER"]);
    assert!(table.contains("Lima"));
    assert_eq!(table.lines().count(), 2);

    // Bad filters are refused with a message.
    let (_, err, code) = run(&["query", "--db", s(&db), "--from", "June"]);
    assert_ne!(code, 0);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let (_, err, code) = run(&["query", "--db", s(&dir.join("missing.db"))]);
    assert_ne!(code, 0);
    assert!(err.contains("no store"), "{err}");

    let st = ok(&["stats", "--db", s(&db)]);
    assert!(st.contains("7 documents (1 near-duplicates)"), "{st}");
    assert!(st.contains("JPN & KOR (together)"), "{st}");
    assert!(ok(&["stats", "--db", s(&db), "--check"]).contains("consistent"));
}

#[test]
fn reingest_changes_nothing() {
    let dir = tmp("idem");
    let input = dir.join("summit.jsonl");
    std::fs::write(&input, SUMMIT).unwrap();
    let db = dir.join("events.db");
    ok(&["ingest", "--db", s(&db), s(&input)]);
    let snapshot = |db: &Path| {
        (
            ok(&["query", "--db", s(db), "-f", "jsonl"]),
            ok(&["query", "--db", s(db), "--level", "mentions", "-f", "csv"]),
            totals(db),
        )
    };
    let before = snapshot(&db);
    let (_, err, code) = run(&["ingest", "--db", s(&db), s(&input)]);
    assert_eq!(code, 0);
    assert!(err.contains("0 new, 0 replaced, 7 unchanged"), "{err}");
    assert_eq!(snapshot(&db), before);
    // Forced re-coding gives the same events, with the same ids.
    let (_, err, _) = run(&["ingest", "--db", s(&db), "--force", s(&input)]);
    assert!(err.contains("7 replaced"), "{err}");
    assert_eq!(snapshot(&db).0, before.0);
}

/// Documents written from templates, with varied countries, places and days.
fn generated(n: usize) -> String {
    let pairs = [
        ("Kenya", "Kenyan", "Tanzania", "Tanzanian", "Arusha"),
        ("Chile", "Chilean", "Peru", "Peruvian", "Lima"),
        ("Poland", "Polish", "Lithuania", "Lithuanian", "Vilnius"),
        ("Ghana", "Ghanaian", "Togo", "Togolese", "Accra"),
        ("Vietnam", "Vietnamese", "Laos", "Laotian", "Hanoi"),
    ];
    let verbs = [
        ("met", "to discuss border trade"),
        ("criticized", "over a dispute about river water"),
        ("praised", "for its help after the floods"),
    ];
    let mut out = String::new();
    for i in 0..n {
        let (a, adj_a, b, adj_b, city) = pairs[i % pairs.len()];
        let (verb, why) = verbs[(i / pairs.len()) % verbs.len()];
        let day = 1 + (i / 15) % 28;
        let text = format!(
            "The {adj_a} foreign minister {verb} {b} in {city} on March {day}, 2024 {why}. \
             Officials from {a} said further talks were planned. The {adj_b} government \
             did not comment on the report number {i}."
        );
        let rec = serde_json::json!({
            "id": format!("gen-{i}"),
            "date": format!("2024-03-{:02}", day.min(28)),
            "source": format!("Desk {}", i % 4),
            "title": format!("{a} and {b}, report {i}"),
            "text": text,
        });
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    out
}

fn event_shapes(db: &Path) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for l in ok(&["query", "--db", s(db), "-f", "jsonl"]).lines() {
        let mut v: Value = serde_json::from_str(l).unwrap();
        let o = v.as_object_mut().unwrap();
        o.remove("id");
        o.remove("rep_mention");
        *m.entry(v.to_string()).or_default() += 1;
    }
    m
}

#[test]
fn killed_ingest_leaves_a_consistent_store_and_the_next_run_continues() {
    let dir = tmp("kill");
    let input = dir.join("generated.jsonl");
    let n = 800;
    std::fs::write(&input, generated(n)).unwrap();
    let db = dir.join("events.db");

    let mut child = bin()
        .args([
            "ingest",
            "--db",
            s(&db),
            "--batch",
            "25",
            "--quiet",
            s(&input),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as a few batches are committed.
    let start = Instant::now();
    let mut seen = 0;
    while start.elapsed() < Duration::from_secs(120) {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if db.exists() {
            let (out, _, code) = run(&["stats", "--db", s(&db), "--json"]);
            if code == 0 {
                seen = serde_json::from_str::<Value>(&out).unwrap()["totals"]["documents"]
                    .as_u64()
                    .unwrap_or(0);
                if seen >= 50 {
                    break;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(seen >= 50, "the ingest never committed a batch");

    let (out, err, code) = run(&["stats", "--db", s(&db), "--check"]);
    assert_eq!(code, 0, "inconsistent after the kill: {out}{err}");
    let partial = totals(&db)["documents"].as_u64().unwrap() as usize;
    assert!(
        partial < n,
        "killed too late to test anything ({partial} of {n})"
    );
    assert_eq!(partial % 25, 0, "only whole batches are committed");

    // The next run continues where the killed one stopped.
    let (_, err, code) = run(&["ingest", "--db", s(&db), s(&input)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!("{} new", n - partial))
            && err.contains(&format!("{partial} unchanged")),
        "{err}"
    );
    assert_eq!(totals(&db)["documents"], n);
    assert!(ok(&["stats", "--db", s(&db), "--check"]).contains("consistent"));

    // And the result is the one of a run that was never interrupted.
    let clean = dir.join("clean.db");
    ok(&["ingest", "--db", s(&clean), "--quiet", s(&input)]);
    assert_eq!(totals(&clean), totals(&db));
    assert_eq!(event_shapes(&clean), event_shapes(&db));
}

#[test]
fn error_records_are_stored_not_lost() {
    let dir = tmp("errors");
    let input = dir.join("mixed.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"text\": \"Chile's president met Peru's president in Lima on Monday.\", \"date\": \"2024-05-06\"}\n\
         not json at all\n\
         {\"id\": \"b\", \"date\": \"someday\", \"text\": \"x\"}\n\
         {\"id\": \"c\"}\n",
    )
    .unwrap();
    let db = dir.join("events.db");
    let (_, err, code) = run(&["ingest", "--db", s(&db), s(&input)]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("3 errors"), "{err}");
    assert_eq!(err.matches("\"error\"").count(), 3, "printed too: {err}");
    let t = totals(&db);
    assert_eq!(
        (t["documents"].as_i64(), t["errors"].as_i64()),
        (Some(1), Some(3))
    );
}
