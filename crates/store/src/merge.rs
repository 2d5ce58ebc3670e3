//! The merge rule: when does a mention (one coded event record) report the same real-world event
//! as an event already in the store?
//!
//! Every mention is reduced to a [`Key`]; an event carries the [`Key`] of its members combined
//! ([`Key::absorb`]). A mention joins an event when [`mismatch`] finds no reason against it. All
//! six conditions must hold:
//!
//! 1. **Status.** Equal, except that `planned` and `occurred` merge (a summit is planned until
//!    it is reported to have taken place). `negated` and `hypothetical` mentions only merge with
//!    mentions of the same status.
//! 2. **Type.** The same CAMEO root with the same PLOVER event (or none on either side), or the
//!    same PLOVER event whatever the roots (`ASSAULT` from root 18 and 19). A symmetric mention
//!    (see 3) never merges with a directed one.
//! 3. **Dyad, at country level.** An actor stands for its country (`FRA` for `FRAGOV`), or for
//!    its first six letters when it is an international or non-governmental body (`IGOUNO`,
//!    `NGOAMN`); an actor with neither (`JRN` journalists, `BUS` a company of no stated
//!    country) says nothing about the dyad and is left out. Directed events compare actor sets
//!    with actor sets and recipient sets with recipient sets; for symmetric events (CAMEO root
//!    04 *consult*, 057 *sign formal agreement*) the two sides are one set of participants, so
//!    "France met Germany", "Germany hosted France" and "France and Germany held talks" are the
//!    same dyad. Each side of the mention must be a subset or a superset of the event's (an
//!    unknown side is the empty set), and at least one side must share a country. A mention
//!    with no known actor only merges with an event with no known actor.
//!    *Partial dyads need corroboration:* when the mention or the event lacks a side (or, for
//!    a symmetric one, has a single participant), both must also have the same CAMEO code and
//!    a known place (compatible by 5). "The United States said" on a busy day is not one event.
//! 4. **Date window.** A mention's window is its date (`day`: that day; `week`, `month`,
//!    `quarter`, `year`: the whole period; `document`, when the text gives no date: the
//!    publication day and the day before). An event's window is the *intersection* of its
//!    members' windows, so it can only narrow: a mention joins when its window overlaps it.
//!    Mentions with no window at all (no date and no publication date), or with a window longer
//!    than a month (a quarter, a year: "exports rose in 1986"), are too vague to tell two events
//!    apart and are never merged.
//! 5. **Location.** Compatible when either side has none. Otherwise the countries must agree
//!    (when both known); a country-, province- or region-level place contains every place in its
//!    country; two finer places (city, district) must lie within 100 km of each other or have
//!    the same name.
//! 6. When a mention joins, an unknown side of the event is filled in (a symmetric event with
//!    one participant takes the mention's participants) but a known side never grows, so an
//!    event cannot snowball from one dyad to the next. Among several compatible events the one with the most mentions wins (then the oldest);
//!    on re-ingest a mention first tries the event it belonged to before, so re-coding the same
//!    text gives the same event ids.

use std::collections::BTreeSet;

use attache_events::{ActorRef, EventDate, EventRecord, Location, Status};
use chrono::{Duration, NaiveDate};

/// Windows longer than this (quarters, years) are too vague to merge.
pub const MAX_WINDOW_DAYS: i64 = 31;

/// Distance under which two city- or district-level places count as the same location.
pub const MAX_PLACE_KM: f64 = 100.0;

/// Inclusive date window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub lo: NaiveDate,
    pub hi: NaiveDate,
}

impl Window {
    pub fn day(d: NaiveDate) -> Self {
        Window { lo: d, hi: d }
    }
    pub fn overlaps(&self, o: &Window) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }
    /// Number of days covered.
    pub fn days(&self) -> i64 {
        (self.hi - self.lo).num_days() + 1
    }
    /// Precise enough to merge on ([`MAX_WINDOW_DAYS`] at most).
    pub fn mergeable(&self) -> bool {
        self.days() <= MAX_WINDOW_DAYS
    }
    /// The common part of two overlapping windows.
    pub fn intersect(&self, o: &Window) -> Window {
        Window {
            lo: self.lo.max(o.lo),
            hi: self.hi.min(o.hi),
        }
    }
}

/// Where a mention or event happened, reduced to what the rule compares.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceKey {
    pub name: String,
    pub country: Option<String>,
    pub resolution: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl PlaceKey {
    pub fn of(l: &Location) -> Self {
        PlaceKey {
            name: l.name.clone(),
            country: l.country.clone().filter(|c| !c.is_empty()),
            resolution: l.resolution.clone(),
            lat: l.lat,
            lon: l.lon,
        }
    }
    /// Country-, province- or region-level: contains the finer places of its country.
    pub fn is_coarse(&self) -> bool {
        matches!(
            self.resolution.as_str(),
            "country" | "province" | "region" | "continent"
        )
    }
    /// Rank for choosing the most precise place: city 4 … region 0.
    pub fn precision(&self) -> u8 {
        match self.resolution.as_str() {
            "city" => 4,
            "district" => 3,
            "province" => 2,
            "country" => 1,
            _ => 0,
        }
    }
}

/// What the merge rule compares, for one mention or one event.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub symmetric: bool,
    /// Country-level keys of the actors (of all participants when `symmetric`).
    pub actors: BTreeSet<String>,
    /// Country-level keys of the recipients (always empty when `symmetric`).
    pub recipients: BTreeSet<String>,
    pub cameo: String,
    pub root: String,
    pub plover: Option<String>,
    pub status: Status,
    pub window: Option<Window>,
    pub place: Option<PlaceKey>,
}

/// Why a mention does not join an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mismatch {
    Status,
    Type,
    Symmetry,
    Dyad,
    Anonymous,
    Partial,
    Date,
    Place,
}

/// Country-level key of an actor: its country, or the first six letters of its code for
/// international and non-governmental bodies; `None` for an actor of no known country.
pub fn country_key(a: &ActorRef) -> Option<String> {
    match a.country.as_deref() {
        Some(c) if !c.is_empty() && !matches!(c, "IGO" | "NGO" | "IMG" | "MNC") => {
            Some(c.to_string())
        }
        _ => {
            let code = a.code.as_str();
            let body = ["IGO", "NGO", "IMG", "MNC"]
                .iter()
                .any(|p| code.starts_with(p));
            (body && code.len() >= 6 && code.is_char_boundary(6)).then(|| code[..6].to_string())
        }
    }
}

/// CAMEO codes whose two sides are interchangeable (meetings, talks, signed agreements).
pub fn is_symmetric(cameo: &str) -> bool {
    cameo.starts_with("04") || cameo.starts_with("057")
}

/// Parse the leading `YYYY-MM-DD` of a date value.
pub fn parse_day(v: &str) -> Option<NaiveDate> {
    let b = v.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).map(|d| d - Duration::days(1))
}

/// The window of a record's date (see the module documentation); `published` is the
/// document's publication date.
pub fn window_of(d: &EventDate, published: Option<NaiveDate>) -> Option<Window> {
    let doc_window = || {
        published.map(|p| Window {
            lo: p - Duration::days(1),
            hi: p,
        })
    };
    let Some(v) = d.value.as_deref() else {
        return doc_window();
    };
    if d.granularity == "document" {
        return parse_day(v)
            .map(|p| Window {
                lo: p - Duration::days(1),
                hi: p,
            })
            .or_else(doc_window);
    }
    if let Some(day) = parse_day(v) {
        return Some(Window::day(day));
    }
    let b = v.as_bytes();
    let year: i32 = v.get(..4)?.parse().ok()?;
    // 2025-W07
    if v.len() >= 8 && b.get(4) == Some(&b'-') && b.get(5) == Some(&b'W') {
        let w: u32 = v.get(6..8)?.parse().ok()?;
        let lo = NaiveDate::from_isoywd_opt(year, w, chrono::Weekday::Mon)?;
        return Some(Window {
            lo,
            hi: lo + Duration::days(6),
        });
    }
    // 2025-Q1
    if v.len() >= 7 && b.get(4) == Some(&b'-') && b.get(5) == Some(&b'Q') {
        let q: u32 = v.get(6..7)?.parse().ok()?;
        if !(1..=4).contains(&q) {
            return doc_window();
        }
        let lo = NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)?;
        return Some(Window {
            lo,
            hi: month_end(year, q * 3)?,
        });
    }
    // 2025-03
    if v.len() >= 7 && b.get(4) == Some(&b'-') {
        if let Some(Ok(m)) = v.get(5..7).map(str::parse::<u32>) {
            let lo = NaiveDate::from_ymd_opt(year, m, 1)?;
            return Some(Window {
                lo,
                hi: month_end(year, m)?,
            });
        }
    }
    if v.len() == 4 {
        return Some(Window {
            lo: NaiveDate::from_ymd_opt(year, 1, 1)?,
            hi: NaiveDate::from_ymd_opt(year, 12, 31)?,
        });
    }
    doc_window()
}

/// The single day used to place a mention on the timeline: the day of a day-level date, the
/// start of a coarser window, else none.
pub fn day_of(w: Option<Window>, d: &EventDate) -> Option<NaiveDate> {
    d.value.as_deref().and_then(parse_day).or(w.map(|w| w.lo))
}

impl Key {
    /// A dyad missing a side (or a meeting with a single known participant).
    pub fn is_partial(&self) -> bool {
        if self.symmetric {
            self.actors.len() < 2
        } else {
            self.actors.is_empty() || self.recipients.is_empty()
        }
    }

    /// The key of one coded record; `published` is its document's publication date.
    pub fn of(e: &EventRecord, published: Option<NaiveDate>) -> Key {
        let symmetric = is_symmetric(&e.cameo);
        let mut actors: BTreeSet<String> = e.actor.iter().filter_map(country_key).collect();
        let mut recipients: BTreeSet<String> = e.recipient.iter().filter_map(country_key).collect();
        if symmetric {
            actors.append(&mut recipients);
        }
        Key {
            symmetric,
            actors,
            recipients,
            cameo: e.cameo.clone(),
            root: e.cameo_root.clone(),
            plover: e.plover.event.clone().filter(|p| !p.is_empty()),
            status: e.status,
            window: window_of(&e.date, published),
            place: e.location.as_ref().map(PlaceKey::of),
        }
    }

    /// Fold a joining mention into an event's key: an unknown side is filled in (a symmetric
    /// event with one participant takes the mention's participants) but a known side never
    /// grows; the window narrows to the intersection; the place becomes the more precise one;
    /// `planned` becomes `occurred` once reported so.
    pub fn absorb(&mut self, m: &Key) {
        if self.symmetric {
            if self.actors.len() < 2 && m.actors.is_superset(&self.actors) {
                self.actors = m.actors.clone();
            }
        } else {
            if self.actors.is_empty() {
                self.actors = m.actors.clone();
            }
            if self.recipients.is_empty() {
                self.recipients = m.recipients.clone();
            }
        }
        self.window = match (self.window, m.window) {
            (Some(a), Some(b)) => Some(a.intersect(&b)),
            (a, b) => a.or(b),
        };
        match (&self.place, &m.place) {
            (None, Some(p)) => self.place = Some(p.clone()),
            (Some(a), Some(b)) if b.precision() > a.precision() => self.place = Some(b.clone()),
            _ => {}
        }
        if self.status == Status::Planned && m.status == Status::Occurred {
            self.status = Status::Occurred;
        }
    }
}

fn status_ok(a: Status, b: Status) -> bool {
    use Status::*;
    a == b || matches!((a, b), (Planned, Occurred) | (Occurred, Planned))
}

fn type_ok(e: &Key, m: &Key) -> bool {
    match (&e.plover, &m.plover) {
        (Some(a), Some(b)) if a == b => true,
        (Some(_), Some(_)) => false,
        _ => e.root == m.root,
    }
}

fn side_ok(e: &BTreeSet<String>, m: &BTreeSet<String>) -> bool {
    e.is_subset(m) || m.is_subset(e)
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().clamp(0.0, 1.0).asin()
}

/// Are two places compatible (condition 5)?
pub fn place_ok(a: &Option<PlaceKey>, b: &Option<PlaceKey>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if let (Some(ca), Some(cb)) = (&a.country, &b.country) {
        if ca != cb {
            return false;
        }
    }
    if a.is_coarse() || b.is_coarse() {
        return true;
    }
    if a.name.eq_ignore_ascii_case(&b.name) {
        return true;
    }
    match (a.lat, a.lon, b.lat, b.lon) {
        (Some(la), Some(oa), Some(lb), Some(ob)) => haversine_km(la, oa, lb, ob) <= MAX_PLACE_KM,
        _ => false,
    }
}

/// The first reason why mention `m` is not the same real-world event as event `e`, or `None`
/// when it is (the merge rule of the module documentation).
pub fn mismatch(e: &Key, m: &Key) -> Option<Mismatch> {
    if !status_ok(e.status, m.status) {
        return Some(Mismatch::Status);
    }
    if !type_ok(e, m) {
        return Some(Mismatch::Type);
    }
    if e.symmetric != m.symmetric {
        return Some(Mismatch::Symmetry);
    }
    let e_anon = e.actors.is_empty() && e.recipients.is_empty();
    let m_anon = m.actors.is_empty() && m.recipients.is_empty();
    if e_anon != m_anon {
        return Some(Mismatch::Anonymous);
    }
    if !e_anon {
        let shared = !e.actors.is_disjoint(&m.actors) || !e.recipients.is_disjoint(&m.recipients);
        if !(side_ok(&e.actors, &m.actors) && side_ok(&e.recipients, &m.recipients) && shared) {
            return Some(Mismatch::Dyad);
        }
    }
    if (e.is_partial() || m.is_partial())
        && !(e.cameo == m.cameo && e.place.is_some() && m.place.is_some())
    {
        return Some(Mismatch::Partial);
    }
    match (e.window, m.window) {
        (Some(a), Some(b)) if a.overlaps(&b) && a.mergeable() && b.mergeable() => {}
        _ => return Some(Mismatch::Date),
    }
    if !place_ok(&e.place, &m.place) {
        return Some(Mismatch::Place);
    }
    None
}

/// `true` when mention `m` may join event `e`.
pub fn compatible(e: &Key, m: &Key) -> bool {
    mismatch(e, m).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }

    fn key(cameo: &str, plover: Option<&str>, a: &[&str], r: &[&str], day: &str) -> Key {
        let symmetric = is_symmetric(cameo);
        let mut actors: BTreeSet<String> = a.iter().map(|s| s.to_string()).collect();
        let mut recipients: BTreeSet<String> = r.iter().map(|s| s.to_string()).collect();
        if symmetric {
            actors.append(&mut recipients);
        }
        Key {
            symmetric,
            actors,
            recipients,
            cameo: cameo.into(),
            root: cameo.get(..2).unwrap_or(cameo).into(),
            plover: plover.map(str::to_string),
            status: Status::Occurred,
            window: Some(Window::day(d(day))),
            place: None,
        }
    }

    fn place(name: &str, country: &str, res: &str, lat: f64, lon: f64) -> Option<PlaceKey> {
        Some(PlaceKey {
            name: name.into(),
            country: Some(country.into()),
            resolution: res.into(),
            lat: Some(lat),
            lon: Some(lon),
        })
    }

    #[test]
    fn symmetric_meetings_merge_whatever_the_order() {
        let e = key("040", Some("CONSULT"), &["FRA"], &["DEU"], "2025-03-04");
        let m = key("043", Some("CONSULT"), &["DEU"], &["FRA"], "2025-03-04");
        assert_eq!(mismatch(&e, &m), None);
        // "France and Germany held talks": both in the actor slot.
        let both = key("040", Some("CONSULT"), &["FRA", "DEU"], &[], "2025-03-04");
        assert!(compatible(&e, &both));
        // Germany alone is a part of the dyad, but a partial one: it needs the same code and a
        // known place on both sides.
        let mut one = key("040", Some("CONSULT"), &["DEU"], &[], "2025-03-04");
        assert_eq!(mismatch(&e, &one), Some(Mismatch::Partial));
        let geneva = place("Geneva", "CHE", "city", 46.20, 6.15);
        let (mut e2, mut one2) = (e.clone(), one.clone());
        e2.place = geneva.clone();
        one2.place = geneva.clone();
        assert!(compatible(&e2, &one2));
        one2.cameo = "043".into();
        assert_eq!(mismatch(&e2, &one2), Some(Mismatch::Partial));
        // A meeting known by one participant takes the other from a fuller report.
        one.place = geneva;
        let mut ev = one.clone();
        ev.absorb(&e2);
        assert_eq!(ev.actors.len(), 2);
        // Another pair sharing one country is another meeting.
        let other = key("040", Some("CONSULT"), &["FRA", "ITA"], &[], "2025-03-04");
        assert_eq!(mismatch(&e, &other), Some(Mismatch::Dyad));
    }

    #[test]
    fn directed_events_keep_their_direction() {
        let e = key("190", Some("ASSAULT"), &["RUS"], &["UKR"], "2025-03-04");
        let rev = key("190", Some("ASSAULT"), &["UKR"], &["RUS"], "2025-03-04");
        assert_eq!(mismatch(&e, &rev), Some(Mismatch::Dyad));
        // Unknown target: the attacker, the code and the place together are enough.
        let mut partial = key("190", Some("ASSAULT"), &["RUS"], &[], "2025-03-04");
        assert_eq!(mismatch(&e, &partial), Some(Mismatch::Partial));
        let mut e2 = e.clone();
        e2.place = place("Kharkiv", "UKR", "city", 49.99, 36.23);
        partial.place = place("Kharkiv", "UKR", "city", 49.99, 36.23);
        assert!(compatible(&e2, &partial));
        // The country is attacked in one report, attacks in the other: not the same.
        let flipped = key("190", Some("ASSAULT"), &[], &["RUS"], "2025-03-04");
        assert_eq!(mismatch(&e, &flipped), Some(Mismatch::Dyad));
    }

    #[test]
    fn known_sides_never_grow() {
        let mut e = key("112", Some("ACCUSE"), &["USA"], &["JPN"], "2025-03-04");
        let wider = key(
            "112",
            Some("ACCUSE"),
            &["USA", "DEU"],
            &["JPN"],
            "2025-03-04",
        );
        assert!(compatible(&e, &wider));
        e.absorb(&wider);
        assert_eq!(e.actors.len(), 1, "the event stays USA -> JPN");
        // So Germany alone accusing Japan is not drawn in through the wider report.
        let other = key("112", Some("ACCUSE"), &["DEU"], &["JPN"], "2025-03-04");
        assert_eq!(mismatch(&e, &other), Some(Mismatch::Dyad));
    }

    #[test]
    fn types_are_compatible_by_root_or_plover() {
        let e = key("190", Some("ASSAULT"), &["RUS"], &["UKR"], "2025-03-04");
        // Root 18 (assault) and 19 (fight) share the PLOVER ASSAULT type.
        let m = key("183", Some("ASSAULT"), &["RUS"], &["UKR"], "2025-03-04");
        assert!(compatible(&e, &m));
        let threat = key("138", Some("THREATEN"), &["RUS"], &["UKR"], "2025-03-04");
        assert_eq!(mismatch(&e, &threat), Some(Mismatch::Type));
        // Same root, no PLOVER on one side: compatible by root.
        let bare = key("19", None, &["RUS"], &["UKR"], "2025-03-04");
        assert!(compatible(&e, &bare));
        // Same root, different PLOVER types: not compatible.
        let a = key("051", Some("SUPPORT"), &["USA"], &["JPN"], "2025-03-04");
        let b = key("055", Some("COOPERATE"), &["USA"], &["JPN"], "2025-03-04");
        assert_eq!(mismatch(&a, &b), Some(Mismatch::Type));
    }

    #[test]
    fn statuses() {
        let mut e = key("040", Some("CONSULT"), &["FRA"], &["DEU"], "2025-03-04");
        e.status = Status::Planned;
        let m = key("040", Some("CONSULT"), &["FRA"], &["DEU"], "2025-03-04");
        assert!(compatible(&e, &m));
        let mut neg = m.clone();
        neg.status = Status::Negated;
        assert_eq!(mismatch(&e, &neg), Some(Mismatch::Status));
        e.absorb(&m);
        assert_eq!(e.status, Status::Occurred);
    }

    #[test]
    fn windows_narrow_and_must_overlap() {
        let mut e = key("040", Some("CONSULT"), &["FRA"], &["DEU"], "2025-03-04");
        e.window = window_of(
            &EventDate {
                value: Some("2025-03".into()),
                granularity: "month".into(),
                text: None,
                start: None,
                end: None,
            },
            None,
        );
        assert_eq!(
            e.window,
            Some(Window {
                lo: d("2025-03-01"),
                hi: d("2025-03-31")
            })
        );
        let m = key("040", Some("CONSULT"), &["FRA"], &["DEU"], "2025-03-04");
        assert!(compatible(&e, &m));
        e.absorb(&m);
        assert_eq!(e.window, Some(Window::day(d("2025-03-04"))));
        // Now a meeting two days later is a different meeting.
        let later = key("040", Some("CONSULT"), &["FRA"], &["DEU"], "2025-03-06");
        assert_eq!(mismatch(&e, &later), Some(Mismatch::Date));
        // Nor does one dated only to a year.
        let mut vague = m.clone();
        vague.window = window_of(
            &EventDate {
                value: Some("2025".into()),
                granularity: "year".into(),
                text: None,
                start: None,
                end: None,
            },
            None,
        );
        assert_eq!(mismatch(&e, &vague), Some(Mismatch::Date));
        // An undated mention never merges.
        let mut undated = m.clone();
        undated.window = None;
        assert_eq!(mismatch(&e, &undated), Some(Mismatch::Date));
    }

    #[test]
    fn window_of_granularities() {
        let dt = |v: &str, g: &str| EventDate {
            value: Some(v.into()),
            granularity: g.into(),
            text: None,
            start: None,
            end: None,
        };
        let w = window_of(&dt("2025-W07", "week"), None).unwrap();
        assert_eq!((w.lo, w.hi), (d("2025-02-10"), d("2025-02-16")));
        let w = window_of(&dt("2024-Q1", "quarter"), None).unwrap();
        assert_eq!((w.lo, w.hi), (d("2024-01-01"), d("2024-03-31")));
        let w = window_of(&dt("2024-02", "month"), None).unwrap();
        assert_eq!(w.hi, d("2024-02-29"));
        let w = window_of(&dt("2025", "year"), None).unwrap();
        assert_eq!((w.lo, w.hi), (d("2025-01-01"), d("2025-12-31")));
        let w = window_of(&dt("2025-03-05", "document"), None).unwrap();
        assert_eq!((w.lo, w.hi), (d("2025-03-04"), d("2025-03-05")));
        let w = window_of(&dt("2025-03-05T10:00", "time"), None).unwrap();
        assert_eq!(w, Window::day(d("2025-03-05")));
        let none = EventDate {
            value: None,
            granularity: "document".into(),
            text: None,
            start: None,
            end: None,
        };
        assert_eq!(window_of(&none, None), None);
        assert_eq!(
            window_of(&none, Some(d("2025-01-02"))),
            Some(Window {
                lo: d("2025-01-01"),
                hi: d("2025-01-02")
            })
        );
        assert_eq!(window_of(&dt("garbage", "other"), None), None);
        // Odd values never panic.
        for v in ["2025-é1", "2025-Wé", "2025-Q9", "2025-13", "é", "", "20251"] {
            let _ = window_of(&dt(v, "month"), None);
        }
    }

    #[test]
    fn places() {
        let mut e = key("040", Some("CONSULT"), &["FRA"], &["DEU"], "2025-03-04");
        e.place = place("Geneva", "CHE", "city", 46.20, 6.15);
        let mut m = e.clone();
        m.place = place("Switzerland", "CHE", "country", 46.8, 8.2);
        assert!(compatible(&e, &m));
        m.place = place("Lausanne", "CHE", "city", 46.52, 6.63); // about 50 km
        assert!(compatible(&e, &m));
        m.place = place("Zurich", "CHE", "city", 47.37, 8.54); // about 220 km
        assert_eq!(mismatch(&e, &m), Some(Mismatch::Place));
        m.place = place("Paris", "FRA", "country", 48.85, 2.35);
        assert_eq!(mismatch(&e, &m), Some(Mismatch::Place));
        m.place = None;
        assert!(compatible(&e, &m));
        // A country-level event place becomes the city when a report names it.
        let mut coarse = e.clone();
        coarse.place = place("Switzerland", "CHE", "country", 46.8, 8.2);
        coarse.absorb(&e);
        assert_eq!(
            coarse.place.as_ref().map(|p| p.name.as_str()),
            Some("Geneva")
        );
    }

    #[test]
    fn anonymous_mentions_need_the_same_code_and_place() {
        let mut e = key("145", Some("PROTEST"), &[], &[], "2025-03-04");
        let mut m = e.clone();
        assert_eq!(mismatch(&e, &m), Some(Mismatch::Partial));
        e.place = place("Lyon", "FRA", "city", 45.76, 4.83);
        m.place = e.place.clone();
        assert!(compatible(&e, &m));
        let named = key("145", Some("PROTEST"), &["FRA"], &[], "2025-03-04");
        assert_eq!(mismatch(&e, &named), Some(Mismatch::Anonymous));
    }

    #[test]
    fn country_keys() {
        let a = |code: &str, country: Option<&str>| ActorRef {
            text: String::new(),
            name: String::new(),
            code: code.into(),
            country: country.map(str::to_string),
            sector: None,
            start: 0,
            end: 0,
            inferred: None,
        };
        assert_eq!(
            country_key(&a("FRAGOV", Some("FRA"))).as_deref(),
            Some("FRA")
        );
        assert_eq!(
            country_key(&a("IGOUNOUNO", Some("IGO"))).as_deref(),
            Some("IGOUNO")
        );
        assert_eq!(country_key(&a("NGOAMN", None)).as_deref(), Some("NGOAMN"));
        assert_eq!(country_key(&a("REB", None)), None);
        assert_eq!(country_key(&a("JRN", None)), None);
    }

    #[test]
    fn distances() {
        let km = haversine_km(48.8566, 2.3522, 51.5074, -0.1278);
        assert!((km - 344.0).abs() < 5.0, "{km}");
    }
}
