//! Name normalisation shared by the gazetteer index and the text matcher.
//!
//! A *key* is a name folded to ASCII, lower-cased, with hyphens and slashes as spaces, dots,
//! commas and brackets removed, curly apostrophes straightened and a leading `the` dropped:
//! `Côte d’Ivoire` → `cote d'ivoire`, `U.S.` → `us`, `Winston-Salem` → `winston salem`.

/// ASCII transliteration of U+00C0..=U+00FF (two bytes per char; a space pads single letters).
const LATIN1: &str = "A A A A A A AEC E E E E I I I I D N O O O O O x O U U U U Y Thssa a a a a a aec e e e e i i i i d n o o o o o / o u u u u y thy ";
/// ASCII transliteration of U+0100..=U+017F (two bytes per char).
const LATIN_EXT_A: &str = "A a A a A a C c C c C c C c D d D d E e E e E e E e E e G g G g G g G g H h H h I i I i I i I i I i IJijJ j K k k L l L l L l L l L l N n N n N n n N n O o O o O o OEoeR r R r R r S s S s S s S s T t T t T t U u U u U u U u U u U u W w Y y Y Z z Z z Z z s ";

fn two(table: &str, idx: usize) -> &str {
    table.get(idx * 2..idx * 2 + 2).map_or("", |s| s.trim_end())
}

/// Append the ASCII folding of `c` to `out`.
pub fn fold_char(c: char, out: &mut String) {
    let u = c as u32;
    match u {
        0..=0x7f => out.push(c),
        0xc0..=0xff => out.push_str(two(LATIN1, (u - 0xc0) as usize)),
        0x100..=0x17f => out.push_str(two(LATIN_EXT_A, (u - 0x100) as usize)),
        _ => match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{02bb}' | '\u{02be}' | '\u{02bf}' | '`'
            | '\u{00b4}' => out.push('\''),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => out.push('-'),
            'ș' | 'ş' => out.push('s'),
            'Ș' | 'Ş' => out.push('S'),
            'ț' | 'ţ' => out.push('t'),
            'Ț' | 'Ţ' => out.push('T'),
            'ǎ' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ẩ' | 'ẫ' | 'ậ' | 'ắ' | 'ằ' | 'ẳ' | 'ẵ' | 'ặ' => {
                out.push('a')
            }
            'ǐ' | 'ị' | 'ỉ' => out.push('i'),
            'ǒ' | 'ọ' | 'ỏ' | 'ố' | 'ồ' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ớ' | 'ờ' | 'ở' | 'ỡ' | 'ợ' => {
                out.push('o')
            }
            'ǔ' | 'ụ' | 'ủ' | 'ư' | 'ứ' | 'ừ' | 'ử' | 'ữ' | 'ự' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => {
                out.push('u')
            }
            'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể' | 'ễ' | 'ệ' | 'ə' => out.push('e'),
            'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' => out.push('y'),
            'ḥ' | 'ḫ' => out.push('h'),
            'ṣ' => out.push('s'),
            'ṭ' => out.push('t'),
            'ḍ' => out.push('d'),
            'ẓ' => out.push('z'),
            'Ḥ' => out.push('H'),
            'Ṣ' => out.push('S'),
            // Combining marks vanish; anything else is kept as is (it will not match an ASCII key).
            '\u{0300}'..='\u{036f}' => {}
            _ => out.push(c),
        },
    }
}

/// ASCII folding of a whole string (case kept).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Normalised lookup key of a name (see the module docs).
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    key_into(s, &mut out);
    out
}

/// [`key`] into a reusable buffer.
pub fn key_into(s: &str, out: &mut String) {
    out.clear();
    // Most words are letters and figures only: their key is the word in lower case (no space, so
    // no leading `the` either).
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'\'' || b == b'&')
    {
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    if s.is_ascii() {
        key_ascii(s, out);
        // A single character (a punctuation token) cannot leave a leading `the `.
        if s.len() == 1 {
            return;
        }
    } else {
        key_ascii(&fold(s), out);
    }
    if out.starts_with("the ") {
        out.drain(..4);
    }
}

fn key_ascii(folded: &str, out: &mut String) {
    let mut space = false;
    for c in folded.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
            continue;
        }
        match c {
            'a'..='z' | '0'..='9' | '\'' | '&' => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
            '.' | ',' | '(' | ')' | '"' => {}
            _ if c.is_whitespace() || c == '-' || c == '/' => space = true,
            _ => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
}

/// Extra keys under which a name is also found: `Saint X` ↔ `St X`, `Mount X` ↔ `Mt X`,
/// `Fort X` ↔ `Ft X`.
pub fn variants(k: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (long, short) in [
        ("saint ", "st "),
        ("sainte ", "ste "),
        ("mount ", "mt "),
        ("fort ", "ft "),
    ] {
        if let Some(rest) = k.strip_prefix(long) {
            out.push(format!("{short}{rest}"));
        } else if let Some(rest) = k.strip_prefix(short) {
            out.push(format!("{long}{rest}"));
        }
    }
    out
}

/// Number of words in a key.
pub fn word_count(k: &str) -> usize {
    k.split(' ').filter(|w| !w.is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_the_right_length() {
        assert_eq!(LATIN1.len(), 64 * 2);
        assert_eq!(LATIN_EXT_A.len(), 128 * 2);
    }

    #[test]
    fn folds_and_keys() {
        assert_eq!(fold("Côte d’Ivoire"), "Cote d'Ivoire");
        assert_eq!(fold("Łódź"), "Lodz");
        assert_eq!(fold("Zürich"), "Zurich");
        assert_eq!(fold("Ærøskøbing"), "AEroskobing");
        assert_eq!(fold("Şanlıurfa"), "Sanliurfa");
        assert_eq!(key("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("Winston-Salem"), "winston salem");
        assert_eq!(key("The Hague"), "hague");
        assert_eq!(key("Washington, D.C."), "washington dc");
        assert_eq!(variants("st louis"), vec!["saint louis".to_string()]);
        assert_eq!(word_count("new york city"), 3);
    }
}
