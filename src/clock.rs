//! The one source of "now". Nothing else reads the system clock, so tests can cross midnight,
//! a DST change or a suspended laptop deterministically.

use chrono::{
    DateTime, Duration, FixedOffset, Local, LocalResult, NaiveDate, NaiveDateTime, TimeZone,
};
use std::sync::{Arc, Mutex};

pub trait Clock: Send + Sync {
    /// The current instant with the local UTC offset in force at that instant.
    fn now(&self) -> DateTime<FixedOffset>;

    /// The zone wall-clock times (planned blocks, typed times) are read in. A fixed clock keeps
    /// its offset all year; the system clock follows the machine's zone, daylight saving included.
    fn zone(&self) -> Zone {
        Zone::Fixed(*self.now().offset())
    }
}

/// The rep's time zone: the machine's, or a fixed offset (tests, `PROTIME_NOW`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Local,
    Fixed(FixedOffset),
}

impl TimeZone for Zone {
    type Offset = FixedOffset;

    fn from_offset(offset: &FixedOffset) -> Zone {
        Zone::Fixed(*offset)
    }

    #[allow(deprecated)]
    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<FixedOffset> {
        match self {
            Zone::Local => Local.offset_from_local_date(local),
            Zone::Fixed(offset) => LocalResult::Single(*offset),
        }
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<FixedOffset> {
        match self {
            Zone::Local => Local.offset_from_local_datetime(local),
            Zone::Fixed(offset) => LocalResult::Single(*offset),
        }
    }

    #[allow(deprecated)]
    fn offset_from_utc_date(&self, utc: &NaiveDate) -> FixedOffset {
        match self {
            Zone::Local => Local.offset_from_utc_date(utc),
            Zone::Fixed(offset) => *offset,
        }
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> FixedOffset {
        match self {
            Zone::Local => Local.offset_from_utc_datetime(utc),
            Zone::Fixed(offset) => *offset,
        }
    }
}

/// The real wall clock in the system's time zone.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }

    fn zone(&self) -> Zone {
        Zone::Local
    }
}

/// A clock that only moves when told to; clones share the same time.
#[derive(Debug, Clone)]
pub struct TestClock(Arc<Mutex<DateTime<FixedOffset>>>);

impl TestClock {
    pub fn at(now: DateTime<FixedOffset>) -> TestClock {
        TestClock(Arc::new(Mutex::new(now)))
    }

    /// Parses an RFC 3339 timestamp; for tests only, so a bad literal may panic.
    pub fn at_rfc3339(text: &str) -> TestClock {
        TestClock::at(DateTime::parse_from_rfc3339(text).expect("test timestamp"))
    }

    pub fn set(&self, now: DateTime<FixedOffset>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = now;
    }

    pub fn advance(&self, by: Duration) {
        let mut t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *t += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<FixedOffset> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_zone_places_wall_clock_times_at_its_offset() {
        let zone = TestClock::at_rfc3339("2026-11-26T10:00:00+01:00").zone();
        let date = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        let at = crate::domain::span::local_instant(
            &zone,
            date,
            chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        );
        assert_eq!(at.to_rfc3339(), "2026-07-01T09:00:00+01:00");
        assert_eq!(SystemClock.zone(), Zone::Local);
    }

    #[test]
    fn test_clock_moves_only_when_told_and_clones_share_time() {
        let clock = TestClock::at_rfc3339("2026-11-26T23:59:00+01:00");
        let other = clock.clone();
        assert_eq!(clock.now(), other.now());
        clock.advance(Duration::minutes(2));
        assert_eq!(other.now().to_rfc3339(), "2026-11-27T00:01:00+01:00");
    }
}
