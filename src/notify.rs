//! Reminders that reach the rep outside the pane: focus end, break end, a block or inbox slot
//! about to start, the end-of-day review.
//!
//! The TUI loop must never wait on a notification: a session bus without a notification daemon
//! can hold a D-Bus call for about a minute, and over SSH or on a headless server there is no bus
//! at all. So every [`Notifier`] returns at once from [`Notifier::notify`] and reports what it
//! learns later through [`Notifier::poll`]. [`system_notifier`] tries the desktop first and, on
//! a failure, switches to the terminal (bell, OSC 9/777) and says once why; at the first
//! notification a minute ([`RETRY_AFTER`]) after that it tries the desktop again, and says so when
//! the desktop is back.
//!
//! ```no_run
//! # use protime::notify::*;
//! let mut notifier = system_notifier(None);
//! let n = Notification::new(NotificationKind::FocusEnd, "Focus round 1 done", "take a 5-minute break");
//! let now = chrono::Local::now().fixed_offset();
//! if notifier.notify(&n, now) == Delivery::Terminal { /* show n.line() in the app too */ }
//! while let Some(event) = notifier.poll() { /* FellBack → sticky line; ShowInApp → banner */ }
//! ```

mod desktop;
mod kind;
mod lock;
mod terminal;

pub use desktop::{BusEnv, DEFAULT_TIMEOUT, DesktopNotifier, Popup, SendFn, is_notify_thread};
pub use kind::{Act, Urgency};
pub use lock::OneAlerter;
pub use terminal::{Osc, TerminalNotifier, TerminalStyle, sanitize};

use crate::config::Notifications;
use chrono::{DateTime, FixedOffset};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// How long after falling back to the terminal the desktop is tried again (at the next
/// notification after that, by the app's clock).
pub const RETRY_AFTER: chrono::Duration = chrono::Duration::minutes(1);

/// What a notification is about; each kind has its own switch in `[notifications]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotificationKind {
    FocusEnd,
    BreakEnd,
    BlockStart,
    InboxSlot,
    ReviewReminder,
}

/// One notification: a title that says what happened, a body with the next step (never a repeat
/// of the title), and what the rep can do from the popup where the desktop offers actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    pub act: Option<Act>,
}

impl Notification {
    pub fn new(kind: NotificationKind, title: impl Into<String>, body: impl Into<String>) -> Self {
        Notification {
            kind,
            title: title.into(),
            body: body.into(),
            act: None,
        }
    }

    /// The same notification with a button for `act`.
    pub fn with_act(mut self, act: Act) -> Self {
        self.act = Some(act);
        self
    }

    /// Title and body on one line, as the message line and OSC 9 show it.
    pub fn line(&self) -> String {
        if self.body.is_empty() {
            self.title.clone()
        } else {
            format!("{}: {}", self.title, self.body)
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
    /// Left to another protime dashboard on the same journal, which alerts for both.
    Elsewhere,
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
    /// Desktop notifications are off until the desktop answers again. Sent once until then; see
    /// [`NotifyEvent::banner`].
    FellBack { reason: String },
    /// A notification that reached the terminal only after the desktop failed: show it in the app.
    ShowInApp(Notification),
    /// The desktop answered again after a fallback.
    Back,
    /// The rep picked the notification's action ([`Notification::act`]) on the desktop.
    Acted(Notification),
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
    /// Returns at once, whatever the desktop does; `now` is the app's clock.
    fn notify(&mut self, notification: &Notification, now: DateTime<FixedOffset>) -> Delivery;
    /// The next thing learned since the last call, without waiting. Call it until `None` after
    /// each `notify` and whenever the waker given to the notifier fires.
    fn poll(&mut self) -> Option<NotifyEvent>;
    /// Forgets a failure so the next `notify` tries again; false when trying again is pointless
    /// (no session bus at all).
    fn retry(&mut self) -> bool {
        false
    }
}

/// Tries `primary` (the desktop) and, from a failure on, uses `fallback` (the terminal); tries
/// the desktop again at the first notification [`RETRY_AFTER`] after the failure.
pub struct FallbackNotifier {
    primary: Box<dyn Notifier>,
    fallback: Box<dyn Notifier>,
    /// When the terminal took over, while it is in use.
    fell_back: Option<DateTime<FixedOffset>>,
    /// The reason on screen: said again only when a later failure has another, and cleared
    /// when the desktop is back.
    reason_said: Option<String>,
    /// The clock at the latest `notify`: a failure reported later belongs to about then.
    last_now: DateTime<FixedOffset>,
    events: VecDeque<NotifyEvent>,
}

impl FallbackNotifier {
    pub fn new(primary: Box<dyn Notifier>, fallback: Box<dyn Notifier>) -> Self {
        FallbackNotifier {
            primary,
            fallback,
            fell_back: None,
            reason_said: None,
            last_now: DateTime::default(),
            events: VecDeque::new(),
        }
    }

    /// True while the desktop has failed and the terminal is in use.
    pub fn fell_back(&self) -> bool {
        self.fell_back.is_some()
    }

    fn fall_back(&mut self, reason: String) {
        self.fell_back.get_or_insert(self.last_now);
        if self.reason_said.as_ref() != Some(&reason) {
            self.reason_said = Some(reason.clone());
            self.events.push_back(NotifyEvent::FellBack { reason });
        }
    }

    /// A notification the desktop dropped still has to reach the rep.
    fn redeliver(&mut self, notification: Notification) {
        if self.fallback.notify(&notification, self.last_now) == Delivery::Terminal {
            self.events.push_back(NotifyEvent::ShowInApp(notification));
        }
    }

    /// After a failure: the terminal, unless it is time to try the desktop again.
    fn stays_on_terminal(&mut self, now: DateTime<FixedOffset>) -> bool {
        let Some(since) = self.fell_back else {
            return false;
        };
        if now - since < RETRY_AFTER || !self.primary.retry() {
            return true;
        }
        self.fell_back = None;
        false
    }
}

impl Notifier for FallbackNotifier {
    fn notify(&mut self, notification: &Notification, now: DateTime<FixedOffset>) -> Delivery {
        self.last_now = now;
        if self.stays_on_terminal(now) {
            return self.fallback.notify(notification, now);
        }
        match self.primary.notify(notification, now) {
            Delivery::Failed(reason) => {
                self.fall_back(reason);
                self.fallback.notify(notification, now)
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
                NotifyEvent::Back => {
                    if self.fell_back.is_none() && self.reason_said.take().is_some() {
                        self.events.push_back(NotifyEvent::Back);
                    }
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
    fn notify(&mut self, notification: &Notification, _now: DateTime<FixedOffset>) -> Delivery {
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
