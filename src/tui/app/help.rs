//! The help overlay: the shown tab's keys, then the all-day ones, from the same tables that
//! dispatch them; wrapped between words and scrolled when the pane is short.

use super::{App, global};
use crate::tui::keys::{Key, KeyHelp, describe, lookup};
use crate::tui::shared::Effect;
use crate::tui::ui::wrap_words;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

/// The overlay is never wider than this: longer lines are hard to read.
const MAX_WIDTH: u16 = 90;
/// The key column is at most this wide; a longer label wraps its help below it.
const MAX_KEY_COLUMN: usize = 12;

/// What a key in the help does besides scrolling and closing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpAction {
    Welcome,
}

/// The help's own keys (scrolling and closing aside), listed in it and in the README.
pub const KEYS: &[Key<HelpAction>] = &[Key::new(
    &[KeyCode::Char('W')],
    HelpAction::Welcome,
    "the welcome: what the categories mean and your three numbers",
)];

impl App {
    /// While the help is open: arrows and pages scroll, `?` and Esc close, `q` quits.
    pub(super) fn help_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let first = self.help.unwrap_or(0).min(self.help_end.get());
        if let Some((HelpAction::Welcome, _)) = lookup(KEYS, key) {
            self.help = None;
            self.open_welcome();
            return vec![];
        }
        let ctrl_c =
            key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        self.help = match key.code {
            _ if ctrl_c => return vec![Effect::Quit],
            KeyCode::Char('q') => return vec![Effect::Quit],
            KeyCode::Char('?') | KeyCode::Esc => None,
            KeyCode::Down | KeyCode::Char('j') => Some(first.saturating_add(1)),
            KeyCode::Up | KeyCode::Char('k') => Some(first.saturating_sub(1)),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(first.saturating_add(10)),
            KeyCode::PageUp => Some(first.saturating_sub(10)),
            KeyCode::Home => Some(0),
            KeyCode::End => Some(self.help_end.get()),
            _ => Some(first),
        };
        self.help = self.help.map(|f| f.min(self.help_end.get()));
        vec![]
    }

    /// The keys of the shown tab, then those of every tab.
    fn help_sections(&self) -> Vec<(&'static str, Vec<KeyHelp>)> {
        vec![
            ("On this tab", self.tabs.get(self.tab).keys()),
            ("On every tab", describe(global::KEYS)),
            ("In this help", describe(KEYS)),
        ]
    }

    pub(super) fn render_help(&self, first: u16, body: Rect, buf: &mut Buffer) {
        let width = body.width.min(MAX_WIDTH);
        let lines = self.help_lines(usize::from(width.saturating_sub(2)));
        let height = (lines.len() as u16 + 2).min(body.height);
        let area = body.centered(Constraint::Length(width), Constraint::Length(height));
        let shown = usize::from(height.saturating_sub(2));
        let last_first = lines.len().saturating_sub(shown);
        let first = usize::from(first).min(last_first);
        self.help_end
            .set(u16::try_from(last_first).unwrap_or(u16::MAX));
        let title = help_title(
            first,
            shown,
            lines.len(),
            usize::from(width.saturating_sub(2)),
        );
        Clear.render(area, buf);
        let block = Block::bordered().title(Span::styled(title, self.shared.theme.title()));
        let visible: Vec<Line> = lines.into_iter().skip(first).take(shown).collect();
        Paragraph::new(visible).block(block).render(area, buf);
    }

    /// Every line of the help at `width` columns inside its border.
    fn help_lines(&self, width: usize) -> Vec<Line<'static>> {
        let sections = self.help_sections();
        let longest = sections
            .iter()
            .flat_map(|(_, keys)| keys.iter().map(|k| k.keys.chars().count()))
            .max()
            .unwrap_or(0);
        let column = longest.min(MAX_KEY_COLUMN).min(width / 3);
        let mut lines = vec![];
        for (heading, keys) in sections {
            lines.push(Line::from(Span::styled(
                format!(" {heading}"),
                self.shared.theme.title(),
            )));
            for k in keys {
                lines.extend(self.help_entry(&k, column, width));
            }
        }
        lines
    }

    /// One key: its label in the key column, its help wrapped beside it between words.
    fn help_entry(&self, k: &KeyHelp, column: usize, width: usize) -> Vec<Line<'static>> {
        let text_width = width.saturating_sub(column + 3);
        let label_fits = k.keys.chars().count() <= column;
        let mut lines = vec![];
        let mut wrapped = wrap_words(k.help, text_width).into_iter();
        let first_text = if label_fits {
            wrapped.next().unwrap_or_default()
        } else {
            // A label wider than the column gets a line of its own.
            lines.push(Line::from(Span::styled(
                format!(" {}", k.keys),
                self.shared.theme.key(),
            )));
            wrapped.next().unwrap_or_default()
        };
        let label = if label_fits { k.keys.as_str() } else { "" };
        lines.push(Line::from(vec![
            Span::styled(format!(" {label:<column$}"), self.shared.theme.key()),
            Span::raw(format!("  {first_text}")),
        ]));
        for rest in wrapped {
            lines.push(Line::from(format!(" {:<column$}  {rest}", "")));
        }
        lines
    }
}

/// The overlay's title, the longest that fits: where the view is, how to scroll, how to close.
fn help_title(first: usize, shown: usize, total: usize, room: usize) -> String {
    if shown >= total {
        return " Keys · Esc closes ".into();
    }
    let (from, to) = (first + 1, (first + shown).min(total));
    [
        format!(" Keys {from}–{to} of {total} · ↑↓ scroll · Esc closes "),
        format!(" Keys {from}–{to} of {total} · ↑↓ · Esc "),
        format!(" {from}–{to}/{total} ↑↓ "),
    ]
    .into_iter()
    .find(|t| t.chars().count() <= room)
    .unwrap_or_default()
}
