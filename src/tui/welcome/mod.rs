//! The first start: what PROACTIVE, REACTIVE and OTHER mean, the three numbers that matter, and an
//! offer to start from the last two weeks of a calendar or CRM export. It covers the tab and takes
//! every key until finished or skipped; `Esc` skips it at any step and nothing is written.

pub mod answers;
mod view;

use crate::config::Config;
use crate::config::writer::Setting;
use crate::tui::widgets::form::{Field, Form, FormKey};
use answers::{Answers, DAYS_LABEL, HOURS, TARGET, days_text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the welcome is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The three categories, with sales examples.
    Method,
    /// Hours a week, working days, proactive target.
    Numbers,
    /// Import the last two weeks, or start without.
    Import,
}

/// How the welcome ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// `Esc`: nothing is written.
    Skip,
    /// `q` or `Ctrl-C` outside a field: protime ends; nothing is written.
    Quit,
    /// The answers, to save; `import` opens the import prompt next.
    Finish {
        settings: Vec<Setting>,
        summary: String,
        import: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Welcome {
    pub step: Step,
    pub numbers: Form,
    /// The answers once read (the Import step shows them).
    answers: Option<Answers>,
}

impl Welcome {
    /// The welcome on its first step, the numbers prefilled from `config` (the defaults on a
    /// first start).
    pub fn new(config: &Config) -> Welcome {
        let ceiling = config.targets.realistic_ceiling;
        let fields = vec![
            Field::new(
                HOURS,
                format!("{}", config.workday.weekly_capacity_hours),
                "your working week; what is not logged in it counts as UNLOGGED",
            ),
            Field::new(
                DAYS_LABEL,
                days_text(&config.workday.weekdays),
                "like mon-fri or mon tue thu",
            ),
            Field::new(
                TARGET,
                format!("{}", config.targets.proactive_share),
                format!(
                    "of your week for PROACTIVE work; at most {ceiling}, as reactive work always comes"
                ),
            ),
        ];
        Welcome {
            step: Step::Method,
            numbers: Form::new("Your week", fields)
                .with_enter("goes on")
                .with_escape("skips the welcome"),
            answers: None,
        }
    }

    /// `Some` when the welcome ends.
    pub fn handle_key(&mut self, key: KeyEvent, config: &Config) -> Option<Outcome> {
        let ctrl_c =
            key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        if ctrl_c {
            return Some(Outcome::Quit);
        }
        if key.code == KeyCode::Esc {
            return Some(Outcome::Skip);
        }
        match self.step {
            Step::Method => match key.code {
                KeyCode::Enter | KeyCode::Tab | KeyCode::Right => self.step = Step::Numbers,
                KeyCode::Char('q') => return Some(Outcome::Quit),
                _ => {}
            },
            Step::Numbers => self.numbers_key(key, config),
            Step::Import => return self.import_key(key),
        }
        None
    }

    fn numbers_key(&mut self, key: KeyEvent, config: &Config) {
        if key.code == KeyCode::BackTab && self.numbers.focus == 0 {
            self.step = Step::Method;
            return;
        }
        if self.numbers.handle_key(key) != FormKey::Submit {
            return;
        }
        let form = &self.numbers;
        let read = Answers::read(
            form.value(HOURS),
            form.value(DAYS_LABEL),
            form.value(TARGET),
            config,
        );
        match read {
            Ok(answers) => {
                self.answers = Some(answers);
                self.step = Step::Import;
            }
            Err(message) => self.numbers.error = Some(message),
        }
    }

    fn import_key(&mut self, key: KeyEvent) -> Option<Outcome> {
        let import = match key.code {
            KeyCode::Enter => true,
            KeyCode::Char('s') | KeyCode::Tab => false,
            KeyCode::BackTab | KeyCode::Left => {
                self.step = Step::Numbers;
                return None;
            }
            KeyCode::Char('q') => return Some(Outcome::Quit),
            _ => return None,
        };
        let answers = self.answers.as_ref()?;
        Some(Outcome::Finish {
            settings: answers.settings(),
            summary: answers.summary(),
            import,
        })
    }

    /// The form that takes a paste, on the Numbers step.
    pub fn open_form(&mut self) -> Option<&mut Form> {
        (self.step == Step::Numbers).then_some(&mut self.numbers)
    }

    /// The step's number, from 1.
    pub fn step_number(&self) -> usize {
        match self.step {
            Step::Method => 1,
            Step::Numbers => 2,
            Step::Import => 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(w: &mut Welcome, code: KeyCode) -> Option<Outcome> {
        w.handle_key(KeyEvent::from(code), &Config::defaults())
    }

    #[test]
    fn enter_walks_the_steps_and_finishes_with_the_defaults() {
        let mut w = Welcome::new(&Config::defaults());
        assert_eq!(press(&mut w, KeyCode::Enter), None);
        assert_eq!(w.step, Step::Numbers);
        assert_eq!(press(&mut w, KeyCode::Enter), None);
        assert_eq!(w.step, Step::Import);
        let Some(Outcome::Finish {
            settings,
            summary,
            import,
        }) = press(&mut w, KeyCode::Enter)
        else {
            panic!("finished")
        };
        assert!(import);
        assert_eq!(settings.len(), 3);
        assert_eq!(summary, "40 hours a week, mon-fri, target 40% proactive");
    }

    #[test]
    fn esc_skips_at_every_step_and_a_wrong_number_keeps_the_step() {
        let mut w = Welcome::new(&Config::defaults());
        assert_eq!(press(&mut w, KeyCode::Esc), Some(Outcome::Skip));
        press(&mut w, KeyCode::Tab);
        press(&mut w, KeyCode::Char('0'));
        press(&mut w, KeyCode::Enter);
        assert_eq!(w.step, Step::Numbers);
        let error = w.numbers.error.clone().unwrap();
        assert!(error.starts_with("Hours a week"), "{error}");
        assert_eq!(press(&mut w, KeyCode::Esc), Some(Outcome::Skip));
        let mut w = Welcome::new(&Config::defaults());
        press(&mut w, KeyCode::Enter);
        press(&mut w, KeyCode::Enter);
        assert_eq!(press(&mut w, KeyCode::Char('q')), Some(Outcome::Quit));
        assert_eq!(press(&mut w, KeyCode::Esc), Some(Outcome::Skip));
        let finish = press(&mut w, KeyCode::Char('s'));
        assert!(matches!(
            finish,
            Some(Outcome::Finish { import: false, .. })
        ));
    }
}
