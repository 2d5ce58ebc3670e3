//! Development run of the geo evaluation with the text stage only:
//!
//!     cargo run --release -p attache-places --example geo_eval -- [FILE] [--errors] [--json]
//!
//! FILE defaults to `../shared/eval/tr-news/TR-News.xml` (relative to the workspace root).
//! The CLI's `attache eval geo FILE` runs the same evaluation after the actor stage too.

use attache_places::{eval, Gazetteer, PlaceTagger};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let json = args.iter().any(|a| a == "--json");
    let file = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../../shared/eval/tr-news/TR-News.xml")
        });
    let t0 = Instant::now();
    let gaz = Gazetteer::load_builtin()?;
    let load_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let tagger = PlaceTagger::new(gaz);
    let lexicon = attache_text::Lexicon::new();
    let t1 = Instant::now();
    let report = eval::evaluate(&file, &tagger, &|d| attache_text::analyze(d, &lexicon))?;
    let run_ms = t1.elapsed().as_secs_f64() * 1000.0;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    if show_errors {
        for e in &report.errors {
            println!(
                "{}\t{}\t{:?}\tgold={}\tpred={}\tkm={}\t…{}…",
                e.doc,
                e.kind,
                e.text,
                e.gold.as_deref().unwrap_or("-"),
                e.predicted.as_deref().unwrap_or("-"),
                e.error_km.map_or("-".into(), |k| format!("{k:.0}")),
                e.context
            );
        }
    }
    print!("{report}");
    eprintln!("gazetteer load {load_ms:.0} ms, evaluation {run_ms:.0} ms");
    Ok(())
}
