//! A panic in the dashboard leaves a usable terminal and a crash report: the hook restores the
//! terminal, writes the report into the crash folder, says where it is, and then still runs the
//! previous hook (std's default), so the panic message is not lost.
//!
//! The panic happens in a child process (this test binary run again on the `child_panics` test),
//! since a panic hook is process-wide and would catch the other tests' panics too.

use protime::clock::TestClock;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

const CHILD_ENV: &str = "PROTIME_PANIC_HOOK_CHILD_DIR";

/// Only does something when started by [`a_panic_restores_the_terminal_and_writes_a_report`].
#[test]
fn child_panics() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let clock = Arc::new(TestClock::at_rfc3339("2026-11-27T10:15:30+01:00"));
    protime::tui::terminal::install_panic_hook(Path::new(&dir).join("crash"), clock);
    panic!("boom from the test");
}

#[test]
fn a_panic_restores_the_terminal_and_writes_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_panics", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, dir.path())
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the child must panic:\n{stderr}");
    // The terminal is put back: alternate screen left, cursor shown.
    assert!(
        stdout.contains("\x1b[?1049l"),
        "no leave-alternate-screen: {stdout:?}"
    );
    assert!(stdout.contains("\x1b[?25h"), "cursor not shown: {stdout:?}");
    let report_path = dir.path().join("crash/crash-20261127-101530.txt");
    let report = std::fs::read_to_string(&report_path)
        .unwrap_or_else(|e| panic!("no report at {}: {e}\n{stderr}", report_path.display()));
    assert!(report.starts_with("protime "), "{report}");
    assert!(
        report.contains("crashed at 2026-11-27T10:15:30+01:00"),
        "{report}"
    );
    assert!(report.contains("boom from the test"), "{report}");
    let told = format!("a report is in {}", report_path.display());
    assert!(
        stderr.contains(&told),
        "the rep is not told where: {stderr}"
    );
    // The previous (std default) hook ran after ours.
    let hook = stderr.find("panicked at").expect("std's panic message");
    assert!(
        stderr.find(&told) < Some(hook),
        "std's message comes last: {stderr}"
    );
    assert!(stderr.contains("boom from the test"), "{stderr}");
}
