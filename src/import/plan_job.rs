//! A plan import job (`protime import calendar --plan`): reading a calendar against the period's
//! days, and writing its meetings as blocks, day by day under the journal lock. The command line
//! and the dashboard both plan through here.

use super::job::{Failure, Source, load, read};
use super::meetings::{self, Meeting, PlanChange, PlanEdit, Returned, Sorted};
use super::{Parsed, Window};
use crate::config::Config;
use crate::domain::plan::DayEdit;
use crate::domain::planned::{self, SpeaksFor};
use crate::domain::{Block, Category, Day};
use crate::journal::{Journal, JournalError};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// A calendar read for the plan, against the period's days as they are on disk.
pub struct PlanImport {
    pub window: Window,
    pub parsed: Parsed,
    pub sorted: Sorted,
    pub days: BTreeMap<NaiveDate, Day>,
}

/// Reads the calendar and the period's days; nothing is written. Meetings no rule sorts are
/// planned as `unmatched` (OTHER unless the rep names another category).
pub fn prepare(
    journal: &Journal,
    config: &Config,
    file: &Path,
    window: Window,
    unmatched: Option<Category>,
) -> Result<PlanImport, Failure> {
    let parsed = read(Source::Calendar, file, config, &window).map_err(Failure::Export)?;
    from_parsed(journal, config, parsed, window, unmatched)
}

/// [`prepare`] for a calendar read already (a CalDAV server's events).
pub fn from_parsed(
    journal: &Journal,
    config: &Config,
    parsed: Parsed,
    window: Window,
    unmatched: Option<Category>,
) -> Result<PlanImport, Failure> {
    let days = load(journal, &window).map_err(Failure::Journal)?;
    let id = journal.id().map_err(|e| Failure::Journal(e.to_string()))?;
    let mut sorted = meetings::sort(&parsed.items, &window, &config.import.rules, id.as_deref());
    if let Some(category) = unmatched {
        let unsorted = sorted.per_day.values_mut().flatten().filter(|m| m.unsorted);
        unsorted.for_each(|m| m.category = category);
    }
    Ok(PlanImport {
        window,
        parsed,
        sorted,
        days,
    })
}

impl PlanImport {
    /// The meetings no rule sorted, with their days.
    pub fn unsorted(&self) -> Vec<(NaiveDate, &Meeting)> {
        self.meetings().filter(|(_, m)| m.unsorted).collect()
    }

    /// Every meeting of the period, day by day.
    pub fn meetings(&self) -> impl Iterator<Item = (NaiveDate, &Meeting)> {
        self.sorted
            .per_day
            .iter()
            .flat_map(|(date, list)| list.iter().map(move |m| (*date, m)))
    }

    /// The days whose plan the import speaks for: those with meetings now, and those holding
    /// blocks of meetings that are gone.
    /// On the day after the period, only continuations of meetings count (see
    /// [`SpeaksFor`]).
    fn dates(&self) -> Vec<NaiveDate> {
        let mut dates: Vec<NaiveDate> = self.sorted.per_day.keys().copied().collect();
        let (from, last) = self.window.days_written();
        for (date, day) in &self.days {
            let ours = |s: &String| *date <= self.window.to || meetings::is_continuation(s);
            let held = day
                .blocks
                .iter()
                .any(|b| b.source.as_ref().is_some_and(ours));
            if held && (from..=last).contains(date) && !dates.contains(date) {
                dates.push(*date);
            }
        }
        dates.sort();
        dates
    }

    fn wanted(&self, date: NaiveDate) -> &[Meeting] {
        self.sorted.per_day.get(&date).map_or(&[], Vec::as_slice)
    }

    /// What the import writes onto each day: its meetings there, and the rep's blocks the
    /// calendar moved within that day (of days that exist: a day is not made for them).
    fn edits(&self) -> Vec<(NaiveDate, PlanEdit)> {
        let mut edits: BTreeMap<NaiveDate, PlanEdit> = BTreeMap::new();
        for date in self.dates() {
            let edit = edits.entry(date).or_default();
            edit.meetings = self.wanted(date).to_vec();
            edit.speaks_for = match date > self.window.to {
                true => SpeaksFor::Continuations,
                false => SpeaksFor::All,
            };
        }
        let within = self.sorted.returned.iter().filter(|b| b.on == b.date);
        for back in within.filter(|b| self.days.contains_key(&b.date)) {
            edits
                .entry(back.date)
                .or_default()
                .returned
                .push(back.clone());
        }
        edits.into_iter().collect()
    }

    /// The rep's blocks the calendar moved to another day.
    fn across(&self) -> impl Iterator<Item = &Returned> {
        self.sorted.returned.iter().filter(|b| b.on != b.date)
    }

    /// What writing would do, on the days as they were read (`--dry-run`).
    pub fn preview(&self) -> PlanChange {
        let mut change = PlanChange::default();
        let mut days = self.days.clone();
        for (date, edit) in self.edits() {
            let day = days.entry(date).or_insert_with(|| Day::new(date));
            change.add(planned::apply(day, &edit));
        }
        for back in self.across() {
            change.returned += usize::from(move_in_memory(&mut days, back));
        }
        change
    }

    /// Writes the meetings day by day, each day under the journal lock onto its newest version,
    /// as one [`DayEdit`] a day whose inverses undo it (the last first). When a day fails, the
    /// days before it stay written: importing again adds nothing twice.
    pub fn write(&self, journal: &Journal) -> Result<Written, String> {
        let mut written = Written::default();
        let failed = |date: NaiveDate, e: &dyn std::fmt::Display, change: &PlanChange| {
            format!(
                "{e}\nThe days before {date} were planned ({}). Once the problem is fixed, import \
                 the same calendar again: nothing is added twice.",
                change.summary()
            )
        };
        for (date, edit) in self.edits() {
            let (inverse, outcome) = journal
                .update(date, |day| {
                    DayEdit::PlanImport(Box::new(edit.clone())).apply_reporting(day)
                })
                .map_err(|e| failed(date, &e, &written.change))?;
            written.change.add(outcome.planned);
            written.undo.push((date, inverse));
        }
        for back in self.across() {
            if !self.days.contains_key(&back.date) {
                continue; // no such day: the block is gone, and a day is not made for it
            }
            let moved = move_across(journal, back, &mut written.undo)
                .map_err(|e| failed(back.on, &e, &written.change))?;
            written.change.returned += usize::from(moved);
        }
        Ok(written)
    }
}

/// What a plan import wrote, and the edits that undo it, day by day in the order written.
#[derive(Debug, Default)]
pub struct Written {
    pub change: PlanChange,
    pub undo: Vec<(NaiveDate, DayEdit)>,
}

/// The rep's block `back` names, as it is in `day`, when it is still the rep's own.
fn own_block(day: &Day, back: &Returned) -> Option<Block> {
    let found = day
        .blocks
        .iter()
        .find(|b| b.id == back.block && b.source.is_none());
    found.cloned()
}

/// The block at the calendar's times on its new day (it gets an id there).
fn moved(block: &Block, back: &Returned) -> DayEdit {
    DayEdit::AddBlocks(vec![Block {
        id: String::new(),
        start: back.start,
        end: back.end,
        ..block.clone()
    }])
}

/// Moves one of the rep's blocks to the day the calendar has it on: added there first, then
/// taken from its own day (only if unchanged meanwhile), so a failure in between leaves it
/// twice, never lost. True when it moved; what undoes each step goes onto `undo`.
fn move_across(
    journal: &Journal,
    back: &Returned,
    undo: &mut Vec<(NaiveDate, DayEdit)>,
) -> Result<bool, JournalError> {
    let Some(block) = own_block(&journal.load(back.date)?, back) else {
        return Ok(false);
    };
    let added = journal.update(back.on, |day| moved(&block, back).apply(day))?;
    undo.push((back.on, added));
    let taken = journal.update(back.date, |day| match own_block(day, back) {
        Some(now) if now == block => DayEdit::RemoveBlocks(vec![block.id.clone()])
            .apply(day)
            .map(Some),
        _ => Ok(None),
    })?;
    undo.extend(taken.map(|edit| (back.date, edit)));
    Ok(true)
}

/// [`move_across`] on days held in memory (the preview).
fn move_in_memory(days: &mut BTreeMap<NaiveDate, Day>, back: &Returned) -> bool {
    let Some(block) = days.get(&back.date).and_then(|day| own_block(day, back)) else {
        return false;
    };
    let target = days.entry(back.on).or_insert_with(|| Day::new(back.on));
    let added = moved(&block, back).apply(target).is_ok();
    if let Some(day) = days.get_mut(&back.date) {
        day.blocks.retain(|b| b.id != block.id);
    }
    added
}
