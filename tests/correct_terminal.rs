//! Correcting tracked time in a real terminal: the sessions list (`v`) in one pane, driven by
//! keys, a second pane on the same journal showing each change, and the day file at the end.

mod tmux;

use std::process::Command;
use tmux::*;

const DAY: &str = "2026-11-26";

/// A protime verb at `time` on the pane's journal.
fn verb(tmux: &Tmux, time: &str, args: &[&str]) {
    let out = Command::new(PROTIME)
        .args(args)
        .env("PROTIME_DATA_DIR", tmux.data.path())
        .env("XDG_CONFIG_HOME", tmux.config.path())
        .env("PROTIME_NOW", format!("{DAY}T{time}:00+01:00"))
        .output()
        .expect("run protime");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The second pane's screen (the first pane is the one keys go to).
fn second(tmux: &Tmux) -> String {
    tmux.ok(&["capture-pane", "-p", "-J", "-t", "{bottom}"])
}

fn both_show(tmux: &Tmux, text: &str) {
    tmux.wait_for(text, PROMISED);
    poll(&format!("{text:?} in the second pane"), PROMISED, || {
        let screen = second(tmux);
        if screen.contains(text) {
            Ok(())
        } else {
            Err(screen)
        }
    });
}

#[test]
fn fix_split_delete_and_undo_in_the_sessions_list_land_in_the_file() {
    let now = format!("PROTIME_NOW={DAY}T17:00:00+01:00");
    // A shell first, so the day is written before the dashboard starts on it.
    let tmux = Tmux::start_with(
        110,
        44,
        "bash --norc --noprofile",
        std::slice::from_ref(&now),
    );
    tmux.wait_for("bash-", STARTUP);
    verb(
        &tmux,
        "09:00",
        &["start", "--category", "proactive", "--title", "Calls"],
    );
    verb(&tmux, "09:30", &["stop"]);
    verb(&tmux, "16:00", &["interrupt", "Globex"]);
    verb(&tmux, "16:02", &["interrupt", "--at", "16:01"]);
    tmux.keys(&[PROTIME, "Enter"]);
    tmux.wait_for(HEADER, STARTUP);
    let data = format!("PROTIME_DATA_DIR={}", tmux.data.path().display());
    let config = format!("XDG_CONFIG_HOME={}", tmux.config.path().display());
    tmux.ok(&[
        "split-window",
        "-v",
        "-e",
        &data,
        "-e",
        &config,
        "-e",
        &now,
        PROTIME,
    ]);
    poll("the second pane", STARTUP, || {
        let screen = second(&tmux);
        if screen.contains(HEADER) {
            Ok(())
        } else {
            Err(screen)
        }
    });
    tmux.ok(&["send-keys", "-t", "{bottom}", "v"]);
    tmux.ok(&["select-pane", "-t", "{top}"]);
    tmux.keys(&["-t", "{top}", "v"]);
    both_show(&tmux, "s2   16:00–16:01");
    // The forgotten interruption really ended at 16:05.
    tmux.keys(&["-t", "{top}", "j", "e", "Tab"]);
    tmux.keys(&["-t", "{top}", "-l", "16:05"]);
    tmux.keys(&["-t", "{top}", "Enter"]);
    both_show(&tmux, "s2   16:00–16:05");
    // The focus split at 09:15, its second half deleted, then the delete undone.
    tmux.keys(&["-t", "{top}", "k", "x"]);
    tmux.keys(&["-t", "{top}", "-l", "09:15"]);
    tmux.keys(&["-t", "{top}", "Enter"]);
    both_show(&tmux, "s3   09:15–09:30");
    tmux.keys(&["-t", "{top}", "j", "d"]);
    poll("the deleted half gone from both panes", PROMISED, || {
        let (top, bottom) = (tmux.screen(), second(&tmux));
        if top.contains("s3   09:15") || bottom.contains("s3   09:15") {
            Err(top + &bottom)
        } else {
            Ok(())
        }
    });
    tmux.keys(&["-t", "{top}", "u"]);
    both_show(&tmux, "s3   09:15–09:30");
    let file = std::fs::read_to_string(tmux.journal().join(format!("2026/{DAY}.toml"))).unwrap();
    assert_eq!(
        file,
        include_str!("fixtures/correct_terminal/2026-11-26.toml")
    );
}
