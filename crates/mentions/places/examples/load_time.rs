//! Measure gazetteer load time and size:
//! `cargo run --release -p attache-places --example load_time [N]` (N loads, default 1).

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    for _ in 0..n {
        let t = Instant::now();
        let g = attache_places::Gazetteer::load_builtin()?;
        println!(
            "loaded {} places in {:.0} ms",
            g.len(),
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
    Ok(())
}
