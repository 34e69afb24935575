//! App: which tab is shown, the loaded day, messages. It only routes; each tab owns its own state.

use super::event::Event;
use super::keymap::{self, Action};
use super::tabs::Tab;
use super::theme::Theme;
use crate::config::Config;
use crate::domain::Day;
use crate::journal::JournalError;
use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::crossterm::event::{MouseButton, MouseEventKind};

/// Today's day as read from the journal: a day that does not parse is shown read-only with why.
#[derive(Debug, Clone)]
pub enum DayView {
    Loaded(Day),
    Unreadable { date: NaiveDate, message: String },
}

impl DayView {
    pub fn from_load(date: NaiveDate, loaded: Result<Day, JournalError>) -> DayView {
        match loaded {
            Ok(day) => DayView::Loaded(day),
            Err(e) => DayView::Unreadable {
                date,
                message: e.to_string(),
            },
        }
    }

    pub fn date(&self) -> NaiveDate {
        match self {
            DayView::Loaded(day) => day.date,
            DayView::Unreadable { date, .. } => *date,
        }
    }
}

/// What the loop must do after an update; `update` itself never does I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Re-read today's file (it changed on disk, or the date rolled over).
    ReloadDay,
}

pub struct App {
    pub tab: Tab,
    pub help: bool,
    pub config: Config,
    pub theme: Theme,
    pub now: DateTime<FixedOffset>,
    pub today: DayView,
    /// A one-line message at the bottom (save errors, sync conflicts); Esc hides it.
    pub banner: Option<String>,
}

impl App {
    pub fn new(config: Config, theme: Theme, now: DateTime<FixedOffset>, today: DayView) -> App {
        App {
            tab: Tab::Plan,
            help: false,
            config,
            theme,
            now,
            today,
            banner: None,
        }
    }

    /// Handles one event; returns the effects to carry out. `redraw` tells whether the screen changed.
    pub fn handle(&mut self, event: &Event) -> Vec<Effect> {
        match event {
            Event::Key(key) => keymap::action_for(*key).map_or(vec![], |a| self.update(a)),
            Event::Mouse(mouse) if mouse.kind == MouseEventKind::Down(MouseButton::Left) => {
                if let Some(tab) = super::ui::tab_at(mouse.column, mouse.row) {
                    self.tab = tab;
                }
                vec![]
            }
            Event::Mouse(_) | Event::Resize => vec![],
            Event::JournalChanged => vec![Effect::ReloadDay],
            Event::InputClosed | Event::Signal(_) => vec![Effect::Quit],
        }
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::ShowTab(tab) => self.tab = tab,
            Action::NextTab => self.tab = self.tab.next(),
            Action::PrevTab => self.tab = self.tab.prev(),
            Action::ToggleHelp => self.help = !self.help,
            Action::CloseOverlay => {
                if self.help {
                    self.help = false;
                } else {
                    self.banner = None;
                }
            }
        }
        vec![]
    }

    /// Moves the clock on; asks for a reload when the date rolled over.
    pub fn tick(&mut self, now: DateTime<FixedOffset>) -> Vec<Effect> {
        self.now = now;
        if now.date_naive() != self.today.date() {
            vec![Effect::ReloadDay]
        } else {
            vec![]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};

    fn app() -> App {
        let config = Config::defaults();
        let theme = Theme::new(&config.theme, true);
        let now = DateTime::parse_from_rfc3339("2026-11-26T10:42:00+01:00").unwrap();
        App::new(
            config,
            theme,
            now,
            DayView::Loaded(Day::new(now.date_naive())),
        )
    }

    fn key(c: KeyCode) -> Event {
        Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
    }

    #[test]
    fn keys_switch_tabs_and_toggle_help() {
        let mut app = app();
        app.handle(&key(KeyCode::Char('4')));
        assert_eq!(app.tab, Tab::Review);
        app.handle(&key(KeyCode::Tab));
        assert_eq!(app.tab, Tab::Month);
        app.handle(&key(KeyCode::Char('?')));
        assert!(app.help);
        app.handle(&key(KeyCode::Esc));
        assert!(!app.help);
        assert_eq!(app.handle(&key(KeyCode::Char('q'))), vec![Effect::Quit]);
    }

    #[test]
    fn click_on_a_tab_name_selects_it() {
        let mut app = app();
        let x = super::super::ui::tab_ranges()
            .into_iter()
            .find(|(t, _)| *t == Tab::Month)
            .unwrap()
            .1
            .start;
        let click = MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x + 1,
            row: 0,
            modifiers: KeyModifiers::NONE,
        };
        app.handle(&Event::Mouse(click));
        assert_eq!(app.tab, Tab::Month);
    }

    #[test]
    fn a_dead_terminal_or_a_signal_quits() {
        let mut app = app();
        assert_eq!(app.handle(&Event::InputClosed), vec![Effect::Quit]);
        assert_eq!(app.handle(&Event::Signal(1)), vec![Effect::Quit]);
    }

    #[test]
    fn midnight_asks_for_the_new_day() {
        let mut app = app();
        assert!(
            app.tick(DateTime::parse_from_rfc3339("2026-11-26T23:59:00+01:00").unwrap())
                .is_empty()
        );
        let next = DateTime::parse_from_rfc3339("2026-11-27T00:00:00+01:00").unwrap();
        assert_eq!(app.tick(next), vec![Effect::ReloadDay]);
    }
}
