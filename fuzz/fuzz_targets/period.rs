//! The parsers of times, lengths, dates and periods a rep types (`--last`, `--since`, `--from`,
//! `--to`, `--month`, the dashboard's prompts) on arbitrary text: none may panic, and what they
//! accept must lie in the bounds they promise.
#![no_main]

use chrono::{Datelike, NaiveDate};
use libfuzzer_sys::fuzz_target;
use protime::cli::PeriodArgs;
use protime::commands::{parse_date, period};
use protime::domain::timefmt::{
    looks_like_duration, parse_duration_minutes, parse_hhmm, parse_last,
};

fuzz_target!(|text: &str| {
    for part in text.split('\n') {
        one_value(part);
    }
    // Up to four parts become the period options, in every combination clap lets through.
    let mut parts = text.splitn(4, '\n').map(str::to_string);
    let (a, b, c, d) = (parts.next(), parts.next(), parts.next(), parts.next());
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).expect("a real date");
    for args in [
        period_args(a.clone(), None, None, None),
        period_args(None, a.clone(), b.clone(), None),
        period_args(None, None, None, a.clone()),
        period_args(a, b, c, d),
    ] {
        if let Ok((from, to)) = period::resolve(&args, today) {
            assert!(from <= to, "{from} > {to} from {args:?}");
            for day in [from, to] {
                assert!((1970..=2100).contains(&day.year()), "{day} from {args:?}");
            }
            assert!(to.years_since(from).unwrap_or(0) < 50, "{args:?}");
        }
    }
});

fn one_value(part: &str) {
    if let Ok(days) = parse_last(part) {
        assert!((1..=3660).contains(&days), "{part:?} → {days}");
    }
    if let Ok(minutes) = parse_duration_minutes(part) {
        assert!((1..24 * 60).contains(&minutes), "{part:?} → {minutes}");
    }
    let _ = parse_hhmm(part);
    let _ = looks_like_duration(part);
    let _ = parse_date(part);
}

fn period_args(
    month: Option<String>,
    from: Option<String>,
    to: Option<String>,
    last: Option<String>,
) -> PeriodArgs {
    PeriodArgs {
        month,
        from,
        to,
        last,
    }
}
