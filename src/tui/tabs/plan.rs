//! The Plan tab: today's blocks, edited by keyboard, every change saved at once.

use super::history::UndoHistory;
use super::plan_edit::{
    NO_BLOCK_SELECTED, block_at_hand, block_edit, confirmation, manual_form, next_off,
    promised_protection, template_edit, week_of,
};
use super::plan_form::{FormMode, PlanForm};
pub use super::plan_keys::{KEYS, PlanAction};
use super::sessions::{self, SessionAction, SessionsMode};
use super::{TabView, Work};
use crate::clock::Zone;
use crate::config::Config;
use crate::domain::plan::{DayEdit, already_happened, next_free_start};
use crate::domain::{Block, Category, Day};
use crate::tui::keys::{KeyHelp, describe, lookup};
use crate::tui::shared::{Context, DayView, Effect, History, Origin, Reader};
use crate::tui::widgets::form::FormKey;
use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use std::cell::RefCell;

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
    history: UndoHistory,
    /// What the last review promised to protect on this day, offered as the first proactive block.
    pub protect: Option<String>,
    /// The capacity rule as the Month tab counts it (from the journal's first day), read on
    /// reload; `None` until then, when the config's alone applies.
    pub counted: Option<crate::domain::check::Capacity>,
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
            history: UndoHistory::default(),
            protect: None,
            counted: None,
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

    /// A key while the sessions list is shown: its form, its table, then the Plan tab's acts.
    fn sessions_key(&mut self, key: KeyEvent, cx: &Context) -> Option<Vec<Effect>> {
        let mut mode = self.sessions.take()?;
        let form_open = mode.form_open();
        let found = lookup(sessions::KEYS, key)
            .map(|(a, _)| a)
            .filter(|_| !form_open);
        let scx = sessions::Context {
            day: self.day(),
            date: self.date,
            now: cx.now,
            zone: &cx.zone,
        };
        let effects = match found {
            _ if form_open => Some(mode.form_key(key, &scx)),
            Some(SessionAction::Plan(_)) | None => None,
            Some(action) => Some(mode.act(action, &scx)),
        };
        self.sessions = Some(mode);
        match found {
            Some(SessionAction::Plan(action)) => Some(self.update(action, cx.config, cx.now)),
            _ => effects,
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
            FormKey::Submit if plan_form.mode == FormMode::DaysOff => {
                match plan_form.to_days_off() {
                    Ok((from, to, reason)) => {
                        self.form = None;
                        vec![Effect::DaysOff { from, to, reason }]
                    }
                    Err(message) => {
                        plan_form.form.error = Some(message);
                        vec![]
                    }
                }
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
                    FormMode::DaysOff => Err("days off are not one day's edit".into()),
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
                            from: Origin::Plan,
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
            PlanAction::Sync => return vec![Effect::Sync],
            PlanAction::Conflicts => return vec![Effect::ShowConflicts],
            PlanAction::Undo => return self.step_history(History::Undo),
            PlanAction::Redo => return self.step_history(History::Redo),
            PlanAction::Sessions => {
                self.sessions = self.sessions.is_none().then(SessionsMode::default);
            }
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
        match self.history.step(history, Origin::Plan) {
            Ok((date, effect)) => {
                self.date = date;
                vec![effect]
            }
            Err(nothing) => vec![Effect::Message(nothing)],
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
            PlanAction::DaysOff => return self.open_form(PlanForm::days_off(self.date)),
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
            Ok(edit) => {
                let said = confirmation(&edit, day).map(Effect::Message);
                let saved = Effect::Edit {
                    date: self.date,
                    edit,
                    history: History::New,
                    from: Origin::Plan,
                };
                std::iter::once(saved).chain(said).collect()
            }
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

impl TabView for PlanTab {
    fn title(&self, cx: &Context) -> String {
        let today = cx.now.date_naive();
        let relative = match (self.date - today).num_days() {
            0 => " · today",
            -1 => " · yesterday",
            1 => " · tomorrow",
            _ => "",
        };
        format!(" Plan · {}{relative} ", self.date.format("%a %-d %b %Y"))
    }

    fn keys(&self) -> Vec<KeyHelp> {
        match self.sessions {
            Some(_) => describe(sessions::KEYS),
            None => describe(KEYS),
        }
    }

    fn takes_text(&self) -> bool {
        self.form.is_some() || self.sessions.as_ref().is_some_and(SessionsMode::form_open)
    }

    fn handle_key(&mut self, key: KeyEvent, cx: &Context) -> Option<Vec<Effect>> {
        if self.form.is_some() {
            return Some(self.form_key(key, cx.now, &cx.zone));
        }
        if self.sessions.is_some() {
            return self.sessions_key(key, cx);
        }
        let (action, _) = lookup(KEYS, key)?;
        Some(self.update(action, cx.config, cx.now))
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, cx: &Context) {
        super::plan_view::PlanView { tab: self, cx }.render(area, buf);
    }

    /// The selected block when the shown day is today, else the block planned for now.
    fn work(&self, cx: &Context) -> Work {
        match self.selected_block() {
            Some(b) if self.date == cx.now.date_naive() && self.sessions.is_none() => {
                Work::Block(b.clone())
            }
            _ => Work::current(cx),
        }
    }

    fn reload(&mut self, reader: &Reader, cx: &Context, _shown: bool) {
        let today = cx.now.date_naive();
        self.counted = Some(crate::figures::counted_capacity(
            reader.journal,
            cx.config,
            today,
        ));
        self.protect = promised_protection(reader.journal, self.date);
        let week = week_of(reader.journal, self.date);
        let chosen = self.selected.clone();
        self.set_view(reader.load(self.date), week);
        // With nothing chosen on today's plan, the block at hand is: the one planned for now,
        // else the next, so `s` starts what the rep would.
        if chosen != self.selected && self.date == cx.now.date_naive() {
            let at_hand = self.day().and_then(|d| block_at_hand(d, cx.now.time()));
            self.selected = at_hand.or(self.selected.take());
        }
    }

    fn open_form(&mut self) -> Option<&mut crate::tui::widgets::form::Form> {
        if let Some(form) = &mut self.form {
            return Some(&mut form.form);
        }
        let sessions = self.sessions.as_mut()?;
        sessions.form.as_mut().map(|f| &mut f.form)
    }

    /// A block just added (or brought back by undo) is the one the next key acts on, and the
    /// inverse goes on the history.
    fn saved(&mut self, step: super::history::Step, history: History) {
        if let Some((_, DayEdit::RemoveBlocks(ids))) = step.first() {
            self.selected = ids.first().cloned();
        }
        self.history.record(step, history);
    }

    fn click(&mut self, row: u16) {
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
}

#[cfg(test)]
#[path = "plan_test.rs"]
mod tests;
