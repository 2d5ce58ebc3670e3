//! From dictionary matches to actor noun phrases, then pronouns and short names.

use attache_doc::{ActorKind, ActorMention, Document, Pos, TokenRange};
use rustc_hash::FxHashMap as HashMap;

use crate::dict::{split_code, ActorDictionary, Atom, CaseRule};

/// Runs the actor stage over documents. Cheap to share between threads.
#[derive(Debug, Clone)]
pub struct ActorTagger {
    pub dict: ActorDictionary,
}

/// One dictionary match aligned to tokens.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    pattern: usize,
}

/// The dictionary match starting at each token, if any: indexed by token, so the per-token
/// probes of the phrase scan are array reads rather than hash lookups.
struct HitAt {
    at: Vec<Option<Hit>>,
    /// First token at or after each token where a match starts (`usize::MAX` when none).
    next: Vec<usize>,
}

impl HitAt {
    fn new(n: usize, hits: &[Hit]) -> Self {
        let mut at = vec![None; n];
        for h in hits {
            if let Some(x) = at.get_mut(h.start) {
                *x = Some(*h);
            }
        }
        let mut next = vec![usize::MAX; n];
        let mut k = usize::MAX;
        for t in (0..n).rev() {
            if at[t].is_some() {
                k = t;
            }
            next[t] = k;
        }
        HitAt { at, next }
    }

    /// Whether some match starts in `i..end`: a phrase without one is no actor.
    #[inline]
    fn any_in(&self, i: usize, end: usize) -> bool {
        self.next.get(i).is_some_and(|&k| k < end)
    }

    #[inline]
    fn get(&self, t: &usize) -> Option<&Hit> {
        self.at.get(*t).and_then(Option::as_ref)
    }

    #[inline]
    fn contains_key(&self, t: &usize) -> bool {
        self.get(t).is_some()
    }
}

/// Head nouns that keep the code of the names before them ("rebel group", "Hamas leaders").
const GENERIC_HEADS: &[&str] = &[
    "group",
    "groups",
    "members",
    "member",
    "leader",
    "leaders",
    "leadership",
    "faction",
    "factions",
    "movement",
    "coalition",
    "alliance",
    "organisation",
    "organization",
    "delegation",
    "delegations",
    "side",
    "team",
    "unit",
    "units",
    "representatives",
    "representative",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "supporters",
    "loyalists",
    "wing",
    "camp",
    "bloc",
    "elements",
    "contingent",
    "envoys",
    "envoy",
    "negotiators",
    "mediators",
    "chief",
    "head",
    "headquarters",
    "office",
    "authorities",
    "counterparts",
    "counterpart",
    "nationals",
];
/// Role nouns that say rank, not sector: the role noun before them decides.
const GENERIC_AGENTS: &[&str] = &[
    "leader",
    "leaders",
    "chief",
    "chiefs",
    "head",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "commanders",
    "official",
    "officials",
    "members",
    "member",
    "candidate",
    "candidates",
];

/// Roles sent to a country or body: "for"/"to" after them names the host, not the principal.
const ROLES_SENT_TO: &[&str] = &[
    "envoy",
    "envoys",
    "ambassador",
    "ambassadors",
    "emissary",
    "emissaries",
    "mediator",
    "mediators",
    "representative",
    "representatives",
    "delegation",
    "delegations",
    "delegate",
    "delegates",
    "observers",
    "monitors",
    "troops",
    "forces",
];
/// Roles that serve a principal: "to" after them names it ("an adviser to the president").
const ROLES_SERVING: &[&str] = &[
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "aide",
    "aides",
    "assistant",
    "assistants",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "counsel",
];

/// Agentive plural endings: "attackers", "activists", "gunmen", "militants".
const AGENTIVE: &[&str] = &["ers", "ists", "men", "ants", "ors", "ees"];

/// Proper nouns that never join an actor name (days, months, titles). A `match` rather than a
/// list scan: it runs for every proper noun.
fn is_not_name(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "i"
            | "mr"
            | "mr."
            | "mrs."
            | "ms."
            | "dr."
    )
}

/// Whether [`ActorTagger::reference`] can find anything at token `i`: a pronoun it resolves
/// or a proper noun (a short name). It returns `None` for every other token.
#[inline]
fn may_refer(doc: &Document, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| t.pos == Pos::Propn)
        || matches!(
            doc.low(i),
            "his" | "her" | "its" | "their" | "he" | "she" | "him" | "they" | "them" | "it"
        )
}

/// Nouns that never head an actor phrase (time words): "Denmark today accepted". A `match`
/// rather than a list scan: it runs for every common noun.
fn is_not_head(w: &str) -> bool {
    matches!(
        w,
        "today"
            | "yesterday"
            | "tomorrow"
            | "tonight"
            | "now"
            | "morning"
            | "evening"
            | "afternoon"
            | "night"
            | "week"
            | "weekend"
            | "month"
            | "year"
            | "day"
            | "earlier"
            | "later"
            | "recently"
            | "again"
            | "also"
    )
}

fn sector_str(s: &[u8; 3]) -> String {
    // The sector bytes come from ASCII codes (`sector3`); the lossy path stays for others.
    match std::str::from_utf8(s) {
        Ok(t) => t.trim().to_string(),
        Err(_) => String::from_utf8_lossy(s).trim().to_string(),
    }
}

impl ActorTagger {
    pub fn new(dict: ActorDictionary) -> Self {
        ActorTagger { dict }
    }

    pub fn builtin() -> Result<Self, crate::ActorError> {
        Ok(Self::new(ActorDictionary::builtin()?))
    }

    /// Dictionary matches aligned to token boundaries, with case guards applied.
    fn hits(&self, doc: &Document) -> Vec<Hit> {
        let mut out = Vec::new();
        for m in self.dict.automaton.find_iter(&doc.lower) {
            let ts = doc.tokens.partition_point(|t| t.span.start < m.start());
            if ts >= doc.tokens.len() || doc.tokens[ts].span.start != m.start() {
                continue;
            }
            let te = doc.tokens.partition_point(|t| t.span.end < m.end());
            if te >= doc.tokens.len() || doc.tokens[te].span.end != m.end() {
                continue;
            }
            let p = &self.dict.patterns[m.pattern().as_usize()];
            let text = &doc.text[m.start()..m.end()];
            let ok = match p.case {
                CaseRule::Any => true,
                // Every capitalised word of the name is capitalised in the text: "Russia Today"
                // the channel, not "Russia today".
                CaseRule::InitialCap => p
                    .written
                    .split([' ', '-'])
                    .zip(text.split([' ', '-']))
                    .all(|(w, t)| {
                        !w.chars().next().is_some_and(char::is_uppercase)
                            || t.chars().next().is_some_and(char::is_uppercase)
                    }),
                CaseRule::Exact => {
                    text == p.written
                        || text.replace('’', "'") == p.written
                        || title_case_acronym(&p.written, text, doc.tokens[ts].pos)
                }
            };
            // Names never cross a sentence boundary.
            let same_sentence = doc.sentence_of(ts) == doc.sentence_of(te);
            // "Latin American", "North American", "Central Asian": a nationality word after a
            // region's qualifier names the region's people, not the country.
            let regional = ts > 0
                && doc.tokens[ts - 1].cap
                && matches!(
                    doc.low(ts - 1),
                    "latin" | "north" | "south" | "central" | "pan" | "meso" | "native"
                )
                && p.atoms.iter().all(|a| matches!(a, Atom::Demonym { .. }));
            if ok && same_sentence && !regional {
                out.push(Hit {
                    start: ts,
                    end: te + 1,
                    pattern: m.pattern().as_usize(),
                });
            }
        }
        out
    }

    /// Fill `doc.actors`.
    pub fn annotate(&self, doc: &mut Document) {
        let hits = self.hits(doc);
        let hit_at = HitAt::new(doc.tokens.len(), &hits);
        let mut mentions: Vec<ActorMention> = Vec::new();
        let mut short_names: HashMap<String, usize> = HashMap::default();
        let date = doc.meta.date;
        for si in 0..doc.sentences.len() {
            let sent = doc.sentences[si].tokens;
            let mut i = sent.start;
            let mut pending_possessor: Option<usize> = None;
            while i < sent.end {
                let chunk = self.chunk(doc, &hit_at, i, sent.end);
                let coded = chunk.and_then(|c| self.code_chunk(doc, &hit_at, c, date));
                // A name the dictionaries do not know: where they find nothing to code, where
                // they see only a nationality ("the Kenyan Medical Association"), or where a role
                // noun's name goes on with "of" ("the Nigerian Union of Teachers").
                let try_org = match (&coded, chunk) {
                    (None, _) => true,
                    (Some(m), Some(c)) => {
                        matches!(m.kind, ActorKind::Agent | ActorKind::People)
                            && (m.sector.is_none()
                                || (c.end + 1 < sent.end && matches!(doc.low(c.end), "of" | "for")))
                    }
                    _ => false,
                };
                // A name starts capitalised, after "the" at most (`unknown_org` asks no other
                // token more): the cheap test first.
                let may_name = doc.tokens[i].cap || doc.low(i) == "the";
                if try_org && may_name {
                    if let Some((m, acronym)) = self.unknown_org(doc, &hit_at, i, sent.end) {
                        if chunk.is_none_or(|c| m.tokens.end >= c.end) {
                            i = m.tokens.end;
                            if let Some(a) = acronym {
                                // "the Civil Liberty Organization (CLO)": "CLO" names it later.
                                short_names.insert(doc.low(a).to_string(), mentions.len());
                                i = a + 2;
                            }
                            if m.possessive {
                                pending_possessor = Some(mentions.len());
                            }
                            mentions.push(m);
                            continue;
                        }
                    }
                }
                let Some(chunk) = chunk else {
                    // Pronouns and short names (the test first: most tokens are neither).
                    if may_refer(doc, i) {
                        if let Some(m) = self.reference(doc, i, &mentions, &short_names, si) {
                            mentions.push(m);
                        }
                    }
                    i += 1;
                    continue;
                };
                let next = chunk.end;
                // "agreements in force", "arrived in force": an idiom, not the armed forces.
                let idiom = chunk.len() == 1
                    && doc.low(chunk.start) == "force"
                    && chunk.start > sent.start
                    && doc.low(chunk.start - 1) == "in";
                if let Some(mut m) = coded.filter(|_| !idiom) {
                    // The article opens the noun phrase ("the Taliban", "a Turkish convoy"); a
                    // name modifying another noun ("the Ukrainian city") does not take it.
                    let s = m.tokens.start;
                    if !m.modifier
                        && s == chunk.start
                        && s > sent.start
                        && matches!(doc.low(s - 1), "the" | "a" | "an")
                    {
                        m.tokens.start = s - 1;
                        m.span.start = doc.tokens[s - 1].span.start;
                    }
                    // "Trump's national security adviser": a possessor gives its country to a
                    // following role noun that has none.
                    if let Some(p) = pending_possessor.take() {
                        let pm: &ActorMention = &mentions[p];
                        if m.country.is_none() && m.kind == ActorKind::Agent && pm.country.is_some()
                        {
                            m.country.clone_from(&pm.country);
                            m.code = [
                                pm.country.as_deref().unwrap_or(""),
                                m.sector.as_deref().unwrap_or(""),
                            ]
                            .concat();
                        }
                    }
                    // "his government", "their army": a role noun after a possessive pronoun
                    // belongs to the state of the pronoun's antecedent.
                    let s = m.tokens.start;
                    if m.kind == ActorKind::Agent
                        && m.country.is_none()
                        && s > sent.start
                        && matches!(doc.low(s - 1), "his" | "her" | "its" | "their")
                    {
                        if let Some(c) = self
                            .antecedent(doc, doc.low(s - 1), &mentions, si)
                            .and_then(|a| mentions[a].country.clone())
                            .filter(|c| !attache_doc::NON_STATE.contains(&c.as_str()))
                        {
                            m.code = [c.as_str(), m.sector.as_deref().unwrap_or("")].concat();
                            m.country = Some(c);
                        }
                    }
                    if m.kind == ActorKind::Agent
                        && m.name.chars().next().is_some_and(char::is_uppercase)
                    {
                        if let Some(last) = m.name.split_whitespace().last() {
                            if last.len() > 2 {
                                short_names.insert(last.to_ascii_lowercase(), mentions.len());
                            }
                        }
                    }
                    if m.possessive {
                        pending_possessor = Some(mentions.len());
                    }
                    mentions.push(m);
                }
                i = next.max(i + 1);
            }
        }
        merge_appositions(doc, &mut mentions);
        distribute_shared_heads(doc, &mut mentions);
        locate_countryless(doc, &mut mentions);
        doc.actors = mentions;
    }

    /// An organisation the dictionaries do not know, named by a run of capitalised words that
    /// ends in a head word of `actors/org_names.tsv` ("the Kenya Medical Association"), with
    /// the token of an acronym given in parentheses right after it.
    fn unknown_org(
        &self,
        doc: &Document,
        hit_at: &HitAt,
        i: usize,
        end: usize,
    ) -> Option<(ActorMention, Option<usize>)> {
        let names = &self.dict.org_names;
        // `Token::cap` is the text stage's "first character is upper case".
        let cap = |k: usize| doc.tokens[k].pos != Pos::Punct && doc.tokens[k].cap;
        // (The caller skips tokens that are neither capitalised nor "the": keep in step.)
        let det = doc.low(i) == "the";
        let s = if det { i + 1 } else { i };
        if s >= end || !cap(s) || names.heads.is_empty() {
            return None;
        }
        // Only where a name begins, not inside one begun earlier.
        let sent_start = doc
            .sentence_of(i)
            .map_or(0, |si| doc.sentences[si].tokens.start);
        if !det && i > sent_start && cap(i - 1) {
            return None;
        }
        let mut k = s;
        let mut head = None;
        let mut words = 0;
        while k < end {
            if cap(k) {
                words += 1;
                if names.heads.contains_key(doc.low(k)) && words >= 2 {
                    head = Some(k);
                }
                k += 1;
            } else if matches!(doc.low(k), "of" | "for" | "and" | "&") && k + 1 < end {
                // "Union of Teachers", "Organization for Security", "of the Islamic ..."
                let n = if doc.low(k + 1) == "the" {
                    k + 2
                } else {
                    k + 1
                };
                if n < end && cap(n) {
                    k = n;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        // "Association of African Jurists", "Movement for Democratic Change": the head first.
        let last = (s..k).rev().find(|&t| cap(t)).unwrap_or(s);
        let head_first = names.heads.contains_key(doc.low(s))
            && last > s + 1
            && matches!(doc.low(s + 1), "of" | "for");
        let head_word = if head_first { s } else { head? };
        // The name goes on past its head with "of"/"for": "the Nigerian Union of Teachers".
        let h = if head_word + 1 < k && matches!(doc.low(head_word + 1), "of" | "for") {
            last
        } else {
            head_word
        };
        let mut country = None;
        let mut q = s;
        while q <= h {
            if let Some(hit) = hit_at.get(&q) {
                for a in &self.dict.patterns[hit.pattern].atoms {
                    match *a {
                        // A known person or organisation inside: not an unknown name.
                        Atom::Person(_) | Atom::Org(_) => return None,
                        Atom::Country(c) | Atom::Demonym { country: c, .. } => {
                            country.get_or_insert(c);
                        }
                        _ => {}
                    }
                }
                q = hit.end.max(q + 1);
            } else {
                q += 1;
            }
        }
        let head_sector = &names.heads[doc.low(head_word)];
        let sector = if matches!(head_sector.as_str(), "NGO" | "LAB") {
            (s..=h)
                .filter(|&t| t != head_word)
                .find_map(|t| names.words.get(doc.low(t).trim_end_matches('\'')))
                .unwrap_or(head_sector)
        } else {
            head_sector
        };
        let country = country.map(|c| self.dict.countries[c as usize].iso3.clone());
        let possessive = h + 1 < end && crate_is_possessive(doc.low(h + 1));
        let tokens = TokenRange::new(i, if possessive { h + 2 } else { h + 1 });
        let span = doc.token_span(TokenRange::new(i, h + 1));
        let (code, country, sector) = match country {
            Some(c) => (
                [c.as_str(), sector.as_str()].concat(),
                Some(c),
                Some(sector.clone()),
            ),
            // A non-governmental body of no named country is coded as such, like an IGO.
            None if sector == "NGO" => (sector.clone(), Some(sector.clone()), None),
            None => (sector.clone(), None, Some(sector.clone())),
        };
        let acronym = (h + 3 < end && doc.low(h + 1) == "(" && doc.low(h + 3) == ")" && {
            let a = doc.slice(doc.tokens[h + 2].span);
            (2..=8).contains(&a.len()) && a.chars().all(|c| c.is_ascii_uppercase() || c == '-')
        })
        .then_some(h + 2);
        let mention = ActorMention {
            span,
            tokens,
            kind: ActorKind::Organization,
            name: doc
                .slice(doc.token_span(TokenRange::new(s, h + 1)))
                .to_string(),
            code,
            country,
            sector,
            head: h,
            plural: false,
            possessive,
            antecedent: None,
            modifier: false,
        };
        Some((mention, acronym))
    }

    /// The maximal noun-phrase-like token run starting at `i` that contains a dictionary match.
    fn chunk(&self, doc: &Document, hit_at: &HitAt, i: usize, end: usize) -> Option<TokenRange> {
        // The scan below only yields a phrase once it reaches a match.
        if !hit_at.any_in(i, end) {
            return None;
        }
        let mut j = i;
        let mut has_hit = false;
        // Leading determiners and adjectives.
        while j < end && matches!(doc.tokens[j].pos, Pos::Det) && !hit_at.contains_key(&j) {
            j += 1;
        }
        let first_content = j;
        loop {
            if j >= end {
                break;
            }
            if let Some(h) = hit_at.get(&j) {
                has_hit = true;
                j = h.end;
                continue;
            }
            let t = &doc.tokens[j];
            let low = doc.low(j);
            let allowed = match t.pos {
                Pos::Propn => !is_not_name(low),
                // A postnominal adjective ("militants loyal to ...") ends the phrase.
                Pos::Adj => {
                    !(j > first_content && j + 1 < end && matches!(doc.low(j + 1), "to" | "with"))
                }
                Pos::Noun => !is_not_head(low),
                _ => matches!(
                    low,
                    "former"
                        | "acting"
                        | "deputy"
                        | "senior"
                        | "top"
                        | "then"
                        | "interim"
                        | "new"
                        | "chief"
                        | "foreign"
                        | "defence"
                        | "defense"
                ),
            };
            // "of" joins "President of France" when a dictionary name follows, and a role
            // noun takes the body it speaks for: "a spokesman for the Iranian foreign
            // ministry", "an official of the Turkish army", "the head of the Russian
            // delegation", "an adviser to the Egyptian president".
            if let Some(t) = (j > first_content)
                .then(|| self.joins_role(doc, hit_at, first_content, j, end))
                .flatten()
            {
                j = t;
                continue;
            }
            if !allowed {
                break;
            }
            j += 1;
        }
        // The possessive clitic closes the phrase and is kept with it.
        if j > first_content && j < end && crate_is_possessive(doc.low(j)) {
            j += 1;
        }
        (has_hit && j > first_content).then_some(TokenRange::new(first_content, j))
    }

    /// Whether a dictionary hit names a role noun ("official", "army").
    fn is_agent(&self, h: &Hit) -> bool {
        self.dict.patterns[h.pattern]
            .atoms
            .iter()
            .any(|a| matches!(a, Atom::Agent { .. }))
    }

    /// Where the dictionary name starts (past a "the") if the preposition at `j` joins the role
    /// noun phrase `first..j` to it (see `chunk`).
    fn joins_role(
        &self,
        doc: &Document,
        hit_at: &HitAt,
        first: usize,
        j: usize,
        end: usize,
    ) -> Option<usize> {
        let prep = doc.low(j);
        let before = doc.low(j - 1);
        // A directed role ("envoy for Syria", "ambassador to Iraq") names whom it is sent to,
        // not whom it speaks for; "to" only joins the roles that serve someone.
        let directed = ROLES_SENT_TO.contains(&before);
        let ok = match prep {
            "of" => true,
            "for" => !directed,
            "to" => ROLES_SERVING.contains(&before),
            _ => false,
        };
        if !ok {
            return None;
        }
        let t = if j + 1 < end && doc.low(j + 1) == "the" {
            j + 2
        } else {
            j + 1
        };
        let h = hit_at.get(&t)?;
        let atoms = &self.dict.patterns[h.pattern].atoms;
        let named = atoms
            .iter()
            .any(|a| matches!(a, Atom::Country(_) | Atom::Org(_) | Atom::Capital(_)));
        // A nationality joins with the body it qualifies ("the Turkish army"), or as a people
        // ("the leader of the Palestinians").
        let body = atoms.iter().any(|a| match a {
            Atom::Demonym { people, .. } => {
                *people || hit_at.get(&h.end).is_some_and(|n| self.is_agent(n))
            }
            _ => false,
        });
        if !(named || body) {
            return None;
        }
        let role = (first..j).any(|k| hit_at.get(&k).is_some_and(|h| self.is_agent(h)));
        // "President of France", "Bank of Japan governor": a role of a named country or body.
        if prep == "of" && named && role {
            return Some(t);
        }
        // A bare country after "for" is a remit more often than a principal ("general manager
        // for Canada", "the minister for Europe"); only a spokesman speaks for one.
        let bare_country = !atoms.iter().any(|a| matches!(a, Atom::Org(_)));
        if prep == "for" && bare_country && !before.starts_with("spokes") {
            return None;
        }
        // The name must end the phrase, or go on with the body it names: "the head of the U.S.
        // card group" heads a group, not the country; "the head of Iran's ..." something of it.
        let mut e = h.end;
        if let Some(n) = hit_at.get(&e) {
            e = n.end;
        }
        if e < end
            && (crate_is_possessive(doc.low(e))
                || matches!(doc.tokens[e].pos, Pos::Noun | Pos::Propn)
                    && !GENERIC_HEADS.contains(&doc.low(e)))
        {
            return None;
        }
        // "the head of", "members of", "an adviser to": words that are no role on their own.
        (role
            || prep == "to"
            || (prep == "of" && matches!(before, "head" | "heads" | "member" | "members")))
        .then_some(t)
    }

    fn code_chunk(
        &self,
        doc: &Document,
        hit_at: &HitAt,
        r: TokenRange,
        date: Option<chrono::NaiveDate>,
    ) -> Option<ActorMention> {
        let possessive = crate_is_possessive(doc.low(r.end - 1));
        let body_end = if possessive { r.end - 1 } else { r.end };
        // Collect atoms in order.
        let mut atoms: Vec<(usize, usize, Atom)> = Vec::new();
        let mut k = r.start;
        while k < body_end {
            if let Some(h) = hit_at.get(&k) {
                let p = &self.dict.patterns[h.pattern];
                atoms.push((h.start, h.end, pick_atom(&p.atoms, doc, h.start)));
                k = h.end;
            } else {
                k += 1;
            }
        }
        let (_, last_e, _) = *atoms.last()?;
        // Trailing tokens after the last dictionary name: an unknown proper name after a role
        // noun ("Prime Minister Jane Doe") belongs to the actor; a common noun head ("Russian
        // oil", "Ukraine war") means the phrase is not an actor at all.
        let tail = TokenRange::new(last_e, body_end);
        let tail_all_propn =
            !tail.is_empty() && tail.iter().all(|t| doc.tokens[t].pos == Pos::Propn);
        // "opposition group", "Taliban attackers": a generic or agentive head noun keeps the
        // phrase an actor with the names' code.
        let generic_tail = !tail.is_empty() && !tail_all_propn && tail.len() <= 2 && {
            let h = doc.low(body_end - 1);
            GENERIC_HEADS.contains(&h)
                || (doc.tokens[body_end - 1].pos == Pos::Noun
                    && AGENTIVE
                        .iter()
                        .any(|s| h.len() > s.len() + 2 && h.ends_with(s)))
        };
        if generic_tail {
            let inner = TokenRange::new(r.start, last_e);
            let mut m = self.code_chunk(doc, hit_at, inner, date)?;
            m.span = doc.token_span(TokenRange::new(m.tokens.start, body_end));
            m.tokens = TokenRange::new(m.tokens.start, r.end);
            m.head = body_end - 1;
            m.possessive = possessive;
            if m.kind == ActorKind::People {
                m.kind = ActorKind::Agent;
            }
            m.plural = doc.low(body_end - 1).ends_with('s');
            return Some(m);
        }
        if !tail.is_empty() && !tail_all_propn {
            // The names modify a common noun: keep them as a modifier of that noun (the source
            // of "Israeli air strikes"), coded from the names alone.
            let inner = TokenRange::new(r.start, last_e);
            let mut m = self.code_chunk(doc, hit_at, inner, date)?;
            m.modifier = true;
            m.head = body_end - 1;
            return Some(m);
        }
        let former = (r.start..body_end).any(|t| {
            matches!(doc.low(t), "former" | "ex" | "then") || doc.low(t).starts_with("ex-")
        });
        // "Arab League Secretary General Chadli Klibi": a one-word name followed by a surname
        // the dictionaries do not know is someone else with that name.
        // So is one after a first name they do not know ("Michael Shanahan").
        let covered = |t: usize| atoms.iter().any(|a| a.0 <= t && t < a.1);
        let someone_else = |a: &(usize, usize, Atom), p: u32| {
            a.1 - a.0 == 1
                && ((a.1 == last_e && tail_all_propn)
                    || (a.0 > r.start
                        && doc.tokens[a.0 - 1].pos == Pos::Propn
                        && doc.tokens[a.0 - 1].cap
                        && !covered(a.0 - 1)
                        && !self.dict.people[p as usize]
                            .name
                            .split(' ')
                            .any(|w| w.eq_ignore_ascii_case(doc.low(a.0 - 1)))))
        };
        // The person and the index of their atom.
        let person = atoms.iter().enumerate().rev().find_map(|(k, a)| match a.2 {
            Atom::Person(p) if !someone_else(a, p) => Some((k, p)),
            _ => None,
        });
        let org = atoms.iter().rev().find_map(|a| {
            if let Atom::Org(o) = a.2 {
                Some(o)
            } else {
                None
            }
        });
        let agents: Vec<([u8; 3], bool, usize, usize)> = atoms
            .iter()
            .filter_map(|a| {
                if let Atom::Agent { sector, plural } = a.2 {
                    Some((sector, plural, a.0, a.1))
                } else {
                    None
                }
            })
            .collect();
        // The head role noun decides, unless it is a generic one after a specific one:
        // "opposition leader" is OPP, "rebel commander" REB.
        let agent = match agents.as_slice() {
            [] => None,
            [.., prev, last] if GENERIC_AGENTS.contains(&doc.low(last.3 - 1)) => {
                Some((prev.0, last.1, prev.2))
            }
            [.., last] => Some((last.0, last.1, last.2)),
        };
        let place_country = |a: &Atom| match *a {
            Atom::Country(c)
            | Atom::Capital(c)
            | Atom::Demonym { country: c, .. }
            | Atom::Seat { country: c, .. } => Some(c),
            _ => None,
        };
        let countryish = atoms.iter().rev().find_map(|a| place_country(&a.2));
        let span_start = atoms.first().map_or(r.start, |a| a.0).min(
            (r.start..body_end)
                .find(|&t| doc.tokens[t].pos != Pos::Det)
                .unwrap_or(r.start),
        );
        let tokens = TokenRange::new(span_start, r.end);
        let span = doc.token_span(TokenRange::new(span_start, body_end));
        let head = body_end - 1;
        let mk = |kind,
                  name: String,
                  code: String,
                  country: Option<String>,
                  sector: Option<String>,
                  plural| ActorMention {
            span,
            tokens,
            kind,
            name,
            code,
            country,
            sector,
            head,
            plural,
            possessive,
            antecedent: None,
            modifier: false,
        };
        if let Some((person_at, p)) = person {
            let person = &self.dict.people[p as usize];
            let mut code = person.code_at(date)?;
            // "NATO chief Jens Stoltenberg": a title naming the body or state the person served
            // outranks the role the dictionary dates to this day (dictionaries go stale, and
            // dateless text takes the latest role).
            let titled = atoms[..person_at].iter().rev().find_map(|a| match a.2 {
                Atom::Org(o) => Some(self.dict.orgs[o as usize].code_at(date)),
                ref x => place_country(x).map(|c| self.dict.countries[c as usize].iso3.clone()),
            });
            if let Some(t) = titled.filter(|t| !former && !code.starts_with(t.as_str())) {
                if let Some(r) = person
                    .roles
                    .iter()
                    .filter(|r| r.code.starts_with(t.as_str()))
                    .max_by_key(|r| r.from)
                {
                    code = r.code.clone();
                }
            }
            if former && code.len() >= 6 && &code[3..6] == "GOV" {
                code = [&code[..3], "ELI"].concat();
            }
            // "the Biden administration", "the Assad regime": the government the person led,
            // whatever the person's role on this date.
            let governs = atoms.last().is_some_and(|a| {
                a.0 > atoms[person_at].0
                    && matches!(a.2, Atom::Agent { .. })
                    && matches!(
                        doc.low(a.1 - 1),
                        "administration" | "administrations" | "government" | "regime" | "cabinet"
                    )
            });
            if governs && code.len() >= 3 && !attache_doc::NON_STATE.contains(&&code[..3]) {
                code = [&code[..3], "GOV"].concat();
            }
            // "National Assembly president Laurent Fabius" in a year the dictionary has him out
            // of office: the role the text gives is in force.
            let office = agents
                .last()
                .is_some_and(|a| !GENERIC_AGENTS.contains(&doc.low(a.3 - 1)));
            if !former && !governs && office && code.len() == 6 && code.ends_with("ELI") {
                if let Some((sec, _, _)) = agent {
                    if let Ok(sec) = std::str::from_utf8(&sec) {
                        code = [&code[..3], sec].concat();
                    }
                }
            }
            let (country, sector) = split_code(&code);
            return Some(mk(
                ActorKind::Person,
                person.name.clone(),
                code,
                country,
                sector,
                false,
            ));
        }
        if let Some(o) = org {
            let org = &self.dict.orgs[o as usize];
            let code = org.code_at(date);
            let (c2, s2) = split_code(&code);
            let country = if org.country.is_empty() {
                c2
            } else if code == org.code {
                Some(org.country.clone())
            } else {
                c2
            };
            // An IGO's or NGO's "country" already says what it is: no sector of the same name;
            // its officials are GOV ("Arab League Secretary-General ...": IGO, GOV).
            let sector = if code == org.code && !org.sector.is_empty() && org.sector != org.country
            {
                Some(org.sector.clone())
            } else {
                s2
            };
            let sector = match agent {
                Some((sec, _, at))
                    if sector.is_none()
                        && at
                            > atoms
                                .iter()
                                .position(|a| matches!(a.2, Atom::Org(x) if x == o))
                                .map_or(usize::MAX, |i| atoms[i].0) =>
                {
                    Some(sector_str(&sec))
                }
                _ => sector,
            };
            return Some(mk(
                ActorKind::Organization,
                org.name.clone(),
                code,
                country,
                sector,
                false,
            ));
        }
        if let Some((sector, plural, at)) = agent {
            // Country: a country word before the role noun, else "of <country>" after it.
            let c = atoms
                .iter()
                .filter(|a| a.0 < at)
                .rev()
                .find_map(|a| place_country(&a.2))
                .or_else(|| {
                    atoms
                        .iter()
                        .filter(|a| a.0 > at)
                        .find_map(|a| place_country(&a.2))
                });
            let mut sec = sector_str(&sector);
            if former && sec == "GOV" {
                sec = "ELI".into();
            }
            let country = c.map(|c| self.dict.countries[c as usize].iso3.clone());
            let name = if tail_all_propn {
                doc.slice(doc.token_span(tail)).to_string()
            } else {
                doc.slice(span).to_string()
            };
            let code = [country.as_deref().unwrap_or(""), sec.as_str()].concat();
            return Some(mk(
                ActorKind::Agent,
                name,
                code,
                country,
                Some(sec),
                plural && !tail_all_propn,
            ));
        }
        let c = countryish?;
        let country = &self.dict.countries[c as usize];
        let (kind, sector, plural) = match atoms
            .iter()
            .rev()
            .find(|a| place_country(&a.2).is_some())?
            .2
        {
            Atom::Seat { sector, .. } => (ActorKind::Metonym, Some(sector_str(&sector)), false),
            Atom::Capital(_) => (ActorKind::Metonym, Some("GOV".to_string()), false),
            // A people noun ("Palestinians") is the population: civilians.
            Atom::Demonym { people, .. } => {
                (ActorKind::People, people.then(|| "CVL".to_string()), people)
            }
            _ => (ActorKind::Country, None, false),
        };
        if tail_all_propn && kind != ActorKind::Country {
            // "Russian Sergei Ivanov": an unknown person of that country.
            return Some(mk(
                ActorKind::Agent,
                doc.slice(doc.token_span(tail)).to_string(),
                country.iso3.clone(),
                Some(country.iso3.clone()),
                None,
                false,
            ));
        }
        if tail_all_propn {
            return None;
        }
        let code = [country.iso3.as_str(), sector.as_deref().unwrap_or("")].concat();
        Some(mk(
            kind,
            country.name.clone(),
            code,
            Some(country.iso3.clone()),
            sector,
            plural,
        ))
    }

    /// A pronoun or a short name referring back to an earlier actor.
    fn reference(
        &self,
        doc: &Document,
        i: usize,
        mentions: &[ActorMention],
        short: &HashMap<String, usize>,
        si: usize,
    ) -> Option<ActorMention> {
        let low = doc.low(i);
        let t = &doc.tokens[i];
        // "his country", "their nation": the antecedent's state.
        if matches!(low, "his" | "her" | "its" | "their")
            && i + 1 < doc.tokens.len()
            && matches!(doc.low(i + 1), "country" | "nation" | "homeland")
        {
            let ante = self.antecedent(doc, low, mentions, si)?;
            let a = &mentions[ante];
            let iso = a
                .country
                .as_deref()
                .filter(|c| !attache_doc::NON_STATE.contains(c))?;
            let name = self.dict.country_by_iso(iso)?.name.clone();
            let tokens = TokenRange::new(i, i + 2);
            return Some(ActorMention {
                span: doc.token_span(tokens),
                tokens,
                kind: ActorKind::Reference,
                name,
                code: iso.to_string(),
                country: Some(iso.to_string()),
                sector: None,
                head: i + 1,
                plural: false,
                possessive: i + 2 < doc.tokens.len() && crate_is_possessive(doc.low(i + 2)),
                antecedent: Some(a.antecedent.unwrap_or(ante)),
                modifier: false,
            });
        }
        // (Keep `may_refer` in step with the words and classes matched here.)
        let ante = match low {
            "he" | "she" | "him" | "they" | "them" | "it" => {
                self.antecedent(doc, low, mentions, si)
            }
            _ if t.pos == Pos::Propn => short.get(low).copied(),
            _ => None,
        }?;
        let a = &mentions[ante];
        let root = a.antecedent.unwrap_or(ante);
        let possessive = i + 1 < doc.tokens.len() && crate_is_possessive(doc.low(i + 1));
        Some(ActorMention {
            span: t.span,
            tokens: TokenRange::new(i, i + 1),
            kind: attache_doc::ActorKind::Reference,
            name: a.name.clone(),
            code: a.code.clone(),
            country: a.country.clone(),
            sector: a.sector.clone(),
            head: i,
            plural: a.plural,
            possessive,
            antecedent: Some(root),
            modifier: false,
        })
    }

    /// The mention a pronoun (or possessive pronoun: "his", "its", "their") refers back to,
    /// within the sentence and the two before it.
    fn antecedent(
        &self,
        doc: &Document,
        pronoun: &str,
        mentions: &[ActorMention],
        si: usize,
    ) -> Option<usize> {
        let window_start = doc.sentences[si.saturating_sub(2)].tokens.start;
        let recent = || {
            mentions
                .iter()
                .enumerate()
                .rev()
                .take_while(|(_, m)| m.tokens.start >= window_start)
        };
        match pronoun {
            "he" | "she" | "him" | "his" | "her" => recent()
                .find(|(_, m)| {
                    m.kind == ActorKind::Person
                        || (m.kind == ActorKind::Agent
                            && !m.plural
                            && m.name.chars().next().is_some_and(char::is_uppercase))
                })
                .map(|(k, _)| k),
            "they" | "them" | "their" => recent()
                .find(|(_, m)| {
                    !m.modifier && !m.possessive && (m.plural || m.kind == ActorKind::Organization)
                })
                .map(|(k, _)| k),
            // "Syria says it is willing to ...": the nearest state or organisation named before.
            // So is an institution named by its role: "the Pakistani government said it will".
            "it" | "its" => recent()
                .find(|(_, m)| {
                    !m.modifier
                        && !m.possessive
                        && (matches!(
                            m.kind,
                            ActorKind::Country | ActorKind::Organization | ActorKind::Metonym
                        ) || (m.kind == ActorKind::Agent
                            && !m.plural
                            && (self.dict.it_heads.contains(doc.low(m.head))
                                // "the Government of Austria": the head goes before "of".
                                || m.tokens.iter().any(|t| {
                                    t + 1 < m.tokens.end
                                        && matches!(doc.low(t + 1), "of" | "for")
                                        && self.dict.it_heads.contains(doc.low(t))
                                }))))
                })
                .map(|(k, _)| k)
                .or_else(|| {
                    // "Britain's Royal Marines said it will ...": failing any other, a body named
                    // by a capitalised plural ("the Royal Marines", "the Revolutionary Guards").
                    recent()
                        .find(|(_, m)| {
                            !m.modifier
                                && m.kind == ActorKind::Agent
                                && m.plural
                                && doc
                                    .tok(m.head)
                                    .chars()
                                    .next()
                                    .is_some_and(char::is_uppercase)
                                && m.country.is_some()
                        })
                        .map(|(k, _)| k)
                }),
            _ => None,
        }
    }
}

/// "Nato", "Farc", "Opec": house styles write acronyms of four letters or more in title case.
/// Only a name-tagged token counts, so that an acronym spelling an English word does not.
fn title_case_acronym(written: &str, text: &str, pos: Pos) -> bool {
    pos == Pos::Propn
        && written.len() >= 4
        && written.len() == text.len()
        && written.bytes().all(|b| b.is_ascii_uppercase())
        && text.as_bytes()[0] == written.as_bytes()[0]
        && text[1..]
            .bytes()
            .zip(written[1..].bytes())
            .all(|(t, w)| t == w.to_ascii_lowercase())
}

/// "Protesters in the Kosovan town of ...", "workers at a mine in Peru": a role noun without a
/// country takes the country of a place phrase right after it.
fn locate_countryless(doc: &Document, mentions: &mut [ActorMention]) {
    for k in 0..mentions.len() {
        if mentions[k].kind != ActorKind::Agent || mentions[k].country.is_some() {
            continue;
        }
        let end = mentions[k].tokens.end;
        let Some(si) = doc.sentence_of(mentions[k].head) else {
            continue;
        };
        let sent_end = doc.sentences[si].tokens.end;
        if end >= sent_end || !matches!(doc.low(end), "in" | "from" | "of") {
            continue;
        }
        let limit = (end + 8).min(sent_end);
        let mut found = None;
        for p in end + 1..limit {
            if matches!(
                doc.tokens[p].pos,
                Pos::Verb | Pos::Aux | Pos::Modal | Pos::Punct | Pos::Wh
            ) {
                break;
            }
            if let Some(m) = mentions.iter().position(|m| m.tokens.start == p) {
                let c = &mentions[m];
                if matches!(
                    c.kind,
                    ActorKind::Country | ActorKind::Metonym | ActorKind::People
                ) || (c.modifier && c.sector.is_none())
                {
                    found = c.country.clone();
                }
                break;
            }
        }
        if let Some(c) = found {
            let m = &mut mentions[k];
            m.code = [c.as_str(), m.sector.as_deref().unwrap_or("")].concat();
            m.country = Some(c);
        }
    }
}

/// "Russian President, Vladimir Putin": a role noun phrase and the named person after a comma
/// are one actor.
fn merge_appositions(doc: &Document, mentions: &mut Vec<ActorMention>) {
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        let comma = b.tokens.start == a.tokens.end + 1 && doc.low(a.tokens.end) == ",";
        let compatible = a.kind == ActorKind::Agent
            && !a.possessive
            && !a.modifier
            && b.kind == ActorKind::Person
            && (a.country.is_none() || a.country == b.country)
            && a.name == doc.slice(a.span);
        if comma && compatible {
            let start = a.span.start;
            let tstart = a.tokens.start;
            let m = &mut mentions[k + 1];
            m.span = attache_doc::Span::new(start, m.span.end);
            m.tokens = TokenRange::new(tstart, m.tokens.end);
            mentions.remove(k);
            // References to later mentions shift by one.
            for r in mentions.iter_mut() {
                if let Some(x) = r.antecedent.as_mut() {
                    if *x > k {
                        *x -= 1;
                    }
                }
            }
            continue;
        }
        k += 1;
    }
}

/// "Egyptian and Qatari mediators": a country adjective coordinated with a role-noun phrase
/// shares its head noun, so it is a role-noun actor too.
fn distribute_shared_heads(doc: &Document, mentions: &mut [ActorMention]) {
    for k in 0..mentions.len().saturating_sub(1) {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        let abbrev = a.kind == ActorKind::Country && {
            let t = doc.slice(a.span);
            t.len() <= 4 && t.chars().all(|c| c.is_ascii_uppercase() || c == '.')
        };
        if !(a.kind == ActorKind::People || abbrev)
            || a.plural
            || a.possessive
            || b.kind != ActorKind::Agent
            || b.country.is_none()
        {
            continue;
        }
        let gap = TokenRange::new(a.tokens.end, b.tokens.start);
        if gap.is_empty()
            || gap.len() > 2
            || !gap
                .iter()
                .all(|t| matches!(doc.low(t), "and" | "or" | "," | "&"))
        {
            continue;
        }
        let sector = b.sector.clone();
        let plural = b.plural;
        let m = &mut mentions[k];
        m.code = [
            m.country.as_deref().unwrap_or(""),
            sector.as_deref().unwrap_or(""),
        ]
        .concat();
        m.sector = sector;
        m.kind = ActorKind::Agent;
        m.plural = plural;
    }
}

fn crate_is_possessive(low: &str) -> bool {
    attache_text::is_possessive(low)
}

/// Several entries can share a name ("Georgia"); prefer the reading that fits the context.
fn pick_atom(atoms: &[Atom], _doc: &Document, _at: usize) -> Atom {
    // People and organisations before places: a named person is the more specific reading.
    let rank = |a: &Atom| match a {
        Atom::Person(_) => 0,
        Atom::Org(_) => 1,
        Atom::Agent { .. } => 2,
        Atom::Country(_) => 3,
        Atom::Seat { .. } => 4,
        Atom::Capital(_) => 5,
        Atom::Demonym { .. } => 6,
    };
    *atoms.iter().min_by_key(|a| rank(a)).unwrap_or(&atoms[0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ActorSources;
    use attache_doc::DocMeta;

    fn tagger() -> ActorTagger {
        let src = ActorSources {
            countries: "# iso3\tname\taliases\tdemonyms\tcapitals\tseats\nUSA\tUnited States\tUS; U.S.; America\tAmerican; Americans\tWashington\tWhite House=GOV; Pentagon=MIL\nRUS\tRussia\tRussian Federation\tRussian; Russians\tMoscow\tKremlin=GOV\nPSE\tPalestine\tGaza\tPalestinian; Palestinians\tRamallah\t\n",
            organizations: "IGOUNO\tIGO\t\tUnited Nations; UN; U.N.\t\nPSEREB\tPSE\tREB\tHamas\t\n",
            people: "Sergei Lavrov\tLavrov\tRUSGOV 2004-03-09..\tForeign Minister\nJoe Biden\tBiden\tUSAGOV 2021-01-20..2025-01-20\tPresident\n",
            agents: "official; officials\tGOV\nforeign minister; foreign ministers\tGOV\ntroops\tMIL\nmilitants\tREB\nprime minister\tGOV\nspokeswoman\tGOV\ndelegation\tGOV\narmy\tMIL\npresident\tGOV\nforce; forces\tMIL\ngovernment; governments\tGOV\n",
            it_heads: "government\n",
            org_names: "head\tAssociation\tNGO\nhead\tUnion\tLAB\nword\tMedical\tMED\nword\tTeachers\tEDU\n",
        };
        ActorTagger::new(ActorDictionary::from_sources(&src).unwrap())
    }

    fn codes(text: &str, date: Option<&str>) -> Vec<(String, String)> {
        let mut lex = attache_text::Lexicon::new();
        lex.load_irregular("meet\tmet\tmet\nsay\tsaid\tsaid\nspeak\tspoke\tspoken\ngo\twent\tgone\nflow\tflowed\tflowed\n").unwrap();
        lex.add_verb("arrive");
        lex.add_verb("leave");
        let mut d = Document::new(
            DocMeta {
                date: date.map(|d| d.parse().unwrap()),
                ..Default::default()
            },
            text,
        );
        attache_text::analyze(&mut d, &lex);
        tagger().annotate(&mut d);
        d.actors
            .iter()
            .filter(|m| !m.modifier)
            .map(|m| (d.slice(m.span).to_string(), m.code.clone()))
            .collect()
    }

    #[test]
    fn titles_and_appositives() {
        let c = codes(
            "Russian Foreign Minister Sergei Lavrov met U.S. officials.",
            Some("2025-02-17"),
        );
        assert_eq!(
            c,
            [
                (
                    "Russian Foreign Minister Sergei Lavrov".into(),
                    "RUSGOV".into()
                ),
                ("U.S. officials".into(), "USAGOV".into())
            ]
        );
    }

    #[test]
    fn roles_take_the_body_they_serve() {
        let c = codes(
            "A spokeswoman for the Russian foreign minister and the head of the Palestinian \
             delegation met an adviser to the American president.",
            None,
        );
        assert_eq!(
            c,
            [
                (
                    "A spokeswoman for the Russian foreign minister".into(),
                    "RUSGOV".into()
                ),
                (
                    "the head of the Palestinian delegation".into(),
                    "PSEGOV".into()
                ),
                (
                    "an adviser to the American president".into(),
                    "USAGOV".into()
                )
            ]
        );
        // The body's own sector: an officer of an army is military.
        let c = codes("An official of the Russian army spoke.", None);
        assert_eq!(c[0].1, "RUSMIL");
        // A remit or a host is no principal; a name that modifies a noun is no body.
        let c = codes(
            "The envoy for Russia and the official for Gaza met the head of the U.S. \
             mining group.",
            None,
        );
        assert!(c
            .iter()
            .all(|(t, _)| !t.contains(" for ") && !t.contains("head of")));
    }

    #[test]
    fn it_refers_to_the_government_of_a_country() {
        let c = codes("The Government of Russia said it would attend.", None);
        assert_eq!(c.last(), Some(&("it".to_string(), "RUSGOV".to_string())));
    }

    #[test]
    fn it_refers_to_a_body_named_in_the_plural() {
        let c = codes("The Russian Militants said it would attend.", None);
        assert_eq!(c.last(), Some(&("it".to_string(), "RUSREB".to_string())));
    }

    #[test]
    fn in_force_is_no_actor() {
        let mut src_agents = codes("The rules in force were set by Russian troops.", None);
        src_agents.retain(|(t, _)| t.contains("force"));
        assert!(src_agents.is_empty(), "{src_agents:?}");
    }

    #[test]
    fn date_bounded_roles() {
        assert_eq!(codes("Biden spoke.", Some("2023-05-01"))[0].1, "USAGOV");
        assert_eq!(codes("Biden spoke.", Some("2025-06-01"))[0].1, "USAELI");
        assert_eq!(codes("Biden spoke.", None)[0].1, "USAGOV");
    }

    #[test]
    fn metonyms_orgs_and_non_actors() {
        let c = codes(
            "The Kremlin and the Pentagon said Hamas militants and the UN met. Russian oil flowed.",
            None,
        );
        let codes: Vec<&str> = c.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(codes, ["RUSGOV", "USAMIL", "PSEREB", "IGOUNO"]);
    }

    #[test]
    fn pronoun_and_us_guard() {
        let c = codes("Lavrov arrived. He met us.", Some("2025-02-17"));
        assert_eq!(c.len(), 2);
        assert_eq!(c[1], ("He".into(), "RUSGOV".into()));
    }

    #[test]
    fn unknown_names_after_role_nouns() {
        let c = codes(
            "Russian Prime Minister Ivan Petrov met officials. Petrov left.",
            None,
        );
        assert_eq!(
            c[0],
            ("Russian Prime Minister Ivan Petrov".into(), "RUSGOV".into())
        );
        assert_eq!(c[2], ("Petrov".into(), "RUSGOV".into()));
    }

    #[test]
    fn unknown_organisations() {
        // A capitalised name ending in an organisation head word; an acronym in parentheses
        // names it later; a nationality word gives its country, an inner word its sector.
        let c = codes(
            "The Civil Liberty Association (CLA) met officials. The CLA left.",
            None,
        );
        assert_eq!(c[0], ("The Civil Liberty Association".into(), "NGO".into()));
        assert_eq!(c[2], ("CLA".into(), "NGO".into()));
        let c = codes("The Russian Union of Teachers met officials.", None);
        assert_eq!(
            c[0],
            ("The Russian Union of Teachers".into(), "RUSEDU".into())
        );
        let c = codes("The Palestinian Medical Association met officials.", None);
        assert_eq!(c[0].1, "PSEMED");
        // Not a name: lower case, or a single word.
        assert!(codes("The association met officials.", None)
            .iter()
            .all(|(t, _)| t != "The association"));
    }

    #[test]
    fn possessive_pronouns() {
        // "his government": the antecedent's state; "his country": that state itself.
        let c = codes(
            "Lavrov said his officials would go. Lavrov said his country would wait.",
            Some("2020-01-01"),
        );
        assert!(c.contains(&("officials".into(), "RUSGOV".into())), "{c:?}");
        assert!(c.contains(&("his country".into(), "RUS".into())), "{c:?}");
    }

    #[test]
    fn possessives() {
        let c = codes("Moscow's war went on.", None);
        assert_eq!(c, [("Moscow".into(), "RUSGOV".into())]);
    }
}
