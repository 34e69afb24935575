//! The one source of "now". Nothing else reads the system clock, so tests can cross midnight,
//! a DST change or a suspended laptop deterministically.

use chrono::{DateTime, Duration, FixedOffset, Local};
use std::sync::{Arc, Mutex};

pub trait Clock: Send + Sync {
    /// The current instant with the local UTC offset in force at that instant.
    fn now(&self) -> DateTime<FixedOffset>;
}

/// The real wall clock in the system's time zone.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
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
    fn test_clock_moves_only_when_told_and_clones_share_time() {
        let clock = TestClock::at_rfc3339("2026-11-26T23:59:00+01:00");
        let other = clock.clone();
        assert_eq!(clock.now(), other.now());
        clock.advance(Duration::minutes(2));
        assert_eq!(other.now().to_rfc3339(), "2026-11-27T00:01:00+01:00");
    }
}
