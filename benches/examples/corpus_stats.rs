//! Size of a JSON Lines corpus in the units `scripts/bench.sh` reports: documents, bytes of
//! text, sentences and tokens (the text stage of the pipeline, run single-threaded).
//!
//! Usage: `corpus_stats CORPUS.jsonl [N]` (first N documents; all when N is 0 or absent).
//! Prints one JSON object: `{"docs","text_bytes","sentences","tokens","seconds"}`, where
//! `seconds` is the time the text stage took.

use std::time::Instant;

use attache_doc::Document;

fn main() {
    let corpus = attache_benches::corpus_from_args("corpus_stats");
    let lexicon = attache_pipeline::Pipeline::builtin()
        .expect("built-in dictionaries load")
        .lexicon;
    let (mut sentences, mut tokens) = (0usize, 0usize);
    let t = Instant::now();
    for (meta, text) in &corpus.docs {
        let mut d = Document::new(meta.clone(), text.as_str());
        attache_text::analyze(&mut d, &lexicon);
        sentences += d.sentences.len();
        tokens += d.tokens.len();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{}",
        serde_json::json!({
            "docs": corpus.len(),
            "text_bytes": corpus.bytes(),
            "sentences": sentences,
            "tokens": tokens,
            "seconds": secs,
        })
    );
}
