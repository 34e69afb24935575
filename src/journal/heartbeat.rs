//! A sign of life while a session is open: the modification time of `heartbeat` in the data
//! folder, beside (not inside) the journal, so a journal kept in a synced folder is not rewritten
//! every minute.
//! Kept out of the day files so a running timer does not rewrite them every minute.

use super::{Journal, JournalError};
use chrono::{DateTime, FixedOffset, Utc};
use std::fs::{File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::time::SystemTime;

fn path(journal: &Journal) -> PathBuf {
    let root = journal.root();
    root.parent()
        .map_or_else(|| root.join(".heartbeat"), |data| data.join("heartbeat"))
}

/// Notes that protime was running at `now` (the app's clock), as the file's modification time.
pub fn touch(journal: &Journal, now: DateTime<FixedOffset>) -> Result<(), JournalError> {
    let path = path(journal);
    if let Some(dir) = path.parent() {
        super::atomic::ensure_private_dir(dir)?;
    }
    let file: File = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| JournalError::io("write", &path, e))?;
    file.set_modified(SystemTime::from(now))
        .map_err(|e| JournalError::io("touch", &path, e))
}

/// Renews the sign of life at `now`, unless a session is open after a silence (`silent`): then
/// only the rep's answer may extend it, so the old sign stays.
pub fn renew(
    journal: &Journal,
    now: DateTime<FixedOffset>,
    silent: bool,
) -> Result<(), JournalError> {
    if silent {
        return Ok(());
    }
    touch(journal, now)
}

/// The last sign of life, if there ever was one, in the zone of `offset_like`.
pub fn last(
    journal: &Journal,
    offset_like: DateTime<FixedOffset>,
) -> Option<DateTime<FixedOffset>> {
    let modified = std::fs::metadata(path(journal)).ok()?.modified().ok()?;
    Some(DateTime::<Utc>::from(modified).with_timezone(offset_like.offset()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touch_then_read_back_the_same_instant() {
        let tmp = tempfile::tempdir().unwrap();
        let journal = Journal::new(tmp.path().join("journal"));
        let now = DateTime::parse_from_rfc3339("2026-11-26T10:42:00+01:00").unwrap();
        assert_eq!(last(&journal, now), None);
        touch(&journal, now).unwrap();
        assert_eq!(last(&journal, now), Some(now));
        assert!(
            tmp.path().join("heartbeat").exists(),
            "beside the journal, not in it"
        );
    }
}
