//! `protime export --plan --format ics`: the rep's blocks as busy events any calendar reads.

use super::period::resolve;
use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail};
use crate::cli::PeriodArgs;
use crate::clock::Zone;
use crate::config::Config;
use crate::export::ics;
use crate::journal::Journal;
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::process::ExitCode;

pub fn run(
    journal: &Journal,
    config: &Config,
    (now, zone): (DateTime<FixedOffset>, &Zone),
    period: &PeriodArgs,
) -> ExitCode {
    let today = now.with_timezone(zone).date_naive();
    let (from, to) = match plan_period(period, today) {
        Ok(p) => p,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let days = match crate::export::days(journal, from, to) {
        Ok(days) => days,
        Err(message) => return fail(EXIT_JOURNAL, message),
    };
    let id = match journal.ensure_id() {
        Ok(id) => id,
        Err(e) => return fail(EXIT_JOURNAL, e),
    };
    let privacy = config.calendar.privacy();
    // Made by protime, every text value escaped and sanitised: written exactly, CRLF and all.
    crate::sanitize::print_exact(&ics::calendar(&days, zone, &id, now.to_utc(), &privacy));
    ExitCode::from(EXIT_OK)
}

/// The days a plan export or a calendar sync covers: the period named, or today and the next 13
/// days (the feed's fortnight).
pub fn plan_period(
    period: &PeriodArgs,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), String> {
    let named = period.month.is_some() || period.from.is_some() || period.last.is_some();
    match named {
        true => resolve(period, today),
        false => Ok(crate::export::feed::fortnight(today)),
    }
}
