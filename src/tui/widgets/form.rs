//! A small keyboard form of one-line text fields.

use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
    pub hint: String,
    /// The next typed character replaces the value (as if it were selected).
    fresh: bool,
}

impl Field {
    pub fn new(label: &'static str, value: impl Into<String>, hint: impl Into<String>) -> Field {
        Field {
            label,
            value: value.into(),
            hint: hint.into(),
            fresh: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    /// The key was taken by the form; nothing else to do.
    Handled,
    Submit,
    Cancel,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last submit was refused; cleared by the next edit.
    pub error: Option<String>,
    /// What Enter does, for the footer: "saves" unless the form says otherwise.
    pub enter: &'static str,
    /// What Esc does, for the footer: "cancels" unless the form says otherwise.
    pub escape: &'static str,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            fields,
            focus: 0,
            error: None,
            enter: "saves",
            escape: "cancels",
        }
    }

    /// The same form with another word for what Enter does ("opens the review").
    pub fn with_enter(self, enter: &'static str) -> Form {
        Form { enter, ..self }
    }

    /// The same form with another word for what Esc does ("skips the welcome").
    pub fn with_escape(self, escape: &'static str) -> Form {
        Form { escape, ..self }
    }

    pub fn value(&self, label: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map_or("", |f| f.value.as_str())
    }

    pub fn set(&mut self, label: &str, value: impl Into<String>) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.label == label) {
            f.value = value.into();
            f.fresh = false;
        }
    }

    pub fn focused_label(&self) -> &'static str {
        self.fields[self.focus].label
    }

    fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
        self.fields[self.focus].fresh = true;
    }

    /// Typing, Backspace, Ctrl-U (clear), Tab/↓ and Shift-Tab/↑ (move), Enter, Esc.
    pub fn handle_key(&mut self, key: KeyEvent) -> FormKey {
        let field = &mut self.fields[self.focus];
        match key.code {
            KeyCode::Enter => return FormKey::Submit,
            KeyCode::Esc => return FormKey::Cancel,
            KeyCode::Tab | KeyCode::Down => self.move_focus(true),
            KeyCode::BackTab | KeyCode::Up => self.move_focus(false),
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                field.value.clear()
            }
            KeyCode::Backspace => {
                field.value.pop();
                field.fresh = false;
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                if field.fresh {
                    field.value.clear();
                }
                field.value.push(c);
                field.fresh = false;
            }
            _ => {}
        }
        self.error = None;
        FormKey::Handled
    }

    /// Pasted text goes into the focused field as if typed, made one line by [`one_line`].
    pub fn paste(&mut self, text: &str) {
        let field = &mut self.fields[self.focus];
        if field.fresh {
            field.value.clear();
        }
        field.value.push_str(&one_line(text));
        field.fresh = false;
        self.error = None;
    }

    /// Draws the form as a box over `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        Clear.render(area, buf);
        let block =
            Block::bordered().title(Span::styled(format!(" {} ", self.title), theme.title()));
        let width = self.label_width();
        let room = self.value_room(area.width);
        let mut lines: Vec<Line> = self
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let focused = i == self.focus;
                let value = if focused {
                    format!("{}▏", tail(&f.value, room.saturating_sub(1)))
                } else {
                    tail(&f.value, room)
                };
                let style = if focused {
                    theme.tab(true)
                } else {
                    theme.dim()
                };
                Line::from(vec![
                    Span::styled(format!(" {:>width$} ", f.label), theme.key()),
                    Span::styled(value, style),
                    Span::styled(
                        format!("  {}", if focused { f.hint.as_str() } else { "" }),
                        theme.dim(),
                    ),
                ])
            })
            .collect();
        lines.push(match &self.error {
            Some(e) => Line::styled(format!(" ⚠ {e}"), theme.warning()),
            None => Line::styled(
                format!(
                    " Enter {} · Tab next field · Esc {}",
                    self.enter, self.escape
                ),
                theme.dim(),
            ),
        });
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block)
            .render(area, buf);
    }

    fn label_width(&self) -> usize {
        self.fields.iter().map(|f| f.label.len()).max().unwrap_or(0)
    }

    /// Characters a value may take in a box `width` wide. A longer one shows its end (where
    /// typing goes on) after a "…", so one long title does not push the other fields and the
    /// footer out of the box.
    fn value_room(&self, width: u16) -> usize {
        usize::from(width.saturating_sub(2)).saturating_sub(self.label_width() + 3)
    }

    /// Rows the form needs at `width` to show every field, its hint and the message, each
    /// wrapped as [`Form::render`] draws it (a long hint or message takes more rows, not cut).
    pub fn height(&self, width: u16) -> u16 {
        let inner = usize::from(width.saturating_sub(2)).max(1);
        let label = self.label_width() + 2;
        let room = self.value_room(width);
        let field_rows: usize = self
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let value = super::text_width(&tail(&f.value, room));
                let hint = if i == self.focus {
                    f.hint.chars().count() + 1
                } else {
                    0
                };
                (label + value + 2 + hint).div_ceil(inner).max(1)
            })
            .sum();
        let message = match &self.error {
            Some(e) => e.chars().count() + 3,
            None => self.enter.len() + self.escape.len() + 33,
        };
        // One row spare: words wrap a little later than characters would.
        let rows = field_rows + message.div_ceil(inner).max(1) + 1;
        rows as u16 + 2
    }
}

/// The end of `text`, sanitised, in at most `room` columns, after a "…" when it had to be cut.
/// Measured in columns as drawn (see [`super::text_width`]), so a value with emoji or CJK
/// characters does not run past the box.
fn tail(text: &str, room: usize) -> String {
    let text = crate::sanitize::for_terminal(text);
    if super::text_width(&text) <= room || room == 0 {
        return text.into_owned();
    }
    let mut kept: Vec<&str> = vec![];
    let mut used = 0;
    // One column stays for the "…".
    for g in super::graphemes(&text).rev() {
        let w = usize::from(ratatui::buffer::CellWidth::cell_width(g));
        if used + w + 1 > room {
            break;
        }
        kept.push(g);
        used += w;
    }
    kept.reverse();
    format!("…{}", kept.concat())
}

/// A field holds one line: a pasted line break or tab becomes a space (no word is dropped), other
/// control characters go, and the line break a copied line ends with is not kept.
pub fn one_line(text: &str) -> String {
    text.trim_end_matches(['\r', '\n'])
        .replace("\r\n", " ")
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_value_shows_its_end_on_one_row() {
        let mut form = form();
        form.handle_key(key(KeyCode::Tab));
        form.paste(&"word ".repeat(60));
        form.paste("END");
        let backend = ratatui::backend::TestBackend::new(60, 6);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        let theme = Theme::new(&crate::config::Config::defaults().theme, true);
        terminal
            .draw(|f| form.render(f.area(), f.buffer_mut(), &theme))
            .unwrap();
        let screen = terminal.backend().to_string();
        assert!(screen.contains("…word word"), "{screen}");
        assert!(screen.contains("END▏"), "{screen}");
        assert!(
            screen.contains("Enter saves"),
            "the footer stays in the box: {screen}"
        );
        assert_eq!(tail("abc", 3), "abc");
        assert_eq!(tail("abcdef", 4), "…def");
        // Columns, not characters: two wide characters fill four columns.
        assert_eq!(tail("ab日本語", 5), "…本語");
        assert_eq!(tail("x\u{200B}y", 3), "x\u{FFFD}y");
    }

    #[test]
    fn a_paste_becomes_one_line_without_losing_a_word() {
        assert_eq!(one_line("Call ACME\ndo"), "Call ACME do");
        assert_eq!(one_line("a\r\nb\tc\r\n"), "a b c");
        assert_eq!(one_line("bell\u{7}\u{1b}[31m"), "bell[31m");
        assert_eq!(one_line("Démo 👨‍👩‍👧"), "Démo 👨‍👩‍👧");
    }

    #[test]
    fn a_paste_replaces_a_fresh_value_and_adds_to_a_typed_one() {
        let mut form = Form::new("t", vec![Field::new("Title", "Focus", "")]);
        form.paste("Call ACME\n");
        assert_eq!(form.value("Title"), "Call ACME");
        form.paste("\nand Globex");
        assert_eq!(form.value("Title"), "Call ACME and Globex");
    }

    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn form() -> Form {
        Form::new(
            "Add",
            vec![
                Field::new("Start", "09:00", ""),
                Field::new("Title", "", ""),
            ],
        )
    }

    #[test]
    fn first_key_replaces_the_prefilled_value_then_appends() {
        let mut f = form();
        for c in "10:3".chars() {
            f.handle_key(key(KeyCode::Char(c)));
        }
        assert_eq!(f.value("Start"), "10:3");
        f.handle_key(key(KeyCode::Backspace));
        f.handle_key(key(KeyCode::Char('0')));
        assert_eq!(f.value("Start"), "10:0");
    }

    #[test]
    fn tab_moves_between_fields_and_enter_submits() {
        let mut f = form();
        f.handle_key(key(KeyCode::Tab));
        assert_eq!(f.focused_label(), "Title");
        f.handle_key(key(KeyCode::Char('x')));
        assert_eq!(f.value("Title"), "x");
        f.handle_key(key(KeyCode::Up));
        assert_eq!(f.focused_label(), "Start");
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormKey::Submit);
        assert_eq!(f.handle_key(key(KeyCode::Esc)), FormKey::Cancel);
    }

    #[test]
    fn ctrl_u_clears_and_editing_clears_the_error() {
        let mut f = form();
        f.error = Some("bad".into());
        f.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(f.value("Start"), "");
        assert_eq!(f.error, None);
    }
}
