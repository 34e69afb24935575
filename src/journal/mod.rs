//! The journal store: the only code that touches day files on disk.
//!
//! Every change goes through [`Journal::update`]: under an exclusive lock it re-reads the newest
//! version of the day, applies the edit, and writes atomically. So an edit never replaces a version
//! of the file it has not seen, whichever process (two TUIs, a CLI verb) made it.

pub mod atomic;
pub mod carry_over;
pub mod days_off;
pub mod error;
pub mod format;
pub mod heartbeat;
pub mod identity;
pub mod lean;
pub mod sanity;
pub mod sync_state;
pub mod watch;

pub use error::JournalError;

use crate::domain::Day;
use chrono::{Datelike, NaiveDate};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Journal {
    root: PathBuf,
    on_save: Option<SaveHook>,
}

/// Run after each save that changed a day, still under the journal lock (the calendar feed is
/// rewritten here). It must not save a day itself: the lock is held.
#[derive(Clone)]
pub struct SaveHook(pub OnSave);

/// What a [`SaveHook`] runs: the journal and the day just saved.
pub type OnSave = std::sync::Arc<dyn Fn(&Journal, NaiveDate) + Send + Sync>;

impl std::fmt::Debug for SaveHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SaveHook")
    }
}

impl Journal {
    /// A journal rooted at `root` (usually `<data dir>/journal`). Nothing is created until a write.
    pub fn new(root: impl Into<PathBuf>) -> Journal {
        Journal {
            root: root.into(),
            on_save: None,
        }
    }

    /// The same journal, calling `hook` after each save that changed a day.
    pub fn on_save(mut self, hook: OnSave) -> Journal {
        self.on_save = Some(SaveHook(hook));
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `journal/YYYY/YYYY-MM-DD.toml`
    pub fn day_path(&self, date: NaiveDate) -> PathBuf {
        self.root
            .join(format!("{:04}", date.year()))
            .join(format!("{date}.toml"))
    }

    /// Reads a day; a day with no file yet is an empty day.
    pub fn load(&self, date: NaiveDate) -> Result<Day, JournalError> {
        Ok(self.load_with_text(date)?.0)
    }

    fn load_with_text(&self, date: NaiveDate) -> Result<(Day, Option<String>), JournalError> {
        let path = self.day_path(date);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Day::new(date), None)),
            Err(e) => return Err(JournalError::io("read", path, e)),
        };
        let text =
            String::from_utf8(bytes).map_err(|e| not_utf8(&path, e.as_bytes(), e.utf8_error()))?;
        Ok((format::parse_day(&text, &path, date)?, Some(text)))
    }

    /// Applies `edit` to the newest version of the day and saves it atomically. Returns after the
    /// file and its folder are on disk. An edit that returns `Err(reason)` changes nothing, and a
    /// day file that does not parse is never written over.
    pub fn update<T>(
        &self,
        date: NaiveDate,
        edit: impl FnOnce(&mut Day) -> Result<T, String>,
    ) -> Result<T, JournalError> {
        let _lock = atomic::JournalLock::acquire(&self.root)?;
        let (mut day, previous) = self.load_with_text(date)?;
        let result = edit(&mut day).map_err(JournalError::Refused)?;
        // The oldest format that holds the day, so an older protime reads every day it can.
        day.schema = day.needed_schema();
        let text = format::render_day(&day, previous.as_deref());
        if previous.as_deref() != Some(text.as_str()) {
            atomic::remove_stale_temps(&self.day_path(date));
            atomic::write_atomic(&self.day_path(date), text.as_bytes())?;
            if let Some(hook) = &self.on_save {
                (hook.0)(self, date);
            }
        }
        Ok(result)
    }

    /// Every day in `[from, to]` that has a file, reading only that period's files.
    pub fn days_in(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<(NaiveDate, Result<Day, JournalError>)> {
        from.iter_days()
            .take_while(|d| *d <= to)
            .filter_map(|d| self.load_existing(d).map(|day| (d, day)))
            .collect()
    }

    /// Reads a day that has a file; `None` when it has none. One `open` per day, no extra `stat`.
    pub fn load_existing(&self, date: NaiveDate) -> Option<Result<Day, JournalError>> {
        match self.load_with_text(date) {
            Ok((_, None)) => None,
            Ok((day, Some(_))) => Some(Ok(day)),
            Err(e) => Some(Err(e)),
        }
    }

    /// True when any day has a file (`YYYY/YYYY-MM-DD.toml`); stops at the first one found. A
    /// folder that cannot be read counts as having days, so a first start is never guessed.
    pub fn has_days(&self) -> bool {
        let years = match fs::read_dir(&self.root) {
            Ok(years) => years,
            Err(e) => return e.kind() != io::ErrorKind::NotFound,
        };
        years.flatten().any(|year| {
            let Ok(files) = fs::read_dir(year.path()) else {
                return year.path().is_dir();
            };
            files.flatten().any(|f| {
                let name = f.file_name();
                let name = name.to_string_lossy();
                name.strip_suffix(".toml")
                    .is_some_and(|d| d.parse::<NaiveDate>().is_ok())
            })
        })
    }

    /// The earliest day that has a file (`YYYY/YYYY-MM-DD.toml`): where counting starts. Reads
    /// the journal folder and the year folders from the earliest until one holds a day.
    pub fn first_day(&self) -> Option<NaiveDate> {
        let mut years: Vec<(i32, PathBuf)> = fs::read_dir(&self.root)
            .ok()?
            .flatten()
            .filter_map(|e| {
                let year = e.file_name().to_str()?.parse::<i32>().ok()?;
                Some((year, e.path()))
            })
            .collect();
        years.sort();
        years.into_iter().find_map(|(_, path)| {
            fs::read_dir(path)
                .ok()?
                .flatten()
                .filter_map(|f| {
                    let name = f.file_name();
                    let date = name.to_str()?.strip_suffix(".toml")?;
                    date.parse::<NaiveDate>().ok()
                })
                .min()
        })
    }

    /// Copies that sync tools leave when two machines changed the same day
    /// (Syncthing `.sync-conflict-`, Dropbox `conflicted copy`, Nextcloud `conflicted`, git `.orig`).
    pub fn conflict_copies(&self) -> Vec<PathBuf> {
        let mut found = vec![];
        let Ok(years) = fs::read_dir(&self.root) else {
            return found;
        };
        for year in years.flatten().filter(|e| e.path().is_dir()) {
            let Ok(files) = fs::read_dir(year.path()) else {
                continue;
            };
            found.extend(
                files
                    .flatten()
                    .map(|f| f.path())
                    .filter(|p| is_conflict_copy(p)),
            );
        }
        found.sort();
        found
    }
}

/// Names the line and column of the first byte that is not UTF-8, so the rep can find it.
fn not_utf8(path: &Path, bytes: &[u8], error: std::str::Utf8Error) -> JournalError {
    let valid = String::from_utf8_lossy(&bytes[..error.valid_up_to()]);
    let line = valid.matches('\n').count() + 1;
    let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    JournalError::Parse {
        path: path.to_path_buf(),
        line,
        column,
        message: "the file is not UTF-8 text here (saved in another encoding?)".into(),
    }
}

fn is_conflict_copy(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    name.contains(".sync-conflict-")
        || name.contains("conflicted copy")
        || name.contains("(conflict")
        || name.ends_with(".toml.orig")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Block, BlockKind, Category};
    use chrono::NaiveTime;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn add_block(day: &mut Day, title: &str) -> Result<(), String> {
        let id = day.next_id("b");
        day.blocks.push(Block {
            id,
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
            category: Category::Proactive,
            title: title.into(),
            kind: BlockKind::Work,
            account: None,
            objective: None,
            source: None,
        });
        Ok(())
    }

    #[test]
    fn missing_day_loads_empty_and_update_creates_it() {
        let tmp = tempfile::tempdir().unwrap();
        let j = Journal::new(tmp.path().join("journal"));
        assert!(j.load(date()).unwrap().is_empty());
        j.update(date(), |d| add_block(d, "calls")).unwrap();
        assert!(j.day_path(date()).ends_with("journal/2026/2026-11-26.toml"));
        assert_eq!(j.load(date()).unwrap().blocks[0].title, "calls");
    }

    #[test]
    fn refused_edit_and_corrupt_file_leave_the_disk_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let j = Journal::new(tmp.path());
        let path = j.day_path(date());
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "schema = 1\ndate = \"2026-11-26\"\n[[block]\n").unwrap();
        let err = j.update(date(), |d| add_block(d, "x")).unwrap_err();
        assert!(err.is_unreadable_day(), "{err}");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "schema = 1\ndate = \"2026-11-26\"\n[[block]\n"
        );

        fs::write(&path, "schema = 1\ndate = \"2026-11-26\"\n").unwrap();
        let refused = j
            .update(date(), |_| -> Result<(), String> {
                Err("end before start".into())
            })
            .unwrap_err();
        assert_eq!(refused.to_string(), "end before start");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "schema = 1\ndate = \"2026-11-26\"\n"
        );
    }

    #[test]
    fn non_utf8_byte_is_named_by_line_and_column_and_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let j = Journal::new(tmp.path());
        let path = j.day_path(date());
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let bytes = b"schema = 1\ndate = \"2026-11-26\"\n# caf\xe9 au lait\n";
        fs::write(&path, bytes).unwrap();
        let err = j.update(date(), |d| add_block(d, "x")).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("2026-11-26.toml:3:6: the file is not UTF-8"),
            "{msg}"
        );
        assert!(err.is_unreadable_day());
        assert_eq!(fs::read(&path).unwrap(), bytes);
    }

    #[test]
    fn a_save_clears_temps_left_by_a_killed_save_of_that_day() {
        let tmp = tempfile::tempdir().unwrap();
        let j = Journal::new(tmp.path());
        let year = j.day_path(date()).parent().unwrap().to_path_buf();
        fs::create_dir_all(&year).unwrap();
        fs::write(year.join(".2026-11-26.toml.99999.tmp"), "schema = 1\n").unwrap();
        fs::write(year.join(".2026-11-25.toml.99999.tmp"), "schema = 1\n").unwrap();
        j.update(date(), |d| add_block(d, "a")).unwrap();
        let mut names: Vec<_> = fs::read_dir(&year)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, [".2026-11-25.toml.99999.tmp", "2026-11-26.toml"]);
    }

    #[test]
    fn days_in_reads_only_existing_days_of_the_period() {
        let tmp = tempfile::tempdir().unwrap();
        let j = Journal::new(tmp.path());
        let other = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        j.update(date(), |d| add_block(d, "a")).unwrap();
        j.update(other, |d| add_block(d, "b")).unwrap();
        let nov = j.days_in(
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        );
        assert_eq!(nov.len(), 1);
        assert_eq!(nov[0].0, date());
    }

    #[test]
    fn conflict_copies_are_found() {
        let tmp = tempfile::tempdir().unwrap();
        let j = Journal::new(tmp.path());
        j.update(date(), |d| add_block(d, "a")).unwrap();
        let year = j.day_path(date()).parent().unwrap().to_path_buf();
        fs::write(
            year.join("2026-11-26.sync-conflict-20261126-101010-ABCDEF.toml"),
            "x",
        )
        .unwrap();
        fs::write(
            year.join("2026-11-26 (Anna's conflicted copy 2026-11-26).toml"),
            "x",
        )
        .unwrap();
        assert_eq!(j.conflict_copies().len(), 2);
    }
}
