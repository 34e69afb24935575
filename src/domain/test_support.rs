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
