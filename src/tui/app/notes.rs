//! Notifications from the app's side: sending one (it also waits in the Timer tab's list),
//! hearing what the notifier learned, and a popup's button acting through the keys' own paths.

use super::App;
use crate::domain::timer::open_inbox;
use crate::notify::{Act, Delivery, Notification, NotifyEvent, enabled};
use crate::tui::messages::Lasting;
use crate::tui::shared::Effect;
use crate::tui::tabs::{Tab, Work, work};

/// Said when the desktop answers again after a fallback.
pub const BACK: &str = "desktop notifications are back";

impl App {
    /// Sends a notification the config allows. It waits in the Timer tab's list too, and one
    /// that only reached the terminal goes on the message line (as its one line, so a message
    /// saying the same is not shown twice).
    pub(super) fn notify(&mut self, note: &Notification) {
        if !enabled(&self.shared.config.notifications, note.kind) {
            return;
        }
        let now = self.shared.now;
        self.tabs.timer.notes.push(now, note.clone());
        if self.outside.notifier.notify(note, now) == Delivery::Terminal {
            self.say(note.line());
        }
    }

    /// What the notifier learned: a notification that reached only the terminal goes on the
    /// message line; why the desktop fell back stays on the sticky line until it is back.
    /// Returns what a popup's pressed button asks for.
    pub(super) fn hear_notifier(&mut self) -> Vec<Effect> {
        let mut effects = vec![];
        while let Some(event) = self.outside.notifier.poll() {
            match event {
                NotifyEvent::ShowInApp(n) => self.say(n.line()),
                NotifyEvent::Back => {
                    self.messages.set_sticky(Lasting::Desktop, None);
                    self.say(BACK.into());
                }
                NotifyEvent::Acted(n) => effects.extend(self.act(n.act)),
                other => {
                    if let Some(reason) = other.banner() {
                        self.messages.set_sticky(Lasting::Desktop, Some(reason));
                    }
                }
            }
        }
        effects
    }

    /// A popup's button: "Start focus" does what Enter on the Timer tab does for that block,
    /// "Start slot" what `s` does on the Inbox tab, "Answer" what `4` does (on today).
    fn act(&mut self, act: Option<Act>) -> Vec<Effect> {
        match act {
            None => vec![],
            Some(Act::StartFocus { block }) => self.start_focus_on(&block),
            Some(Act::StartSlot) => {
                let cx = self.shared.context();
                if cx.today.and_then(open_inbox).is_some() {
                    return vec![Effect::Message("The inbox slot already runs".into())];
                }
                work::start_or_end(Work::InboxSlot, &cx)
            }
            Some(Act::Answer) => {
                self.tabs.review.date = self.shared.now.date_naive();
                self.tab = Tab::Review;
                vec![Effect::ReloadDay]
            }
        }
    }

    fn start_focus_on(&self, id: &str) -> Vec<Effect> {
        let Some(day) = self.today_day() else {
            return vec![];
        };
        let Some(block) = day.blocks.iter().find(|b| b.id == id) else {
            return vec![Effect::Message(
                "That block is no longer planned: nothing started".into(),
            )];
        };
        let runs = day
            .timer
            .as_ref()
            .is_some_and(|t| t.block.as_deref() == Some(id) && t.is_running());
        if runs {
            return vec![Effect::Message(format!(
                "Focus on {} already runs",
                block.title
            ))];
        }
        work::start_focus(Work::Block(block.clone()))
    }
}

impl App {
    /// What the calendar feed's last write came to: a failure stays on the sticky line (what
    /// to do included) until a write succeeds, which says so once.
    pub(super) fn hear_feed(&mut self) {
        let Some(outcome) = self.outside.feed.take() else {
            return;
        };
        let text = outcome.err().map(|e| capitalised(&e));
        let failing = text.is_some();
        if self.messages.set_sticky(Lasting::Feed, text) && !failing {
            self.say("The calendar feed is written again".into());
        }
    }
}

/// `text` with its first letter upper-case.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}
