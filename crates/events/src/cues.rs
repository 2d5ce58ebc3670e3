//! Cue words: the closed lists the coder consults for statements, status, attribution and
//! counts, read from `data/events/cues.tsv` (`list<TAB>words`, see data/README.md) so that
//! they can be reviewed and extended without touching code.

// Fx hashing: the coder asks these sets about many tokens; the words are the project's own.
use rustc_hash::FxHashSet as HashSet;

use crate::EventError;

/// The cue lists compiled into the binary.
pub const BUILTIN_CUES: &str = include_str!("../../../data/events/cues.tsv");

/// One cue list; its name in the data file is given by [`Cue::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    ReportVerbs,
    StatementVerbs,
    Anonymous,
    PlannedVerbs,
    HypotheticalVerbs,
    NegatingVerbs,
    PlannedWords,
    HypotheticalWords,
    PlannedModifiers,
    HypotheticalModifiers,
    MotionVerbs,
    RealizingVerbs,
    PassVerbs,
    QuantityNouns,
    WeaponNouns,
    PlaceNouns,
    SchedulingVerbs,
    TruceVerbs,
    PeacekeepingWords,
    StativeParticiples,
    GroupNouns,
    TopicVerbs,
    CivilianPlaces,
    ForeignWords,
    DecisionVerbs,
    LabourStrike,
    MeasureUnits,
    PersonNouns,
    ControlVerbs,
    MeasureHeads,
    DescribingParticiples,
}

/// Every list with its name in the data file, in declaration order.
const LISTS: [(Cue, &str); 31] = [
    (Cue::ReportVerbs, "report_verbs"),
    (Cue::StatementVerbs, "statement_verbs"),
    (Cue::Anonymous, "anonymous"),
    (Cue::PlannedVerbs, "planned_verbs"),
    (Cue::HypotheticalVerbs, "hypothetical_verbs"),
    (Cue::NegatingVerbs, "negating_verbs"),
    (Cue::PlannedWords, "planned_words"),
    (Cue::HypotheticalWords, "hypothetical_words"),
    (Cue::PlannedModifiers, "planned_modifiers"),
    (Cue::HypotheticalModifiers, "hypothetical_modifiers"),
    (Cue::MotionVerbs, "motion_verbs"),
    (Cue::RealizingVerbs, "realizing_verbs"),
    (Cue::PassVerbs, "pass_verbs"),
    (Cue::QuantityNouns, "quantity_nouns"),
    (Cue::WeaponNouns, "weapon_nouns"),
    (Cue::PlaceNouns, "place_nouns"),
    (Cue::SchedulingVerbs, "scheduling_verbs"),
    (Cue::TruceVerbs, "truce_verbs"),
    (Cue::PeacekeepingWords, "peacekeeping_words"),
    (Cue::StativeParticiples, "stative_participles"),
    (Cue::GroupNouns, "group_nouns"),
    (Cue::TopicVerbs, "topic_verbs"),
    (Cue::CivilianPlaces, "civilian_places"),
    (Cue::ForeignWords, "foreign_words"),
    (Cue::DecisionVerbs, "decision_verbs"),
    (Cue::LabourStrike, "labour_strike"),
    (Cue::MeasureUnits, "measure_units"),
    (Cue::PersonNouns, "person_nouns"),
    (Cue::ControlVerbs, "control_verbs"),
    (Cue::MeasureHeads, "measure_heads"),
    (Cue::DescribingParticiples, "describing_participles"),
];

impl Cue {
    pub fn name(self) -> &'static str {
        LISTS[self as usize].1
    }
}

/// Every cue list, as sets of lower-case words.
#[derive(Debug, Clone)]
pub struct Cues {
    sets: Vec<HashSet<Box<str>>>,
}

impl Cues {
    pub fn builtin() -> Result<Self, EventError> {
        Self::parse(BUILTIN_CUES)
    }

    /// Parse the cue file; an unknown list name or a missing list is an error.
    pub fn parse(src: &str) -> Result<Self, EventError> {
        let err = |line: usize, msg: String| EventError::Data {
            file: "events/cues.tsv".into(),
            line,
            msg,
        };
        let mut sets: Vec<HashSet<Box<str>>> = vec![HashSet::default(); LISTS.len()];
        for (n, raw) in src.lines().enumerate() {
            let line = raw.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, words) = line
                .split_once('\t')
                .ok_or_else(|| err(n + 1, "expected `list<TAB>words`".into()))?;
            let cue = LISTS
                .iter()
                .position(|(_, n)| *n == name)
                .ok_or_else(|| err(n + 1, format!("unknown cue list `{name}`")))?;
            sets[cue].extend(words.split_whitespace().map(|w| w.to_lowercase().into()));
        }
        if let Some((_, n)) = LISTS
            .iter()
            .zip(&sets)
            .find(|(_, w)| w.is_empty())
            .map(|(l, _)| l)
        {
            return Err(err(0, format!("cue list `{n}` is missing")));
        }
        Ok(Cues { sets })
    }

    /// Is `w` (lower case) on list `cue`?
    #[inline]
    pub fn has(&self, cue: Cue, w: &str) -> bool {
        self.sets[cue as usize].contains(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_load_and_answer() {
        let c = Cues::builtin().unwrap();
        assert!(c.has(Cue::ReportVerbs, "say"));
        assert!(c.has(Cue::PlannedModifiers, "upcoming"));
        assert!(!c.has(Cue::PlannedModifiers, "say"));
        for (k, (cue, _)) in LISTS.iter().enumerate() {
            assert_eq!(*cue as usize, k, "LISTS is in declaration order");
        }
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(Cues::parse("no_such_list\tword\n").is_err());
        assert!(Cues::parse("report_verbs word\n").is_err());
        assert!(
            Cues::parse("report_verbs\tsay\n").is_err(),
            "other lists missing"
        );
    }
}
