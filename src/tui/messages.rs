//! The message line: a short queue of messages, each shown for a while, and a sticky line for
//! states that last (desktop notifications not answering). A new message never hides that
//! others are waiting. A message's while starts at the rep's first key after it appeared, so
//! what happened while they were away is still there when they come back.

use chrono::{DateTime, Duration, FixedOffset};
use std::collections::VecDeque;

/// How long a message stays after the rep's next key, unless Esc dismisses it first.
pub const SHOWN_FOR: Duration = Duration::seconds(60);

/// More than this many waiting messages drops the oldest: the line is for now, not a log.
const KEEP: usize = 5;

/// A message written for a terminal's several lines (a verb's error, say) as one: its lines
/// joined by two spaces, since the line break itself would reach the screen as a placeholder.
fn one_line(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("  ")
}

#[derive(Debug, Clone, PartialEq)]
struct Message {
    text: String,
    /// Set at the first key after the message appeared.
    until: Option<DateTime<FixedOffset>>,
}

/// A state that lasts, with its own line until it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lasting {
    /// Desktop notifications are not answering.
    Desktop,
    /// The calendar feed could not be written.
    Feed,
}

#[derive(Debug, Default)]
pub struct Messages {
    queue: VecDeque<Message>,
    sticky: Vec<(Lasting, String)>,
    /// Work under way (a calendar sync): shown instead of the sticky line meanwhile.
    progress: Option<String>,
}

impl Messages {
    /// Adds `text`; the same text again only renews it.
    pub fn push(&mut self, text: String) {
        let text = one_line(&text);
        self.queue.retain(|m| m.text != text);
        self.queue.push_back(Message { text, until: None });
        if self.queue.len() > KEEP {
            self.queue.pop_front();
        }
    }

    /// Sets or clears the line that stays until the state it names changes; true when it was
    /// set before.
    pub fn set_sticky(&mut self, state: Lasting, text: Option<String>) -> bool {
        let was = self.sticky.iter().any(|(s, _)| *s == state);
        self.sticky.retain(|(s, _)| *s != state);
        self.sticky.extend(text.map(|t| (state, one_line(&t))));
        was
    }

    /// The lasting states' lines, as one; work under way instead, meanwhile.
    pub fn sticky(&self) -> Option<String> {
        if let Some(progress) = &self.progress {
            return Some(progress.clone());
        }
        let lines: Vec<&str> = self.sticky.iter().map(|(_, t)| t.as_str()).collect();
        (!lines.is_empty()).then(|| lines.join(" · "))
    }

    /// Sets or clears the line of work under way.
    pub fn set_progress(&mut self, text: Option<String>) {
        self.progress = text.map(|t| one_line(&t));
    }

    /// The rep pressed a key at `now`: every message on screen has been seen and starts its while.
    pub fn seen(&mut self, now: DateTime<FixedOffset>) {
        for m in self.queue.iter_mut().filter(|m| m.until.is_none()) {
            m.until = Some(now + SHOWN_FOR);
        }
    }

    /// Drops the messages whose time is up.
    pub fn expire(&mut self, now: DateTime<FixedOffset>) {
        self.queue
            .retain(|m| m.until.is_none_or(|until| until > now));
    }

    /// Esc: the newest message goes, the one before it shows.
    pub fn dismiss(&mut self) -> bool {
        self.queue.pop_back().is_some()
    }

    /// The waiting messages, newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &str> {
        self.queue.iter().rev().map(|m| m.text.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty() && self.sticky.is_empty()
    }

    /// When the next message's time is up, so the loop can wake then.
    pub fn next_expiry(&self) -> Option<DateTime<FixedOffset>> {
        self.queue.iter().filter_map(|m| m.until).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-11-26T{s}+01:00")).unwrap()
    }

    /// QA: the sync's "not set up" error reached the message line with its line breaks as
    /// placeholders.
    #[test]
    fn a_message_of_several_lines_is_shown_as_one() {
        let mut m = Messages::default();
        m.push("no calendar is set up:\n  [calendar.caldav]\n  user = \"anna\"".into());
        let shown: Vec<&str> = m.newest_first().collect();
        assert_eq!(
            shown,
            ["no calendar is set up:  [calendar.caldav]  user = \"anna\""]
        );
        m.set_progress(Some("syncing\n1 of 2".into()));
        assert_eq!(m.sticky().as_deref(), Some("syncing  1 of 2"));
    }

    #[test]
    fn a_second_message_does_not_hide_the_first() {
        let mut m = Messages::default();
        m.push("Focus round 1 done".into());
        m.push("desktop fell back".into());
        let shown: Vec<&str> = m.newest_first().collect();
        assert_eq!(shown, vec!["desktop fell back", "Focus round 1 done"]);
        assert!(m.dismiss());
        assert_eq!(
            m.newest_first().collect::<Vec<_>>(),
            vec!["Focus round 1 done"]
        );
    }

    #[test]
    fn a_message_waits_for_the_rep_then_goes_after_a_while() {
        let mut m = Messages::default();
        m.set_sticky(
            Lasting::Desktop,
            Some("desktop notifications are not answering".into()),
        );
        m.push("closed at your last key".into());
        m.expire(at("14:00:00"));
        assert_eq!(m.newest_first().count(), 1, "nobody has seen it yet");
        m.seen(at("14:00:00"));
        assert_eq!(m.next_expiry(), Some(at("14:01:00")));
        m.expire(at("14:00:59"));
        assert_eq!(m.newest_first().count(), 1);
        m.expire(at("14:01:00"));
        assert_eq!(m.newest_first().count(), 0);
        assert_eq!(
            m.sticky().as_deref(),
            Some("desktop notifications are not answering")
        );
        assert!(!m.dismiss(), "Esc does not clear a state that lasts");
    }

    #[test]
    fn the_same_message_again_is_shown_once() {
        let mut m = Messages::default();
        m.push("Not saved: x".into());
        m.seen(at("10:00:00"));
        m.push("Not saved: x".into());
        assert_eq!(m.newest_first().count(), 1);
        assert_eq!(m.next_expiry(), None, "said again: a new while");
    }
}
