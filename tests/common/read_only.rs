//! A folder made unwritable, for root too (the immutable attribute), writable again when dropped.

use std::fs;
use std::path::{Path, PathBuf};

/// True when the current user can create a file in `dir` (root can, whatever the mode says).
pub fn can_write_into(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let created = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .is_ok();
    if created {
        let _ = fs::remove_file(&probe);
    }
    created
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// A folder made unwritable for the current user, writable again when dropped (so the temp dir
/// can be removed even when the test fails).
pub struct ReadOnly {
    dir: PathBuf,
    immutable: bool,
}

impl ReadOnly {
    /// chmod 0500; as root, which ignores modes, the immutable attribute, which binds root too.
    /// None when neither takes effect here.
    pub fn make(dir: &Path) -> Option<ReadOnly> {
        set_mode(dir, 0o500);
        let mut guard = ReadOnly {
            dir: dir.to_path_buf(),
            immutable: false,
        };
        if can_write_into(dir) {
            guard.immutable = chattr(dir, "+i");
        }
        (!can_write_into(dir)).then_some(guard)
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if self.immutable {
            chattr(&self.dir, "-i");
        }
        set_mode(&self.dir, 0o700);
    }
}

pub fn chattr(path: &Path, flag: &str) -> bool {
    std::process::Command::new("chattr")
        .arg(flag)
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}
