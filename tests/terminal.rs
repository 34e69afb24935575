//! The real binary in a real terminal: tmux runs protime, `capture-pane` reads the screen. Covers
//! what a `TestBackend` cannot: raw mode and the alternate screen restored, mouse, resize, a pane
//! going away, and changes written by another process.

mod tmux;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use tmux::*;

#[test]
fn starts_and_shows_the_header_and_the_plan_tab() {
    let tmux = Tmux::protime(100, 30);
    let screen = tmux.screen();
    assert!(shows_tab("Plan ·")(&screen), "{screen}");
    assert!(screen.contains(" a add "), "{screen}");
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "1",
        "runs on the alternate screen"
    );
}

#[test]
fn number_keys_and_tab_switch_tabs() {
    let tmux = Tmux::protime(100, 30);
    tmux.keys(&["3"]);
    tmux.wait_until("Inbox tab", STARTUP, shows_tab("Inbox"));
    tmux.keys(&["Tab"]);
    tmux.wait_until("Review tab", STARTUP, shows_tab("Review"));
    tmux.keys(&["BTab", "BTab"]);
    tmux.wait_until("Timer tab", STARTUP, shows_tab("Timer"));
    tmux.keys(&["?"]);
    tmux.wait_for("Esc closes ─", STARTUP);
    // Esc and a key sent together read as Alt+key, so wait for the help to close first.
    tmux.keys(&["Escape"]);
    tmux.wait_until("help closed", STARTUP, |s| !s.contains("Esc closes ─"));
    tmux.keys(&["1"]);
    tmux.wait_until("Plan tab", STARTUP, shows_tab("Plan ·"));
}

/// The bytes of an SGR mouse press and release of the left button at a 0-based cell.
fn sgr_click(column: u16, row: u16) -> Vec<String> {
    let (x, y) = (column + 1, row + 1);
    let text = format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m");
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

fn click_tab(tmux: &Tmux, tab: protime::tui::tabs::Tab) {
    let (_, columns) = protime::tui::ui::tab_ranges(100, protime::tui::tabs::Tab::Plan)
        .into_iter()
        .find(|(t, _)| *t == tab)
        .expect("tab in the header");
    let bytes = sgr_click(columns.start + 1, 0);
    let refs: Vec<&str> = bytes.iter().map(String::as_str).collect();
    tmux.keys(&[&["-H"], &refs[..]].concat());
}

#[test]
fn a_click_on_a_tab_name_switches_to_it() {
    use protime::tui::tabs::Tab;
    let tmux = Tmux::protime(100, 30);
    assert_eq!(
        tmux.format("#{mouse_sgr_flag}"),
        "1",
        "mouse reporting is on"
    );
    click_tab(&tmux, Tab::Month);
    tmux.wait_until("Month tab", STARTUP, shows_tab("Month"));
    click_tab(&tmux, Tab::Timer);
    tmux.wait_until("Timer tab", STARTUP, shows_tab("Timer"));
}

fn has_line(screen: &str, width: usize, first: char, last: char) -> bool {
    screen
        .lines()
        .any(|l| l.chars().count() == width && l.starts_with(first) && l.ends_with(last))
}

#[test]
fn resizing_redraws_at_the_new_size() {
    let tmux = Tmux::protime(100, 30);
    tmux.ok(&["resize-window", "-x", "40", "-y", "12"]);
    tmux.wait_until("a 40-wide frame", STARTUP, |s| {
        has_line(s, 40, '┌', '┐') && has_line(s, 40, '└', '┘')
    });
    tmux.ok(&["resize-window", "-x", "20", "-y", "5"]);
    tmux.wait_for("Enlarge the terminal", STARTUP);
    tmux.ok(&["resize-window", "-x", "90", "-y", "20"]);
    tmux.wait_until("a 90-wide frame", STARTUP, |s| has_line(s, 90, '┌', '┐'));
}

/// Runs `command` in the pane's shell and returns the screen once `marker` has been printed.
fn shell(tmux: &Tmux, command: &str, marker: &str) -> String {
    tmux.keys(&["-l", &format!("{command}; echo {marker}-$((6*7))")]);
    tmux.keys(&["Enter"]);
    tmux.wait_for(&format!("\n{marker}-42"), STARTUP)
}

fn stty_flags(tmux: &Tmux, marker: &str) -> Vec<String> {
    let screen = shell(tmux, "clear; stty -a", marker);
    screen
        .split(|c: char| c.is_whitespace() || c == ';')
        .map(str::to_string)
        .collect()
}

/// A shell in a pane, with protime started from it and showing its first frame.
fn protime_in_a_shell() -> Tmux {
    let tmux = Tmux::start(160, 30, "env PS1='$ ' bash --norc --noprofile");
    let before = stty_flags(&tmux, "BEFORE");
    assert!(before.contains(&"icanon".to_string()), "{before:?}");
    tmux.keys(&["-l", &format!("clear; {PROTIME}")]);
    tmux.keys(&["Enter"]);
    tmux.wait_for(HEADER, STARTUP);
    tmux
}

/// Waits for protime to end, then checks from the shell that the terminal is as it was.
fn assert_terminal_restored(tmux: &Tmux) {
    // Keys typed before protime has exited would go to protime, not to the shell.
    tmux.wait_format("#{pane_current_command}", "bash", STARTUP);
    let after = stty_flags(tmux, "AFTER");
    for flag in ["icanon", "echo", "isig", "icrnl", "opost"] {
        assert!(
            after.contains(&flag.to_string()),
            "{flag} is off: {after:?}"
        );
    }
    assert_eq!(tmux.format("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "mouse reporting off");
    assert_eq!(tmux.format("#{cursor_flag}"), "1", "cursor shown");
}

#[test]
fn quitting_restores_the_terminal() {
    let tmux = protime_in_a_shell();
    tmux.keys(&["q"]);
    assert_terminal_restored(&tmux);
}

#[test]
fn sigterm_restores_the_terminal() {
    let tmux = protime_in_a_shell();
    let pid = child_of(&tmux.format("#{pane_pid}"));
    let killed = Command::new("kill").args(["-TERM", &pid]).status();
    assert!(killed.expect("run kill").success());
    assert_terminal_restored(&tmux);
}

fn is_gone(pid: &str) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Gone, or a zombie waiting for tmux (its parent) to reap it.
    stat.is_empty()
        || stat
            .rsplit(')')
            .next()
            .is_some_and(|s| s.trim_start().starts_with('Z'))
}

fn wait_gone(pid: &str, limit: Duration) {
    poll(&format!("exit of protime {pid}"), limit, || {
        if is_gone(pid) {
            Ok(())
        } else {
            Err("still running".into())
        }
    });
}

fn crash_reports(data: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(data.join("crash"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// Closes the pane protime (`pid`) runs in; it must be gone within 2 s, with no crash report.
fn kill_pane_and_expect_exit(tmux: &Tmux, pid: &str, keep_server: bool) {
    if keep_server {
        // Another window keeps the server up, so tmux's own exit is not what ends protime.
        tmux.ok(&["new-window", "-d", "sleep 600"]);
    }
    tmux.ok(&["kill-pane", "-t", "%0"]);
    wait_gone(pid, PROMISED);
    let reports = crash_reports(tmux.data.path());
    assert!(
        reports.is_empty(),
        "a crash report was written: {reports:?}"
    );
}

#[test]
fn kill_pane_leaves_no_protime_behind() {
    for keep_server in [true, false] {
        let tmux = Tmux::protime(100, 30);
        let pid = tmux.format("#{pane_pid}");
        kill_pane_and_expect_exit(&tmux, &pid, keep_server);
    }
}

/// The pane's process's only child.
fn child_of(pid: &str) -> String {
    let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"));
    let children = children.expect("children of the pane's process");
    assert_eq!(children.split_whitespace().count(), 1, "{children}");
    children.trim().to_string()
}

/// Kills a process this test started if it outlives the test (it is in a session of its own).
struct KillOnDrop(String);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if !is_gone(&self.0) {
            let _ = Command::new("kill").args(["-9", &self.0]).status();
        }
    }
}

/// A protime that gets no SIGHUP when its terminal goes away (here: it runs in its own session,
/// as under a parent that does not pass SIGHUP on) must notice the dead tty by itself.
#[test]
fn a_dead_tty_without_sighup_ends_protime() {
    let tmux = Tmux::start(100, 30, &format!("setsid -w {PROTIME}"));
    tmux.wait_for(HEADER, STARTUP);
    let pid = child_of(&tmux.format("#{pane_pid}"));
    let _reaper = KillOnDrop(pid.clone());
    kill_pane_and_expect_exit(&tmux, &pid, true);
}

/// Today's file, found on disk after `protime plan add` (run beside the TUI) wrote it.
fn add_block_from_outside(tmux: &Tmux) -> PathBuf {
    let out = Command::new(PROTIME)
        .args(["plan", "add", "09:00-10:30", "pro", "Calls XYZ"])
        .env("PROTIME_DATA_DIR", tmux.data.path())
        .output()
        .expect("run protime plan add");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let year = std::fs::read_dir(tmux.journal())
        .expect("journal")
        .flatten()
        .find(|e| e.path().is_dir())
        .expect("a year folder");
    let day = std::fs::read_dir(year.path())
        .expect("year")
        .flatten()
        .next();
    day.expect("today's file").path()
}

#[test]
fn a_day_file_changed_by_another_process_shows_up() {
    let tmux = Tmux::protime(120, 30);
    let path = add_block_from_outside(&tmux);
    let good = std::fs::read_to_string(&path).expect("read day");
    assert!(good.contains("Calls XYZ"), "{good}");
    std::fs::write(&path, "schema = 1\n[[block]\n").expect("corrupt the day");
    tmux.wait_for("This day is read-only", PROMISED);
    std::fs::write(&path, good).expect("repair the day");
    tmux.wait_until("the read-only message gone", PROMISED, |s| {
        !s.contains("read-only") && s.contains(HEADER)
    });
}
