//! The Timer tab: pick a block, run focus rounds, pause, skip a break, stop.

use crate::domain::timer::{FocusTarget, NextRound, TimerOp, next_round};
use crate::domain::{Block, Day};
use crate::tui::app::Effect;
use crate::tui::keymap::Binding;
use crate::tui::prompt::Prompt;
use chrono::NaiveTime;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub const KEYS: &[Binding] = &[
    Binding {
        keys: "s",
        help: "start focus on the selected block / stop the timer",
        hint: Some("start/stop"),
    },
    Binding {
        keys: "space",
        help: "pause or resume",
        hint: Some("pause"),
    },
    Binding {
        keys: "b",
        help: "skip the break",
        hint: Some("skip break"),
    },
    Binding {
        keys: "↑↓ j/k",
        help: "choose what to focus on",
        hint: None,
    },
];

/// Keys that work on every tab (unless a form is open).
pub const ANYWHERE: &[Binding] = &[
    Binding {
        keys: "i",
        help: "interruption: pause focus and log who broke in; i again ends it",
        hint: Some("interruption"),
    },
    Binding {
        keys: "p",
        help: "pass it on: log a request handed over, focus goes on",
        hint: Some("pass on"),
    },
    Binding {
        keys: "n",
        help: "park a mail for the next inbox slot",
        hint: None,
    },
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

    /// Handles a key on this tab; `None` when the tab does not use it.
    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        day: Option<&Day>,
        now: NaiveTime,
        prompt: &mut Option<Prompt>,
    ) -> Option<Vec<Effect>> {
        if key.kind != KeyEventKind::Press || key.modifiers.contains(KeyModifiers::CONTROL) {
            return None;
        }
        let running = day.is_some_and(|d| d.timer.is_some());
        // Between rounds (READY) s starts the next round, as space does, rather than ending the
        // whole cycle.
        let ready = day
            .and_then(|d| d.timer.as_ref())
            .is_some_and(|t| t.is_ready());
        let starts_next_round = matches!(key.code, KeyCode::Char('s') | KeyCode::Char(' '));
        if ready
            && starts_next_round
            && let Some(NextRound::Ask(why)) = day.map(|d| next_round(d, now))
        {
            *prompt = Some(Prompt::unplanned());
            return Some(vec![Effect::Message(why)]);
        }
        let count = choices(day).len();
        let at = self.selected_index(day, now);
        let op = match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.selected = Some(at.saturating_sub(1));
                return Some(vec![]);
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = Some((at + 1).min(count - 1));
                return Some(vec![]);
            }
            KeyCode::Char('s') if ready => TimerOp::Resume,
            KeyCode::Char('s') if running => TimerOp::Stop,
            KeyCode::Char('s') | KeyCode::Enter => match choices(day).get(at) {
                Some(Choice::Block(b)) => TimerOp::Start(FocusTarget::block(b)),
                _ => {
                    *prompt = Some(Prompt::unplanned());
                    return Some(vec![]);
                }
            },
            KeyCode::Char(' ') => TimerOp::Toggle,
            KeyCode::Char('b') => TimerOp::SkipBreak,
            _ => return None,
        };
        Some(vec![Effect::Timer(op)])
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
            });
        }
        d
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
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
    fn s_starts_on_the_selected_block_or_asks_for_unplanned() {
        let d = day();
        let mut tab = TimerTab::default();
        let mut prompt = None;
        let effects = tab
            .handle_key(key(KeyCode::Char('s')), Some(&d), hm(9, 0), &mut prompt)
            .unwrap();
        let [Effect::Timer(TimerOp::Start(target))] = &effects[..] else {
            panic!("{effects:?}")
        };
        assert_eq!(target.block.as_deref(), Some("b1"));
        tab.handle_key(key(KeyCode::Up), Some(&d), hm(9, 0), &mut prompt);
        assert!(
            tab.handle_key(key(KeyCode::Char('s')), Some(&d), hm(9, 0), &mut prompt)
                .unwrap()
                .is_empty()
        );
        assert!(prompt.is_some());
    }
}
