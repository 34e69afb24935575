//! Notices day files changed by another process (another pane, a CLI verb, a sync tool).

use super::atomic::ensure_private_dir;
use super::error::JournalError;
use notify::event::{CreateKind, EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use std::path::Path;

/// Calls `on_change` (from the watcher's own thread) whenever a day file under `root` changes.
/// Keep the returned watcher alive for as long as changes should be reported.
pub fn watch_days(
    root: &Path,
    on_change: impl Fn() + Send + 'static,
) -> Result<notify::RecommendedWatcher, JournalError> {
    ensure_private_dir(root)?;
    let handler = move |event: notify::Result<notify::Event>| {
        let relevant = |e: &notify::Event| {
            let new_folder = matches!(e.kind, EventKind::Create(CreateKind::Folder));
            is_change(&e.kind) && (new_folder || e.paths.iter().any(|p| is_day_file(p)))
        };
        if event.is_ok_and(|e| relevant(&e)) {
            on_change();
        }
    };
    let watch_error =
        |e: notify::Error| JournalError::io("watch", root, std::io::Error::other(e.to_string()));
    let mut watcher = notify::recommended_watcher(handler).map_err(watch_error)?;
    watcher
        .watch(root, RecursiveMode::Recursive)
        .map_err(watch_error)?;
    Ok(watcher)
}

/// Calls `on_change` whenever a reply template (`*.md`) in `dir` is written, renamed or removed,
/// so a template saved in an editor shows at once. A folder not made yet is watched for from its
/// parent.
pub fn watch_templates(
    dir: &Path,
    on_change: impl Fn() + Send + 'static,
) -> Result<notify::RecommendedWatcher, JournalError> {
    let folder = dir.to_path_buf();
    // The folder appearing counts too: a file written into it at once may come before the
    // watch on the new folder is in place.
    let handler = move |event: notify::Result<notify::Event>| {
        let relevant =
            |p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "md") || *p == folder;
        if event.is_ok_and(|e| is_change(&e.kind) && e.paths.iter().any(relevant)) {
            on_change();
        }
    };
    let (target, mode) = match (dir.is_dir(), dir.parent()) {
        (false, Some(parent)) => (parent, RecursiveMode::Recursive),
        _ => (dir, RecursiveMode::NonRecursive),
    };
    let watch_error =
        |e: notify::Error| JournalError::io("watch", target, std::io::Error::other(e.to_string()));
    let mut watcher = notify::recommended_watcher(handler).map_err(watch_error)?;
    watcher.watch(target, mode).map_err(watch_error)?;
    Ok(watcher)
}

/// Writes, renames and removals; not reads. Protime reading its own files (opening them raises
/// access events) must not look like a change, or every reload would trigger the next.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        _ => false,
    }
}

fn is_day_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".toml") && !name.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, DataChange, MetadataKind, RenameMode};

    #[test]
    fn only_writes_renames_and_removals_count() {
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Any)));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(is_day_file(Path::new("/j/2026/2026-11-26.toml")));
        assert!(!is_day_file(Path::new("/j/.lock")));
        assert!(!is_day_file(Path::new("/j/2026/.2026-11-26.toml.12.tmp")));
    }

    #[test]
    fn reading_a_day_does_not_report_a_change_but_writing_does() {
        use std::sync::mpsc;
        use std::time::Duration;
        let tmp = tempfile::tempdir().unwrap();
        let journal = crate::journal::Journal::new(tmp.path());
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let set_off = |off: Option<&str>| {
            journal
                .update(date, |d| {
                    d.off = off.map(str::to_string);
                    Ok(())
                })
                .unwrap()
        };
        set_off(Some("holiday"));
        let (tx, rx) = mpsc::channel();
        let _watcher = watch_days(journal.root(), move || {
            let _ = tx.send(());
        })
        .unwrap();
        for _ in 0..20 {
            journal.load(date).unwrap();
        }
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "reads reported as changes"
        );
        set_off(None);
        assert!(
            rx.recv_timeout(Duration::from_secs(5)).is_ok(),
            "a write was not reported"
        );
    }

    #[test]
    fn a_template_saved_is_reported_and_other_files_are_not() {
        use std::sync::mpsc;
        use std::time::Duration;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("templates");
        let watch = |dir: &Path| {
            let (tx, rx) = mpsc::channel();
            let watcher = watch_templates(dir, move || {
                let _ = tx.send(());
            })
            .unwrap();
            (watcher, rx)
        };
        let (_before, rx) = watch(&dir);
        std::fs::write(tmp.path().join("config.toml"), "x").unwrap();
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
        std::fs::create_dir(&dir).unwrap();
        assert!(
            rx.recv_timeout(Duration::from_secs(5)).is_ok(),
            "the new templates folder was not reported"
        );
        let (_after, rx) = watch(&dir);
        std::fs::write(dir.join("notes.txt"), "x").unwrap();
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
        std::fs::write(dir.join("pricing.md"), "Hi NAME,").unwrap();
        assert!(
            rx.recv_timeout(Duration::from_secs(5)).is_ok(),
            "a new template was not reported"
        );
    }
}
