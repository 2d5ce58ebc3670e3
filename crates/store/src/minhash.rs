//! Near-duplicate detection of documents (wire copies, updates, re-publications): MinHash
//! signatures of word 3-shingles with locality-sensitive hashing, verified exactly.
//!
//! A signature has [`BANDS`] × [`ROWS`] minimum hashes; each band of [`ROWS`] minima is hashed
//! into one 64-bit value stored in the `doc_bands` table. Two documents whose shingle sets have
//! Jaccard similarity 0.8 share a band with probability 1 − (1 − 0.8⁴)¹⁶ ≈ 0.9998 (0.5: 0.64,
//! 0.2: 0.03). Every candidate is then checked exactly: the share of the smaller document's
//! shingles found in the larger one must reach [`MIN_CONTAINMENT`] — so an update that adds a
//! paragraph to a wire story still counts as a copy of it.

use std::collections::HashSet;

pub const BANDS: usize = 16;
pub const ROWS: usize = 4;
/// Minimum share of the smaller document's shingles found in the larger one.
pub const MIN_CONTAINMENT: f64 = 0.8;
/// Documents with fewer shingles are only matched when their texts are identical.
pub const MIN_SHINGLES: usize = 12;

/// 64-bit FNV-1a.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// SplitMix64 finaliser: spreads the bits of a hash.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// 128-bit content hash (two independent 64-bit hashes) as 32 hex digits.
pub fn hash_hex(parts: &[&str]) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x8422_2325_cbf2_9ce4;
    for p in parts {
        for byte in p.as_bytes().iter().chain(std::iter::once(&0xffu8)) {
            a ^= u64::from(*byte);
            a = a.wrapping_mul(0x0100_0000_01b3);
            b = b
                .wrapping_add(u64::from(*byte))
                .wrapping_mul(0x9e37_79b9_7f4a_7c15);
            b ^= b >> 29;
        }
    }
    format!("{:016x}{:016x}", mix(a), mix(b))
}

/// Hashes of the lower-cased word 3-shingles of a text, sorted and de-duplicated.
pub fn shingles(text: &str) -> Vec<u64> {
    let w: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out: Vec<u64> = if w.len() < 3 {
        if w.is_empty() {
            Vec::new()
        } else {
            vec![mix(fnv64(w.join(" ").as_bytes()))]
        }
    } else {
        w.windows(3)
            .map(|s| mix(fnv64(format!("{} {} {}", s[0], s[1], s[2]).as_bytes())))
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The LSH band values of a shingle set (empty when it is too small to be matched this way).
pub fn bands(shingles: &[u64]) -> Vec<i64> {
    if shingles.len() < MIN_SHINGLES {
        return Vec::new();
    }
    let mut sig = [u64::MAX; BANDS * ROWS];
    for &s in shingles {
        for (i, m) in sig.iter_mut().enumerate() {
            let h = mix(s ^ (0x9e37_79b9_7f4a_7c15u64.wrapping_mul(i as u64 + 1)));
            if h < *m {
                *m = h;
            }
        }
    }
    sig.chunks(ROWS)
        .enumerate()
        .map(|(b, rows)| {
            let mut h = mix(b as u64 + 1);
            for r in rows {
                h = mix(h ^ r);
            }
            h as i64
        })
        .collect()
}

/// Share of the smaller set contained in the larger one (both sorted).
pub fn containment(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let large: HashSet<u64> = large.iter().copied().collect();
    let common = small.iter().filter(|h| large.contains(h)).count();
    common as f64 / small.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The foreign ministers of Chile and Peru agreed on Monday to reopen two \
        border crossings that were closed during the dispute over fishing rights, and said \
        customs officers would return to the posts within a week. The ministers also asked a \
        joint commission to draft rules for the disputed waters before the end of the year.";

    fn shared_bands(a: &[i64], b: &[i64]) -> usize {
        a.iter().zip(b).filter(|(x, y)| x == y).count()
    }

    #[test]
    fn copies_share_bands_and_different_stories_do_not() {
        let a = shingles(STORY);
        let copy = shingles(&format!("SANTIAGO (Wire) - {STORY} More to follow."));
        let other = shingles(
            "Heavy rain flooded the lower town of the river port overnight, forcing hundreds of \
             families to leave their homes, the mayor said on Tuesday, as rescue teams used \
             boats to reach people stranded on roofs.",
        );
        assert!(a.len() > MIN_SHINGLES);
        assert!(shared_bands(&bands(&a), &bands(&copy)) > 0);
        assert!(containment(&a, &copy) >= MIN_CONTAINMENT);
        assert_eq!(shared_bands(&bands(&a), &bands(&other)), 0);
        assert!(containment(&a, &other) < 0.1);
    }

    #[test]
    fn identical_texts_have_identical_bands_whatever_the_case() {
        let a = bands(&shingles(STORY));
        assert_eq!(a.len(), BANDS);
        assert_eq!(a, bands(&shingles(&STORY.to_uppercase())));
        assert!(bands(&shingles("too short to match")).is_empty());
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(hash_hex(&["a", "b"]), hash_hex(&["a", "b"]));
        assert_ne!(hash_hex(&["ab", ""]), hash_hex(&["a", "b"]));
        assert_eq!(hash_hex(&["x"]).len(), 32);
    }
}
