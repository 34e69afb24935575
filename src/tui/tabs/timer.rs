//! The Timer tab: pick a block, run focus rounds, pause, skip a break, stop.

use super::history::UndoHistory;
use super::{TabView, Work, work};
use crate::domain::timer::TimerOp;
use crate::domain::{Block, Day};
use crate::tui::keys::{Key, KeyHelp, describe, lookup};
use crate::tui::shared::{Context, Effect, History, Origin};
use chrono::NaiveTime;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerAction {
    Pause,
    SkipBreak,
    Up,
    Down,
    Focus,
    Notes,
    Undo,
    Redo,
}

pub const KEYS: &[Key<TimerAction>] = &[
    Key::new(&[KeyCode::Char(' ')], TimerAction::Pause, "pause or resume").hint("pause"),
    Key::new(
        &[KeyCode::Char('b')],
        TimerAction::SkipBreak,
        "skip the break",
    )
    .hint("skip break"),
    Key::new(
        &[KeyCode::Up, KeyCode::Char('k')],
        TimerAction::Up,
        "choose what to focus on: the one above",
    ),
    Key::new(
        &[KeyCode::Down, KeyCode::Char('j')],
        TimerAction::Down,
        "choose what to focus on: the one below",
    ),
    Key::new(
        &[KeyCode::Enter],
        TimerAction::Focus,
        "start focus on the chosen block now, whatever runs",
    ),
    Key::new(
        &[KeyCode::Char('N')],
        TimerAction::Notes,
        "open the notifications you may have missed; N again closes the list and clears it",
    )
    .hint("notifications"),
    Key::new(
        &[KeyCode::Char('u')],
        TimerAction::Undo,
        "undo the last timer act, whichever tab's key made it",
    )
    .hint("undo"),
    Key::new(
        &[KeyCode::Char('U')],
        TimerAction::Redo,
        "redo what was undone",
    ),
];

/// What the Timer tab offers to focus on: unplanned work, then today's blocks.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice<'d> {
    Unplanned,
    Block(&'d Block),
}

#[derive(Debug, Default)]
pub struct TimerTab {
    /// Index into [`choices`]; `None` follows the current block.
    pub selected: Option<usize>,
    /// Every notification sent, until the rep has seen the list.
    pub notes: super::timer_notes::TimerNotes,
    /// The inverses of the timer acts saved, whichever tab's key asked for them.
    history: UndoHistory,
}

pub fn choices(day: Option<&Day>) -> Vec<Choice<'_>> {
    let mut list = vec![Choice::Unplanned];
    if let Some(day) = day {
        list.extend(day.blocks_by_start().into_iter().map(Choice::Block));
    }
    list
}

/// The block running now, else the next one today, else unplanned work.
fn default_choice(list: &[Choice], now: NaiveTime) -> usize {
    let at = |pred: &dyn Fn(&Block) -> bool| {
        list.iter()
            .position(|c| matches!(c, Choice::Block(b) if pred(b)))
    };
    at(&|b| b.start <= now && now < b.end)
        .or_else(|| at(&|b| b.start > now))
        .unwrap_or(0)
}

impl TimerTab {
    pub fn selected_index(&self, day: Option<&Day>, now: NaiveTime) -> usize {
        let list = choices(day);
        self.selected
            .filter(|i| *i < list.len())
            .unwrap_or_else(|| default_choice(&list, now))
    }

    fn act(&mut self, action: TimerAction, cx: &Context) -> Vec<Effect> {
        let count = choices(cx.today).len();
        let at = self.selected_index(cx.today, cx.now.time());
        let op = match action {
            TimerAction::Up => {
                self.selected = Some(at.saturating_sub(1));
                return vec![];
            }
            TimerAction::Down => {
                self.selected = Some((at + 1).min(count - 1));
                return vec![];
            }
            TimerAction::Focus => return work::start_focus(self.work(cx)),
            TimerAction::Notes => {
                self.notes.toggle();
                return vec![];
            }
            TimerAction::Pause if cx.today.is_some_and(is_ready) => {
                return work::next_round_or_ask(cx);
            }
            TimerAction::Undo => return self.step_history(History::Undo),
            TimerAction::Redo => return self.step_history(History::Redo),
            TimerAction::Pause => TimerOp::Toggle,
            TimerAction::SkipBreak => TimerOp::SkipBreak,
        };
        vec![Effect::Timer(op)]
    }
}

impl TimerTab {
    fn step_history(&mut self, history: History) -> Vec<Effect> {
        let said = match history {
            History::Redo => "Redid the last timer act undone — u undoes it again",
            _ => "Undid the last timer act — U redoes it",
        };
        match self.history.step(history, Origin::Timer) {
            Ok((_, effect)) => vec![effect, Effect::Message(said.into())],
            Err(nothing) => vec![Effect::Message(nothing)],
        }
    }
}

/// Between rounds: space and `s` start the next round rather than ending the cycle.
fn is_ready(day: &Day) -> bool {
    day.timer.as_ref().is_some_and(|t| t.is_ready())
}

impl TabView for TimerTab {
    fn title(&self, _cx: &Context) -> String {
        " Timer ".into()
    }

    fn keys(&self) -> Vec<KeyHelp> {
        describe(KEYS)
    }

    fn handle_key(&mut self, key: KeyEvent, cx: &Context) -> Option<Vec<Effect>> {
        let (action, _) = lookup(KEYS, key)?;
        Some(self.act(action, cx))
    }

    fn saved(&mut self, step: super::history::Step, history: History) {
        self.history.record(step, history);
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, cx: &Context) {
        super::timer_view::TimerView { tab: self, cx }.render(area, buf);
    }

    /// The chosen block, else unplanned work.
    fn work(&self, cx: &Context) -> Work {
        match choices(cx.today).get(self.selected_index(cx.today, cx.now.time())) {
            Some(Choice::Block(b)) => Work::Block((*b).clone()),
            _ => Work::Unplanned,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{BlockKind, Category};
    use chrono::NaiveDate;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn day() -> Day {
        let mut d = Day::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        for (id, start, end) in [("b1", hm(8, 30), hm(10, 0)), ("b2", hm(10, 30), hm(12, 0))] {
            d.blocks.push(Block {
                id: id.into(),
                start,
                end,
                category: Category::Proactive,
                title: id.into(),
                kind: BlockKind::Work,
                account: None,
                objective: None,
                source: None,
            });
        }
        d
    }

    fn at(h: u32, m: u32) -> chrono::DateTime<chrono::FixedOffset> {
        NaiveDate::from_ymd_opt(2026, 11, 26)
            .unwrap()
            .and_time(hm(h, m))
            .and_utc()
            .fixed_offset()
    }

    #[test]
    fn selection_follows_the_current_then_next_block() {
        let d = day();
        let tab = TimerTab::default();
        assert_eq!(tab.selected_index(Some(&d), hm(9, 0)), 1);
        assert_eq!(tab.selected_index(Some(&d), hm(10, 10)), 2);
        assert_eq!(tab.selected_index(Some(&d), hm(13, 0)), 0);
    }

    #[test]
    fn s_starts_the_chosen_block_or_asks_for_unplanned() {
        use crate::tui::shared::with_context;
        let d = day();
        let mut tab = TimerTab::default();
        let started = with_context(at(9, 0), Some(&d), |cx| {
            work::start_or_end(tab.work(cx), cx)
        });
        let [Effect::Timer(TimerOp::Start(target))] = &started[..] else {
            panic!("{started:?}")
        };
        assert_eq!(target.block.as_deref(), Some("b1"));
        with_context(at(9, 0), Some(&d), |cx| {
            tab.handle_key(KeyEvent::from(KeyCode::Up), cx)
        });
        let asked = with_context(at(9, 0), Some(&d), |cx| {
            tab.handle_key(KeyEvent::from(KeyCode::Enter), cx)
        });
        assert!(
            matches!(asked.as_deref(), Some([Effect::Prompt(_)])),
            "{asked:?}"
        );
        let s = with_context(at(9, 0), Some(&d), |cx| {
            tab.handle_key(KeyEvent::from(KeyCode::Char('s')), cx)
        });
        assert_eq!(s, None, "s is an all-day key, not the Timer tab's");
    }
}
