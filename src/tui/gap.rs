//! The question after a gap with no sign of life while a session was open, and its one-key
//! answers.

use crate::domain::timer::{GapAnswer, TimerOp};
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// The question asked once after a gap with no sign of life while focus was running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GapQuestion {
    pub since: DateTime<FixedOffset>,
}

impl GapQuestion {
    pub fn answer(&self, key: KeyEvent) -> Option<TimerOp> {
        let answer = match key.code {
            KeyCode::Char('w') => GapAnswer::Work,
            KeyCode::Char('b') => GapAnswer::Break,
            KeyCode::Char('o') => GapAnswer::Other,
            KeyCode::Char('r') => GapAnswer::Reactive,
            _ => return None,
        };
        Some(TimerOp::SettleGap(self.since, answer))
    }
}
