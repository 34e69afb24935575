//! The clock moving on: reminders, notifications of blocks and slots, the gap question, a
//! phase that ended, a session forgotten far too long.

use super::App;
use crate::domain::timer::TimerOp;
use crate::notify::{Act, Notification, NotificationKind};
use crate::tui::prompt::GapQuestion;
use crate::tui::shared::Effect;
use chrono::{DateTime, FixedOffset};

/// How long without a sign of life, with a session open, before protime asks what the gap was.
pub const GAP_MINUTES: i64 = 5;

impl App {
    /// The end-of-day reminder, when the clock passes the configured time and today has no review.
    fn review_reminder(&mut self, before: DateTime<FixedOffset>) -> Vec<Effect> {
        let at = self.shared.config.review.reminder;
        let reviewed = self
            .today_day()
            .is_some_and(|d| d.review.as_ref().is_some_and(|r| r.decided.is_some()));
        let crossed = before.date_naive() == self.shared.now.date_naive()
            && before.time() < at
            && at <= self.shared.now.time();
        if !crossed || reviewed {
            return vec![];
        }
        let mut effects = vec![];
        let today = self.shared.now.date_naive();
        if self.tabs.review.date != today {
            // The tab may still show an earlier unreviewed day: 4 must now open today's review.
            self.tabs.review.date = today;
            effects.push(Effect::ReloadDay);
        }
        let note = Notification::new(
            NotificationKind::ReviewReminder,
            format!("It is {}: time to review the day", at.format("%H:%M")),
            "Did I decide what to do today, or did someone else? Press 4, then y, P or N",
        )
        .with_act(Act::Answer);
        // The message line says what the notification says, so a fallback shows it once.
        effects.extend([Effect::Message(note.line()), Effect::Notify(note)]);
        effects
    }

    /// A block starting within the configured lead time (and an inbox slot starting now), told once
    /// as the clock passes the moment; at the first tick, also a block whose lead time began
    /// before protime started and which has not started yet.
    fn upcoming_blocks(&self, before: DateTime<FixedOffset>, first: bool) -> Vec<Effect> {
        let Some(day) = self.today_day() else {
            return vec![];
        };
        if before.date_naive() != self.shared.now.date_naive()
            || (before >= self.shared.now && !first)
        {
            return vec![];
        }
        let lead = chrono::Duration::minutes(i64::from(
            self.shared.config.notifications.block_start_lead_minutes,
        ));
        let now = self.shared.now.naive_local();
        let passed = |t: chrono::NaiveTime, ahead: chrono::Duration| {
            let at = self.shared.now.date_naive().and_time(t) - ahead;
            before.naive_local() < at && at <= now
        };
        let missed_at_start = |t: chrono::NaiveTime| {
            let start = self.shared.now.date_naive().and_time(t);
            first && start - lead <= before.naive_local() && now < start
        };
        let mut effects = vec![];
        // The day's inbox slots: its planned inbox blocks, else the config's `[inbox] slots`.
        for (start, end) in crate::tui::tabs::inbox::slots(day, &self.shared.config) {
            if passed(start, chrono::Duration::zero()) {
                let body = format!(
                    "{}–{}: process the inbox now (s on the Inbox tab)",
                    start.format("%H:%M"),
                    end.format("%H:%M")
                );
                effects.push(Effect::Notify(
                    Notification::new(NotificationKind::InboxSlot, "Inbox slot", body)
                        .with_act(Act::StartSlot),
                ));
            }
        }
        for b in day.blocks_by_start() {
            let due = passed(b.start, lead) || missed_at_start(b.start);
            if b.kind != crate::domain::BlockKind::Inbox && due {
                let body = format!(
                    "{} {} starts at {}",
                    b.category.tag(),
                    b.title,
                    b.start.format("%H:%M")
                );
                let act = Act::StartFocus {
                    block: b.id.clone(),
                };
                effects.push(Effect::Notify(
                    Notification::new(NotificationKind::BlockStart, "Next block", body)
                        .with_act(act),
                ));
            }
        }
        effects
    }

    /// What the figures need to count open sessions: the last tick seen, which stays at the start
    /// of a silence until the rep answers the gap question.
    pub fn liveness(&self) -> crate::domain::open::Liveness {
        crate::domain::open::Liveness::new(
            self.shared.last_alive,
            self.shared.now,
            self.shared.config.timer.stale_after_hours,
        )
    }

    /// The question to ask when nothing was seen of protime for [`GAP_MINUTES`] or more while a
    /// session was open (a break alone is no session). The gap begins no earlier than the newest
    /// open session: starting it was a sign of life.
    pub fn gap_since(&self, last_seen: DateTime<FixedOffset>) -> Option<GapQuestion> {
        let day = self.today_day()?;
        // A focus round that ended during the silence counts to its own end (the rule of
        // `domain::open`): there is nothing to ask about.
        let round_over = day
            .timer
            .as_ref()
            .and_then(|t| t.ends_at())
            .is_some_and(|end| end <= self.shared.now);
        let waits = day.sessions.iter().any(|s| {
            s.end.is_none() && !(round_over && s.kind == crate::domain::SessionKind::Focus)
        });
        if !waits {
            return None;
        }
        let newest_open = crate::domain::timer::newest_open_start(day)?;
        let since = last_seen.max(newest_open);
        ((self.shared.now - since).num_minutes() >= GAP_MINUTES).then_some(GapQuestion { since })
    }

    /// Moves the clock on: a new day reloads, a phase that ended advances the timer, and a long
    /// silence with a session open asks what the gap was.
    pub fn tick(&mut self, now: DateTime<FixedOffset>) -> Vec<Effect> {
        let before = self.shared.now;
        self.shared.now = now;
        self.messages.expire(now);
        if now.date_naive() != self.shared.today.date() {
            // The Plan tab follows a new day when it showed the old today.
            if self.tabs.plan.date == before.date_naive() {
                self.tabs.plan.date = now.date_naive();
            }
            return vec![Effect::ReloadDay];
        }
        let first = !std::mem::replace(&mut self.shared.ticked, true);
        let mut effects = self.review_reminder(before);
        effects.extend(self.upcoming_blocks(before, first));
        if !self.countdown_visible() {
            // Awake with nothing counting down: a gap is only measured from here on.
            self.shared.last_alive = Some(now);
            return effects;
        }
        if self.gap.is_some() {
            return effects;
        }
        let last = self.shared.last_alive.unwrap_or(before);
        if let Some(gap) = self.gap_since(last) {
            self.gap = Some(gap);
            return effects;
        }
        if self
            .shared
            .last_alive
            .is_none_or(|l| l.timestamp() / 60 != now.timestamp() / 60)
        {
            effects.push(Effect::Heartbeat);
        }
        self.shared.last_alive = Some(now);
        let phase_ended = self
            .today_day()
            .and_then(|d| d.timer.as_ref())
            .and_then(|t| t.ends_at())
            .is_some_and(|e| e <= now);
        if phase_ended {
            effects.push(Effect::Timer(TimerOp::Advance));
        }
        effects.extend(self.close_forgotten_session());
        effects
    }

    /// An interruption or inbox slot left running far longer than any real one (the config's
    /// `stale_after_hours`) is closed at the rep's last key, and the rep is told.
    fn close_forgotten_session(&self) -> Vec<Effect> {
        let Some(day) = self.today_day() else {
            return vec![];
        };
        let limit = chrono::Duration::hours(i64::from(self.shared.config.timer.stale_after_hours));
        let forgotten = day.sessions.iter().find(|s| {
            s.end.is_none()
                && matches!(
                    s.kind,
                    crate::domain::SessionKind::Interruption | crate::domain::SessionKind::Inbox
                )
                && self.shared.now - s.start > limit
        });
        let Some(session) = forgotten else {
            return vec![];
        };
        // At least a minute, so the interruption stays on record even if no key followed it.
        let earliest = session.start + chrono::Duration::minutes(1);
        let at = self.shared.last_input.map_or(earliest, |t| t.max(earliest));
        let text = format!(
            "The {} that began at {} was still running after {} h: it was closed at your last key, {}",
            session.kind,
            session.start.format("%H:%M"),
            limit.num_hours(),
            at.format("%H:%M")
        );
        vec![
            Effect::Timer(TimerOp::SettleGap(
                at,
                crate::domain::timer::GapAnswer::Break,
            )),
            Effect::Message(text),
        ]
    }
}
