//! A small database built from the store's test articles (written for the tests).

use std::path::PathBuf;
use std::sync::Arc;

use attache_doc::DocMeta;
use attache_pipeline::Pipeline;
use attache_store::{NewDocument, Store};
use serde_json::Value;

pub const SUMMIT: &str = include_str!("../../../store/tests/data/summit.jsonl");

pub fn pipeline() -> Arc<Pipeline> {
    static P: std::sync::OnceLock<Arc<Pipeline>> = std::sync::OnceLock::new();
    P.get_or_init(|| Arc::new(Pipeline::builtin().expect("pipeline")))
        .clone()
}

/// A fresh database file holding the coded articles of `jsonl`.
pub fn build_db(name: &str, jsonl: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("attache-serve-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("events.db");
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    let p = pipeline();
    let docs: Vec<NewDocument> = jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().map(str::to_string);
            let meta = DocMeta {
                id: s("id").unwrap(),
                date: s("date")
                    .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                source: s("source"),
                url: s("url"),
                title: s("title"),
            };
            let (doc, records) = p.code_text(meta, v["text"].as_str().unwrap());
            NewDocument::new(&doc, records)
        })
        .collect();
    Store::open(&path)
        .unwrap()
        .ingest(&docs, &[], false)
        .unwrap();
    path
}
