//! Notices day files changed by another process (another pane, a CLI verb, a sync tool).

use super::atomic::ensure_private_dir;
use super::error::JournalError;
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
        if event.is_ok_and(|e| e.paths.iter().any(|p| is_day_file(p))) {
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

fn is_day_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".toml") && !name.starts_with('.')
}
