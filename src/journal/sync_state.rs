//! What each calendar event was at the last CalDAV sync (`protime sync`): its href, its ETag on
//! the server and a hash of the block as protime last sent or took it. Kept in the journal folder
//! (`.caldav-sync.toml`), human-readable, written atomically under the journal lock.

use super::Journal;
use super::atomic::{JournalLock, write_atomic};
use super::error::JournalError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;

const FILE: &str = ".caldav-sync.toml";
/// Locked while a sync runs. A file of its own: the state file is replaced at each save, and the
/// journal folder's lock is taken by every save the sync makes.
const RUNNING: &str = ".caldav-sync.lock";

const HEADER: &str = "# protime's CalDAV sync state: each event as it was at the last `protime sync`.\n\
# Safe to delete: the next sync then asks about each event found on both sides at other times.\n";

/// The sync state of one calendar collection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    /// The calendar collection this state is for; another one starts from nothing.
    pub url: String,
    /// By event UID.
    #[serde(default)]
    pub events: BTreeMap<String, Synced>,
}

/// One event as both sides agreed on it at the last sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synced {
    pub href: String,
    pub etag: String,
    /// The hash of the event protime renders for its block.
    pub hash: String,
}

impl Journal {
    /// The sync state for the collection `url`; empty when there is none yet, or when the file
    /// is for another collection.
    pub fn sync_state(&self, url: &str) -> Result<SyncState, JournalError> {
        let path = self.root().join(FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(JournalError::io("read", path, e)),
        };
        if text.trim().is_empty() {
            return Ok(SyncState::fresh(url));
        }
        let state: SyncState = toml::from_str(&text).map_err(|e| {
            JournalError::Refused(format!(
                "{} does not read ({}): delete it, and settle the conflicts the next \
                 `protime sync` shows",
                path.display(),
                e.message()
            ))
        })?;
        Ok(match state.url == url {
            true => state,
            false => SyncState::fresh(url),
        })
    }

    /// Writes `state` atomically, under the journal lock.
    pub fn save_sync_state(&self, state: &SyncState) -> Result<(), JournalError> {
        let _lock = JournalLock::acquire(self.root())?;
        let body = toml::to_string(state)
            .map_err(|e| JournalError::Refused(format!("could not write the sync state: {e}")))?;
        write_atomic(
            &self.root().join(FILE),
            format!("{HEADER}{body}").as_bytes(),
        )
    }
}

/// Held while one sync of the journal runs; released when dropped (or when the process ends).
pub struct SyncRunning {
    _file: std::fs::File,
}

impl Journal {
    /// Claims the journal for one sync; `None` while another sync (the dashboard's, or
    /// `protime sync` in another terminal) has it, so the two never interleave.
    pub fn claim_sync(&self) -> Result<Option<SyncRunning>, JournalError> {
        use std::os::unix::fs::OpenOptionsExt;
        super::atomic::ensure_private_dir(self.root())?;
        let path = self.root().join(RUNNING);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| JournalError::io("open", &path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(SyncRunning { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(JournalError::io("lock", &path, e)),
        }
    }
}

impl SyncState {
    fn fresh(url: &str) -> SyncState {
        SyncState {
            url: url.to_string(),
            events: BTreeMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_reads_back_as_written_and_only_for_its_own_calendar() {
        let tmp = tempfile::tempdir().unwrap();
        let journal = Journal::new(tmp.path().join("journal"));
        let url = "https://dav.example.com/anna/work/";
        assert_eq!(journal.sync_state(url).unwrap(), SyncState::fresh(url));
        let mut state = SyncState::fresh(url);
        let synced = Synced {
            href: "/anna/work/2026-11-30-b1@ab.ics".into(),
            etag: "\"e1\"".into(),
            hash: "0123".into(),
        };
        state.events.insert("2026-11-30-b1@ab".into(), synced);
        journal.save_sync_state(&state).unwrap();
        assert_eq!(journal.sync_state(url).unwrap(), state);
        let text = std::fs::read_to_string(journal.root().join(FILE)).unwrap();
        assert!(text.contains("[events.\"2026-11-30-b1@ab\"]"), "{text}");
        let other = "https://dav.example.com/anna/home/";
        assert_eq!(journal.sync_state(other).unwrap(), SyncState::fresh(other));
    }

    #[test]
    fn a_broken_state_file_is_named_with_what_to_do() {
        let tmp = tempfile::tempdir().unwrap();
        let journal = Journal::new(tmp.path());
        std::fs::write(tmp.path().join(FILE), "url = [").unwrap();
        let e = journal.sync_state("https://x/").unwrap_err().to_string();
        assert!(
            e.contains(".caldav-sync.toml") && e.contains("delete it"),
            "{e}"
        );
    }
}
