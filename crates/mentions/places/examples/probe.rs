//! Print the places found in a text: `cargo run -p attache-places --example probe -- "text"`.

use attache_places::{Gazetteer, PlaceTagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let tagger = PlaceTagger::new(Gazetteer::load_builtin()?);
    let mut doc = attache_doc::Document::new(Default::default(), text);
    attache_text::analyze(&mut doc, &attache_text::Lexicon::new());
    tagger.annotate(&mut doc);
    for p in &doc.places {
        println!(
            "{:?}\t{}\t{:?}\t{}\t{:?}\t{:?},{:?}\t{}",
            doc.slice(p.span),
            p.name,
            p.geonameid,
            p.feature,
            p.country,
            p.lat,
            p.lon,
            p.resolution
        );
    }
    Ok(())
}
