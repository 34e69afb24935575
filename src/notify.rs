//! Reminders that reach the rep outside the pane: focus end, break end, a block or inbox slot
//! about to start, the end-of-day review.
//!
//! The TUI loop must never wait on a notification: a session bus without a notification daemon
//! can hold a D-Bus call for about a minute, and over SSH or on a headless server there is no bus
//! at all. So every [`Notifier`] returns at once from [`Notifier::notify`] and reports what it
//! learns later through [`Notifier::poll`]. [`system_notifier`] tries the desktop first and, on
//! the first failure, switches for the rest of the run to the terminal (bell, OSC 9/777) and says
//! once why.
//!
//! ```no_run
//! # use protime::notify::*;
//! let mut notifier = system_notifier(None);
//! let n = Notification::new(NotificationKind::FocusEnd, "Focus over", "Take a 5-minute break");
//! if notifier.notify(&n) == Delivery::Terminal { /* show n.title in the app too */ }
//! while let Some(event) = notifier.poll() { /* FellBack → banner once; ShowInApp → banner */ }
//! ```

mod desktop;
mod terminal;

pub use desktop::{BusEnv, DEFAULT_TIMEOUT, DesktopNotifier, SendFn, is_notify_thread};
pub use terminal::{Osc, TerminalNotifier, TerminalStyle, sanitize};

use crate::config::Notifications;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// What a notification is about; each kind has its own switch in `[notifications]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotificationKind {
    FocusEnd,
    BreakEnd,
    BlockStart,
    InboxSlot,
    ReviewReminder,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
}

impl Notification {
    pub fn new(kind: NotificationKind, title: impl Into<String>, body: impl Into<String>) -> Self {
        Notification {
            kind,
            title: title.into(),
            body: body.into(),
        }
    }
}

/// Whether the config lets `kind` through: the master switch and the kind's own switch.
pub fn enabled(config: &Notifications, kind: NotificationKind) -> bool {
    let own = match kind {
        NotificationKind::FocusEnd => config.focus_end,
        NotificationKind::BreakEnd => config.break_end,
        NotificationKind::BlockStart => config.block_start,
        NotificationKind::InboxSlot => config.inbox_slot,
        NotificationKind::ReviewReminder => config.review_reminder,
    };
    config.enabled && own
}

/// What [`Notifier::notify`] did, known without waiting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Handed to the desktop worker; a failure comes back later through [`Notifier::poll`].
    Queued,
    /// Rung in the terminal. A bell carries no text, so the app should show the notification too.
    Terminal,
    /// Kept by a [`RecordingNotifier`].
    Recorded,
    /// Not delivered, with the reason.
    Failed(String),
}

/// What a notifier learned after the fact; read with [`Notifier::poll`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotifyEvent {
    /// The desktop could not deliver `notification` (only a bare [`DesktopNotifier`] says this;
    /// [`FallbackNotifier`] turns it into the two events below).
    Undelivered {
        notification: Notification,
        reason: String,
    },
    /// Desktop notifications are off for the rest of the run. Sent once; see [`NotifyEvent::banner`].
    FellBack { reason: String },
    /// A notification that reached the terminal only after the desktop failed: show it in the app.
    ShowInApp(Notification),
}

impl NotifyEvent {
    /// The one-line banner for a [`NotifyEvent::FellBack`].
    pub fn banner(&self) -> Option<String> {
        match self {
            NotifyEvent::FellBack { reason } => {
                Some(format!("{reason}; using the terminal bell instead"))
            }
            _ => None,
        }
    }
}

/// Sends notifications without ever blocking the caller.
pub trait Notifier: Send {
    /// Returns at once, whatever the desktop does.
    fn notify(&mut self, notification: &Notification) -> Delivery;
    /// The next thing learned since the last call, without waiting. Call it until `None` after
    /// each `notify` and whenever the waker given to the notifier fires.
    fn poll(&mut self) -> Option<NotifyEvent>;
}

/// Tries `primary` (the desktop) and, from its first failure on, uses `fallback` (the terminal).
pub struct FallbackNotifier {
    primary: Box<dyn Notifier>,
    fallback: Box<dyn Notifier>,
    fell_back: bool,
    events: VecDeque<NotifyEvent>,
}

impl FallbackNotifier {
    pub fn new(primary: Box<dyn Notifier>, fallback: Box<dyn Notifier>) -> Self {
        FallbackNotifier {
            primary,
            fallback,
            fell_back: false,
            events: VecDeque::new(),
        }
    }

    /// True once the desktop has failed and the terminal is in use.
    pub fn fell_back(&self) -> bool {
        self.fell_back
    }

    fn fall_back(&mut self, reason: String) {
        if !self.fell_back {
            self.fell_back = true;
            self.events.push_back(NotifyEvent::FellBack { reason });
        }
    }

    /// A notification the desktop dropped still has to reach the rep.
    fn redeliver(&mut self, notification: Notification) {
        if self.fallback.notify(&notification) == Delivery::Terminal {
            self.events.push_back(NotifyEvent::ShowInApp(notification));
        }
    }
}

impl Notifier for FallbackNotifier {
    fn notify(&mut self, notification: &Notification) -> Delivery {
        if self.fell_back {
            return self.fallback.notify(notification);
        }
        match self.primary.notify(notification) {
            Delivery::Failed(reason) => {
                self.fall_back(reason);
                self.fallback.notify(notification)
            }
            delivery => delivery,
        }
    }

    fn poll(&mut self) -> Option<NotifyEvent> {
        // Keep draining the desktop after falling back: notifications queued before the
        // failure come back here and are rung in the terminal.
        while let Some(event) = self.primary.poll() {
            match event {
                NotifyEvent::Undelivered {
                    notification,
                    reason,
                } => {
                    self.fall_back(reason);
                    self.redeliver(notification);
                }
                other => self.events.push_back(other),
            }
        }
        self.events.pop_front()
    }
}

/// Keeps every notification, for tests; clones share the list, so a test can keep one clone and
/// move the other into the app.
#[derive(Debug, Clone, Default)]
pub struct RecordingNotifier {
    sent: Arc<Mutex<Vec<Notification>>>,
}

impl RecordingNotifier {
    pub fn new() -> Self {
        RecordingNotifier::default()
    }

    /// Everything notified so far, oldest first.
    pub fn sent(&self) -> Vec<Notification> {
        self.sent.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Notifier for RecordingNotifier {
    fn notify(&mut self, notification: &Notification) -> Delivery {
        let mut sent = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        sent.push(notification.clone());
        Delivery::Recorded
    }

    fn poll(&mut self) -> Option<NotifyEvent> {
        None
    }
}

/// Called from the notification thread when [`Notifier::poll`] has something new, so a loop that
/// sleeps on its own event channel wakes up (e.g. `move || { let _ = tx.send(Event::Notify); }`).
pub type Waker = Box<dyn Fn() + Send>;

/// The production notifier: desktop notifications through notify-rust, falling back to the
/// terminal on stdout. `waker` is called when a late failure is ready to be polled.
pub fn system_notifier(waker: Option<Waker>) -> Box<dyn Notifier> {
    let desktop = DesktopNotifier::new(&BusEnv::from_env(), DEFAULT_TIMEOUT, waker);
    let terminal = TerminalNotifier::new(Box::new(std::io::stdout()), TerminalStyle::from_env());
    Box::new(FallbackNotifier::new(Box::new(desktop), Box::new(terminal)))
}

#[cfg(test)]
mod tests;
