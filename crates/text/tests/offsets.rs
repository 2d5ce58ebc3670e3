//! Property tests: token and sentence offsets are exact and ordered for any input.

use attache_doc::{DocMeta, Document};
use attache_text::{analyze, tokenize, Lexicon};
use proptest::prelude::*;

fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("U.S.".to_string()),
        Just("Gen.".to_string()),
        Just("’s".to_string()),
        Just("don't".to_string()),
        Just("1,200".to_string()),
        Just("—".to_string()),
        Just("\"".to_string()),
        Just(".".to_string()),
        Just("\n\n".to_string()),
        Just("KYIV, Feb 17 (Reuters) -".to_string()),
        "[A-Za-zÉéü’'.,!?;:()\\-0-9 ]{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn tokens_slice_back_and_are_ordered(text in newsish()) {
        let toks = tokenize(&text);
        let mut last = 0;
        for t in &toks {
            prop_assert!(t.span.start >= last);
            prop_assert!(t.span.end > t.span.start);
            let s = text.get(t.span.start..t.span.end);
            prop_assert!(s.is_some(), "span not on char boundary");
            let s = s.unwrap();
            prop_assert!(!s.chars().any(char::is_whitespace));
            last = t.span.end;
        }
        // Nothing but whitespace is left out.
        let covered: usize = toks.iter().map(|t| t.span.len()).sum();
        let non_ws: usize = text.chars().filter(|c| !c.is_whitespace()).map(char::len_utf8).sum();
        prop_assert_eq!(covered, non_ws);
    }

    #[test]
    fn sentences_partition_tokens(text in newsish()) {
        let mut d = Document::new(DocMeta::default(), text);
        analyze(&mut d, &Lexicon::new());
        let mut next = 0;
        for s in &d.sentences {
            prop_assert_eq!(s.tokens.start, next);
            prop_assert!(s.tokens.end > s.tokens.start);
            prop_assert_eq!(d.token_span(s.tokens), s.span);
            next = s.tokens.end;
        }
        prop_assert_eq!(next, d.tokens.len());
        let total = d.text.chars().count();
        for t in &d.tokens {
            prop_assert!(d.char_offset(t.span.end) <= total);
        }
    }
}
