//! `?` in the import review: every key with what it does, over the list. Any key closes it.

use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

/// The review's keys, as the help lists them.
const KEYS: &[(&str, &str)] = &[
    ("↑ ↓  j k", "move"),
    ("PgUp PgDn", "move ten items"),
    ("g G", "first / last item (Home, End)"),
    (
        "p r o",
        "proactive / reactive / other, then the next item (or 1 2 3)",
    ),
    ("P R O", "the same for every item of this title"),
    (
        "x",
        "leave out (or 0): a session an earlier import wrote for it goes",
    ),
    ("Tab", "next item without a category"),
    ("u", "undo the last choice"),
    (
        "/",
        "find the next title holding a text; n finds the one after",
    ),
    ("a", "accept: write the sessions"),
    (
        "q Esc",
        "abandon: nothing is written (asks once if you set categories)",
    ),
    ("wheel", "scroll"),
    ("?", "this help"),
];

/// Width of the key column.
const KEY_WIDTH: usize = 11;

/// Draws the help centred in `area` (the list and what is around it).
pub(super) fn render(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let popup = area.centered(Constraint::Max(80), Constraint::Max(KEYS.len() as u16 + 2));
    Clear.render(popup, buf);
    let block = Block::bordered().title(Span::styled(
        " Import review keys · any key closes ",
        theme.title(),
    ));
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|(key, what)| {
            Line::from(vec![
                Span::styled(format!(" {key:<KEY_WIDTH$}"), theme.key()),
                Span::raw(*what),
            ])
        })
        .collect();
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(popup, buf);
}
