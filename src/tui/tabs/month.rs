//! The Month tab: where the hours went, day by day, against the target.

use super::TabView;
use crate::domain::report::Figures;
use crate::tui::keys::{Key, KeyHelp, describe, lookup};
use crate::tui::prompt::Prompt;
use crate::tui::shared::{Context, Effect, Reader};
use chrono::{Datelike, Months, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use std::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthAction {
    Prev,
    Next,
    ThisMonth,
    Weeks,
    Checkup,
    Objectives,
    Tier,
    Import,
    Down,
    Up,
    PageDown,
    PageUp,
}

pub const KEYS: &[Key<MonthAction>] = &[
    Key::new(
        &[KeyCode::Left, KeyCode::Char('h')],
        MonthAction::Prev,
        "the month before",
    )
    .hint("month"),
    Key::new(
        &[KeyCode::Right, KeyCode::Char('l')],
        MonthAction::Next,
        "the month after",
    ),
    Key::new(
        &[KeyCode::Char('t')],
        MonthAction::ThisMonth,
        "back to this month",
    ),
    Key::new(
        &[KeyCode::Char('w')],
        MonthAction::Weeks,
        "week by week, or back to the month",
    )
    .hint("weeks"),
    Key::new(
        &[KeyCode::Char('a')],
        MonthAction::Checkup,
        "what to change: the advice, the 12-month trend, reactive time by weekday and hour, kept proactive time, tiers; or back to the month",
    )
    .hint("advice"),
    Key::new(
        &[KeyCode::Char('o')],
        MonthAction::Objectives,
        "objectives: add one, rename one (its past counts on) or set its hours a week",
    )
    .hint("objectives"),
    Key::new(
        &[KeyCode::Char('T')],
        MonthAction::Tier,
        "give an account its tier (A–D or your own, in [accounts])",
    ),
    Key::new(
        &[KeyCode::Char('I')],
        MonthAction::Import,
        "import a calendar (.ics) or CRM (.csv) export, reviewed first; or today's meetings into the plan",
    )
    .hint("import"),
    Key::new(
        &[KeyCode::Down, KeyCode::Char('j')],
        MonthAction::Down,
        "scroll down a row, when the month is taller than the pane",
    ),
    Key::new(
        &[KeyCode::Up, KeyCode::Char('k')],
        MonthAction::Up,
        "scroll up a row",
    ),
    Key::new(
        &[KeyCode::PageDown],
        MonthAction::PageDown,
        "scroll down a page",
    ),
    Key::new(&[KeyCode::PageUp], MonthAction::PageUp, "scroll up a page"),
];

#[derive(Debug)]
pub struct MonthTab {
    /// The first day of the month shown.
    pub month: NaiveDate,
    pub days: Vec<(NaiveDate, Figures)>,
    /// The month before, named, for "up from 24% in October".
    pub previous: Option<(String, Figures)>,
    pub weekly: bool,
    /// The 12 months up to the shown one (its first day and its figures), oldest first.
    pub trend: Vec<(NaiveDate, Figures)>,
    /// The what-to-change page (`a`) instead of the charts.
    pub checkup: bool,
    /// Why the figures could not be read (a broken day file), if so.
    pub error: Option<String>,
    /// A broken day file that left months out of the trend, named with what to do.
    pub trend_broken: Option<String>,
    /// The first row shown when the month is taller than the pane.
    pub scroll: u16,
    /// The largest useful `scroll` at the last draw, so a key never scrolls past the end.
    scroll_max: Cell<u16>,
    /// The rows a page key moves, from the last draw.
    page: Cell<u16>,
}

pub fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

pub use crate::figures::months::last_of_month;

impl MonthTab {
    pub fn new(today: NaiveDate) -> MonthTab {
        MonthTab {
            month: first_of_month(today),
            days: vec![],
            previous: None,
            trend_broken: None,
            weekly: false,
            trend: vec![],
            checkup: false,
            error: None,
            scroll: 0,
            scroll_max: Cell::new(0),
            page: Cell::new(1),
        }
    }

    fn act(
        &mut self,
        action: MonthAction,
        today: NaiveDate,
        config: &crate::config::Config,
    ) -> Vec<Effect> {
        let (max, page) = (self.scroll_max.get(), self.page.get());
        let scrolled = match action {
            MonthAction::Down => Some(self.scroll.saturating_add(1)),
            MonthAction::Up => Some(self.scroll.saturating_sub(1)),
            MonthAction::PageDown => Some(self.scroll.saturating_add(page)),
            MonthAction::PageUp => Some(self.scroll.saturating_sub(page)),
            _ => None,
        };
        if let Some(scroll) = scrolled {
            self.scroll = scroll.min(max);
            return vec![];
        }
        self.scroll = 0;
        let month = match action {
            MonthAction::Prev => self.month.checked_sub_months(Months::new(1)),
            MonthAction::Next => self.month.checked_add_months(Months::new(1)),
            MonthAction::ThisMonth => Some(first_of_month(today)),
            MonthAction::Weeks => {
                self.weekly = !self.weekly;
                self.checkup = false;
                return vec![];
            }
            MonthAction::Checkup => {
                self.checkup = !self.checkup;
                self.weekly = false;
                return vec![];
            }
            MonthAction::Import => return vec![Effect::Prompt(Prompt::import())],
            MonthAction::Down | MonthAction::Up | MonthAction::PageDown | MonthAction::PageUp => {
                None
            }
            MonthAction::Tier => {
                return vec![Effect::Prompt(Prompt::tier(&config.accounts.tiers))];
            }
            MonthAction::Objectives => {
                let names: Vec<String> = config.objectives.iter().map(|o| o.name.clone()).collect();
                return vec![Effect::Prompt(Prompt::objective(&names))];
            }
        };
        self.month = month.unwrap_or(self.month);
        vec![Effect::ReloadDay]
    }
}

impl TabView for MonthTab {
    fn title(&self, _cx: &Context) -> String {
        format!(" Month · {} ", self.month.format("%B %Y"))
    }

    fn keys(&self) -> Vec<KeyHelp> {
        describe(KEYS)
    }

    fn handle_key(&mut self, key: KeyEvent, cx: &Context) -> Option<Vec<Effect>> {
        let (action, _) = lookup(KEYS, key)?;
        Some(self.act(action, cx.now.date_naive(), cx.config))
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, cx: &Context) {
        let max = super::month_view::MonthView { tab: self, cx }.render(area, buf);
        self.scroll_max.set(max);
        self.page.set(area.height.saturating_sub(2).max(1));
    }

    /// The shown month's figures, and the eleven months before for the trend and "up from",
    /// reading only those months' files and only while the tab is shown.
    fn reload(&mut self, reader: &Reader, cx: &Context, shown: bool) {
        if !shown {
            return;
        }
        let before = crate::figures::months::months_before(
            reader.journal,
            cx.config,
            self.month,
            (cx.now, &cx.zone),
        );
        let (last, now, zone) = (last_of_month(self.month), cx.now, &cx.zone);
        let mut trend = before.trend;
        match crate::figures::period_figures(reader.journal, cx.config, self.month, last, now, zone)
        {
            Ok((days, _)) => {
                trend.push((self.month, crate::domain::report::total(&days)));
                self.days = days;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        self.trend = trend;
        self.previous = before.previous;
        self.trend_broken = before.broken;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::prompt::PromptKind;

    #[test]
    fn months_step_and_return() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let now = today
            .and_hms_opt(10, 0, 0)
            .unwrap()
            .and_utc()
            .fixed_offset();
        let mut tab = MonthTab::new(today);
        let mut press = |code| {
            crate::tui::shared::with_context(now, None, |cx| {
                tab.handle_key(KeyEvent::from(code), cx).unwrap()
            })
        };
        press(KeyCode::Left);
        press(KeyCode::Char('t'));
        press(KeyCode::Char('w'));
        let opened = press(KeyCode::Char('I'));
        assert!(
            matches!(&opened[..], [Effect::Prompt(p)] if p.kind == PromptKind::Import),
            "{opened:?}"
        );
        assert_eq!(tab.month, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert!(tab.weekly);
        assert_eq!(
            last_of_month(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
    }

    #[test]
    fn the_previous_month_is_one_key_away() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let now = today
            .and_hms_opt(10, 0, 0)
            .unwrap()
            .and_utc()
            .fixed_offset();
        let mut tab = MonthTab::new(today);
        let effects = crate::tui::shared::with_context(now, None, |cx| {
            tab.handle_key(KeyEvent::from(KeyCode::Left), cx)
        });
        assert_eq!(effects, Some(vec![Effect::ReloadDay]));
        assert_eq!(tab.month, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
    }
}
