//! The Month tab: where the hours went, day by day, against the target.

use crate::domain::report::Figures;
use crate::tui::app::Effect;
use crate::tui::keymap::Binding;
use crate::tui::prompt::Prompt;
use chrono::{Datelike, Months, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub const KEYS: &[Binding] = &[
    Binding {
        keys: "←/→",
        help: "previous / next month",
        hint: Some("month"),
    },
    Binding {
        keys: "t",
        help: "back to this month",
        hint: None,
    },
    Binding {
        keys: "w",
        help: "week by week, or back to the month",
        hint: Some("weeks"),
    },
    Binding {
        keys: "I",
        help: "import a calendar (.ics) or CRM (.csv) export, reviewed first",
        hint: Some("import"),
    },
];

#[derive(Debug)]
pub struct MonthTab {
    /// The first day of the month shown.
    pub month: NaiveDate,
    pub days: Vec<(NaiveDate, Figures)>,
    /// The month before, for "up from 24% in October".
    pub previous: Option<Figures>,
    pub weekly: bool,
    /// Why the figures could not be read (a broken day file), if so.
    pub error: Option<String>,
}

pub fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

pub fn last_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first)
}

impl MonthTab {
    pub fn new(today: NaiveDate) -> MonthTab {
        MonthTab {
            month: first_of_month(today),
            days: vec![],
            previous: None,
            weekly: false,
            error: None,
        }
    }

    /// `I` opens the import prompt (in `prompt`, drawn over any tab).
    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        today: NaiveDate,
        prompt: &mut Option<Prompt>,
    ) -> Option<Vec<Effect>> {
        if key.kind != KeyEventKind::Press || key.modifiers.contains(KeyModifiers::CONTROL) {
            return None;
        }
        let month = match key.code {
            KeyCode::Left | KeyCode::Char('h') => self.month.checked_sub_months(Months::new(1)),
            KeyCode::Right | KeyCode::Char('l') => self.month.checked_add_months(Months::new(1)),
            KeyCode::Char('t') => Some(first_of_month(today)),
            KeyCode::Char('w') => {
                self.weekly = !self.weekly;
                return Some(vec![]);
            }
            KeyCode::Char('I') => {
                *prompt = Some(Prompt::import());
                return Some(vec![]);
            }
            _ => return None,
        };
        self.month = month.unwrap_or(self.month);
        Some(vec![Effect::ReloadDay])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::prompt::PromptKind;

    #[test]
    fn months_step_and_return() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let mut tab = MonthTab::new(today);
        let mut prompt = None;
        tab.handle_key(
            KeyEvent::new(KeyCode::Left, KeyModifiers::NONE),
            today,
            &mut prompt,
        );
        assert_eq!(tab.month, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
        tab.handle_key(
            KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE),
            today,
            &mut prompt,
        );
        assert_eq!(tab.month, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert_eq!(
            last_of_month(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
        tab.handle_key(
            KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE),
            today,
            &mut prompt,
        );
        assert!(tab.weekly);
        tab.handle_key(
            KeyEvent::new(KeyCode::Char('I'), KeyModifiers::SHIFT),
            today,
            &mut prompt,
        );
        assert_eq!(prompt.map(|p| p.kind), Some(PromptKind::Import));
    }
}
