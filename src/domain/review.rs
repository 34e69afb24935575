//! The end-of-day facts, computed from the journal, and the plain-language reading of them.

use super::category::{Category, SessionKind};
use super::check::block_actuals;
use super::day::{BlockKind, Day};
use super::span::{Span, block_span, day_bounds, planned_by_block, session_span, tracked_minutes};
use super::timefmt::format_minutes;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use std::collections::BTreeMap;

/// What the day really was.
#[derive(Debug, Clone, PartialEq)]
pub struct DayFacts {
    pub capacity: i64,
    pub planned_proactive: i64,
    /// Proactive minutes tracked anywhere in the day.
    pub proactive: i64,
    /// Proactive minutes tracked inside planned proactive blocks.
    pub protected: i64,
    /// `protected ÷ planned_proactive`, in percent.
    pub adherence: Option<f64>,
    pub interruptions: usize,
    pub reactive: i64,
    /// Accounts that took reactive time: (account, interruptions, minutes), most minutes first.
    pub accounts: Vec<(String, usize, i64)>,
    pub inbox: i64,
    pub inbox_planned: i64,
    pub outside_blocks: i64,
    pub hijacked: usize,
    /// Proactive minutes ÷ max(capacity, tracked), in percent.
    pub proactive_share: Option<f64>,
    pub tracked: i64,
    /// Parked mails handled today, and those still waiting.
    pub parked_handled: usize,
    pub parked_waiting: usize,
}

/// Computes the facts of `day` (a session across midnight counts only its part in this day).
pub fn day_facts<Tz: TimeZone>(
    day: &Day,
    capacity: i64,
    tz: &Tz,
    now: DateTime<FixedOffset>,
) -> DayFacts {
    let window = day_bounds(tz, day.date);
    let totals = tracked_minutes(&day.sessions, &window, now);
    let tracked: i64 = totals.values().sum();
    let actuals = block_actuals(day, tz, now);
    let proactive_blocks = day
        .blocks
        .iter()
        .filter(|b| b.category == Category::Proactive);
    let planned = planned_by_block(&day.blocks);
    let planned_proactive: i64 = proactive_blocks
        .clone()
        .map(|b| planned.get(&b.id).copied().unwrap_or(0))
        .sum();
    let protected: i64 = proactive_blocks
        .clone()
        .map(|b| actuals.get(&b.id).map_or(0, |a| a.done))
        .sum();
    let hijacked = proactive_blocks
        .filter(|b| actuals.get(&b.id).is_some_and(|a| a.hijacked))
        .count();
    let inside = |kind: SessionKind| -> i64 {
        let secs: i64 = day
            .sessions
            .iter()
            .filter(|s| s.kind == kind)
            .filter_map(|s| session_span(s, now).clip(&window))
            .map(|p| p.seconds())
            .sum();
        secs / 60
    };
    let inbox_planned = day
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Inbox)
        .map(|b| b.minutes())
        .sum();
    let base = capacity.max(tracked);
    DayFacts {
        capacity,
        planned_proactive,
        proactive: totals[&Category::Proactive],
        protected,
        adherence: (planned_proactive > 0)
            .then(|| protected as f64 * 100.0 / planned_proactive as f64),
        interruptions: day
            .sessions
            .iter()
            .filter(|s| s.kind == SessionKind::Interruption)
            .count(),
        reactive: totals[&Category::Reactive],
        accounts: reactive_accounts(day, &window, now),
        inbox: inside(SessionKind::Inbox),
        inbox_planned,
        outside_blocks: outside_blocks(day, tz, &window, now),
        hijacked,
        proactive_share: (base > 0)
            .then(|| totals[&Category::Proactive] as f64 * 100.0 / base as f64),
        tracked,
        parked_handled: super::inbox::counts(&day.parked).handled(),
        parked_waiting: super::inbox::counts(&day.parked).waiting,
    }
}

fn reactive_accounts(
    day: &Day,
    window: &Span,
    now: DateTime<FixedOffset>,
) -> Vec<(String, usize, i64)> {
    let mut by_account: BTreeMap<String, (usize, i64)> = BTreeMap::new();
    for s in day
        .sessions
        .iter()
        .filter(|s| s.category == Category::Reactive)
    {
        let Some(account) = s.account.clone().or_else(|| {
            s.title
                .clone()
                .filter(|_| s.kind == SessionKind::Interruption)
        }) else {
            continue;
        };
        let seconds = session_span(s, now).clip(window).map_or(0, |p| p.seconds());
        let entry = by_account.entry(account).or_default();
        entry.0 += usize::from(s.kind == SessionKind::Interruption);
        entry.1 += seconds;
    }
    let mut list: Vec<(String, usize, i64)> = by_account
        .into_iter()
        .map(|(a, (n, secs))| (a, n, secs / 60))
        .collect();
    list.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    list
}

/// Minutes tracked outside every planned block.
fn outside_blocks<Tz: TimeZone>(
    day: &Day,
    tz: &Tz,
    window: &Span,
    now: DateTime<FixedOffset>,
) -> i64 {
    let blocks: Vec<Span> = day
        .blocks
        .iter()
        .map(|b| block_span(tz, day.date, b))
        .collect();
    let mut seconds = 0;
    for s in &day.sessions {
        let Some(part) = session_span(s, now).clip(window) else {
            continue;
        };
        let covered: i64 = merged_overlap(&blocks, &part);
        seconds += part.seconds() - covered;
    }
    seconds / 60
}

/// Seconds of `part` covered by the union of `spans` (overlapping blocks are not counted twice).
fn merged_overlap(spans: &[Span], part: &Span) -> i64 {
    let mut clipped: Vec<Span> = spans.iter().filter_map(|s| s.clip(part)).collect();
    clipped.sort_by_key(|s| s.start);
    let mut total = 0;
    let mut reach = part.start;
    for s in clipped {
        let start = s.start.max(reach);
        if s.end > start {
            total += (s.end - start).num_seconds();
            reach = s.end;
        }
    }
    total
}

impl DayFacts {
    /// The plain-language reading of the day, a line per thought.
    pub fn reading(&self, target: f64) -> Vec<String> {
        let mut lines = vec![match self.adherence {
            Some(pct) => format!(
                "You protected {} of {} planned proactive time ({pct:.0}%).",
                format_minutes(self.protected),
                format_minutes(self.planned_proactive)
            ),
            None if self.proactive > 0 => format!(
                "No proactive block was planned; {} proactive happened anyway.",
                format_minutes(self.proactive)
            ),
            None => "No proactive time was planned or tracked.".into(),
        }];
        let mostly = self.accounts.first().map_or(String::new(), |(a, n, _)| {
            if *n > 0 {
                format!(" — mostly {a} ({n})")
            } else {
                format!(" — mostly {a}")
            }
        });
        let n = self.interruptions;
        lines.push(format!(
            "{n} interruption{}, {} reactive{mostly}.",
            plural(n),
            format_minutes(self.reactive)
        ));
        let mut extra = vec![];
        if self.inbox > 0 || self.inbox_planned > 0 {
            let (done, planned) = (
                format_minutes(self.inbox),
                format_minutes(self.inbox_planned),
            );
            extra.push(format!("Inbox {done} (planned {planned})"));
        }
        if self.parked_handled + self.parked_waiting > 0 {
            extra.push(format!(
                "{} parked mail{} handled, {} waiting",
                self.parked_handled,
                plural(self.parked_handled),
                self.parked_waiting
            ));
        }
        if self.hijacked > 0 {
            extra.push(format!(
                "{} block{} hijacked",
                self.hijacked,
                plural(self.hijacked)
            ));
        }
        if self.outside_blocks > 0 {
            extra.push(format!(
                "{} outside any block",
                format_minutes(self.outside_blocks)
            ));
        }
        if !extra.is_empty() {
            lines.push(format!("{}.", extra.join(". ")));
        }
        lines.push(match (self.proactive_share, self.capacity) {
            (_, 0) => "A day without capacity (off or not a working day).".into(),
            (Some(share), _) => {
                format!("Proactive share {share:.0}% of capacity · target {target:.0}%.")
            }
            (None, _) => format!("Nothing tracked · target {target:.0}%."),
        });
        lines
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Reviewed working days in a row, counting back from `until` (a day without review that is
/// still today does not break it; days off and days without capacity are skipped).
pub fn review_streak(days: &[(NaiveDate, bool, bool)], until: NaiveDate) -> usize {
    let mut sorted: Vec<&(NaiveDate, bool, bool)> =
        days.iter().filter(|(d, _, _)| *d <= until).collect();
    sorted.sort_by_key(|(d, _, _)| std::cmp::Reverse(*d));
    let mut streak = 0;
    for (date, working, reviewed) in sorted {
        match (working, reviewed) {
            (_, true) => streak += 1,
            (false, false) => continue,
            (true, false) if *date == until => continue,
            (true, false) => break,
        }
    }
    streak
}

#[cfg(test)]
#[path = "review_test.rs"]
mod tests;
