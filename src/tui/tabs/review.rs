//! The Review tab: the day's facts, one question, a note, and what to protect tomorrow.

use crate::domain::plan::DayEdit;
use crate::domain::{Category, Day, Decision, Review};
use crate::tui::app::{DayView, Effect, History};
use crate::tui::keymap::Binding;
use crate::tui::widgets::form::{Field, Form, FormKey};
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub const KEYS: &[Binding] = &[
    Binding {
        keys: "y/p/n",
        help: "did I decide today? yes / partly / no, someone else did",
        hint: Some("answer"),
    },
    Binding {
        keys: "e",
        help: "write the note and what you protect tomorrow (also Enter)",
        hint: Some("note"),
    },
    Binding {
        keys: "←/→ t",
        help: "previous / next day, back to today",
        hint: Some("day"),
    },
];

#[derive(Debug)]
pub struct ReviewTab {
    pub date: NaiveDate,
    pub view: DayView,
    pub form: Option<Form>,
    /// (date, working day, reviewed) for the last weeks, for the streak.
    pub history: Vec<(NaiveDate, bool, bool)>,
}

impl ReviewTab {
    pub fn new(date: NaiveDate) -> ReviewTab {
        ReviewTab {
            date,
            view: DayView::Loaded(Day::new(date)),
            form: None,
            history: vec![],
        }
    }

    pub fn day(&self) -> Option<&Day> {
        match &self.view {
            DayView::Loaded(day) => Some(day),
            DayView::Unreadable { .. } => None,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, today: NaiveDate) -> Option<Vec<Effect>> {
        if key.kind != KeyEventKind::Press || key.modifiers.contains(KeyModifiers::CONTROL) {
            return None;
        }
        if self.form.is_some() {
            return Some(self.form_key(key));
        }
        let decision = match key.code {
            KeyCode::Char('y') => Decision::Yes,
            KeyCode::Char('p') => Decision::Partly,
            KeyCode::Char('n') => Decision::No,
            KeyCode::Char('e') | KeyCode::Enter => {
                let review = self.review_or_default();
                self.form = Some(Form::new(
                    "Review",
                    vec![
                        Field::new("Note", review.note, "one line about the day"),
                        Field::new(
                            "Tomorrow I protect",
                            review.tomorrow,
                            "the block you will defend tomorrow",
                        ),
                    ],
                ));
                return Some(vec![]);
            }
            KeyCode::Left | KeyCode::Char('h') => {
                return Some(self.show(self.date.pred_opt().unwrap_or(self.date)));
            }
            KeyCode::Right | KeyCode::Char('l') => {
                // A day is reviewed once it has happened: today is as far as it goes.
                let next = self.date.succ_opt().unwrap_or(self.date).min(today);
                return Some(self.show(next));
            }
            KeyCode::Char('t') => return Some(self.show(today)),
            _ => return None,
        };
        let Some(_) = self.day() else {
            return Some(vec![read_only()]);
        };
        let review = Review {
            decided: Some(decision),
            ..self.review_or_default()
        };
        Some(vec![self.save(review)])
    }

    fn show(&mut self, date: NaiveDate) -> Vec<Effect> {
        self.date = date;
        self.form = None;
        vec![Effect::ReloadDay]
    }

    fn form_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(form) = self.form.as_mut() else {
            return vec![];
        };
        match form.handle_key(key) {
            FormKey::Handled => vec![],
            FormKey::Cancel => {
                self.form = None;
                vec![]
            }
            FormKey::Submit => {
                let note = form.value("Note").trim().to_string();
                let tomorrow = form.value("Tomorrow I protect").trim().to_string();
                self.form = None;
                if self.day().is_none() {
                    return vec![read_only()];
                }
                vec![self.save(Review {
                    note,
                    tomorrow,
                    ..self.review_or_default()
                })]
            }
        }
    }

    fn save(&self, review: Review) -> Effect {
        Effect::Edit {
            date: self.date,
            edit: DayEdit::SetReview(Some(review)),
            history: History::New,
        }
    }

    /// The saved review, or one whose "tomorrow" suggests the day's first proactive block.
    pub fn review_or_default(&self) -> Review {
        let saved = self.day().and_then(|d| d.review.clone());
        saved.unwrap_or_else(|| Review {
            decided: None,
            note: String::new(),
            tomorrow: self.suggested_tomorrow(),
        })
    }

    fn suggested_tomorrow(&self) -> String {
        let Some(day) = self.day() else {
            return String::new();
        };
        let first = day
            .blocks_by_start()
            .into_iter()
            .find(|b| b.category == Category::Proactive);
        first.map_or(String::new(), |b| {
            format!("{} {}", b.start.format("%H:%M"), b.title)
        })
    }
}

fn read_only() -> Effect {
    Effect::Message("this day is read-only until its file is fixed (see the Plan tab)".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Block, BlockKind};
    use chrono::NaiveTime;

    fn tab() -> ReviewTab {
        let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let mut day = Day::new(date);
        day.blocks.push(Block {
            id: "b1".into(),
            start: NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
            end: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            category: Category::Proactive,
            title: "Prospecting calls".into(),
            kind: BlockKind::Work,
            account: None,
            objective: None,
        });
        let mut tab = ReviewTab::new(date);
        tab.view = DayView::Loaded(day);
        tab
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn one_key_answers_and_suggests_tomorrow() {
        let mut t = tab();
        let effects = t.handle_key(key('p'), t.date).unwrap();
        let [
            Effect::Edit {
                edit: DayEdit::SetReview(Some(r)),
                ..
            },
        ] = &effects[..]
        else {
            panic!("{effects:?}")
        };
        assert_eq!(r.decided, Some(Decision::Partly));
        assert_eq!(r.tomorrow, "08:30 Prospecting calls");
    }

    #[test]
    fn note_form_saves_both_fields() {
        let mut t = tab();
        t.handle_key(key('e'), t.date);
        for c in "Globex ate the day".chars() {
            t.handle_key(key(c), t.date);
        }
        let effects = t
            .handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), t.date)
            .unwrap();
        let [
            Effect::Edit {
                edit: DayEdit::SetReview(Some(r)),
                ..
            },
        ] = &effects[..]
        else {
            panic!("{effects:?}")
        };
        assert_eq!((r.note.as_str(), r.decided), ("Globex ate the day", None));
        assert_eq!(r.tomorrow, "08:30 Prospecting calls");
    }

    #[test]
    fn an_unreadable_day_refuses_answers() {
        let mut t = tab();
        t.view = DayView::Unreadable {
            date: t.date,
            message: "bad".into(),
        };
        assert!(matches!(
            &t.handle_key(key('y'), t.date).unwrap()[..],
            [Effect::Message(_)]
        ));
    }
}
