//! The TR-News development evaluation with the text stage only (ignored: it needs
//! `../shared/eval/tr-news/TR-News.xml`). Run with
//! `cargo test --release -p attache-places --test tr_news -- --ignored --nocapture`.

use attache_places::{eval, Gazetteer, PlaceTagger};
use std::path::PathBuf;

#[test]
#[ignore]
fn tr_news_dev() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../../shared/eval/tr-news/TR-News.xml");
    if !path.exists() {
        eprintln!("{} not found; skipped", path.display());
        return;
    }
    let tagger = PlaceTagger::new(Gazetteer::load_builtin().expect("gazetteer"));
    let lexicon = attache_text::Lexicon::new();
    let report = eval::evaluate(&path, &tagger, &|d| attache_text::analyze(d, &lexicon))
        .expect("evaluation");
    println!("{report}");
    assert!(report.exact.f1 > 0.8, "{report}");
}
