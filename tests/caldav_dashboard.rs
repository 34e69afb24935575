//! `S` on the Plan tab against a real CalDAV server (Radicale on 127.0.0.1), in a real terminal:
//! the sync runs as protime-sync in a process of its own, its result on the message line, and
//! the dashboard answers keys meanwhile.

mod common;
mod tmux;

use common::radicale::{PASSWORD, Radicale};
use std::time::Duration;
use tmux::{HEADER, PROTIME, STARTUP, Tmux};

const NOW: &str = "2026-11-30T08:00:00+01:00";
const SYNC: Duration = Duration::from_secs(60);

/// protime in tmux, its config pointing at `server`, the password in its environment.
fn dashboard(server: &Radicale) -> Tmux {
    let env = [
        format!("PROTIME_NOW={NOW}"),
        format!("PROTIME_CALDAV_PASSWORD={PASSWORD}"),
    ];
    let tmux = Tmux::start_with(120, 30, "bash --norc --noprofile", &env);
    std::fs::write(tmux.config_file(), server.config()).unwrap();
    tmux.wait_for("bash-", STARTUP);
    tmux.keys(&[PROTIME, "Enter"]);
    tmux.wait_for(HEADER, STARTUP);
    tmux
}

#[test]
fn the_dashboard_syncs_in_the_background_and_shows_the_result() {
    let server = Radicale::start();
    server.book_demo();
    let tmux = dashboard(&server);
    tmux.keys(&["S"]);
    let screen = tmux.wait_for("Calendar synced: 1 meeting added.", SYNC);
    assert!(screen.contains("Demo with Initech"), "{screen}");
    assert!(
        !screen.contains("Calendar sync:"),
        "the progress line is gone: {screen}"
    );
    // The dashboard still answers, and the block is in the journal the sync wrote.
    tmux.keys(&["2"]);
    tmux.wait_until("the Timer tab", STARTUP, tmux::shows_tab("Timer"));
    let journal = protime::journal::Journal::new(tmux.journal());
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let day = std::fs::read_to_string(journal.day_path(date)).unwrap();
    assert!(day.contains("Demo with Initech"), "{day}");
}

#[test]
fn a_sync_that_is_refused_says_why_and_the_dashboard_goes_on() {
    let server = Radicale::start();
    // No password in the environment, and a bus where no keyring answers.
    let env = [
        format!("PROTIME_NOW={NOW}"),
        "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus".to_string(),
    ];
    let tmux = Tmux::start_with(160, 30, "bash --norc --noprofile", &env);
    std::fs::write(tmux.config_file(), server.config()).unwrap();
    tmux.wait_for("bash-", STARTUP);
    tmux.keys(&[PROTIME, "Enter"]);
    tmux.wait_for(HEADER, STARTUP);
    tmux.keys(&["S"]);
    // protime-sync refuses, and the dashboard tells why and what to do.
    let screen = tmux.wait_for("PROTIME_CALDAV_PASSWORD", SYNC);
    assert!(
        screen.contains("Calendar sync: no password for"),
        "{screen}"
    );
    assert!(screen.contains("protime sync --save-password"), "{screen}");
    tmux.keys(&["a"]);
    tmux.wait_for("Add block", STARTUP);
}

/// Runs protime (the verbs) on the pane's journal and config, as the rep would in a shell.
fn verb(tmux: &Tmux, args: &[&str]) -> String {
    let out = std::process::Command::new(PROTIME)
        .env("PROTIME_DATA_DIR", tmux.data.path())
        .env("XDG_CONFIG_HOME", tmux.config.path())
        .env("PROTIME_NOW", NOW)
        .env("PROTIME_CALDAV_PASSWORD", PASSWORD)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stdout}{stderr}");
    stdout
}

#[test]
fn a_conflict_is_shown_with_both_sides_and_settled_with_a_key() {
    let server = Radicale::start();
    let env = [
        format!("PROTIME_NOW={NOW}"),
        format!("PROTIME_CALDAV_PASSWORD={PASSWORD}"),
    ];
    let tmux = Tmux::start_with(120, 30, "bash --norc --noprofile", &env);
    std::fs::write(tmux.config_file(), server.config()).unwrap();
    let plan = ["plan", "add", "09:00-10:30", "proactive", "Prospecting"];
    verb(&tmux, &plan);
    verb(&tmux, &["sync"]);
    // Moved here and, otherwise, in the calendar: a conflict.
    let journal = protime::journal::Journal::new(tmux.journal());
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let time = |t: &str| chrono::NaiveTime::parse_from_str(t, "%H:%M").unwrap();
    common::edit_block(&journal, date, "Prospecting", |b| {
        (b.start, b.end) = (time("09:30"), time("11:00"));
    });
    let name = format!("2026-11-30-b1@{}.ics", journal.id().unwrap().unwrap());
    let event = server.event(&name).expect("the block's event");
    let moved = common::radicale::moved(&event, "20261130T090000Z", "20261130T103000Z");
    assert!((200..300).contains(&server.put(&name, &moved)));

    tmux.wait_for("bash-", STARTUP);
    tmux.keys(&[PROTIME, "Enter"]);
    tmux.wait_for(HEADER, STARTUP);
    tmux.keys(&["C"]);
    tmux.wait_for("No calendar conflicts to settle", STARTUP);
    tmux.keys(&["S"]);
    tmux.wait_for("1 conflict to settle. Press C", SYNC);
    tmux.keys(&["C"]);
    let screen = tmux.wait_for("Calendar conflicts: 1 to settle", STARTUP);
    assert!(
        screen.contains("yours:          09:30-11:00 Prospecting"),
        "{screen}"
    );
    assert!(
        screen.contains("the calendar's: 10:00-11:30 Prospecting"),
        "{screen}"
    );
    // The list takes every key until a choice: `a` adds no block under it.
    tmux.keys(&["a", "t"]);
    let screen = tmux.wait_for("1 block moved as in the calendar", SYNC);
    assert!(!screen.contains("Calendar conflicts"), "{screen}");
    assert_eq!(
        common::plan_lines(&journal, date),
        vec!["10:00-11:30 PRO Prospecting".to_string()]
    );
    assert!(verb(&tmux, &["sync"]).contains("0 sent, 0 updated"));
}

#[test]
fn a_server_that_cannot_be_reached_is_said_with_the_key_to_try_again() {
    let mut server = Radicale::start();
    let tmux = dashboard(&server);
    server.kill();
    tmux.keys(&["S"]);
    let screen = tmux.wait_for("Is the server up", SYNC);
    assert!(screen.contains("press S again once the server"), "{screen}");
    assert!(!screen.contains("protime sync"), "{screen}");
}
