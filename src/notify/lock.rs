//! One alert per journal: with several protime dashboards open on the same journal, only the one
//! holding the notification lock (a lock file beside the journal folder) alerts. The others
//! still list every notification in the app, and the first to find the lock free takes over.

use super::{Delivery, Notification, Notifier, NotifyEvent};
use chrono::{DateTime, FixedOffset};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// Alerts through `inner` only while this process holds the lock at `path`.
pub struct OneAlerter {
    path: PathBuf,
    /// `Some` while this process alerts: the locked file, or `None` when no lock could be had.
    held: Option<Option<File>>,
    inner: Box<dyn Notifier>,
}

impl OneAlerter {
    /// Takes the lock now if it is free, so the first dashboard started is the one that alerts.
    pub fn new(path: PathBuf, inner: Box<dyn Notifier>) -> Self {
        let mut alerter = OneAlerter {
            path,
            held: None,
            inner,
        };
        alerter.holds();
        alerter
    }

    /// The lock file for the journal at `journal_root`: `journal.notify-lock` beside it.
    pub fn lock_path(journal_root: &Path) -> PathBuf {
        let name = journal_root
            .file_name()
            .map_or("journal".into(), |n| n.to_string_lossy().into_owned());
        journal_root.with_file_name(format!("{name}.notify-lock"))
    }

    /// True when this process alerts: it holds the lock, or just took it.
    pub fn holds(&mut self) -> bool {
        if self.held.is_none() {
            self.held = take_lock(&self.path);
        }
        self.held.is_some()
    }
}

/// The lock when free (`Some(Some(file))`). One that cannot be had for another reason (a
/// read-only folder) counts as free (`Some(None)`): alerting twice is better than never.
fn take_lock(path: &Path) -> Option<Option<File>> {
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path);
    let Ok(file) = file else {
        return Some(None);
    };
    match file.try_lock() {
        Ok(()) => Some(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => None,
        Err(std::fs::TryLockError::Error(_)) => Some(None),
    }
}

impl Notifier for OneAlerter {
    fn notify(&mut self, notification: &Notification, now: DateTime<FixedOffset>) -> Delivery {
        if self.holds() {
            self.inner.notify(notification, now)
        } else {
            Delivery::Elsewhere
        }
    }

    fn poll(&mut self) -> Option<NotifyEvent> {
        self.inner.poll()
    }

    fn retry(&mut self) -> bool {
        self.inner.retry()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notify::{NotificationKind, RecordingNotifier};

    #[test]
    fn of_two_dashboards_on_one_journal_the_first_alerts_until_it_quits() {
        let dir = tempfile::tempdir().unwrap();
        let path = OneAlerter::lock_path(&dir.path().join("journal"));
        assert_eq!(path, dir.path().join("journal.notify-lock"));
        let (first_seen, second_seen) = (RecordingNotifier::new(), RecordingNotifier::new());
        let mut first = OneAlerter::new(path.clone(), Box::new(first_seen.clone()));
        let mut second = OneAlerter::new(path, Box::new(second_seen.clone()));
        let n = Notification::new(NotificationKind::FocusEnd, "Focus round 1 done", "");
        let now = DateTime::parse_from_rfc3339("2026-11-26T10:00:00+01:00").unwrap();
        assert_eq!(first.notify(&n, now), Delivery::Recorded);
        assert_eq!(second.notify(&n, now), Delivery::Elsewhere);
        drop(first);
        assert_eq!(second.notify(&n, now), Delivery::Recorded, "taken over");
        assert_eq!((first_seen.sent().len(), second_seen.sent().len()), (1, 1));
    }
}
