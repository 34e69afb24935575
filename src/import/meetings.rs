//! Meetings into the plan (`protime import calendar --plan`): each meeting of the period becomes a
//! block marked with its calendar source. A re-import moves the block with the calendar and
//! removes it when the meeting is cancelled or gone from the file; a category or title the rep
//! changed stays, and a block the rep deleted stays deleted. An event protime exported comes back
//! to its own block instead of becoming a meeting.

use super::rules::{Rule, categorise};
use super::{Item, Window, own};
use crate::domain::timefmt::format_hhmm;
use crate::domain::{Block, BlockKind, Category, Day};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Timelike};
use std::collections::BTreeMap;

/// One meeting's part on one day, as its block holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub source: String,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub title: String,
    pub category: Category,
    /// No rule matched: planned as OTHER and listed for the rep to sort.
    pub unsorted: bool,
    pub kind: BlockKind,
    pub account: Option<String>,
    pub objective: Option<String>,
}

/// One of this journal's own blocks, seen in the calendar at the times the calendar has.
#[derive(Debug, Clone, PartialEq)]
pub struct Returned {
    /// The day and block its UID names.
    pub date: NaiveDate,
    pub block: String,
    /// Where the calendar has it now.
    pub on: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

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
            if date < window.from || date > window.to {
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

/// How an import changed the plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanChange {
    pub added: usize,
    /// Meetings whose times changed in the calendar.
    pub moved: usize,
    /// Meetings whose title or category changed (the rep had not changed them).
    pub updated: usize,
    /// Meetings cancelled, declined or gone from the file.
    pub removed: usize,
    pub unchanged: usize,
    /// Meetings whose blocks the rep changed: their times follow the calendar, the rest stays.
    pub kept: usize,
    /// Meetings whose blocks the rep deleted: not brought back.
    pub deleted: usize,
    /// The rep's own (exported) blocks the calendar moved.
    pub returned: usize,
    /// Meetings placed over one of the rep's blocks, in words.
    pub overlaps: Vec<String>,
}

impl PlanChange {
    pub fn add(&mut self, other: PlanChange) {
        self.added += other.added;
        self.moved += other.moved;
        self.updated += other.updated;
        self.removed += other.removed;
        self.unchanged += other.unchanged;
        self.kept += other.kept;
        self.deleted += other.deleted;
        self.returned += other.returned;
        self.overlaps.extend(other.overlaps);
    }

    /// "2 added, 1 moved, 0 updated, 1 removed, 3 unchanged" and what the rep's changes kept.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "{} added, {} moved, {} updated, {} removed, {} unchanged",
            self.added, self.moved, self.updated, self.removed, self.unchanged
        );
        if self.kept > 0 {
            text.push_str(&format!(", {} kept as you changed them", self.kept));
        }
        if self.deleted > 0 {
            text.push_str(&format!(", {} you deleted left out", self.deleted));
        }
        if self.returned > 0 {
            text.push_str(&format!(
                ", {} of your blocks moved as in the calendar",
                self.returned
            ));
        }
        text
    }
}

/// Brings one day's plan in line with the calendar's meetings on that day (`wanted`). Every block
/// from the calendar is the import's: one whose meeting is not wanted any more goes. The rep's own
/// blocks are never touched.
pub fn merge(day: &mut Day, wanted: &[Meeting]) -> PlanChange {
    let mut change = PlanChange::default();
    let is_wanted = |b: &Block| {
        b.source
            .as_ref()
            .is_some_and(|s| wanted.iter().any(|m| &m.source == s))
    };
    let gone: Vec<String> = day
        .blocks
        .iter()
        .filter(|b| b.source.is_some() && !is_wanted(b))
        .map(|b| b.id.clone())
        .collect();
    for id in &gone {
        day.retire_id(id);
    }
    day.blocks.retain(|b| !gone.contains(&b.id));
    change.removed = gone.len();
    for m in wanted {
        let corrected = day.corrected_blocks.contains(&m.source);
        let existing = day
            .blocks
            .iter_mut()
            .find(|b| b.source.as_deref() == Some(m.source.as_str()));
        match existing {
            Some(block) => follow(block, m, corrected, &mut change),
            None if corrected => change.deleted += 1,
            None => {
                let id = day.next_id("b");
                day.blocks.push(new_block(id, m));
                change.added += 1;
            }
        }
    }
    change.overlaps = overlaps(day);
    change
}

/// Moves a meeting's block to the calendar's times; its title and category follow the calendar
/// too, unless the rep changed them.
fn follow(block: &mut Block, m: &Meeting, corrected: bool, change: &mut PlanChange) {
    let moved = (block.start, block.end) != (m.start, m.end);
    block.start = m.start;
    block.end = m.end;
    let fresh = new_block(block.id.clone(), m);
    let updated = !corrected && *block != fresh;
    if updated {
        *block = fresh;
    }
    match (moved, updated, corrected) {
        (true, _, _) => change.moved += 1,
        (false, true, _) => change.updated += 1,
        (false, false, true) => change.kept += 1,
        (false, false, false) => change.unchanged += 1,
    }
}

fn new_block(id: String, m: &Meeting) -> Block {
    Block {
        id,
        start: m.start,
        end: m.end,
        category: m.category,
        title: m.title.clone(),
        kind: m.kind,
        account: m.account.clone(),
        objective: m.objective.clone(),
        source: Some(m.source.clone()),
    }
}

/// Each meeting block that lies over one of the rep's own blocks, in words.
fn overlaps(day: &Day) -> Vec<String> {
    let span = |b: &Block| format!("{}–{}", format_hhmm(b.start), format_hhmm(b.end));
    let mut found = vec![];
    for meeting in day
        .blocks_by_start()
        .into_iter()
        .filter(|b| b.source.is_some())
    {
        for own in day
            .blocks_by_start()
            .into_iter()
            .filter(|b| b.source.is_none())
        {
            if meeting.start < own.end && own.start < meeting.end {
                found.push(format!(
                    "{} {} {} overlaps your block {} {}",
                    day.date,
                    span(meeting),
                    meeting.title,
                    span(own),
                    own.title
                ));
            }
        }
    }
    found
}

/// Puts one of the rep's exported blocks at the times the calendar has it (the rep moved the
/// event there). True when it moved; a block gone from the plan stays gone.
pub fn follow_own(day: &mut Day, back: &Returned) -> bool {
    let Some(block) = day
        .blocks
        .iter_mut()
        .find(|b| b.id == back.block && b.source.is_none())
    else {
        return false;
    };
    let moved = (block.start, block.end) != (back.start, back.end);
    block.start = back.start;
    block.end = back.end;
    moved
}

#[cfg(test)]
#[path = "meetings_test.rs"]
mod tests;
