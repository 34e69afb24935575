//! Builders the unit tests share: a work block, a session and a working week, with only what a
//! test cares about.

use super::check::Capacity;
use super::{Block, BlockKind, Category, Session, SessionKind};
use chrono::{DateTime, FixedOffset, NaiveTime, Weekday};

pub fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// A work block titled after its id.
pub fn block(id: &str, start: NaiveTime, end: NaiveTime, category: Category) -> Block {
    Block {
        id: id.into(),
        start,
        end,
        category,
        title: id.into(),
        kind: BlockKind::Work,
        account: None,
        objective: None,
        source: None,
    }
}

/// A session with no title, block, account, note or source.
pub fn session(
    id: &str,
    start: DateTime<FixedOffset>,
    end: Option<DateTime<FixedOffset>>,
    category: Category,
    kind: SessionKind,
) -> Session {
    Session {
        id: id.into(),
        start,
        end,
        category,
        kind,
        title: None,
        block: None,
        account: None,
        note: None,
        source: None,
    }
}

/// 40 hours over Monday to Friday: 8 hours a working day.
pub fn capacity_40h() -> Capacity {
    Capacity {
        workday: (
            chrono::NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
            chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
        ),
        weekly_minutes: 40 * 60,
        weekdays: vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ],
        since: None,
        holidays: vec![],
    }
}

/// A generated month for the pattern and advice tests: November 2026 seen from its last evening
/// (Central European time), each day built by `day` (`None`: no file), with its figures.
pub fn november(
    day: impl Fn(chrono::NaiveDate) -> Option<super::Day>,
) -> Vec<(chrono::NaiveDate, super::report::Figures)> {
    let tz = FixedOffset::east_opt(3600).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-30T18:00:00+01:00").unwrap();
    let first = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    first
        .iter_days()
        .take(30)
        .map(|date| {
            let file = day(date);
            let f = super::report::day_figures(date, file.as_ref(), &capacity_40h(), &tz, now);
            (date, f)
        })
        .collect()
}

/// A session on `date` over "HH:MM-HH:MM" (Central European time), naming `account` if given.
pub fn tracked(
    date: chrono::NaiveDate,
    span: &str,
    category: Category,
    account: Option<&str>,
) -> Session {
    let (a, b) = span.split_once('-').unwrap();
    let at = |t: &str| DateTime::parse_from_rfc3339(&format!("{date}T{t}:00+01:00")).unwrap();
    let mut s = session(
        &format!("s{a}"),
        at(a),
        Some(at(b)),
        category,
        SessionKind::Manual,
    );
    s.account = account.map(str::to_string);
    s
}
