//! The Inbox tab: today's slots, the parking list to triage, and reply templates to copy.

use super::history::UndoHistory;
use super::{TabView, Work};
use crate::config::Config;
use crate::domain::inbox::{Parked, ParkedState, triage};
use crate::domain::plan::DayEdit;
use crate::domain::timer::open_inbox;
use crate::domain::{BlockKind, Day};
use crate::templates::Template;
use crate::tui::keys::{Key, KeyHelp, describe, lookup};
use crate::tui::shared::{Context, Effect, History, Origin, Reader};
use chrono::{DateTime, FixedOffset, NaiveTime};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboxAction {
    Triage,
    Parked,
    Templates,
    Copy,
    Up,
    Down,
    Undo,
    Redo,
}

pub const KEYS: &[Key<InboxAction>] = &[
    Key::new(
        &[
            KeyCode::Char('r'),
            KeyCode::Char('t'),
            KeyCode::Char('d'),
            KeyCode::Char('f'),
            KeyCode::Char('x'),
        ],
        InboxAction::Triage,
        "mark the parked mail: replied, template, passed on (delegated), deferred, dropped",
    )
    .hint("triage"),
    Key::new(
        &[KeyCode::Right, KeyCode::Char('l')],
        InboxAction::Templates,
        "show the reply templates",
    )
    .hint("templates"),
    Key::new(
        &[KeyCode::Left, KeyCode::Char('h')],
        InboxAction::Parked,
        "show the parked mails",
    ),
    Key::new(
        &[KeyCode::Enter],
        InboxAction::Copy,
        "copy the selected template to the clipboard",
    )
    .hint("copy"),
    Key::new(
        &[KeyCode::Char('u')],
        InboxAction::Undo,
        "undo the last mark",
    )
    .hint("undo"),
    Key::new(
        &[KeyCode::Char('U')],
        InboxAction::Redo,
        "redo what was undone",
    ),
    Key::new(
        &[KeyCode::Up, KeyCode::Char('k')],
        InboxAction::Up,
        "select the one above",
    ),
    Key::new(
        &[KeyCode::Down, KeyCode::Char('j')],
        InboxAction::Down,
        "select the one below",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Parked,
    Templates,
}

#[derive(Debug)]
pub struct InboxTab {
    pub pane: Pane,
    pub selected: usize,
    pub template: usize,
    /// The templates folder's files, or why there are none.
    pub templates: Result<Vec<Template>, String>,
    history: UndoHistory,
}

impl Default for InboxTab {
    fn default() -> Self {
        InboxTab {
            pane: Pane::Parked,
            selected: 0,
            template: 0,
            templates: Ok(vec![]),
            history: UndoHistory::default(),
        }
    }
}

/// Today's inbox slots: the day's inbox blocks, or the config's when none are planned.
pub fn slots(day: &Day, config: &Config) -> Vec<(NaiveTime, NaiveTime)> {
    let planned: Vec<(NaiveTime, NaiveTime)> = day
        .blocks_by_start()
        .iter()
        .filter(|b| b.kind == BlockKind::Inbox)
        .map(|b| (b.start, b.end))
        .collect();
    if planned.is_empty() {
        config
            .inbox
            .slots
            .iter()
            .map(|s| (s.start, s.end))
            .collect()
    } else {
        planned
    }
}

/// Waiting items first (oldest first), then those handled today.
pub fn listed(day: &Day) -> Vec<&Parked> {
    let mut waiting: Vec<&Parked> = day.parked.iter().filter(|p| p.state.is_waiting()).collect();
    let handled = day
        .parked
        .iter()
        .filter(|p| !p.state.is_waiting() && p.state != ParkedState::Carried);
    waiting.extend(handled);
    waiting
}

impl InboxTab {
    fn act(&mut self, action: InboxAction, code: KeyCode, cx: &Context) -> Vec<Effect> {
        let Some(day) = cx.today else {
            return vec![Effect::Message(
                "today's file cannot be read: see the Plan tab".into(),
            )];
        };
        let (count, index) = match self.pane {
            Pane::Parked => (listed(day).len(), &mut self.selected),
            Pane::Templates => (
                self.templates.as_ref().map_or(0, Vec::len),
                &mut self.template,
            ),
        };
        match (action, self.pane) {
            (InboxAction::Undo, _) => return self.step_history(History::Undo),
            (InboxAction::Redo, _) => return self.step_history(History::Redo),
            (InboxAction::Up, _) => *index = index.saturating_sub(1),
            (InboxAction::Down, _) => *index = (*index + 1).min(count.saturating_sub(1)),
            (InboxAction::Templates, _) => self.pane = Pane::Templates,
            (InboxAction::Parked, _) => self.pane = Pane::Parked,
            (InboxAction::Copy, Pane::Templates) => return self.copy(),
            (InboxAction::Copy, Pane::Parked) => {
                return vec![Effect::Message(
                    "→ shows the reply templates; Enter copies the selected one".into(),
                )];
            }
            (InboxAction::Triage, Pane::Parked) => {
                let KeyCode::Char(c) = code else {
                    return vec![];
                };
                return self.triage(c, day, cx.now);
            }
            (InboxAction::Triage, Pane::Templates) => {
                return vec![Effect::Message(
                    "← shows the parked mails; these keys mark the selected one".into(),
                )];
            }
        }
        vec![]
    }

    fn step_history(&mut self, history: History) -> Vec<Effect> {
        match self.history.step(history, Origin::Inbox) {
            Ok((_, effect)) => vec![effect],
            // The slot is a timer act, whose undo lives on the Timer tab.
            Err(nothing) => vec![Effect::Message(format!(
                "{nothing} on this tab (a slot started or ended is undone with u on the Timer tab)"
            ))],
        }
    }

    fn triage(&mut self, key: char, day: &Day, now: DateTime<FixedOffset>) -> Vec<Effect> {
        let state = match key {
            'r' => ParkedState::Replied,
            't' => ParkedState::Template,
            'd' => ParkedState::Delegated,
            'f' => ParkedState::Deferred,
            'x' => ParkedState::Dropped,
            _ => return vec![],
        };
        let Some(item) = listed(day).get(self.selected).copied() else {
            return vec![Effect::Message(
                "nothing parked: n parks a mail from any tab".into(),
            )];
        };
        let slot = open_inbox(day).map(|s| s.id.clone());
        let edit = DayEdit::ReplaceParked(triage(item, state, now, slot));
        let word = match state {
            ParkedState::Template => "answered from a template",
            other => other.name(),
        };
        let said = format!("Marked “{}” {word} — u undoes", item.text);
        let effects = vec![
            Effect::Edit {
                date: day.date,
                edit,
                history: History::New,
                from: Origin::Inbox,
            },
            Effect::Message(said),
        ];
        let waiting = day.parked.iter().filter(|p| p.state.is_waiting()).count();
        if item.state.is_waiting() && !state.is_waiting() {
            // The mail moves down among the handled ones: stay among those still waiting, so
            // the next key does not re-mark a mail already handled (that takes moving to it).
            self.selected = self.selected.min(waiting.saturating_sub(2));
        }
        effects
    }

    fn copy(&self) -> Vec<Effect> {
        let chosen = self
            .templates
            .as_ref()
            .ok()
            .and_then(|list| list.get(self.template));
        match chosen.map(|t| (&t.name, &t.body)) {
            Some((name, Ok(body))) => vec![Effect::Copy {
                label: name.clone(),
                text: body.clone(),
            }],
            Some((name, Err(why))) => {
                vec![Effect::Message(format!("{name} cannot be copied: {why}"))]
            }
            None => vec![Effect::Message(
                "no template to copy: see the note in the templates list".into(),
            )],
        }
    }
}

impl TabView for InboxTab {
    fn title(&self, _cx: &Context) -> String {
        " Inbox ".into()
    }

    fn keys(&self) -> Vec<KeyHelp> {
        describe(KEYS)
    }

    fn handle_key(&mut self, key: KeyEvent, cx: &Context) -> Option<Vec<Effect>> {
        let (action, code) = lookup(KEYS, key)?;
        Some(self.act(action, code, cx))
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, cx: &Context) {
        super::inbox_view::InboxView { tab: self, cx }.render(area, buf);
    }

    fn saved(&mut self, step: super::history::Step, history: History) {
        self.history.record(step, history);
    }

    /// `s` here starts or ends the inbox slot, current or next.
    fn work(&self, _cx: &Context) -> Work {
        Work::InboxSlot
    }

    /// The templates folder, read each time the tab is shown (a new template shows at once).
    fn reload(&mut self, reader: &Reader, _cx: &Context, shown: bool) {
        if shown {
            self.templates = crate::templates::load(reader.templates_dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::inbox::park;
    use crate::domain::timer::TimerOp;
    use chrono::NaiveDate;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-26T11:35:00+01:00").unwrap()
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::from(KeyCode::Char(c))
    }

    #[test]
    fn triage_keys_mark_the_selected_item_in_the_running_slot() {
        let mut day = Day::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        park(&mut day, "reply Anna", now()).unwrap();
        park(&mut day, "ACME invoice", now()).unwrap();
        let config = Config::defaults();
        TimerOp::InboxSlot(config.inbox.category)
            .apply(&mut day, now(), &config.timer_settings())
            .unwrap();
        let mut tab = InboxTab::default();
        let mut press = |k: KeyEvent| {
            crate::tui::shared::with_context(now(), Some(&day), |cx| tab.handle_key(k, cx))
        };
        press(KeyEvent::from(KeyCode::Down));
        let effects = press(key('d')).unwrap();
        let [
            Effect::Edit {
                edit: DayEdit::ReplaceParked(p),
                ..
            },
            Effect::Message(said),
        ] = &effects[..]
        else {
            panic!("{effects:?}")
        };
        assert_eq!(
            (p.text.as_str(), p.state, p.slot.as_deref()),
            ("ACME invoice", ParkedState::Delegated, Some("s1"))
        );
        assert_eq!(said, "Marked “ACME invoice” passed on — u undoes");
        assert_eq!(press(key('q')), None, "q stays global");
        assert_eq!(press(key('s')), None, "s stays global");
    }

    #[test]
    fn slots_come_from_planned_inbox_blocks_else_the_config() {
        let day = Day::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        let config = Config::defaults();
        assert_eq!(slots(&day, &config).len(), 2);
    }
}
