//! Who did what to whom: triggers found in each clause, their sources and targets attached by
//! clause position, voice, frames, coordination and nominal modifiers.

use rustc_hash::FxHashMap as HashMap;

use attache_doc::{ActorKind, ClauseKind, Document, Pos, TokenRange, VerbForm};
use attache_text::Lexicon;

use crate::cues::{Cue, Cues};
use crate::status::status_of;
use crate::triggers::{singular, Elem, TriggerDictionary, TriggerEntry, TriggerKind};
use crate::Status;

/// An event found in a sentence, before it is turned into a record.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub code: String,
    pub trigger: TokenRange,
    pub kind: TriggerKind,
    /// Indices into `Document::actors`.
    pub source: Vec<usize>,
    pub target: Vec<usize>,
    pub sentence: usize,
    pub clause: usize,
    pub status: Status,
    pub passive: bool,
    /// Dictionary line that coded it (for `annotate` and debugging).
    pub line: usize,
    /// End (exclusive) of the words its trigger entry matched: a verb's frame ("lifted the
    /// sanctions on Iran"), else the trigger's end.
    pub frame_end: usize,
}

/// Lookup tables over one analysed document.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub lex: &'a Lexicon,
    pub cues: &'a Cues,
    pub clause_of: Vec<usize>,
    /// Non-modifier actor mentions by first token.
    pub starts: HashMap<usize, usize>,
    /// The first actor mention (of any kind) starting at a token.
    pub any_starts: HashMap<usize, usize>,
    /// Actor mentions (modifiers included) by end token (exclusive), in text order.
    pub ends: HashMap<usize, Vec<usize>>,
    /// End (exclusive) of the time expression starting at a token, its preposition included
    /// ("on Wednesday" -> after "Wednesday").
    pub time_end: HashMap<usize, usize>,
    /// Countries the context gives countryless actor mentions, by mention.
    pub inferred: Vec<Option<crate::context::Inferred>>,
    /// The dateline state in force at each sentence.
    pub datelines: Vec<Option<&'a str>>,
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Document, lex: &'a Lexicon, cues: &'a Cues) -> Self {
        let mut starts = HashMap::default();
        let mut any_starts = HashMap::default();
        let mut ends: HashMap<usize, Vec<usize>> = HashMap::default();
        for (k, m) in doc.actors.iter().enumerate() {
            any_starts.entry(m.tokens.start).or_insert(k);
            if !m.modifier {
                starts.entry(m.tokens.start).or_insert(k);
            }
            if m.possessive {
                // Reachable both with and without its clitic.
                ends.entry(m.tokens.end - 1).or_default().push(k);
            }
            ends.entry(m.tokens.end).or_default().push(k);
        }
        let mut time_end = HashMap::default();
        for t in &doc.times {
            let (a, b) = (t.tokens.start, t.tokens.end);
            time_end.insert(a, b);
            if a > 0 && matches!(doc.low(a - 1), "on" | "in" | "at" | "last" | "this") {
                time_end.entry(a - 1).or_insert(b);
            }
        }
        let datelines = crate::context::datelines(doc);
        Ctx {
            doc,
            lex,
            cues,
            clause_of: attache_clauses::clause_of_tokens(doc),
            starts,
            any_starts,
            ends,
            time_end,
            inferred: crate::context::locate_actors(doc, &datelines),
            datelines,
        }
    }

    /// The state or body the sentence itself says an actor mention belongs to: its own
    /// country, else one an attached place or a coordinated nationality gives it (not the
    /// story's dateline, which does not make a vague "officials said" specific).
    pub fn country_in_text(&self, m: usize) -> Option<&str> {
        self.doc.actors[m].country.as_deref().or_else(|| {
            self.inferred
                .get(m)
                .and_then(|i| i.as_ref())
                .filter(|i| i.why != "dateline")
                .map(|i| i.country.as_str())
        })
    }

    /// `p`, or the token after a time expression starting there ("met on Tuesday with X").
    fn past_time(&self, p: usize) -> usize {
        self.time_end.get(&p).copied().unwrap_or(p)
    }

    fn low(&self, i: usize) -> &str {
        self.doc.low(i)
    }

    /// Verb lemma of token `i`, if it is a verb form. The tagger looked every token up in the
    /// same lexicon (`Token::verb_form`, `Token::lemma`): read it from the token layer rather
    /// than hashing the word again.
    pub(crate) fn verb_lemma(&self, i: usize) -> Option<&str> {
        let low = self.low(i);
        // Only non-ASCII words can hold a curly apostrophe; such a form is not coded as a verb
        // (the tagger read it with a straight one).
        if !low.is_ascii() && low.contains('’') {
            return None;
        }
        let t = self.doc.tokens.get(i)?;
        let lemma = t.verb_form.and(t.lemma).map(|id| self.lex.lemma(id));
        debug_assert_eq!(
            lemma,
            self.lex.verb(low).map(|(id, _)| self.lex.lemma(id)),
            "the document was tagged with another lexicon"
        );
        lemma
    }

    /// Is clause `c` the same as or nested in clause `outer`?
    pub(crate) fn within(&self, mut c: usize, outer: usize) -> bool {
        loop {
            if c == outer {
                return true;
            }
            match self.doc.clauses.get(c).and_then(|x| x.parent) {
                Some(p) => c = p,
                None => return false,
            }
        }
    }

    /// A (non-modifier) actor mention starting at `p`, allowing up to three determiners,
    /// adjectives or numbers before it.
    fn mention_from(&self, p: usize, end: usize) -> Option<usize> {
        for q in p..p + 5 {
            if q >= end {
                return None;
            }
            if let Some(&m) = self.starts.get(&q) {
                return Some(m);
            }
            if !matches!(
                self.doc.tokens[q].pos,
                Pos::Det | Pos::Adj | Pos::Num | Pos::Adv
            ) && !self.approximator(q, end)
            {
                return None;
            }
        }
        None
    }

    /// A word of an approximate number before a noun: "more than 40", "at least 12", "up to
    /// 300".
    fn approximator(&self, q: usize, end: usize) -> bool {
        let next_num = q + 1 < end && self.doc.tokens[q + 1].pos == Pos::Num;
        match self.low(q) {
            "than" => q > 0 && matches!(self.low(q - 1), "more" | "less" | "fewer"),
            "at" => q + 1 < end && matches!(self.low(q + 1), "least" | "most"),
            "least" | "most" => q > 0 && self.low(q - 1) == "at",
            "up" => q + 1 < end && self.low(q + 1) == "to",
            "to" => q > 0 && self.low(q - 1) == "up" && next_num,
            // "thousands of garment workers", "dozens of protesters".
            "thousands" | "hundreds" | "dozens" | "scores" | "millions" | "tens" => {
                q + 1 < end && self.low(q + 1) == "of"
            }
            "of" => {
                q > 0
                    && matches!(
                        self.low(q - 1),
                        "thousands" | "hundreds" | "dozens" | "scores" | "millions" | "tens"
                    )
            }
            _ => false,
        }
    }

    fn list_continues(&self, n: usize, end: usize) -> bool {
        let e = self.doc.actors[n].tokens.end;
        e < end && matches!(self.low(e), "and" | "or" | ",")
    }

    /// Any actor mention (possessors and modifiers too) starting within three tokens of `p`:
    /// the object of "praised Haiti's efforts" or "support a Security Council resolution".
    fn object_from(&self, p: usize, end: usize) -> Option<usize> {
        for q in p..p + 5 {
            if q >= end {
                return None;
            }
            if let Some(&m) = self.any_starts.get(&q) {
                // "Lebanon's new President X": the possessed actor, not the possessor.
                let a = &self.doc.actors[m];
                if a.possessive {
                    if let Some(h) = self.mention_from(a.tokens.end, end) {
                        return Some(h);
                    }
                }
                return Some(m);
            }
            if !matches!(
                self.doc.tokens[q].pos,
                Pos::Det | Pos::Adj | Pos::Num | Pos::Adv
            ) && !self.approximator(q, end)
            {
                return None;
            }
        }
        None
    }

    /// Like [`Ctx::mention_from`] but past a possessor: "Trump's adviser Mike Waltz".
    fn head_mention_from(&self, p: usize, end: usize) -> Option<usize> {
        let m = self.mention_from(p, end)?;
        if self.doc.actors[m].possessive {
            return self
                .mention_from(self.doc.actors[m].tokens.end, end)
                .or(Some(m));
        }
        Some(m)
    }

    /// Mentions coordinated after mention `m`: "X and Y", "X, Y and Z".
    fn coordinated_after(&self, m: usize, end: usize, out: &mut Vec<usize>) -> usize {
        let mut last = m;
        loop {
            let e = self.doc.actors[last].tokens.end;
            if e >= end {
                return e;
            }
            let w = self.low(e);
            if !matches!(w, "and" | "," | "&" | "or") {
                return e;
            }
            let mut p = e + 1;
            if w == "," && p < end && matches!(self.low(p), "and" | "or") {
                p += 1;
            }
            match self.head_mention_from(p, end) {
                // "X, Y and Z" is a list only if it ends with "and"/"or": "X, two diplomats
                // said" is not.
                Some(n) if w == "," && !self.list_continues(n, end) => return e,
                Some(n) if !self.doc.actors[n].possessive => {
                    out.push(n);
                    last = n;
                }
                _ => return e,
            }
        }
    }
}

impl TriggerDictionary {
    /// Match `frame` from token `p`; collects targets; returns the end token of the match.
    fn match_frame(
        &self,
        cx: &Ctx,
        frame: &[Elem],
        p: usize,
        end: usize,
        targets: &mut Vec<usize>,
    ) -> Option<usize> {
        let Some((first, rest)) = frame.split_first() else {
            return Some(p);
        };
        match first {
            Elem::Words { words, optional } => {
                if p < end && {
                    let t = cx.low(p);
                    words.iter().any(|w| w == t)
                } {
                    let mark = targets.len();
                    if let Some(e) = self.match_frame(cx, rest, p + 1, end, targets) {
                        return Some(e);
                    }
                    targets.truncate(mark);
                }
                if *optional {
                    return self.match_frame(cx, rest, p, end, targets);
                }
                None
            }
            Elem::Target => {
                // Possessors and country modifiers count: "an attack on the Ukrainian city of";
                // a possessor's own actor wins: "to Lebanon's new President X" is X.
                let m = cx.head_mention_from(p, end).or_else(|| {
                    cx.object_from(p, end)
                        .filter(|&m| cx.doc.actors[m].country.is_some())
                })?;
                let mark = targets.len();
                targets.push(m);
                let after = cx.coordinated_after(m, end, targets);
                let mut after = if cx.doc.actors[m].possessive {
                    cx.doc.actors[m].tokens.end
                } else {
                    after
                };
                // "provided the Lebanese Armed Forces (LAF) with": past an acronym in brackets.
                if after < end && cx.low(after) == "(" {
                    if let Some(close) =
                        (after + 1..(after + 5).min(end)).find(|&q| cx.low(q) == ")")
                    {
                        after = close + 1;
                    }
                }
                match self.match_frame(cx, rest, after, end, targets) {
                    Some(e) => Some(e),
                    None => {
                        targets.truncate(mark);
                        None
                    }
                }
            }
            Elem::Skip => {
                for k in 0..=6 {
                    let q = p + k;
                    if q > end || (k > 0 && matches!(cx.low(q - 1), "," | ";" | ":" | "—")) {
                        break;
                    }
                    let mark = targets.len();
                    if let Some(e) = self.match_frame(cx, rest, q, end, targets) {
                        return Some(e);
                    }
                    targets.truncate(mark);
                }
                None
            }
        }
    }

    /// The best entry for a verb at token `i`: returns (entry, end of match, targets).
    fn match_verb(
        &self,
        cx: &Ctx,
        i: usize,
        end: usize,
    ) -> Option<(&TriggerEntry, usize, Vec<usize>)> {
        let entries = if cx.doc.tokens[i].pos == Pos::Adj {
            // A predicate adjective ("is skeptical of"): find_events checked the copula.
            self.adjectives.get(cx.low(i))?
        } else {
            let lemma = cx.verb_lemma(i)?;
            // "reimposed", "re-entered": a repeated act is coded as the act.
            self.verbs.get(lemma).or_else(|| {
                lemma
                    .strip_prefix("re-")
                    .or_else(|| lemma.strip_prefix("re"))
                    .filter(|s| s.len() >= 4)
                    .and_then(|s| self.verbs.get(s))
            })?
        };
        for e in entries {
            let Some(mut p) = head_end(cx, e, i, end) else {
                continue;
            };
            // Adverbs and times between the verb and its frame ("met separately with", "met on
            // Tuesday with").
            while p < end && !e.frame.is_empty() {
                let q = cx.past_time(p);
                if q > p && q < end {
                    p = q;
                } else if cx.doc.tokens[p].pos == Pos::Adv {
                    p += 1;
                } else {
                    break;
                }
            }
            let mut targets = Vec::new();
            if let Some(mut m_end) = self.match_frame(cx, &e.frame, p, end, &mut targets) {
                // A non-event sense names the head of the object ("struck oil"); the same word
                // modifying another noun ("struck an oil refinery") is not that sense, unless
                // that noun is one of the sense's words too ("fight the Ebola epidemic").
                let mut modifier = false;
                if let (None, Some(Elem::Words { words, .. })) = (&e.code, e.frame.last()) {
                    while m_end < end
                        && cx.doc.tokens[m_end].pos == Pos::Noun
                        && words.iter().any(|w| w == cx.low(m_end))
                    {
                        m_end += 1;
                    }
                    modifier = m_end < end && cx.doc.tokens[m_end].pos == Pos::Noun;
                }
                if modifier {
                    continue;
                }
                // "provided humanitarian aid to Nepal": an entry that only names the recipient
                // ("provide ... to +", 070) gives way to one of the same family that says what
                // the act is ("provide ... humanitarian", 073); the recipient stays.
                // So does a bare generic entry ("send ... aid", 070) to a finer one that also
                // matches ("send ... humanitarian", 073).
                if let Some(code) = e
                    .code
                    .as_deref()
                    .filter(|c| c.len() == 3 && (e.has_target() || c.ends_with('0')))
                {
                    let finer = entries.iter().find_map(|e2| {
                        let c2 = e2.code.as_deref()?;
                        if c2 == code
                            || !c2.starts_with(&code[..2])
                            || e2.has_target()
                            || e2.frame.is_empty()
                        {
                            return None;
                        }
                        let end2 = self.match_frame(cx, &e2.frame, p, end, &mut Vec::new())?;
                        Some((e2, end2))
                    });
                    if let Some((e2, end2)) = finer {
                        return Some((e2, m_end.max(end2), targets));
                    }
                }
                return Some((e, m_end, targets));
            }
        }
        None
    }

    /// A passive verb whose entry names its object: the object is the subject ("the curfew
    /// was lifted", "sanctions against Iran were eased", "the strike was called off"); an actor
    /// in a prepositional phrase of the subject ("against Iran") is the target.
    fn match_passive_object(
        &self,
        cx: &Ctx,
        i: usize,
        end: usize,
    ) -> Option<(&TriggerEntry, usize, Vec<usize>)> {
        let doc = cx.doc;
        let lemma = cx.verb_lemma(i)?;
        let entries = self.verbs.get(lemma)?;
        // The subject: left over the auxiliaries, then back through the subject phrase to the
        // nearest noun an entry names ("the state of emergency in Darfur was lifted").
        let start = doc.clauses.get(cx.clause_of.get(i).copied()?)?.tokens.start;
        let mut k = i;
        while k > start
            && (is_be(cx.low(k - 1))
                || matches!(doc.tokens[k - 1].pos, Pos::Aux | Pos::Adv | Pos::Neg))
        {
            k -= 1;
        }
        let floor = start.max(k.saturating_sub(8));
        for head in (floor..k).rev() {
            let t = &doc.tokens[head];
            if matches!(t.pos, Pos::Verb | Pos::Punct | Pos::Wh) {
                return None;
            }
            if t.pos != Pos::Noun {
                continue;
            }
            let noun = cx.low(head);
            let sing = singular(noun);
            for e in entries {
                let Some((Elem::Words { words, .. }, before)) = e.frame.split_last() else {
                    continue;
                };
                if e.code.is_none() || !words.iter().any(|w| w == noun || *w == sing) {
                    continue;
                }
                // Particles of a phrasal head and the frame's words before the object follow
                // the verb ("was called off"); an entry whose object comes after a preposition
                // ("call for ... strike") is another sense.
                let Some(mut p) = head_end(cx, e, i, end) else {
                    continue;
                };
                let particles = before.iter().all(|el| match el {
                    Elem::Skip => true,
                    Elem::Words { words, optional } => {
                        if p < end && words.iter().any(|w| w == cx.low(p)) {
                            p += 1;
                            true
                        } else {
                            *optional
                        }
                    }
                    Elem::Target => false,
                });
                if !particles {
                    continue;
                }
                // "sanctions against Iran were lifted": the party the measure was aimed at.
                let targets = (head + 1 < k && matches!(cx.low(head + 1), "against" | "on"))
                    .then(|| cx.head_mention_from(head + 2, k))
                    .flatten()
                    .into_iter()
                    .collect();
                return Some((e, p, targets));
            }
        }
        None
    }

    fn match_noun(
        &self,
        cx: &Ctx,
        i: usize,
        end: usize,
    ) -> Option<(&TriggerEntry, usize, Vec<usize>, usize)> {
        let key = singular(cx.low(i));
        let entries = self.nouns.get(key.as_ref())?;
        for e in entries {
            let n = e.head.len();
            if n > 1 {
                if i + 1 < n {
                    continue;
                }
                let start = i + 1 - n;
                let ok = e.head[..n - 1].iter().enumerate().all(|(k, w)| {
                    let t = cx.low(start + k);
                    t == w || singular(t) == *w
                });
                if !ok {
                    continue;
                }
            }
            let mut targets = Vec::new();
            // "a hearing on Wednesday into ...": a time between the noun and its frame.
            let p = if e.frame.is_empty() {
                i + 1
            } else {
                cx.past_time(i + 1).min(end)
            };
            if let Some(m_end) = self.match_frame(cx, &e.frame, p, end, &mut targets) {
                return Some((e, m_end, targets, i + 1 - n));
            }
        }
        None
    }
}

/// The token after the particles of entry `e`'s phrasal head at verb `i` ("carry out"), if
/// the text has them.
fn head_end(cx: &Ctx, e: &TriggerEntry, i: usize, end: usize) -> Option<usize> {
    let mut p = i + 1;
    for w in &e.head[1..] {
        if p >= end || cx.low(p) != w {
            return None;
        }
        p += 1;
    }
    Some(p)
}

fn is_be(low: &str) -> bool {
    matches!(
        low,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "'s"
            | "’s"
            | "'re"
            | "get"
            | "got"
            | "gets"
            | "getting"
    )
}

/// Whether the adjective at `a` is predicated by a copula ("is skeptical", "remained deeply
/// pessimistic", "was not optimistic"), so that it says what its subject holds.
fn after_copula(cx: &Ctx, a: usize) -> bool {
    let floor = cx
        .doc
        .sentence_of(a)
        .map_or(0, |s| cx.doc.sentences[s].tokens.start);
    let mut k = a;
    for _ in 0..3 {
        if k <= floor {
            return false;
        }
        k -= 1;
        let low = cx.low(k);
        if is_be(low) && !matches!(low, "get" | "got" | "gets" | "getting") {
            return true;
        }
        if cx.doc.tokens[k].pos == Pos::Verb {
            return cx
                .verb_lemma(k)
                .is_some_and(|l| matches!(l, "remain" | "seem" | "appear" | "become" | "sound"));
        }
        if !matches!(cx.doc.tokens[k].pos, Pos::Adv | Pos::Neg) {
            return false;
        }
    }
    false
}

/// Find the subject of the verb at `v`: the nearest actor mention to its left in the same
/// clause that is not inside a prepositional phrase, then its coordinated partners; else the
/// antecedent of a relative clause or the subject of the clause a coordinate clause continues.
pub fn subject_of(cx: &Ctx, v: usize) -> Vec<usize> {
    let doc = cx.doc;
    let Some(&ci) = cx.clause_of.get(v) else {
        return Vec::new();
    };
    let clause = &doc.clauses[ci];
    if doc.tokens[v].verb_form == Some(VerbForm::Gerund) && v > 0 {
        match doc.tokens[v - 1].pos {
            // "a school sheltering families": a gerund right after a noun modifies it. Its
            // subject is that noun when it is an actor; none when the noun phrase is the object
            // of a preposition; else the clause's ("Israel kept up strikes targeting X").
            Pos::Noun | Pos::Propn => {
                let mut np = v - 1;
                while np > clause.tokens.start
                    && matches!(
                        doc.tokens[np - 1].pos,
                        Pos::Noun | Pos::Propn | Pos::Adj | Pos::Det | Pos::Num
                    )
                {
                    np -= 1;
                }
                // (A particle right after a verb opens no phrase: "put out a report accusing".)
                // A place ("marched through Hanover burning effigies") is no agent either way.
                let place = doc.places.iter().any(|p| p.tokens.end == v);
                if np > 0
                    && doc.tokens[np - 1].pos == Pos::Prep
                    && !(np > 1 && doc.tokens[np - 2].pos == Pos::Verb)
                    && !place
                {
                    return Vec::new();
                }
                if let Some(&m) = cx.ends.get(&v).and_then(|ms| {
                    ms.iter()
                        .rev()
                        .find(|&&m| !doc.actors[m].possessive && !doc.actors[m].modifier)
                }) {
                    return vec![m];
                }
            }
            // ", killing nine and wounding 35": coordinated gerunds share their subject.
            _ if matches!(cx.low(v - 1), "and" | "or") => {
                let floor = doc
                    .sentence_of(v)
                    .map_or(0, |si| doc.sentences[si].tokens.start);
                if let Some(g) = (floor..v - 1).rev().find(|&k| {
                    doc.tokens[k].verb_form == Some(VerbForm::Gerund)
                        && doc.tokens[k].pos == Pos::Verb
                }) {
                    return subject_of(cx, g);
                }
            }
            _ => {}
        }
    }
    let mut t = v;
    while t > clause.tokens.start {
        t -= 1;
        let tc = cx.clause_of[t];
        if tc != ci {
            if cx.within(tc, ci) {
                continue; // a nested clause in between
            }
            break;
        }
        if let Some(ms) = cx.ends.get(&(t + 1)) {
            for &m in ms.iter().rev() {
                let a = &doc.actors[m];
                // "Russia's new missile could strike ...", "its drones had hit ...": a possessor
                // whose phrase runs up to the verb group is the agent behind it.
                let owner = a.possessive
                    && (a.tokens.end..v)
                        .any(|k| matches!(doc.tokens[k].pos, Pos::Noun | Pos::Propn))
                    && (a.tokens.end..v).all(|k| {
                        matches!(
                            doc.tokens[k].pos,
                            Pos::Noun
                                | Pos::Propn
                                | Pos::Adj
                                | Pos::Num
                                | Pos::Aux
                                | Pos::Modal
                                | Pos::Adv
                                | Pos::Neg
                        ) || matches!(doc.low(k), "'s" | "’s")
                    });
                // "A Turkish convoy was attacked": a country modifier stands for its phrase.
                if (a.possessive && !owner) || (a.modifier && a.country.is_none()) {
                    continue;
                }
                let s = a.tokens.start;
                let before = if s > clause.tokens.start {
                    Some(s - 1)
                } else {
                    None
                };
                // "Thousands of Serbian students protested": "of" after a quantity heads the
                // subject, it does not open a prepositional phrase.
                // "thousands of X", "members of X", "a contingent of X": X is the subject.
                let quantity_of = |b: usize| {
                    cx.low(b) == "of"
                        && b > 0
                        && (doc.tokens[b - 1].pos == Pos::Num
                            || cx.cues.has(Cue::GroupNouns, cx.low(b - 1)))
                };
                // "called on the US to lift sanctions": the one called on is the infinitive's
                // subject.
                let before_infinitive = v >= 1 && a.tokens.end + 1 == v && cx.low(v - 1) == "to";
                // The word before the mention, past a determiner.
                let governor = before.and_then(|b| {
                    if doc.tokens[b].pos == Pos::Det {
                        b.checked_sub(1)
                    } else {
                        Some(b)
                    }
                });
                let called_on = before_infinitive
                    && governor.is_some_and(|o| {
                        matches!(cx.low(o), "on" | "upon")
                            && o > 0
                            && cx
                                .verb_lemma(o - 1)
                                .is_some_and(|l| matches!(l, "call" | "prevail"))
                    });
                let in_pp = !called_on
                    && before.is_some_and(|b| {
                        let p = doc.tokens[b].pos;
                        (p == Pos::Prep && !quantity_of(b))
                            || (p == Pos::Det
                                && b > 0
                                && doc.tokens[b - 1].pos == Pos::Prep
                                && !quantity_of(b - 1))
                            || cx.low(b) == "to"
                    });
                // "X, citing Y," / "according to Y": attribution, not subject.
                let attrib = before.is_some_and(|b| matches!(cx.low(b), "citing" | "quoting"));
                // "Ugandan troops entered eastern Congo to fight ADF rebels": the object of a
                // verb before "to" is the infinitive's subject only after verbs of asking,
                // making or letting ("urged Iran to", "allowed inspectors to").
                let uncontrolled = before_infinitive
                    && governor.is_some_and(|g| {
                        doc.tokens[g].pos == Pos::Verb
                            && cx
                                .verb_lemma(g)
                                .is_some_and(|l| !cx.cues.has(Cue::ControlVerbs, l))
                    });
                if in_pp || attrib || uncontrolled {
                    continue;
                }
                let mut out = vec![m];
                coordinated_before(cx, m, clause.tokens.start, &mut out);
                return out;
            }
        }
        // A subject never lies beyond a reporting verb or a finite verb of another event.
    }
    match clause.kind {
        ClauseKind::Relative => clause.antecedent.map(|a| vec![a]).unwrap_or_default(),
        // "X was denied a U.S. visa and will not attend": the first conjunct's subject, not the
        // nearest name before the "and".
        ClauseKind::Coordinate => match (clause.marker, clause.parent) {
            (Some(mk), Some(parent)) if mk > 0 => {
                let first = (doc.clauses[parent].tokens.start..mk).rev().find(|&k| {
                    doc.tokens[k].pos == Pos::Verb && cx.clause_of.get(k) == Some(&parent)
                });
                match first {
                    Some(k) => subject_of(cx, k),
                    None => subject_of(cx, mk),
                }
            }
            _ => Vec::new(),
        },
        // "X struck Y after accusing Z": a subjectless gerund shares the subject of the clause
        // it modifies.
        // "... will decide whether to strike Iran": so does a subjectless infinitive.
        ClauseKind::Subordinate
            if clause.tokens.start > 0
                && ((doc.tokens[v].verb_form == Some(VerbForm::Gerund)
                    && (clause.tokens.start..v).all(|k| doc.tokens[k].pos == Pos::Subord))
                    || (v > clause.tokens.start + 1
                        && (clause.tokens.start..v - 1)
                            .all(|k| doc.tokens[k].pos == Pos::Subord)
                        && doc.low(v - 1) == "to")) =>
        {
            let Some(parent) = clause.parent else {
                return Vec::new();
            };
            let pt = doc.clauses[parent].tokens;
            (pt.start..clause.tokens.start)
                .find(|&k| doc.tokens[k].pos == Pos::Verb && cx.clause_of.get(k) == Some(&parent))
                .map(|k| subject_of(cx, k))
                .unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

fn coordinated_before(cx: &Ctx, m: usize, floor: usize, out: &mut Vec<usize>) {
    let mut cur = m;
    let mut seen_and = false;
    loop {
        let mut s = cx.doc.actors[cur].tokens.start;
        // "Lavrov and his Turkish counterpart": the possessive opens the second conjunct.
        if s > floor + 2 && matches!(cx.low(s - 1), "his" | "her" | "its" | "their") {
            s -= 1;
        }
        if s < floor + 2 {
            return;
        }
        let w = cx.low(s - 1);
        // "Russia-Ukraine talks", "the EU-China summit": a hyphen joins the two parties.
        let hyphen = matches!(w, "-" | "‐" | "‑")
            && !cx.doc.tokens[s - 1].space_before
            && !cx.doc.tokens[s].space_before;
        // "X, Y and Z": commas join only a list closed by "and"; "In Riyadh, Rubio" is not one.
        if !(hyphen || matches!(w, "and" | "&" | "or") || (w == "," && seen_and)) {
            return;
        }
        seen_and = true;
        let prev = cx.ends.get(&(s - 1)).and_then(|v| {
            v.iter()
                .rev()
                .find(|&&k| {
                    let a = &cx.doc.actors[k];
                    (hyphen && a.country.is_some()) || (!a.modifier && !a.possessive)
                })
                .copied()
        });
        match prev {
            Some(p) => {
                out.insert(0, p);
                cur = p;
            }
            None => return,
        }
    }
}

/// Passive voice: a past participle after a form of "be" (adverbs and negation allowed between).
fn is_passive(cx: &Ctx, v: usize) -> bool {
    let vf = cx.doc.tokens[v].verb_form;
    if !matches!(
        vf,
        Some(VerbForm::PastParticiple) | Some(VerbForm::PastOrParticiple)
    ) {
        return false;
    }
    // "nine people were killed and dozens injured": the second conjunct leaves out "were".
    if v >= 4
        && cx.doc.tokens[v - 1].pos == Pos::Num
        && cx.low(v - 2) == "and"
        && is_passive(cx, v - 3)
    {
        return true;
    }
    let mut k = v;
    for _ in 0..3 {
        if k == 0 {
            return false;
        }
        k -= 1;
        if is_be(cx.low(k)) {
            // "is opposed to", "is committed to": the subject's stance, not a passive.
            let stative = cx
                .verb_lemma(v)
                .is_some_and(|l| cx.cues.has(Cue::StativeParticiples, l));
            return !stative
                || cx
                    .doc
                    .tokens
                    .get(v + 1)
                    .is_some_and(|_| cx.low(v + 1) == "by");
        }
        if !matches!(cx.doc.tokens[k].pos, Pos::Adv | Pos::Neg) {
            return false;
        }
    }
    false
}

/// Agent of a passive verb or a nominal event: "by X" within a few tokens after `from`.
fn by_agent(cx: &Ctx, from: usize, end: usize) -> Vec<usize> {
    let mut p = from;
    let limit = (from + 8).min(end);
    while p < limit {
        let w = cx.low(p);
        if w == "by" {
            if let Some(m) = cx.mention_from(p + 1, end) {
                let mut out = vec![m];
                cx.coordinated_after(m, end, &mut out);
                return out;
            }
            // "killed by Israeli fire", "wounded by Russian shelling": the state whose fire it
            // was.
            if let Some(&m) = (p + 1..(p + 3).min(end))
                .find_map(|q| cx.any_starts.get(&q))
                .filter(|&&m| {
                    let a = &cx.doc.actors[m];
                    let head = cx.low(a.head);
                    a.modifier
                        && a.country.is_some()
                        && (cx.cues.has(Cue::WeaponNouns, head)
                            || matches!(
                                head,
                                "fire" | "bombardment" | "bullets" | "forces" | "troops"
                            ))
                })
            {
                return vec![m];
            }
            return Vec::new();
        }
        if matches!(w, "," | ";" | "and") || cx.doc.tokens[p].pos == Pos::Verb {
            break;
        }
        p += 1;
    }
    Vec::new()
}

/// "between X and Y" after a noun: (X, Y).
fn between(cx: &Ctx, from: usize, end: usize) -> Option<(usize, usize)> {
    let mut p = from;
    while p < (from + 5).min(end) {
        if cx.low(p) == "between" || cx.low(p) == "among" {
            let mut x = cx.mention_from(p + 1, end)?;
            let mut e = cx.doc.actors[x].tokens.end;
            // "between Sudan's army and the RSF": the possessed phrase is the party.
            if cx.doc.actors[x].possessive {
                if let Some(h) = cx.mention_from(e, end) {
                    x = h;
                    e = cx.doc.actors[h].tokens.end;
                }
            }
            if e < end && cx.low(e) == "and" {
                let y = cx.mention_from(e + 1, end)?;
                return Some((x, y));
            }
            return None;
        }
        if matches!(cx.low(p), "," | ";") || cx.doc.tokens[p].pos == Pos::Verb {
            return None;
        }
        p += 1;
    }
    None
}

/// Source of a nominal trigger from inside its noun phrase: a possessor or a modifier name
/// ("Moscow's war", "Israeli air strikes", "US-Russia talks").
fn nominal_source(cx: &Ctx, head_start: usize) -> Vec<usize> {
    // Walk left over adjectives, numbers, time words and compounds to the start of the phrase.
    let mut k = head_start;
    let floor = head_start.saturating_sub(6);
    while k > floor {
        let t = k - 1;
        if let Some(ms) = cx.ends.get(&k) {
            if let Some(&m) = ms.iter().rev().find(|&&m| {
                (cx.doc.actors[m].possessive || cx.doc.actors[m].modifier)
                    && cx.doc.actors[m].country.is_some()
            }) {
                let mut out = vec![m];
                coordinated_before(cx, m, floor, &mut out);
                return out;
            }
        }
        let p = cx.doc.tokens[t].pos;
        if !(matches!(p, Pos::Adj | Pos::Num | Pos::Noun | Pos::Adv | Pos::Propn)
            || cx.low(t) == "-"
            || cx.low(t) == ",")
        {
            break;
        }
        k -= 1;
    }
    // A modifier mention whose phrase head is this noun (not the trigger's own words, and
    // only one that names a country: "military campaign" has no source in it).
    cx.doc
        .actors
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.modifier
                && m.country.is_some()
                && m.head >= head_start
                && m.tokens.end <= head_start + 3
                && m.tokens.start + 6 >= head_start
                && m.tokens.start < head_start
        })
        .map(|(i, _)| i)
        .take(1)
        .collect()
}

/// Does a light verb govern the noun at `n` ("held talks", "launched an attack")? Returns it.
fn light_verb(cx: &Ctx, dict: &TriggerDictionary, n: usize, floor: usize) -> Option<usize> {
    let mut k = n;
    for _ in 0..7 {
        if k <= floor {
            return None;
        }
        k -= 1;
        let low = cx.low(k);
        // "hold another round of talks", "a series of meetings": a quantity noun and its "of".
        if low == "of" && k > floor && cx.cues.has(Cue::QuantityNouns, cx.low(k - 1)) {
            k -= 1;
            continue;
        }
        if let Some(l) = cx.verb_lemma(k) {
            if dict.light_verbs.contains(l) && matches!(cx.doc.tokens[k].pos, Pos::Verb | Pos::Noun)
            {
                return Some(k);
            }
        }
        // Particles of multi-word light verbs ("carried out").
        if dict
            .light_particles
            .values()
            .any(|ps| ps.iter().any(|p| p == low))
        {
            continue;
        }
        // An indirect object between them: "gave Putin a warning".
        if cx.ends.contains_key(&(k + 1)) && cx.doc.tokens[k].pos == Pos::Propn {
            continue;
        }
        // "announced a $500 million aid package": a currency sign in the amount.
        if !matches!(
            cx.doc.tokens[k].pos,
            Pos::Det | Pos::Adj | Pos::Num | Pos::Adv | Pos::Noun | Pos::Propn | Pos::Conj
        ) && !matches!(low, "$" | "£" | "€")
        {
            return None;
        }
    }
    None
}

/// The indirect object of a light verb: an actor between the verb and the noun.
fn indirect_object(cx: &Ctx, lv: usize, noun_start: usize) -> Option<usize> {
    cx.doc.actors.iter().position(|m| {
        m.tokens.start > lv && m.tokens.end <= noun_start && !m.modifier && !m.possessive
    })
}

/// Code every sentence of `doc` into candidates.
pub fn find_events(dict: &TriggerDictionary, cx: &Ctx) -> Vec<Candidate> {
    let doc = cx.doc;
    let mut out: Vec<Candidate> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let end = s.tokens.end;
        let mut covered_until = s.tokens.start;
        for i in s.tokens.iter() {
            if i < covered_until {
                continue;
            }
            let t = &doc.tokens[i];
            let ci = cx.clause_of.get(i).copied().unwrap_or(0);
            // A measure that a verb of yielding names as its object ("lifted the sanctions",
            // "ended the strike") is what ends, not a new act of its own; other verbs leave
            // their object events to the status rules ("rejected talks": negated talks).
            let in_frame = || {
                out.iter().rev().take_while(|c| c.sentence == si).any(|c| {
                    c.kind == TriggerKind::Verb
                        && c.code.starts_with("08")
                        && c.trigger.end <= i
                        && i < c.frame_end
                })
            };
            let cand = match t.pos {
                Pos::Verb => code_verb(dict, cx, i, end, si, ci),
                Pos::Adj if dict.adjectives.contains_key(cx.low(i)) && after_copula(cx, i) => {
                    code_verb(dict, cx, i, end, si, ci)
                }
                Pos::Noun | Pos::Propn if !in_frame() => {
                    code_noun(dict, cx, i, end, si, ci, s.headline, &out)
                }
                _ => None,
            };
            if let Some(c) = cand {
                covered_until = c.trigger.end;
                // "sanctions against Iran were lifted": the measure in the subject ends here.
                if c.passive && c.code.starts_with("08") {
                    out.retain(|o| {
                        !(o.sentence == si
                            && o.kind == TriggerKind::Noun
                            && o.clause == c.clause
                            && o.trigger.start < c.trigger.start)
                    });
                }
                out.push(c);
            }
        }
        claims(cx, si, &mut out);
        // (An event with no actors, kept only for its counts, does not stand for the sentence.)
        if !out
            .iter()
            .any(|c| c.sentence == si && !(c.source.is_empty() && c.target.is_empty()))
        {
            if let Some(c) = statement(cx, si) {
                out.push(c);
            }
        } else if let Some(c) = s
            .tokens
            .iter()
            .any(|k| matches!(cx.low(k), "must" | "should"))
            .then(|| statement(cx, si))
            .flatten()
            .filter(|c| c.code == "100")
        {
            // "X said Y must comply": the demand is an event of its own beside what is demanded.
            if !out
                .iter()
                .any(|o| o.sentence == si && o.code.starts_with("10"))
            {
                out.push(c);
            }
        }
    }
    dedup(doc, out)
}

/// "The Houthis claimed that they had attacked the airport": a claim of one's own act of force
/// is a claim of responsibility (015), beside the act itself (attributed to the claimant).
fn claims(cx: &Ctx, si: usize, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    let s = doc.sentences[si].tokens;
    for k in s.iter() {
        if doc.tokens[k].pos != Pos::Verb || cx.verb_lemma(k) != Some("claim") {
            continue;
        }
        if out.iter().any(|c| c.sentence == si && c.trigger.start == k) {
            continue; // "claimed responsibility for": coded by its entry
        }
        let claimant = subject_of(cx, k);
        if claimant.is_empty() {
            continue;
        }
        let same = |m: &usize| {
            claimant
                .iter()
                .any(|c| doc.actors[*c].code == doc.actors[*m].code)
        };
        let act = out.iter().position(|c| {
            c.sentence == si
                && c.trigger.start > k
                && c.trigger.start <= k + 8
                && matches!(c.code.get(..2), Some("17" | "18" | "19" | "20"))
                && !c.source.is_empty()
                && c.source.iter().all(same)
        });
        let Some(at) = act else {
            continue;
        };
        let target = out[at].target.clone();
        let ci = cx.clause_of.get(k).copied().unwrap_or(0);
        if let Some(c) = finish(
            cx,
            "015".into(),
            TokenRange::new(k, k + 1),
            TriggerKind::Verb,
            claimant,
            target,
            si,
            ci,
            false,
            0,
        ) {
            // In text order, before the act it claims.
            out.insert(at, c);
        }
    }
}

fn statement(cx: &Ctx, si: usize) -> Option<Candidate> {
    let s = cx.doc.sentences[si].tokens;
    for i in s.iter() {
        if cx.doc.tokens[i].pos != Pos::Verb {
            continue;
        }
        let Some(l) = cx.verb_lemma(i) else { continue };
        if !cx.cues.has(Cue::StatementVerbs, l) {
            continue;
        }
        let source = subject_of(cx, i);
        let source = if source.is_empty() {
            // Inverted attribution: "..., said the minister."
            cx.mention_from(i + 1, s.end).into_iter().collect()
        } else {
            source
        };
        let mut target = Vec::new();
        if l == "tell" {
            if let Some(m) = cx.mention_from(i + 1, s.end) {
                target.push(m);
            }
        }
        // "said that Iran must comply with inspectors": what another party must do is a demand.
        let mut code = "010";
        if let Some(m) = must_subject(cx, i, s.end) {
            code = "100";
            target = vec![m];
        }
        let ci = cx.clause_of.get(i).copied().unwrap_or(0);
        if let Some(c) = finish(
            cx,
            code.into(),
            TokenRange::new(i, i + 1),
            TriggerKind::Verb,
            source,
            target,
            si,
            ci,
            false,
            0,
        ) {
            return Some(c);
        }
    }
    None
}

/// The subject of "must"/"should" opening the clause reported by the verb at `v`.
fn must_subject(cx: &Ctx, v: usize, end: usize) -> Option<usize> {
    let doc = cx.doc;
    // "said (on Tuesday / here Wednesday) that ...": a short adverbial may precede "that".
    let k = (v + 1..(v + 6).min(end))
        .take_while(|&t| !matches!(doc.tokens[t].pos, Pos::Verb | Pos::Punct))
        .find(|&t| doc.low(t) == "that")
        .map_or(v + 1, |t| t + 1);
    let m = cx.mention_from(k, end)?;
    // Past a coordinated subject ("the government and the rebels must ...").
    let mut after = cx
        .coordinated_after(m, end, &mut vec![m])
        .max(doc.actors[m].tokens.end);
    // Past a place after it ("the rebels in Darfur must ...").
    if after + 1 < end && matches!(doc.low(after), "in" | "of" | "from") {
        let mut k = after + 1;
        while k < end && k < after + 5 && matches!(doc.tokens[k].pos, Pos::Det | Pos::Propn) {
            k += 1;
        }
        if k > after + 1 && doc.tokens[k - 1].pos == Pos::Propn {
            after = k;
        }
    }
    (after < end && matches!(doc.low(after), "must" | "should")).then_some(m)
}

fn code_verb(
    dict: &TriggerDictionary,
    cx: &Ctx,
    i: usize,
    end: usize,
    si: usize,
    ci: usize,
) -> Option<Candidate> {
    let doc = cx.doc;
    let vf = doc.tokens[i].verb_form;
    let prev = i.checked_sub(1).map(|p| doc.tokens[p].pos);
    // "displaced families", "sheltering displaced families": a participle before a noun, with
    // no subject of its own right before it, is an adjective.
    if matches!(
        vf,
        Some(VerbForm::PastParticiple | VerbForm::PastOrParticiple)
    ) && doc.tokens.get(i + 1).is_some_and(|t| t.pos == Pos::Noun)
        && (matches!(prev, Some(Pos::Det | Pos::Adj | Pos::Prep | Pos::Num))
            || (prev == Some(Pos::Verb) && doc.tokens[i - 1].verb_form == Some(VerbForm::Gerund)))
    {
        return None;
    }
    let passive = is_passive(cx, i);
    let (e, m_end, mut targets) = match dict.match_verb(cx, i, end) {
        Some(m) => m,
        None if passive => dict.match_passive_object(cx, i, end)?,
        None => return None,
    };
    let code = e.code.clone()?;
    let mut source;
    if passive {
        // "was attacked by gunmen armed with rifles": the agent may sit inside the frame.
        source = by_agent(cx, i + 1, end);
        if source.is_empty() {
            source = by_agent(cx, m_end.max(i + 1), end);
        }
        let subj = subject_of(cx, i);
        if targets.is_empty() {
            targets = subj;
        } else if source.is_empty() {
            source = subj;
        }
        // "inspectors were expelled from North Korea": the state expelling is the one left.
        if source.is_empty()
            && matches!(
                cx.verb_lemma(i),
                Some("expel" | "deport" | "evict" | "kick" | "ban" | "bar")
            )
        {
            if let Some(k) = (i + 1..(i + 4).min(end)).find(|&k| cx.low(k) == "from") {
                if let Some(m) = cx.mention_from(k + 1, end) {
                    let a = &doc.actors[m];
                    if a.country.is_some()
                        && matches!(a.kind, ActorKind::Country | ActorKind::Metonym)
                        && !targets.contains(&m)
                    {
                        source.push(m);
                    }
                }
            }
        }
    } else {
        source = subject_of(cx, i);
        // "Missiles fired by the Israeli army struck a depot": the weapon's user is the one
        // who struck.
        if source.is_empty() && violent_code(&code) {
            let sent_start = doc.sentences[si].tokens.start;
            if let Some(k) = (sent_start.max(i.saturating_sub(10)) + 1..i).find(|&k| {
                cx.low(k) == "by"
                    && matches!(
                        cx.verb_lemma(k - 1),
                        Some("fire" | "launch" | "drop" | "shoot" | "plant" | "use" | "deploy")
                    )
            }) {
                if let Some(m) = cx.mention_from(k + 1, i) {
                    if cx.doc.actors[m].tokens.end == i {
                        source.push(m);
                    }
                }
            }
        }
        // A countryless object of another sector than the agent's is the party acted on only
        // in conflict (not "voiced opposition") and when not armed forces ("join forces",
        // "withdrew troops": one's own).
        let other_sector = |sec: &str| {
            code.as_str() >= "12"
                && !matches!(sec, "MIL" | "REB")
                && !source.is_empty()
                && source
                    .iter()
                    .all(|&s| cx.doc.actors[s].sector.as_deref().is_some_and(|t| t != sec))
        };
        // "expelled two Russian diplomats": the object the entry names is itself an actor;
        // not what one sends or mobilises ("deployed troops", "sent doctors": its own people).
        if targets.is_empty()
            && matches!(e.frame.last(), Some(Elem::Words { .. }))
            && !matches!(code.get(..2), Some("07" | "15"))
        {
            if let Some(&m) = cx.ends.get(&m_end).and_then(|ms| {
                ms.iter().find(|&&m| {
                    let a = &cx.doc.actors[m];
                    // A countryless one ("offered troops") is as a rule the agent's own,
                    // unless it is of another sector ("a court banned the opposition party").
                    !a.modifier
                        && (a.country.is_some() || a.sector.as_deref().is_some_and(other_sector))
                        && a.head + 1 == m_end
                        && a.tokens.start > i
                        && !source.iter().any(|&s| {
                            cx.doc.actors[s].country.is_some()
                                && cx.doc.actors[s].country == a.country
                        })
                })
            }) {
                targets.push(m);
            } else if let Some(m) = ((i + 1)..m_end).find_map(|p| {
                // "released German journalist Jane Roe": the frame's noun opens a name.
                let &m = cx.starts.get(&p)?;
                let a = &cx.doc.actors[m];
                (a.country.is_some()
                    && a.tokens.end > m_end
                    && a.head >= m_end
                    && !source
                        .iter()
                        .any(|&s| cx.doc.actors[s].country == a.country))
                .then_some(m)
            }) {
                targets.push(m);
            } else if let Some(m) = ((i + 1)..m_end).find_map(|p| {
                // "banned the main opposition party": the frame's word inside the object's
                // phrase, before its head; an actor of another sector than the agent's.
                let &m = cx.starts.get(&p)?;
                let a = &cx.doc.actors[m];
                let sec = a.sector.as_deref()?;
                (other_sector(sec) && a.tokens.end == a.head + 1 && a.head + 1 > m_end).then_some(m)
            }) {
                targets.push(m);
            }
        }
        // "hit Hamas targets", "shelled Kurdish positions": in an attack, the name right
        // before the object the entry names is the party attacked.
        // "rejected Israel's proposal", "denied Moscow's claims": in any act, a possessor right
        // before that object is the party it is aimed at.
        if targets.is_empty() && matches!(e.frame.last(), Some(Elem::Words { .. })) {
            if let Some(&m) = cx
                .ends
                .get(&(m_end - 1))
                .and_then(|ms| ms.first())
                .filter(|&&m| {
                    let a = &cx.doc.actors[m];
                    a.tokens.start > i
                        && !source.contains(&m)
                        && (violent_code(&code)
                            || (a.possessive && !a.modifier && a.country.is_some()))
                })
            {
                targets.push(m);
            }
        }
        // "rejected U.S. calls for a ceasefire": the state named before the object noun, right
        // after the verb, is whose call it was.
        if targets.is_empty()
            && !violent_code(&code)
            && matches!(e.frame.first(), Some(Elem::Skip))
            && matches!(e.frame.last(), Some(Elem::Words { .. }))
        {
            let mut q = i + e.head.len();
            while q < m_end && (cx.doc.tokens[q].pos == Pos::Det || cx.low(q) == "to") {
                q += 1;
            }
            if let Some(&m) = cx.any_starts.get(&q) {
                let a = &cx.doc.actors[m];
                if (a.modifier || a.possessive)
                    && a.country.is_some()
                    && a.tokens.end < m_end
                    && !source.contains(&m)
                    && !source
                        .iter()
                        .any(|&s| cx.doc.actors[s].country == a.country)
                {
                    targets.push(m);
                }
            }
        }
        if targets.is_empty() && !e.has_target() {
            // Direct object of a transitive use, else the first actor later in the clause
            // (objects of infinitives and prepositions: "offered to hand over to Britain").
            if let Some(m) = cx.object_from(m_end.max(i + 1), end) {
                targets.push(m);
                cx.coordinated_after(m, end, &mut targets);
            } else if let Some(m) = later_actor(cx, m_end.max(i + 1), end, ci) {
                targets.push(m);
                cx.coordinated_after(m, end, &mut targets);
            }
        }
        // "a U.S. law that targets tax evaders", "Chinese tariffs hit American farmers": a
        // measure that "targets" or "hits" is no act of force.
        if violent_code(&code)
            && !source.is_empty()
            && source.iter().all(|&s| {
                let a = &cx.doc.actors[s];
                a.modifier && cx.cues.has(Cue::MeasureHeads, cx.low(a.head))
            })
        {
            return None;
        }
        // "claimed responsibility for a drone attack on a ship": what a claim is for is the
        // act, coded on its own; a weapon or party modifying it is no target of the claim.
        if code == "015" {
            targets.retain(|&m| !cx.doc.actors[m].modifier);
        }
        // "... alongside X and Y": co-actors after the object.
        add_companions(cx, m_end, end, &mut source);
    }
    // "opened fire": a noun the frame names right after the verb is part of the trigger; so is
    // the whole frame of a comment ("declined to comment" is one act, not a second statement).
    let mut t_end = i + e.head.len();
    let comment = code.starts_with("01");
    for el in &e.frame {
        match el {
            Elem::Words {
                words,
                optional: false,
            } if t_end < end
                && (comment || doc.tokens[t_end].pos == Pos::Noun)
                && words.iter().any(|w| w == cx.low(t_end)) =>
            {
                t_end += 1;
            }
            _ => break,
        }
    }
    finish(
        cx,
        code,
        TokenRange::new(i, t_end),
        TriggerKind::Verb,
        source,
        targets,
        si,
        ci,
        passive,
        e.line,
    )
    .map(|mut c| {
        c.frame_end = c.frame_end.max(m_end);
        c
    })
}

/// The first actor after `from` in the clause, before any attribution phrase or reporting
/// verb, and not the subject of a later clause.
fn later_actor(cx: &Ctx, from: usize, end: usize, ci: usize) -> Option<usize> {
    let doc = cx.doc;
    let limit = end.min(from + 14);
    for p in from..limit {
        let w = cx.low(p);
        if matches!(
            w,
            ";" | ":"
                | "—"
                | "according"
                | "citing"
                | "quoting"
                | "if"
                | "because"
                | "while"
                | "although"
        ) {
            return None;
        }
        if w == ","
            && doc
                .tokens
                .get(p + 1)
                .is_some_and(|t| matches!(t.pos, Pos::Det | Pos::Propn | Pos::Pron))
        {
            return None;
        }
        if cx
            .clause_of
            .get(p)
            .is_some_and(|&c| c != ci && !cx.within(c, ci))
        {
            return None;
        }
        if let Some(&m) = cx.any_starts.get(&p) {
            // The subject of a following verb is not our object.
            let a = &doc.actors[m];
            let next = a.tokens.end;
            // "sanctions on China based on lies": a participle with its preposition describes
            // the object, it is no verb of its own.
            let describing = doc.tokens.get(next).is_some_and(|t| {
                matches!(
                    t.verb_form,
                    Some(VerbForm::PastParticiple | VerbForm::PastOrParticiple)
                )
            }) && cx
                .verb_lemma(next)
                .is_some_and(|l| cx.cues.has(Cue::DescribingParticiples, l))
                && next + 1 < doc.tokens.len()
                && matches!(
                    doc.low(next + 1),
                    "on" | "in" | "at" | "near" | "by" | "from" | "along" | "across"
                );
            if next < doc.tokens.len()
                && matches!(doc.tokens[next].pos, Pos::Verb | Pos::Aux | Pos::Modal)
                && !a.possessive
                && !a.modifier
                && !describing
            {
                return None;
            }
            // "offered troops to Niger's president": the possessed actor, not the possessor.
            if a.possessive {
                if let Some(h) = cx.mention_from(next, end) {
                    return Some(h);
                }
            }
            return Some(m);
        }
    }
    None
}

fn add_companions(cx: &Ctx, from: usize, end: usize, source: &mut Vec<usize>) {
    if source.is_empty() {
        return;
    }
    let mut p = from;
    while p < end && p < from + 8 {
        let w = cx.low(p);
        let two = if p + 1 < end { cx.low(p + 1) } else { "" };
        let start = match (w, two) {
            ("alongside", _) => Some(p + 1),
            ("along" | "together", "with") => Some(p + 2),
            _ => None,
        };
        if let Some(q) = start {
            if let Some(m) = cx.head_mention_from(q, end) {
                source.push(m);
                cx.coordinated_after(m, end, source);
            }
            return;
        }
        if matches!(w, ";" | "—") || cx.doc.tokens[p].pos == Pos::Verb {
            return;
        }
        p += 1;
    }
}

#[allow(clippy::too_many_arguments)]
fn code_noun(
    dict: &TriggerDictionary,
    cx: &Ctx,
    i: usize,
    end: usize,
    si: usize,
    ci: usize,
    headline: bool,
    earlier: &[Candidate],
) -> Option<Candidate> {
    if cx.doc.tokens[i].pos == Pos::Propn && !headline {
        return None;
    }
    let (e, m_end, mut targets, head_start) = dict.match_noun(cx, i, end)?;
    let code = e.code.clone()?;
    // "the government's dialogue offer", "a ceasefire proposal": the act named before an
    // offer or a proposal is its content; the offer is the event.
    if i + 1 < end
        && matches!(
            cx.low(i + 1),
            "offer" | "offers" | "proposal" | "proposals" | "bid" | "bids" | "request" | "requests"
        )
    {
        return None;
    }
    // "the UN peacekeeping mission said": the noun heads an actor's name, it is no event.
    if cx.doc.actors.iter().any(|m| {
        !m.modifier && m.kind != ActorKind::Reference && m.head == i && m.tokens.start < head_start
    }) {
        return None;
    }
    let mut source = nominal_source(cx, head_start);
    // "U.S. military aid": a modifier that takes one of the trigger's words for a role noun
    // names the giver's country only; the clause's subject, if any, is the better source.
    let mut overlapping = Vec::new();
    if source
        .first()
        .is_some_and(|&m| cx.doc.actors[m].tokens.end > head_start)
    {
        overlapping = std::mem::take(&mut source);
    }
    if source.is_empty() {
        source = by_agent(cx, m_end.max(i + 1), end);
    }
    // "the upcoming visit of Indian Prime Minister X to Moscow": the visitor follows "of".
    if source.is_empty() && code.starts_with("042") && i + 1 < end && cx.low(i + 1) == "of" {
        if let Some(m) = cx.head_mention_from(i + 2, end) {
            source.push(m);
        }
    }
    if let Some((x, y)) = between(cx, i + 1, end) {
        if source.is_empty() {
            source = vec![x];
            targets = vec![y];
        }
    }
    if targets.is_empty() && !source.is_empty() {
        // "the attack by X on Y" (by-phrase first, then the frame of any entry of this noun).
        let after = source
            .iter()
            .map(|&m| cx.doc.actors[m].tokens.end)
            .max()
            .unwrap_or(i + 1);
        if after > i {
            if let Some(entries) = dict.nouns.get(singular(cx.low(i)).as_ref()) {
                for e2 in entries
                    .iter()
                    .filter(|x| x.has_target() && x.code.is_some())
                {
                    let mut t2 = Vec::new();
                    if dict
                        .match_frame(cx, &e2.frame, after, end, &mut t2)
                        .is_some()
                    {
                        targets = t2;
                        break;
                    }
                }
            }
        }
    }
    let light = light_verb(cx, dict, head_start, cx.doc.sentences[si].tokens.start);
    if let (Some(lv), true) = (light, targets.is_empty()) {
        if let Some(io) = indirect_object(cx, lv, head_start) {
            targets.push(io);
        }
    }
    // "X claimed responsibility for the attack": the claimant is the attacker.
    if source.is_empty() && head_start >= 2 {
        let mut k = head_start;
        while k > 0 && matches!(cx.doc.tokens[k - 1].pos, Pos::Det | Pos::Adj) {
            k -= 1;
        }
        if k >= 3 && cx.low(k - 1) == "for" && cx.low(k - 2) == "responsibility" {
            let v = k - 3;
            if cx
                .verb_lemma(v)
                .is_some_and(|l| matches!(l, "claim" | "accept" | "admit"))
            {
                source = subject_of(cx, v);
            }
        }
        // "Hamas was behind the attack", "the cartel is responsible for the killings": the
        // subject is the perpetrator (of force or coercion; denied or doubted, no event).
        let copula = match (k >= 2).then(|| cx.low(k - 1)) {
            Some("behind") => Some(k - 2),
            Some("for") if k >= 3 && cx.low(k - 2) == "responsible" => Some(k - 3),
            _ => None,
        };
        if let Some(b) = copula.filter(|&b| is_be(cx.low(b)) && code.as_str() >= "13") {
            source = subject_of(cx, b);
        }
    }
    if source.is_empty() {
        if let Some(lv) = light {
            source = subject_of(cx, lv);
        } else if !targets.is_empty() && code.as_str() < "09" {
            // "arrived for talks with X": the clause subject is a party -- to cooperation only;
            // who "condemned the strikes on X" did not strike.
            source = subject_of(cx, head_start);
        } else if code.starts_with("04") {
            // "Indian and Chinese envoys flew to Oslo for talks": coordinated parties; "a Hamas
            // delegation is expected in Cairo for ceasefire talks": the party travelling for them.
            let subj = subject_of(cx, head_start);
            let mut d = head_start;
            while d > 0 && matches!(cx.doc.tokens[d - 1].pos, Pos::Adj | Pos::Noun | Pos::Det) {
                d -= 1;
            }
            // The trip's verb governs "for": travel or being expected somewhere.
            let floor = cx.doc.clauses[ci].tokens.start;
            let trip = (d > floor + 1 && cx.low(d - 1) == "for" && !code.starts_with("042"))
                .then(|| {
                    (floor..d - 1)
                        .rev()
                        .find(|&k| cx.doc.tokens[k].pos == Pos::Verb)
                        .filter(|&k| {
                            cx.verb_lemma(k)
                                .is_some_and(|l| l == "expect" || cx.cues.has(Cue::MotionVerbs, l))
                        })
                })
                .flatten();
            if subj.len() >= 2 {
                source = subj;
            } else if let Some(v) = trip {
                source = subject_of(cx, v);
            }
        }
    }
    if source.is_empty() {
        source = overlapping;
    }
    if !source.iter().any(|&m| political(cx.doc, m))
        && !targets.iter().any(|&m| political(cx.doc, m))
    {
        // "the talks would take place on Tuesday": a definite event noun with no actors refers
        // back to the latest event of the same kind in the last few sentences.
        // Only as the subject of a scheduling verb with a time of its own ("the talks would
        // take place on Tuesday", "the meeting began on Monday").
        let scheduled = (i + 1..(i + 5).min(end)).any(|k| {
            cx.verb_lemma(k)
                .is_some_and(|l| cx.cues.has(Cue::SchedulingVerbs, l))
        });
        let definite = head_start > 0
            && matches!(cx.low(head_start - 1), "the" | "these" | "this" | "those")
            && scheduled
            && cx
                .doc
                .times
                .iter()
                .any(|t| cx.clause_of.get(t.tokens.start) == Some(&ci));
        let prior = earlier
            .iter()
            .rev()
            .find(|c| c.sentence + 4 >= si && c.code[..2] == code[..2] && !c.source.is_empty());
        // A truce with no named parties ("the shaky truce agreed in May is holding") is between
        // the sides of the latest fighting the article reports.
        let truce = code.starts_with("087")
            && (head_start.saturating_sub(3)..(i + 6).min(end)).any(|k| {
                k != i
                    && cx
                        .verb_lemma(k)
                        .is_some_and(|l| cx.cues.has(Cue::TruceVerbs, l))
            });
        let fighting = || {
            earlier.iter().rev().find(|c| {
                c.sentence + 3 >= si
                    && violent_code(&c.code)
                    && !c.source.is_empty()
                    && !c.target.is_empty()
            })
        };
        // "the strikes killed 53", "would continue such attacks": a violent noun with no actors
        // of its own, definite and the subject of a verb, or after "such", is the latest
        // violent event of the same kind.
        let mut det = head_start;
        while det > head_start.saturating_sub(3)
            && det > 0
            && matches!(cx.doc.tokens[det - 1].pos, Pos::Adj | Pos::Noun)
            && cx.low(det - 1) != "such"
        {
            det -= 1;
        }
        let such = det > 0
            && (cx.low(det - 1) == "such"
                || (det > 1 && cx.low(det - 2) == "such" && matches!(cx.low(det - 1), "a" | "an")));
        let definite_subject = det > 0
            && matches!(cx.low(det - 1), "the" | "these" | "this" | "those")
            && cx
                .doc
                .tokens
                .get(i + 1)
                .is_some_and(|t| matches!(t.pos, Pos::Verb | Pos::Aux | Pos::Modal));
        // "clashed with X ..., and residents fled the fighting": any definite mention right
        // after the event is the same event.
        let definite_near = det > 0
            && matches!(cx.low(det - 1), "the" | "these" | "this" | "those")
            && prior.is_some_and(|p| p.sentence + 1 >= si);
        let anaphor = (such || definite_subject || definite_near)
            && violent_code(&code)
            && prior.is_some_and(|p| p.sentence + 3 >= si);
        match (definite || anaphor, prior, truce) {
            (true, Some(p), _) => {
                source = p.source.clone();
                targets = p.target.clone();
            }
            (_, _, true) => {
                let p = fighting()?;
                source = p.source.clone();
                targets = p.target.clone();
            }
            // "the attack in Kashmir that killed 26 people": an act of violence whose
            // perpetrator the text does not name is still an event; the record keeps it only
            // when it carries a count of its human cost.
            _ if violent_code(&code) => {
                return Some(Candidate {
                    status: status_of(
                        cx,
                        TokenRange::new(head_start, i + 1),
                        TriggerKind::Noun,
                        ci,
                    ),
                    code,
                    trigger: TokenRange::new(head_start, i + 1),
                    kind: TriggerKind::Noun,
                    source: Vec::new(),
                    target: Vec::new(),
                    sentence: si,
                    clause: ci,
                    passive: false,
                    line: e.line,
                    frame_end: i + 1,
                });
            }
            _ => return None,
        }
    }
    // "nurses began a strike": a bare strike by workers, students or civilians is a labour
    // strike (143), not a military one.
    // So is one its words call a stoppage: "a 24-hour strike", "went on strike", "a strike by
    // seamen for higher wages" (cue list labour_strike).
    let civil_source = !source.is_empty()
        && source.iter().all(|&m| {
            cx.doc.actors[m].sector.as_deref().is_some_and(|s| {
                matches!(
                    s,
                    "LAB" | "MED" | "EDU" | "BUS" | "CVL" | "AGR" | "HLH" | "HRI" | "NGO" | "REF"
                )
            })
        });
    let code = if code == "190"
        && head_start == i
        && matches!(cx.low(i), "strike" | "strikes")
        && (civil_source || labour_strike(cx, i, end))
    {
        "143".to_string()
    } else {
        code
    };
    finish(
        cx,
        code,
        TokenRange::new(head_start, i + 1),
        TriggerKind::Noun,
        source,
        targets,
        si,
        ci,
        false,
        e.line,
    )
}

/// Words around a bare "strike" at `i` that make it a stoppage of work: a duration or kind
/// before it ("24-hour", "indefinite"), "on strike", who strikes or what for after it ("by
/// seamen", "for higher wages").
fn labour_strike(cx: &Ctx, i: usize, end: usize) -> bool {
    let doc = cx.doc;
    let floor = doc
        .sentence_of(i)
        .map_or(0, |s| doc.sentences[s].tokens.start);
    if i > floor && cx.low(i - 1) == "on" {
        return true;
    }
    let cue = |k: usize| {
        cx.low(k)
            .split('-')
            .any(|w| cx.cues.has(Cue::LabourStrike, w))
    };
    (i.saturating_sub(3).max(floor)..i).any(cue)
        || (i + 1..(i + 8).min(end))
            .take_while(|&k| !matches!(cx.low(k), "," | ";" | "on" | "against"))
            .any(cue)
}

/// The object of "to protest", "in protest against", "demanding" after a protest's trigger.
fn protested(cx: &Ctx, from: usize, si: usize) -> Option<usize> {
    let end = cx.doc.sentences[si].tokens.end;
    let k = (from..end.min(from + 12))
        .take_while(|&k| !matches!(cx.low(k), ";" | ":"))
        .find(|&k| {
            matches!(
                cx.low(k),
                "protest" | "protesting" | "against" | "demanding"
            )
        })?;
    let mut p = k + 1;
    while p < end && matches!(cx.low(p), "against" | "at" | "over" | "of") {
        p += 1;
    }
    cx.object_from(p, end)
}

/// Assault, fight or mass violence (CAMEO 18, 19, 20).
pub(crate) fn violent_code(code: &str) -> bool {
    matches!(code.get(..2), Some("18" | "19" | "20"))
}

/// Does mention `m` name a political actor (a country or a sector)?
fn political(doc: &Document, m: usize) -> bool {
    let a = &doc.actors[m];
    a.country.is_some() || a.sector.is_some()
}

#[allow(clippy::too_many_arguments)]
fn finish(
    cx: &Ctx,
    code: String,
    trigger: TokenRange,
    kind: TriggerKind,
    mut source: Vec<usize>,
    mut target: Vec<usize>,
    si: usize,
    ci: usize,
    passive: bool,
    line: usize,
) -> Option<Candidate> {
    let doc = cx.doc;
    source.retain(|&m| political(doc, m));
    target.retain(|&m| political(doc, m));
    // "began a hunger strike to protest Sweden's decision", "blocked roads in protest against
    // X": the party protested against.
    if code.starts_with("14") && target.is_empty() {
        if let Some(t) = protested(cx, trigger.end, si).filter(|&t| political(doc, t)) {
            target.push(t);
        }
    }
    // "peacekeepers arrived in Juba", "deployed 230 troops on a peacekeeping mission": the
    // deployment provides peacekeeping (074), it is no show of force or visit.
    let code = if matches!(code.as_str(), "042" | "043" | "150" | "154") && {
        let sent = doc.sentences[si].tokens;
        let from = source
            .iter()
            .map(|&m| doc.actors[m].tokens.start)
            .min()
            .unwrap_or(trigger.start)
            .min(trigger.start);
        (from..sent.end)
            .take_while(|&k| doc.low(k) != ";")
            .any(|k| cx.cues.has(Cue::PeacekeepingWords, doc.low(k)))
    } {
        "074".to_string()
    } else {
        code
    };
    source.dedup();
    target.dedup();
    // "The Chinese foreign ministry warned that Beijing would ...": a state's own name is no
    // target of its government's act.
    target.retain(|&t| {
        let a = &doc.actors[t];
        let place = a.tokens.start > 0
            && matches!(
                doc.low(a.tokens.start - 1),
                "in" | "at" | "on" | "near" | "into" | "across" | "to" | "from" | "over"
            );
        !(matches!(a.kind, ActorKind::Metonym | ActorKind::Country)
            && !place
            && source.iter().any(|&s| {
                let b = &doc.actors[s];
                b.country.is_some()
                    && b.sector.is_some()
                    && b.country == a.country
                    && b.sector == a.sector
            }))
    });
    // Force shown together by two states is military cooperation ("Russian and Chinese
    // warships held drills": joint exercises, 062), not a show of force.
    let code = if code == "150" && {
        let mut states = source
            .iter()
            .filter_map(|&m| cx.country_in_text(m))
            .filter(|c| !attache_doc::NON_STATE.contains(c));
        states
            .next()
            .is_some_and(|first| states.any(|c| c != first))
    } {
        "062".to_string()
    } else {
        code
    };
    // "Putin ordered Russian troops to leave Kherson": a state sending its own forces away
    // withdraws them (0874); only someone else's forces are expelled.
    let code = if code == "174"
        && !target.is_empty()
        && target.iter().all(|&t| {
            doc.actors[t].sector.as_deref() == Some("MIL")
                && cx.country_in_text(t).is_some()
                && source
                    .iter()
                    .any(|&s| cx.country_in_text(s) == cx.country_in_text(t))
        }) {
        "0874".to_string()
    } else {
        code
    };
    // "will be called Barclays Finance", "a unit called X": calling as naming, no telephone
    // call (a company is named far more often than it is telephoned).
    if code == "041"
        && cx.verb_lemma(trigger.start) == Some("call")
        && (passive
            // ", called the Data Systems division": an apposition naming something.
            || (trigger.start > 0 && doc.low(trigger.start - 1) == ",")
            || target.iter().any(|&t| {
                doc.actors[t].sector.as_deref() == Some("BUS")
                    // "expected to call it this year": an election, not a leader.
                    || doc.low(doc.actors[t].head) == "it"
            }))
    {
        return None;
    }
    // An actor cannot be its own recipient.
    target.retain(|t| {
        !source.iter().any(|s| {
            doc.actors[*s].code == doc.actors[*t].code && doc.actors[*s].name == doc.actors[*t].name
        })
    });
    // An active verb needs its agent, except violence against a named victim by a weapon whose
    // user goes unnamed ("a roadside bomb killed one U.S. soldier"); a company that "fought off
    // a bid" is no such case.
    let weapon_subject = || {
        let start = doc.clauses[ci].tokens.start;
        (start..trigger.start).any(|k| {
            matches!(doc.tokens[k].pos, Pos::Noun | Pos::Propn)
                && cx.cues.has(Cue::WeaponNouns, doc.low(k))
        })
    };
    if source.is_empty()
        && (target.is_empty()
            || !passive && kind == TriggerKind::Verb && !(violent_code(&code) && weapon_subject()))
    {
        return None;
    }
    // A lone role noun with neither country nor name on both sides is too vague to code.
    // Without any country, code only when both sides have a political sector ("police clashed
    // with protesters"); a lone "officials" is too vague.
    let no_country = |v: &Vec<usize>| v.iter().all(|m| cx.country_in_text(*m).is_none());
    let has_sector =
        |v: &Vec<usize>| !v.is_empty() && v.iter().all(|m| doc.actors[*m].sector.is_some());
    // A named organisation is specific enough on its own ("Islamic State attacked ...").
    let named = |v: &Vec<usize>| {
        v.iter()
            .any(|m| doc.actors[*m].kind == ActorKind::Organization)
    };
    // A specific source with a sector ("the governor's office", "a USCIS spokeswoman") may act
    // alone; a plural role noun ("officials") is too vague.
    let specific = |v: &Vec<usize>| {
        v.len() == 1 && {
            let a = &doc.actors[v[0]];
            // Companies are not political actors on their own ("the bank said").
            a.sector.as_deref().is_some_and(|s| !matches!(s, "CVL" | "BUS"))
                && !a.plural
                // Named: "The Ohio state government", "Texas Governor Jane Roe"; not a
                // bare "the spokesman" or "he".
                && a.kind != attache_doc::ActorKind::Reference
                && (matches!(
                    a.kind,
                    attache_doc::ActorKind::Person | attache_doc::ActorKind::Organization
                ) || a.tokens.iter().any(|t| {
                    // A capital that only opens the sentence ("Fishermen praised ...") is no name.
                    doc.tokens[t].pos == Pos::Propn
                        && doc
                            .sentence_of(t)
                            .is_some_and(|si| doc.sentences[si].tokens.start != t)
                }))
                && !matches!(
                    doc.low(a.head),
                    "people" | "police" | "personnel" | "staff" | "militia" | "youth" | "public"
                )
        }
    };
    // "Opposition supporters gathered in Nairobi to protest": the one state whose place the
    // sentence names is theirs (the record takes it, see `context::inherit_countries`).
    // Not for a mere statement, nor for companies and the press; civilians only protest
    // ("people ... injured" is no act of theirs).
    let placed = || {
        let (states, from_place) = crate::context::sentence_states(doc, si);
        from_place
            && states.len() == 1
            && !code.starts_with("01")
            && source
                .iter()
                .all(|m| match doc.actors[*m].sector.as_deref() {
                    Some("BUS" | "JRN" | "MED") | None => false,
                    Some("CVL") => code.starts_with("14"),
                    // Officials meet abroad as often as at home.
                    s if crate::context::state_agent(s) => !crate::context::diplomacy(&code),
                    Some(_) => true,
                })
    };
    if no_country(&source)
        && no_country(&target)
        && !(has_sector(&source) && has_sector(&target))
        && !named(&source)
        && !(specific(&source) && target.is_empty())
        && !(has_sector(&source) && placed())
    {
        return None;
    }
    let status = status_of(cx, trigger, kind, ci);
    Some(Candidate {
        code,
        trigger,
        kind,
        source,
        target,
        sentence: si,
        clause: ci,
        status,
        passive,
        line,
        frame_end: trigger.end,
    })
}

/// One event per trigger; a noun event governed by a verb event of the same root and dyad is
/// the same event ("launched an attack on"), so keep the verb's.
fn dedup(doc: &Document, v: Vec<Candidate>) -> Vec<Candidate> {
    // "a military aid package for Kyiv": the longer noun trigger holds the shorter one inside
    // it ("military aid"), which is no second event.
    let inside = |c: &Candidate, v: &[Candidate]| {
        c.kind == TriggerKind::Noun
            && v.iter().any(|o| {
                o.kind == TriggerKind::Noun
                    && o.sentence == c.sentence
                    && o.trigger.start <= c.trigger.start
                    && c.trigger.end <= o.trigger.end
                    && o.trigger.len() > c.trigger.len()
            })
    };
    let keep: Vec<bool> = v.iter().map(|c| !inside(c, &v)).collect();
    let v: Vec<Candidate> = v
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect();
    let mut v = merge_restatements(doc, v);
    protest_aims(doc, &mut v);
    dedup_same(doc, v)
}

/// "Students staged demonstrations to demand reforms by the government": a protest with no
/// target of its own is aimed at whom its purpose ("to demand", "to urge") addresses.
fn protest_aims(doc: &Document, v: &mut [Candidate]) {
    for a in 0..v.len() {
        if !v[a].code.starts_with("14") || !v[a].target.is_empty() {
            continue;
        }
        let aim = v.iter().find(|b| {
            b.sentence == v[a].sentence
                && b.code.starts_with("10")
                && !b.target.is_empty()
                && b.source == v[a].source
                && b.trigger.start > v[a].trigger.end
                && b.trigger.start <= v[a].trigger.end + 8
                && doc.low(b.trigger.start - 1) == "to"
        });
        if let Some(t) = aim.map(|b| b.target.clone()) {
            v[a].target = t;
        }
    }
    // "threatened to strike unless Israel rescinded it": a threat is aimed at whom its
    // condition binds.
    for a in 0..v.len() {
        if !v[a].code.starts_with("13") || !v[a].target.is_empty() {
            continue;
        }
        let bound = v.iter().find(|b| {
            b.sentence == v[a].sentence
                && b.trigger.start > v[a].trigger.end
                && !b.source.is_empty()
                && b.source != v[a].source
                && doc.clauses[b.clause]
                    .marker
                    .is_some_and(|m| m > v[a].trigger.end && matches!(doc.low(m), "unless" | "if"))
        });
        if let Some(t) = bound.map(|b| b.source.clone()) {
            v[a].target = t;
        }
    }
}

/// Two mentions of one event in a sentence:
/// * "expressed intentions to visit X" -- an intent (03x) whose complement is a planned event of
///   the same actor: keep the planned event;
/// * "the attack by X on Y, which killed 1,200" -- a violent verb in a `which` clause about a
///   violent noun event: keep the noun event (counts attach to it).
fn merge_restatements(doc: &Document, v: Vec<Candidate>) -> Vec<Candidate> {
    let violent = |c: &Candidate| violent_code(&c.code);
    let mut drop = vec![false; v.len()];
    for (a, ca) in v.iter().enumerate() {
        for (b, cb) in v.iter().enumerate() {
            if a == b || ca.sentence != cb.sentence {
                continue;
            }
            if ca.code.starts_with("03")
                && cb.trigger.start >= ca.trigger.end
                && cb.trigger.start <= ca.trigger.end + 6
                && cb.status == Status::Planned
                && cb.source == ca.source
            {
                drop[a] = true;
            }
            // "called on Washington to lift sanctions", "asked Qatar to mediate": the act asked
            // for is the appeal's content; its addressee has done or promised nothing.
            // The word right after the trigger: "demanded that ...", "called for ...".
            let after = doc.low(ca.trigger.end.min(doc.tokens.len() - 1));
            // "demanded that Iran release the tanker" (the verb may read as a noun there).
            let that = after == "that";
            if (ca.code.starts_with("02") || ca.code.starts_with("10") || ca.code.starts_with("13"))
                && (cb.kind == TriggerKind::Verb || that)
                && cb.trigger.start > ca.trigger.end
                && cb.trigger.start <= ca.trigger.end + 10
                && !cb.source.is_empty()
                && cb.source.iter().all(|s| ca.target.contains(s))
                && (that
                    || (cb.trigger.start.saturating_sub(3)..cb.trigger.start)
                        .any(|k| doc.low(k) == "to"))
            {
                drop[b] = true;
            }
            // "Biden called Netanyahu to discuss the hostages": the call is the talk; so is
            // the meeting of "met in Asmara to discuss the border".
            if matches!(ca.code.as_str(), "040" | "041")
                && ca.kind == TriggerKind::Verb
                && cb
                    .source
                    .iter()
                    .all(|s| ca.source.contains(s) || ca.target.contains(s))
                && cb.code.starts_with("04")
                && cb.kind == TriggerKind::Verb
                && cb.trigger.start > ca.trigger.end
                && cb.trigger.start <= ca.trigger.end + 8
                && cb.trigger.start > 0
                && doc.low(cb.trigger.start - 1) == "to"
            {
                drop[b] = true;
            }
            // "China called for talks between Russia and Ukraine": the talks called for are the
            // appeal's content, not talks held.
            if ca.code.starts_with("02")
                && cb.kind == TriggerKind::Noun
                && after == "for"
                && cb.trigger.start > ca.trigger.end
                && cb.trigger.start <= ca.trigger.end + 5
                && (ca.trigger.end + 1..cb.trigger.start).all(|k| {
                    matches!(
                        doc.tokens[k].pos,
                        Pos::Det | Pos::Adj | Pos::Noun | Pos::Num
                    )
                })
            {
                drop[b] = true;
            }
            // "Egypt rejected the Israeli proposal": the rejected noun is the rejection's object,
            // no event of its own.
            if ca.kind == TriggerKind::Verb
                && cb.kind == TriggerKind::Noun
                && ca.code.starts_with("12")
                && cb.status == Status::Negated
                && cb.trigger.start > ca.trigger.end
                && cb.trigger.start <= ca.trigger.end + 5
                && (ca.trigger.end..cb.trigger.start).all(|k| {
                    matches!(
                        doc.tokens[k].pos,
                        Pos::Det | Pos::Adj | Pos::Propn | Pos::Noun | Pos::Adv
                    ) || attache_text::is_possessive(doc.low(k))
                        || (k == ca.trigger.end && matches!(doc.low(k), "out" | "down"))
                })
            {
                // "ruled out talks", "turned down a meeting": the particle verb only negates
                // the act its noun names, which is the event.
                if matches!(doc.low(ca.trigger.end), "out" | "down") {
                    drop[a] = true;
                } else {
                    drop[b] = true;
                }
            }
            // "launched a massive missile and drone attack on X": the verb's frame reached a
            // weapon of the noun event it governs; that event, with its target, is the one.
            if ca.kind == TriggerKind::Verb
                && cb.kind == TriggerKind::Noun
                && violent(ca)
                && violent(cb)
                && ca.source == cb.source
                && cb.trigger.start > ca.trigger.end
                && cb.trigger.start <= ca.trigger.end + 7
                && (ca.trigger.end..cb.trigger.start).all(|k| doc.tokens[k].pos != Pos::Verb)
                && (!cb.target.is_empty() || ca.target.iter().all(|&t| doc.actors[t].modifier))
            {
                drop[a] = true;
            }
            let cl = &doc.clauses[cb.clause];
            if ca.kind == TriggerKind::Noun
                && cb.kind == TriggerKind::Verb
                && violent(ca)
                && violent(cb)
                && cl.kind == ClauseKind::Relative
                && cl.marker.is_some_and(|m| {
                    doc.low(m) == "which" && m > ca.trigger.start && m <= ca.trigger.end + 12
                })
            {
                drop[b] = true;
            }
        }
    }
    // "Macron called Putin to warn him": the purpose of a call is the caller's act toward the
    // one called, whom the infinitive's subject search took for its subject.
    let mut v = v;
    for b in 0..v.len() {
        let caller = v.iter().find(|ca| {
            let cb = &v[b];
            ca.code == "041"
                && ca.sentence == cb.sentence
                && !ca.source.is_empty()
                && cb.kind == TriggerKind::Verb
                && cb.trigger.start > ca.trigger.end
                && cb.trigger.start <= ca.trigger.end + 8
                && doc.low(cb.trigger.start - 1) == "to"
                && !cb.source.is_empty()
                && cb.source.iter().all(|s| ca.target.contains(s))
        });
        if let Some(ca) = caller {
            let (source, target) = (ca.source.clone(), ca.target.clone());
            let cb = &mut v[b];
            cb.source = source;
            if cb.target.is_empty() || cb.target.iter().all(|t| target.contains(t)) {
                cb.target = target;
            }
        }
    }
    let v: Vec<Candidate> = v
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(c, _)| c)
        .collect();
    // "An Israeli strike on a camp killed 45 people": a violent noun event as the subject of a
    // violent verb is one event, the noun's; it takes the verb's victims as its targets.
    let v = fold_into(v, |v, _, b| {
        if v[b].kind != TriggerKind::Verb || !violent(&v[b]) || v[b].passive {
            return None;
        }
        let a = (0..b).rev().find(|&a| {
            v[a].sentence == v[b].sentence
                && v[a].kind == TriggerKind::Noun
                && violent(&v[a])
                && v[a].trigger.end <= v[b].trigger.start
        })?;
        let gap = TokenRange::new(v[a].trigger.end, v[b].trigger.start);
        // Between them only the noun's modifiers, a "that"/"which" opening a relative clause,
        // and a parenthetical attribution (", according to X,").
        let mut skip_until = 0;
        let clean = gap.len() <= 16
            && gap.iter().all(|k| {
                if k < skip_until {
                    return true;
                }
                if doc.low(k) == "according" {
                    skip_until = (k..gap.end)
                        .find(|&t| doc.low(t) == ",")
                        .map_or(gap.end, |t| t + 1);
                    return true;
                }
                if matches!(doc.low(k), "that" | "which") {
                    return true;
                }
                // Reduced relatives and participial adjectives inside the noun phrase ("a school
                // sheltering displaced families", "the Liberian-flagged ship").
                let t = &doc.tokens[k];
                let next_nominal = doc
                    .tokens
                    .get(k + 1)
                    .is_some_and(|n| matches!(n.pos, Pos::Noun | Pos::Adj | Pos::Propn));
                let nonfinite = t.pos == Pos::Verb
                    && k > gap.start
                    && !matches!(doc.tokens[k - 1].pos, Pos::Aux | Pos::Modal | Pos::Punct)
                    && match t.verb_form {
                        Some(VerbForm::Gerund) => doc.tokens[k - 1].pos == Pos::Noun,
                        Some(VerbForm::PastParticiple | VerbForm::PastOrParticiple) => next_nominal,
                        _ => false,
                    };
                if nonfinite {
                    return true;
                }
                // The "and" of "fighting between X and Y" belongs to the noun phrase.
                let between_and = doc.low(k) == "and"
                    && (gap.start..k).any(|t| matches!(doc.low(t), "between" | "among"))
                    && !(gap.start..k).any(|t| doc.low(t) == "and");
                if between_and {
                    return true;
                }
                !matches!(doc.tokens[k].pos, Pos::Verb | Pos::Modal | Pos::Wh)
                    && !matches!(doc.low(k), ";" | ":" | "—" | "and" | "but")
                    && !(doc.low(k) == "," && !(k + 1 < gap.end && doc.low(k + 1) == "according"))
            });
        // The verb's subject is the noun's phrase: an actor before the noun or inside it.
        let subject_ok = v[b].source.is_empty()
            || v[b].source == v[a].source
            || v[b]
                .source
                .iter()
                .all(|m| doc.actors[*m].tokens.start < v[b].trigger.start);
        (clean && subject_ok).then_some(a)
    });
    // "imposed sanctions on China": the noun the verb's frame names is the verb's own act, not
    // a second, sourceless one; the verb takes the noun's target.
    let framed = |v: &[Candidate], dropped: &[bool], b: usize| {
        if v[b].kind != TriggerKind::Noun {
            return None;
        }
        (0..v.len()).find(|&a| {
            !dropped[a]
                && v[a].kind == TriggerKind::Verb
                && (v[b].source.is_empty() || v[b].source == v[a].source)
                && v[a].sentence == v[b].sentence
                && v[a].code.get(..2) == v[b].code.get(..2)
                && v[a].trigger.end <= v[b].trigger.start
                && v[b].trigger.end <= v[a].frame_end
        })
    };
    // "sent humanitarian aid to Gaza": the noun may say more precisely what the verb's generic
    // entry (070) did.
    let mut v = v;
    let none_dropped = vec![false; v.len()];
    for b in 0..v.len() {
        if let Some(a) = framed(&v, &none_dropped, b) {
            if v[a].code.len() == 3 && v[a].code.ends_with('0') && v[b].code != v[a].code {
                v[a].code = v[b].code.clone();
            }
        }
    }
    let v = fold_into(v, framed);
    // "150 Palestinians were injured when troops opened fire": an agentless passive of harm is
    // the outcome of the violent event of its "when" clause.
    let v = fold_into(v, |v, _, b| {
        let agentless = v[b].kind == TriggerKind::Verb && v[b].passive && v[b].source.is_empty();
        if !(agentless && violent(&v[b])) {
            return None;
        }
        (0..v.len()).find(|&a| {
            a != b && v[a].sentence == v[b].sentence && violent(&v[a]) && {
                let c = &doc.clauses[v[a].clause];
                c.kind == ClauseKind::Subordinate
                    && c.parent == Some(v[b].clause)
                    && c.marker
                        .is_some_and(|m| matches!(doc.low(m), "when" | "as"))
            }
        })
    });
    // "Russian drones attacked Odesa, killing two people": a participle restating a violent
    // event of its clause adds victims to it, not a second event.
    fold_into(v, |v, dropped, b| {
        let t = v[b].trigger.start;
        let gerund = |k: usize| doc.tokens[k].verb_form == Some(attache_doc::VerbForm::Gerund);
        // ", killing nine and wounding 35": the second participle continues the first.
        let continues = |k: usize| {
            matches!(doc.low(k), "and" | "or")
                && (k.saturating_sub(8)..k)
                    .rev()
                    .find(|&g| gerund(g) && doc.tokens[g].pos == Pos::Verb)
                    .is_some_and(|g| g > 0 && doc.low(g - 1) == ",")
        };
        let participle = v[b].kind == TriggerKind::Verb
            && gerund(t)
            && t > 0
            && (doc.low(t - 1) == "," || continues(t - 1));
        if !participle || !violent(&v[b]) {
            return None;
        }
        (0..b)
            .rev()
            .find(|&a| v[a].sentence == v[b].sentence && violent(&v[a]) && !dropped[a])
    })
}

/// Fold events into others: for each event `b` in order, `find` names the event `a` it restates
/// (given the events already folded); `a` takes `b`'s targets if it has none, and `b` goes.
fn fold_into(
    mut v: Vec<Candidate>,
    find: impl Fn(&[Candidate], &[bool], usize) -> Option<usize>,
) -> Vec<Candidate> {
    let mut dropped = vec![false; v.len()];
    for b in 0..v.len() {
        if let Some(a) = find(&v, &dropped, b) {
            if v[a].target.is_empty() {
                v[a].target = v[b].target.clone();
            }
            // An event whose perpetrator its own phrase does not name takes the restating
            // verb's subject.
            if v[a].source.is_empty() && v[a].target.iter().all(|t| !v[b].source.contains(t)) {
                v[a].source = v[b].source.clone();
            }
            dropped[b] = true;
        }
    }
    v.into_iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(c, _)| c)
        .collect()
}

fn dedup_same(doc: &Document, mut v: Vec<Candidate>) -> Vec<Candidate> {
    let key = |c: &Candidate| {
        let names = |xs: &Vec<usize>| {
            xs.iter()
                .map(|&m| doc.actors[m].name.as_str())
                .collect::<Vec<&str>>()
        };
        // A reported event and a planned or denied one of the same kind are two events.
        (
            c.sentence,
            c.code[..2].to_string(),
            c.status,
            names(&c.source),
            names(&c.target),
        )
    };
    // Fx: a set only asked whether it has a key (the order of its entries is never seen).
    let mut seen = rustc_hash::FxHashSet::default();
    v.retain(|c| seen.insert(key(c)));
    v
}
