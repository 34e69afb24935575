//! A calendar's meetings written onto one day's plan: the one rule by which a meeting becomes a
//! block, moves with the calendar, and keeps what the rep changed. Applied as
//! [`DayEdit::PlanImport`](super::plan::DayEdit), like every other change to a day, so undo puts
//! the plan back.

use super::timefmt::format_hhmm;
use super::{Block, BlockKind, Category, Day};
use chrono::{NaiveDate, NaiveTime};

/// One meeting's part on one day, as its block holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub source: String,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub title: String,
    pub category: Category,
    /// No rule matched: planned as OTHER and listed for the rep to sort.
    pub unsorted: bool,
    pub kind: BlockKind,
    pub account: Option<String>,
    pub objective: Option<String>,
}

/// One of this journal's own blocks, seen in the calendar at the times the calendar has.
#[derive(Debug, Clone, PartialEq)]
pub struct Returned {
    /// The day and block its UID names.
    pub date: NaiveDate,
    pub block: String,
    /// Where the calendar has it now.
    pub on: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// What a plan import writes onto one day: the calendar's meetings on it (every block from the
/// calendar not among them goes), and the rep's own blocks the calendar moved within the day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanEdit {
    pub meetings: Vec<Meeting>,
    pub returned: Vec<Returned>,
    /// Which of the day's calendar blocks the import speaks for (removes when not wanted).
    pub speaks_for: SpeaksFor,
}

/// The calendar blocks of a day a plan import speaks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SpeaksFor {
    /// A day of the period: every meeting block.
    #[default]
    All,
    /// The day after the period: only the rest of meetings that ran past its last midnight
    /// (`ics:UID#DATE`); the day's other meeting blocks are its own import's.
    Continuations,
    /// A day outside the period where only the rep's own blocks come back.
    Nothing,
}

/// Applies a plan import to one day.
pub fn apply(day: &mut Day, edit: &PlanEdit) -> PlanChange {
    let ours = |source: &str| match edit.speaks_for {
        SpeaksFor::All => true,
        SpeaksFor::Continuations => is_continuation(source),
        SpeaksFor::Nothing => false,
    };
    let mut change = merge_where(day, &edit.meetings, ours);
    for back in &edit.returned {
        change.returned += usize::from(follow_own(day, back));
    }
    change
}

/// How an import changed the plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanChange {
    pub added: usize,
    /// Meetings whose times changed in the calendar.
    pub moved: usize,
    /// Meetings whose title or category changed (the rep had not changed them).
    pub updated: usize,
    /// Meetings cancelled, declined or gone from the file.
    pub removed: usize,
    pub unchanged: usize,
    /// Meetings whose blocks the rep changed: their times follow the calendar, the rest stays.
    pub kept: usize,
    /// Meetings whose blocks the rep deleted: not brought back.
    pub deleted: usize,
    /// The rep's own (exported) blocks the calendar moved.
    pub returned: usize,
    /// Meetings placed over one of the rep's blocks, in words.
    pub overlaps: Vec<String>,
}

impl PlanChange {
    pub fn add(&mut self, other: PlanChange) {
        self.added += other.added;
        self.moved += other.moved;
        self.updated += other.updated;
        self.removed += other.removed;
        self.unchanged += other.unchanged;
        self.kept += other.kept;
        self.deleted += other.deleted;
        self.returned += other.returned;
        self.overlaps.extend(other.overlaps);
    }

    /// "2 added, 1 moved, 0 updated, 1 removed, 3 unchanged" and what the rep's changes kept.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "{} added, {} moved, {} updated, {} removed, {} unchanged",
            self.added, self.moved, self.updated, self.removed, self.unchanged
        );
        if self.kept > 0 {
            text.push_str(&format!(", {} kept as you changed them", self.kept));
        }
        if self.deleted > 0 {
            text.push_str(&format!(", {} you deleted left out", self.deleted));
        }
        if self.returned > 0 {
            text.push_str(&format!(
                ", {} of your blocks moved as in the calendar",
                self.returned
            ));
        }
        text
    }
}

/// Brings one day's plan in line with the calendar's meetings on that day (`wanted`). Every block
/// from the calendar is the import's: one whose meeting is not wanted any more goes. The rep's own
/// blocks are never touched.
pub fn merge(day: &mut Day, wanted: &[Meeting]) -> PlanChange {
    merge_where(day, wanted, |_| true)
}

/// A meeting's part after its first midnight (`ics:UID#2026-12-01`).
pub fn is_continuation(source: &str) -> bool {
    super::imported::base_source(source) != source
}

/// [`merge`], speaking only for the calendar blocks whose source is `ours`.
fn merge_where(day: &mut Day, wanted: &[Meeting], ours: impl Fn(&str) -> bool) -> PlanChange {
    let mut change = PlanChange::default();
    let is_wanted = |b: &Block| {
        b.source
            .as_ref()
            .is_some_and(|s| wanted.iter().any(|m| &m.source == s))
    };
    let gone: Vec<String> = day
        .blocks
        .iter()
        .filter(|b| b.source.as_deref().is_some_and(&ours) && !is_wanted(b))
        .map(|b| b.id.clone())
        .collect();
    for id in &gone {
        day.retire_id(id);
    }
    day.blocks.retain(|b| !gone.contains(&b.id));
    change.removed = gone.len();
    for m in wanted {
        let corrected = day.corrected_blocks.contains(&m.source);
        let existing = day
            .blocks
            .iter_mut()
            .find(|b| b.source.as_deref() == Some(m.source.as_str()));
        match existing {
            Some(block) => follow(block, m, corrected, &mut change),
            None if corrected => change.deleted += 1,
            None => {
                let id = day.next_id("b");
                day.blocks.push(new_block(id, m));
                change.added += 1;
            }
        }
    }
    change.overlaps = overlaps(day);
    change
}

/// Moves a meeting's block to the calendar's times; its title and category follow the calendar
/// too, unless the rep changed them.
fn follow(block: &mut Block, m: &Meeting, corrected: bool, change: &mut PlanChange) {
    let moved = (block.start, block.end) != (m.start, m.end);
    block.start = m.start;
    block.end = m.end;
    let fresh = new_block(block.id.clone(), m);
    let updated = !corrected && *block != fresh;
    if updated {
        *block = fresh;
    }
    match (moved, updated, corrected) {
        (true, _, _) => change.moved += 1,
        (false, true, _) => change.updated += 1,
        (false, false, true) => change.kept += 1,
        (false, false, false) => change.unchanged += 1,
    }
}

fn new_block(id: String, m: &Meeting) -> Block {
    Block {
        id,
        start: m.start,
        end: m.end,
        category: m.category,
        title: m.title.clone(),
        kind: m.kind,
        account: m.account.clone(),
        objective: m.objective.clone(),
        source: Some(m.source.clone()),
    }
}

/// Each meeting block that lies over one of the rep's own blocks, in words.
fn overlaps(day: &Day) -> Vec<String> {
    let span = |b: &Block| format!("{}–{}", format_hhmm(b.start), format_hhmm(b.end));
    let mut found = vec![];
    for meeting in day
        .blocks_by_start()
        .into_iter()
        .filter(|b| b.source.is_some())
    {
        for own in day
            .blocks_by_start()
            .into_iter()
            .filter(|b| b.source.is_none())
        {
            if meeting.start < own.end && own.start < meeting.end {
                found.push(format!(
                    "{} {} {} overlaps your block {} {}",
                    day.date,
                    span(meeting),
                    meeting.title,
                    span(own),
                    own.title
                ));
            }
        }
    }
    found
}

/// Puts one of the rep's exported blocks at the times the calendar has it (the rep moved the
/// event there). True when it moved; a block gone from the plan stays gone.
pub fn follow_own(day: &mut Day, back: &Returned) -> bool {
    let Some(block) = day
        .blocks
        .iter_mut()
        .find(|b| b.id == back.block && b.source.is_none())
    else {
        return false;
    };
    let moved = (block.start, block.end) != (back.start, back.end);
    block.start = back.start;
    block.end = back.end;
    moved
}
