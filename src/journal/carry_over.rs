//! A timer or session still running in yesterday's file is split at midnight: yesterday keeps the
//! part before, today continues from 00:00. The dashboard does this when it starts and at
//! midnight; the timer verbs and `protime status` do it first, so `protime stop` the morning after
//! still finds the timer.

use super::{Journal, JournalError};
use crate::clock::Zone;
use crate::domain::Day;
use crate::domain::span::day_bounds;
use crate::domain::timer::{self, TimerSettings};
use chrono::NaiveDate;

/// Carries whatever still runs on the day before `today` over to `today`. Safe to repeat, and
/// safe after a crash between its writes: it then finds nothing left to carry.
pub fn carry_over_midnight(
    journal: &Journal,
    zone: &Zone,
    today: NaiveDate,
    settings: &TimerSettings,
) -> Result<(), JournalError> {
    let Some(yesterday) = today.pred_opt() else {
        return Ok(());
    };
    let running = |d: &Day| d.timer.is_some() || d.sessions.iter().any(|s| s.end.is_none());
    if !journal.load(yesterday).is_ok_and(|d| running(&d)) {
        return Ok(());
    }
    let midnight = day_bounds(zone, today).start;
    // A round that ended before midnight ends there first, rather than being carried.
    let before = journal.update(yesterday, |d| {
        timer::advance(d, midnight, settings);
        Ok(d.clone())
    })?;
    journal.update(today, |t| {
        // After a crash between the two writes today already holds the carried timer.
        if t.timer.is_none() && !t.sessions.iter().any(|s| s.end.is_none()) {
            timer::carry_over_midnight(&mut before.clone(), t, midnight);
        }
        Ok(())
    })?;
    journal.update(yesterday, |d| {
        timer::carry_over_midnight(d, &mut Day::new(today), midnight);
        Ok(())
    })
}
