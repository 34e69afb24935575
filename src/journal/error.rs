//! What can go wrong with the journal on disk, worded so a rep knows what to do.

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error(
        "{path}:{line}:{column}: {message}. protime shows this day read-only and never writes over \
         this file: fix it in an editor (or move it away) and protime picks it up again."
    )]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error(
        "{path}:{line}:1: written by a newer protime (schema {found}); this one reads schemas up to {supported}. \
         Update protime to edit this day; the file is left untouched."
    )]
    FutureSchema {
        path: PathBuf,
        line: usize,
        found: i64,
        supported: u32,
    },

    #[error("could not {action} {path}: {source}. {hint}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
        hint: &'static str,
    },

    #[error("{0}")]
    Refused(String),
}

impl JournalError {
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> JournalError {
        let hint = match source.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
                "The disk is full: free some space and try again; the file on disk is as it was."
            }
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                "The folder is not writable: check its permissions (or --data-dir); the file on disk is as it was."
            }
            _ => "Nothing was changed on disk; try again, or check the folder.",
        };
        JournalError::Io {
            action,
            path: path.into(),
            source,
            hint,
        }
    }

    /// True when the day's file exists but cannot be read as a day: it must not be written over.
    pub fn is_unreadable_day(&self) -> bool {
        matches!(
            self,
            JournalError::Parse { .. } | JournalError::FutureSchema { .. }
        )
    }
}
