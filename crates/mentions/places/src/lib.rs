//! Place mentions: built-in GeoNames gazetteer and toponym resolution.
//!
//! ```no_run
//! use attache_places::{Gazetteer, PlaceTagger};
//! let tagger = PlaceTagger::new(Gazetteer::load_builtin()?);
//! let mut doc = attache_doc::Document::new(Default::default(), "Talks resumed in Riyadh.");
//! attache_text::analyze(&mut doc, &attache_text::Lexicon::new());
//! tagger.annotate(&mut doc);
//! assert_eq!(doc.places[0].country.as_deref(), Some("SAU"));
//! # Ok::<(), attache_places::PlaceError>(())
//! ```
//!
//! * [`Gazetteer`]: countries, continents, first- and second-level divisions and populated
//!   places (GeoNames, population ≥ 1000) plus hand-written news regions, aliases and demonyms;
//!   embedded in the binary (`data/places/`), loaded by [`Gazetteer::load_builtin`].
//! * [`PlaceTagger`]: finds place names in a tokenised [`attache_doc::Document`] and resolves
//!   them to gazetteer entries, filling `Document::places`.
//! * [`eval`]: the TR-News / LGL evaluation (`attache eval geo FILE`).

pub mod eval;
mod format;
pub mod gazetteer;
pub mod normalize;
pub mod tagger;

pub use gazetteer::{Gazetteer, NameKind, NameRef, NameRefs, Place, PlaceKind};
pub use tagger::{PlaceTagger, TaggerOptions};

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum PlaceError {
    /// A malformed line in an embedded data file.
    #[error("{file}:{line}: {msg}")]
    Data {
        file: String,
        line: usize,
        msg: String,
    },
    /// An evaluation file could not be read.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// An evaluation file is not well-formed.
    #[error("{path}: {msg}")]
    Format { path: String, msg: String },
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}

pub(crate) fn is_possessive_text(t: &str) -> bool {
    matches!(t, "'s" | "’s" | "'" | "’" | "ʼs")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine() {
        // Paris – London ≈ 344 km.
        let d = haversine_km(48.8566, 2.3522, 51.5074, -0.1278);
        assert!((d - 344.0).abs() < 3.0, "{d}");
        assert_eq!(haversine_km(10.0, 10.0, 10.0, 10.0), 0.0);
    }
}
