//! The Review tab: the day's facts, one question, a note, and what to protect tomorrow.

use super::TabView;
use super::history::UndoHistory;
use crate::domain::plan::DayEdit;
use crate::domain::{Category, Day, Decision, Review};
use crate::tui::keys::{KeyHelp, describe, lookup};
use crate::tui::shared::{Context, DayView, Effect, History, Origin, Reader};
use crate::tui::widgets::form::{Field, Form, FormKey};
use chrono::{Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use super::review_keys::{KEYS, ReviewAction};

#[derive(Debug)]
pub struct ReviewTab {
    pub date: NaiveDate,
    pub view: DayView,
    pub form: Option<Form>,
    history: UndoHistory,
    /// (date, working day, reviewed) for the last weeks, for the streak.
    pub streak: Vec<(NaiveDate, bool, bool)>,
    /// The capacity rule as the Month tab counts it, read on reload.
    pub counted: Option<crate::domain::check::Capacity>,
}

impl ReviewTab {
    pub fn new(date: NaiveDate) -> ReviewTab {
        ReviewTab {
            date,
            view: DayView::Loaded(Day::new(date)),
            form: None,
            history: UndoHistory::default(),
            streak: vec![],
            counted: None,
        }
    }

    pub fn day(&self) -> Option<&Day> {
        match &self.view {
            DayView::Loaded(day) => Some(day),
            DayView::Unreadable { .. } => None,
        }
    }

    fn act(&mut self, action: ReviewAction, today: NaiveDate) -> Vec<Effect> {
        match action {
            ReviewAction::Note => {
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
                vec![]
            }
            ReviewAction::PrevDay => self.show(self.date.pred_opt().unwrap_or(self.date)),
            // A day is reviewed once it has happened: today is as far as it goes.
            ReviewAction::NextDay => {
                self.show(self.date.succ_opt().unwrap_or(self.date).min(today))
            }
            ReviewAction::Today => self.show(today),
            ReviewAction::Answer(_) if self.day().is_none() => vec![read_only()],
            ReviewAction::Answer(decision) => {
                let before = self.review_or_default();
                let said = answered(before.decided, decision);
                let review = Review {
                    decided: Some(decision),
                    ..before
                };
                vec![self.save(review), Effect::Message(said)]
            }
            ReviewAction::Undo => self.step_history(History::Undo),
            ReviewAction::Redo => self.step_history(History::Redo),
        }
    }

    fn step_history(&mut self, history: History) -> Vec<Effect> {
        match self.history.step(history, Origin::Review) {
            Ok((date, effect)) => {
                self.date = date;
                vec![effect, Effect::ReloadDay]
            }
            Err(nothing) => vec![Effect::Message(nothing)],
        }
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
                let saved = self.save(Review {
                    note,
                    tomorrow,
                    ..self.review_or_default()
                });
                vec![saved, Effect::Message("Note saved — u undoes".into())]
            }
        }
    }

    fn save(&self, review: Review) -> Effect {
        Effect::Edit {
            date: self.date,
            edit: DayEdit::SetReview(Some(review)),
            history: History::New,
            from: Origin::Review,
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

/// What an answer says on the message line: a changed answer names the one it replaced.
fn answered(before: Option<Decision>, now: Decision) -> String {
    let word = |d: Decision| match d {
        Decision::Yes => "Yes",
        Decision::Partly => "Partly",
        Decision::No => "No",
    };
    match before {
        Some(was) if was != now => format!(
            "Answer changed: was {}, now {} — u undoes",
            word(was),
            word(now)
        ),
        _ => format!("Answered {} — u undoes", word(now)),
    }
}

impl TabView for ReviewTab {
    fn title(&self, _cx: &Context) -> String {
        format!(" Review · {} ", self.date.format("%a %-d %b %Y"))
    }

    fn keys(&self) -> Vec<KeyHelp> {
        describe(KEYS)
    }

    fn takes_text(&self) -> bool {
        self.form.is_some()
    }

    fn handle_key(&mut self, key: KeyEvent, cx: &Context) -> Option<Vec<Effect>> {
        if self.form.is_some() {
            return Some(self.form_key(key));
        }
        let (action, _) = lookup(KEYS, key)?;
        Some(self.act(action, cx.now.date_naive()))
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, cx: &Context) {
        super::review_view::ReviewView { tab: self, cx }.render(area, buf);
    }

    fn saved(&mut self, step: super::history::Step, history: History) {
        self.history.record(step, history);
    }

    fn open_form(&mut self) -> Option<&mut Form> {
        self.form.as_mut()
    }

    /// The shown day; the streak reads weeks of files, so only while the tab is shown.
    fn reload(&mut self, reader: &Reader, cx: &Context, shown: bool) {
        self.view = reader.load(self.date);
        let today = cx.now.date_naive();
        self.counted = Some(crate::figures::counted_capacity(
            reader.journal,
            cx.config,
            today,
        ));
        if shown {
            let today = cx.now.date_naive();
            self.streak = review_history(reader.journal, cx.config, today, STREAK_DAYS);
        }
    }
}

/// How many days back the review streak looks.
const STREAK_DAYS: i64 = 90;

/// (date, working day, reviewed) for the `days` before `today`, and today.
pub fn review_history(
    journal: &crate::journal::Journal,
    config: &crate::config::Config,
    today: NaiveDate,
    days: i64,
) -> Vec<(NaiveDate, bool, bool)> {
    // Days off and days before counting started are not working days (the rule of `Capacity`).
    let capacity = crate::figures::counted_capacity(journal, config, today);
    let from = today - Duration::days(days);
    let files: std::collections::HashMap<NaiveDate, Day> = journal
        .days_in(from, today)
        .into_iter()
        .filter_map(|(d, day)| day.ok().map(|day| (d, day)))
        .collect();
    from.iter_days()
        .take_while(|d| *d <= today)
        .map(|d| {
            let day = files.get(&d);
            let off = day.is_some_and(|day| day.off.is_some());
            let reviewed =
                day.is_some_and(|day| day.review.as_ref().is_some_and(|r| r.decided.is_some()));
            (d, capacity.of_day(d, off) > 0, reviewed)
        })
        .collect()
}

fn read_only() -> Effect {
    Effect::Message("this day is read-only until its file is fixed (see the Plan tab)".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Block, BlockKind};
    use chrono::NaiveTime;
    use ratatui::crossterm::event::KeyCode;

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
            source: None,
        });
        let mut tab = ReviewTab::new(date);
        tab.view = DayView::Loaded(day);
        tab
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::from(KeyCode::Char(c))
    }

    fn press(t: &mut ReviewTab, k: KeyEvent) -> Option<Vec<Effect>> {
        let now = t
            .date
            .and_hms_opt(17, 0, 0)
            .unwrap()
            .and_utc()
            .fixed_offset();
        crate::tui::shared::with_context(now, None, |cx| t.handle_key(k, cx))
    }

    #[test]
    fn one_key_answers_and_suggests_tomorrow() {
        let mut t = tab();
        let effects = press(&mut t, key('P')).unwrap();
        let [
            Effect::Edit {
                edit: DayEdit::SetReview(Some(r)),
                ..
            },
            Effect::Message(_),
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
        press(&mut t, key('e'));
        for c in "Globex ate the day".chars() {
            press(&mut t, key(c));
        }
        let effects = press(&mut t, KeyEvent::from(KeyCode::Enter)).unwrap();
        let [
            Effect::Edit {
                edit: DayEdit::SetReview(Some(r)),
                ..
            },
            Effect::Message(_),
        ] = &effects[..]
        else {
            panic!("{effects:?}")
        };
        assert_eq!((r.note.as_str(), r.decided), ("Globex ate the day", None));
        assert_eq!(r.tomorrow, "08:30 Prospecting calls");
    }

    #[test]
    fn a_changed_answer_names_the_one_it_replaced() {
        assert_eq!(
            answered(Some(Decision::Yes), Decision::No),
            "Answer changed: was Yes, now No — u undoes"
        );
        assert_eq!(answered(None, Decision::Yes), "Answered Yes — u undoes");
        assert_eq!(
            answered(Some(Decision::Yes), Decision::Yes),
            "Answered Yes — u undoes"
        );
    }

    #[test]
    fn an_unreadable_day_refuses_answers() {
        let mut t = tab();
        t.view = DayView::Unreadable {
            date: t.date,
            message: "bad".into(),
        };
        assert!(matches!(
            &press(&mut t, key('y')).unwrap()[..],
            [Effect::Message(_)]
        ));
    }
}
