//! Text stage: sentences, tokens with exact offsets, coarse word classes and lemmas.
//!
//! [`analyze`] fills `Document::tokens` and `Document::sentences`; every later stage works on
//! these tokens and never re-tokenises the text.

mod lexicon;
mod sentences;
mod tagger;
mod tokenize;

pub use lexicon::{regular_s, Forms, Lexicon};
pub use sentences::split as split_sentences;
pub use tagger::{closed_class, tag};
pub use tokenize::tokenize;

use attache_doc::Document;

#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("{file}:{line}: {msg}")]
    Data {
        file: String,
        line: usize,
        msg: String,
    },
}

/// Tokenise, split sentences and tag `doc` in place.
pub fn analyze(doc: &mut Document, lexicon: &Lexicon) {
    doc.tokens = tokenize(&doc.text);
    doc.sentences = split_sentences(&doc.text, &doc.tokens);
    tag(doc, lexicon);
}

/// True when the token is a straight or curly apostrophe form of `'s` (possessive or clitic).
pub fn is_possessive(lower: &str) -> bool {
    matches!(lower, "'s" | "’s" | "'" | "’" | "ʼs")
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_doc::{DocMeta, Pos};

    fn sents(text: &str) -> Vec<String> {
        let mut d = Document::new(DocMeta::default(), text);
        analyze(&mut d, &Lexicon::new());
        d.sentences
            .iter()
            .map(|s| d.slice(s.span).to_string())
            .collect()
    }

    #[test]
    fn splits_news_text() {
        assert_eq!(
            sents("Mr. Smith met Gen. Jones in St. Louis on Jan. 5. They talked. The U.N. envoy left."),
            ["Mr. Smith met Gen. Jones in St. Louis on Jan. 5.", "They talked.", "The U.N. envoy left."]
        );
        assert_eq!(
            sents("Talks resumed with the U.S. The Kremlin said no."),
            ["Talks resumed with the U.S.", "The Kremlin said no."]
        );
        assert_eq!(
            sents("Talks between U.S. and Ukrainian envoys."),
            ["Talks between U.S. and Ukrainian envoys."]
        );
        assert_eq!(
            sents("\"We will not yield.\" He left. Did they agree? Yes!"),
            [
                "\"We will not yield.\"",
                "He left.",
                "Did they agree?",
                "Yes!"
            ]
        );
    }

    #[test]
    fn datelines_headlines_bullets() {
        assert_eq!(
            sents("Envoys Gather In Geneva\n\nGENEVA, March 3 (Reuters) - Diplomats met on Monday.\n- First point here\n- Second point"),
            [
                "Envoys Gather In Geneva",
                "GENEVA, March 3 (Reuters) -",
                "Diplomats met on Monday.",
                "- First point here",
                "- Second point"
            ]
        );
    }

    #[test]
    fn an_indented_line_after_an_abbreviation_opens_a_paragraph() {
        assert_eq!(
            sents("Rates range from 16.25 to 17.5 pct.\n    Australian rates have fallen.\nThe new Gen.\n    Smith spoke."),
            [
                "Rates range from 16.25 to 17.5 pct.",
                "Australian rates have fallen.",
                "The new Gen.\n    Smith spoke."
            ]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs() {
        assert_eq!(
            sents("Officials from both governments met in the capital on Monday,\nDiplomats said after the session ended late at night.\n    A second round is due\nnext week."),
            [
                "Officials from both governments met in the capital on Monday,\nDiplomats said after the session ended late at night.",
                "A second round is due\nnext week."
            ]
        );
    }

    #[test]
    fn initials_do_not_split() {
        assert_eq!(
            sents("George W. Bush met J. Smith. Then he left."),
            ["George W. Bush met J. Smith.", "Then he left."]
        );
    }

    #[test]
    fn tags_closed_class_and_verbs() {
        let mut lex = Lexicon::new();
        lex.load_irregular("meet\tmet\tmet\n").unwrap();
        lex.add_verb("attack");
        lex.add_noun("attack");
        let mut d = Document::new(
            DocMeta::default(),
            "Rebels attacked the base. The attack on the town will not stop them.",
        );
        analyze(&mut d, &lex);
        let pos: Vec<Pos> = d.tokens.iter().map(|t| t.pos).collect();
        assert_eq!(pos[1], Pos::Verb); // attacked
        assert_eq!(pos[2], Pos::Det);
        assert_eq!(pos[6], Pos::Noun); // attack after "The"
        assert_eq!(pos[10], Pos::Modal);
        assert_eq!(pos[11], Pos::Neg);
    }

    #[test]
    fn listed_compounds_stay_nouns_and_participles_follow_commas() {
        let mut lex = Lexicon::new();
        lex.add_verb("strike");
        lex.add_verb("kill");
        lex.add_noun("strike");
        lex.add_noun("air strike");
        lex.add_noun("killing");
        let t = tags(&lex, "Israeli air strikes on Gaza continued.");
        assert_eq!(t[2], ("strikes".to_string(), Pos::Noun));
        // Without the listed compound the -s form after a noun reads as a verb.
        let mut bare = Lexicon::new();
        bare.add_verb("strike");
        bare.add_noun("strike");
        let t = tags(&bare, "Israeli air strikes on Gaza continued.");
        assert_eq!(t[2].1, Pos::Verb);
        // The end of a verb's object before a preposition is a noun, not a verb.
        lex.add_verb("target");
        lex.add_verb("say");
        lex.add_verb("attack");
        let t = tags(&lex, "Jets attacked rebel targets in the north.");
        assert_eq!(t[3], ("targets".to_string(), Pos::Noun));
        // So before the end of the sentence.
        lex.add_verb("meet");
        let t = tags(&lex, "Argentina must meet growth targets.");
        assert_eq!(t[4], ("targets".to_string(), Pos::Noun));
        // After a verb of saying a clause opens: "the army targets" keeps its verb reading.
        let t = tags(&lex, "He said army targets in the north.");
        assert_eq!(t[3].1, Pos::Verb);
        // Two names joined are a plural subject: the base form after them is their verb.
        lex.add_verb("call");
        lex.add_noun("call");
        let t = tags(&lex, "China and Russia call on Washington to act.");
        assert_eq!(t[3], ("call".to_string(), Pos::Verb));
        let t = tags(&lex, "US and Israel strike Iranian sites.");
        assert_eq!(t[3], ("strike".to_string(), Pos::Verb));
        // ", killing three": a participle, even after a noun phrase with a determiner.
        let t = tags(&lex, "A bomb hit a market, killing three traders.");
        assert_eq!(t[6], ("killing".to_string(), Pos::Verb));
    }

    fn tags(lex: &Lexicon, text: &str) -> Vec<(String, Pos)> {
        let mut d = Document::new(DocMeta::default(), text);
        analyze(&mut d, lex);
        (0..d.tokens.len())
            .map(|i| (d.tok(i).to_string(), d.tokens[i].pos))
            .collect()
    }

    fn pos_of(t: &[(String, Pos)], w: &str) -> Pos {
        t.iter().find(|x| x.0 == w).map(|x| x.1).unwrap()
    }

    #[test]
    fn gerunds_with_objects_are_verbs() {
        let mut lex = Lexicon::new();
        for v in ["send", "attack", "accuse", "rule", "kill"] {
            lex.add_verb(v);
        }
        lex.add_noun("killing");
        let t = tags(&lex, "Turkey ruled out sending troops.");
        assert_eq!(pos_of(&t, "sending"), Pos::Verb);
        let t = tags(&lex, "Kyiv has no intention of attacking Belarus.");
        assert_eq!(pos_of(&t, "attacking"), Pos::Verb);
        let t = tags(&lex, "Israel struck after accusing the group.");
        assert_eq!(pos_of(&t, "accusing"), Pos::Verb);
        // A gerund without an object of its own stays a noun.
        let t = tags(&lex, "They condemned the killing of journalists.");
        assert_eq!(pos_of(&t, "killing"), Pos::Noun);
        // No finite verb follows a gerund: its -s object is a noun.
        lex.add_verb("raise");
        lex.add_verb("fear");
        let t = tags(&lex, "The blast hit Quetta, raising fears of unrest.");
        assert_eq!(pos_of(&t, "fears"), Pos::Noun);
    }

    #[test]
    fn listed_adjectives_before_nouns() {
        let mut lex = Lexicon::new();
        lex.add_verb("warn");
        lex.add_verb("talk");
        lex.add_noun("talk");
        lex.add_adjectives("# test\nindirect\nmilitary\n");
        let t = tags(&lex, "They resumed indirect talks.");
        assert_eq!(pos_of(&t, "indirect"), Pos::Adj);
        assert_eq!(pos_of(&t, "talks"), Pos::Noun);
        // Before a word that can only be a verb, the word is the noun head.
        let t = tags(&lex, "The military warned them.");
        assert_ne!(pos_of(&t, "military"), Pos::Adj);
        // After its noun, before "to": "militants loyal to the group".
        lex.add_adjectives("loyal\n");
        let t = tags(&lex, "Militants loyal to the group warned them.");
        assert_eq!(pos_of(&t, "loyal"), Pos::Adj);
        // A predicate after a copula or an auxiliary.
        lex.add_adjectives("pessimistic\n");
        let t = tags(&lex, "The minister is pessimistic.");
        assert_eq!(pos_of(&t, "pessimistic"), Pos::Adj);
    }

    #[test]
    fn bare_verb_forms_between_a_verb_and_its_object() {
        let mut lex = Lexicon::new();
        for v in ["stage", "mass", "help", "build"] {
            lex.add_verb(v);
        }
        lex.add_noun("demonstration");
        lex.add_noun("school");
        let t = tags(&lex, "Students staged mass demonstrations.");
        assert_eq!(pos_of(&t, "mass"), Pos::Noun);
        let t = tags(&lex, "Donors helped build schools.");
        assert_eq!(pos_of(&t, "build"), Pos::Verb);
    }

    #[test]
    fn repeated_actions_read_as_their_verb() {
        let mut lex = Lexicon::new();
        lex.add_verb("impose");
        lex.add_verb("open");
        lex.add_verb("form");
        let impose = lex.verb("impose").map(|v| v.0);
        assert_eq!(lex.verb("reimposed").map(|v| v.0), impose);
        assert!(lex.verb("re-open").is_some());
        // Without a hyphen only inflected forms: "reform" stays unknown as a verb.
        assert!(lex.verb("reform").is_none());
    }
}
