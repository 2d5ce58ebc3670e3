//! Unit tests on sentences written for this crate. Document date: Monday 17 February 2025.

use super::*;
use attache_doc::{DocMeta, TimexType};
use attache_text::{analyze, Lexicon};
use chrono::NaiveDate;

fn lexicon() -> Lexicon {
    let mut lex = Lexicon::new();
    lex.load_irregular("meet\tmet\tmet\nspeak\tspoke\tspoken\ntake\ttook\ttaken\nhold\theld\theld\nsay\tsaid\tsaid\nfight\tfought\tfought\nleave\tleft\tleft\nbegin\tbegan\tbegun\n")
        .unwrap();
    for v in [
        "arrive", "attack", "sign", "visit", "shell", "rise", "collapse", "open", "slow", "resume",
        "expect", "announce", "report", "end",
    ] {
        lex.add_verb(v);
    }
    lex
}

fn run(
    text: &str,
    date: Option<NaiveDate>,
) -> Vec<(String, TimexType, Option<String>, Option<String>)> {
    let mut doc = Document::new(
        DocMeta {
            date,
            ..Default::default()
        },
        text,
    );
    analyze(&mut doc, &lexicon());
    TimeTagger::new().annotate(&mut doc);
    doc.times
        .iter()
        .map(|t| {
            (
                doc.slice(t.span).to_string(),
                t.timex_type,
                t.value.clone(),
                t.modifier.clone(),
            )
        })
        .collect()
}

fn dct() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2025, 2, 17)
}

/// The (text, value) pairs found in `text` with the document date 2025-02-17.
fn values(text: &str) -> Vec<(String, String)> {
    run(text, dct())
        .into_iter()
        .map(|(t, _, v, _)| (t, v.unwrap_or_else(|| "-".into())))
        .collect()
}

/// Assert that `text` contains exactly the expression `expr` with value `value`.
#[track_caller]
fn has(text: &str, expr: &str, value: &str) {
    let found = values(text);
    assert!(
        found.iter().any(|(t, v)| t == expr && v == value),
        "expected {expr:?} = {value} in {text:?}, found {found:?}"
    );
}

#[track_caller]
fn typed(text: &str, expr: &str, ty: TimexType, value: &str) {
    let found = run(text, dct());
    assert!(
        found
            .iter()
            .any(|(t, k, v, _)| t == expr && *k == ty && v.as_deref() == Some(value)),
        "expected {expr:?} {ty:?} {value} in {text:?}, found {found:?}"
    );
}

#[test]
fn tagger_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<TimeTagger>();
}

#[test]
fn weekdays_follow_tense() {
    has(
        "Zelensky met the Turkish president in Ankara on Monday.",
        "Monday",
        "2025-02-17",
    );
    has(
        "The foreign minister spoke by phone with his counterpart on Saturday.",
        "Saturday",
        "2025-02-15",
    );
    has("The delegation arrived on Sunday.", "Sunday", "2025-02-16");
    has(
        "Officials said the talks would take place on Tuesday.",
        "Tuesday",
        "2025-02-18",
    );
    has(
        "The summit will open on Friday in Riyadh.",
        "Friday",
        "2025-02-21",
    );
    has(
        "On Thursday, the ministers signed the accord.",
        "Thursday",
        "2025-02-13",
    );
    has(
        "The envoy is expected to visit Cairo on Wednesday.",
        "Wednesday",
        "2025-02-19",
    );
    has(
        "Rebels attacked the convoy last Monday.",
        "last Monday",
        "2025-02-10",
    );
    has("They meet again next Monday.", "next Monday", "2025-02-24");
}

#[test]
fn weeks_months_years() {
    has(
        "Troops shelled the border town last week.",
        "last week",
        "2025-W07",
    );
    has(
        "Food prices rose sharply last month.",
        "last month",
        "2025-01",
    );
    has("Talks resume this week in Geneva.", "this week", "2025-W08");
    has("Elections are due next year.", "next year", "2026");
    has("The accord was signed last year.", "last year", "2024");
    has(
        "Fighting flared over the weekend.",
        "the weekend",
        "2025-W07-WE",
    );
    has(
        "Protests are planned for this weekend.",
        "this weekend",
        "2025-W08-WE",
    );
    has(
        "In the past year, the ruling party lost two elections.",
        "the past year",
        "2024",
    );
    typed(
        "The army announced earlier this month that it would withdraw.",
        "earlier this month",
        TimexType::Date,
        "2025-02",
    );
    typed(
        "The plant will reopen later this year.",
        "later this year",
        TimexType::Date,
        "2025",
    );
    has("The deal was signed in March.", "March", "2024-03");
    has("The vote will be held in March.", "March", "2025-03");
    has("The bill passed in January.", "January", "2025-01");
    has("Inflation peaked in 2023.", "2023", "2023");
    has("The base was built in March 1998.", "March 1998", "1998-03");
}

#[test]
fn absolute_dates() {
    has(
        "The ceasefire began on February 17, 2025.",
        "February 17, 2025",
        "2025-02-17",
    );
    has(
        "The strike hit Kharkiv on Feb. 14.",
        "Feb. 14",
        "2025-02-14",
    );
    has(
        "The strike hit Kharkiv on 14 February.",
        "14 February",
        "2025-02-14",
    );
    has(
        "Data released 2025-02-10 show a decline.",
        "2025-02-10",
        "2025-02-10",
    );
    has(
        "Israel has fought Hamas since the October 7, 2023, attack.",
        "October 7, 2023",
        "2023-10-07",
    );
    has(
        "Hamas attacked on Oct 7, 2023, killing hundreds.",
        "Oct 7, 2023",
        "2023-10-07",
    );
    has(
        "He was born on the 4th of July 1976 in Ohio.",
        "the 4th of July 1976",
        "1976-07-04",
    );
    has("The treaty dates from the 1990s.", "the 1990s", "199");
    has(
        "The conflict began in the early 1980s.",
        "the early 1980s",
        "198",
    );
    has(
        "The sites date from the 11th century.",
        "the 11th century",
        "10",
    );
}

#[test]
fn deictic_days_and_times() {
    has(
        "The minister resigned yesterday.",
        "yesterday",
        "2025-02-16",
    );
    has("The cabinet meets today.", "today", "2025-02-17");
    has("The cabinet meets tomorrow.", "tomorrow", "2025-02-18");
    typed(
        "The president speaks tonight.",
        "tonight",
        TimexType::Time,
        "2025-02-17TNI",
    );
    typed(
        "Sirens sounded this morning in Kyiv.",
        "this morning",
        TimexType::Time,
        "2025-02-17TMO",
    );
    typed(
        "The vote will close at 3 p.m. on Thursday.",
        "3 p.m. on Thursday",
        TimexType::Time,
        "2025-02-20T15:00",
    );
    typed(
        "Shelling resumed at 7:15 p.m.",
        "7:15 p.m.",
        TimexType::Time,
        "2025-02-17T19:15",
    );
    typed(
        "Explosions were heard late last night.",
        "late last night",
        TimexType::Time,
        "2025-02-16TNI",
    );
    has(
        "Gunmen attacked the village two days ago.",
        "two days ago",
        "2025-02-15",
    );
    has(
        "The mayor was arrested three weeks ago.",
        "three weeks ago",
        "2025-W05",
    );
    has(
        "The party won the vote five years ago.",
        "five years ago",
        "2020",
    );
}

#[test]
fn anchor_moves_with_the_narrative() {
    let text = "The talks opened in Doha on February 3, 2025. Two days later, the envoys left. The next day, fighting resumed.";
    has(text, "Two days later", "2025-02-05");
    has(text, "The next day", "2025-02-04");
    let text = "The attack came on Jan. 20. A week later the army withdrew.";
    has(text, "A week later", "2025-01-27");
}

#[test]
fn vague_references() {
    typed(
        "More aid is expected in the coming weeks.",
        "the coming weeks",
        TimexType::Date,
        "FUTURE_REF",
    );
    typed(
        "It was the worst fighting in years.",
        "years",
        TimexType::Duration,
        "PXY",
    );
    typed(
        "The border has recently reopened.",
        "recently",
        TimexType::Date,
        "PAST_REF",
    );
    typed(
        "About 2,000 troops are currently deployed.",
        "currently",
        TimexType::Date,
        "PRESENT_REF",
    );
    typed(
        "The group now controls the city.",
        "now",
        TimexType::Date,
        "PRESENT_REF",
    );
    typed(
        "Such attacks were rare in the past.",
        "the past",
        TimexType::Date,
        "PAST_REF",
    );
    typed(
        "Both sides may talk again in the future.",
        "the future",
        TimexType::Date,
        "FUTURE_REF",
    );
}

#[test]
fn durations() {
    typed(
        "The ceasefire collapsed two days after the summit.",
        "two days",
        TimexType::Duration,
        "P2D",
    );
    let found = run(
        "Ukraine's nearly three-year war with Russia dominated the talks.",
        dct(),
    );
    assert!(
        found.iter().any(|(t, k, v, m)| t == "nearly three-year"
            && *k == TimexType::Duration
            && v.as_deref() == Some("P3Y")
            && m.as_deref() == Some("APPROX")),
        "{found:?}"
    );
    typed(
        "The city was besieged for six months.",
        "six months",
        TimexType::Duration,
        "P6M",
    );
    typed(
        "Power was cut for 24 hours.",
        "24 hours",
        TimexType::Duration,
        "PT24H",
    );
    typed(
        "Exports fell over the past three years.",
        "the past three years",
        TimexType::Duration,
        "P3Y",
    );
    typed(
        "The truce should hold for the next two weeks.",
        "the next two weeks",
        TimexType::Duration,
        "P2W",
    );
    typed(
        "The hostages were held for 2 1/2 years.",
        "2 1/2 years",
        TimexType::Duration,
        "P2Y6M",
    );
    typed(
        "The siege lasted more than four hours.",
        "more than four hours",
        TimexType::Duration,
        "PT4H",
    );
    typed(
        "Talks lasted a few days.",
        "a few days",
        TimexType::Duration,
        "PXD",
    );
    // An age is not a time expression.
    assert!(run("The minister, 52 years old, resigned.", dct())
        .iter()
        .all(|(t, ..)| t != "52 years"));
}

#[test]
fn seasons_quarters_sets() {
    has(
        "Elections are planned for this summer.",
        "this summer",
        "2025-SU",
    );
    has(
        "Growth is expected to slow in the third quarter.",
        "the third quarter",
        "2025-Q3",
    );
    has(
        "Output fell in the fourth quarter.",
        "the fourth quarter",
        "2024-Q4",
    );
    has("Sales for fiscal 2024 fell.", "fiscal 2024", "2024");
    has("Third-quarter profit fell 20%.", "Third-quarter", "2024-Q3");
    typed(
        "Patrols cross the border every week.",
        "every week",
        TimexType::Set,
        "P1W",
    );
    typed("Convoys arrive daily.", "daily", TimexType::Set, "P1D");
    typed(
        "The fee is reviewed annually.",
        "annually",
        TimexType::Set,
        "P1Y",
    );
    typed(
        "Ministers meet every Monday.",
        "every Monday",
        TimexType::Set,
        "XXXX-WXX-1",
    );
}

#[test]
fn without_a_document_date_relative_values_stay_empty() {
    let found = run(
        "The minister resigned on Saturday, and the accord was signed on February 17, 2025.",
        None,
    );
    let sat = found
        .iter()
        .find(|(t, ..)| t == "Saturday")
        .expect("Saturday found");
    assert_eq!(sat.2, None);
    let abs = found
        .iter()
        .find(|(t, ..)| t == "February 17, 2025")
        .expect("date found");
    assert_eq!(abs.2.as_deref(), Some("2025-02-17"));
    // The anchor still works without a document date.
    let found = run(
        "The talks opened on February 3, 2025. Two days later, the envoys left.",
        None,
    );
    assert!(
        found
            .iter()
            .any(|(t, _, v, _)| t == "Two days later" && v.as_deref() == Some("2025-02-05")),
        "{found:?}"
    );
    let found = run("Fighting eased last week.", None);
    assert_eq!(found.first().map(|f| f.2.clone()), Some(None));
}

#[test]
fn no_false_alarms_on_numbers_and_names() {
    for text in [
        "Police said 2000 people marched.",
        "The Sunday Times reported the deal.",
        "Troops may march on the capital.",
        "He won 1,500 votes in the second round.",
        "Three quarters of the residents fled.",
    ] {
        let found = run(text, dct());
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }
}

#[test]
fn spans_are_token_aligned_and_ordered() {
    let text = "On Monday, Feb. 17, 2025, officials said that two days earlier, on Saturday, rebels had attacked.";
    let mut doc = Document::new(
        DocMeta {
            date: dct(),
            ..Default::default()
        },
        text,
    );
    analyze(&mut doc, &lexicon());
    TimeTagger::new().annotate(&mut doc);
    let mut last = 0;
    for t in &doc.times {
        assert!(t.span.start >= last);
        assert_eq!(doc.token_span(t.tokens), t.span);
        last = t.span.end;
    }
    let texts: Vec<&str> = doc.times.iter().map(|t| doc.slice(t.span)).collect();
    assert_eq!(
        texts,
        ["Monday, Feb. 17, 2025", "two days earlier", "Saturday"]
    );
}
