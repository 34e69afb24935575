//! The five tabs. Each is one type behind [`TabView`]: its key table, what a key does, how it
//! draws, and what it reads when the loop reloads.

pub mod history;
pub mod inbox;
pub mod inbox_view;
pub mod month;
pub mod month_checkup;
pub mod month_page;
pub mod month_view;
pub mod month_weeks;
pub mod plan;
mod plan_block;
pub mod plan_edit;
pub mod plan_form;
mod plan_header;
pub mod plan_keys;
pub mod plan_view;
pub mod review;
pub mod review_keys;
pub mod review_view;
pub mod sessions;
pub mod sessions_view;
pub mod timer;
pub mod timer_notes;
pub mod timer_view;
pub mod work;

use super::keys::KeyHelp;
use super::shared::{Context, Effect, Reader};
use crate::domain::Block;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

/// What `s` starts on a tab: the selected or current block's work, or the inbox slot.
#[derive(Debug, Clone, PartialEq)]
pub enum Work {
    /// A planned block: focus on a work block, the slot on an inbox block.
    Block(Block),
    /// Nothing planned is chosen: ask what the focus is on.
    Unplanned,
    /// The inbox slot, current or next.
    InboxSlot,
}

impl Work {
    /// The block planned for now (the rule of `Day::block_at`), else unplanned work.
    pub fn current(cx: &Context) -> Work {
        cx.today
            .and_then(|d| d.block_at(cx.now.time()))
            .map_or(Work::Unplanned, |b| Work::Block(b.clone()))
    }
}

/// One tab: the shell routes keys, draws and reloads through this and nothing else.
pub trait TabView {
    /// The body's title, e.g. " Plan · Thu 26 Nov 2026 · today ".
    fn title(&self, cx: &Context) -> String;
    /// The keys the tab answers in its present state: its key table, as shown.
    fn keys(&self) -> Vec<KeyHelp>;
    /// True while a form on the tab takes every key, the all-day ones too.
    fn takes_text(&self) -> bool {
        false
    }
    /// What a key does here; `None` when the tab's table does not list it.
    fn handle_key(&mut self, key: KeyEvent, cx: &Context) -> Option<Vec<Effect>>;
    fn draw(&self, area: Rect, buf: &mut Buffer, cx: &Context);
    /// What `s` starts while this tab is shown.
    fn work(&self, cx: &Context) -> Work {
        Work::current(cx)
    }
    /// Reads what the tab shows; `shown` is false for a tab in the background, which reads only
    /// what is cheap.
    fn reload(&mut self, _reader: &Reader, _cx: &Context, _shown: bool) {}
    /// The loop saved an act this tab asked for: `step` undoes it, a day's edit per day.
    fn saved(&mut self, _step: history::Step, _history: super::shared::History) {}
    /// The text field keys and pastes go to, while a form is open.
    fn open_form(&mut self) -> Option<&mut crate::tui::widgets::form::Form> {
        None
    }
    /// A click on screen row `row` of the body.
    fn click(&mut self, _row: u16) {}
}

/// The tabs, in the order of their number keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Plan,
    Timer,
    Inbox,
    Review,
    Month,
}

impl Tab {
    pub const ALL: [Tab; 5] = [Tab::Plan, Tab::Timer, Tab::Inbox, Tab::Review, Tab::Month];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Plan => "Plan",
            Tab::Timer => "Timer",
            Tab::Inbox => "Inbox",
            Tab::Review => "Review",
            Tab::Month => "Month",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }

    /// The tab for a number key `1`–`5`.
    pub fn from_digit(c: char) -> Option<Tab> {
        let n = c.to_digit(10)? as usize;
        Tab::ALL.get(n.checked_sub(1)?).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_prev_wrap_around() {
        assert_eq!(Tab::Month.next(), Tab::Plan);
        assert_eq!(Tab::Plan.prev(), Tab::Month);
        assert_eq!(Tab::Timer.next().prev(), Tab::Timer);
    }

    #[test]
    fn digits_pick_tabs() {
        assert_eq!(Tab::from_digit('1'), Some(Tab::Plan));
        assert_eq!(Tab::from_digit('5'), Some(Tab::Month));
        assert_eq!(Tab::from_digit('0'), None);
        assert_eq!(Tab::from_digit('6'), None);
    }
}
