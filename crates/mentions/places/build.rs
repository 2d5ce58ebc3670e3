//! Compile the gazetteer (`data/places/`) into the binary format of `src/format.rs`, so that
//! loading it at run time costs nothing: the sections are embedded with `include_bytes!` and read
//! in place.

use std::io::Read;
use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/format.rs"]
mod format;

#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;

#[path = "src/builder.rs"]
mod builder;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("manifest dir"));
    let data = manifest.join("../../../data/places");
    for f in [
        "gazetteer.tsv.gz",
        "regions.tsv",
        "aliases.tsv",
        "demonyms.tsv",
    ] {
        println!("cargo:rerun-if-changed={}", data.join(f).display());
    }
    for f in [
        "build.rs",
        "src/format.rs",
        "src/normalize.rs",
        "src/builder.rs",
    ] {
        println!("cargo:rerun-if-changed={f}");
    }
    let read = |f: &str| {
        std::fs::read_to_string(data.join(f)).unwrap_or_else(|e| panic!("data/places/{f}: {e}"))
    };
    let gz = std::fs::read(data.join("gazetteer.tsv.gz")).expect("data/places/gazetteer.tsv.gz");
    let mut geonames = String::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_string(&mut geonames)
        .expect("gazetteer.tsv.gz decompresses to UTF-8");
    let compiled = builder::Builder::load(
        &geonames,
        &read("regions.tsv"),
        &read("aliases.tsv"),
        &read("demonyms.tsv"),
    )
    .and_then(builder::Builder::compile)
    .unwrap_or_else(|e| panic!("data/places: {e}"));

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(out.join(name), bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    write("places.bin", &compiled.places);
    write("names.txt", compiled.names.as_bytes());
    write("index.bin", &compiled.index);
    write("refs.bin", &compiled.refs);
    let mut rs = String::new();
    rs += &format!(
        "pub(crate) const PLACES: usize = {};\n",
        compiled.places.len() / format::RECORD
    );
    rs += &format!("pub(crate) const SORTED: usize = {};\n", compiled.sorted);
    rs += &format!(
        "pub(crate) const INDEX_BITS: u32 = {};\n",
        compiled.index_bits
    );
    rs += &format!(
        "pub(crate) const MAX_WORDS: usize = {};\n",
        compiled.max_words
    );
    rs += "pub(crate) static COUNTRIES: &[([u8; 3], u32)] = &[\n";
    for (c, i) in &compiled.countries {
        rs += &format!("    ({c:?}, {i}),\n");
    }
    rs += "];\npub(crate) static EXTRA_IDS: &[(u64, u32)] = &[\n";
    for (id, i) in &compiled.extra_ids {
        rs += &format!("    ({id}, {i}),\n");
    }
    rs += "];\n";
    write("gazetteer.rs", rs.as_bytes());
}
