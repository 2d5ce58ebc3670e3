//! The compiled gazetteer format, shared by the build script (`build.rs`, which writes it from
//! `data/places/`) and the runtime reader ([`crate::gazetteer`]). Everything is little-endian.
//!
//! * **Places**: one [`RECORD`]-byte record per place, in load order (the GeoNames rows sorted by
//!   id, then the hand-written regions). Field offsets are the `OFF_*` constants.
//! * **Names**: the place names, concatenated; a record holds its name's byte offset, and the
//!   next record's offset ends it.
//! * **Index**: an open-addressing hash table of `1 << bits` slots of 16 bytes, `(hash, payload)`,
//!   over every key and every word-prefix of a key ([`key_hash`] of the key; linear probing from
//!   [`slot_of`]). The payload packs the key's entries (`start` into the refs, `len`) and flags
//!   ([`FLAG_KEY`], [`FLAG_PREFIX`]); an empty slot has payload 0.
//! * **Refs**: one `u32` per index entry ([`pack_ref`]), grouped by key, each group in the order
//!   the index returns them.

/// Kind of place, from the GeoNames feature code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    Continent,
    Country,
    /// A region (hand-written news regions, seas, `the Gulf`).
    Region,
    /// First-level division (state, province).
    Admin1,
    /// Second-level division (county, district).
    Admin2,
    /// Populated place.
    City,
}

impl PlaceKind {
    /// PLOVER-style resolution level of a place of this kind.
    pub fn resolution(self) -> &'static str {
        match self {
            PlaceKind::Continent | PlaceKind::Region => "region",
            PlaceKind::Country => "country",
            PlaceKind::Admin1 => "province",
            PlaceKind::Admin2 => "district",
            PlaceKind::City => "city",
        }
    }

    #[allow(dead_code)]
    pub(crate) fn from_u8(x: u8) -> PlaceKind {
        match x {
            0 => PlaceKind::Continent,
            1 => PlaceKind::Country,
            2 => PlaceKind::Region,
            3 => PlaceKind::Admin1,
            4 => PlaceKind::Admin2,
            _ => PlaceKind::City,
        }
    }
}

/// How a key names a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameKind {
    /// The GeoNames name (or its ASCII spelling).
    Primary,
    /// A hand-written alias or region name.
    Alias,
    /// A GeoNames alternate name.
    Alternate,
    /// An adjective standing for the place (`Turkish`).
    Demonym,
}

impl NameKind {
    #[allow(dead_code)]
    pub(crate) fn from_u8(x: u8) -> NameKind {
        match x {
            0 => NameKind::Primary,
            1 => NameKind::Alias,
            2 => NameKind::Alternate,
            _ => NameKind::Demonym,
        }
    }
}

/// One entry of the name index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameRef {
    pub place: u32,
    pub kind: NameKind,
    /// The written name is an all-capitals abbreviation (`US`, `UAE`): the text must be too.
    pub caps_only: bool,
    /// The written name ends in a dot (`Ky.`, `B.C.`): a dot after the match belongs to it.
    pub dotted: bool,
}

/// A [`NameRef`] in 32 bits: place (27 bits), kind (3), caps-only and dotted flags.
#[allow(dead_code)]
pub(crate) fn pack_ref(r: &NameRef) -> u32 {
    (r.place << 5) | ((r.kind as u32) << 2) | (u32::from(r.caps_only) << 1) | u32::from(r.dotted)
}

#[allow(dead_code)]
pub(crate) fn unpack_ref(x: u32) -> NameRef {
    NameRef {
        place: x >> 5,
        kind: NameKind::from_u8(((x >> 2) & 7) as u8),
        caps_only: x & 2 != 0,
        dotted: x & 1 != 0,
    }
}

/// GeoNames feature codes a place can have (its record holds the position); anything else is
/// read as `RGN`.
pub(crate) const FEATURES: &[&str] = &[
    "PCLI", "PCLD", "PCLS", "PCLF", "PCLIX", "PCL", "TERR", "CONT", "RGN", "ADM1", "ADM2", "ADM3",
    "PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC", "PPLX", "SEA", "GULF", "OCN", "BAY", "AREA",
    "PEN", "MTS", "ISL", "ISLS", "DSRT", "STRT", "LK", "STM", "PLN", "VAL", "PLAT", "ZN", "AIRP",
];

/// Resolution levels a place can have (its record holds the position).
pub(crate) const RESOLUTIONS: &[&str] = &["region", "province", "district", "city", "country"];

/// Bytes per place record.
pub(crate) const RECORD: usize = 72;
/// `u64` GeoNames id; `u64::MAX` for none.
pub(crate) const OFF_ID: usize = 0;
/// `u64` population.
pub(crate) const OFF_POP: usize = 8;
/// `u64` packed admin1 code.
pub(crate) const OFF_ADMIN1: usize = 16;
/// `u64` packed admin2 code.
pub(crate) const OFF_ADMIN2: usize = 24;
/// `f64` latitude.
pub(crate) const OFF_LAT: usize = 32;
/// `f64` longitude.
pub(crate) const OFF_LON: usize = 40;
/// `u32` byte offset of the name.
pub(crate) const OFF_NAME: usize = 48;
/// `u32` index of the first-level division containing the place; `u32::MAX` for none.
pub(crate) const OFF_ADMIN1_OF: usize = 52;
/// `u32` index of the second-level division containing the place; `u32::MAX` for none.
pub(crate) const OFF_ADMIN2_OF: usize = 56;
/// `[u8; 3]` ISO alpha-3 country code.
pub(crate) const OFF_COUNTRY: usize = 60;
/// `u8` position in [`FEATURES`].
pub(crate) const OFF_FEATURE: usize = 63;
/// `u8` [`PlaceKind`].
pub(crate) const OFF_KIND: usize = 64;
/// `u8` position in [`RESOLUTIONS`].
pub(crate) const OFF_RESOLUTION: usize = 65;

/// Index payload flag: the hash is a key.
pub(crate) const FLAG_KEY: u64 = 1 << 48;
/// Index payload flag: the hash is a proper word-prefix of a key.
pub(crate) const FLAG_PREFIX: u64 = 1 << 49;

/// 64-bit FNV-1a hash of a normalised key (the same on every run and platform).
pub(crate) fn key_hash(k: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in k.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// First slot probed for hash `h` in a table of `1 << bits` slots.
pub(crate) fn slot_of(h: u64, bits: u32) -> usize {
    (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
}
