//! Period figures, shared by the Month tab and `protime report`.
//!
//! Definitions (also in README): a working day's capacity is the weekly capacity over the working
//! weekdays; days off, public holidays, days before counting started, non-working days and days
//! still ahead have none (the rule is `Capacity`'s). For any period,
//! base = max(capacity, tracked) and UNLOGGED = base − tracked; a category's share is its hours
//! over base. Plan adherence = proactive time tracked inside planned proactive blocks ÷ planned
//! proactive time.

use super::category::Category;
use super::check::{Capacity, DayKind, block_actuals};
use super::day::{Day, Decision};
use super::span::{day_bounds, owned_pieces, planned_by_block, session_span, tracked_minutes};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone};
use std::collections::BTreeMap;

/// One day's contribution to a period.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    /// Days in the period (with or without a file).
    pub days: usize,
    pub capacity: i64,
    pub tracked: BTreeMap<Category, i64>,
    pub planned_proactive: i64,
    pub protected: i64,
    /// Answers of the working days up to today: yes, partly, no, no review.
    pub decided: [usize; 4],
    /// Reactive minutes per account.
    pub accounts: BTreeMap<String, i64>,
    /// Reactive sessions per account: how often each broke in.
    pub account_sessions: BTreeMap<String, usize>,
    /// Reactive minutes by local hour of day (0–23): when reactive work comes.
    pub reactive_by_hour: [i64; 24],
    /// Planned proactive minutes, and those kept, of blocks starting before noon and after it.
    pub planned_by_half: [i64; 2],
    pub protected_by_half: [i64; 2],
    /// Proactive minutes per objective (tracked inside blocks naming it).
    pub objectives: BTreeMap<String, i64>,
    /// Minutes in inbox slots, and the minutes of the inbox slots planned.
    pub inbox: i64,
    pub inbox_planned: i64,
    /// Parked mails handled, and those left waiting at the end of their day.
    pub parked_handled: usize,
    pub parked_waiting: usize,
    /// Working weekdays off (marked off, or a public holiday): no capacity, no review asked.
    pub days_off: usize,
    /// Working weekdays before counting started (the journal's first day or `tracking_since`).
    pub days_before_start: usize,
    /// Working days that have begun (today included, even before its working hours): a week that
    /// has one is this week, worth a row on Monday morning.
    pub days_begun: usize,
}

impl Figures {
    pub fn total(&self) -> i64 {
        self.tracked.values().sum()
    }

    pub fn minutes(&self, category: Category) -> i64 {
        self.tracked.get(&category).copied().unwrap_or(0)
    }

    pub fn base(&self) -> i64 {
        self.capacity.max(self.total())
    }

    pub fn unlogged(&self) -> i64 {
        self.base() - self.total()
    }

    /// A category's share of the base, in percent (`None` for an empty base).
    pub fn share(&self, category: Category) -> Option<f64> {
        let base = self.base();
        (base > 0).then(|| self.minutes(category) as f64 * 100.0 / base as f64)
    }

    pub fn unlogged_share(&self) -> Option<f64> {
        let base = self.base();
        (base > 0).then(|| self.unlogged() as f64 * 100.0 / base as f64)
    }

    pub fn adherence(&self) -> Option<f64> {
        (self.planned_proactive > 0)
            .then(|| self.protected as f64 * 100.0 / self.planned_proactive as f64)
    }

    pub fn add(&mut self, other: &Figures) {
        self.days += other.days;
        self.capacity += other.capacity;
        for (c, m) in &other.tracked {
            *self.tracked.entry(*c).or_default() += m;
        }
        self.planned_proactive += other.planned_proactive;
        self.protected += other.protected;
        self.inbox += other.inbox;
        self.inbox_planned += other.inbox_planned;
        self.parked_handled += other.parked_handled;
        self.parked_waiting += other.parked_waiting;
        self.days_off += other.days_off;
        self.days_before_start += other.days_before_start;
        self.days_begun += other.days_begun;
        for i in 0..4 {
            self.decided[i] += other.decided[i];
        }
        for (k, v) in &other.accounts {
            *self.accounts.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.objectives {
            *self.objectives.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.account_sessions {
            *self.account_sessions.entry(k.clone()).or_default() += v;
        }
        for (mine, theirs) in self.reactive_by_hour.iter_mut().zip(other.reactive_by_hour) {
            *mine += theirs;
        }
        for half in 0..2 {
            self.planned_by_half[half] += other.planned_by_half[half];
            self.protected_by_half[half] += other.protected_by_half[half];
        }
    }

    /// Reactive minutes that named no account: "which customers eat my time" is answered from
    /// the named part, and this says how much is left unanswered.
    pub fn reactive_unnamed(&self) -> i64 {
        (self.minutes(Category::Reactive) - self.accounts.values().sum::<i64>()).max(0)
    }

    /// Accounts by reactive minutes, most first.
    pub fn top_accounts(&self) -> Vec<(String, i64)> {
        let mut list: Vec<(String, i64)> =
            self.accounts.iter().map(|(a, m)| (a.clone(), *m)).collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        list
    }
}

/// Today's proactive share as every screen and verb gives it: of the capacity so far; before the
/// working day starts (no capacity yet), the proactive hours against the day's target hours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TodayShare {
    Percent(f64),
    Hours { done: i64, target: i64 },
    Nothing,
}

impl TodayShare {
    /// From today's figures, the whole day's capacity and the target share in percent.
    pub fn of(f: &Figures, full_capacity: i64, target: f64) -> TodayShare {
        if f.capacity == 0 && full_capacity > 0 {
            let target = (full_capacity as f64 * target / 100.0).round() as i64;
            return TodayShare::Hours {
                done: f.minutes(Category::Proactive),
                target,
            };
        }
        f.share(Category::Proactive)
            .map_or(TodayShare::Nothing, TodayShare::Percent)
    }

    pub fn percent(&self) -> Option<f64> {
        match self {
            TodayShare::Percent(p) => Some(*p),
            _ => None,
        }
    }
}

impl std::fmt::Display for TodayShare {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use super::timefmt::format_minutes;
        match self {
            TodayShare::Percent(p) => write!(f, "{p:.0}%"),
            TodayShare::Hours { done, target } => {
                write!(
                    f,
                    "{} of {}",
                    format_minutes(*done),
                    format_minutes(*target)
                )
            }
            TodayShare::Nothing => f.write_str("–"),
        }
    }
}

/// The figures of one day; `day` is `None` when the journal has no file for it.
pub fn day_figures<Tz: TimeZone>(
    date: NaiveDate,
    day: Option<&Day>,
    capacity: &Capacity,
    tz: &Tz,
    now: DateTime<FixedOffset>,
) -> Figures {
    let off = day.is_some_and(|d| d.off.is_some());
    let local_now = now.with_timezone(tz).naive_local();
    let cap = capacity.so_far(date, off, local_now);
    let kind = capacity.kind(date, off);
    let mut f = Figures {
        days: 1,
        capacity: cap,
        days_off: usize::from(kind == DayKind::Off),
        days_before_start: usize::from(kind == DayKind::BeforeStart),
        days_begun: usize::from(kind == DayKind::Working && date <= local_now.date()),
        ..Figures::default()
    };
    if cap > 0 {
        let answer = day.and_then(|d| d.review.as_ref()).and_then(|r| r.decided);
        let slot = match answer {
            Some(Decision::Yes) => 0,
            Some(Decision::Partly) => 1,
            Some(Decision::No) => 2,
            None => 3,
        };
        f.decided[slot] = 1;
    }
    let Some(day) = day else {
        f.tracked = Category::ALL.iter().map(|c| (*c, 0)).collect();
        return f;
    };
    let window = day_bounds(tz, date);
    f.tracked = tracked_minutes(&day.sessions, &window, now);
    let actuals = block_actuals(day, tz, now);
    let planned = planned_by_block(&day.blocks);
    for b in day
        .blocks
        .iter()
        .filter(|b| b.category == Category::Proactive)
    {
        let done = actuals.get(&b.id).map_or(0, |a| a.done);
        let minutes = planned.get(&b.id).copied().unwrap_or(0);
        f.planned_proactive += minutes;
        f.protected += done;
        let half = super::patterns::half_of(b.start);
        f.planned_by_half[half] += minutes;
        f.protected_by_half[half] += done;
        if let Some(objective) = &b.objective {
            *f.objectives.entry(objective.clone()).or_default() += done;
        }
    }
    // By account, every second counted once (the rule of the category totals).
    let mut by_account: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_hour = [0i64; 24];
    for (piece, s) in owned_pieces(&day.sessions, &window, now) {
        if s.category != Category::Reactive {
            continue;
        }
        super::patterns::add_by_hour(&mut by_hour, &piece, tz);
        if let Some(account) = &s.account {
            *by_account.entry(account.clone()).or_default() += piece.seconds();
        }
    }
    f.accounts = by_account
        .into_iter()
        .map(|(a, secs)| (a, secs / 60))
        .collect();
    f.reactive_by_hour = by_hour.map(|secs| secs / 60);
    for s in day
        .sessions
        .iter()
        .filter(|s| s.category == Category::Reactive)
    {
        if let Some(account) = &s.account {
            *f.account_sessions.entry(account.clone()).or_default() += 1;
        }
    }
    add_inbox(&mut f, day, &window, now);
    f
}

/// The inbox's part of a day: slot time against the planned slots, and what the parking list did.
fn add_inbox(f: &mut Figures, day: &Day, window: &super::span::Span, now: DateTime<FixedOffset>) {
    let in_slots: i64 = day
        .sessions
        .iter()
        .filter(|s| s.kind == super::category::SessionKind::Inbox)
        .filter_map(|s| session_span(s, now).clip(window))
        .map(|p| p.seconds())
        .sum();
    f.inbox = in_slots / 60;
    f.inbox_planned = day
        .blocks
        .iter()
        .filter(|b| b.kind == super::day::BlockKind::Inbox)
        .map(|b| b.minutes())
        .sum();
    let counts = super::inbox::counts(&day.parked);
    f.parked_handled = counts.handled();
    f.parked_waiting = counts.waiting;
}

/// How rows of a report are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Day,
    /// ISO weeks, Monday first.
    Week,
    Month,
}

/// Groups per-day figures (in date order) into labelled rows.
pub fn group(days: &[(NaiveDate, Figures)], by: Grouping) -> Vec<(String, Figures)> {
    let mut rows: Vec<(String, Figures)> = vec![];
    for (date, f) in days {
        let label = match by {
            Grouping::Day => date.to_string(),
            Grouping::Week => {
                let w = date.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Grouping::Month => date.format("%Y-%m").to_string(),
        };
        match rows.last_mut() {
            Some((l, total)) if *l == label => total.add(f),
            _ => rows.push((label, f.clone())),
        }
    }
    rows
}

/// The weeks worth a row: those with capacity, tracked time, days off or a working day begun
/// (this week, on Monday before work). Weeks wholly ahead of today or before counting started
/// have none of these and are left out.
pub fn counted_weeks(days: &[(NaiveDate, Figures)]) -> Vec<(String, Figures)> {
    group(days, Grouping::Week)
        .into_iter()
        .filter(|(_, f)| f.capacity > 0 || f.total() > 0 || f.days_off > 0 || f.days_begun > 0)
        .collect()
}

/// "2026-W45" → "week of 2 Nov": the Monday a rep's calendar shows, not the ISO number.
pub fn week_of(iso: &str) -> String {
    let monday = iso.split_once("-W").and_then(|(year, week)| {
        let (year, week) = (year.parse().ok()?, week.parse().ok()?);
        chrono::NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)
    });
    monday.map_or(iso.to_string(), |m| {
        format!("week of {}", m.format("%-d %b"))
    })
}

/// The sum of all rows.
pub fn total(days: &[(NaiveDate, Figures)]) -> Figures {
    let mut sum = Figures::default();
    for (_, f) in days {
        sum.add(f);
    }
    sum
}

/// "Proactive 31% vs 40% target, up from 24% in October".
pub fn month_reading(current: &Figures, previous: Option<(&str, &Figures)>, target: f64) -> String {
    let Some(share) = current.share(Category::Proactive) else {
        return "No capacity and nothing tracked in this period".into();
    };
    let mut text = format!("Proactive {share:.0}% vs {target:.0}% target");
    if let Some((name, prev)) = previous
        && let Some(before) = prev.share(Category::Proactive)
        && prev.base() > 0
    {
        let word = match share.round() as i64 - before.round() as i64 {
            d if d > 0 => "up from",
            d if d < 0 => "down from",
            _ => "the same as",
        };
        text.push_str(&format!(", {word} {before:.0}% in {name}"));
    }
    text
}

#[cfg(test)]
#[path = "report_test.rs"]
mod tests;
