//! A day in the journal: planned blocks, tracked sessions, the review, and whether it is a day off.

use super::category::{Category, SessionKind};
use super::timefmt;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The newest journal format version this build reads and writes. Version 2 added a block's
/// `source` (a meeting from the calendar) and the day's `corrected_blocks`; a day holding neither
/// is still written as version 1 ([`FIRST_SCHEMA`]), so an older protime keeps reading it.
pub const SCHEMA: u32 = 2;
/// The oldest journal format version this build reads.
pub const FIRST_SCHEMA: u32 = 1;

/// One day of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Day {
    pub schema: u32,
    pub date: NaiveDate,
    /// Set when the day is off (holiday, leave): it then has no capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub off: Option<String>,
    #[serde(default, rename = "block", skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    #[serde(default, rename = "session", skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<Session>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// Mails parked for the next inbox slot.
    #[serde(default, rename = "parked", skip_serializing_if = "Vec::is_empty")]
    pub parked: Vec<super::inbox::Parked>,
    /// The focus timer, while one is running or paused; kept with the day so a crash loses nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timer: Option<super::timer::Timer>,
    /// The highest block and session numbers ever given in this day, once one was deleted: ids
    /// are never reused, so an old session never points at a new block.
    #[serde(default, skip_serializing_if = "Issued::is_empty")]
    pub issued: Issued,
    /// Import sources (`crm:…`, `ics:…`) whose sessions the rep corrected or deleted: a re-import
    /// leaves them as the rep left them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<String>,
    /// Calendar sources (`ics:…`) of meeting blocks the rep changed (category, title …) or
    /// deleted: a plan re-import moves a changed one with the calendar but keeps the rep's
    /// fields, and never brings a deleted one back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected_blocks: Vec<String>,
}

/// The highest id numbers given out in a day (kept only after a delete).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issued {
    #[serde(default, skip_serializing_if = "is_zero")]
    pub block: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub session: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Issued {
    fn is_empty(&self) -> bool {
        self.block == 0 && self.session == 0
    }

    fn mark(&mut self, prefix: &str) -> Option<&mut u64> {
        match prefix {
            "b" => Some(&mut self.block),
            "s" => Some(&mut self.session),
            _ => None,
        }
    }
}

/// What a block is for, beyond its category: the Plan tab tags inbox and review slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    #[default]
    Work,
    Inbox,
    Review,
}

impl BlockKind {
    fn is_work(&self) -> bool {
        *self == BlockKind::Work
    }
}

/// A planned block of time, in local wall-clock time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub id: String,
    #[serde(with = "timefmt::hhmm")]
    pub start: NaiveTime,
    #[serde(with = "timefmt::hhmm")]
    pub end: NaiveTime,
    pub category: Category,
    pub title: String,
    #[serde(default, skip_serializing_if = "BlockKind::is_work")]
    pub kind: BlockKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    /// The meeting this block was planned from (`ics:UID`, plus `/RECURRENCE-ID` for one
    /// occurrence): set by `protime import calendar --plan`, never by the rep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Block {
    /// Planned length in minutes (blocks never cross midnight).
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes().max(0)
    }
}

/// A tracked stretch of time, with absolute timestamps so DST and travel stay correct.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub id: String,
    #[serde(with = "timefmt::rfc3339")]
    pub start: DateTime<FixedOffset>,
    /// `None` while the session is running.
    #[serde(
        default,
        with = "timefmt::rfc3339_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub end: Option<DateTime<FixedOffset>>,
    pub category: Category,
    pub kind: SessionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The id of the planned block this session worked on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where an imported session came from (file and stable id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The answer to "Did I decide what to do today, or did someone else?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Yes,
    Partly,
    No,
}

/// The end-of-day review.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<Decision>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tomorrow: String,
}

impl Day {
    pub fn new(date: NaiveDate) -> Day {
        Day {
            schema: FIRST_SCHEMA,
            date,
            off: None,
            blocks: vec![],
            sessions: vec![],
            review: None,
            parked: vec![],
            timer: None,
            issued: Issued::default(),
            corrected: vec![],
            corrected_blocks: vec![],
        }
    }

    /// The format version this day needs: the first one, unless it holds what version 2 added.
    pub fn needed_schema(&self) -> u32 {
        let calendar = self.blocks.iter().any(|b| b.source.is_some());
        match calendar || !self.corrected_blocks.is_empty() {
            true => SCHEMA,
            false => FIRST_SCHEMA,
        }
    }

    /// Notes that the rep changed or deleted a block planned from the calendar.
    pub fn mark_block_corrected(&mut self, block: &Block) {
        if let Some(source) = &block.source
            && !self.corrected_blocks.contains(source)
        {
            self.corrected_blocks.push(source.clone());
        }
    }

    /// Notes that the rep corrected (or deleted) the session `id`, when it came from an import.
    pub fn mark_corrected(&mut self, id: &str) {
        let source = self
            .sessions
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| s.source.clone());
        if let Some(source) = source.filter(|s| !self.corrected.contains(s)) {
            self.corrected.push(source);
        }
    }

    /// True when nothing has been written for this day.
    pub fn is_empty(&self) -> bool {
        self.off.is_none()
            && self.blocks.is_empty()
            && self.sessions.is_empty()
            && self.review.is_none()
            && self.timer.is_none()
            && self.parked.is_empty()
    }

    /// A fresh id for a block or session: `prefix` + one more than the highest number this day
    /// has given (never reused after a delete, never wrapping past the largest number).
    pub fn next_id(&self, prefix: &str) -> String {
        let number = |id: &str| id.strip_prefix(prefix)?.parse::<u128>().ok();
        let ids: Vec<&str> = self
            .blocks
            .iter()
            .map(|b| b.id.as_str())
            .chain(self.sessions.iter().map(|s| s.id.as_str()))
            .collect();
        let issued = match prefix {
            "b" => self.issued.block,
            "s" => self.issued.session,
            _ => 0,
        };
        let used = ids.iter().filter_map(|id| number(id)).max().unwrap_or(0);
        match used.max(u128::from(issued)).checked_add(1) {
            Some(next) => format!("{prefix}{next}"),
            // A hand-written id at the very top: the lowest free number instead of a wrap.
            None => (1u128..)
                .map(|n| format!("{prefix}{n}"))
                .find(|id| !ids.contains(&id.as_str()))
                .unwrap_or_default(),
        }
    }

    /// Notes that `id` was given out and is now gone, so it is never given again.
    pub fn retire_id(&mut self, id: &str) {
        let Some((prefix, number)) = id
            .find(|c: char| c.is_ascii_digit())
            .map(|at| id.split_at(at))
        else {
            return;
        };
        let (Ok(number), Some(mark)) = (number.parse::<u64>(), self.issued.mark(prefix)) else {
            return;
        };
        *mark = (*mark).max(number);
    }

    /// True while anything runs on this day: a timer, or a session with no end.
    pub fn is_running(&self) -> bool {
        self.timer.is_some() || self.sessions.iter().any(|s| s.end.is_none())
    }

    /// The session still running, if any.
    pub fn open_session(&self) -> Option<&Session> {
        self.sessions.iter().find(|s| s.end.is_none())
    }

    /// The block planned for `now` (the rule `protime start`, `s` and the next focus round use):
    /// the latest-starting block that contains it, so a block set inside another wins.
    pub fn block_at(&self, now: NaiveTime) -> Option<&Block> {
        self.blocks
            .iter()
            .filter(|b| b.start <= now && now < b.end)
            .max_by_key(|b| b.start)
    }

    /// Blocks in start order (the file keeps the order the rep wrote them in).
    pub fn blocks_by_start(&self) -> Vec<&Block> {
        let mut blocks: Vec<&Block> = self.blocks.iter().collect();
        blocks.sort_by_key(|b| (b.start, b.end));
        blocks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> Day {
        Day::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())
    }

    #[test]
    fn next_id_skips_used_numbers() {
        let mut d = day();
        assert_eq!(d.next_id("b"), "b1");
        d.blocks.push(Block {
            id: "b7".into(),
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            category: Category::Proactive,
            title: "calls".into(),
            kind: BlockKind::Work,
            account: None,
            objective: None,
            source: None,
        });
        assert_eq!(d.next_id("b"), "b8");
        assert_eq!(d.next_id("s"), "s1");
    }

    #[test]
    fn an_id_is_never_reused_after_a_delete_and_never_wraps() {
        let mut d = day();
        let mut b = crate::domain::test_support::block(
            "b3",
            NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            Category::Proactive,
        );
        d.blocks.push(b.clone());
        d.blocks.retain(|x| x.id != "b3");
        d.retire_id("b3");
        assert_eq!(d.next_id("b"), "b4", "b3 was given once");
        b.id = "b18446744073709551615".into();
        d.blocks.push(b);
        assert_eq!(d.next_id("b"), "b18446744073709551616");
    }

    #[test]
    fn new_day_is_empty_until_marked_off() {
        let mut d = day();
        assert!(d.is_empty());
        d.off = Some("holiday".into());
        assert!(!d.is_empty());
    }
}
