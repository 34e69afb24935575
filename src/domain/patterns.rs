//! Where a period's time went, as patterns: the proactive share month by month, reactive time by
//! weekday and by hour of day, the planned proactive time each weekday morning and afternoon kept,
//! and reactive time by account tier. All of it is read from the per-day [`Figures`], so it adds
//! up with the totals beside it.

use super::report::Figures;
use super::span::Span;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Weekday};
use std::collections::BTreeMap;

/// Blocks that start before this are the morning's; the rest the afternoon's.
const NOON: NaiveTime = match NaiveTime::from_hms_opt(12, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// 0 for a block starting in the morning, 1 in the afternoon.
pub fn half_of(start: NaiveTime) -> usize {
    usize::from(start >= NOON)
}

/// Adds the seconds of `piece` to the local hours of day they fall in.
pub fn add_by_hour<Tz: TimeZone>(hours: &mut [i64; 24], piece: &Span, tz: &Tz) {
    let mut at = piece.start;
    while at < piece.end {
        let local = at.with_timezone(tz);
        let into_hour = i64::from(local.minute()) * 60 + i64::from(local.second());
        let next = (at + Duration::seconds(3600 - into_hour)).min(piece.end);
        hours[local.hour() as usize % 24] += (next - at).num_seconds();
        at = next;
    }
}

/// The period's months, each as its first day with its figures, oldest first.
pub fn by_month(days: &[(NaiveDate, Figures)]) -> Vec<(NaiveDate, Figures)> {
    let mut months: Vec<(NaiveDate, Figures)> = vec![];
    for (date, f) in days {
        let first = date.with_day(1).unwrap_or(*date);
        match months.last_mut() {
            Some((start, sum)) if *start == first => sum.add(f),
            _ => months.push((first, f.clone())),
        }
    }
    months
}

/// Reactive minutes by weekday, Monday first.
pub fn reactive_by_weekday(days: &[(NaiveDate, Figures)]) -> [i64; 7] {
    let mut week = [0; 7];
    for (date, f) in days {
        week[date.weekday().num_days_from_monday() as usize] +=
            f.minutes(super::Category::Reactive);
    }
    week
}

/// One weekday morning or afternoon over a period: the proactive time planned in blocks starting
/// then, and how much of it was kept (tracked inside them as proactive).
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub weekday: Weekday,
    pub afternoon: bool,
    pub planned: i64,
    pub kept: i64,
    /// The days that planned proactive time in this slot.
    pub days: usize,
}

impl Slot {
    pub fn lost(&self) -> i64 {
        (self.planned - self.kept).max(0)
    }

    /// The part of the planned time lost, in percent.
    pub fn lost_share(&self) -> Option<f64> {
        (self.planned > 0).then(|| self.lost() as f64 * 100.0 / self.planned as f64)
    }

    /// "Tuesday afternoons".
    pub fn name(&self) -> String {
        let half = if self.afternoon {
            "afternoons"
        } else {
            "mornings"
        };
        format!("{} {half}", weekday_name(self.weekday))
    }
}

pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Every weekday morning and afternoon that planned proactive time, Monday morning first.
pub fn kept_by_slot(days: &[(NaiveDate, Figures)]) -> Vec<Slot> {
    let mut slots: BTreeMap<(u32, usize), Slot> = BTreeMap::new();
    for (date, f) in days {
        for half in 0..2 {
            if f.planned_by_half[half] == 0 {
                continue;
            }
            let weekday = date.weekday();
            let slot = slots
                .entry((weekday.num_days_from_monday(), half))
                .or_insert(Slot {
                    weekday,
                    afternoon: half == 1,
                    planned: 0,
                    kept: 0,
                    days: 0,
                });
            slot.planned += f.planned_by_half[half];
            slot.kept += f.protected_by_half[half];
            slot.days += 1;
        }
    }
    slots.into_values().collect()
}

/// The rep's account tiers: their names, first the accounts that matter most (A … D), and the
/// tier of each account as the journal spells it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tiers {
    pub order: Vec<String>,
    pub of: BTreeMap<String, String>,
}

impl Tiers {
    pub fn tier_of(&self, account: &str) -> Option<&str> {
        self.of.get(account).map(String::as_str)
    }

    /// A tier in the lower half of the order (C and D of A–D): the small customers whose
    /// requests the method says to route elsewhere.
    pub fn is_low(&self, tier: &str) -> bool {
        self.order
            .iter()
            .position(|t| t == tier)
            .is_some_and(|i| i * 2 >= self.order.len() && i > 0)
    }
}

/// Reactive minutes by tier, in the tiers' order, then `None` for named accounts without a tier;
/// tiers with no minutes are left out. The unnamed minutes are the figures' own
/// ([`Figures::reactive_unnamed`]).
pub fn reactive_by_tier(f: &Figures, tiers: &Tiers) -> Vec<(Option<String>, i64)> {
    let mut sums: BTreeMap<Option<usize>, i64> = BTreeMap::new();
    for (account, minutes) in &f.accounts {
        let place = tiers
            .tier_of(account)
            .and_then(|t| tiers.order.iter().position(|o| o == t));
        *sums.entry(place).or_default() += minutes;
    }
    let untiered = sums.remove(&None);
    let mut rows: Vec<(Option<String>, i64)> = sums
        .into_iter()
        .filter(|(_, m)| *m > 0)
        .filter_map(|(i, m)| Some((Some(tiers.order.get(i?)?.clone()), m)))
        .collect();
    if let Some(m) = untiered.filter(|m| *m > 0) {
        rows.push((None, m));
    }
    rows
}

#[cfg(test)]
#[path = "patterns_test.rs"]
mod tests;
