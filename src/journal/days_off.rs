//! Marking a range of days off (holiday, leave): one rule for `protime off` and the Plan tab's
//! `O`. Each day is written through `Journal::update`, which keeps everything else in its file.

use super::{Journal, JournalError};
use crate::domain::check::{Capacity, DayKind};
use crate::domain::plan::DayEdit;
use chrono::{Datelike, NaiveDate};

/// The longest range marked at once: a year.
pub const MAX_DAYS: i64 = 366;

/// What was marked, and the days left alone because they are not working days.
#[derive(Debug, Default)]
pub struct Marked {
    pub days: Vec<(NaiveDate, String)>,
    pub not_working: Vec<NaiveDate>,
}

/// Marks each wanted day off with its reason; a weekend (no capacity to take away) stays as it
/// is. On a failure, what was marked before it comes with the error.
pub fn mark(
    journal: &Journal,
    capacity: &Capacity,
    wanted: Vec<(NaiveDate, String)>,
) -> Result<Marked, (JournalError, Marked)> {
    let mut done = Marked::default();
    for (date, reason) in wanted {
        if capacity.kind(date, false) == DayKind::NotWorking {
            done.not_working.push(date);
            continue;
        }
        let edit = DayEdit::SetOff(Some(reason.clone()));
        match journal.update(date, |day| edit.apply(day).map(|_| ())) {
            Ok(()) => done.days.push((date, reason)),
            Err(e) => return Err((e, done)),
        }
    }
    Ok(done)
}

/// `from` to `to`, both included, checked: in order, within 1970–2100, at most [`MAX_DAYS`].
pub fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), String> {
    if to < from {
        return Err(format!(
            "the range ends ({to}) before it starts ({from}): write FROM..TO, like \
             2026-12-24..2026-12-31"
        ));
    }
    for d in [from, to] {
        if !(1970..=2100).contains(&d.year()) {
            return Err(format!("{d} is outside 1970–2100"));
        }
    }
    let days = (to - from).num_days() + 1;
    if days > MAX_DAYS {
        return Err(format!(
            "{from}..{to} is {days} days; mark at most a year ({MAX_DAYS} days) at once"
        ));
    }
    Ok(())
}

/// Every day from `from` to `to`, each with `reason`.
pub fn each_day(from: NaiveDate, to: NaiveDate, reason: &str) -> Vec<(NaiveDate, String)> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .map(|d| (d, reason.to_string()))
        .collect()
}
