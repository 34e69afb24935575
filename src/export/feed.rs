//! The feed (`[calendar] feed = "PATH"`): an .ics file of the rep's blocks of the next 14 days,
//! kept current for a calendar that subscribes to a file (Thunderbird, Evolution, GNOME
//! Calendar, Apple Calendar). Every process that saves one of those days rewrites it, under the
//! journal lock (so two writers never interleave) and atomically (so a calendar never reads half
//! a file).

use super::ics::{self, Privacy};
use crate::clock::{Clock, Zone};
use crate::config::Config;
use crate::journal::{Journal, JournalError};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// How many days the feed holds: today and the next 13.
/// Today and the next 13 days: what a plan export or a sync covers when no period is named.
pub fn fortnight(today: chrono::NaiveDate) -> (chrono::NaiveDate, chrono::NaiveDate) {
    (today, today + chrono::Duration::days(DAYS - 1))
}

pub const DAYS: i64 = 14;

/// Where the feed goes and what it lets out.
#[derive(Debug, Clone)]
pub struct Feed {
    pub path: PathBuf,
    pub privacy: Privacy,
}

impl Feed {
    /// The feed the config names, if any.
    pub fn of(config: &Config) -> Option<Feed> {
        Some(Feed {
            path: config.calendar.feed_path()?,
            privacy: config.calendar.privacy(),
        })
    }

    /// Whether a save of `date` changes the feed of the fortnight from `today`.
    pub fn covers(date: NaiveDate, today: NaiveDate) -> bool {
        (today..today + Duration::days(DAYS)).contains(&date)
    }

    /// Writes the feed of the fortnight from `now`'s day. Call it holding the journal lock (a
    /// save hook does): it reads the days and the journal id without taking the lock again.
    pub fn write(
        &self,
        journal: &Journal,
        now: DateTime<FixedOffset>,
        zone: &Zone,
    ) -> Result<(), String> {
        let today = now.with_timezone(zone).date_naive();
        let last = today + Duration::days(DAYS - 1);
        let days = super::days(journal, today, last)?;
        let id = journal.ensure_id_held().map_err(|e| e.to_string())?;
        let text = ics::calendar(&days, zone, &id, now.to_utc(), &self.privacy);
        crate::journal::atomic::write_atomic(&self.path, text.as_bytes()).map_err(|e| match e {
            // The journal's hint (its folder, --data-dir) is not this file's: [`failed`] says.
            JournalError::Io {
                action,
                path,
                source,
                ..
            } => format!("could not {action} {}: {source}", path.display()),
            other => other.to_string(),
        })
    }
}

/// Gives `journal` a save hook that rewrites the feed after each save of a day in the next 14.
/// `settings` gives the feed (none: no feed); it is asked on the first such save only, so a
/// process that saves nothing there (`protime status`) reads no config for it. `report` hears
/// each write's outcome (a failure in words that say what to do); the day itself is saved all
/// the same.
pub fn attach(
    journal: Journal,
    settings: impl Fn() -> Option<Feed> + Send + Sync + 'static,
    clock: Arc<dyn Clock>,
    report: impl Fn(Result<(), String>) + Send + Sync + 'static,
) -> Journal {
    let feed: OnceLock<Option<Feed>> = OnceLock::new();
    journal.on_save(Arc::new(move |journal: &Journal, date: NaiveDate| {
        let (now, zone) = (clock.now(), clock.zone());
        if !Feed::covers(date, now.with_timezone(&zone).date_naive()) {
            return;
        }
        if let Some(feed) = feed.get_or_init(&settings) {
            let written = feed.write(journal, now, &zone);
            report(written.map_err(|e| failed(&e)));
        }
    }))
}

/// What the rep is told when the feed could not be written, and what to do.
fn failed(e: &str) -> String {
    format!(
        "calendar feed not written: {e}. Your days are saved; make that folder writable or set \
         [calendar] feed to a file you can write: the next save tries again"
    )
}

/// The outcome of the feed's last write not yet heard, for a dashboard to show: a failure stays
/// on its message line until a write succeeds.
#[derive(Debug, Clone, Default)]
pub struct LastWrite(Arc<Mutex<Option<Result<(), String>>>>);

impl LastWrite {
    /// A `report` for [`attach`] that keeps the outcome here.
    pub fn reporter(&self) -> impl Fn(Result<(), String>) + Send + Sync + 'static {
        let last = self.0.clone();
        move |outcome| {
            if let Ok(mut last) = last.lock() {
                *last = Some(outcome);
            }
        }
    }

    /// The newest outcome since the last call, if any.
    pub fn take(&self) -> Option<Result<(), String>> {
        self.0.lock().ok()?.take()
    }
}

/// The feed of the config file at `file` (`explicit`: named by `--config`), read when asked.
pub fn from_config_file(file: PathBuf, explicit: bool) -> impl Fn() -> Option<Feed> + Send + Sync {
    move || {
        Config::load(&file, explicit)
            .ok()
            .and_then(|c| Feed::of(&c))
    }
}

#[cfg(test)]
#[path = "feed_test.rs"]
mod tests;
