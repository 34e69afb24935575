//! The Plan tab: today's blocks, edited by keyboard, every change saved at once.

use super::plan_form::{FormMode, PlanForm};
use super::sessions::SessionsMode;
use crate::clock::Zone;
use crate::config::Config;
use crate::domain::plan::{
    DayEdit, add_minutes, already_happened, next_free_start, resized, shifted,
};
use crate::domain::{Block, Category, Day};
use crate::tui::app::{DayView, Effect, History};
use crate::tui::keymap::Binding;
use crate::tui::widgets::form::FormKey;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Timelike};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::cell::RefCell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanAction {
    PrevDay,
    NextDay,
    Today,
    SelectUp,
    SelectDown,
    Add,
    Edit,
    Delete,
    Undo,
    Redo,
    MoveEarlier,
    MoveLater,
    Grow,
    Shrink,
    CycleCategory,
    CopyYesterday,
    Template,
    ToggleOff,
    Manual,
}

pub const KEYS: &[Binding] = &[
    Binding {
        keys: "a",
        help: "add a block (next free slot, 30 min, proactive)",
        hint: Some("add"),
    },
    Binding {
        keys: "e",
        help: "edit the selected block (also Enter)",
        hint: Some("edit"),
    },
    Binding {
        keys: "d",
        help: "delete the selected block",
        hint: Some("delete"),
    },
    Binding {
        keys: "u/U",
        help: "undo / redo (also Ctrl-R)",
        hint: Some("undo/redo"),
    },
    Binding {
        keys: "↑↓ j/k",
        help: "select a block (or click it)",
        hint: None,
    },
    Binding {
        keys: "J/K",
        help: "move the block one grid step later / earlier",
        hint: Some("move"),
    },
    Binding {
        keys: "+/-",
        help: "make the block longer / shorter",
        hint: Some("resize"),
    },
    Binding {
        keys: "c",
        help: "cycle the block's category",
        hint: Some("category"),
    },
    Binding {
        keys: "y",
        help: "copy the last planned day's blocks",
        hint: Some("copy day"),
    },
    Binding {
        keys: "T",
        help: "apply the day template from config",
        hint: Some("template"),
    },
    Binding {
        keys: "m",
        help: "log time that was not timed",
        hint: Some("log time"),
    },
    Binding {
        keys: "v",
        help: "show the day's tracked sessions, to correct, split, join or delete them",
        hint: Some("sessions"),
    },
    Binding {
        keys: "o",
        help: "mark the day off: holiday, leave, working",
        hint: None,
    },
    Binding {
        keys: "←/→ t",
        help: "previous / next day, back to today",
        hint: None,
    },
];

pub fn action_for(key: KeyEvent) -> Option<PlanAction> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('r')).then_some(PlanAction::Redo);
    }
    Some(match key.code {
        KeyCode::Left | KeyCode::Char('h') => PlanAction::PrevDay,
        KeyCode::Right | KeyCode::Char('l') => PlanAction::NextDay,
        KeyCode::Char('t') => PlanAction::Today,
        KeyCode::Up | KeyCode::Char('k') => PlanAction::SelectUp,
        KeyCode::Down | KeyCode::Char('j') => PlanAction::SelectDown,
        KeyCode::Char('a') => PlanAction::Add,
        KeyCode::Char('e') | KeyCode::Enter => PlanAction::Edit,
        KeyCode::Char('d') | KeyCode::Delete => PlanAction::Delete,
        KeyCode::Char('u') => PlanAction::Undo,
        KeyCode::Char('U') => PlanAction::Redo,
        KeyCode::Char('K') => PlanAction::MoveEarlier,
        KeyCode::Char('J') => PlanAction::MoveLater,
        KeyCode::Char('+') | KeyCode::Char('=') => PlanAction::Grow,
        KeyCode::Char('-') => PlanAction::Shrink,
        KeyCode::Char('c') => PlanAction::CycleCategory,
        KeyCode::Char('y') => PlanAction::CopyYesterday,
        KeyCode::Char('T') => PlanAction::Template,
        KeyCode::Char('o') => PlanAction::ToggleOff,
        KeyCode::Char('m') => PlanAction::Manual,
        _ => return None,
    })
}

/// The Plan tab's state. The shown day and its week are loaded by the loop.
#[derive(Debug)]
pub struct PlanTab {
    pub date: NaiveDate,
    pub view: DayView,
    /// Monday to Sunday of the shown day, for the objectives line.
    pub week: Vec<Day>,
    /// The selected block's id.
    pub selected: Option<String>,
    pub form: Option<PlanForm>,
    undo: Vec<(NaiveDate, DayEdit)>,
    redo: Vec<(NaiveDate, DayEdit)>,
    /// What the last review promised to protect on this day, offered as the first proactive block.
    pub protect: Option<String>,
    /// Screen row → block id, written while drawing so a click can select.
    pub row_hits: RefCell<Vec<(u16, String)>>,
    /// The day's tracked sessions instead of its blocks (`v`), to correct them.
    pub sessions: Option<SessionsMode>,
}

impl PlanTab {
    pub fn new(view: DayView) -> PlanTab {
        let date = view.date();
        PlanTab {
            date,
            view,
            week: vec![],
            selected: None,
            form: None,
            undo: vec![],
            redo: vec![],
            protect: None,
            row_hits: RefCell::new(vec![]),
            sessions: None,
        }
    }

    pub fn day(&self) -> Option<&Day> {
        match &self.view {
            DayView::Loaded(day) => Some(day),
            DayView::Unreadable { .. } => None,
        }
    }

    /// The day's blocks in time order.
    pub fn blocks(&self) -> Vec<&Block> {
        self.day().map_or(vec![], |d| d.blocks_by_start())
    }

    pub fn selected_block(&self) -> Option<&Block> {
        let blocks = self.blocks();
        let id = self.selected.as_deref();
        blocks
            .iter()
            .find(|b| Some(b.id.as_str()) == id)
            .or(blocks.first())
            .copied()
    }

    /// Records the inverse of an edit the loop has saved, for undo or redo.
    pub fn record(&mut self, date: NaiveDate, inverse: DayEdit, history: History) {
        match history {
            History::New => {
                self.undo.push((date, inverse));
                self.redo.clear();
            }
            History::Undo => self.redo.push((date, inverse)),
            History::Redo => self.undo.push((date, inverse)),
        }
    }

    /// Keeps the selection on an existing block after the day changed.
    pub fn set_view(&mut self, view: DayView, week: Vec<Day>) {
        self.date = view.date();
        self.view = view;
        self.week = week;
        let ids: Vec<String> = self.blocks().iter().map(|b| b.id.clone()).collect();
        if !self.selected.as_ref().is_some_and(|s| ids.contains(s)) {
            self.selected = ids.first().cloned();
        }
    }

    pub fn click(&mut self, row: u16) {
        let hit = self
            .row_hits
            .borrow()
            .iter()
            .find(|(y, _)| *y == row)
            .map(|(_, id)| id.clone());
        if hit.is_some() {
            self.selected = hit;
        }
    }

    /// Handles a key on this tab; `None` when the tab does not use the key.
    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        config: &Config,
        now: DateTime<FixedOffset>,
        zone: &Zone,
    ) -> Option<Vec<Effect>> {
        if self.form.is_some() {
            return Some(self.form_key(key, now, zone));
        }
        if key.code == KeyCode::Char('v') && key.modifiers.is_empty() {
            self.sessions = match self.sessions {
                Some(_) => None,
                None => Some(SessionsMode::default()),
            };
            return Some(vec![]);
        }
        if self.sessions.is_some() {
            return Some(self.sessions_key(key, config, now, zone));
        }
        let action = action_for(key)?;
        Some(self.update(action, config, now))
    }

    /// A key while the sessions list is shown: its own keys, then the days, undo and `m`.
    fn sessions_key(
        &mut self,
        key: KeyEvent,
        config: &Config,
        now: DateTime<FixedOffset>,
        zone: &Zone,
    ) -> Vec<Effect> {
        let mut mode = self.sessions.take().unwrap_or_default();
        let day = match &self.view {
            DayView::Loaded(day) => Some(day),
            DayView::Unreadable { .. } => None,
        };
        let cx = super::sessions::Context {
            day,
            date: self.date,
            now,
            zone,
        };
        let handled = mode.handle_key(key, &cx);
        self.sessions = Some(mode);
        if let Some(effects) = handled {
            return effects;
        }
        match action_for(key) {
            Some(
                action @ (PlanAction::PrevDay
                | PlanAction::NextDay
                | PlanAction::Today
                | PlanAction::Undo
                | PlanAction::Redo
                | PlanAction::Manual),
            ) => self.update(action, config, now),
            _ => vec![],
        }
    }

    fn form_key(&mut self, key: KeyEvent, now: DateTime<FixedOffset>, zone: &Zone) -> Vec<Effect> {
        let Some(plan_form) = self.form.as_mut() else {
            return vec![];
        };
        match plan_form.form.handle_key(key) {
            FormKey::Handled => vec![],
            FormKey::Cancel => {
                self.form = None;
                vec![]
            }
            FormKey::Submit => {
                let edit = match &plan_form.mode {
                    FormMode::AddBlock => plan_form.to_block().map(|b| DayEdit::AddBlocks(vec![b])),
                    FormMode::EditBlock(before) => plan_form
                        .to_block()
                        .map(|after| DayEdit::change_block(before, after)),
                    FormMode::ManualEntry => plan_form
                        .to_session(self.date, zone)
                        .and_then(|s| already_happened(&s, now).map(|()| s))
                        .map(DayEdit::AddSession),
                };
                match edit {
                    Ok(edit) => {
                        if let DayEdit::ReplaceBlock { after, .. } = &edit {
                            self.selected = Some(after.id.clone());
                        }
                        self.form = None;
                        vec![Effect::Edit {
                            date: self.date,
                            edit,
                            history: History::New,
                        }]
                    }
                    Err(message) => {
                        plan_form.form.error = Some(message);
                        vec![]
                    }
                }
            }
        }
    }

    pub fn update(
        &mut self,
        action: PlanAction,
        config: &Config,
        now: DateTime<FixedOffset>,
    ) -> Vec<Effect> {
        let today = now.date_naive();
        match action {
            PlanAction::PrevDay => return self.show(self.date.pred_opt().unwrap_or(self.date)),
            PlanAction::NextDay => return self.show(self.date.succ_opt().unwrap_or(self.date)),
            PlanAction::Today => return self.show(today),
            PlanAction::SelectUp => self.move_selection(-1),
            PlanAction::SelectDown => self.move_selection(1),
            PlanAction::Undo => return self.step_history(History::Undo),
            PlanAction::Redo => return self.step_history(History::Redo),
            _ => return self.edit_action(action, config, now),
        }
        vec![]
    }

    fn show(&mut self, date: NaiveDate) -> Vec<Effect> {
        self.date = date;
        self.form = None;
        vec![Effect::ReloadDay]
    }

    fn move_selection(&mut self, by: i64) {
        let blocks = self.blocks();
        let at = self
            .selected_block()
            .and_then(|s| blocks.iter().position(|b| b.id == s.id))
            .unwrap_or(0);
        // saturating_sub: an empty day has no last block, and clamp(0, -1) would panic.
        let last = blocks.len().saturating_sub(1) as i64;
        let next = (at as i64 + by).clamp(0, last) as usize;
        self.selected = blocks.get(next).map(|b| b.id.clone());
    }

    fn step_history(&mut self, history: History) -> Vec<Effect> {
        let stack = if history == History::Undo {
            &mut self.undo
        } else {
            &mut self.redo
        };
        match stack.pop() {
            Some((date, edit)) => {
                self.date = date;
                vec![Effect::Edit {
                    date,
                    edit,
                    history,
                }]
            }
            None => vec![Effect::Message(format!(
                "nothing to {}",
                if history == History::Undo {
                    "undo"
                } else {
                    "redo"
                }
            ))],
        }
    }

    /// Actions that change the day: refused on a day that could not be read.
    fn edit_action(
        &mut self,
        action: PlanAction,
        config: &Config,
        now: DateTime<FixedOffset>,
    ) -> Vec<Effect> {
        let Some(day) = self.day() else {
            return vec![Effect::Message(
                "this day is read-only until its file is fixed (see the message above)".into(),
            )];
        };
        let edit = match action {
            PlanAction::Add => return self.open_form(self.add_form(day, config, now)),
            PlanAction::Manual => return self.open_form(manual_form(now)),
            PlanAction::CopyYesterday => return vec![Effect::CopyPreviousPlan { to: self.date }],
            PlanAction::Template => template_edit(day, config),
            PlanAction::ToggleOff => Ok(DayEdit::SetOff(next_off(day.off.as_deref()))),
            _ => match self.selected_block().cloned() {
                Some(b) if action == PlanAction::Edit => return self.open_form(PlanForm::edit(&b)),
                Some(b) => block_edit(action, b, i64::from(config.workday.grid_minutes)),
                None => Err(NO_BLOCK_SELECTED.to_string()),
            },
        };
        match edit {
            Ok(edit) => vec![Effect::Edit {
                date: self.date,
                edit,
                history: History::New,
            }],
            Err(message) => vec![Effect::Message(message)],
        }
    }

    fn open_form(&mut self, form: PlanForm) -> Vec<Effect> {
        self.form = Some(form);
        vec![]
    }

    /// The form `a` opens at the next free slot; on a day with nothing proactive yet, it offers
    /// what the last review promised to protect.
    fn add_form(&self, day: &Day, config: &Config, now: DateTime<FixedOffset>) -> PlanForm {
        let after = if self.date == now.date_naive() {
            now.time()
        } else {
            config.workday.start
        };
        let start = next_free_start(
            day,
            after,
            config.workday.start,
            config.workday.grid_minutes,
        );
        let no_proactive = !day.blocks.iter().any(|b| b.category == Category::Proactive);
        match self.protect.as_deref().filter(|_| no_proactive) {
            Some(promise) => PlanForm::protect(promise, start, 60),
            None => PlanForm::add(start, 30),
        }
    }
}

const NO_BLOCK_SELECTED: &str = "no block selected: press a to add one";

/// The form `m` opens: the half hour up to now.
fn manual_form(now: DateTime<FixedOffset>) -> PlanForm {
    let end = now.time().with_second(0).unwrap_or(now.time());
    let start = add_minutes(end, -30).unwrap_or(NaiveTime::MIN);
    PlanForm::manual(start, end)
}

/// The change `action` makes to the selected block `b`, moving and resizing by `grid` minutes.
fn block_edit(action: PlanAction, b: Block, grid: i64) -> Result<DayEdit, String> {
    let change = |after: Block| DayEdit::change_block(&b, after);
    match action {
        PlanAction::Delete => Ok(DayEdit::RemoveBlocks(vec![b.id.clone()])),
        PlanAction::MoveEarlier => shifted(&b, -grid)
            .map(change)
            .ok_or("the block cannot start before 00:00".into()),
        PlanAction::MoveLater => shifted(&b, grid)
            .map(change)
            .ok_or("the block must end by 23:59".into()),
        PlanAction::Grow => resized(&b, grid, grid)
            .map(change)
            .ok_or("the block must end by 23:59".into()),
        PlanAction::Shrink => resized(&b, -grid, grid)
            .map(change)
            .ok_or(format!("a block is at least {grid} minutes (the grid)")),
        PlanAction::CycleCategory => Ok(change(Block {
            category: b.category.next(),
            ..b.clone()
        })),
        _ => Err(NO_BLOCK_SELECTED.to_string()),
    }
}

/// The template's blocks that fit around what is already planned.
fn template_edit(day: &Day, config: &Config) -> Result<DayEdit, String> {
    let candidates: Vec<Block> = config
        .plan
        .template
        .iter()
        .map(|t| Block {
            id: String::new(),
            start: t.start,
            end: t.end,
            category: t.category,
            title: t.title.clone(),
            kind: t.kind,
            account: None,
            objective: None,
        })
        .collect();
    let fitting = fitting_blocks(&day.blocks, candidates);
    if fitting.is_empty() {
        return Err(
            "the template's blocks would all overlap what is planned; nothing added".into(),
        );
    }
    Ok(DayEdit::AddBlocks(fitting))
}

/// `candidates` that overlap none of `existing`, with their ids cleared for the new day.
pub fn fitting_blocks(existing: &[Block], candidates: Vec<Block>) -> Vec<Block> {
    candidates
        .into_iter()
        .filter(|c| {
            existing
                .iter()
                .all(|e| c.end <= e.start || c.start >= e.end)
        })
        .map(|c| Block {
            id: String::new(),
            ..c
        })
        .collect()
}

/// working → holiday → leave → working.
fn next_off(off: Option<&str>) -> Option<String> {
    match off {
        None => Some("holiday".into()),
        Some("holiday") => Some("leave".into()),
        Some(_) => None,
    }
}

/// How far back `y` looks for a planned day.
pub const COPY_LOOKBACK_DAYS: i64 = 14;

/// The days `y` may copy from, newest first.
pub fn copy_candidates(to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    (1..=COPY_LOOKBACK_DAYS).map(move |n| to - Duration::days(n))
}

#[cfg(test)]
#[path = "plan_test.rs"]
mod tests;
