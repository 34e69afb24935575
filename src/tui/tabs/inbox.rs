//! The Inbox tab: today's slots, the parking list to triage, and reply templates to copy.

use crate::config::Config;
use crate::domain::inbox::{Parked, ParkedState, triage};
use crate::domain::plan::DayEdit;
use crate::domain::timer::{TimerOp, open_inbox};
use crate::domain::{BlockKind, Day};
use crate::templates::Template;
use crate::tui::app::{Effect, History};
use crate::tui::keymap::Binding;
use chrono::{DateTime, FixedOffset, NaiveTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub const KEYS: &[Binding] = &[
    Binding {
        keys: "s",
        help: "start or end an inbox slot",
        hint: Some("slot"),
    },
    Binding {
        keys: "r t d f x",
        help: "mark the parked mail: replied, template, passed on (delegated), deferred, dropped",
        hint: Some("triage"),
    },
    Binding {
        keys: "← →",
        help: "parked mails / reply templates (also h l)",
        hint: Some("templates"),
    },
    Binding {
        keys: "Enter",
        help: "copy the selected template to the clipboard (OSC 52)",
        hint: Some("copy"),
    },
    Binding {
        keys: "↑↓ j/k",
        help: "select",
        hint: None,
    },
];

/// Park from anywhere (on the Review tab `n` answers "No" instead).
pub const PARK: Binding = Binding {
    keys: "n",
    help: "park a mail for the next inbox slot",
    hint: Some("park"),
};

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
}

impl Default for InboxTab {
    fn default() -> Self {
        InboxTab {
            pane: Pane::Parked,
            selected: 0,
            template: 0,
            templates: Ok(vec![]),
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
    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        day: Option<&Day>,
        config: &Config,
        now: DateTime<FixedOffset>,
    ) -> Option<Vec<Effect>> {
        if key.kind != KeyEventKind::Press || key.modifiers.contains(KeyModifiers::CONTROL) {
            return None;
        }
        let day = day?;
        let (count, index) = match self.pane {
            Pane::Parked => (listed(day).len(), &mut self.selected),
            Pane::Templates => (
                self.templates.as_ref().map_or(0, Vec::len),
                &mut self.template,
            ),
        };
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => *index = index.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                *index = (*index + 1).min(count.saturating_sub(1))
            }
            KeyCode::Right | KeyCode::Char('l') => self.pane = Pane::Templates,
            KeyCode::Left | KeyCode::Char('h') => self.pane = Pane::Parked,
            KeyCode::Char('s') => {
                return Some(vec![Effect::Timer(TimerOp::InboxSlot(
                    config.inbox.category,
                ))]);
            }
            KeyCode::Enter if self.pane == Pane::Templates => return Some(self.copy()),
            KeyCode::Char(c) if self.pane == Pane::Parked => {
                return Some(self.triage(c, day, now)).filter(|e| !e.is_empty());
            }
            _ => return None,
        }
        Some(vec![])
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
        let effects = vec![Effect::Edit {
            date: day.date,
            edit,
            history: History::New,
        }];
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::inbox::park;
    use chrono::NaiveDate;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-26T11:35:00+01:00").unwrap()
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
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
        tab.handle_key(
            KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
            Some(&day),
            &config,
            now(),
        );
        let effects = tab
            .handle_key(key('d'), Some(&day), &config, now())
            .unwrap();
        let [
            Effect::Edit {
                edit: DayEdit::ReplaceParked(p),
                ..
            },
        ] = &effects[..]
        else {
            panic!("{effects:?}")
        };
        assert_eq!(
            (p.text.as_str(), p.state, p.slot.as_deref()),
            ("ACME invoice", ParkedState::Delegated, Some("s1"))
        );
        assert_eq!(
            tab.handle_key(key('q'), Some(&day), &config, now()),
            None,
            "q stays global"
        );
    }

    #[test]
    fn slots_come_from_planned_inbox_blocks_else_the_config() {
        let day = Day::new(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        let config = Config::defaults();
        assert_eq!(slots(&day, &config).len(), 2);
    }
}
