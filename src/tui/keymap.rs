//! (context, key) → Action. The same table feeds the help overlay and the key-hint bar.

use super::tabs::Tab;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    ShowTab(Tab),
    NextTab,
    PrevTab,
    ToggleHelp,
    CloseOverlay,
}

/// One documented key binding.
pub struct Binding {
    pub keys: &'static str,
    pub help: &'static str,
    /// The short label in the bottom hint bar; `None` keeps the key to the help overlay.
    pub hint: Option<&'static str>,
}

/// Keys that work on every tab.
pub const GLOBAL: &[Binding] = &[
    Binding {
        keys: "1-5",
        help: "switch tab (or click its name)",
        hint: Some("tabs"),
    },
    Binding {
        keys: "Tab/S-Tab",
        help: "next / previous tab",
        hint: None,
    },
    Binding {
        keys: "?",
        help: "show or hide this help",
        hint: Some("help"),
    },
    Binding {
        keys: "Esc",
        help: "close help, a form or a message",
        hint: None,
    },
    Binding {
        keys: "q",
        help: "quit (everything is already saved)",
        hint: Some("quit"),
    },
    Binding {
        keys: "Ctrl-C",
        help: "quit",
        hint: None,
    },
];

/// The action for a key press, if any. Key releases and repeats (kitty protocol) are ignored.
pub fn action_for(key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, KeyCode::Char('c')).then_some(Action::Quit);
    }
    match key.code {
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Char('?') => Some(Action::ToggleHelp),
        KeyCode::Esc => Some(Action::CloseOverlay),
        KeyCode::Tab => Some(Action::NextTab),
        KeyCode::BackTab => Some(Action::PrevTab),
        KeyCode::Char(c) => Tab::from_digit(c).map(Action::ShowTab),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> Option<Action> {
        action_for(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn global_keys_map_to_actions() {
        assert_eq!(press(KeyCode::Char('3')), Some(Action::ShowTab(Tab::Inbox)));
        assert_eq!(press(KeyCode::Tab), Some(Action::NextTab));
        assert_eq!(press(KeyCode::BackTab), Some(Action::PrevTab));
        assert_eq!(press(KeyCode::Char('q')), Some(Action::Quit));
        assert_eq!(press(KeyCode::Char('x')), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn releases_are_ignored() {
        let mut key = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        key.kind = KeyEventKind::Release;
        assert_eq!(action_for(key), None);
    }
}
