//! The journal's own id: the host part of the UIDs its exported blocks carry, so an event seen
//! again in an imported calendar is known as one of this journal's blocks. Kept in the journal
//! folder (`.journal-id`), so it travels with the journal when the rep syncs or moves it.

use super::Journal;
use super::atomic::{JournalLock, write_atomic};
use super::error::JournalError;
use std::io;

const FILE: &str = ".journal-id";

impl Journal {
    /// The journal's id, when one was given (by an export); `None` before that.
    pub fn id(&self) -> Result<Option<String>, JournalError> {
        let path = self.root().join(FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => valid(&text).map(Some).ok_or_else(|| {
                JournalError::Refused(format!(
                    "{} does not hold a journal id (letters and digits): put back the id it \
                     held, or delete the file to get a new one (a calendar then sees new events)",
                    path.display()
                ))
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(JournalError::io("read", path, e)),
        }
    }

    /// The journal's id, given now (16 random hex digits) when it has none yet. Under the
    /// journal lock, so two processes exporting at once agree on one id.
    pub fn ensure_id(&self) -> Result<String, JournalError> {
        let _lock = JournalLock::acquire(self.root())?;
        self.ensure_id_held()
    }

    /// [`Journal::ensure_id`] for a caller that holds the journal lock already (a save hook).
    pub fn ensure_id_held(&self) -> Result<String, JournalError> {
        if let Some(id) = self.id()? {
            return Ok(id);
        }
        let id = format!("{:016x}", fastrand::u64(..));
        write_atomic(&self.root().join(FILE), format!("{id}\n").as_bytes())?;
        Ok(id)
    }
}

/// The id in the file's text: letters, digits, `-` and `.`, as a UID's host part allows.
fn valid(text: &str) -> Option<String> {
    let id = text.trim();
    (!id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.'))
    .then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_is_given_once_and_then_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let journal = Journal::new(tmp.path().join("journal"));
        assert_eq!(journal.id().unwrap(), None);
        let id = journal.ensure_id().unwrap();
        assert_eq!(id.len(), 16);
        assert_eq!(journal.ensure_id().unwrap(), id);
        assert_eq!(journal.id().unwrap(), Some(id));
        assert!(!journal.has_days(), "the id file is not a day");
    }
}
