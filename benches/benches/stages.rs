//! Stage benchmarks: each stage of `Pipeline::analyze`/`Pipeline::code` on its own, over
//! documents already carried through the stages before it, plus the whole pipeline and loading.
//!
//! `cargo bench -p attache-benches` runs them on the built-in articles (`benches/data/`);
//! `ATTACHE_BENCH_CORPUS=target/bench/reuters.jsonl` runs them on a JSON Lines corpus (first
//! `ATTACHE_BENCH_DOCS` documents, default 1,000). One iteration is one pass over the whole
//! corpus; throughput is reported in bytes of text and documents per second.

use std::sync::LazyLock;

use attache_benches::Corpus;
use attache_doc::Document;
use attache_pipeline::Pipeline;
use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::builtin().expect("built-in dictionaries load"));
static CORPUS: LazyLock<Corpus> = LazyLock::new(attache_benches::from_env);

fn main() {
    let (p, c) = (&*PIPELINE, &*CORPUS);
    let docs = prepared(Upto::Analyzed);
    let count = |f: fn(&Document) -> usize| docs.iter().map(f).sum::<usize>();
    let events: usize = docs.iter().map(|d| p.coder.code(d, &p.lexicon).len()).sum();
    eprintln!(
        "corpus {}: {} documents, {} bytes, {} sentences, {} tokens, {} actor / {} time / {} place / {} number mentions, {} clauses, {} events",
        c.name,
        c.len(),
        c.bytes(),
        count(|d| d.sentences.len()),
        count(|d| d.tokens.len()),
        count(|d| d.actors.len()),
        count(|d| d.times.len()),
        count(|d| d.places.len()),
        count(|d| d.numbers.len()),
        count(|d| d.clauses.len()),
        events,
    );
    drop(docs);
    divan::main();
}

/// How far documents are carried before the benchmarked stage runs.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Upto {
    Fresh,
    Text,
    Actors,
    Time,
    Places,
    Numbers,
    Analyzed,
}

fn clause_stage(p: &Pipeline, doc: &mut Document) {
    let lex = &p.lexicon;
    attache_clauses::segment(doc, &|d: &Document, i: usize| {
        lex.verb(d.low(i)).map(|(id, _)| lex.lemma(id).to_string())
    });
}

/// The corpus as fresh documents carried through every stage before `upto`, in pipeline order.
fn prepared(upto: Upto) -> Vec<Document> {
    let p = &*PIPELINE;
    CORPUS
        .docs
        .iter()
        .map(|(meta, text)| {
            let mut d = Document::new(meta.clone(), text.as_str());
            if upto > Upto::Fresh {
                attache_text::analyze(&mut d, &p.lexicon);
            }
            if upto > Upto::Text {
                p.actors.annotate(&mut d);
            }
            if upto > Upto::Actors {
                p.time.annotate(&mut d);
            }
            if upto > Upto::Time {
                p.places.annotate(&mut d);
            }
            if upto > Upto::Places {
                attache_numbers::annotate(&mut d);
            }
            if upto > Upto::Numbers {
                clause_stage(p, &mut d);
            }
            d
        })
        .collect()
}

fn counted<'a, 'b>(b: Bencher<'a, 'b>) -> Bencher<'a, 'b> {
    b.counter(BytesCount::new(CORPUS.bytes()))
        .counter(ItemsCount::new(CORPUS.len()))
}

/// Time `stage` over a fresh copy of the corpus prepared up to `upto` (copying is not timed).
fn bench_stage(b: Bencher, upto: Upto, stage: fn(&Pipeline, &mut Document)) {
    let p = &*PIPELINE;
    let docs = prepared(upto);
    counted(b)
        .with_inputs(|| docs.clone())
        .bench_local_values(|mut docs: Vec<Document>| {
            for d in &mut docs {
                stage(p, d);
            }
            docs
        });
}

/// Tokens, sentences and word classes (`attache_text::analyze`).
#[divan::bench]
fn text(b: Bencher) {
    bench_stage(b, Upto::Fresh, |p, d| attache_text::analyze(d, &p.lexicon));
}

/// Actor dictionary matching (`ActorTagger::annotate`).
#[divan::bench]
fn actors(b: Bencher) {
    bench_stage(b, Upto::Text, |p, d| p.actors.annotate(d));
}

/// Time expressions (`TimeTagger::annotate`).
#[divan::bench]
fn time(b: Bencher) {
    bench_stage(b, Upto::Actors, |p, d| p.time.annotate(d));
}

/// Toponyms and the gazetteer (`PlaceTagger::annotate`).
#[divan::bench]
fn places(b: Bencher) {
    bench_stage(b, Upto::Time, |p, d| p.places.annotate(d));
}

/// Numbers and counts (`attache_numbers::annotate`).
#[divan::bench]
fn numbers(b: Bencher) {
    bench_stage(b, Upto::Places, |_, d| attache_numbers::annotate(d));
}

/// Clause segmentation (`attache_clauses::segment`).
#[divan::bench]
fn clauses(b: Bencher) {
    bench_stage(b, Upto::Numbers, clause_stage);
}

/// Event coding of analysed documents (`Coder::code`).
#[divan::bench]
fn events(b: Bencher) {
    let p = &*PIPELINE;
    let docs = prepared(Upto::Analyzed);
    counted(b).bench_local(|| {
        docs.iter()
            .map(|d| p.coder.code(black_box(d), &p.lexicon).len())
            .sum::<usize>()
    });
}

/// The whole pipeline from text to events (`Pipeline::code_text`), as `attache code` runs it.
#[divan::bench]
fn pipeline(b: Bencher) {
    let p = &*PIPELINE;
    counted(b).bench_local(|| {
        CORPUS
            .docs
            .iter()
            .map(|(meta, text)| p.code_text(meta.clone(), black_box(text)).1.len())
            .sum::<usize>()
    });
}

/// Loading every built-in dictionary and the gazetteer (`Pipeline::builtin`): start-up cost.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn load() -> Pipeline {
    Pipeline::builtin().expect("built-in dictionaries load")
}
