//! What the Plan tab's keys change: block edits, the day template, copying a day, days off,
//! and what a reload reads for the tab (the week, the promise of the last review).

use super::plan::PlanAction;
use super::plan_form::PlanForm;
use crate::config::Config;
use crate::domain::plan::{DayEdit, add_minutes, resized, shifted};
use crate::domain::{Block, Day};
use crate::journal::Journal;
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, Timelike};

pub const NO_BLOCK_SELECTED: &str = "no block selected: press a to add one";

/// The form `m` opens: the half hour up to now.
pub fn manual_form(now: DateTime<FixedOffset>) -> PlanForm {
    let end = now.time().with_second(0).unwrap_or(now.time());
    let start = add_minutes(end, -30).unwrap_or(NaiveTime::MIN);
    PlanForm::manual(start, end)
}

/// The change `action` makes to the selected block `b`, moving and resizing by `grid` minutes.
pub fn block_edit(action: PlanAction, b: Block, grid: i64) -> Result<DayEdit, String> {
    let change = |after: Block| DayEdit::change_block(&b, after);
    match action {
        PlanAction::Delete => Ok(DayEdit::RemoveBlocks(vec![b.id.clone()])),
        PlanAction::MoveEarlier => shifted(&b, -grid)
            .map(change)
            .ok_or("the block cannot start before 00:00".into()),
        PlanAction::MoveLater => shifted(&b, grid)
            .map(change)
            .ok_or("the block must end by 23:59".into()),
        PlanAction::Grow => resized(&b, grid, grid)
            .map(change)
            .ok_or("the block must end by 23:59".into()),
        PlanAction::Shrink => resized(&b, -grid, grid)
            .map(change)
            .ok_or(format!("a block is at least {grid} minutes (the grid)")),
        PlanAction::CycleCategory => Ok(change(Block {
            category: b.category.next(),
            ..b.clone()
        })),
        _ => Err(NO_BLOCK_SELECTED.to_string()),
    }
}

/// The template's blocks that fit around what is already planned.
pub fn template_edit(day: &Day, config: &Config) -> Result<DayEdit, String> {
    let candidates: Vec<Block> = config
        .plan
        .template
        .iter()
        .map(|t| Block {
            id: String::new(),
            start: t.start,
            end: t.end,
            category: t.category,
            title: t.title.clone(),
            kind: t.kind,
            account: None,
            objective: None,
            source: None,
        })
        .collect();
    let fitting = fitting_blocks(&day.blocks, candidates);
    if fitting.is_empty() {
        return Err(
            "the template's blocks would all overlap what is planned; nothing added".into(),
        );
    }
    Ok(DayEdit::AddBlocks(fitting))
}

/// `candidates` that overlap none of `existing`, with their ids cleared for the new day.
pub fn fitting_blocks(existing: &[Block], candidates: Vec<Block>) -> Vec<Block> {
    candidates
        .into_iter()
        .filter(|c| {
            existing
                .iter()
                .all(|e| c.end <= e.start || c.start >= e.end)
        })
        .map(|c| Block {
            id: String::new(),
            ..c
        })
        .collect()
}

/// working → holiday → leave → working.
pub fn next_off(off: Option<&str>) -> Option<String> {
    match off {
        None => Some("holiday".into()),
        Some("holiday") => Some("leave".into()),
        Some(_) => None,
    }
}

/// How far back `y` looks for a planned day.
pub const COPY_LOOKBACK_DAYS: i64 = 14;

/// The days `y` may copy from, newest first.
pub fn copy_candidates(to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    (1..=COPY_LOOKBACK_DAYS).map(move |n| to - Duration::days(n))
}

/// What the last review before `date` (within a week) said to protect on the next working day.
pub fn promised_protection(journal: &Journal, date: NaiveDate) -> Option<String> {
    copy_candidates(date)
        .take(7)
        .find_map(|d| {
            journal
                .load(d)
                .ok()
                .and_then(|day| day.review)
                .filter(|r| !r.tomorrow.is_empty())
        })
        .map(|r| r.tomorrow)
}

/// Monday to Sunday around `date`, the days that could be read.
pub fn week_of(journal: &Journal, date: NaiveDate) -> Vec<Day> {
    let monday = date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
    journal
        .days_in(monday, monday + Duration::days(6))
        .into_iter()
        .filter_map(|(_, d)| d.ok())
        .collect()
}

/// What the message line says after a Plan tab edit that the screen alone may not show.
pub fn confirmation(edit: &DayEdit, day: &Day) -> Option<String> {
    let title = |id: &String| {
        day.blocks
            .iter()
            .find(|b| &b.id == id)
            .map_or(id.clone(), |b| b.title.clone())
    };
    match edit {
        DayEdit::RemoveBlocks(ids) => {
            let names: Vec<String> = ids.iter().map(title).collect();
            Some(format!("Deleted “{}” — u undoes", names.join("”, “")))
        }
        DayEdit::AddBlocks(blocks) => Some(format!(
            "Added {} from the day template — u undoes",
            count(blocks.len(), "block")
        )),
        DayEdit::SetOff(Some(kind)) => {
            let next = next_off(Some(kind)).unwrap_or_else(|| "a working day".into());
            Some(format!(
                "{} marked {kind}: a day off, no capacity, no target — o again makes it {next}; u undoes",
                day.date.format("%a %-d %b")
            ))
        }
        DayEdit::SetOff(None) => Some(format!(
            "{} is a working day again — u undoes",
            day.date.format("%a %-d %b")
        )),
        _ => None,
    }
}

/// "1 block", "3 blocks".
pub fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The block planned for `now`, else the next one today: the one `s` should start.
pub fn block_at_hand(day: &Day, now: NaiveTime) -> Option<String> {
    day.block_at(now)
        .or_else(|| day.blocks_by_start().into_iter().find(|b| b.start > now))
        .map(|b| b.id.clone())
}
