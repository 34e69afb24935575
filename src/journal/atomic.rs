//! Crash-safe writes: temp file beside the target, fsync, rename over, fsync the folder.

use super::error::JournalError;
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

/// Creates `dir` and any missing parents with mode 0700. Each folder it creates is flushed to its
/// parent, so a new year's folder (and the day file in it) survives a power cut.
pub fn ensure_private_dir(dir: &Path) -> Result<(), JournalError> {
    let missing: Vec<&Path> = dir.ancestors().take_while(|d| !d.exists()).collect();
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| JournalError::io("create the folder", dir, e))?;
    for created in missing {
        if let Some(parent) = created.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(parent)?;
        }
    }
    Ok(())
}

/// Replaces `path` with `contents` so that a crash at any moment leaves either the old or the new
/// file, never a mix. Returns only after the data and the rename are on disk.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), JournalError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    ensure_private_dir(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("day");
    // In the same folder (never the system temp dir) so the rename cannot cross file systems.
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = write_temp(&temp, contents)
        .and_then(|()| fs::rename(&temp, path).map_err(|e| JournalError::io("replace", path, e)))
        .and_then(|()| sync_dir(dir));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Removes the temp files that saves killed mid-write (power cut, SIGKILL) left beside `path`, so
/// they do not pile up in the journal or a synced folder. Call it only under the journal lock:
/// then no other save of this file is under way.
pub fn remove_stale_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if is_temp_of(&entry.file_name().to_string_lossy(), name) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// `.NAME.PID.tmp`, as `write_atomic` names its temp files.
fn is_temp_of(file: &str, name: &str) -> bool {
    file.strip_prefix('.')
        .and_then(|f| f.strip_prefix(name))
        .and_then(|f| f.strip_prefix('.'))
        .and_then(|f| f.strip_suffix(".tmp"))
        .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

fn write_temp(temp: &Path, contents: &[u8]) -> Result<(), JournalError> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(temp)
        .map_err(|e| JournalError::io("create", temp, e))?;
    file.write_all(contents)
        .map_err(|e| JournalError::io("write", temp, e))?;
    file.sync_all()
        .map_err(|e| JournalError::io("flush to disk", temp, e))
}

fn sync_dir(dir: &Path) -> Result<(), JournalError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| JournalError::io("flush the folder", dir, e))
}

/// An exclusive advisory lock held on the journal folder itself (a lock on the day file would die
/// with the rename, and one on a lock file could be defeated by deleting that file while writers
/// run). Released when dropped.
pub struct JournalLock {
    file: File,
}

impl JournalLock {
    pub fn acquire(journal_root: &Path) -> Result<JournalLock, JournalError> {
        ensure_private_dir(journal_root)?;
        let file = File::open(journal_root)
            .map_err(|e| JournalError::io("open the folder", journal_root, e))?;
        file.lock()
            .map_err(|e| JournalError::io("lock", journal_root, e))?;
        Ok(JournalLock { file })
    }
}

impl Drop for JournalLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn only_this_files_temps_count_as_stale() {
        let name = "2026-11-26.toml";
        assert!(is_temp_of(".2026-11-26.toml.4242.tmp", name));
        for other in [
            ".2026-11-25.toml.4242.tmp",
            ".2026-11-26.toml..tmp",
            ".2026-11-26.toml.x1.tmp",
            "2026-11-26.toml",
            ".2026-11-26.toml.4242.tmp.keep",
        ] {
            assert!(!is_temp_of(other, name), "{other}");
        }
    }

    #[test]
    fn the_lock_is_the_folder_itself_so_no_file_can_be_deleted_to_defeat_it() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("journal");
        let held = JournalLock::acquire(&root).unwrap();
        let _ = fs::remove_file(root.join(".lock"));
        let other = File::open(&root).unwrap();
        assert!(other.try_lock().is_err(), "a second writer must wait");
        drop(held);
        assert!(other.try_lock().is_ok());
        assert_eq!(fs::read_dir(&root).unwrap().count(), 0, "no lock file");
    }

    #[test]
    fn writes_private_files_in_private_folders_and_leaves_no_temp() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("journal/2026/2026-11-26.toml");
        write_atomic(&path, b"schema = 1\n").unwrap();
        write_atomic(&path, b"schema = 1\n# second\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "schema = 1\n# second\n");
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["2026-11-26.toml"]);
    }
}
