//! The months before a month, as the Month tab's reading and 12-month trend and the HTML page
//! use them: one reading of the journal, one rule for which month counts for "up from".

use crate::clock::Zone;
use crate::config::Config;
use crate::domain::patterns::by_month;
use crate::domain::report::{Figures, total};
use crate::journal::Journal;
use chrono::{DateTime, Datelike, FixedOffset, Months, NaiveDate};

/// The eleven months before a month.
#[derive(Debug, Default)]
pub struct MonthsBefore {
    /// Each month (its first day, its figures), oldest first; a month a broken day file holds
    /// has empty figures (no share).
    pub trend: Vec<(NaiveDate, Figures)>,
    /// The month before, named, for "up from 24% in October": only when it has day files.
    pub previous: Option<(String, Figures)>,
    /// The first day file that could not be read, named with what to do, and the months left
    /// out of the trend for it.
    pub broken: Option<String>,
}

/// The last day of the month that starts on `first`.
pub fn last_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first)
}

/// Reads the eleven months before `month` (its first day). The ten before the month before are
/// read at once; only when a file among them is broken are they read month by month, so that
/// just the months it holds are left out, and said.
pub fn months_before(
    journal: &Journal,
    config: &Config,
    month: NaiveDate,
    (now, zone): (DateTime<FixedOffset>, &Zone),
) -> MonthsBefore {
    let read = |first: NaiveDate, last: NaiveDate| {
        crate::figures::period_figures(journal, config, first, last, now, zone)
    };
    let mut out = MonthsBefore::default();
    let Some(before) = month.checked_sub_months(Months::new(1)) else {
        return out;
    };
    let mut left_out = vec![];
    if let Some(first) = before.checked_sub_months(Months::new(10)) {
        match read(first, before.pred_opt().unwrap_or(first)) {
            Ok((days, _)) => out.trend = by_month(&days),
            Err(_) => {
                let months = first.iter_days().filter(|d| d < &before && d.day0() == 0);
                for start in months.collect::<Vec<_>>() {
                    match read(start, last_of_month(start)) {
                        Ok((days, _)) => out.trend.push((start, total(&days))),
                        Err(e) => {
                            // A column with no share ("–"), so the chart shows the gap.
                            out.trend.push((start, Figures::default()));
                            out.broken.get_or_insert(e);
                            left_out.push(start);
                        }
                    }
                }
            }
        }
    }
    match read(before, last_of_month(before)) {
        Ok((days, files)) => {
            let sum = total(&days);
            out.trend.push((before, sum.clone()));
            let name = before.format("%B").to_string();
            out.previous = (files > 0).then_some((name, sum));
        }
        Err(e) => {
            out.trend.push((before, Figures::default()));
            out.broken.get_or_insert(e);
            left_out.push(before);
        }
    }
    out.broken = out.broken.map(|e| left_out_message(&left_out, &e));
    out
}

/// "The 12-month trend leaves out March and May 2026: <the file, where, what to do>".
fn left_out_message(months: &[NaiveDate], e: &str) -> String {
    let names: Vec<String> = months
        .iter()
        .map(|m| m.format("%B %Y").to_string())
        .collect();
    let list = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    format!("The 12-month trend leaves out {list}, which a day file it cannot read holds: {e}")
}
