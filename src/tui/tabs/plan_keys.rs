//! The Plan tab's key table.

use crate::tui::keys::Key;
use ratatui::crossterm::event::KeyCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanAction {
    PrevDay,
    NextDay,
    Today,
    SelectUp,
    SelectDown,
    Add,
    Edit,
    Delete,
    Undo,
    Redo,
    MoveEarlier,
    MoveLater,
    Grow,
    Shrink,
    CycleCategory,
    CopyYesterday,
    Template,
    ToggleOff,
    Manual,
    /// The day's tracked sessions instead of its blocks, and back.
    Sessions,
    /// Mark a range of days off.
    DaysOff,
    /// Sync with the CalDAV calendar.
    Sync,
    /// Settle the conflicts the last sync left.
    Conflicts,
}

use PlanAction as A;

pub const KEYS: &[Key<PlanAction>] = &[
    Key::new(
        &[KeyCode::Char('a')],
        A::Add,
        "add a block (next free slot, 30 min, proactive)",
    )
    .hint("add"),
    Key::new(
        &[KeyCode::Char('e'), KeyCode::Enter],
        A::Edit,
        "edit the selected block",
    )
    .hint("edit"),
    Key::new(
        &[KeyCode::Char('d'), KeyCode::Delete],
        A::Delete,
        "delete the selected block",
    )
    .hint("delete"),
    Key::new(&[KeyCode::Char('u')], A::Undo, "undo the last change").hint("undo"),
    Key::new(&[KeyCode::Char('U')], A::Redo, "redo what was undone"),
    Key::new(&[KeyCode::Char('r')], A::Redo, "redo what was undone").ctrl(),
    Key::new(
        &[KeyCode::Up, KeyCode::Char('k')],
        A::SelectUp,
        "select the block above (or click a block)",
    ),
    Key::new(
        &[KeyCode::Down, KeyCode::Char('j')],
        A::SelectDown,
        "select the block below",
    ),
    Key::new(
        &[KeyCode::Char('J')],
        A::MoveLater,
        "move the block one grid step later",
    )
    .hint("move"),
    Key::new(
        &[KeyCode::Char('K')],
        A::MoveEarlier,
        "move the block one grid step earlier",
    ),
    Key::new(
        &[KeyCode::Char('+'), KeyCode::Char('=')],
        A::Grow,
        "make the block one grid step longer",
    )
    .hint("resize"),
    Key::new(
        &[KeyCode::Char('-')],
        A::Shrink,
        "make the block one grid step shorter",
    ),
    Key::new(
        &[KeyCode::Char('c')],
        A::CycleCategory,
        "cycle the block's category",
    )
    .hint("category"),
    Key::new(
        &[KeyCode::Char('y')],
        A::CopyYesterday,
        "copy the last planned day's blocks",
    )
    .hint("copy day"),
    Key::new(
        &[KeyCode::Char('T')],
        A::Template,
        "apply the day template from config",
    )
    .hint("template"),
    Key::new(
        &[KeyCode::Char('m')],
        A::Manual,
        "log time that was not timed",
    )
    .hint("log time"),
    Key::new(
        &[KeyCode::Char('v')],
        A::Sessions,
        "show the day's tracked sessions, to correct, split, join or delete them",
    )
    .hint("sessions"),
    Key::new(
        &[KeyCode::Char('o')],
        A::ToggleOff,
        "mark the day off: holiday, leave, working",
    ),
    Key::new(
        &[KeyCode::Char('O')],
        A::DaysOff,
        "mark a range of days off: from, to, and why (holiday, leave)",
    ),
    Key::new(
        &[KeyCode::Left, KeyCode::Char('h')],
        A::PrevDay,
        "the day before",
    ),
    Key::new(
        &[KeyCode::Right, KeyCode::Char('l')],
        A::NextDay,
        "the day after",
    ),
    Key::new(&[KeyCode::Char('t')], A::Today, "back to today"),
    Key::new(
        &[KeyCode::Char('S')],
        A::Sync,
        "sync with the CalDAV calendar ([calendar.caldav]), in the background",
    ),
    Key::new(
        &[KeyCode::Char('C')],
        A::Conflicts,
        "the calendar conflicts the last sync left: see both sides, keep either",
    ),
];
