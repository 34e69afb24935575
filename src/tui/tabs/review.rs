//! The Review tab: the day's facts, one question, a note, and what to protect tomorrow.

use super::TabView;
use crate::domain::plan::DayEdit;
use crate::domain::{Category, Day, Decision, Review};
use crate::tui::keys::{Key, KeyHelp, describe, lookup};
use crate::tui::shared::{Context, DayView, Effect, History, Origin, Reader};
use crate::tui::widgets::form::{Field, Form, FormKey};
use chrono::{Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewAction {
    Answer(Decision),
    Note,
    PrevDay,
    NextDay,
    Today,
}

// `p` and `n` pass a request on and park a mail on every tab, so "partly" and "no" take Shift.
pub const KEYS: &[Key<ReviewAction>] = &[
    Key::new(
        &[KeyCode::Char('y'), KeyCode::Char('Y')],
        ReviewAction::Answer(Decision::Yes),
        "did I decide today? yes",
    )
    .hint("yes"),
    Key::new(
        &[KeyCode::Char('P')],
        ReviewAction::Answer(Decision::Partly),
        "did I decide today? partly",
    )
    .hint("partly"),
    Key::new(
        &[KeyCode::Char('N')],
        ReviewAction::Answer(Decision::No),
        "did I decide today? no, someone else did",
    )
    .hint("no"),
    Key::new(
        &[KeyCode::Char('e'), KeyCode::Enter],
        ReviewAction::Note,
        "write the note and what you protect tomorrow",
    )
    .hint("note"),
    Key::new(
        &[KeyCode::Left, KeyCode::Char('h')],
        ReviewAction::PrevDay,
        "the day before",
    )
    .hint("day"),
    Key::new(
        &[KeyCode::Right, KeyCode::Char('l')],
        ReviewAction::NextDay,
        "the day after (up to today)",
    ),
    Key::new(&[KeyCode::Char('t')], ReviewAction::Today, "back to today"),
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
                let review = Review {
                    decided: Some(decision),
                    ..self.review_or_default()
                };
                vec![self.save(review)]
            }
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

    fn open_form(&mut self) -> Option<&mut Form> {
        self.form.as_mut()
    }

    /// The shown day; the streak reads weeks of files, so only while the tab is shown.
    fn reload(&mut self, reader: &Reader, cx: &Context, shown: bool) {
        self.view = reader.load(self.date);
        if shown {
            let today = cx.now.date_naive();
            self.history = review_history(reader.journal, cx.config, today, STREAK_DAYS);
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
    let capacity = crate::figures::capacity(config);
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
            &press(&mut t, key('y')).unwrap()[..],
            [Effect::Message(_)]
        ));
    }
}
