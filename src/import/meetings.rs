//! Meetings into the plan (`protime import calendar --plan`): each meeting of the period becomes a
//! block marked with its calendar source. A re-import moves the block with the calendar and
//! removes it when the meeting is cancelled or gone from the file; a category or title the rep
//! changed stays, and a block the rep deleted stays deleted. An event protime exported comes back
//! to its own block instead of becoming a meeting.

use super::rules::{Rule, categorise};
use super::{Item, Window, own};
use crate::domain::Category;
pub use crate::domain::planned::{
    Meeting, PlanChange, PlanEdit, Returned, follow_own, is_continuation, merge,
};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Timelike};
use std::collections::BTreeMap;

/// A calendar's events sorted for the plan: the meetings of each day, and this journal's own
/// blocks coming back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sorted {
    pub per_day: BTreeMap<NaiveDate, Vec<Meeting>>,
    pub returned: Vec<Returned>,
}

/// Sorts `items` (already inside `window`): an event this journal (`journal`) exported is one of
/// its blocks; every other one is a meeting, cut at midnight into one part per day of the period.
pub fn sort(items: &[Item], window: &Window, rules: &[Rule], journal: Option<&str>) -> Sorted {
    let mut sorted = Sorted::default();
    for item in items {
        if let Some((date, block)) = journal.and_then(|j| own::block_of(&item.source, j)) {
            let on = window.local_date(item.start);
            if let Some((start, end)) = times(item.start, item.end, on, window) {
                sorted.returned.push(Returned {
                    date,
                    block,
                    on,
                    start,
                    end,
                });
            }
            continue;
        }
        let (category, unsorted) = category(item, rules);
        for part in item.split_days(window) {
            let date = window.local_date(part.start);
            if !planned_on(date, &part.source, window) {
                continue; // a day outside the period is that period's import's
            }
            let Some((start, end)) = times(part.start, part.end, date, window) else {
                continue;
            };
            sorted.per_day.entry(date).or_default().push(Meeting {
                source: part.source.clone(),
                start,
                end,
                title: part.title.clone(),
                category,
                unsorted,
                kind: part.written.as_ref().map(|w| w.kind).unwrap_or_default(),
                account: part.account.clone(),
                objective: part.written.as_ref().and_then(|w| w.objective.clone()),
            });
        }
    }
    for list in sorted.per_day.values_mut() {
        list.sort_by(|a, b| (a.start, a.end, &a.source).cmp(&(b.start, b.end, &b.source)));
    }
    by_date(&mut sorted.per_day, window);
    sorted
}

/// Whether a meeting's part on `date` is planned: on a day of the period, and on the day after
/// it the rest of a meeting running past the period's last midnight (so no meeting stops at
/// 23:59 because the period ended), as an import of tracked time writes that day too.
fn planned_on(date: NaiveDate, source: &str, window: &Window) -> bool {
    let (from, last) = window.days_written();
    match date {
        d if d < from || d > last => false,
        d if d > window.to => is_continuation(source),
        _ => true,
    }
}

/// A repeating meeting's occurrence is known by its day, not its start time
/// (`ics:UID/2026-11-30`): a series moved to another hour keeps the rep's changes and deletions
/// of each occurrence. Occurrences of one series that share a day keep their start times.
fn by_date(per_day: &mut BTreeMap<NaiveDate, Vec<Meeting>>, window: &Window) {
    let keyed: Vec<(String, Option<String>)> = per_day
        .values()
        .flatten()
        .map(|m| (m.source.clone(), occurrence_day(&m.source, window)))
        .collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for key in keyed.iter().filter_map(|(_, k)| k.as_deref()) {
        *count.entry(key).or_default() += 1;
    }
    for m in per_day.values_mut().flatten() {
        let key = keyed
            .iter()
            .find(|(s, _)| *s == m.source)
            .and_then(|(_, k)| k.as_ref());
        if let Some(key) = key.filter(|k| count.get(k.as_str()) == Some(&1)) {
            m.source = key.clone();
        }
    }
}

/// `ics:UID/20261130T080000Z` (plus `#date` for a part after midnight) → `ics:UID/2026-11-30`,
/// the occurrence's own local day; `None` for a meeting that does not repeat.
fn occurrence_day(source: &str, window: &Window) -> Option<String> {
    let (occurrence, part) = match source.split_once('#') {
        Some((o, p)) => (o, Some(p)),
        None => (source, None),
    };
    let (uid, stamp) = occurrence.strip_prefix("ics:")?.rsplit_once('/')?;
    let day = if let Some(utc) = stamp.strip_suffix('Z') {
        let t = chrono::NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
        window.local_date(t.and_utc().fixed_offset())
    } else if stamp.len() == 8 {
        NaiveDate::parse_from_str(stamp, "%Y%m%d").ok()?
    } else {
        chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S")
            .ok()?
            .date()
    };
    Some(match part {
        Some(p) => format!("ics:{uid}/{day}#{p}"),
        None => format!("ics:{uid}/{day}"),
    })
}

/// The category protime wrote into the event, else the first matching rule's, else OTHER
/// (flagged as unsorted).
fn category(item: &Item, rules: &[Rule]) -> (Category, bool) {
    if let Some(c) = item.written.as_ref().and_then(|w| w.category) {
        return (c, false);
    }
    match categorise(item, rules) {
        Some(verdict) => (verdict.category, false),
        None => (Category::Other, true),
    }
}

/// A part's wall-clock times on `date`, to the minute; one that runs to midnight ends at 23:59
/// (a block never crosses midnight). `None` when less than a minute is left.
fn times(
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
    date: NaiveDate,
    window: &Window,
) -> Option<(NaiveTime, NaiveTime)> {
    let minute = |t: DateTime<FixedOffset>| {
        let local = t.with_timezone(&window.zone).time();
        NaiveTime::from_hms_opt(local.hour(), local.minute(), 0)
    };
    let start = minute(start)?;
    let end = match end >= window.midnight_after(date) {
        true => NaiveTime::from_hms_opt(23, 59, 0)?,
        false => minute(end)?,
    };
    (end > start).then_some((start, end))
}

#[cfg(test)]
#[path = "meetings_test.rs"]
mod tests;
