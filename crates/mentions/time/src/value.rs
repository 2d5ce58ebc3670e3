//! TIMEX3 values: calendar points at a granularity, their ISO-like formatting and arithmetic,
//! and duration strings.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A unit of time as it appears in text (`days`, `quarter`, `decade`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
}

/// A season of the year as TIMEX3 writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
}

/// A part of the day (`this morning` -> `TMO`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }
}

/// A resolved calendar value at some granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Val {
    Day(NaiveDate),
    /// ISO week-numbering year and week.
    Week(i32, u32),
    Weekend(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, Season),
    Year(i32),
    /// First three digits of the years (`199` = the 1990s).
    Decade(i32),
    /// First two digits of the years (`19` = the 20th century).
    Century(i32),
    DayPart(NaiveDate, DayPart),
    /// Date, hour (0-24) and minute.
    Clock(NaiveDate, u32, u32),
}

fn ymd(d: NaiveDate) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return format!("{y:04}-{m:02}-{day:02}");
    }
    // `YYYY-MM-DD` digit by digit (what the format above gives for these years): the
    // formatting machinery cost about a thousand instructions a date.
    let digit = |v: u32| char::from(b'0' + (v % 10) as u8);
    let y = y.unsigned_abs();
    let mut s = String::with_capacity(10);
    s.extend([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
    ]);
    s.extend([digit(m / 10), digit(m), '-', digit(day / 10), digit(day)]);
    s
}

impl Val {
    pub(crate) fn value(&self) -> String {
        match *self {
            Val::Day(d) => ymd(d),
            Val::Week(y, w) => format!("{y:04}-W{w:02}"),
            Val::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Val::Month(y, m) => format!("{y:04}-{m:02}"),
            Val::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Val::Half(y, h) => format!("{y:04}-H{h}"),
            Val::Season(y, s) => format!("{y:04}-{}", s.code()),
            Val::Year(y) => format!("{y:04}"),
            Val::Decade(d) => format!("{d:03}"),
            Val::Century(c) => format!("{c:02}"),
            Val::DayPart(d, p) => format!("{}T{}", ymd(d), p.code()),
            Val::Clock(d, h, m) => format!("{}T{h:02}:{m:02}", ymd(d)),
        }
    }

    pub(crate) fn granularity(&self) -> &'static str {
        match self {
            Val::Day(_) => "day",
            Val::Week(..) | Val::Weekend(..) => "week",
            Val::Month(..) => "month",
            Val::Quarter(..) => "quarter",
            Val::Half(..) => "half",
            Val::Season(..) => "season",
            Val::Year(_) => "year",
            Val::Decade(_) => "decade",
            Val::Century(_) => "century",
            Val::DayPart(..) | Val::Clock(..) => "time",
        }
    }

    /// A representative day: the first day of the period (the day itself for day and time values).
    pub(crate) fn first_day(&self) -> Option<NaiveDate> {
        match *self {
            Val::Day(d) | Val::DayPart(d, _) | Val::Clock(d, _, _) => Some(d),
            Val::Week(y, w) | Val::Weekend(y, w) => NaiveDate::from_isoywd_opt(y, w, Weekday::Mon),
            Val::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            Val::Quarter(y, q) => NaiveDate::from_ymd_opt(y, (q.clamp(1, 4) - 1) * 3 + 1, 1),
            Val::Half(y, h) => NaiveDate::from_ymd_opt(y, if h == 2 { 7 } else { 1 }, 1),
            Val::Season(y, s) => NaiveDate::from_ymd_opt(
                y,
                match s {
                    Season::Spring => 3,
                    Season::Summer => 6,
                    Season::Fall => 9,
                    Season::Winter => 12,
                },
                1,
            ),
            Val::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            Val::Decade(d) => NaiveDate::from_ymd_opt(d * 10, 1, 1),
            Val::Century(c) => NaiveDate::from_ymd_opt(c * 100, 1, 1),
        }
    }

    /// The same period `n` years later (earlier for negative `n`), keeping the granularity.
    pub(crate) fn shift_years(&self, n: i32) -> Option<Val> {
        Some(match *self {
            Val::Day(d) => Val::Day(add_years(d, n)?),
            Val::DayPart(d, p) => Val::DayPart(add_years(d, n)?, p),
            Val::Clock(d, h, m) => Val::Clock(add_years(d, n)?, h, m),
            Val::Week(y, w) => Val::Week(y + n, w),
            Val::Weekend(y, w) => Val::Weekend(y + n, w),
            Val::Month(y, m) => Val::Month(y + n, m),
            Val::Quarter(y, q) => Val::Quarter(y + n, q),
            Val::Half(y, h) => Val::Half(y + n, h),
            Val::Season(y, s) => Val::Season(y + n, s),
            Val::Year(y) => Val::Year(y + n),
            Val::Decade(d) => Val::Decade(d + n / 10),
            Val::Century(c) => Val::Century(c + n / 100),
        })
    }

    /// The year this value falls in (the first day's year).
    pub(crate) fn year(&self) -> Option<i32> {
        match *self {
            Val::Year(y)
            | Val::Month(y, _)
            | Val::Quarter(y, _)
            | Val::Half(y, _)
            | Val::Season(y, _)
            | Val::Week(y, _)
            | Val::Weekend(y, _) => Some(y),
            _ => self.first_day().map(|d| d.year()),
        }
    }

    /// True for values that name a single day (or a time on one day).
    pub(crate) fn is_day(&self) -> bool {
        matches!(self, Val::Day(_) | Val::DayPart(..) | Val::Clock(..))
    }
}

pub(crate) fn add_years(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    let y = d.year() + n;
    NaiveDate::from_ymd_opt(y, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28))
}

/// Add `n` months, clamping the day to the end of the target month.
pub(crate) fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    let total = d.year() * 12 + d.month0() as i32 + n;
    let (y, m0) = (total.div_euclid(12), total.rem_euclid(12) as u32);
    (1..=d.day())
        .rev()
        .find_map(|day| NaiveDate::from_ymd_opt(y, m0 + 1, day))
}

pub(crate) fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::days(n))
}

/// The period of granularity `unit` containing day `d`.
pub(crate) fn at_unit(d: NaiveDate, unit: Unit) -> Val {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Val::Day(d),
        Unit::Week => {
            let w = d.iso_week();
            Val::Week(w.year(), w.week())
        }
        Unit::Weekend => {
            let w = d.iso_week();
            Val::Weekend(w.year(), w.week())
        }
        Unit::Month => Val::Month(d.year(), d.month()),
        Unit::Quarter => Val::Quarter(d.year(), d.month0() / 3 + 1),
        Unit::Year => Val::Year(d.year()),
        Unit::Decade => Val::Decade(d.year().div_euclid(10)),
        Unit::Century | Unit::Millennium => Val::Century(d.year().div_euclid(100)),
    }
}

/// Day `d` moved by `n` units (weeks are 7 days, quarters 3 months, ...).
pub(crate) fn shift_day(d: NaiveDate, unit: Unit, n: i32) -> Option<NaiveDate> {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Some(d),
        Unit::Day => add_days(d, n as i64),
        Unit::Week | Unit::Weekend => add_days(d, 7 * n as i64),
        Unit::Month => add_months(d, n),
        Unit::Quarter => add_months(d, 3 * n),
        Unit::Year => add_years(d, n),
        Unit::Decade => add_years(d, 10 * n),
        Unit::Century => add_years(d, 100 * n),
        Unit::Millennium => add_years(d, 1000 * n),
    }
}

/// An amount of time: a number or an unspecified quantity (`several`, `a few`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Qty {
    N(f64),
    Vague,
}

impl Qty {
    pub(crate) fn int(self) -> Option<i32> {
        match self {
            Qty::N(x) if x.fract() == 0.0 && x.abs() < 100_000.0 => Some(x as i32),
            _ => None,
        }
    }
}

/// TIMEX3 duration value (`P3Y`, `PT2H`, `P2Y6M`, `PXD`).
pub(crate) fn duration(q: Qty, unit: Unit) -> String {
    let n = match q {
        Qty::Vague => {
            return match unit {
                Unit::Second => "PTXS",
                Unit::Minute => "PTXM",
                Unit::Hour => "PTXH",
                Unit::Day => "PXD",
                Unit::Week => "PXW",
                Unit::Weekend => "PXWE",
                Unit::Month => "PXM",
                Unit::Quarter => "PXQ",
                Unit::Year => "PXY",
                // TimeBank's letters: E decade, C century, L millennium.
                Unit::Decade => "PXE",
                Unit::Century => "PXC",
                Unit::Millennium => "PXL",
            }
            .to_string();
        }
        Qty::N(n) => n,
    };
    // Express fractions in the next smaller unit: 2.5 years = P2Y6M.
    let whole = n.trunc() as i64;
    let frac = n - n.trunc();
    let (big, small_per): (&str, Option<(&str, f64, bool)>) = match unit {
        Unit::Second => ("S", None),
        Unit::Minute => ("M", Some(("S", 60.0, true))),
        Unit::Hour => ("H", Some(("M", 60.0, true))),
        Unit::Day => ("D", Some(("H", 24.0, true))),
        Unit::Week => ("W", Some(("D", 7.0, false))),
        Unit::Weekend => ("WE", None),
        Unit::Month => ("M", Some(("D", 30.0, false))),
        Unit::Quarter => ("Q", Some(("M", 3.0, false))),
        Unit::Year => ("Y", Some(("M", 12.0, false))),
        Unit::Decade => return duration(Qty::N(n * 10.0), Unit::Year),
        Unit::Century => return duration(Qty::N(n * 100.0), Unit::Year),
        Unit::Millennium => return duration(Qty::N(n * 1000.0), Unit::Year),
    };
    let time_unit = matches!(unit, Unit::Second | Unit::Minute | Unit::Hour);
    let mut s = String::from("P");
    if time_unit {
        s.push('T');
    }
    if whole > 0 || frac == 0.0 {
        s.push_str(&format!("{whole}{big}"));
    }
    if frac > 0.0 {
        if let Some((small, per, small_is_time)) = small_per {
            let k = (frac * per).round() as i64;
            if k > 0 {
                if small_is_time && !time_unit {
                    s.push('T');
                }
                s.push_str(&format!("{k}{small}"));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ymd_writes_what_the_format_writes() {
        for (y, m, d) in [
            (2025, 2, 17),
            (1987, 12, 31),
            (7, 1, 9),
            (0, 3, 1),
            (9999, 12, 31),
            (-44, 3, 15),
            (12345, 6, 7),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
            assert_eq!(ymd(date), format!("{y:04}-{m:02}-{d:02}"));
        }
    }

    #[test]
    fn durations() {
        assert_eq!(duration(Qty::N(3.0), Unit::Year), "P3Y");
        assert_eq!(duration(Qty::N(2.5), Unit::Year), "P2Y6M");
        assert_eq!(duration(Qty::N(24.0), Unit::Hour), "PT24H");
        assert_eq!(duration(Qty::N(1.5), Unit::Minute), "PT1M30S");
        assert_eq!(duration(Qty::N(1.5), Unit::Day), "P1DT12H");
        assert_eq!(duration(Qty::Vague, Unit::Week), "PXW");
        assert_eq!(duration(Qty::N(2.0), Unit::Decade), "P20Y");
    }

    #[test]
    fn values() {
        let d = NaiveDate::from_ymd_opt(2025, 2, 17).unwrap();
        assert_eq!(at_unit(d, Unit::Week).value(), "2025-W08");
        assert_eq!(at_unit(d, Unit::Quarter).value(), "2025-Q1");
        assert_eq!(at_unit(d, Unit::Decade).value(), "202");
        assert_eq!(Val::DayPart(d, DayPart::Morning).value(), "2025-02-17TMO");
        assert_eq!(
            add_months(NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(), -1)
                .unwrap()
                .to_string(),
            "2025-02-28"
        );
        assert_eq!(
            Val::Quarter(1989, 3).shift_years(-1),
            Some(Val::Quarter(1988, 3))
        );
    }
}
