//! Evaluate the time tagger on TimeML files, TempEval-3 style.
//!
//! ```text
//! cargo run -p attache-time --release --example timebank -- [DIR_OR_FILE ...] [--errors] [--json] [--lexicon DIR]
//! ```
//! Default path: the shared TimeBank dev set (`../shared/eval/timebank` from the repository root).
//! The text stage uses the repository lexicon (`data/lexicon/`) when it is there.

use attache_text::{analyze, Lexicon};
use attache_time::{eval, TimeTagger};
use std::path::{Path, PathBuf};

fn lexicon(dir: &Path) -> Lexicon {
    let mut lex = Lexicon::new();
    if let Ok(t) = std::fs::read_to_string(dir.join("irregular_verbs.tsv")) {
        if let Err(e) = lex.load_irregular(&t) {
            eprintln!("warning: {e}");
        }
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

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let json = args.iter().any(|a| a == "--json");
    let mut paths: Vec<PathBuf> = args
        .iter()
        .enumerate()
        .filter(|(k, a)| !a.starts_with("--") && (*k == 0 || args[k - 1] != "--lexicon"))
        .map(|(_, a)| PathBuf::from(a))
        .collect();
    if paths.is_empty() {
        paths.push(root.join("../shared/eval/timebank"));
    }
    // `--lexicon DIR`: a directory with irregular_verbs.tsv and verbs.txt (default data/lexicon).
    let lex_dir = args
        .windows(2)
        .find(|w| w[0] == "--lexicon")
        .map(|w| PathBuf::from(&w[1]));
    let lex = lexicon(lex_dir.as_deref().unwrap_or(&root.join("data/lexicon")));
    let tagger = TimeTagger::new();
    let prepare = |d: &mut attache_doc::Document| analyze(d, &lex);
    let started = std::time::Instant::now();
    match eval::evaluate(&paths, &tagger, &prepare) {
        Ok(report) => {
            if show_errors {
                for e in &report.errors {
                    println!("{e}");
                }
                println!();
            }
            print!("{report}");
            eprintln!("({:.2}s)", started.elapsed().as_secs_f64());
            if json {
                match serde_json::to_string_pretty(&report) {
                    Ok(s) => println!("{s}"),
                    Err(e) => eprintln!("json: {e}"),
                }
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
