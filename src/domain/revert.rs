//! The inverse of a timer act or an import: what it changed in the day's blocks, sessions,
//! parked mails and timer, as they were. Restoring touches only those, so another pane's other
//! changes survive.

use super::day::{Block, Day, Session};
use super::inbox::Parked;
use super::merge;
use super::timer::Timer;

/// The blocks, sessions and parked mails an edit changed, as they were before it, the ones it
/// added, and the timer before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Revert {
    /// Each with the place it had in the day's plan.
    pub blocks: Vec<(usize, Block)>,
    /// The same blocks as the edit left them (`None`: it removed one), as for sessions.
    pub blocks_after: Vec<Option<Block>>,
    pub added_blocks: Vec<String>,
    /// The calendar sources the edit marked as changed by the rep, and those it unmarked.
    pub corrected_blocks: Marks,
    /// Each with the place it had in the day's list.
    pub sessions: Vec<(usize, Session)>,
    /// The same sessions as the edit left them (`None`: it removed one): only the fields the
    /// edit changed are put back, so a note another window added meanwhile stays.
    pub sessions_after: Vec<Option<Session>>,
    pub added_sessions: Vec<String>,
    pub parked: Vec<(usize, Parked)>,
    pub added_parked: Vec<String>,
    /// The timer as it was, when the edit changed it.
    pub timer: Option<Option<Timer>>,
    /// The timer as the edit left it: an act is undone only while the timer still is so.
    pub timer_after: Option<Timer>,
}

/// Entries an edit added to a list of marks, and those it took away.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl Marks {
    fn between(before: &[String], after: &[String]) -> Marks {
        let missing = |from: &[String], to: &[String]| {
            let gone = from.iter().filter(|m| !to.contains(m));
            gone.cloned().collect()
        };
        Marks {
            added: missing(after, before),
            removed: missing(before, after),
        }
    }

    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }

    /// Takes the added marks out of `list` and puts the removed ones back.
    fn undo(&self, list: &mut Vec<String>) {
        list.retain(|m| !self.added.contains(m));
        for m in &self.removed {
            if !list.contains(m) {
                list.push(m.clone());
            }
        }
    }
}

/// Why a timer act is not undone once the timer has moved on.
const MOVED_ON: &str = "the timer has moved on since (a round ended, or another window changed \
    it): nothing was undone";

/// What turns `after` back into `before`, as far as blocks, sessions, parked mails and the
/// timer go.
pub fn between(before: &Day, after: &Day) -> Revert {
    let (blocks, added_blocks) = changed(&before.blocks, &after.blocks, |b| &b.id);
    let (sessions, added_sessions) = changed(&before.sessions, &after.sessions, |s| &s.id);
    let (parked, added_parked) = changed(&before.parked, &after.parked, |p| &p.id);
    let blocks_after = left(&blocks, &after.blocks, |b| &b.id);
    let sessions_after = left(&sessions, &after.sessions, |s| &s.id);
    Revert {
        blocks,
        blocks_after,
        added_blocks,
        corrected_blocks: Marks::between(&before.corrected_blocks, &after.corrected_blocks),
        sessions,
        sessions_after,
        added_sessions,
        parked,
        added_parked,
        timer: (before.timer != after.timer).then(|| before.timer.clone()),
        timer_after: after.timer.clone(),
    }
}

/// Each of `changed` as `after` holds it (`None`: gone).
fn left<T: Clone>(
    changed: &[(usize, T)],
    after: &[T],
    id: impl Fn(&T) -> &String,
) -> Vec<Option<T>> {
    let find = |b: &T| after.iter().find(|a| id(a) == id(b)).cloned();
    changed.iter().map(|(_, b)| find(b)).collect()
}

/// The items of `before` that `after` changed or removed, and the ids `after` added.
fn changed<T: Clone + PartialEq>(
    before: &[T],
    after: &[T],
    id: impl Fn(&T) -> &String,
) -> (Vec<(usize, T)>, Vec<String>) {
    let was = |x: &T| before.iter().find(|b| id(b) == id(x));
    let differ = before
        .iter()
        .enumerate()
        .filter(|(_, b)| after.iter().find(|a| id(a) == id(b)) != Some(*b))
        .map(|(at, b)| (at, b.clone()))
        .collect();
    let added = after
        .iter()
        .filter(|a| was(a).is_none())
        .map(|a| id(a).clone())
        .collect();
    (differ, added)
}

impl Revert {
    /// True when the act it undoes changed nothing (an empty answer, a pause of a paused timer).
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
            && self.added_blocks.is_empty()
            && self.corrected_blocks.is_empty()
            && self.sessions.is_empty()
            && self.added_sessions.is_empty()
            && self.parked.is_empty()
            && self.added_parked.is_empty()
            && self.timer.is_none()
    }

    /// Puts the day back and returns what undoes that; refused when the edit changed the timer
    /// and the timer has changed since, or another window changed a field it would put back.
    pub fn apply(self, day: &mut Day) -> Result<Revert, String> {
        if self.timer.is_some() && day.timer != self.timer_after {
            return Err(MOVED_ON.into());
        }
        let before = day.clone();
        for id in &self.added_blocks {
            day.retire_id(id); // ids are never given twice, even after an undo
        }
        day.blocks.retain(|b| !self.added_blocks.contains(&b.id));
        for ((at, was), left) in self.blocks.into_iter().zip(self.blocks_after) {
            restore(&mut day.blocks, at, was, left, |b| &b.id, merge::block)?;
        }
        self.corrected_blocks.undo(&mut day.corrected_blocks);
        day.sessions
            .retain(|s| !self.added_sessions.contains(&s.id));
        for ((at, was), left) in self.sessions.into_iter().zip(self.sessions_after) {
            restore(&mut day.sessions, at, was, left, |s| &s.id, merge::session)?;
        }
        day.parked.retain(|p| !self.added_parked.contains(&p.id));
        put_back(&mut day.parked, self.parked, |p| p.id.clone());
        if let Some(timer) = self.timer {
            day.timer = timer;
        }
        Ok(between(&before, day))
    }
}

/// Puts item `was` back: the fields the edit changed (from `was` to `left`) on the newest
/// version, or all of it where the edit had removed it or it is gone.
fn restore<T>(
    list: &mut Vec<T>,
    at: usize,
    was: T,
    left: Option<T>,
    id: impl Fn(&T) -> &String,
    merge: impl Fn(&T, &T, &T) -> Result<T, String>,
) -> Result<(), String> {
    let slot = list.iter_mut().find(|x| id(x) == id(&was));
    match (slot, left) {
        (Some(slot), Some(left)) => *slot = merge(slot, &left, &was)?,
        (Some(slot), None) => *slot = was,
        (None, _) => list.insert(at.min(list.len()), was),
    }
    Ok(())
}

/// Each of `items` replaces the one with its id, or comes back at the place it had.
fn put_back<T>(list: &mut Vec<T>, items: Vec<(usize, T)>, id: impl Fn(&T) -> String) {
    for (at, item) in items {
        match list.iter_mut().find(|x| id(x) == id(&item)) {
            Some(slot) => *slot = item,
            None => list.insert(at.min(list.len()), item),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::Category;
    use crate::domain::day::Day;
    use crate::domain::plan::DayEdit;
    use crate::domain::test_support::{block, hm};
    use crate::domain::timer::{FocusTarget, TimerOp, TimerSettings};
    use chrono::{DateTime, FixedOffset, NaiveDate};

    fn at(time: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-11-26T{time}:00+01:00")).unwrap()
    }

    fn settings() -> TimerSettings {
        TimerSettings {
            focus_minutes: 30,
            break_minutes: 5,
            long_break_minutes: 15,
            rounds_before_long_break: 4,
        }
    }

    fn act(op: TimerOp, time: &str) -> DayEdit {
        DayEdit::Timer {
            op,
            at: at(time),
            settings: settings(),
        }
    }

    fn planned() -> Day {
        let mut day = Day::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        day.blocks
            .push(block("b1", hm(9, 0), hm(10, 0), Category::Proactive));
        day
    }

    #[test]
    fn undoing_a_timer_act_restores_the_exact_day_and_redo_brings_it_back() {
        let mut day = planned();
        let start = TimerOp::Start(FocusTarget::block(&day.blocks[0].clone()));
        act(start, "09:00").apply(&mut day).unwrap();
        let focused = day.clone();
        let undo = act(TimerOp::Interrupt(Some("Globex".into())), "09:10")
            .apply(&mut day)
            .unwrap();
        let interrupted = day.clone();
        assert_ne!(interrupted, focused);
        let redo = undo.apply(&mut day).unwrap();
        assert_eq!(day, focused, "undo restores the running focus exactly");
        redo.apply(&mut day).unwrap();
        assert_eq!(day, interrupted, "redo brings the interruption back");
    }

    #[test]
    fn undoing_a_timer_act_keeps_what_another_pane_changed_meanwhile() {
        let mut day = planned();
        let start = TimerOp::Start(FocusTarget::block(&day.blocks[0].clone()));
        let undo = act(start, "09:00").apply(&mut day).unwrap();
        // Another pane: a block added, a mail parked.
        DayEdit::AddBlocks(vec![block("b2", hm(11, 0), hm(12, 0), Category::Reactive)])
            .apply(&mut day)
            .unwrap();
        act(TimerOp::Park("reply Anna".into()), "09:05")
            .apply(&mut day)
            .unwrap();
        undo.apply(&mut day).unwrap();
        assert!(day.timer.is_none() && day.sessions.is_empty(), "{day:?}");
        assert_eq!(day.blocks.len(), 2);
        assert_eq!(day.parked.len(), 1, "the mail parked meanwhile stays");
    }

    #[test]
    fn undoing_a_park_leaves_a_timer_started_meanwhile_and_keeps_the_order() {
        let mut day = planned();
        act(TimerOp::Park("first".into()), "08:50")
            .apply(&mut day)
            .unwrap();
        let undo_park = act(TimerOp::Park("second".into()), "08:55")
            .apply(&mut day)
            .unwrap();
        let start = TimerOp::Start(FocusTarget::block(&day.blocks[0].clone()));
        act(start, "09:00").apply(&mut day).unwrap();
        let redo = undo_park.apply(&mut day).unwrap();
        assert!(day.timer.is_some(), "the focus started meanwhile runs on");
        assert_eq!(day.parked.len(), 1);
        redo.apply(&mut day).unwrap();
        let texts: Vec<&str> = day.parked.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, vec!["first", "second"]);
    }

    #[test]
    fn a_refused_timer_act_changes_nothing() {
        let mut day = planned();
        let before = day.clone();
        assert!(act(TimerOp::Pause, "09:00").apply(&mut day).is_err());
        assert_eq!(day, before);
    }

    fn started() -> (Day, DayEdit) {
        let mut day = planned();
        let start = TimerOp::Start(FocusTarget::block(&day.blocks[0].clone()));
        let undo = act(start, "09:00").apply(&mut day).unwrap();
        (day, undo)
    }

    /// QA: undoing the start after the round had ended by itself erased the whole round.
    #[test]
    fn a_timer_act_is_not_undone_once_the_timer_has_moved_on() {
        let (mut day, undo_start) = started();
        act(TimerOp::Advance, "09:31").apply(&mut day).unwrap();
        let round = day.clone();
        let why = undo_start.apply(&mut day).unwrap_err();
        assert!(why.contains("the timer has moved on"), "{why}");
        assert_eq!(day, round, "nothing undone");
    }

    /// QA: an interruption ended in another window, then its start undone here, left two
    /// running focus sessions.
    #[test]
    fn an_act_another_window_followed_up_is_not_undone() {
        let (mut day, _) = started();
        let undo_interrupt = act(TimerOp::Interrupt(None), "09:10")
            .apply(&mut day)
            .unwrap();
        act(TimerOp::Interrupt(None), "09:15")
            .apply(&mut day)
            .unwrap();
        let resumed = day.clone();
        assert!(undo_interrupt.apply(&mut day).is_err());
        assert_eq!(day, resumed);
    }

    /// QA: undoing a pause put the whole session back, losing the note and account another
    /// window had given it meanwhile; only the fields the pause changed go back.
    #[test]
    fn undoing_a_pause_keeps_a_note_added_meanwhile() {
        let (mut day, _) = started();
        let undo_pause = act(TimerOp::Pause, "09:10").apply(&mut day).unwrap();
        let before = day.sessions[0].clone();
        let mut noted = before.clone();
        noted.note = Some("ACME wants pricing".into());
        noted.account = Some("ACME".into());
        DayEdit::ReplaceSession {
            before: Box::new(before),
            after: Box::new(noted),
        }
        .apply(&mut day)
        .unwrap();
        undo_pause.apply(&mut day).unwrap();
        let session = &day.sessions[0];
        assert_eq!(session.end, None, "running again");
        assert_eq!(session.note.as_deref(), Some("ACME wants pricing"));
        assert_eq!(session.account.as_deref(), Some("ACME"));
    }
}
