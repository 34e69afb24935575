//! Is this plan realistic? Capacity, planned shares and the warnings the method gives,
//! and plan against actual per block.

use super::category::Category;
use super::day::{Block, Day, Session};
use super::span::{
    Span, block_span, overlapping_blocks, owned_pieces, planned_minutes, session_span,
};
use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// How much a working day holds: weekly minutes spread over the working weekdays.
#[derive(Debug, Clone, PartialEq)]
pub struct Capacity {
    pub weekly_minutes: i64,
    pub weekdays: Vec<Weekday>,
    /// The working day, `[workday] start–end`: today's capacity grows across it.
    pub workday: (NaiveTime, NaiveTime),
    /// The first day that counts (`[workday] tracking_since`, else the journal's first day):
    /// days before it have no capacity, so a new rep is not scolded for the weeks before.
    pub since: Option<NaiveDate>,
    /// Public holidays that come back every year, as (month, day): days off for everyone.
    pub holidays: Vec<(u32, u32)>,
}

/// What kind of day a date is, as capacity sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// A working weekday on or after the start, not off: it has capacity.
    Working,
    /// A working weekday marked off (`off = "…"` in its file) or a public holiday from the config.
    Off,
    /// A working weekday before counting started.
    BeforeStart,
    /// Not one of the working weekdays.
    NotWorking,
}

impl Capacity {
    /// The one rule for which days count: `off` is whether the day's file marks it off.
    pub fn kind(&self, date: NaiveDate, off: bool) -> DayKind {
        if !self.weekdays.contains(&date.weekday()) {
            DayKind::NotWorking
        } else if self.since.is_some_and(|since| date < since) {
            DayKind::BeforeStart
        } else if off || self.holidays.contains(&(date.month(), date.day())) {
            DayKind::Off
        } else {
            DayKind::Working
        }
    }

    /// Minutes of capacity on `date`; none on a day off, a public holiday, a day before counting
    /// started or a non-working weekday.
    pub fn of_day(&self, date: NaiveDate, off: bool) -> i64 {
        if self.kind(date, off) != DayKind::Working {
            return 0;
        }
        self.weekly_minutes / self.weekdays.len() as i64
    }

    /// The capacity that counts by `now` (local): a past day's whole, none for a day ahead, and
    /// for today the share of the working day that has passed (none before it starts, all of it
    /// after it ends). Every figure divides by this, so a morning is not scolded for the
    /// afternoon.
    pub fn so_far(&self, date: NaiveDate, off: bool, now: NaiveDateTime) -> i64 {
        let full = self.of_day(date, off);
        match date.cmp(&now.date()) {
            std::cmp::Ordering::Less => full,
            std::cmp::Ordering::Greater => 0,
            std::cmp::Ordering::Equal => {
                let (start, end) = self.workday;
                let span = (end - start).num_seconds();
                if span <= 0 {
                    return full;
                }
                let passed = (now.time() - start).num_seconds().clamp(0, span);
                full * passed / span
            }
        }
    }
}

/// The targets a plan is checked against, in percent and counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub target_share: f64,
    pub ceiling_share: f64,
    pub max_objectives: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PlanWarning {
    /// Planned proactive share below the rep's own target.
    BelowTarget {
        share: f64,
        target: f64,
    },
    /// Planned proactive share above the realistic ceiling.
    AboveCeiling {
        share: f64,
        ceiling: f64,
    },
    /// Every minute is planned and none of it for reactive work.
    NoReactiveRoom,
    TooManyObjectives {
        count: usize,
        max: u32,
    },
    NoProactive,
    Overlaps {
        pairs: usize,
    },
    /// Blocks planned on a day without capacity.
    NotAWorkingDay {
        off: bool,
    },
}

impl fmt::Display for PlanWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanWarning::AboveCeiling { share, ceiling } => write!(
                f,
                "proactive {share:.0}% is above the realistic {ceiling:.0}%: reactive work will come anyway"
            ),
            PlanWarning::BelowTarget { share, target } => {
                write!(f, "proactive {share:.0}% is below your {target:.0}% target")
            }
            PlanWarning::NoReactiveRoom => f.write_str(
                "no time left for reactive work: a plan that uses all the time will fail",
            ),
            PlanWarning::TooManyObjectives { count, max } => {
                write!(
                    f,
                    "{count} objectives planned (max {max}): too many goals at once"
                )
            }
            PlanWarning::NoProactive => f.write_str("no proactive block planned"),
            PlanWarning::Overlaps { pairs: 1 } => f.write_str("two blocks overlap"),
            PlanWarning::Overlaps { pairs } => write!(f, "{pairs} pairs of blocks overlap"),
            PlanWarning::NotAWorkingDay { off: true } => {
                f.write_str("day off: these blocks count toward no capacity")
            }
            PlanWarning::NotAWorkingDay { off: false } => {
                f.write_str("not a working day: these blocks count toward no capacity")
            }
        }
    }
}

impl PlanWarning {
    /// A few words for a narrow pane.
    pub fn short(&self) -> String {
        match self {
            PlanWarning::BelowTarget { share, target } => {
                format!("PRO {share:.0}% < target {target:.0}%")
            }
            PlanWarning::AboveCeiling { share, ceiling } => {
                format!("PRO {share:.0}% > ceiling {ceiling:.0}%")
            }
            PlanWarning::NoReactiveRoom => "no room for reactive work".into(),
            PlanWarning::TooManyObjectives { count, max } => {
                format!("{count} objectives, max {max}")
            }
            PlanWarning::NoProactive => "no proactive block".into(),
            PlanWarning::Overlaps { .. } => "blocks overlap".into(),
            PlanWarning::NotAWorkingDay { off: true } => "day off".into(),
            PlanWarning::NotAWorkingDay { off: false } => "not a working day".into(),
        }
    }
}

/// The header of the Plan tab: planned minutes against capacity, and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSummary {
    pub capacity: i64,
    pub planned: BTreeMap<Category, i64>,
    /// Capacity not yet planned (never negative).
    pub free: i64,
    /// Planned proactive minutes as a percentage of capacity (`None` without capacity).
    pub proactive_share: Option<f64>,
    pub objectives: usize,
    pub warnings: Vec<PlanWarning>,
}

pub fn check_plan(day: &Day, capacity: i64, limits: &Limits) -> PlanSummary {
    let planned = planned_minutes(day);
    let total: i64 = planned.values().sum();
    let proactive = planned[&Category::Proactive];
    let proactive_share = (capacity > 0).then(|| proactive as f64 * 100.0 / capacity as f64);
    let objectives: BTreeSet<&str> = day
        .blocks
        .iter()
        .filter_map(|b| b.objective.as_deref())
        .collect();
    let free = (capacity - total).max(0);
    let mut warnings = vec![];
    if capacity == 0 {
        if !day.blocks.is_empty() {
            warnings.push(PlanWarning::NotAWorkingDay {
                off: day.off.is_some(),
            });
        }
    } else {
        if proactive == 0 {
            warnings.push(PlanWarning::NoProactive);
        }
        if let Some(share) = proactive_share.filter(|s| *s > limits.ceiling_share) {
            warnings.push(PlanWarning::AboveCeiling {
                share,
                ceiling: limits.ceiling_share,
            });
        }
        if free == 0 && planned[&Category::Reactive] == 0 {
            warnings.push(PlanWarning::NoReactiveRoom);
        }
    }
    if objectives.len() > limits.max_objectives as usize {
        warnings.push(PlanWarning::TooManyObjectives {
            count: objectives.len(),
            max: limits.max_objectives,
        });
    }
    // The mildest last: a narrow pane shows only the first warning.
    if let Some(share) =
        proactive_share.filter(|s| capacity > 0 && *s > 0.0 && *s < limits.target_share)
    {
        warnings.push(PlanWarning::BelowTarget {
            share,
            target: limits.target_share,
        });
    }
    let pairs = overlapping_blocks(&day.blocks).len();
    if pairs > 0 {
        warnings.insert(0, PlanWarning::Overlaps { pairs });
    }
    PlanSummary {
        capacity,
        planned,
        free,
        proactive_share,
        objectives: objectives.len(),
        warnings,
    }
}

/// What really happened inside one planned block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BlockActual {
    /// Minutes tracked in the block's own category inside its time.
    pub done: i64,
    /// Reactive minutes inside the block's time.
    pub reactive: i64,
    /// A proactive block mostly spent on reactive work.
    pub hijacked: bool,
}

/// Seconds of `session` inside `span`.
fn overlap(session: &Session, span: &Span, now: DateTime<FixedOffset>) -> i64 {
    session_span(session, now)
        .clip(span)
        .map_or(0, |s| s.seconds())
}

/// Plan against actual for every block of the day, by block id.
pub fn block_actuals<Tz: TimeZone>(
    day: &Day,
    tz: &Tz,
    now: DateTime<FixedOffset>,
) -> HashMap<String, BlockActual> {
    day.blocks
        .iter()
        .map(|block| (block.id.clone(), block_actual(day, block, tz, now)))
        .collect()
}

fn block_actual<Tz: TimeZone>(
    day: &Day,
    block: &Block,
    tz: &Tz,
    now: DateTime<FixedOffset>,
) -> BlockActual {
    let span = block_span(tz, day.date, block);
    // Each second counts once, for the session that broke in (the rule the figures use).
    let pieces = owned_pieces(&day.sessions, &span, now);
    let minutes_of = |category: Category| -> i64 {
        pieces
            .iter()
            .filter(|(_, s)| s.category == category)
            .map(|(p, _)| p.seconds())
            .sum::<i64>()
            / 60
    };
    let done = minutes_of(block.category);
    let reactive = minutes_of(Category::Reactive);
    let hijacked = block.category == Category::Proactive && reactive * 2 > block.minutes();
    BlockActual {
        done,
        reactive,
        hijacked,
    }
}

/// Sessions that happened mostly outside every planned block: interruptions and unplanned work.
pub fn unplanned_sessions<'d, Tz: TimeZone>(
    day: &'d Day,
    tz: &Tz,
    now: DateTime<FixedOffset>,
) -> Vec<&'d Session> {
    let spans: Vec<Span> = day
        .blocks
        .iter()
        .map(|b| block_span(tz, day.date, b))
        .collect();
    day.sessions
        .iter()
        .filter(|s| {
            let length = session_span(s, now).seconds();
            if length == 0 {
                // Just started (a round resumed this second): where it starts is where it runs.
                return !spans
                    .iter()
                    .any(|span| span.start <= s.start && s.start < span.end);
            }
            let inside: i64 = spans.iter().map(|span| overlap(s, span, now)).sum();
            inside * 2 < length
        })
        .collect()
}

/// Planned and done proactive minutes per objective over `days` (the Plan tab shows the week).
pub fn objective_minutes<Tz: TimeZone>(
    days: &[Day],
    tz: &Tz,
    now: DateTime<FixedOffset>,
) -> BTreeMap<String, (i64, i64)> {
    let mut totals: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for day in days {
        for block in day
            .blocks
            .iter()
            .filter(|b| b.category == Category::Proactive)
        {
            let Some(objective) = &block.objective else {
                continue;
            };
            let entry = totals.entry(objective.clone()).or_default();
            entry.0 += block.minutes();
            entry.1 += block_actual(day, block, tz, now).done;
        }
    }
    totals
}

#[cfg(test)]
#[path = "check_test.rs"]
mod tests;
