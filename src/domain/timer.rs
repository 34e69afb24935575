//! The focus timer as pure state: rounds of focus and breaks, pause, interruptions.
//!
//! The timer is stored with the day it runs on and every focus minute is an open session in the
//! journal from its first second, so closing the pane, a crash or a sleeping laptop loses nothing:
//! elapsed time is always measured on the wall clock from the stored instants.

use super::category::{Category, SessionKind};
use super::day::{Block, Day, Session};
use super::timefmt;
use chrono::{DateTime, Duration, FixedOffset, NaiveTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Focus,
    Break,
    LongBreak,
}

/// Lengths from the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimerSettings {
    pub focus_minutes: u32,
    pub break_minutes: u32,
    pub long_break_minutes: u32,
    pub rounds_before_long_break: u32,
}

/// The `[timer]` table of a day file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timer {
    pub phase: Phase,
    /// The focus round, from 1.
    pub round: u32,
    /// Length of the phase in seconds.
    pub length: i64,
    /// Seconds of the phase done before `since` (earlier runs, before a pause).
    pub done: i64,
    /// When the current run started; absent while paused.
    #[serde(
        default,
        with = "timefmt::rfc3339_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub since: Option<DateTime<FixedOffset>>,
    pub category: Category,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The planned block the focus works on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The open interruption or inbox slot that paused the focus (ending it resumes the focus).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interruption: Option<String>,
}

impl Timer {
    /// Seconds of the phase done by `now` (never negative, even if the wall clock jumped back).
    pub fn elapsed(&self, now: DateTime<FixedOffset>) -> i64 {
        let running = self.since.map_or(0, |s| (now - s).num_seconds().max(0));
        (self.done + running).min(self.length)
    }

    pub fn remaining(&self, now: DateTime<FixedOffset>) -> i64 {
        self.length - self.elapsed(now)
    }

    /// A new focus round waiting after a break (not one paused part-way).
    pub fn is_ready(&self) -> bool {
        self.phase == Phase::Focus && self.since.is_none() && self.done == 0 && self.round > 1
    }

    pub fn is_running(&self) -> bool {
        self.since.is_some()
    }

    /// When the running phase ends.
    pub fn ends_at(&self) -> Option<DateTime<FixedOffset>> {
        self.since
            .map(|s| s + Duration::seconds(self.length - self.done))
    }
}

/// What the timer did on its own, for notifications and messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimerEvent {
    FocusEnded {
        round: u32,
        long_break: bool,
    },
    BreakEnded {
        next_round: u32,
    },
    /// The clock reads earlier than a running session's start (it stepped back): a session ended
    /// now is kept, ending at its start, rather than dropped.
    ClockBehind {
        started: DateTime<FixedOffset>,
    },
}

/// What a focus session works on.
#[derive(Debug, Clone, PartialEq)]
pub struct FocusTarget {
    pub category: Category,
    pub title: Option<String>,
    pub block: Option<String>,
    pub account: Option<String>,
}

impl FocusTarget {
    pub fn block(block: &Block) -> FocusTarget {
        FocusTarget {
            category: block.category,
            title: Some(block.title.clone()),
            block: Some(block.id.clone()),
            account: block.account.clone(),
        }
    }
}

fn open_session(
    day: &mut Day,
    now: DateTime<FixedOffset>,
    kind: SessionKind,
    t: &FocusTarget,
) -> String {
    let id = day.next_id("s");
    day.sessions.push(Session {
        id: id.clone(),
        start: now,
        end: None,
        category: t.category,
        kind,
        title: t.title.clone(),
        block: t.block.clone(),
        account: t.account.clone(),
        note: None,
        source: None,
    });
    id
}

/// Closes every open session of `kind` at `at`. One that would end before it started (the clock
/// stepped back) is kept, ending at its start: it stays on record for the rep to correct.
fn close_open(day: &mut Day, kind: SessionKind, at: DateTime<FixedOffset>) {
    for s in day
        .sessions
        .iter_mut()
        .filter(|s| s.kind == kind && s.end.is_none())
    {
        s.end = Some(at.max(s.start));
    }
}

/// Starts round 1 of focus on `target` (stopping a timer that was there).
pub fn start(
    day: &mut Day,
    now: DateTime<FixedOffset>,
    settings: &TimerSettings,
    target: FocusTarget,
) {
    stop(day, now);
    open_session(day, now, SessionKind::Focus, &target);
    day.timer = Some(Timer {
        phase: Phase::Focus,
        round: 1,
        length: i64::from(settings.focus_minutes) * 60,
        done: 0,
        since: Some(now),
        category: target.category,
        title: target.title,
        block: target.block,
        account: target.account,
        interruption: None,
    });
}

fn target_of(timer: &Timer) -> FocusTarget {
    FocusTarget {
        category: timer.category,
        title: timer.title.clone(),
        block: timer.block.clone(),
        account: timer.account.clone(),
    }
}

/// Pauses a running phase; the focus session ends now.
pub fn pause(day: &mut Day, now: DateTime<FixedOffset>) -> Result<(), String> {
    let timer = day
        .timer
        .as_mut()
        .ok_or("no timer is running: s starts one")?;
    let since = timer
        .since
        .take()
        .ok_or("the timer is already paused: space resumes it")?;
    timer.done = (timer.done + (now - since).num_seconds().max(0)).min(timer.length);
    close_open(day, SessionKind::Focus, now);
    Ok(())
}

/// What the next focus round works on, once a break has ended (READY).
#[derive(Debug, Clone, PartialEq)]
pub enum NextRound {
    /// The block the cycle began on is still planned for now (or the focus was unplanned).
    Same,
    /// That block has ended: the round goes to the block planned for now.
    Block(FocusTarget),
    /// That block has ended and nothing is planned now: the rep picks.
    Ask(String),
}

/// The rule for a READY timer: bound to its block only while that block runs.
pub fn next_round(day: &Day, now: NaiveTime) -> NextRound {
    let Some(bound) = day.timer.as_ref().and_then(|t| t.block.as_deref()) else {
        return NextRound::Same;
    };
    // A block no longer in the plan (deleted since) binds nothing: the cycle goes on as it was.
    let Some(block) = day.blocks.iter().find(|b| b.id == bound) else {
        return NextRound::Same;
    };
    let planned_now = day.block_at(now);
    if planned_now.is_some_and(|b| b.id == bound) {
        return NextRound::Same;
    }
    match planned_now {
        Some(now_block) => NextRound::Block(FocusTarget::block(now_block)),
        None => NextRound::Ask(format!(
            "\"{}\" has ended and nothing is planned now: choose what the next round is for",
            block.title
        )),
    }
}

/// Resumes a paused phase; focus gets a new open session from now. A round waiting after a
/// break goes to the block planned for now ([`next_round`]).
pub fn resume(day: &mut Day, now: DateTime<FixedOffset>) -> Result<(), String> {
    let ready = day.timer.as_ref().is_some_and(Timer::is_ready);
    if ready {
        match next_round(day, now.time()) {
            NextRound::Same => {}
            NextRound::Block(target) => retarget(day, target),
            NextRound::Ask(why) => return Err(why),
        }
    }
    let timer = day
        .timer
        .as_mut()
        .ok_or("no timer to resume: s starts one")?;
    if timer.since.is_some() {
        return Err("the timer is already running".into());
    }
    timer.since = Some(now);
    let (phase, target) = (timer.phase, target_of(timer));
    if phase == Phase::Focus {
        open_session(day, now, SessionKind::Focus, &target);
    }
    Ok(())
}

fn retarget(day: &mut Day, target: FocusTarget) {
    if let Some(timer) = day.timer.as_mut() {
        timer.category = target.category;
        timer.title = target.title;
        timer.block = target.block;
        timer.account = target.account;
    }
}

/// Stops the timer: the open focus session ends now. Returns false when there was none.
pub fn stop(day: &mut Day, now: DateTime<FixedOffset>) -> bool {
    close_open(day, SessionKind::Focus, now);
    day.timer.take().is_some()
}

/// Why `stop` found nothing: no focus timer, though an interruption or inbox slot may run,
/// which ends another way.
fn nothing_to_stop(day: &Day) -> String {
    let open = day.sessions.iter().rev().find(|s| s.end.is_none());
    match open.map(|s| (s.kind, s.start.format("%H:%M"))) {
        Some((SessionKind::Interruption, since)) => format!(
            "no focus timer is running; an interruption is, since {since}: \
             i (or `protime interrupt`) ends it"
        ),
        Some((SessionKind::Inbox, since)) => format!(
            "no focus timer is running; the inbox slot is, since {since}: \
             s on the Inbox tab ends it"
        ),
        _ => "no timer is running".into(),
    }
}

/// Ends a break early and starts the next focus round.
pub fn skip_break(
    day: &mut Day,
    now: DateTime<FixedOffset>,
    settings: &TimerSettings,
) -> Result<(), String> {
    let timer = day.timer.as_mut().ok_or("no timer is running")?;
    if timer.phase == Phase::Focus {
        return Err("no break to skip: this is focus time".into());
    }
    begin_focus_round(day, now, settings, true);
    Ok(())
}

fn begin_focus_round(
    day: &mut Day,
    at: DateTime<FixedOffset>,
    settings: &TimerSettings,
    run: bool,
) {
    let Some(timer) = day.timer.as_mut() else {
        return;
    };
    timer.phase = Phase::Focus;
    timer.round += 1;
    timer.length = i64::from(settings.focus_minutes) * 60;
    timer.done = 0;
    timer.since = run.then_some(at);
    let target = target_of(timer);
    if run {
        open_session(day, at, SessionKind::Focus, &target);
    }
}

/// Moves the timer through every phase end up to `now`. A focus round ends in a break (a long one
/// every N rounds) that runs on its own; a break ends with the next round ready, waiting for the
/// rep to come back and press start.
pub fn advance(
    day: &mut Day,
    now: DateTime<FixedOffset>,
    settings: &TimerSettings,
) -> Vec<TimerEvent> {
    let mut events = vec![];
    while let Some(timer) = day.timer.as_mut() {
        let Some(end) = timer.ends_at().filter(|end| *end <= now) else {
            break;
        };
        match timer.phase {
            Phase::Focus => {
                let long = timer.round % settings.rounds_before_long_break.max(1) == 0;
                let minutes = if long {
                    settings.long_break_minutes
                } else {
                    settings.break_minutes
                };
                timer.phase = if long { Phase::LongBreak } else { Phase::Break };
                timer.length = i64::from(minutes) * 60;
                timer.done = 0;
                timer.since = Some(end);
                events.push(TimerEvent::FocusEnded {
                    round: timer.round,
                    long_break: long,
                });
                close_open(day, SessionKind::Focus, end);
            }
            Phase::Break | Phase::LongBreak => {
                let next_round = timer.round + 1;
                begin_focus_round(day, end, settings, false);
                events.push(TimerEvent::BreakEnded { next_round });
            }
        }
    }
    events
}

/// `i`: starts a reactive interruption (pausing a running focus), or ends the open one
/// (resuming the focus it paused). Returns true when an interruption started.
pub fn toggle_interruption(day: &mut Day, now: DateTime<FixedOffset>, who: Option<String>) -> bool {
    if open_interruption(day).is_some() {
        end_and_resume(day, now, SessionKind::Interruption);
        return false;
    }
    let target = FocusTarget {
        category: Category::Reactive,
        title: who.clone(),
        block: None,
        account: who,
    };
    start_pausing_focus(day, now, SessionKind::Interruption, &target);
    true
}

/// An inbox slot starts (pausing a running focus, which then neither counts nor rings), or the
/// running one ends (resuming the focus it paused): one thing runs at a time.
pub fn toggle_inbox(day: &mut Day, now: DateTime<FixedOffset>, category: Category) {
    if open_inbox(day).is_some() {
        end_and_resume(day, now, SessionKind::Inbox);
        return;
    }
    let target = FocusTarget {
        category,
        title: Some("Inbox slot".into()),
        block: None,
        account: None,
    };
    start_pausing_focus(day, now, SessionKind::Inbox, &target);
}

/// Opens a session of `kind`, pausing a running focus first and noting which session paused it.
fn start_pausing_focus(
    day: &mut Day,
    now: DateTime<FixedOffset>,
    kind: SessionKind,
    target: &FocusTarget,
) {
    let focus_running = day
        .timer
        .as_ref()
        .is_some_and(|t| t.phase == Phase::Focus && t.is_running());
    if focus_running {
        let _ = pause(day, now);
    }
    let id = open_session(day, now, kind, target);
    if focus_running && let Some(t) = day.timer.as_mut() {
        t.interruption = Some(id);
    }
}

/// Ends the open session of `kind` and resumes the focus it paused, if it paused one.
fn end_and_resume(day: &mut Day, now: DateTime<FixedOffset>, kind: SessionKind) {
    let ending: Vec<String> = day
        .sessions
        .iter()
        .filter(|s| s.kind == kind && s.end.is_none())
        .map(|s| s.id.clone())
        .collect();
    close_open(day, kind, now);
    let paused_by_it = day
        .timer
        .as_mut()
        .filter(|t| {
            t.interruption
                .as_ref()
                .is_some_and(|id| ending.contains(id))
        })
        .and_then(|t| t.interruption.take())
        .is_some();
    if paused_by_it {
        let _ = resume(day, now);
    }
}

/// Names the interruption running (or the day's latest): its account, its note, and a title
/// that shows what it was (the note, else the account).
pub fn describe_interruption(
    day: &mut Day,
    account: Option<String>,
    note: Option<String>,
) -> Result<(), String> {
    let clean = |t: Option<String>| t.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let (account, note) = (clean(account), clean(note));
    let session = day
        .sessions
        .iter_mut()
        .filter(|s| s.kind == SessionKind::Interruption && s.note.as_deref() != Some("passed on"))
        .max_by_key(|s| (s.end.is_none(), s.start))
        .ok_or("no interruption today to name")?;
    session.title = note.clone().or_else(|| account.clone());
    session.account = account;
    session.note = note;
    Ok(())
}

/// `p`: a request passed on to the right person, logged as a one-minute reactive entry without
/// leaving focus.
pub fn pass_on(
    day: &mut Day,
    now: DateTime<FixedOffset>,
    what: String,
    account: Option<String>,
) -> Result<(), String> {
    if what.trim().is_empty() {
        return Err("say what you passed on, like \"ACME invoice question to Finance\"".into());
    }
    let id = day.next_id("s");
    day.sessions.push(Session {
        id,
        start: now,
        end: Some(now + Duration::minutes(1)),
        category: Category::Reactive,
        kind: SessionKind::Interruption,
        title: Some(what),
        block: None,
        account: account.filter(|a| !a.trim().is_empty()),
        note: Some("passed on".into()),
        source: None,
    });
    Ok(())
}

/// After a gap with no sign of life (a sleeping laptop, protime closed), the rep says what it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapAnswer {
    /// It was this session's work: keep counting.
    Work,
    /// A break: the focus ended when the gap began.
    Break,
    /// Other work: the focus ended when the gap began, and the gap is logged as OTHER.
    Other,
    /// A customer broke in: the focus ended when the gap began, and the gap is logged as a
    /// REACTIVE interruption (who and what can be named after).
    Reactive,
}

/// Settles a gap from `last_seen` to `now` in an open focus session.
pub fn settle_gap(
    day: &mut Day,
    last_seen: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
    answer: GapAnswer,
) {
    if answer == GapAnswer::Work {
        return;
    }
    // Starting a session or a phase is a sign of life too (`protime start` from another pane):
    // a gap that seems to begin before it begins a minute after it, so the start stays on record
    // instead of the session being cut to nothing.
    let phase_start = day.timer.as_ref().and_then(|t| t.since);
    let newest_start = newest_open_start(day).max(phase_start);
    let last_seen = match newest_start {
        Some(start) if start >= last_seen => (start + Duration::minutes(1)).min(now),
        _ => last_seen,
    };
    let _ = pause(day, last_seen);
    close_open(day, SessionKind::Interruption, last_seen);
    close_open(day, SessionKind::Inbox, last_seen);
    if let Some(t) = day.timer.as_mut() {
        t.interruption = None;
    }
    let logged = match answer {
        GapAnswer::Other => Some((Category::Other, SessionKind::Manual, "away from protime")),
        GapAnswer::Reactive => Some((Category::Reactive, SessionKind::Interruption, "a customer")),
        GapAnswer::Work | GapAnswer::Break => None,
    };
    if let Some((category, kind, title)) = logged.filter(|_| now > last_seen) {
        let id = day.next_id("s");
        day.sessions.push(Session {
            id,
            start: last_seen,
            end: Some(now),
            category,
            kind,
            title: Some(title.into()),
            block: None,
            account: None,
            note: None,
            source: None,
        });
    }
}

/// Moves a timer still running from yesterday into `today` at `midnight`: yesterday's open
/// sessions end at midnight and continue as new open sessions today.
pub fn carry_over_midnight(yesterday: &mut Day, today: &mut Day, midnight: DateTime<FixedOffset>) {
    let open: Vec<Session> = yesterday
        .sessions
        .iter()
        .filter(|s| s.end.is_none())
        .cloned()
        .collect();
    for s in yesterday.sessions.iter_mut().filter(|s| s.end.is_none()) {
        s.end = Some(midnight);
    }
    // A day change resets a cycle that is not running: its block belonged to yesterday.
    let mut timer = yesterday.timer.take().filter(Timer::is_running);
    for s in open {
        let id = today.next_id("s");
        if let Some(t) = timer
            .as_mut()
            .filter(|t| t.interruption.as_ref() == Some(&s.id))
        {
            t.interruption = Some(id.clone());
        }
        today.sessions.push(Session {
            id,
            start: midnight,
            end: None,
            ..s
        });
    }
    if let Some(mut t) = timer {
        if let Some(since) = t.since {
            t.done = (t.done + (midnight - since).num_seconds().max(0)).min(t.length);
            t.since = Some(midnight);
        }
        today.timer = Some(t);
    }
}

/// One command applied to today's day at "now", as the TUI and the command line give it: the
/// timer's, and the one-key jots (a request passed on, a mail parked).
#[derive(Debug, Clone, PartialEq)]
pub enum TimerOp {
    Start(FocusTarget),
    Pause,
    Resume,
    /// Pause when running, resume when paused.
    Toggle,
    Stop,
    SkipBreak,
    /// `i`: start or end an interruption, with an optional who/what.
    Interrupt(Option<String>),
    /// Who (an account) and what (a note) for the interruption running, or the day's latest one:
    /// typed while it runs or after, never delaying its start.
    Describe {
        account: Option<String>,
        note: Option<String>,
    },
    /// `p`: a request passed on, for an account if named.
    PassOn {
        what: String,
        account: Option<String>,
    },
    /// Move through phase ends up to now.
    Advance,
    /// Settle a gap that began at the given instant.
    SettleGap(DateTime<FixedOffset>, GapAnswer),
    /// Start an inbox slot's session in this category, or end the one running.
    InboxSlot(Category),
    /// Park a mail for the next inbox slot.
    Park(String),
}

impl TimerOp {
    /// Applies the command to the day at `now`; the events say what the timer did on its own.
    pub fn apply(
        self,
        day: &mut Day,
        now: DateTime<FixedOffset>,
        settings: &TimerSettings,
    ) -> Result<Vec<TimerEvent>, String> {
        // A gap is settled before time moves on, so the answer decides how the gap counts.
        let settling = matches!(self, TimerOp::SettleGap(..));
        let mut events = if settling {
            vec![]
        } else {
            advance(day, now, settings)
        };
        if let Some(started) = newest_open_start(day).filter(|start| now < *start) {
            events.push(TimerEvent::ClockBehind { started });
        }
        match self {
            TimerOp::Start(target) => start(day, now, settings, target),
            TimerOp::Pause => pause(day, now)?,
            TimerOp::Resume => resume(day, now)?,
            TimerOp::Toggle => match day.timer.as_ref().map(Timer::is_running) {
                Some(true) => pause(day, now)?,
                Some(false) => resume(day, now)?,
                None => return Err("no timer yet: s starts focus on the selected block".into()),
            },
            TimerOp::Stop => {
                if !stop(day, now) {
                    return Err(nothing_to_stop(day));
                }
            }
            TimerOp::SkipBreak => skip_break(day, now, settings)?,
            TimerOp::Interrupt(who) => {
                toggle_interruption(day, now, who);
            }
            TimerOp::Describe { account, note } => describe_interruption(day, account, note)?,
            TimerOp::PassOn { what, account } => pass_on(day, now, what, account)?,
            TimerOp::Advance => {}
            TimerOp::SettleGap(since, answer) => settle_gap(day, since, now, answer),
            TimerOp::Park(text) => {
                super::inbox::park(day, &text, now)?;
            }
            TimerOp::InboxSlot(category) => toggle_inbox(day, now, category),
        }
        events.extend(advance(day, now, settings));
        Ok(events)
    }
}

/// When the newest session still running began, if one runs.
pub fn newest_open_start(day: &Day) -> Option<DateTime<FixedOffset>> {
    day.sessions
        .iter()
        .filter(|s| s.end.is_none())
        .map(|s| s.start)
        .max()
}

/// The inbox slot running, if any.
pub fn open_inbox(day: &Day) -> Option<&Session> {
    day.sessions
        .iter()
        .find(|s| s.kind == SessionKind::Inbox && s.end.is_none())
}

/// The open interruption, if any.
pub fn open_interruption(day: &Day) -> Option<&Session> {
    day.sessions
        .iter()
        .find(|s| s.kind == SessionKind::Interruption && s.end.is_none())
}

#[cfg(test)]
#[path = "timer_test.rs"]
mod tests;
