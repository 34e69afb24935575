//! Whatever still runs on an earlier day is settled before anything else reads or writes today,
//! by the dashboard when it starts and at midnight, by every verb and by `protime status`.
//!
//! The rule is the domain's (`domain::open`): a session alive on both sides of midnight (its last
//! sign of life is after it) is split there and goes on today; one that was forgotten (no sign of
//! life after its day ended) is closed at its last sign of life on its own day, never stretched
//! to midnight or across a weekend. Open sessions are looked for on every day since the last sign
//! of life, not only yesterday.

use super::{Journal, JournalError, heartbeat};
use crate::clock::Zone;
use crate::domain::open::{self, Liveness};
use crate::domain::span::day_bounds;
use crate::domain::timer::{self, TimerSettings};
use crate::domain::{Day, Session};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

/// How far back open sessions are looked for when the last sign of life is older still.
const MAX_DAYS_BACK: i64 = 62;

/// The timer settings and the stale limit: what settling needs from the config.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub settings: TimerSettings,
    pub stale_after_hours: u32,
}

impl Limits {
    pub fn of(config: &crate::config::Config) -> Limits {
        Limits {
            settings: config.timer_settings(),
            stale_after_hours: config.timer.stale_after_hours,
        }
    }
}

/// Settles every day before today that still has something running: carried over midnight when
/// the rep was seen after it, closed at the last sign of life otherwise. Returns the sessions it
/// closed, for the message. Safe to repeat, and safe after a crash between its writes.
pub fn settle_earlier_days(
    journal: &Journal,
    zone: &Zone,
    (today, now): (NaiveDate, DateTime<FixedOffset>),
    limits: &Limits,
) -> Result<Vec<Session>, JournalError> {
    let Some(yesterday) = today.pred_opt() else {
        return Ok(vec![]);
    };
    let sign = heartbeat::last(journal, now);
    let life = Liveness::new(sign, now, limits.stale_after_hours);
    let first = sign
        .map_or(yesterday, |s| s.with_timezone(zone).date_naive())
        .clamp(today - Duration::days(MAX_DAYS_BACK), yesterday);
    let mut closed = vec![];
    for date in first.iter_days().take_while(|d| *d < today) {
        let Some(day) = journal.load(date).ok().filter(Day::is_running) else {
            continue;
        };
        let midnight = day_bounds(zone, date + Duration::days(1)).start;
        let seen = open::day_last_seen(&day, &life);
        if seen >= midnight {
            carry_over(journal, date, midnight, &limits.settings)?;
        } else {
            closed.extend(journal.update(date, |d| {
                timer::advance(d, seen, &limits.settings);
                Ok(open::close_forgotten(d, &life, midnight))
            })?);
        }
    }
    Ok(closed)
}

/// The newest earlier day something still runs on, read only (for `status`).
pub fn running_earlier(journal: &Journal, zone: &Zone, now: DateTime<FixedOffset>) -> Option<Day> {
    let today = now.with_timezone(zone).date_naive();
    let yesterday = today.pred_opt()?;
    let first = heartbeat::last(journal, now)
        .map_or(yesterday, |s| s.with_timezone(zone).date_naive())
        .clamp(today - Duration::days(MAX_DAYS_BACK), yesterday);
    first
        .iter_days()
        .take_while(|d| *d < today)
        .filter_map(|d| journal.load_existing(d)?.ok())
        .filter(Day::is_running)
        .last()
}

/// The next local date, when something runs in its file: a session started in a zone ahead of
/// the one the rep is in now.
pub fn running_ahead(journal: &Journal, today: NaiveDate) -> Option<NaiveDate> {
    let next = today.succ_opt()?;
    journal
        .load_existing(next)?
        .ok()
        .filter(Day::is_running)
        .map(|_| next)
}

/// Splits what runs on `date` at `midnight`: `date` keeps the part before, the next day goes on
/// from 00:00.
fn carry_over(
    journal: &Journal,
    date: NaiveDate,
    midnight: DateTime<FixedOffset>,
    settings: &TimerSettings,
) -> Result<(), JournalError> {
    let next = date + Duration::days(1);
    // A round that ended before midnight ends there first, rather than being carried.
    let before = journal.update(date, |d| {
        timer::advance(d, midnight, settings);
        Ok(d.clone())
    })?;
    journal.update(next, |t| {
        // After a crash between the two writes the next day already holds the carried timer.
        if t.timer.is_none() && !t.sessions.iter().any(|s| s.end.is_none()) {
            timer::carry_over_midnight(&mut before.clone(), t, midnight);
        }
        Ok(())
    })?;
    journal.update(date, |d| {
        timer::carry_over_midnight(d, &mut Day::new(next), midnight);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::timer::TimerOp;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn limits() -> Limits {
        Limits::of(&crate::config::Config::defaults())
    }

    fn zone() -> Zone {
        Zone::Fixed(FixedOffset::east_opt(3600).unwrap())
    }

    /// `protime interrupt "Globex"` at `start`, with the last sign of life at `seen`.
    fn forgotten_interruption(start: &str, seen: &str) -> (tempfile::TempDir, Journal) {
        let tmp = tempfile::tempdir().unwrap();
        let journal = Journal::new(tmp.path().join("journal"));
        let start = at(start);
        journal
            .update(start.date_naive(), |d| {
                TimerOp::Interrupt(Some("Globex".into()))
                    .apply(d, start, &limits().settings)
                    .map(|_| ())
            })
            .unwrap();
        heartbeat::touch(&journal, at(seen)).unwrap();
        (tmp, journal)
    }

    fn sessions(journal: &Journal, date: &str) -> Vec<String> {
        let day = journal.load(date.parse().unwrap()).unwrap();
        day.sessions
            .iter()
            .map(|s| {
                let end = s
                    .end
                    .map_or("open".into(), |e| e.format("%a %H:%M").to_string());
                format!("{}–{end}", s.start.format("%a %H:%M"))
            })
            .collect()
    }

    #[test]
    fn a_forgotten_interruption_ends_at_its_last_sign_of_life_the_next_morning() {
        let (_tmp, journal) =
            forgotten_interruption("2026-11-26T16:00:00+01:00", "2026-11-26T16:05:00+01:00");
        let now = at("2026-11-27T08:21:00+01:00");
        let closed =
            settle_earlier_days(&journal, &zone(), (now.date_naive(), now), &limits()).unwrap();
        assert_eq!(sessions(&journal, "2026-11-26"), ["Thu 16:00–Thu 16:05"]);
        assert!(
            sessions(&journal, "2026-11-27").is_empty(),
            "no made-up minute"
        );
        assert!(
            journal
                .load_existing("2026-11-27".parse().unwrap())
                .is_none()
        );
        assert_eq!(closed.len(), 1);
    }

    #[test]
    fn a_friday_interruption_seen_on_monday_is_closed_on_friday() {
        let (_tmp, journal) =
            forgotten_interruption("2026-11-27T16:00:00+01:00", "2026-11-27T16:05:00+01:00");
        let now = at("2026-11-30T08:21:00+01:00");
        settle_earlier_days(&journal, &zone(), (now.date_naive(), now), &limits()).unwrap();
        assert_eq!(sessions(&journal, "2026-11-27"), ["Fri 16:00–Fri 16:05"]);
        let again =
            settle_earlier_days(&journal, &zone(), (now.date_naive(), now), &limits()).unwrap();
        assert!(again.is_empty(), "nothing left to settle");
    }

    #[test]
    fn a_session_alive_past_midnight_is_split_there_and_goes_on() {
        let (_tmp, journal) =
            forgotten_interruption("2026-11-26T23:30:00+01:00", "2026-11-27T00:10:00+01:00");
        let now = at("2026-11-27T00:12:00+01:00");
        settle_earlier_days(&journal, &zone(), (now.date_naive(), now), &limits()).unwrap();
        assert_eq!(sessions(&journal, "2026-11-26"), ["Thu 23:30–Fri 00:00"]);
        assert_eq!(sessions(&journal, "2026-11-27"), ["Fri 00:00–open"]);
    }
}
