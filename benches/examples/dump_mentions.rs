//! Every mention layer of a corpus as JSON Lines, for checking that a speed change leaves the
//! output of the text and mention stages unchanged (events are left out: they belong to the
//! coder).
//!
//! Usage: `dump_mentions CORPUS.jsonl [N] > layers.jsonl` (first N documents; all when N is 0 or
//! absent). One line per document: `{"id","sentences","tokens","actors","times","places",
//! "numbers","clauses"}`. Compare two runs with `cmp`.

use std::io::{BufWriter, Write};

use attache_doc::Document;

fn main() {
    let corpus = attache_benches::corpus_from_args("dump_mentions");
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
