//! Key tables: each tab declares its keys once (codes, action, help, hint); dispatch, the hint
//! bar, the help overlay and the README's key tables all come from them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// One row of a key table.
#[derive(Debug, Clone, Copy)]
pub struct Key<A: 'static> {
    /// Every key that does this; the first is the one shown first.
    pub codes: &'static [KeyCode],
    pub action: A,
    pub help: &'static str,
    /// The short label in the bottom hint bar; `None` keeps the key to the help overlay.
    pub hint: Option<&'static str>,
    /// Pressed with Ctrl (Ctrl-C, Ctrl-R).
    pub ctrl: bool,
}

impl<A: Copy> Key<A> {
    /// A key shown only in the help overlay.
    pub const fn new(codes: &'static [KeyCode], action: A, help: &'static str) -> Key<A> {
        Key {
            codes,
            action,
            help,
            hint: None,
            ctrl: false,
        }
    }

    /// The same key, shown in the hint bar as `label`.
    pub const fn hint(self, label: &'static str) -> Key<A> {
        Key {
            hint: Some(label),
            ..self
        }
    }

    /// The same key, pressed with Ctrl.
    pub const fn ctrl(self) -> Key<A> {
        Key { ctrl: true, ..self }
    }

    /// True when `key` is one of this row's keys.
    fn matches(&self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        // Shift is part of the character itself ('J'); Alt and other modifiers mean another key.
        let other = key.modifiers - KeyModifiers::SHIFT - KeyModifiers::CONTROL;
        ctrl == self.ctrl && other.is_empty() && self.codes.contains(&key.code)
    }
}

/// The action a table gives a key press, with the code pressed; releases and repeats (kitty
/// protocol) are no key.
pub fn lookup<A: Copy>(table: &[Key<A>], key: KeyEvent) -> Option<(A, KeyCode)> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    table
        .iter()
        .find(|row| row.matches(key))
        .map(|row| (row.action, key.code))
}

/// A table row as the help overlay, the hint bar and the README show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyHelp {
    /// Every key of the row, as the help shows them ("e/Enter").
    pub keys: String,
    /// The first key alone, as the hint bar shows it ("e").
    pub key: String,
    pub help: &'static str,
    pub hint: Option<&'static str>,
}

/// The rows of `table` as they are shown.
pub fn describe<A: Copy>(table: &[Key<A>]) -> Vec<KeyHelp> {
    table
        .iter()
        .map(|row| KeyHelp {
            keys: label(row.codes, row.ctrl),
            key: hint_label(row),
            help: row.help,
            hint: row.hint,
        })
        .collect()
}

/// Each key of `table` by itself, as the help and the README name it ("Ctrl-R", "↑", "k").
pub fn names<A>(table: &[Key<A>]) -> std::collections::BTreeSet<String> {
    table
        .iter()
        .flat_map(|row| row.codes.iter().map(|c| label(&[*c], row.ctrl)))
        .collect()
}

/// The hint bar's key: the first of a row's keys (the others are aliases), or all of them when
/// each letter means its own thing (r/t/d/f/x).
fn hint_label<A>(row: &Key<A>) -> String {
    let letters = row.codes.iter().all(|c| matches!(c, KeyCode::Char(_)));
    if letters && row.codes.len() > 2 {
        label(row.codes, row.ctrl)
    } else {
        label(&row.codes[..1.min(row.codes.len())], row.ctrl)
    }
}

/// "↑/k", "Ctrl-R", "1-5": the keys as a person reads them.
pub fn label(codes: &[KeyCode], ctrl: bool) -> String {
    let names: Vec<String> = codes.iter().map(|c| name(*c)).collect();
    let digits = names.len() > 2 && codes.iter().all(|c| matches!(c, KeyCode::Char('0'..='9')));
    let joined = if digits {
        format!("{}-{}", names[0], names[names.len() - 1])
    } else {
        names.join("/")
    };
    if ctrl {
        format!("Ctrl-{}", joined.to_uppercase())
    } else {
        joined
    }
}

fn name(code: KeyCode) -> String {
    match code {
        KeyCode::Char(' ') => "space".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Backspace => "Backspace".into(),
        other => other.to_string(),
    }
}

/// Every key a test presses to check that a table and its dispatch agree.
pub fn every_key() -> Vec<KeyEvent> {
    let chars = (' '..='~').map(KeyCode::Char);
    let named = [
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Delete,
        KeyCode::Backspace,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
    ];
    let plain = chars.clone().chain(named).map(KeyEvent::from);
    let ctrl = chars.map(|c| KeyEvent::new(c, KeyModifiers::CONTROL));
    plain.chain(ctrl).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &[Key<u8>] = &[
        Key::new(&[KeyCode::Up, KeyCode::Char('k')], 1, "up").hint("select"),
        Key::new(&[KeyCode::Char('J')], 2, "move later"),
        Key::new(&[KeyCode::Char('r')], 3, "redo").ctrl(),
    ];

    #[test]
    fn a_press_finds_its_row_and_shift_is_part_of_the_letter() {
        let found = |k: KeyEvent| lookup(TABLE, k).map(|(a, _)| a);
        assert_eq!(found(KeyEvent::from(KeyCode::Char('k'))), Some(1));
        assert_eq!(
            found(KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT)),
            Some(2)
        );
        assert_eq!(
            found(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(3)
        );
        assert_eq!(found(KeyEvent::from(KeyCode::Char('r'))), None);
        assert_eq!(
            found(KeyEvent::new(KeyCode::Char('k'), KeyModifiers::ALT)),
            None
        );
        let mut release = KeyEvent::from(KeyCode::Char('k'));
        release.kind = KeyEventKind::Release;
        assert_eq!(found(release), None);
    }

    #[test]
    fn labels_read_as_a_person_writes_them() {
        assert_eq!(label(&[KeyCode::Up, KeyCode::Char('k')], false), "↑/k");
        assert_eq!(label(&[KeyCode::Char('r')], true), "Ctrl-R");
        let digits: Vec<KeyCode> = ('1'..='5').map(KeyCode::Char).collect();
        assert_eq!(label(&digits, false), "1-5");
        assert_eq!(label(&[KeyCode::Char(' ')], false), "space");
    }
}
