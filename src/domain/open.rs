//! The one rule for an open session nobody ended: where it counts up to, and where it is closed.
//!
//! A sign of life is any protime process running (the dashboard each minute, `status`, a verb).
//! It is renewed only while the previous one is fresh (under [`FRESH_MINUTES`]); after a longer
//! silence only the rep's answer extends a session. Until then every figure counts an open
//! interruption or inbox slot up to its last sign of life, capped by `stale_after_hours`; a focus
//! round counts to its own end, which the rep set; nothing counts past the end of its own day.

use super::category::SessionKind;
use super::day::{Day, Session};
use chrono::{DateTime, Duration, FixedOffset};
use std::borrow::Cow;

/// A sign of life older than this is a silence: the rep may have gone.
pub const FRESH_MINUTES: i64 = 5;

/// True when a sign of life at `seen` still counts as the rep being here at `now`.
pub fn is_fresh(seen: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> bool {
    now - seen < Duration::minutes(FRESH_MINUTES)
}

/// The last instant protime knows the rep was there: `now` while the last sign of life is fresh
/// (or there was none to go by), else that sign.
pub fn last_seen(
    sign: Option<DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
) -> DateTime<FixedOffset> {
    match sign {
        Some(seen) if !is_fresh(seen, now) => seen.min(now),
        _ => now,
    }
}

/// What the figures need to end an open session: the last sign of life protime left (the
/// heartbeat), the instant asked about, and the config's limit for interruptions and inbox slots.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Liveness {
    pub sign: Option<DateTime<FixedOffset>>,
    pub now: DateTime<FixedOffset>,
    pub stale_after: Duration,
}

impl Liveness {
    pub fn new(
        sign: Option<DateTime<FixedOffset>>,
        now: DateTime<FixedOffset>,
        stale_after_hours: u32,
    ) -> Liveness {
        Liveness {
            sign,
            now,
            stale_after: Duration::hours(i64::from(stale_after_hours)),
        }
    }
}

/// The newest sign of life for an open session: the heartbeat, its own start, or the start of
/// the running phase (starting something is a sign of life too).
pub fn last_sign(day: &Day, session: &Session, life: &Liveness) -> DateTime<FixedOffset> {
    let phase_start = day.timer.as_ref().and_then(|t| t.since);
    [life.sign, Some(session.start), phase_start]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(session.start)
}

/// Where `session` counts up to: its end, or for an open session the last time the rep was seen
/// ([`last_seen`] of its [`last_sign`]), capped by the stale limit. A running focus round is the
/// exception: the rep set its length, so it counts until now or its round's end, whichever is
/// first, as the timer would have closed it. Never before its start.
pub fn counted_end(day: &Day, session: &Session, life: &Liveness) -> DateTime<FixedOffset> {
    if let Some(end) = session.end {
        return end;
    }
    let round_end = (session.kind == SessionKind::Focus)
        .then(|| day.timer.as_ref().and_then(|t| t.ends_at()))
        .flatten();
    let end = match round_end {
        Some(round_end) => life.now.min(round_end),
        None if waits_for_the_rep(session) => {
            let seen = last_seen(Some(last_sign(day, session, life)), life.now);
            seen.min(session.start + life.stale_after)
        }
        None => life.now,
    };
    end.max(session.start)
}

/// Interruptions and inbox slots have no length of their own: only the rep ends them.
fn waits_for_the_rep(session: &Session) -> bool {
    matches!(session.kind, SessionKind::Interruption | SessionKind::Inbox)
}

/// The last time the rep was seen with something running on `day`: the newest sign of life of
/// its open sessions, its running phase or the heartbeat.
pub fn day_last_seen(day: &Day, life: &Liveness) -> DateTime<FixedOffset> {
    let starts = day
        .sessions
        .iter()
        .filter(|s| s.end.is_none())
        .map(|s| s.start);
    let phase_start = day.timer.as_ref().and_then(|t| t.since);
    let sign = starts.chain(phase_start).chain(life.sign).max();
    last_seen(sign, life.now)
}

/// True when the rep has not been seen for a while with `session` open: its figures stop at the
/// last sign of life until the rep answers.
pub fn is_silent(day: &Day, session: &Session, life: &Liveness) -> bool {
    session.end.is_none()
        && waits_for_the_rep(session)
        && !is_fresh(last_sign(day, session, life), life.now)
}

/// The day as the figures count it: each open session ends where [`counted_end`] says. Borrowed
/// when nothing is open.
pub fn counted<'a>(day: &'a Day, life: &Liveness) -> Cow<'a, Day> {
    if day.sessions.iter().all(|s| s.end.is_some()) {
        return Cow::Borrowed(day);
    }
    let mut copy = day.clone();
    for s in copy.sessions.iter_mut().filter(|s| s.end.is_none()) {
        s.end = Some(counted_end(day, s, life));
    }
    Cow::Owned(copy)
}

/// Where a forgotten session is closed when the rep has not answered: where it counts up to, and
/// at least a minute after it began, so it stays on record.
pub fn closing_end(day: &Day, session: &Session, life: &Liveness) -> DateTime<FixedOffset> {
    counted_end(day, session, life).max(session.start + Duration::minutes(1))
}

/// Closes every session left open on `day` where [`closing_end`] says (no later than `day_end`,
/// its midnight) and stops its timer: the rep never answered, and a new day began. Returns the
/// sessions as closed, for the message that tells the rep.
pub fn close_forgotten(
    day: &mut Day,
    life: &Liveness,
    day_end: DateTime<FixedOffset>,
) -> Vec<Session> {
    let ends: Vec<(usize, DateTime<FixedOffset>)> = day
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.end.is_none())
        .map(|(i, s)| (i, closing_end(day, s, life).min(day_end)))
        .collect();
    let mut closed = vec![];
    for (i, end) in ends {
        let s = &mut day.sessions[i];
        s.end = Some(end.max(s.start));
        closed.push(s.clone());
    }
    day.timer = None;
    closed
}

/// "the interruption "Globex" that began Thu 16:00 was closed at its last sign of life, 16:05"
pub fn closed_message(closed: &[Session]) -> Option<String> {
    let first = closed.iter().min_by_key(|s| s.start)?;
    let end = first.end.unwrap_or(first.start);
    let title = first
        .title
        .as_deref()
        .map(|t| format!(" \"{t}\""))
        .unwrap_or_default();
    Some(format!(
        "the {}{title} that began {} was left open; it was closed at its last sign of life, {} \
         (correct it with `protime log` if it ran longer)",
        first.kind,
        first.start.format("%a %-d %b %H:%M"),
        end.format("%H:%M"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Category;
    use crate::domain::test_support::session;
    use crate::domain::timer::{FocusTarget, start};

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn thursday() -> Day {
        Day::new(at("2026-11-26T12:00:00+01:00").date_naive())
    }

    fn interruption_at_16() -> Day {
        let mut day = thursday();
        day.sessions.push(session(
            "s1",
            at("2026-11-26T16:00:00+01:00"),
            None,
            Category::Reactive,
            SessionKind::Interruption,
        ));
        day
    }

    #[test]
    fn a_fresh_sign_is_now_and_a_stale_one_is_itself() {
        let now = at("2026-11-27T08:21:00+01:00");
        assert_eq!(last_seen(None, now), now);
        assert_eq!(last_seen(Some(now - Duration::minutes(4)), now), now);
        let thu = at("2026-11-26T16:05:00+01:00");
        assert_eq!(last_seen(Some(thu), now), thu);
    }

    #[test]
    fn a_forgotten_interruption_counts_to_its_last_sign_of_life_not_to_midnight() {
        let day = interruption_at_16();
        let life = Liveness::new(
            Some(at("2026-11-26T16:05:00+01:00")),
            at("2026-11-27T08:21:00+01:00"),
            3,
        );
        assert_eq!(
            counted_end(&day, &day.sessions[0], &life),
            at("2026-11-26T16:05:00+01:00")
        );
        assert!(is_silent(&day, &day.sessions[0], &life));
    }

    #[test]
    fn an_interruption_alive_for_hours_stops_counting_at_the_stale_limit() {
        let day = interruption_at_16();
        let now = at("2026-11-26T23:00:00+01:00");
        let life = Liveness::new(Some(now - Duration::minutes(1)), now, 3);
        assert_eq!(
            counted_end(&day, &day.sessions[0], &life),
            at("2026-11-26T19:00:00+01:00")
        );
    }

    #[test]
    fn focus_counts_no_further_than_its_round() {
        let mut day = thursday();
        let settings = crate::domain::timer::TimerSettings {
            focus_minutes: 30,
            break_minutes: 5,
            long_break_minutes: 15,
            rounds_before_long_break: 4,
        };
        let target = FocusTarget {
            category: Category::Proactive,
            title: None,
            block: None,
            account: None,
        };
        start(&mut day, at("2026-11-26T09:00:00+01:00"), &settings, target);
        let now = at("2026-11-26T11:00:00+01:00");
        let life = Liveness::new(Some(now), now, 3);
        let counted = counted(&day, &life);
        assert_eq!(
            counted.sessions[0].end,
            Some(at("2026-11-26T09:30:00+01:00"))
        );
    }

    #[test]
    fn a_session_started_after_the_last_sign_is_itself_a_sign_of_life() {
        let day = interruption_at_16();
        let start = at("2026-11-26T16:00:00+01:00");
        let sign = Some(at("2026-11-26T10:00:00+01:00"));
        let soon = Liveness::new(sign, start + Duration::minutes(3), 3);
        assert_eq!(
            counted_end(&day, &day.sessions[0], &soon),
            start + Duration::minutes(3)
        );
        let life = Liveness::new(sign, at("2026-11-26T18:00:00+01:00"), 3);
        assert_eq!(counted_end(&day, &day.sessions[0], &life), start);
        assert_eq!(
            closing_end(&day, &day.sessions[0], &life),
            start + Duration::minutes(1)
        );
    }

    #[test]
    fn a_forgotten_day_is_closed_at_the_last_sign_and_says_so() {
        let mut day = interruption_at_16();
        day.sessions[0].title = Some("Globex".into());
        let life = Liveness::new(
            Some(at("2026-11-26T16:05:00+01:00")),
            at("2026-11-27T08:00:00+01:00"),
            3,
        );
        let closed = close_forgotten(&mut day, &life, at("2026-11-27T00:00:00+01:00"));
        assert_eq!(day.sessions[0].end, Some(at("2026-11-26T16:05:00+01:00")));
        assert_eq!(
            closed_message(&closed).unwrap(),
            "the interruption \"Globex\" that began Thu 26 Nov 16:00 was left open; it was closed \
             at its last sign of life, 16:05 (correct it with `protime log` if it ran longer)"
        );
    }

    #[test]
    fn a_day_without_open_sessions_is_borrowed() {
        let day = thursday();
        let now = at("2026-11-26T10:00:00+01:00");
        let life = Liveness::new(None, now, 3);
        assert!(matches!(counted(&day, &life), Cow::Borrowed(_)));
    }
}
