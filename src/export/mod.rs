//! The plan going out: the rep's blocks as an iCalendar file ([`ics`]) that any calendar reads,
//! once (`protime export --plan --format ics`) or as a feed kept current ([`feed`]).

pub mod feed;
pub mod ics;

use crate::domain::Day;
use crate::journal::Journal;
use chrono::NaiveDate;

/// The period's days that have a file; one that does not read stops the export (an export
/// missing that day's blocks would remove their events from a calendar that imports it).
pub fn days(journal: &Journal, from: NaiveDate, to: NaiveDate) -> Result<Vec<Day>, String> {
    journal
        .days_in(from, to)
        .into_iter()
        .map(|(_, day)| day.map_err(|e| format!("{e}\nNothing was exported: fix that day first.")))
        .collect()
}
