//! A plan import job (`protime import calendar --plan`): reading a calendar against the period's
//! days, and writing its meetings as blocks, day by day under the journal lock. The command line
//! and the dashboard both plan through here.

use super::job::{Failure, Source, load, read};
use super::meetings::{self, Meeting, PlanChange, Sorted};
use super::{Parsed, Window};
use crate::config::Config;
use crate::domain::{Category, Day};
use crate::journal::Journal;
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
    fn dates(&self) -> Vec<NaiveDate> {
        let mut dates: Vec<NaiveDate> = self.sorted.per_day.keys().copied().collect();
        let (from, to) = (self.window.from, self.window.to);
        for (date, day) in &self.days {
            let held = day.blocks.iter().any(|b| b.source.is_some());
            if held && (from..=to).contains(date) && !dates.contains(date) {
                dates.push(*date);
            }
        }
        dates.sort();
        dates
    }

    fn wanted(&self, date: NaiveDate) -> &[Meeting] {
        self.sorted.per_day.get(&date).map_or(&[], Vec::as_slice)
    }

    /// What writing would do, on the days as they were read (`--dry-run`).
    pub fn preview(&self) -> PlanChange {
        let mut change = PlanChange::default();
        let mut days = self.days.clone();
        for date in self.dates() {
            let day = days.entry(date).or_insert_with(|| Day::new(date));
            change.add(meetings::merge(day, self.wanted(date)));
        }
        for back in &self.sorted.returned {
            if let Some(day) = days.get_mut(&back.date) {
                change.returned +=
                    usize::from(back.on == back.date && meetings::follow_own(day, back));
            }
        }
        change
    }

    /// Writes the meetings day by day, each day under the journal lock onto its newest version.
    /// When a day fails, the days before it stay written: importing again adds nothing twice.
    pub fn write(&self, journal: &Journal) -> Result<PlanChange, String> {
        let mut change = PlanChange::default();
        let failed = |date: NaiveDate, e: &dyn std::fmt::Display, change: &PlanChange| {
            format!(
                "{e}\nThe days before {date} were planned ({}). Once the problem is fixed, import \
                 the same calendar again: nothing is added twice.",
                change.summary()
            )
        };
        for date in self.dates() {
            let wanted = self.wanted(date);
            let done = journal
                .update(date, |day| Ok(meetings::merge(day, wanted)))
                .map_err(|e| failed(date, &e, &change))?;
            change.add(done);
        }
        for back in self.sorted.returned.iter().filter(|b| b.on == b.date) {
            if !self.days.contains_key(&back.date) {
                continue; // no such day: the block is gone, and a day is not made for it
            }
            let moved = journal
                .update(back.date, |day| Ok(meetings::follow_own(day, back)))
                .map_err(|e| failed(back.date, &e, &change))?;
            change.returned += usize::from(moved);
        }
        Ok(change)
    }

    /// This journal's blocks the calendar has on another day: not followed (their ids, and so
    /// their events, belong to their own day), named for the rep to move.
    pub fn moved_across_days(&self) -> Vec<String> {
        self.sorted
            .returned
            .iter()
            .filter(|b| b.on != b.date)
            .map(|b| {
                format!(
                    "your block {} of {} is on {} in the calendar: move it in protime to follow",
                    b.block, b.date, b.on
                )
            })
            .collect()
    }
}
