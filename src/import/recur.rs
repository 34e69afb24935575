//! Recurrence rules (RFC 5545 RRULE) of calendar exports, expanded on the wall clock.
//!
//! Our own rather than the `rrule` crate's: that one names every zone of chrono-tz, whose tables
//! cost each start of protime about half a million instructions of relocations, and recurrences
//! are wall-clock times anyway ([`super::ics`] places each one in its zone afterwards). What
//! calendars export is read: FREQ from DAILY to YEARLY, INTERVAL, COUNT, BYMONTH, BYMONTHDAY,
//! BYDAY (with ordinals in MONTHLY and YEARLY rules), BYSETPOS and WKST; UNTIL is the caller's,
//! as its value needs the event's zones. Anything else is refused in words, so the event is
//! reported rather than misread.
//!
//! The expansion follows the same model as python-dateutil (and the `rrule` crate, which the
//! tests use as an oracle): every INTERVAL-th day, week, month or year from DTSTART's is a
//! period, whose days the BYxxx parts filter and BYSETPOS picks from; DTSTART itself is an
//! occurrence only if the rule yields it. Dates that do not exist (30 February) are never made.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Weekday};
use std::collections::VecDeque;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// One BYDAY entry: a weekday, and for `2TU` or `-1FR` which one in the month or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ByDay {
    nth: Option<i32>,
    weekday: Weekday,
}

/// A parsed RRULE without UNTIL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    freq: Freq,
    interval: u32,
    count: Option<u32>,
    by_month: Vec<u32>,
    by_month_day: Vec<i32>,
    by_day: Vec<ByDay>,
    by_set_pos: Vec<i32>,
    week_start: Weekday,
}

/// Reads an RRULE value such as `FREQ=MONTHLY;BYDAY=-1FR;COUNT=6` (without UNTIL).
pub fn parse(text: &str) -> Result<Rule, String> {
    let mut freq = None;
    let mut rule = Rule {
        freq: Freq::Yearly,
        interval: 1,
        count: None,
        by_month: vec![],
        by_month_day: vec![],
        by_day: vec![],
        by_set_pos: vec![],
        week_start: Weekday::Mon,
    };
    for part in text.split(';').filter(|p| !p.trim().is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("\"{part}\" is not a KEY=VALUE part"))?;
        let (key, value) = (key.trim().to_ascii_uppercase(), value.trim());
        match key.as_str() {
            "FREQ" => freq = Some(frequency(value)?),
            _ => rule.set(&key, value)?,
        }
    }
    rule.freq = freq.ok_or("no FREQ")?;
    rule.check()?;
    Ok(rule)
}

fn frequency(value: &str) -> Result<Freq, String> {
    match value.to_ascii_uppercase().as_str() {
        "DAILY" => Ok(Freq::Daily),
        "WEEKLY" => Ok(Freq::Weekly),
        "MONTHLY" => Ok(Freq::Monthly),
        "YEARLY" => Ok(Freq::Yearly),
        // A meeting does not repeat within a day; such a rule is more likely a mistake.
        "HOURLY" | "MINUTELY" | "SECONDLY" => Err(format!(
            "FREQ={value} repeats within a day; protime reads DAILY, WEEKLY, MONTHLY and YEARLY \
             rules"
        )),
        _ => Err(format!("FREQ={value} is not a frequency")),
    }
}

impl Rule {
    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "INTERVAL" => self.interval = number(key, value, 1..=u32::MAX)?,
            "COUNT" => self.count = Some(number(key, value, 0..=u32::MAX)?),
            "BYMONTH" => self.by_month = list(key, value, |v| number(key, v, 1..=12))?,
            "BYMONTHDAY" => self.by_month_day = list(key, value, |v| nonzero(key, v, 31))?,
            "BYSETPOS" => self.by_set_pos = list(key, value, |v| nonzero(key, v, 366))?,
            "BYDAY" => self.by_day = list(key, value, by_day)?,
            "WKST" => self.week_start = weekday(value)?,
            "BYYEARDAY" | "BYWEEKNO" | "BYHOUR" | "BYMINUTE" | "BYSECOND" => {
                return Err(format!(
                    "{key} is not read (calendars export days by month, month day and weekday)"
                ));
            }
            // RFC 5545 lets rules carry private parts; they do not change the dates.
            _ if key.starts_with("X-") => {}
            _ => return Err(format!("{key} is not a part of a recurrence rule")),
        }
        Ok(())
    }

    /// The combinations RFC 5545 forbids, refused rather than guessed at.
    fn check(&self) -> Result<(), String> {
        let most = match self.freq {
            Freq::Monthly => 5,
            Freq::Yearly => 53,
            Freq::Daily | Freq::Weekly => 0,
        };
        if let Some(n) = self
            .by_day
            .iter()
            .filter_map(|d| d.nth)
            .find(|n| n.abs() > most)
        {
            return Err(match most {
                0 => format!("BYDAY with a number ({n}) needs FREQ=MONTHLY or YEARLY"),
                _ => format!("BYDAY's number {n} is beyond -{most}..{most}"),
            });
        }
        if self.freq == Freq::Weekly && !self.by_month_day.is_empty() {
            return Err("BYMONTHDAY does not go with FREQ=WEEKLY".into());
        }
        let chosen = [
            self.by_month.len(),
            self.by_month_day.len(),
            self.by_day.len(),
        ];
        if !self.by_set_pos.is_empty() && chosen.iter().all(|n| *n == 0) {
            return Err("BYSETPOS needs BYDAY, BYMONTHDAY or BYMONTH to pick from".into());
        }
        Ok(())
    }

    /// What a rule without BYDAY or BYMONTHDAY means (RFC 5545): the day, weekday or date of
    /// its start.
    fn with_defaults(mut self, start: NaiveDate) -> Rule {
        if !self.by_day.is_empty() || !self.by_month_day.is_empty() {
            return self;
        }
        match self.freq {
            Freq::Yearly => {
                if self.by_month.is_empty() {
                    self.by_month = vec![start.month()];
                }
                self.by_month_day = vec![day_of_month(start)];
            }
            Freq::Monthly => self.by_month_day = vec![day_of_month(start)],
            Freq::Weekly => {
                self.by_day = vec![ByDay {
                    nth: None,
                    weekday: start.weekday(),
                }]
            }
            Freq::Daily => {}
        }
        self
    }

    /// The occurrences from `start` (DTSTART) up to `end`, in order. The work is one step per
    /// day, week, month or year between them, which the caller bounds.
    pub fn occurrences(&self, start: NaiveDateTime, end: NaiveDateTime) -> Occurrences {
        Occurrences {
            rule: self.clone().with_defaults(start.date()),
            start,
            end,
            period: 0,
            left: self.count,
            found: VecDeque::new(),
            done: false,
        }
    }
}

fn number<T>(key: &str, value: &str, range: std::ops::RangeInclusive<T>) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    value
        .trim_start_matches('+')
        .parse()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            format!(
                "{key}={value} is not a number from {} to {}",
                range.start(),
                range.end()
            )
        })
}

/// A number from `-most` to `most`, not 0 (counted from the end when negative).
fn nonzero(key: &str, value: &str, most: i32) -> Result<i32, String> {
    let n = number(key, value, -most..=most)?;
    if n == 0 {
        return Err(format!("{key}=0 names no day"));
    }
    Ok(n)
}

fn list<T>(
    key: &str,
    value: &str,
    one: impl Fn(&str) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    let items: Vec<T> = value
        .split(',')
        .map(|v| one(v.trim()))
        .collect::<Result<_, _>>()?;
    // More entries than days in a year can only be a broken or hostile rule.
    if items.len() > 366 {
        return Err(format!("{key} lists more than 366 values"));
    }
    Ok(items)
}

/// `TU`, `2TU`, `+2TU` or `-1FR`.
fn by_day(value: &str) -> Result<ByDay, String> {
    let split = value.len().saturating_sub(2);
    let (nth, day) = value
        .split_at_checked(split)
        .ok_or_else(|| format!("BYDAY={value} is not a weekday like MO or 2TU"))?;
    let nth = match nth {
        "" => None,
        n => Some(nonzero("BYDAY", n, 53)?),
    };
    Ok(ByDay {
        nth,
        weekday: weekday(day)?,
    })
}

pub(super) fn weekday(value: &str) -> Result<Weekday, String> {
    Ok(match value.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return Err(format!("\"{value}\" is not a weekday (MO, TU … SU)")),
    })
}

fn day_of_month(date: NaiveDate) -> i32 {
    i32::try_from(date.day()).unwrap_or(1)
}

/// The occurrences of a rule, in order: see [`Rule::occurrences`].
pub struct Occurrences {
    rule: Rule,
    start: NaiveDateTime,
    end: NaiveDateTime,
    /// The next period to expand: 0 is DTSTART's.
    period: u64,
    /// What COUNT still allows.
    left: Option<u32>,
    found: VecDeque<NaiveDate>,
    done: bool,
}

impl Iterator for Occurrences {
    type Item = NaiveDateTime;

    fn next(&mut self) -> Option<NaiveDateTime> {
        while self.found.is_empty() && !self.done {
            self.expand_period();
        }
        let at = self.found.pop_front()?.and_time(self.start.time());
        if at > self.end || self.left == Some(0) {
            self.done = true;
            self.found.clear();
            return None;
        }
        self.left = self.left.map(|n| n - 1);
        Some(at)
    }
}

impl Occurrences {
    /// Adds the dates of the next period; past `end`, or past the calendar's range, it is done.
    fn expand_period(&mut self) {
        let Some((first, last)) = self.bounds(self.period) else {
            self.done = true;
            return;
        };
        if first > self.end.date() {
            self.done = true;
            return;
        }
        self.period += 1;
        let days: Vec<NaiveDate> = first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| self.rule.matches(*d))
            .collect();
        let start = self.start.date();
        let picked = self.rule.pick(days);
        self.found
            .extend(picked.into_iter().filter(|d| *d >= start));
    }

    /// The first and last day of a period; None once the arithmetic leaves the calendar.
    fn bounds(&self, period: u64) -> Option<(NaiveDate, NaiveDate)> {
        let steps = period.checked_mul(u64::from(self.rule.interval))?;
        let start = self.start.date();
        match self.rule.freq {
            Freq::Daily => {
                let day = start.checked_add_days(Days::new(steps))?;
                Some((day, day))
            }
            Freq::Weekly => {
                let back = (7 + start.weekday().num_days_from_monday()
                    - self.rule.week_start.num_days_from_monday())
                    % 7;
                let week = start.checked_sub_days(Days::new(u64::from(back)))?;
                let first = week.checked_add_days(Days::new(steps.checked_mul(7)?))?;
                // DTSTART's week is read from DTSTART on (as dateutil does, for BYSETPOS).
                Some((first.max(start), first.checked_add_days(Days::new(6))?))
            }
            Freq::Monthly => {
                let months = i64::from(start.year()) * 12 + i64::from(start.month0());
                let months = months.checked_add(i64::try_from(steps).ok()?)?;
                let year = i32::try_from(months.div_euclid(12)).ok()?;
                let month = u32::try_from(months.rem_euclid(12)).ok()? + 1;
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                Some((first, last_of_month(first)?))
            }
            Freq::Yearly => {
                let year = i64::from(start.year()).checked_add(i64::try_from(steps).ok()?)?;
                let year = i32::try_from(year).ok()?;
                Some((
                    NaiveDate::from_ymd_opt(year, 1, 1)?,
                    NaiveDate::from_ymd_opt(year, 12, 31)?,
                ))
            }
        }
    }
}

fn last_of_month(first: NaiveDate) -> Option<NaiveDate> {
    first.checked_add_months(chrono::Months::new(1))?.pred_opt()
}

impl Rule {
    /// Whether BYMONTH, BYMONTHDAY and BYDAY all let a day of a period through.
    fn matches(&self, day: NaiveDate) -> bool {
        (self.by_month.is_empty() || self.by_month.contains(&day.month()))
            && (self.by_month_day.is_empty()
                || self.by_month_day.iter().any(|n| is_month_day(day, *n)))
            && (self.by_day.is_empty() || self.by_day.iter().any(|b| self.is_by_day(day, b)))
    }

    fn is_by_day(&self, day: NaiveDate, by: &ByDay) -> bool {
        if day.weekday() != by.weekday {
            return false;
        }
        let Some(nth) = by.nth else {
            return true;
        };
        // Which one is counted in the month, or in the year for a YEARLY rule without BYMONTH.
        let in_year = self.freq == Freq::Yearly && self.by_month.is_empty();
        let first = match in_year {
            true => day.with_ordinal(1),
            false => day.with_day(1),
        };
        let last = match in_year {
            true => NaiveDate::from_ymd_opt(day.year(), 12, 31),
            false => first.and_then(last_of_month),
        };
        let (Some(first), Some(last)) = (first, last) else {
            return false;
        };
        match nth > 0 {
            true => (day - first).num_days() / 7 + 1 == i64::from(nth),
            false => (last - day).num_days() / 7 + 1 == -i64::from(nth),
        }
    }

    /// BYSETPOS: the n-th (from the end when negative) of a period's days, in order.
    fn pick(&self, days: Vec<NaiveDate>) -> Vec<NaiveDate> {
        if self.by_set_pos.is_empty() {
            return days;
        }
        let len = i64::try_from(days.len()).unwrap_or(i64::MAX);
        let mut picked: Vec<NaiveDate> = self
            .by_set_pos
            .iter()
            .filter_map(|&n| {
                let i = if n > 0 {
                    i64::from(n) - 1
                } else {
                    len + i64::from(n)
                };
                days.get(usize::try_from(i).ok()?).copied()
            })
            .collect();
        picked.sort();
        picked.dedup();
        picked
    }
}

/// BYMONTHDAY: `n` counts from the month's start, or from its end when negative.
fn is_month_day(day: NaiveDate, n: i32) -> bool {
    let from_start = i32::try_from(day.day()).unwrap_or(0);
    if n > 0 {
        return from_start == n;
    }
    let days = day
        .with_day(1)
        .and_then(last_of_month)
        .map_or(0, |last| i32::try_from(last.day()).unwrap_or(0));
    from_start == days + n + 1
}

#[cfg(test)]
#[path = "recur_test.rs"]
mod tests;
