//! `protime off`: mark days off (holiday, leave), for a range or from a holiday calendar.
//!
//! A day off is `off = "reason"` in its day file, the mark `o` on the Plan tab sets; capacity
//! (`domain::check::Capacity`) gives such a day none. Each day is written through
//! `Journal::update`, which keeps everything else in the file.

use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail, parse_date};
use crate::config::Config;
use crate::domain::check::Capacity;
use crate::journal::days_off;
use crate::journal::{Journal, JournalError};
use chrono::{Datelike, NaiveDate};
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;

pub use crate::journal::days_off::MAX_DAYS;

/// The reason written when none is given.
pub const DEFAULT_REASON: &str = "day off";

/// What to mark: a range with its reason, or the all-day events of a calendar.
pub enum What<'a> {
    Range(&'a str, Option<&'a str>),
    Ics(&'a Path),
}

pub fn run(journal: &Journal, config: &Config, what: What, json: bool) -> ExitCode {
    let wanted = match what {
        What::Range(range, reason) => parse_range(range)
            .and_then(|(from, to)| Ok(days_off::each_day(from, to, &reason_of(reason)?))),
        What::Ics(path) => from_ics(path),
    };
    let wanted: Vec<(NaiveDate, String)> = match wanted {
        Ok(w) => w,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let capacity = crate::figures::capacity(config);
    let done = match days_off::mark(journal, &capacity, wanted) {
        Ok(done) => done,
        Err((e, done)) => return failed(e, &done.days),
    };
    let (marked, skipped) = (done.days, done.not_working);
    report(&marked, &skipped, &capacity, json);
    ExitCode::from(EXIT_OK)
}

/// `2026-12-24..2026-12-31` or one day; both ends included, at most [`MAX_DAYS`] days.
pub fn parse_range(text: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let (from, to) = match text.split_once("..") {
        Some((from, to)) => (parse_date(from)?, parse_date(to)?),
        None => {
            let day = parse_date(text)?;
            (day, day)
        }
    };
    days_off::check_range(from, to)?;
    Ok((from, to))
}

fn reason_of(reason: Option<&str>) -> Result<String, String> {
    match reason.map(str::trim) {
        None => Ok(DEFAULT_REASON.into()),
        Some("") => Err("the reason is empty: give one, like \"holiday\", or leave it out".into()),
        Some(r) => Ok(r.to_string()),
    }
}

/// The days of the all-day events of a holiday calendar, each with its title as the reason.
fn from_ics(path: &Path) -> Result<Vec<(NaiveDate, String)>, String> {
    let text = crate::import::input::read_text(path, crate::import::input::MAX_BYTES, None)?;
    let (events, left_out) = crate::import::ics::all_day_events(&text.text)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    for note in left_out {
        crate::say_err!("protime: note: {note}");
    }
    if events.is_empty() {
        return Err(format!(
            "{} has no all-day events: a holiday calendar lists each holiday as one",
            path.display()
        ));
    }
    let mut days = vec![];
    for event in events {
        let reason = event
            .summary
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "holiday".into());
        days.extend(
            event
                .first
                .iter_days()
                .take_while(|d| *d <= event.last)
                .filter(|d| (1970..=2100).contains(&d.year()))
                .map(|d| (d, reason.clone())),
        );
    }
    Ok(days)
}

fn failed(e: JournalError, marked: &[(NaiveDate, String)]) -> ExitCode {
    let done = match marked.last() {
        Some((last, _)) => format!(" ({} days up to {last} were marked off)", marked.len()),
        None => String::new(),
    };
    match e {
        JournalError::Refused(reason) => fail(EXIT_REFUSED, format!("{reason}{done}")),
        e => fail(EXIT_JOURNAL, format!("{e}{done}")),
    }
}

fn report(marked: &[(NaiveDate, String)], skipped: &[NaiveDate], capacity: &Capacity, json: bool) {
    if json {
        let off: Vec<_> = marked
            .iter()
            .map(|(d, r)| json!({ "date": d.to_string(), "off": r }))
            .collect();
        let skipped: Vec<String> = skipped.iter().map(NaiveDate::to_string).collect();
        crate::say_json!(
            "{:#}",
            json!({ "marked": off, "not_working_days": skipped })
        );
        return;
    }
    let freed: i64 = marked.iter().map(|(d, _)| capacity.of_day(*d, false)).sum();
    match (marked.first(), marked.last()) {
        (Some((first, reason)), Some((last, _))) => {
            let days = if marked.len() == 1 { "day" } else { "days" };
            let span = if first == last {
                first.to_string()
            } else {
                format!("{first} – {last}")
            };
            let why = if marked.iter().all(|(_, r)| r == reason) {
                format!("\"{reason}\"")
            } else {
                "each with its event's title".into()
            };
            crate::say!(
                "marked {} {days} off ({span}, {why}): {} less capacity",
                marked.len(),
                crate::domain::timefmt::format_minutes(freed)
            );
        }
        _ => crate::say!("no working day in that range: nothing marked"),
    }
    if !skipped.is_empty() {
        crate::say!(
            "{} day(s) that are not working days left as they are",
            skipped.len()
        );
    }
}
