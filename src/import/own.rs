//! protime's own events: the UID each exported block carries (`‹date›-‹block id›@‹journal id›`)
//! and the `X-PROTIME-…` properties that give a block's own fields back when it is imported.

use super::Written;
use crate::domain::{BlockKind, Category};
use chrono::NaiveDate;

pub const CATEGORY: &str = "X-PROTIME-CATEGORY";
pub const KIND: &str = "X-PROTIME-KIND";
pub const ACCOUNT: &str = "X-PROTIME-ACCOUNT";
pub const OBJECTIVE: &str = "X-PROTIME-OBJECTIVE";

/// The block fields an exported event carries, read with `text` (an event's unescaped property);
/// `None` for an event protime did not write.
pub fn written(text: impl Fn(&str) -> Option<String>) -> Option<Written> {
    let category = text(CATEGORY)?;
    let kind = match text(KIND).as_deref() {
        Some("inbox") => BlockKind::Inbox,
        Some("review") => BlockKind::Review,
        _ => BlockKind::Work,
    };
    Some(Written {
        category: category.parse::<Category>().ok(),
        kind,
        objective: text(OBJECTIVE),
    })
}

/// The UID of a block's event: the same on every export, so a calendar updates the event
/// instead of adding another. Block ids are never reused within a day, so it names one block.
pub fn uid(date: NaiveDate, block: &str, journal: &str) -> String {
    format!("{date}-{block}@{journal}")
}

/// The day and block an imported item's source names, when this journal wrote the event.
pub fn block_of(source: &str, journal: &str) -> Option<(NaiveDate, String)> {
    let (local, host) = source.strip_prefix("ics:")?.rsplit_once('@')?;
    if host != journal {
        return None;
    }
    let date = local.get(..10)?.parse::<NaiveDate>().ok()?;
    let block = local.get(10..)?.strip_prefix('-')?;
    let numbered = block.strip_prefix('b')?;
    (!numbered.is_empty() && numbered.bytes().all(|b| b.is_ascii_digit()))
        .then(|| (date, block.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uid_names_its_day_and_block_only_for_its_own_journal() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let uid = uid(date, "b12", "0a1b2c3d4e5f6071");
        assert_eq!(uid, "2026-11-30-b12@0a1b2c3d4e5f6071");
        let source = format!("ics:{uid}");
        assert_eq!(
            block_of(&source, "0a1b2c3d4e5f6071"),
            Some((date, "b12".into()))
        );
        assert_eq!(block_of(&source, "ffffffffffffffff"), None);
        assert_eq!(
            block_of("ics:2026-11-30-x@0a1b2c3d4e5f6071", "0a1b2c3d4e5f6071"),
            None
        );
        assert_eq!(
            block_of("ics:meeting@0a1b2c3d4e5f6071", "0a1b2c3d4e5f6071"),
            None
        );
    }
}
