//! A coarse word-class guesser: closed-class lists, the lexicon, word shape and the previous word.
//! It is not a statistical tagger; it tells the coder what it needs (verb or noun reading of a
//! trigger, auxiliaries, modals, negation, determiners, prepositions, clause markers).

use crate::Lexicon;
use attache_doc::{Document, Pos, VerbForm};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The closed word classes, one list per class: the single source for [`closed_class`] and the
/// lexicon's per-form table, which answers the tagger with the same lookup as the lemma.
pub(crate) const CLOSED_CLASS: &[(Pos, &[&str])] = &[
    (
        Pos::Det,
        &[
            "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their",
            "our", "my", "your", "some", "any", "each", "every", "no", "all", "both", "another",
            "several", "many", "few", "whose", "such",
        ],
    ),
    (
        Pos::Prep,
        &[
            "of",
            "in",
            "on",
            "at",
            "to",
            "for",
            "with",
            "by",
            "from",
            "into",
            "onto",
            "over",
            "under",
            "against",
            "between",
            "among",
            "amid",
            "about",
            "during",
            "through",
            "across",
            "toward",
            "towards",
            "near",
            "without",
            "within",
            "upon",
            "via",
            "per",
            "including",
            "despite",
            "alongside",
            "beside",
            "behind",
            "outside",
            "inside",
            "off",
            "out",
            "up",
            "down",
            "like",
            "following",
            "according",
            "around",
            "along",
            "beyond",
            "throughout",
            "regarding",
        ],
    ),
    (
        Pos::Pron,
        &[
            "he",
            "she",
            "it",
            "they",
            "we",
            "i",
            "you",
            "him",
            "them",
            "us",
            "me",
            "himself",
            "herself",
            "itself",
            "themselves",
            "ourselves",
            "one",
        ],
    ),
    (
        Pos::Aux,
        &[
            "is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "’s", "’re",
            "has", "have", "had", "having", "'ve", "’ve", "do", "does", "did", "'m",
        ],
    ),
    (
        Pos::Modal,
        &[
            "will", "would", "can", "could", "may", "might", "must", "shall", "should", "'ll",
            "’ll", "'d", "’d", "cannot",
        ],
    ),
    (Pos::Conj, &["and", "or", "but", "nor", "&"]),
    (
        Pos::Subord,
        &[
            "after", "before", "because", "while", "although", "though", "if", "unless", "since",
            "until", "whereas", "whether", "as", "once", "so",
        ],
    ),
    (Pos::Wh, &["who", "which", "whom", "where", "when"]),
    (Pos::Neg, &["not", "n't", "never", "nt"]),
    // Comparative quantifiers modify the noun after them ("more such attacks").
    (Pos::Adj, &["more", "fewer", "further"]),
];

/// Number words (the tagger reads them from the lexicon's per-form table).
pub(crate) const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
];

/// Closed-class word class of a lower-case word, if it has one.
pub fn closed_class(w: &str) -> Option<Pos> {
    static TABLE: LazyLock<FxHashMap<&'static str, Pos>> = LazyLock::new(|| {
        CLOSED_CLASS
            .iter()
            .flat_map(|&(pos, words)| words.iter().map(move |&w| (w, pos)))
            .collect()
    });
    TABLE.get(w).copied()
}

fn is_number(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ':' | '-' | '/'))
}

/// A number word, for the rare callers without a lexicon entry at hand.
fn is_number_word(w: &str) -> bool {
    NUMBER_WORDS.contains(&w)
}

fn adj_shape(w: &str) -> bool {
    // Demonym-like and common adjective endings; the actor stage knows real demonyms.
    [
        "ian", "ese", "ish", "ical", "ive", "ous", "ful", "less", "able", "ible",
    ]
    .iter()
    .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
        // A plain byte scan first: most words have no hyphen, and `rsplit_once` starts a
        // `memrchr` call costlier than the scan of a short word.
        || (w.bytes().any(|b| b == b'-') && w.rsplit_once('-').is_some_and(|(first, last)| {
            // Hyphenated modifiers: "Iran-backed", "large-scale", "Hamas-run", "two-day".
            matches!(
                last,
                "led"
                    | "backed"
                    | "based"
                    | "hosted"
                    | "scale"
                    | "range"
                    | "term"
                    | "level"
                    | "style"
                    | "run"
                    | "linked"
                    | "aligned"
                    | "allied"
                    | "controlled"
                    | "occupied"
                    | "held"
                    | "owned"
                    | "funded"
                    | "sponsored"
                    | "wide"
                    | "old"
            ) || (matches!(last, "day" | "week" | "month" | "year" | "hour" | "minute")
                && (first.starts_with(|c: char| c.is_ascii_digit())
                    || is_number_word(first)
                    || matches!(first, "multi" | "several")))
        }))
}

/// "M23 rebels and Congolese forces": a plural closing a name's phrase before a conjunction is
/// a noun, not a verb with no object (", the ministry says." stays a verb).
fn list_follows(doc: &Document, i: usize) -> bool {
    doc.tokens
        .get(i + 1)
        .is_some_and(|t| matches!(&doc.lower[t.span.start..t.span.end], "and" | "or"))
}

/// A determiner earlier in the same noun phrase: only adjectives, numbers, nouns, names and
/// commas in between (tags of earlier tokens are already set).
fn det_before(doc: &Document, i: usize) -> bool {
    let lo = i.saturating_sub(7);
    let mut k = i;
    while k > lo {
        k -= 1;
        let t = &doc.tokens[k];
        match t.pos {
            Pos::Det => {
                return !matches!(
                    &doc.lower[t.span.start..t.span.end],
                    "that" | "no" | "all" | "both" | "some" | "many"
                )
            }
            Pos::Adj | Pos::Num | Pos::Propn => continue,
            Pos::Punct if &doc.lower[t.span.start..t.span.end] == "," => continue,
            Pos::Noun if t.verb_form.is_none() => continue,
            _ => return false,
        }
    }
    false
}

/// The next token is a content word that can be a noun or adjective (not only a verb).
fn content_follows(doc: &Document, lex: &Lexicon, i: usize) -> bool {
    let Some(next) = doc.tokens.get(i + 1) else {
        return false;
    };
    let w = &doc.lower[next.span.start..next.span.end];
    // A base form after the adjective is a noun more often than a verb ("a new round"); a past
    // or third-person form is the verb of a noun phrase that ended ("the military said").
    let verb_only = lex.verb(w).is_some_and(|(_, vf)| {
        !matches!(vf, VerbForm::Base | VerbForm::Gerund) || !det_before(doc, i)
    }) && lex.noun(w).is_none()
        && !lex.is_adjective(w);
    w.chars().next().is_some_and(char::is_alphabetic) && closed_class(w).is_none() && !verb_only
}

/// A gerund after a preposition, subordinator or verb particle that takes an object of its
/// own ("of attacking Belarus", "after accusing the group", "ruled out sending troops") is a verb.
fn gerund_with_object(doc: &Document, i: usize, prev_pos: Option<Pos>, prev_low: &str) -> bool {
    let Some(next) = doc.tokens.get(i + 1) else {
        return false;
    };
    let w = &doc.lower[next.span.start..next.span.end];
    let orig = &doc.text[next.span.start..next.span.end];
    if !w.chars().next().is_some_and(char::is_alphanumeric) {
        return false;
    }
    let after_particle =
        matches!(prev_low, "out" | "up" | "off") && i >= 2 && doc.tokens[i - 2].pos == Pos::Verb;
    if after_particle {
        return !matches!(closed_class(w), Some(Pos::Prep | Pos::Conj | Pos::Subord));
    }
    // ", killing 12 people": a participle clause after a comma, whatever noun phrase ended
    // before it ("a bomb exploded in a crowded market, killing ...").
    let after_prep = (matches!(prev_pos, Some(Pos::Prep | Pos::Subord))
        && !matches!(prev_low, "to" | "as"))
        || prev_low == ",";
    after_prep
        && match closed_class(w) {
            Some(Pos::Det) => w != "that",
            Some(Pos::Pron) => matches!(
                w,
                "him"
                    | "them"
                    | "us"
                    | "me"
                    | "it"
                    | "itself"
                    | "himself"
                    | "herself"
                    | "themselves"
            ),
            Some(_) => false,
            None => {
                is_number(w)
                    || NUMBER_WORDS.contains(&w)
                    || orig.chars().next().is_some_and(char::is_uppercase)
            }
        }
}

/// An `-s` form after a noun modifier that a verb governs, with a preposition or punctuation
/// after it ("struck Kurdish militant targets in Iraq"): it ends the verb's object. Not after
/// a verb of saying, which opens a clause ("said rebel leader plans ..."), nor before "to".
fn in_object(doc: &Document, lex: &Lexicon, i: usize) -> bool {
    let Some(next) = doc.tokens.get(i + 1) else {
        return false;
    };
    let nw = &doc.lower[next.span.start..next.span.end];
    let punct = !nw.chars().next().is_some_and(char::is_alphanumeric);
    if nw == "to" || !(punct || matches!(closed_class(nw), Some(Pos::Prep | Pos::Conj))) {
        return false;
    }
    let mut k = i - 1;
    for _ in 0..4 {
        if k == 0 {
            return false;
        }
        k -= 1;
        let t = &doc.tokens[k];
        match t.pos {
            Pos::Noun | Pos::Propn | Pos::Adj | Pos::Num => continue,
            Pos::Verb => {
                let w = &doc.lower[t.span.start..t.span.end];
                return !lex.verb(w).is_some_and(|(id, _)| {
                    matches!(
                        lex.lemma(id),
                        "say" | "tell" | "report" | "announce" | "add" | "state" | "claim"
                    )
                });
            }
            _ => return false,
        }
    }
    false
}

/// After an `-s` form that could be a plural noun ("market partners"): punctuation, a verb or an
/// auxiliary next means the `-s` word ended a noun phrase.
fn noun_follows(doc: &Document, lex: &Lexicon, i: usize) -> bool {
    let Some(next) = doc.tokens.get(i + 1) else {
        return true;
    };
    let w = &doc.lower[next.span.start..next.span.end];
    if !w.chars().next().is_some_and(char::is_alphanumeric) {
        return true;
    }
    matches!(
        closed_class(w),
        Some(Pos::Aux) | Some(Pos::Modal) | Some(Pos::Wh)
    ) || (lex.verb(w).is_some_and(|(_, vf)| vf != VerbForm::Base) && lex.noun(w).is_none())
}

/// Assign `Token::pos`, `lemma` and `verb_form` for every token of `doc`.
pub fn tag(doc: &mut Document, lex: &Lexicon) {
    // The tokens' word ids are this lexicon's.
    doc.vocab = lex.vocab();
    let sentence_starts: Vec<bool> = {
        let mut v = vec![false; doc.tokens.len()];
        for s in &doc.sentences {
            if s.tokens.start < v.len() {
                v[s.tokens.start] = true;
            }
        }
        v
    };
    for i in 0..doc.tokens.len() {
        let span = doc.tokens[i].span;
        let orig = &doc.text[span.start..span.end];
        let low_owned;
        let mut low = &doc.lower[span.start..span.end];
        // Only non-ASCII words can hold a curly apostrophe: skip the search for the rest.
        if !low.is_ascii() && low.contains('’') {
            low_owned = low.replace('’', "'");
            low = &low_owned;
        }
        let first = orig.chars().next().unwrap_or(' ');
        let cap = first.is_uppercase();
        doc.tokens[i].cap = cap;
        // A quote after an opening quote or at sentence start may precede the real first word.
        let at_start = sentence_starts[i]
            || (i > 0 && sentence_starts[i - 1] && !doc.tokens[i - 1].span.is_empty() && {
                let p = doc.tokens[i - 1].span;
                !doc.text[p.start..p.end].chars().any(char::is_alphanumeric)
            });
        let prev_pos = if i > 0 && !sentence_starts[i] {
            Some(doc.tokens[i - 1].pos)
        } else {
            None
        };
        let prev_low = if i > 0 {
            &doc.lower[doc.tokens[i - 1].span.start..doc.tokens[i - 1].span.end]
        } else {
            ""
        };

        // One lookup answers the lemma, closed-class, number-word and adjective questions.
        let forms = lex.word(low);
        // The id is that of the unchanged lower-case text (what later stages look up).
        doc.tokens[i].word = forms.word;
        let (verb, noun) = (forms.verb, forms.noun);
        doc.tokens[i].lemma = verb.map(|v| v.0).or(noun);
        doc.tokens[i].verb_form = verb.map(|v| v.1);

        let pos = if !first.is_alphanumeric() {
            if orig == "'s" || orig == "’s" {
                Pos::Aux
            } else {
                Pos::Punct
            }
        } else if is_number(orig) || forms.number_word {
            Pos::Num
        } else if let Some(p) = forms.closed.filter(|_| {
            !cap || at_start
                || low.len() > 3
                || matches!(
                    low,
                    "the"
                        | "a"
                        | "an"
                        | "in"
                        | "on"
                        | "at"
                        | "of"
                        | "for"
                        | "but"
                        | "and"
                        | "he"
                        | "she"
                        | "it"
                        | "we"
                        | "its"
                        | "his"
                        | "her"
                        | "not"
                        | "who"
                        | "as"
                        | "if"
                        | "by"
                        | "to"
                        | "was"
                        | "is"
                        | "has"
                        | "had"
                        | "are"
                        | "be"
                        | "no"
                        | "did"
                        | "so"
                )
        }) {
            // "US" is a country, not the pronoun: an all-caps two-letter word is not closed-class.
            if orig.len() == 2 && orig.chars().all(|c| c.is_ascii_uppercase()) && !at_start {
                Pos::Propn
            } else if low == "that"
                && matches!(
                    prev_pos,
                    Some(Pos::Noun) | Some(Pos::Propn) | Some(Pos::Punct) | Some(Pos::Verb)
                )
            {
                Pos::Wh
            } else {
                p
            }
        } else if cap && !at_start {
            Pos::Propn
        } else if forms.adjective
            && (content_follows(doc, lex, i)
                // A predicate: "is pessimistic", "remained hopeful", "was not critical".
                || matches!(prev_pos, Some(Pos::Aux | Pos::Neg))
                || matches!(
                    prev_low,
                    "remain" | "remains" | "remained" | "seems" | "seemed" | "appears"
                        | "appeared" | "became" | "becomes"
                )
                // After its noun: "militants loyal to the group".
                || (matches!(prev_pos, Some(Pos::Noun | Pos::Propn))
                    && doc.tokens.get(i + 1).is_some_and(|t| {
                        matches!(&doc.lower[t.span.start..t.span.end], "to" | "with")
                    })))
            && verb.is_none_or(|(_, vf)| {
                // "held direct talks", "the joint statement": a base form inside a noun phrase.
                vf == VerbForm::Base
                    && matches!(prev_pos, Some(Pos::Verb | Pos::Det | Pos::Adj | Pos::Prep))
                    && prev_low != "to"
            })
        {
            // "indirect talks", "nuclear programme"; "the military said" stays a noun.
            Pos::Adj
        } else if let Some((_, vf)) = verb {
            // A nationality adjective before it ("Israeli strikes", "Russian attacks").
            let demonym_before = matches!(prev_pos, Some(Pos::Propn))
                && ["ian", "ese", "ish", "i", "ch"]
                    .iter()
                    .any(|s| prev_low.ends_with(s))
                && prev_low.len() > 3;
            // "host peace talks", "launched air strikes": a noun after a verb's noun modifier.
            // "hit Hamas targets in Gaza": so after a name, when no object follows it ("said
            // Iran attacks Israel" stays a verb).
            let compound_object = i >= 2
                && doc.tokens[i - 2].pos == Pos::Verb
                && ((prev_pos == Some(Pos::Noun) && noun.is_some())
                    || (prev_pos == Some(Pos::Propn)
                        && vf == VerbForm::ThirdSing
                        && !doc.tokens.get(i + 1).is_some_and(|t| {
                            let n = &doc.text[t.span.start..t.span.end];
                            n.chars().next().is_some_and(|c| c.is_alphanumeric())
                                && !matches!(
                                    crate::tagger::closed_class(&n.to_ascii_lowercase()),
                                    Some(Pos::Prep | Pos::Conj | Pos::Punct)
                                )
                        })));
            let nounish_context =
                matches!(prev_pos, Some(Pos::Det) | Some(Pos::Adj) | Some(Pos::Num))
                    || compound_object
                    || crate::is_possessive(prev_low)
                    || demonym_before
                    || (matches!(prev_pos, Some(Pos::Prep)) && prev_low != "to");
            let verbish_context = matches!(
                prev_pos,
                Some(Pos::Pron)
                    | Some(Pos::Modal)
                    | Some(Pos::Aux)
                    | Some(Pos::Neg)
                    | Some(Pos::Adv)
                    | Some(Pos::Wh)
            ) || prev_low == "to";
            // "Israel's strike": the clitic after a name or noun is a possessive, not "is".
            let possessed = matches!(prev_low, "'s" | "’s")
                && i >= 2
                && matches!(doc.tokens[i - 2].pos, Pos::Propn | Pos::Noun)
                && noun.is_some()
                && vf != VerbForm::Gerund;
            if possessed {
                Pos::Noun
            } else if vf == VerbForm::Gerund
                && (prev_low == "," || !det_before(doc, i))
                && gerund_with_object(doc, i, prev_pos, prev_low)
            {
                // "ruled out sending troops", "of attacking Belarus", "after accusing the group".
                Pos::Verb
            } else if noun.is_some_and(|n| {
                prev_pos == Some(Pos::Noun)
                    && vf == VerbForm::ThirdSing
                    && lex.is_compound(prev_low, n)
            }) {
                // "Israeli air strikes on Gaza": the end of a listed multi-word noun.
                Pos::Noun
            } else if vf == VerbForm::ThirdSing
                && prev_pos == Some(Pos::Noun)
                && in_object(doc, lex, i)
            {
                // "struck Kurdish militant targets in Iraq": inside the object of a verb.
                Pos::Noun
            } else if noun.is_some() {
                // "the United States attacks its sites": a determiner after it opens its object.
                let det_after = vf == VerbForm::ThirdSing
                    && prev_pos == Some(Pos::Propn)
                    && doc.tokens.get(i + 1).is_some_and(|t| {
                        matches!(
                            closed_class(&doc.lower[t.span.start..t.span.end]),
                            Some(Pos::Det)
                        )
                    });
                if det_before(doc, i) && !det_after {
                    // "the October 7, 2023, attack by ...": a determiner opens the noun phrase.
                    Pos::Noun
                } else if verbish_context
                    && !(vf == VerbForm::ThirdSing && matches!(prev_pos, Some(Pos::Aux)))
                {
                    Pos::Verb
                } else if nounish_context
                    || (matches!(prev_pos, Some(Pos::Verb))
                        && !matches!(
                            vf,
                            VerbForm::Gerund
                                | VerbForm::PastParticiple
                                | VerbForm::PastOrParticiple
                        ))
                {
                    // After a determiner, or as the object of a verb ("will hold talks").
                    Pos::Noun
                } else if matches!(prev_pos, Some(Pos::Noun) | Some(Pos::Propn))
                    && vf != VerbForm::Base
                    && vf != VerbForm::Gerund
                    && !(vf == VerbForm::ThirdSing
                        && (noun_follows(doc, lex, i) || list_follows(doc, i)))
                {
                    Pos::Verb
                } else if vf == VerbForm::Base
                    && prev_pos == Some(Pos::Propn)
                    && i >= 3
                    && doc.tokens[i - 2].pos == Pos::Conj
                    && (doc.tokens[i - 3].pos == Pos::Propn
                        // "US and Israel strike ...": "US" read as the pronoun.
                        || doc.text[doc.tokens[i - 3].span.start..doc.tokens[i - 3].span.end]
                            == *"US")
                    // (The next token is not tagged yet: its class and capital tell.)
                    && doc.tokens.get(i + 1).is_some_and(|t| {
                        doc.text[t.span.start..t.span.end]
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)
                            || matches!(
                                closed_class(&doc.lower[t.span.start..t.span.end]),
                                Some(Pos::Prep | Pos::Det)
                            )
                    })
                {
                    // "China and Russia call on the US": two names joined are a plural subject,
                    // and a base form after them is their verb (headline present tense).
                    Pos::Verb
                } else if at_start || matches!(prev_pos, Some(Pos::Noun) | Some(Pos::Propn)) {
                    Pos::Noun
                } else {
                    Pos::Verb
                }
            } else if (nounish_context
                && !matches!(vf, VerbForm::PastParticiple | VerbForm::PastOrParticiple))
                || (vf == VerbForm::Base
                    && prev_pos == Some(Pos::Noun)
                    && !prev_low.ends_with('s')
                    && det_before(doc, i))
            {
                // "the Liberian-flagged cargo ship": a base form closing a noun phrase.
                // "a phone call", "the killing": a verb form after a determiner is a noun.
                Pos::Noun
            } else if vf == VerbForm::ThirdSing
                && ((matches!(prev_pos, Some(Pos::Noun) | Some(Pos::Propn)) && list_follows(doc, i))
                    // "raising fears of", "sparking protests": no finite verb follows a gerund.
                    || (prev_pos == Some(Pos::Verb)
                        && doc.tokens[i - 1].verb_form == Some(VerbForm::Gerund)))
            {
                Pos::Noun
            } else if vf == VerbForm::Base
                && prev_pos == Some(Pos::Verb)
                && !matches!(
                    prev_low,
                    "help"
                        | "helps"
                        | "helped"
                        | "helping"
                        | "let"
                        | "lets"
                        | "make"
                        | "makes"
                        | "made"
                        | "see"
                        | "saw"
                        | "hear"
                        | "heard"
                        | "watch"
                        | "watched"
                )
                && doc
                    .tokens
                    .get(i + 1)
                    .is_some_and(|n| lex.noun(&doc.lower[n.span.start..n.span.end]).is_some())
            {
                // "staged mass demonstrations": a bare verb form between a verb and its object
                // noun modifies the noun (English has no verb + bare verb + noun but after
                // "help", "let", "make" and verbs of perception).
                Pos::Noun
            } else {
                Pos::Verb
            }
        } else if noun.is_some() {
            Pos::Noun
        } else if cap && at_start {
            // Sentence-initial capital: a name unless the lower-case word is a known word class.
            if low.ends_with("ly") {
                Pos::Adv
            } else {
                Pos::Propn
            }
        } else if low.ends_with("ly") && low.len() > 4 {
            Pos::Adv
        } else if adj_shape(low) {
            Pos::Adj
        } else if (low.ends_with("ed") || low.ends_with("ing"))
            && matches!(prev_pos, Some(Pos::Det) | Some(Pos::Prep) | Some(Pos::Adj))
        {
            // "for anticipated talks", "the ruling party": a participle before a noun.
            Pos::Adj
        } else if low.ends_with("ed")
            && matches!(
                prev_pos,
                Some(Pos::Noun) | Some(Pos::Propn) | Some(Pos::Pron) | Some(Pos::Aux)
            )
        {
            Pos::Verb
        } else {
            Pos::Noun
        };
        doc.tokens[i].pos = pos;
    }
}
