//! An import job: reading an export against the period's days on disk, and writing what the rep
//! accepted. The command line and the dashboard both import through here.

use super::preview::{Proposal, propose};
use super::{Change, Parsed, Plan, Window, crm, ics, input};
use crate::clock::Zone;
use crate::config::Config;
use crate::domain::timefmt::parse_last;
use crate::domain::{Category, Day};
use crate::journal::Journal;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Calendar,
    Crm,
}

impl Source {
    /// The kind of export a file holds, by its name: `.ics` a calendar, `.csv`/`.tsv`/`.txt` a CRM.
    pub fn of_file(file: &Path) -> Result<Source, String> {
        let ext = file
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "ics" | "ical" | "ifb" => Ok(Source::Calendar),
            "csv" | "tsv" | "txt" => Ok(Source::Crm),
            "zip" => Err(format!(
                "{} is a zip archive: unzip it and give the .ics file inside",
                file.display()
            )),
            _ => Err(format!(
                "{} is not a calendar (.ics) or CRM (.csv) export by its name: export the \
                 calendar as .ics or the activities as .csv",
                file.display()
            )),
        }
    }
}

/// Why an import could not be prepared: the export, or a day file of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    Export(String),
    Journal(String),
}

impl Failure {
    pub fn message(&self) -> &str {
        match self {
            Failure::Export(m) | Failure::Journal(m) => m,
        }
    }
}

/// An export read against the period's days as they are on disk, each item with its proposal.
pub struct Prepared {
    pub window: Window,
    pub parsed: Parsed,
    pub days: BTreeMap<NaiveDate, Day>,
    pub proposals: Vec<Proposal>,
    /// The journal's first day before the import, where its baseline starts counting.
    pub journal_first: Option<NaiveDate>,
}

/// Reads the export and the period's days, and proposes a category for each item. Nothing is
/// written. Items that have not started by `now` are skipped: a baseline is what happened.
pub fn prepare(
    journal: &Journal,
    config: &Config,
    source: Source,
    file: &Path,
    window: Window,
    fallback: Option<Category>,
    now: DateTime<FixedOffset>,
) -> Result<Prepared, Failure> {
    let mut parsed = read(source, file, config, &window).map_err(Failure::Export)?;
    parsed.skip_from(now);
    let days = load(journal, &window).map_err(Failure::Journal)?;
    let proposals = propose(&parsed, &config.import.rules, &days, fallback);
    Ok(Prepared {
        window,
        parsed,
        days,
        proposals,
        journal_first: journal.first_day(),
    })
}

/// The days back from today (today included) that `since` names, like 14d or 2w.
pub fn since_window(since: &str, now: DateTime<FixedOffset>, zone: Zone) -> Result<Window, String> {
    let days = parse_last(since)?;
    let today = now.date_naive();
    checked_window(today - Duration::days(days - 1), today, zone)
}

/// The period from `from` to `to`, at most a year (bounds what one import holds in memory).
pub fn checked_window(from: NaiveDate, to: NaiveDate, zone: Zone) -> Result<Window, String> {
    if (to - from).num_days() > 366 {
        return Err("the period is longer than a year: import at most a year at a time".into());
    }
    Ok(Window { from, to, zone })
}

pub(super) fn read(
    source: Source,
    file: &Path,
    config: &Config,
    window: &Window,
) -> Result<Parsed, String> {
    let text = input::read_text(file, input::MAX_BYTES, config.import.encoding())?;
    if text.text.trim().is_empty() {
        return Err(format!(
            "{} is empty: export the calendar or the activities again",
            file.display()
        ));
    }
    // The reader's messages name the file already; the parsers' do not.
    let mut parsed = match source {
        Source::Calendar => ics::parse(&text.text, window, &config.import.me),
        Source::Crm => crm::parse(&text.text, &config.import.crm, window),
    }
    .map_err(|message| format!("{}: {message}", file.display()))?;
    parsed.encoding = text.encoding;
    parsed.notices.extend(text.notice());
    Ok(parsed)
}

/// The period's days as they are on disk; one that does not read stops the import before any write.
pub fn load(journal: &Journal, window: &Window) -> Result<BTreeMap<NaiveDate, Day>, String> {
    let mut days = BTreeMap::new();
    let (from, to) = window.days_written();
    for (date, day) in journal.days_in(from, to) {
        let day =
            day.map_err(|e| format!("{e}\nNothing was imported: fix or move that file first."))?;
        days.insert(date, day);
    }
    Ok(days)
}

/// Writes the plan day by day, each under the journal's lock. When a day fails, the days before it
/// stay written: importing the same export again later adds nothing twice.
pub fn write(plan: &Plan, journal: &Journal) -> Result<Change, String> {
    let mut change = Change::default();
    for (date, wanted) in &plan.per_day {
        let done = journal
            .update(*date, |day| {
                let (_, outcome) = super::day_edit(wanted, &plan.ours).apply_reporting(day)?;
                Ok(outcome.imported)
            })
            .map_err(|e| {
                format!(
                    "{e}\nThe days before {date} were imported ({}). Once the problem is fixed, \
                     import the same export again: nothing is added twice.",
                    change.summary()
                )
            })?;
        change.add(done);
    }
    Ok(change)
}
