//! Changing a day's plan, with the checks that keep it sane.

use super::category::Category;
use super::day::{Block, BlockKind, Day};
use super::timefmt::format_hhmm;
use chrono::NaiveTime;

/// A block as a person described it, before it gets an id.
#[derive(Debug, Clone, PartialEq)]
pub struct NewBlock {
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub category: Category,
    pub title: String,
    pub account: Option<String>,
    pub objective: Option<String>,
}

/// Checks a block's times and title; the message says what to type instead.
pub fn validate(start: NaiveTime, end: NaiveTime, title: &str) -> Result<(), String> {
    if end == start {
        return Err(format!(
            "the block starts and ends at {}: give it an end later than its start",
            format_hhmm(start)
        ));
    }
    if end < start {
        return Err(format!(
            "the end {} is before the start {}: a block ends later the same day (e.g. {}-{})",
            format_hhmm(end),
            format_hhmm(start),
            format_hhmm(end),
            format_hhmm(start)
        ));
    }
    if title.trim().is_empty() {
        return Err("the block needs a title, like \"Prospecting calls\"".into());
    }
    Ok(())
}

/// Adds a block to the day, returning it with its new id. Overlaps are allowed (the timeline marks them).
pub fn add_block(day: &mut Day, new: NewBlock) -> Result<Block, String> {
    validate(new.start, new.end, &new.title)?;
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let block = Block {
        id: day.next_id("b"),
        start: new.start,
        end: new.end,
        category: new.category,
        title: new.title.trim().to_string(),
        kind: BlockKind::Work,
        account: clean(new.account),
        objective: clean(new.objective),
    };
    day.blocks.push(block.clone());
    Ok(block)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn new(start: NaiveTime, end: NaiveTime, title: &str) -> NewBlock {
        NewBlock {
            start,
            end,
            category: Category::Proactive,
            title: title.into(),
            account: Some(" ".into()),
            objective: None,
        }
    }

    #[test]
    fn adds_with_fresh_ids_and_drops_blank_extras() {
        let mut day = Day::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        let a = add_block(&mut day, new(hm(9, 0), hm(10, 0), " Calls ")).unwrap();
        let b = add_block(&mut day, new(hm(9, 30), hm(11, 0), "Proposal")).unwrap();
        assert_eq!((a.id.as_str(), b.id.as_str()), ("b1", "b2"));
        assert_eq!(a.title, "Calls");
        assert_eq!(a.account, None);
        assert_eq!(day.blocks.len(), 2);
    }

    #[test]
    fn refuses_reversed_empty_and_untitled_blocks() {
        let mut day = Day::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        assert!(
            add_block(&mut day, new(hm(10, 0), hm(9, 0), "x"))
                .unwrap_err()
                .contains("before the start")
        );
        assert!(
            add_block(&mut day, new(hm(9, 0), hm(9, 0), "x"))
                .unwrap_err()
                .contains("starts and ends")
        );
        assert!(
            add_block(&mut day, new(hm(9, 0), hm(10, 0), "  "))
                .unwrap_err()
                .contains("needs a title")
        );
        assert!(day.blocks.is_empty());
    }
}
