//! Normalisation: a recognised meaning ([`Sem`]) plus the document date, the narrative anchor
//! and the tense of the clause give the TIMEX3 type and value.

use crate::grammar::{QRef, Rel, Sem, YearRef};
use crate::tense::Tense;
use crate::value::{add_days, at_unit, shift_day, Qty, Season, Unit, Val};
use attache_doc::TimexType;
use chrono::{Datelike, NaiveDate};

/// What the text has established so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ctx {
    /// Document creation time.
    pub dct: Option<NaiveDate>,
    /// Last calendar point the narrative mentioned (`on Feb. 3`, `last year`).
    pub anchor: Option<Val>,
    /// Last quarter spoken of (`the third quarter`): `the quarter`, `a year earlier` refer to it.
    pub quarter: Option<(i32, u32)>,
    /// The last expression earlier in the same sentence, if any.
    pub local: Option<Local>,
}

/// What the sentence has just spoken of: `a year earlier` compares with it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Local {
    Point(Val),
    /// A span of months within a year (`the nine months`): the comparison is with a year.
    MonthSpan,
}

/// A normalised expression.
pub(crate) struct Resolved {
    pub timex_type: TimexType,
    pub value: Option<String>,
    pub granularity: Option<&'static str>,
    pub val: Option<Val>,
}

fn rank_val(v: &Val) -> u8 {
    match v {
        Val::Day(_) | Val::DayPart(..) | Val::Clock(..) => 0,
        Val::Week(..) | Val::Weekend(..) => 1,
        Val::Month(..) => 2,
        Val::Quarter(..) | Val::Half(..) | Val::Season(..) => 3,
        Val::Year(_) => 4,
        Val::Decade(_) => 5,
        Val::Century(_) => 6,
    }
}

fn rank_unit(u: Unit) -> u8 {
    match u {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => 0,
        Unit::Week | Unit::Weekend => 1,
        Unit::Month => 2,
        Unit::Quarter => 3,
        Unit::Year => 4,
        Unit::Decade => 5,
        Unit::Century | Unit::Millennium => 6,
    }
}

fn weekday_of(d: NaiveDate) -> u32 {
    d.weekday().number_from_monday()
}

/// Latest day with weekday `wd` at or before `d` (strictly before when `strict`).
fn wd_before(d: NaiveDate, wd: u32, strict: bool) -> Option<NaiveDate> {
    let cur = weekday_of(d) as i64;
    let mut back = (cur - wd as i64).rem_euclid(7);
    if strict && back == 0 {
        back = 7;
    }
    add_days(d, -back)
}

/// Earliest day with weekday `wd` at or after `d` (strictly after when `strict`).
fn wd_after(d: NaiveDate, wd: u32, strict: bool) -> Option<NaiveDate> {
    let cur = weekday_of(d) as i64;
    let mut fwd = (wd as i64 - cur).rem_euclid(7);
    if strict && fwd == 0 {
        fwd = 7;
    }
    add_days(d, fwd)
}

impl Ctx {
    fn anchor_day(&self) -> Option<NaiveDate> {
        match self.anchor {
            Some(a) if a.is_day() => a.first_day(),
            _ => None,
        }
    }

    /// Previous quarter of the document date: what an earnings report is about.
    fn report_quarter(&self) -> Option<(i32, u32)> {
        let d = self.dct?;
        let q = d.month0() / 3 + 1;
        Some(if q == 1 {
            (d.year() - 1, 4)
        } else {
            (d.year(), q - 1)
        })
    }

    fn context_quarter(&self) -> Option<(i32, u32)> {
        self.quarter.or_else(|| self.report_quarter())
    }

    fn year_of(&self, yr: YearRef, ctx_year: Option<i32>) -> Option<i32> {
        match yr {
            YearRef::Abs(y) => Some(y),
            YearRef::Dct(k) => Some(self.dct?.year() + k),
            YearRef::Ctx(k) => Some(ctx_year.or_else(|| self.dct.map(|d| d.year()))? + k),
            YearRef::Implicit => ctx_year.or_else(|| self.dct.map(|d| d.year())),
        }
    }
}

/// Resolve `sem`; `tense` is computed only when the direction matters.
pub(crate) fn resolve(sem: &Sem, ctx: &Ctx, tense: &mut dyn FnMut() -> Tense) -> Resolved {
    let (timex_type, fixed) = match sem {
        Sem::Ref(r) => (TimexType::Date, Some(r.to_string())),
        Sem::Dur(d) => (TimexType::Duration, Some(d.clone())),
        Sem::Set(s) => (TimexType::Set, Some(s.clone())),
        Sem::Clock { .. } | Sem::DayPart { .. } => (TimexType::Time, None),
        _ => (TimexType::Date, None),
    };
    if fixed.is_some() {
        return Resolved {
            timex_type,
            value: fixed,
            granularity: None,
            val: None,
        };
    }
    // Vague shifts ("several years ago") are references, handled by the grammar; numeric ones here.
    let val = point(sem, ctx, tense);
    Resolved {
        timex_type,
        value: val.map(|v| v.value()),
        granularity: val.map(|v| v.granularity()),
        val,
    }
}

fn point(sem: &Sem, ctx: &Ctx, tense: &mut dyn FnMut() -> Tense) -> Option<Val> {
    let dct = ctx.dct;
    match sem {
        Sem::Cal {
            year,
            month,
            day,
            wd,
        } => {
            let m = *month;
            match (year, day) {
                (YearRef::Implicit, Some(d)) => {
                    let dct = dct?;
                    let cands = [-1, 0, 1]
                        .iter()
                        .filter_map(|k| NaiveDate::from_ymd_opt(dct.year() + k, m, *d));
                    if let Some(wd) = wd {
                        // "Saturday, April 25": the year where the 25th is a Saturday.
                        if let Some(c) = cands
                            .clone()
                            .filter(|c| weekday_of(*c) == *wd)
                            .min_by_key(|c| (*c - dct).num_days().abs())
                        {
                            return Some(Val::Day(c));
                        }
                    }
                    let t = tense();
                    cands
                        .min_by_key(|c| direction_cost((*c - dct).num_days(), t))
                        .map(Val::Day)
                }
                (YearRef::Implicit, None) => month_rel(m, Rel::Bare, ctx, tense),
                (yr, Some(d)) => {
                    NaiveDate::from_ymd_opt(ctx.year_of(*yr, None)?, m, *d).map(Val::Day)
                }
                (yr, None) => Some(Val::Month(ctx.year_of(*yr, None)?, m)),
            }
        }
        Sem::Year(y) => Some(Val::Year(*y)),
        Sem::YearOf(yr) => {
            let ctx_year = match yr {
                YearRef::Ctx(_) => ctx.anchor.and_then(|a| a.year()),
                _ => None,
            };
            Some(Val::Year(ctx.year_of(*yr, ctx_year)?))
        }
        Sem::MonthRel { month, rel } => month_rel(*month, *rel, ctx, tense),
        Sem::Weekday { wd, rel } => {
            let wd = *wd;
            let d = match rel {
                Rel::Bare => {
                    let dct = dct?;
                    match tense() {
                        Tense::Future => wd_after(dct, wd, false),
                        _ => wd_before(dct, wd, false),
                    }
                }
                Rel::Last => wd_before(dct?, wd, true),
                Rel::Next => wd_after(dct?, wd, true),
                Rel::This => {
                    let dct = dct?;
                    add_days(dct, wd as i64 - weekday_of(dct) as i64)
                }
                Rel::Previous => wd_before(ctx.anchor_day().or(dct)?, wd, true),
                Rel::Following => wd_after(ctx.anchor_day().or(dct)?, wd, true),
            };
            d.map(Val::Day)
        }
        Sem::Weekend(rel) => {
            let dct = dct?;
            let on_weekend = weekday_of(dct) >= 6;
            let offset = match rel {
                Rel::This => 0,
                Rel::Last => -1,
                Rel::Next => 1,
                _ => match tense() {
                    Tense::Future | Tense::Present => 0,
                    _ if on_weekend => 0,
                    _ => -1,
                },
            };
            match at_unit(add_days(dct, 7 * offset)?, Unit::Weekend) {
                v @ Val::Weekend(..) => Some(v),
                _ => None,
            }
        }
        Sem::Deictic { unit, offset } => {
            let dct = dct?;
            Some(at_unit(shift_day(dct, *unit, *offset)?, *unit))
        }
        Sem::Anaphoric { unit, offset } => {
            let base = match ctx.anchor {
                Some(a) if rank_val(&a) <= rank_unit(*unit) => a.first_day(),
                _ => dct,
            }?;
            Some(at_unit(shift_day(base, *unit, *offset)?, *unit))
        }
        Sem::Shift {
            qty,
            unit,
            sign,
            from_anchor,
        } => {
            let n = match qty {
                Qty::N(_) => qty.int()?,
                Qty::Vague => return None,
            } * sign;
            if *unit == Unit::Year && n.abs() == 1 {
                match ctx.local {
                    Some(Local::Point(v)) if !matches!(v, Val::Decade(_) | Val::Century(_)) => {
                        return v.shift_years(n)
                    }
                    Some(Local::MonthSpan) => {
                        return Some(Val::Year(
                            dct.or(ctx.anchor.and_then(|a| a.first_day()))?.year() + n,
                        ))
                    }
                    _ => {}
                }
                if let Some((y, q)) = ctx.quarter {
                    return Some(Val::Quarter(y + n, q));
                }
            }
            if *from_anchor {
                if *unit == Unit::Year || *unit == Unit::Decade {
                    let k = if *unit == Unit::Decade { 10 * n } else { n };
                    let base = match ctx.anchor {
                        Some(a) => a,
                        None => Val::Year(dct?.year()),
                    };
                    return base.shift_years(k);
                }
                let base = ctx.anchor_day().or(dct)?;
                let d = shift_day(base, *unit, n)?;
                return Some(match unit {
                    Unit::Second | Unit::Minute | Unit::Hour | Unit::Day | Unit::Week => {
                        Val::Day(d)
                    }
                    u => at_unit(d, *u),
                });
            }
            let d = shift_day(dct?, *unit, n)?;
            Some(at_unit(d, *unit))
        }
        Sem::Quarter { year, q } => {
            let (y, q) = match q {
                QRef::N(n) => {
                    let y = match year {
                        YearRef::Implicit => {
                            let dct = dct?;
                            let start = NaiveDate::from_ymd_opt(dct.year(), (n - 1) * 3 + 1, 1)?;
                            if start > dct && tense() != Tense::Future {
                                dct.year() - 1
                            } else {
                                dct.year()
                            }
                        }
                        yr => ctx.year_of(*yr, ctx.context_quarter().map(|c| c.0))?,
                    };
                    (y, *n)
                }
                QRef::Context => {
                    let (cy, cq) = ctx.context_quarter()?;
                    (ctx.year_of(*year, Some(cy))?, cq)
                }
                QRef::Current | QRef::Last | QRef::Next => {
                    let dct = dct?;
                    let k = match q {
                        QRef::Last => -1,
                        QRef::Next => 1,
                        _ => 0,
                    };
                    match at_unit(shift_day(dct, Unit::Quarter, k)?, Unit::Quarter) {
                        Val::Quarter(y, q) => (y, q),
                        _ => return None,
                    }
                }
            };
            Some(Val::Quarter(y, q))
        }
        Sem::Half { year, h } => Some(Val::Half(ctx.year_of(*year, None)?, *h)),
        Sem::Season { year, s } => {
            let y = match year {
                YearRef::Implicit | YearRef::Dct(0) => {
                    let dct = dct?;
                    let mut y = dct.year();
                    if *s == Season::Winter && dct.month() <= 2 {
                        y -= 1;
                    }
                    if *year == YearRef::Implicit {
                        let start = Val::Season(y, *s).first_day()?;
                        match tense() {
                            Tense::Past if start > dct => y -= 1,
                            Tense::Future if crate::value::add_months(start, 3)? <= dct => y += 1,
                            _ => {}
                        }
                    }
                    y
                }
                yr => ctx.year_of(*yr, None)?,
            };
            Some(Val::Season(y, *s))
        }
        Sem::Decade(d) => Some(Val::Decade(*d)),
        Sem::Century(c) => Some(Val::Century(*c)),
        Sem::Clock { day, h, m } => {
            let d = match day {
                Some(s) => point(s, ctx, tense)?.first_day()?,
                None => ctx.anchor_day().or(dct)?,
            };
            Some(Val::Clock(d, *h, *m))
        }
        Sem::DayPart { day, part } => {
            let d = point(day, ctx, tense)?.first_day()?;
            Some(Val::DayPart(d, *part))
        }
        Sem::Ref(_) | Sem::Dur(_) | Sem::Set(_) => None,
    }
}

/// How unlikely a date `days` away from the document date is, given the tense: distance, plus
/// a penalty for pointing against the tense (news that does not say otherwise speaks of the
/// past, so the future is mildly penalised by default).
fn direction_cost(days: i64, t: Tense) -> i64 {
    let against = match t {
        Tense::Past => days > 0,
        Tense::Future => days < 0,
        Tense::Present | Tense::Unknown => days > 0,
        // An end point ("until Aug. 31", "by May") leans slightly forward.
        Tense::Open => days < 0,
    };
    let penalty = match t {
        // More than a year: the tense always wins over distance.
        Tense::Past | Tense::Future => 400,
        Tense::Open => 60,
        _ => 150,
    };
    days.abs() + if against { penalty } else { 0 }
}

fn month_rel(m: u32, rel: Rel, ctx: &Ctx, tense: &mut dyn FnMut() -> Tense) -> Option<Val> {
    let dct = ctx.dct?;
    let (y, cur) = (dct.year(), dct.month());
    let year = match rel {
        Rel::Last | Rel::Previous => {
            if m < cur {
                y
            } else {
                y - 1
            }
        }
        Rel::Next | Rel::Following => {
            if m > cur {
                y
            } else {
                y + 1
            }
        }
        Rel::This => y,
        Rel::Bare => {
            // The current month, else the nearest one in the direction of the tense (measured
            // from the middle of the month).
            if m == cur {
                y
            } else {
                let t = tense();
                (y - 1..=y + 1)
                    .filter_map(|yy| NaiveDate::from_ymd_opt(yy, m, 15).map(|d| (yy, d)))
                    .min_by_key(|(_, d)| direction_cost((*d - dct).num_days(), t))
                    .map_or(y, |(yy, _)| yy)
            }
        }
    };
    Some(Val::Month(year, m))
}
