//! Every mention layer of a corpus as JSON Lines, for checking that a speed change leaves the
//! output of the text and mention stages unchanged (events are left out: they belong to the
//! coder).
//!
//! Usage: `dump_mentions CORPUS.jsonl [N] > layers.jsonl` (first N documents; all when N is 0 or
//! absent). One line per document: `{"id","sentences","tokens","actors","times","places",
//! "numbers","clauses"}`. Compare two runs with `cmp`.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use attache_doc::Document;

fn main() {
    let mut args = std::env::args_os().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        eprintln!("usage: dump_mentions CORPUS.jsonl [N]");
        std::process::exit(2);
    };
    let limit: usize = args
        .next()
        .and_then(|n| n.to_str().and_then(|n| n.parse().ok()))
        .unwrap_or(0);
    let corpus = attache_benches::from_jsonl(&path, limit).unwrap_or_else(|e| {
        eprintln!("dump_mentions: {e}");
        std::process::exit(2);
    });
    let p = attache_pipeline::Pipeline::builtin().expect("built-in dictionaries load");
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (meta, text) in &corpus.docs {
        let mut d = Document::new(meta.clone(), text.as_str());
        p.analyze(&mut d);
        let v = serde_json::json!({
            "id": d.meta.id, "sentences": d.sentences, "tokens": d.tokens, "actors": d.actors,
            "times": d.times, "places": d.places, "numbers": d.numbers, "clauses": d.clauses,
        });
        writeln!(out, "{v}").expect("write to stdout");
    }
}
