//! Builders the unit tests share: a work block and a session with only what a test cares about.

use super::{Block, BlockKind, Category, Session, SessionKind};
use chrono::{DateTime, FixedOffset, NaiveTime};

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
