//! The Review tab's key table.

use crate::domain::Decision;
use crate::tui::keys::Key;
use ratatui::crossterm::event::KeyCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewAction {
    Answer(Decision),
    Note,
    PrevDay,
    NextDay,
    Today,
    Undo,
    Redo,
}

// `p` and `n` pass a request on and park a mail on every tab, so "partly" and "no" take Shift.
pub const KEYS: &[Key<ReviewAction>] = &[
    Key::new(
        &[KeyCode::Char('y'), KeyCode::Char('Y')],
        ReviewAction::Answer(Decision::Yes),
        "did I decide today? yes",
    )
    .hint("yes"),
    Key::new(
        &[KeyCode::Char('P')],
        ReviewAction::Answer(Decision::Partly),
        "did I decide today? partly",
    )
    .hint("partly"),
    Key::new(
        &[KeyCode::Char('N')],
        ReviewAction::Answer(Decision::No),
        "did I decide today? no, someone else did",
    )
    .hint("no"),
    Key::new(
        &[KeyCode::Char('e'), KeyCode::Enter],
        ReviewAction::Note,
        "write the note and what you protect tomorrow",
    )
    .hint("note"),
    Key::new(
        &[KeyCode::Left, KeyCode::Char('h')],
        ReviewAction::PrevDay,
        "the day before",
    )
    .hint("day"),
    Key::new(
        &[KeyCode::Right, KeyCode::Char('l')],
        ReviewAction::NextDay,
        "the day after (up to today)",
    ),
    Key::new(&[KeyCode::Char('t')], ReviewAction::Today, "back to today"),
    Key::new(
        &[KeyCode::Char('u')],
        ReviewAction::Undo,
        "undo the last change to a review",
    )
    .hint("undo"),
    Key::new(
        &[KeyCode::Char('U')],
        ReviewAction::Redo,
        "redo what was undone",
    ),
];
