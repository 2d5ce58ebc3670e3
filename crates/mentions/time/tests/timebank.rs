//! Dev-set evaluation on TimeBank 1.2 (`../shared/eval/timebank` beside the repository).
//! Ignored by default (the data is not in the repository); run with
//! `cargo test -p attache-time --release -- --ignored --nocapture`.

use attache_text::{analyze, Lexicon};
use attache_time::{eval, TimeTagger};
use std::path::Path;

fn lexicon(root: &Path) -> Lexicon {
    let mut lex = Lexicon::new();
    let dir = root.join("data/lexicon");
    if let Ok(t) = std::fs::read_to_string(dir.join("irregular_verbs.tsv")) {
        lex.load_irregular(&t).expect("irregular_verbs.tsv parses");
    }
    if let Ok(t) = std::fs::read_to_string(dir.join("verbs.txt")) {
        for l in t
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            lex.add_verb(l);
        }
    }
    lex
}

#[test]
#[ignore]
fn timebank_dev_targets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let dir = root.join("../shared/eval/timebank");
    if !dir.is_dir() {
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let lex = lexicon(&root);
    let tagger = TimeTagger::new();
    let prepare = |d: &mut attache_doc::Document| analyze(d, &lex);
    let report = eval::evaluate(&[dir], &tagger, &prepare).expect("TimeBank evaluates");
    println!("{report}");
    assert!(
        report.relaxed.f1 >= 0.90,
        "relaxed extent F1 {:.4}",
        report.relaxed.f1
    );
    assert!(report.value.f1 >= 0.85, "value F1 {:.4}", report.value.f1);
}
