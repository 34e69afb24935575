//! `/` in the import review: find the next item whose title holds a text (a long export has
//! hundreds of items), and `n` for the one after.

use super::ImportReview;
use crate::tui::widgets::form::one_line;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The text being typed after `/`, while it is typed.
    pub typing: Option<String>,
    /// The text last searched for, for `n`.
    pub last: String,
    /// The last search found no title holding the text.
    pub missed: bool,
}

impl ImportReview {
    /// A key while the search text is typed: Enter finds, Esc cancels.
    pub(super) fn search_key(&mut self, key: KeyEvent) {
        let Some(text) = self.search.typing.as_mut() else {
            return;
        };
        match key.code {
            KeyCode::Char(c) => text.push(c),
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Esc => self.search.typing = None,
            KeyCode::Enter => {
                self.search.last = self.search.typing.take().unwrap_or_default();
                self.find_next();
            }
            _ => {}
        }
    }

    /// Pasted text goes into the search text while it is typed; `false` when nothing is typed.
    pub fn paste(&mut self, text: &str) -> bool {
        let Some(typing) = self.search.typing.as_mut() else {
            return false;
        };
        typing.push_str(&one_line(text));
        true
    }

    /// Selects the next item (after the selected one, wrapping) whose title holds the last text.
    pub(super) fn find_next(&mut self) {
        let needle = self.search.last.to_lowercase();
        if needle.is_empty() {
            return;
        }
        let n = self.proposals.len();
        let found = (1..=n).map(|step| (self.selected + step) % n).find(|&row| {
            self.proposals[row]
                .item
                .title
                .to_lowercase()
                .contains(&needle)
        });
        self.search.missed = found.is_none();
        if let Some(row) = found {
            self.selected = row;
        }
    }
}
