//! Changing a day's plan, with the checks that keep it sane.

use super::category::Category;
use super::day::{Block, BlockKind, Day, Review, Session};
use super::inbox::Parked;
use super::timefmt::format_hhmm;
use chrono::{DateTime, FixedOffset, NaiveTime, Timelike};

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

/// Time logged by hand is time that has passed: an entry still ahead would count as tracked at
/// once. A minute's grace lets "until now" typed as the current minute pass.
pub fn already_happened(session: &Session, now: DateTime<FixedOffset>) -> Result<(), String> {
    let end = session.end.unwrap_or(session.start);
    if end <= now + chrono::Duration::minutes(1) {
        return Ok(());
    }
    Err(format!(
        "the entry ends {} {}, which has not come yet: log time once it has passed (plan what is \
         ahead as a block)",
        end.format("%a %-d %b"),
        end.format("%H:%M")
    ))
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
            "the end {} is before the start {}: the end must come later the same day; for time \
             past midnight, end at 23:59 here and add the rest on the next day from 00:00",
            format_hhmm(end),
            format_hhmm(start),
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
        source: None,
    };
    day.blocks.push(block.clone());
    Ok(block)
}

/// One undoable change to a day. Applying it returns its inverse, which undo applies in turn;
/// each is applied to the newest version of the file, so undo never clobbers another pane's edit.
#[derive(Debug, Clone, PartialEq)]
pub enum DayEdit {
    /// Add these blocks (ids are re-issued if taken).
    AddBlocks(Vec<Block>),
    /// Remove the blocks with these ids.
    RemoveBlocks(Vec<String>),
    /// Change a block: the fields that differ between `before` (as the editor saw it) and
    /// `after` are set on the newest version of the block; the others keep what another writer
    /// may have changed meanwhile.
    ReplaceBlock {
        before: Block,
        after: Block,
    },
    /// Mark the day off (`Some(reason)`) or working (`None`).
    SetOff(Option<String>),
    /// Add a tracked session (a manual entry).
    AddSession(Session),
    /// Remove the session with this id.
    RemoveSession(String),
    /// Correct a session: the fields that differ between `before` and `after` are set on the
    /// newest version (the rule of `ReplaceBlock`).
    ReplaceSession {
        before: Box<Session>,
        after: Box<Session>,
    },
    /// Split session `id` at `at`; the second part gets `new_id` (or a fresh id).
    SplitSession {
        id: String,
        at: DateTime<FixedOffset>,
        new_id: Option<String>,
    },
    /// Join session `second` into `first`, which then runs to `second`'s end.
    JoinSessions {
        first: String,
        second: String,
    },
    /// Undo a join: `first` ends at `first_end` again and `second` comes back as it was.
    UnjoinSessions {
        first: String,
        first_end: Option<DateTime<FixedOffset>>,
        second: Box<Session>,
    },
    /// Set (or clear) the end-of-day review.
    SetReview(Option<Review>),
    /// Park a mail (its id is re-issued if taken).
    AddParked(Parked),
    /// Replace the parked item with the same id (triage).
    ReplaceParked(Parked),
    RemoveParked(String),
    /// A timer act (start, pause, interrupt, pass on, a slot, a gap settled …) at `at`: the
    /// same value from a key or a verb, undone by the [`Revert`](super::revert::Revert) it gives.
    Timer {
        op: super::timer::TimerOp,
        at: DateTime<FixedOffset>,
        settings: super::timer::TimerSettings,
    },
    /// Put back what a timer act or an import changed.
    Revert(Box<super::revert::Revert>),
    /// Write an export's items for this day, by the import rule (a correction wins).
    Import(Box<super::imported::ImportEdit>),
    /// Write a calendar's meetings into this day's plan, by the plan import rule (the rep's
    /// changes and deletions stay).
    PlanImport(Box<super::planned::PlanEdit>),
}

/// What an edit did besides itself, for the rep to be told.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    /// What the timer did on its own (a round that ended, a break over).
    pub events: Vec<super::timer::TimerEvent>,
    /// How an import changed the day's sessions.
    pub imported: super::imported::Change,
    /// How a plan import changed the day's blocks.
    pub planned: super::planned::PlanChange,
}

impl DayEdit {
    /// True for an inverse that puts nothing back (the edit changed nothing).
    pub fn is_empty(&self) -> bool {
        matches!(self, DayEdit::Revert(r) if r.is_empty())
    }

    /// Applies the edit and returns the edit that undoes it.
    pub fn apply(self, day: &mut Day) -> Result<DayEdit, String> {
        self.apply_reporting(day).map(|(inverse, _)| inverse)
    }

    /// Applies the edit; returns the edit that undoes it and what else it did ([`Outcome`]).
    pub fn apply_reporting(self, day: &mut Day) -> Result<(DayEdit, Outcome), String> {
        let before = day.clone();
        let undo = |day: &Day| DayEdit::Revert(Box::new(super::revert::between(&before, day)));
        match self {
            DayEdit::Timer { op, at, settings } => {
                let events = op.apply(day, at, &settings)?;
                let outcome = Outcome {
                    events,
                    ..Outcome::default()
                };
                Ok((undo(day), outcome))
            }
            DayEdit::Import(edit) => {
                let imported = super::imported::merge(day, &edit);
                let outcome = Outcome {
                    imported,
                    ..Outcome::default()
                };
                Ok((undo(day), outcome))
            }
            DayEdit::PlanImport(edit) => {
                let planned = super::planned::apply(day, &edit);
                let outcome = Outcome {
                    planned,
                    ..Outcome::default()
                };
                Ok((undo(day), outcome))
            }
            DayEdit::Revert(revert) => {
                let redo = revert.apply(day)?;
                Ok((DayEdit::Revert(Box::new(redo)), Outcome::default()))
            }
            edit => edit
                .apply_plain(day)
                .map(|inverse| (inverse, Outcome::default())),
        }
    }

    fn apply_plain(self, day: &mut Day) -> Result<DayEdit, String> {
        match self {
            DayEdit::AddBlocks(blocks) => add_blocks(day, blocks),
            DayEdit::RemoveBlocks(ids) => remove_blocks(day, &ids),
            DayEdit::ReplaceBlock { before, after } => replace_block(day, &before, after),
            DayEdit::SetOff(off) => Ok(DayEdit::SetOff(std::mem::replace(&mut day.off, off))),
            DayEdit::AddSession(session) => add_session(day, session),
            DayEdit::AddParked(item) => add_parked(day, item),
            DayEdit::ReplaceParked(item) => replace_parked(day, item),
            DayEdit::RemoveParked(id) => remove_parked(day, &id),
            DayEdit::SetReview(review) => Ok(DayEdit::SetReview(std::mem::replace(
                &mut day.review,
                review,
            ))),
            DayEdit::RemoveSession(id) => remove_session(day, &id),
            DayEdit::ReplaceSession { before, after } => {
                day.mark_corrected(&after.id);
                let (merged, newest) = super::correct::replace(day, &before, *after)?;
                Ok(DayEdit::ReplaceSession {
                    before: Box::new(merged),
                    after: Box::new(newest),
                })
            }
            DayEdit::SplitSession { id, at, new_id } => {
                day.mark_corrected(&id);
                let second = super::correct::split(day, &id, at, new_id)?;
                Ok(DayEdit::JoinSessions { first: id, second })
            }
            DayEdit::JoinSessions { first, second } => join_sessions(day, first, &second),
            DayEdit::UnjoinSessions {
                first,
                first_end,
                second,
            } => unjoin_sessions(day, first, first_end, *second),
            timer @ (DayEdit::Timer { .. }
            | DayEdit::Revert(_)
            | DayEdit::Import(_)
            | DayEdit::PlanImport(_)) => timer.apply_reporting(day).map(|(inverse, _)| inverse),
        }
    }
}

// One function per edit, each returning the edit that undoes it.

fn add_blocks(day: &mut Day, blocks: Vec<Block>) -> Result<DayEdit, String> {
    let mut ids = vec![];
    for mut block in blocks {
        validate(block.start, block.end, &block.title)?;
        if block.id.is_empty() || day.blocks.iter().any(|b| b.id == block.id) {
            block.id = day.next_id("b");
        }
        ids.push(block.id.clone());
        day.blocks.push(block);
    }
    Ok(DayEdit::RemoveBlocks(ids))
}

fn remove_blocks(day: &mut Day, ids: &[String]) -> Result<DayEdit, String> {
    let (gone, kept): (Vec<Block>, Vec<Block>) = std::mem::take(&mut day.blocks)
        .into_iter()
        .partition(|b| ids.contains(&b.id));
    day.blocks = kept;
    if gone.is_empty() {
        return Err("that block is gone already (changed in another window?)".into());
    }
    for b in &gone {
        day.retire_id(&b.id);
        day.mark_block_corrected(b);
    }
    Ok(DayEdit::AddBlocks(gone))
}

impl DayEdit {
    /// The edit that turns `before` into `after` (the same block, by id).
    pub fn change_block(before: &Block, after: Block) -> DayEdit {
        DayEdit::ReplaceBlock {
            before: before.clone(),
            after,
        }
    }
}

/// A field-level merge onto the newest version of the block: only the fields this edit changed
/// are written; one another writer changed to something else meanwhile is refused, not lost.
fn replace_block(day: &mut Day, before: &Block, after: Block) -> Result<DayEdit, String> {
    validate(after.start, after.end, &after.title)?;
    let slot = day.blocks.iter_mut().find(|b| b.id == after.id);
    let slot = slot.ok_or("that block is gone (changed in another window?)")?;
    let merged = super::merge::block(slot, before, &after)?;
    validate(merged.start, merged.end, &merged.title)?;
    // A meeting's times follow the calendar; anything else the rep changes stays theirs.
    let own = |b: &Block| {
        (
            b.category,
            b.title.clone(),
            b.kind,
            b.account.clone(),
            b.objective.clone(),
        )
    };
    let corrected = own(slot) != own(&merged);
    let previous = std::mem::replace(slot, merged.clone());
    if corrected {
        day.mark_block_corrected(&merged);
    }
    Ok(DayEdit::ReplaceBlock {
        before: merged,
        after: previous,
    })
}

fn add_session(day: &mut Day, mut session: Session) -> Result<DayEdit, String> {
    if session.end.is_some_and(|e| e <= session.start) {
        return Err("the entry ends before it starts: give an end later than its start".into());
    }
    if session.id.is_empty() || day.sessions.iter().any(|s| s.id == session.id) {
        session.id = day.next_id("s");
    }
    let id = session.id.clone();
    // In time order: an entry typed afterwards, or one brought back by undo, takes its place.
    let at = day
        .sessions
        .iter()
        .position(|s| s.start > session.start)
        .unwrap_or(day.sessions.len());
    day.sessions.insert(at, session);
    Ok(DayEdit::RemoveSession(id))
}

fn remove_session(day: &mut Day, id: &str) -> Result<DayEdit, String> {
    super::correct::refuse_while_running(day, id, "delete it")?;
    let at = day.sessions.iter().position(|s| s.id == id);
    let at = at.ok_or_else(|| {
        format!("there is no session {id} on this day (deleted already, or in another window?): see `protime sessions`")
    })?;
    day.retire_id(id);
    day.mark_corrected(id);
    Ok(DayEdit::AddSession(day.sessions.remove(at)))
}

fn join_sessions(day: &mut Day, first: String, second: &str) -> Result<DayEdit, String> {
    day.mark_corrected(&first);
    day.mark_corrected(second);
    let first_end = day
        .sessions
        .iter()
        .find(|s| s.id == first)
        .and_then(|s| s.end);
    let (_, removed) = super::correct::join(day, &first, second)?;
    Ok(DayEdit::UnjoinSessions {
        first,
        first_end,
        second: Box::new(removed),
    })
}

fn unjoin_sessions(
    day: &mut Day,
    first: String,
    first_end: Option<DateTime<FixedOffset>>,
    second: Session,
) -> Result<DayEdit, String> {
    let at = day.sessions.iter().position(|s| s.id == first);
    let at = at.ok_or("that session is gone (changed in another window?)")?;
    if day.sessions.iter().any(|s| s.id == second.id) {
        return Err(format!(
            "{} is back already (changed in another window?)",
            second.id
        ));
    }
    day.sessions[at].end = first_end;
    let second_id = second.id.clone();
    day.sessions.insert(at + 1, second);
    Ok(DayEdit::JoinSessions {
        first,
        second: second_id,
    })
}

fn add_parked(day: &mut Day, mut item: Parked) -> Result<DayEdit, String> {
    if item.text.trim().is_empty() {
        return Err("say what to handle later, like \"reply Anna re pricing\"".into());
    }
    if item.id.is_empty() || day.parked.iter().any(|p| p.id == item.id) {
        item.id = super::inbox::next_parked_id(day);
    }
    let id = item.id.clone();
    day.parked.push(item);
    Ok(DayEdit::RemoveParked(id))
}

fn replace_parked(day: &mut Day, item: Parked) -> Result<DayEdit, String> {
    let slot = day.parked.iter_mut().find(|p| p.id == item.id);
    let slot = slot.ok_or("that parked mail is gone (changed in another window?)")?;
    Ok(DayEdit::ReplaceParked(std::mem::replace(slot, item)))
}

fn remove_parked(day: &mut Day, id: &str) -> Result<DayEdit, String> {
    let at = day.parked.iter().position(|p| p.id == id);
    let at = at.ok_or("that parked mail is gone (changed in another window?)")?;
    Ok(DayEdit::AddParked(day.parked.remove(at)))
}

/// The block moved by `minutes` (negative: earlier), kept within the day.
pub fn shifted(block: &Block, minutes: i64) -> Option<Block> {
    let start = add_minutes(block.start, minutes)?;
    let end = add_minutes(block.end, minutes)?;
    Some(Block {
        start,
        end,
        ..block.clone()
    })
}

/// The block with its end moved by `minutes`; never shorter than `min_minutes`.
pub fn resized(block: &Block, minutes: i64, min_minutes: i64) -> Option<Block> {
    let end = add_minutes(block.end, minutes)?;
    ((end - block.start).num_minutes() >= min_minutes).then(|| Block {
        end,
        ..block.clone()
    })
}

/// `t + minutes`, or `None` when that leaves the day (blocks never cross midnight).
/// 24:00 is not a time of day, so a block can end at 23:59 at the latest.
pub fn add_minutes(t: NaiveTime, minutes: i64) -> Option<NaiveTime> {
    let total = i64::from(t.num_seconds_from_midnight() / 60) + minutes;
    (0..24 * 60)
        .contains(&total)
        .then(|| NaiveTime::from_hms_opt((total / 60) as u32, (total % 60) as u32, 0))?
}

/// Where a new block should start: the end of the last block that ends after `after`
/// (or `after` itself rounded up to the grid), never before the working day starts.
pub fn next_free_start(
    day: &Day,
    after: NaiveTime,
    workday_start: NaiveTime,
    grid: u32,
) -> NaiveTime {
    let mut start = round_up(after.max(workday_start), grid);
    let mut blocks = day.blocks_by_start();
    blocks.retain(|b| b.end > start);
    for b in blocks {
        if b.start <= start {
            start = start.max(b.end);
        }
    }
    start
}

/// Rounds up to the next multiple of `grid` minutes (a time already on the grid stays).
pub fn round_up(t: NaiveTime, grid: u32) -> NaiveTime {
    let minutes = t.num_seconds_from_midnight().div_ceil(60);
    let grid = grid.max(1);
    let rounded = minutes.div_ceil(grid) * grid;
    NaiveTime::from_hms_opt(
        (rounded / 60).min(23),
        if rounded >= 24 * 60 { 59 } else { rounded % 60 },
        0,
    )
    .unwrap_or(t)
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

#[cfg(test)]
mod edit_tests {
    use super::*;
    use chrono::NaiveDate;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn block(id: &str, start: NaiveTime, end: NaiveTime) -> Block {
        Block {
            id: id.into(),
            start,
            end,
            category: Category::Proactive,
            title: "Calls".into(),
            kind: BlockKind::Work,
            account: None,
            objective: None,
            source: None,
        }
    }

    fn day() -> Day {
        Day::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())
    }

    #[test]
    fn deleting_the_newest_block_then_adding_one_never_reuses_its_id() {
        let mut d = day();
        let two = vec![
            block("", hm(9, 0), hm(10, 0)),
            block("", hm(10, 0), hm(11, 0)),
        ];
        DayEdit::AddBlocks(two).apply(&mut d).unwrap();
        DayEdit::RemoveBlocks(vec!["b2".into()])
            .apply(&mut d)
            .unwrap();
        let undo = DayEdit::AddBlocks(vec![block("", hm(12, 0), hm(13, 0))])
            .apply(&mut d)
            .unwrap();
        assert_eq!(undo, DayEdit::RemoveBlocks(vec!["b3".into()]));
    }

    #[test]
    fn every_edit_is_undone_by_its_inverse() {
        let mut d = day();
        let add = DayEdit::AddBlocks(vec![
            block("", hm(9, 0), hm(10, 0)),
            block("", hm(10, 0), hm(11, 0)),
        ]);
        let undo_add = add.apply(&mut d).unwrap();
        assert_eq!(
            undo_add,
            DayEdit::RemoveBlocks(vec!["b1".into(), "b2".into()])
        );
        let before = d.clone();
        let moved = shifted(&d.blocks[0], 15).unwrap();
        let original = d.blocks.iter().find(|b| b.id == moved.id).unwrap().clone();
        let undo_move = DayEdit::change_block(&original, moved)
            .apply(&mut d)
            .unwrap();
        assert_eq!(d.blocks[0].start, hm(9, 15));
        let redo = undo_move.apply(&mut d).unwrap();
        assert_eq!(d, before);
        redo.apply(&mut d).unwrap();
        let undo_off = DayEdit::SetOff(Some("holiday".into()))
            .apply(&mut d)
            .unwrap();
        undo_off.apply(&mut d).unwrap();
        assert_eq!(d.off, None);
        let undo_remove = DayEdit::RemoveBlocks(vec!["b2".into()])
            .apply(&mut d)
            .unwrap();
        assert_eq!(d.blocks.len(), 1);
        undo_remove.apply(&mut d).unwrap();
        assert_eq!(d.blocks.len(), 2);
    }

    #[test]
    fn edits_of_vanished_blocks_are_refused() {
        let mut d = day();
        assert!(
            DayEdit::RemoveBlocks(vec!["b9".into()])
                .apply(&mut d)
                .is_err()
        );
        assert!(
            DayEdit::change_block(
                &block("b9", hm(9, 0), hm(10, 0)),
                block("b9", hm(9, 0), hm(10, 0))
            )
            .apply(&mut d)
            .is_err()
        );
    }

    #[test]
    fn moves_and_resizes_stay_within_the_day() {
        let b = block("b1", hm(23, 0), hm(23, 45));
        assert_eq!(shifted(&b, 15), None);
        assert_eq!(shifted(&b, -15).unwrap().start, hm(22, 45));
        assert_eq!(resized(&b, -30, 15).unwrap().end, hm(23, 15));
        assert_eq!(resized(&b, -45, 15), None);
        assert_eq!(add_minutes(hm(0, 10), -15), None);
    }

    #[test]
    fn next_free_start_follows_blocks_and_grid() {
        let mut d = day();
        assert_eq!(next_free_start(&d, hm(7, 0), hm(8, 30), 15), hm(8, 30));
        assert_eq!(next_free_start(&d, hm(10, 7), hm(8, 30), 15), hm(10, 15));
        d.blocks.push(block("b1", hm(8, 30), hm(10, 0)));
        d.blocks.push(block("b2", hm(10, 0), hm(10, 30)));
        assert_eq!(next_free_start(&d, hm(8, 0), hm(8, 30), 15), hm(10, 30));
    }

    #[test]
    fn round_up_keeps_grid_times() {
        assert_eq!(round_up(hm(9, 0), 15), hm(9, 0));
        assert_eq!(round_up(hm(9, 1), 15), hm(9, 15));
        assert_eq!(round_up(hm(23, 59), 15), hm(23, 59));
    }
}
