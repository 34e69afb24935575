//! The Plan tab's sessions list (`v` toggles it): the shown day's tracked sessions, corrected by
//! keys through the same domain edits, checks and undo as `protime edit`, `split`, `join` and
//! `delete`.

use super::plan::PlanAction;
use crate::clock::Zone;
use crate::domain::correct;
use crate::domain::plan::DayEdit;
use crate::domain::span::local_instant;
use crate::domain::timefmt::{format_hhmm, parse_hhmm};
use crate::domain::{Category, Day, Session};
use crate::tui::keys::Key;
use crate::tui::shared::{Effect, History, Origin};
use crate::tui::widgets::form::{Field, Form, FormKey};
use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionAction {
    Correct,
    Split,
    Join,
    Delete,
    Up,
    Down,
    /// What the Plan tab does with this key in the sessions list too (days, undo, `m`, `v`).
    Plan(PlanAction),
}

pub const KEYS: &[Key<SessionAction>] = &[
    Key::new(
        &[KeyCode::Char('v')],
        SessionAction::Plan(PlanAction::Sessions),
        "back to the planned blocks",
    )
    .hint("blocks"),
    Key::new(
        &[KeyCode::Char('e'), KeyCode::Enter],
        SessionAction::Correct,
        "correct the selected session: start, end, category, account, note, block",
    )
    .hint("correct"),
    Key::new(
        &[KeyCode::Char('x')],
        SessionAction::Split,
        "split the selected session in two at a time",
    )
    .hint("split"),
    Key::new(
        &[KeyCode::Char('J')],
        SessionAction::Join,
        "join the selected session with the next one",
    )
    .hint("join"),
    Key::new(
        &[KeyCode::Char('d'), KeyCode::Delete],
        SessionAction::Delete,
        "delete the selected session",
    )
    .hint("delete"),
    Key::new(
        &[KeyCode::Char('m')],
        SessionAction::Plan(PlanAction::Manual),
        "log time that was not timed",
    )
    .hint("log time"),
    Key::new(
        &[KeyCode::Char('u')],
        SessionAction::Plan(PlanAction::Undo),
        "undo the last change",
    )
    .hint("undo"),
    Key::new(
        &[KeyCode::Char('U')],
        SessionAction::Plan(PlanAction::Redo),
        "redo what was undone",
    ),
    Key::new(
        &[KeyCode::Char('r')],
        SessionAction::Plan(PlanAction::Redo),
        "redo what was undone",
    )
    .ctrl(),
    Key::new(
        &[KeyCode::Up, KeyCode::Char('k')],
        SessionAction::Up,
        "select the session above",
    ),
    Key::new(
        &[KeyCode::Down, KeyCode::Char('j')],
        SessionAction::Down,
        "select the session below",
    ),
    Key::new(
        &[KeyCode::Left, KeyCode::Char('h')],
        SessionAction::Plan(PlanAction::PrevDay),
        "the day before",
    ),
    Key::new(
        &[KeyCode::Right, KeyCode::Char('l')],
        SessionAction::Plan(PlanAction::NextDay),
        "the day after",
    ),
    Key::new(
        &[KeyCode::Char('t')],
        SessionAction::Plan(PlanAction::Today),
        "back to today",
    ),
];

/// What the open form changes.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionFormKind {
    Correct(Session),
    Split(Session),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionForm {
    pub kind: SessionFormKind,
    pub form: Form,
}

/// The list's state: which session is selected, and the form open on it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionsMode {
    pub selected: Option<String>,
    pub form: Option<SessionForm>,
}

/// What a day and a moment mean for the keys: the shown day, now, the rep's zone.
pub struct Context<'a> {
    pub day: Option<&'a Day>,
    pub date: NaiveDate,
    pub now: DateTime<FixedOffset>,
    pub zone: &'a Zone,
}

impl SessionsMode {
    /// The selected session, else the first.
    pub fn selected<'d>(&self, day: &'d Day) -> Option<&'d Session> {
        let id = self.selected.as_deref();
        id.and_then(|id| day.sessions.iter().find(|s| s.id == id))
            .or_else(|| day.sessions.first())
    }

    /// A key while this list's form is open: the form takes it.
    pub fn form_open(&self) -> bool {
        self.form.is_some()
    }

    /// What a key of [`KEYS`] does to the selected session (the Plan tab does the rest).
    pub fn act(&mut self, action: SessionAction, cx: &Context) -> Vec<Effect> {
        let Some(day) = cx.day else {
            return vec![Effect::Message(
                "this day is read-only until its file is fixed".into(),
            )];
        };
        let selected = self.selected(day).cloned();
        match (action, selected) {
            (SessionAction::Up, _) => self.step(day, -1),
            (SessionAction::Down, _) => self.step(day, 1),
            (SessionAction::Correct, Some(s)) => self.open(correct_form(&s)),
            (SessionAction::Split, Some(s)) => self.open(split_form(&s, cx.now)),
            (SessionAction::Join, Some(s)) => join_with_next(day, &s, cx.date),
            (SessionAction::Delete, Some(s)) => edit(cx.date, DayEdit::RemoveSession(s.id)),
            (SessionAction::Plan(_), _) => vec![],
            (_, None) => vec![Effect::Message("no session on this day: m logs one".into())],
        }
    }

    fn step(&mut self, day: &Day, by: i64) -> Vec<Effect> {
        let at = self
            .selected(day)
            .and_then(|s| day.sessions.iter().position(|x| x.id == s.id))
            .unwrap_or(0);
        let last = day.sessions.len().saturating_sub(1) as i64;
        let next = (at as i64 + by).clamp(0, last) as usize;
        self.selected = day.sessions.get(next).map(|s| s.id.clone());
        vec![]
    }

    fn open(&mut self, form: SessionForm) -> Vec<Effect> {
        self.form = Some(form);
        vec![]
    }

    /// A key for the open form.
    pub fn form_key(&mut self, key: KeyEvent, cx: &Context) -> Vec<Effect> {
        let Some(open) = self.form.as_mut() else {
            return vec![];
        };
        match open.form.handle_key(key) {
            FormKey::Handled => vec![],
            FormKey::Cancel => {
                self.form = None;
                vec![]
            }
            FormKey::Submit => match submitted(open, cx).and_then(|change| tried(change, cx)) {
                Ok(change) => {
                    self.form = None;
                    edit(cx.date, change)
                }
                Err(message) => {
                    open.form.error = Some(message);
                    vec![]
                }
            },
        }
    }
}

/// The edit, then what it did, naming undo.
fn edit(date: NaiveDate, edit: DayEdit) -> Vec<Effect> {
    let said = match &edit {
        DayEdit::RemoveSession(id) => format!("Deleted session {id}"),
        DayEdit::JoinSessions { first, second } => format!("Joined {first} and {second}"),
        DayEdit::SplitSession { id, at, .. } => format!("Split {id} at {}", at.format("%H:%M")),
        DayEdit::ReplaceSession { before, .. } => format!("Corrected {}", before.id),
        _ => "Saved".into(),
    };
    vec![
        Effect::Edit {
            date,
            edit,
            history: History::New,
            from: Origin::Plan,
        },
        Effect::Message(format!("{said} — u undoes")),
    ]
}

fn join_with_next(day: &Day, s: &Session, date: NaiveDate) -> Vec<Effect> {
    let next = day
        .sessions
        .iter()
        .filter(|x| x.start >= s.start && x.id != s.id)
        .min_by_key(|x| x.start);
    match next {
        Some(next) => edit(
            date,
            DayEdit::JoinSessions {
                first: s.id.clone(),
                second: next.id.clone(),
            },
        ),
        None => vec![Effect::Message(format!(
            "{} is the last session of the day: nothing to join",
            s.id
        ))],
    }
}

fn correct_form(s: &Session) -> SessionForm {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let end = s.end.map_or(String::new(), |e| format_hhmm(e.time()));
    let fields = vec![
        Field::new(
            "Start",
            format_hhmm(s.start.time()),
            "when it began, like 09:00",
        ),
        Field::new("End", end, "when it ended (empty while it runs)"),
        Field::new(
            "Category",
            s.category.name(),
            crate::domain::category::CHOICES_HINT,
        ),
        Field::new("Account", text(&s.account), "optional: the customer"),
        Field::new("Note", text(&s.note), "optional: what it was"),
        Field::new(
            "Block",
            text(&s.block),
            "optional: the planned block's id, like b2",
        ),
    ];
    SessionForm {
        kind: SessionFormKind::Correct(s.clone()),
        form: Form::new(format!("Correct {} (u undoes)", s.id), fields),
    }
}

fn split_form(s: &Session, now: DateTime<FixedOffset>) -> SessionForm {
    let end = s.end.unwrap_or(now);
    let middle = s.start + (end - s.start) / 2;
    let fields = vec![Field::new(
        "At",
        format_hhmm(middle.time()),
        "where it becomes two, like 10:15",
    )];
    SessionForm {
        kind: SessionFormKind::Split(s.clone()),
        form: Form::new(format!("Split {} in two (u undoes)", s.id), fields),
    }
}

/// `change` if the day takes it: a refusal (a split time outside the session, a join that
/// clashes) keeps the form open with the reason, so the rep corrects the time instead of typing
/// it all again. The day on disk may differ; the save checks again.
fn tried(change: DayEdit, cx: &Context) -> Result<DayEdit, String> {
    if let Some(day) = cx.day {
        change.clone().apply(&mut day.clone())?;
    }
    Ok(change)
}

/// The edit a submitted form asks for, checked as `protime edit` and `split` check it.
fn submitted(open: &SessionForm, cx: &Context) -> Result<DayEdit, String> {
    let at = |text: &str| parse_hhmm(text).map(|t| local_instant(cx.zone, cx.date, t));
    match &open.kind {
        SessionFormKind::Split(s) => {
            let instant = at(open.form.value("At"))?;
            if instant > cx.now {
                return Err("that time has not come yet: split at a time that has passed".into());
            }
            Ok(DayEdit::SplitSession {
                id: s.id.clone(),
                at: instant,
                new_id: None,
            })
        }
        SessionFormKind::Correct(before) => {
            let after = corrected(before, &open.form, &at)?;
            correct::check(&after, cx.now)?;
            if let Some(block) = after.block.as_deref()
                && cx
                    .day
                    .is_some_and(|d| !d.blocks.iter().any(|b| b.id == block))
            {
                return Err(format!("there is no block {block} on this day"));
            }
            Ok(DayEdit::ReplaceSession {
                before: Box::new(before.clone()),
                after: Box::new(after),
            })
        }
    }
}

fn corrected(
    before: &Session,
    form: &Form,
    at: &dyn Fn(&str) -> Result<DateTime<FixedOffset>, String>,
) -> Result<Session, String> {
    let text = |label: &str| Some(form.value(label).trim().to_string()).filter(|v| !v.is_empty());
    let end = match form.value("End").trim() {
        "" if before.end.is_none() => None,
        "" => return Err("give the end, like 10:30 (only a running session has none)".into()),
        end => Some(at(end)?),
    };
    Ok(Session {
        start: at(form.value("Start"))?,
        end,
        category: form
            .value("Category")
            .parse::<Category>()
            .map_err(|e| e.to_string())?,
        account: text("Account"),
        note: text("Note"),
        block: text("Block"),
        ..before.clone()
    })
}
