//! What each kind of notification looks like on the desktop: how urgent, how long it stays, its
//! icon, and the one action a popup may carry.

use super::NotificationKind;
use std::time::Duration;

/// The freedesktop urgency levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Low,
    Normal,
    Critical,
}

impl NotificationKind {
    /// A block about to start matters most; a break ending least.
    pub fn urgency(self) -> Urgency {
        match self {
            NotificationKind::BlockStart => Urgency::Critical,
            NotificationKind::InboxSlot
            | NotificationKind::FocusEnd
            | NotificationKind::ReviewReminder => Urgency::Normal,
            NotificationKind::BreakEnd => Urgency::Low,
        }
    }

    /// How long the popup stays; `None` until the rep closes it (the review asks a question).
    pub fn expiry(self) -> Option<Duration> {
        match self {
            NotificationKind::BlockStart => Some(Duration::from_secs(120)),
            NotificationKind::InboxSlot => Some(Duration::from_secs(60)),
            NotificationKind::FocusEnd => Some(Duration::from_secs(30)),
            NotificationKind::BreakEnd => Some(Duration::from_secs(15)),
            NotificationKind::ReviewReminder => None,
        }
    }

    /// A freedesktop stock icon name, which every icon theme has.
    pub fn icon(self) -> &'static str {
        match self {
            NotificationKind::BlockStart => "appointment-soon",
            NotificationKind::InboxSlot => "mail-unread",
            NotificationKind::FocusEnd => "alarm",
            NotificationKind::BreakEnd => "dialog-information",
            NotificationKind::ReviewReminder => "dialog-question",
        }
    }
}

/// What a popup's button does in the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    /// Focus on the planned block with this id (a next-block notification).
    StartFocus { block: String },
    /// The inbox slot (an inbox-slot notification).
    StartSlot,
    /// The Review tab on today (the review reminder).
    Answer,
}

impl Act {
    /// The action key sent to the notification server and back in `ActionInvoked`.
    pub fn id(&self) -> &'static str {
        match self {
            Act::StartFocus { .. } => "start-focus",
            Act::StartSlot => "start-slot",
            Act::Answer => "answer",
        }
    }

    /// The button's label.
    pub fn label(&self) -> &'static str {
        match self {
            Act::StartFocus { .. } => "Start focus",
            Act::StartSlot => "Start slot",
            Act::Answer => "Answer",
        }
    }
}
