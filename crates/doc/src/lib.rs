//! The document model shared by every stage of the pipeline.
//!
//! Like spaCy's `Doc`, a [`Document`] holds the raw text once and every stage adds a layer of
//! spans to it: sentences and tokens ([`attache-text`]), then mention layers (actors, times,
//! places, numbers), then clauses. Spans are **byte** offsets into `text` internally (cheap to
//! slice); records that leave the program use **character** offsets via [`Document::char_offset`].
//! No stage re-reads raw text that an earlier stage analysed: later stages work on tokens and
//! mentions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod layers;
pub use layers::*;

/// A byte span `[start, end)` into [`Document::text`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[inline]
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    #[inline]
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    #[inline]
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A range of token indices `[start, end)` into [`Document::tokens`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct TokenRange {
    pub start: usize,
    pub end: usize,
}

impl TokenRange {
    #[inline]
    pub fn new(start: usize, end: usize) -> Self {
        TokenRange { start, end }
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    #[inline]
    pub fn contains(&self, i: usize) -> bool {
        self.start <= i && i < self.end
    }
    #[inline]
    pub fn iter(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// Metadata of an input document.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocMeta {
    pub id: String,
    /// Publication date: the anchor for relative times and date-bounded actor roles.
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
}

/// One news document and every annotation layer the pipeline adds to it.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub meta: DocMeta,
    pub text: String,
    /// `text` with ASCII letters lower-cased: same byte offsets as `text`, so token and
    /// dictionary matching can slice it with the same spans.
    pub lower: String,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub actors: Vec<ActorMention>,
    pub times: Vec<TimeMention>,
    pub places: Vec<PlaceMention>,
    pub numbers: Vec<NumberMention>,
    pub clauses: Vec<Clause>,
    /// Byte offset -> char offset table; empty when the text is pure ASCII.
    char_starts: Vec<usize>,
    /// The vocabulary (`attache_text::Lexicon::vocab`) the tokens' [`Token::word`] ids come
    /// from; 0 before the text stage. A stage uses the ids only when they are from the
    /// vocabulary it interned its words in.
    pub vocab: u64,
}

impl Document {
    pub fn new(meta: DocMeta, text: impl Into<String>) -> Self {
        let text: String = text.into();
        let lower = lower_ascii_and_quotes(&text);
        let char_starts = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().map(|(b, _)| b).collect()
        };
        Document {
            meta,
            lower,
            text,
            char_starts,
            ..Default::default()
        }
    }

    /// Slice of the original text.
    #[inline]
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// Token text (original case).
    #[inline]
    pub fn tok(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| self.slice(t.span))
    }

    /// Token text, lower-cased (ASCII) with curly quotes straightened.
    #[inline]
    pub fn low(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .and_then(|t| self.lower.get(t.span.start..t.span.end))
            .unwrap_or("")
    }

    /// Span covering tokens `r`.
    #[inline]
    pub fn token_span(&self, r: TokenRange) -> Span {
        if r.is_empty() || r.end > self.tokens.len() {
            return Span::default();
        }
        Span::new(
            self.tokens[r.start].span.start,
            self.tokens[r.end - 1].span.end,
        )
    }

    /// Character offset of a byte offset (offsets in output records are characters).
    pub fn char_offset(&self, byte: usize) -> usize {
        if self.char_starts.is_empty() {
            return byte;
        }
        match self.char_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i,
        }
    }

    /// Byte offset of a character offset (for loaders of gold data given in characters).
    pub fn byte_offset(&self, ch: usize) -> usize {
        if self.char_starts.is_empty() {
            return ch.min(self.text.len());
        }
        self.char_starts.get(ch).copied().unwrap_or(self.text.len())
    }

    /// Index of the sentence containing token `i`.
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        let pos = self.sentences.partition_point(|s| s.tokens.end <= i);
        (pos < self.sentences.len() && self.sentences[pos].tokens.contains(i)).then_some(pos)
    }

    /// First token index whose span starts at or after byte `b`.
    pub fn token_at_or_after(&self, b: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < b)
    }
}

/// ASCII lower-casing keeps byte offsets identical (non-ASCII letters are left as written;
/// curly quotes are normalised at token level by the tokenizer instead).
fn lower_ascii_and_quotes(text: &str) -> String {
    text.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_for_non_ascii() {
        let d = Document::new(DocMeta::default(), "Zelensky’s visit");
        // '’' is 3 bytes: byte 11 ("s") is char 9.
        assert_eq!(d.char_offset(8), 8);
        assert_eq!(d.char_offset(11), 9);
        assert_eq!(d.byte_offset(9), 11);
        assert_eq!(d.char_offset(d.text.len()), d.text.chars().count());
    }

    #[test]
    fn lower_keeps_offsets() {
        let d = Document::new(DocMeta::default(), "Kyiv’S ÉLYSÉE");
        assert_eq!(d.lower.len(), d.text.len());
        assert!(d.lower.starts_with("kyiv"));
    }
}
