//! Reading the period options of `report` and `export`.

use super::parse_date;
use crate::cli::PeriodArgs;
use chrono::{Datelike, Duration, NaiveDate};

/// The first and last day of the period the options name (the current month by default).
/// A period outside 1970–2100 or longer than 50 years is refused: its work and memory would grow
/// with a typo ("1026-01-01"), and no journal holds such days.
pub fn resolve(args: &PeriodArgs, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), String> {
    let (from, to) = named_period(args, today)?;
    check_bounds(from, today)?;
    check_bounds(to, today)?;
    if to.years_since(from).unwrap_or(0) >= MAX_YEARS {
        return Err(format!(
            "{from} – {to} is longer than {MAX_YEARS} years: name a shorter period"
        ));
    }
    Ok((from, to))
}

const FIRST_YEAR: i32 = 1970;
const LAST_YEAR: i32 = 2100;
const MAX_YEARS: u32 = 50;

/// Refuses a day outside the years any journal can hold, naming the year a typo likely meant.
fn check_bounds(date: NaiveDate, today: NaiveDate) -> Result<(), String> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Ok(());
    }
    let guess = likely_meant(date, today)
        .map(|d| format!(" — did you mean {d}?"))
        .unwrap_or_default();
    Err(format!(
        "{date} is outside {FIRST_YEAR}–{LAST_YEAR}{guess} Name days in those years."
    ))
}

/// The same day with this year's first three digits of the year put back (`1026` → `2026`).
fn likely_meant(date: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    let year = today.year() - today.year() % 1000 + date.year().rem_euclid(1000);
    date.with_year(year)
}

fn named_period(args: &PeriodArgs, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), String> {
    if let Some(month) = &args.month {
        return month_bounds(month);
    }
    if let (Some(from), Some(to)) = (&args.from, &args.to) {
        let (from, to) = (parse_date(from)?, parse_date(to)?);
        if from > to {
            return Err(format!(
                "--from {from} is after --to {to}: give the earlier day first"
            ));
        }
        return Ok((from, to));
    }
    if let Some(last) = &args.last {
        let days = parse_last(last)?;
        return Ok((today - Duration::days(days - 1), today));
    }
    month_bounds(&today.format("%Y-%m").to_string())
}

fn month_bounds(text: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let bad = || format!("\"{text}\" is not a month: write it as YYYY-MM, like 2026-11");
    if !super::has_four_digit_year(text) {
        return Err(bad());
    }
    let first =
        NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d").map_err(|_| bad())?;
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    Ok((first, next.ok_or_else(bad)?.pred_opt().ok_or_else(bad)?))
}

pub use crate::domain::timefmt::parse_last;

#[cfg(test)]
mod tests {
    use super::*;

    fn args(
        month: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        last: Option<&str>,
    ) -> PeriodArgs {
        let s = |o: Option<&str>| o.map(str::to_string);
        PeriodArgs {
            month: s(month),
            from: s(from),
            to: s(to),
            last: s(last),
        }
    }

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_period_outside_the_years_a_journal_holds_names_the_likely_typo() {
        let today = d("2026-11-26");
        let far = resolve(
            &args(None, Some("1026-01-01"), Some("2026-11-26"), None),
            today,
        );
        assert_eq!(
            far,
            Err("1026-01-01 is outside 1970–2100 — did you mean 2026-01-01? Name days in those years.".into())
        );
        for (from, to) in [("0001-01-01", "9999-12-31"), ("2026-01-01", "3026-01-01")] {
            assert!(resolve(&args(None, Some(from), Some(to), None), today).is_err());
        }
        let long = resolve(
            &args(None, Some("1971-01-01"), Some("2026-01-01"), None),
            today,
        );
        assert!(long.unwrap_err().contains("longer than 50 years"));
        assert!(resolve(&args(Some("9999-12"), None, None, None), today).is_err());
        assert!(
            resolve(
                &args(None, Some("1977-01-01"), Some("2026-12-31"), None),
                today
            )
            .is_ok()
        );
    }

    #[test]
    fn every_way_to_name_a_period() {
        let today = d("2026-11-26");
        assert_eq!(
            resolve(&args(None, None, None, None), today),
            Ok((d("2026-11-01"), d("2026-11-30")))
        );
        assert_eq!(
            resolve(&args(Some("2026-12"), None, None, None), today),
            Ok((d("2026-12-01"), d("2026-12-31")))
        );
        assert_eq!(
            resolve(&args(Some("2024-02"), None, None, None), today),
            Ok((d("2024-02-01"), d("2024-02-29")))
        );
        assert_eq!(
            resolve(
                &args(None, Some("2026-01-01"), Some("2026-01-31"), None),
                today
            ),
            Ok((d("2026-01-01"), d("2026-01-31")))
        );
        assert_eq!(
            resolve(&args(None, None, None, Some("14d")), today),
            Ok((d("2026-11-13"), today))
        );
        assert_eq!(
            resolve(&args(None, None, None, Some("2w")), today),
            Ok((d("2026-11-13"), today))
        );
    }

    #[test]
    fn bad_periods_say_what_to_type() {
        let today = d("2026-11-26");
        assert!(
            resolve(&args(Some("2026-13"), None, None, None), today)
                .unwrap_err()
                .contains("YYYY-MM")
        );
        for month in ["Nov", "26-1", "026-11", "20261-1"] {
            assert!(
                resolve(&args(Some(month), None, None, None), today)
                    .unwrap_err()
                    .contains("YYYY-MM"),
                "{month}"
            );
        }
        for (from, to) in [("26-11-01", "2026-11-02"), ("2026-11-01", "0026")] {
            let e = resolve(&args(None, Some(from), Some(to), None), today).unwrap_err();
            assert!(e.contains("YYYY-MM-DD"), "{from} {to}: {e}");
        }
        assert!(
            resolve(
                &args(None, Some("2026-02-01"), Some("2026-01-01"), None),
                today
            )
            .unwrap_err()
            .contains("earlier day first")
        );
        assert!(
            resolve(
                &args(None, Some("2026-02-30"), Some("2026-03-01"), None),
                today
            )
            .unwrap_err()
            .contains("YYYY-MM-DD")
        );
        for bad in ["14", "d", "0d", "-3d", "2m"] {
            assert!(
                resolve(&args(None, None, None, Some(bad)), today)
                    .unwrap_err()
                    .contains("like 14d"),
                "{bad}"
            );
        }
    }
}
