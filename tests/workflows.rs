//! Whole workflows in a real terminal: the real binary in tmux, driven by keys, checked on screen
//! and in the day files on disk.

mod common;
mod tmux;

use chrono::NaiveDate;
use protime::domain::Decision;
use protime::domain::inbox::ParkedState;
use protime::journal::Journal;
use std::process::Command;
use std::time::Duration;
use tmux::*;

const TODAY: &str = "2026-11-26";
/// bash's own prompt (`bash-5.2# `) without an rc file.
const PROMPT: &str = "bash-";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// A shell in tmux with protime's folders and a clock pinned at `time` today; protime is started
/// in it by `launch`, so files can be prepared first.
fn shell_at(time: &str) -> Tmux {
    let now = format!("PROTIME_NOW={TODAY}T{time}+01:00");
    let tmux = Tmux::start_with(110, 34, "bash --norc --noprofile", &[now]);
    tmux.wait_for(PROMPT, STARTUP);
    tmux
}

fn launch(tmux: &Tmux) {
    tmux.keys(&[PROTIME, "Enter"]);
    tmux.wait_for(HEADER, STARTUP);
}

/// Runs a protime verb beside the dashboard, on the same journal and pinned clock.
fn verb(tmux: &Tmux, time: &str, args: &[&str]) -> String {
    let out = Command::new(PROTIME)
        .args(args)
        .env("PROTIME_DATA_DIR", tmux.data.path())
        .env("XDG_CONFIG_HOME", tmux.config.path())
        .env("PROTIME_NOW", format!("{TODAY}T{time}+01:00"))
        .output()
        .expect("run protime");
    assert!(
        out.status.success(),
        "protime {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn journal(tmux: &Tmux) -> Journal {
    Journal::new(tmux.journal())
}

fn type_text(tmux: &Tmux, text: &str) {
    tmux.keys(&["-l", text]);
}

fn plan_of(j: &Journal, date: NaiveDate) -> Vec<String> {
    common::plan_lines(j, date)
}

#[test]
fn a_day_planned_entirely_by_keys_is_on_disk_exactly() {
    let tmux = shell_at("07:45:00");
    verb(
        &tmux,
        "07:40:00",
        &[
            "plan",
            "add",
            "14:00-15:00",
            "oth",
            "Team meeting",
            "--date",
            "2026-11-25",
        ],
    );
    launch(&tmux);
    tmux.keys(&["a", "Enter"]); // 08:30-09:00 proactive
    tmux.wait_for("08:30 ██ PRO  Proactive work", PROMISED);
    tmux.keys(&["e", "Tab", "Tab", "Tab"]);
    type_text(&tmux, "Prospecting calls");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Prospecting calls", PROMISED);
    tmux.keys(&["J", "J", "+", "+"]); // 09:00-10:00
    tmux.wait_for("09:00 ██ PRO  Prospecting calls", PROMISED);
    tmux.keys(&["a"]);
    type_text(&tmux, "11");
    tmux.keys(&["Tab"]);
    type_text(&tmux, "1h");
    tmux.keys(&["Tab"]);
    type_text(&tmux, "r");
    tmux.keys(&["Enter"]);
    tmux.wait_for("11:00 ██ RE   Reactive buffer", PROMISED);
    tmux.keys(&["d"]);
    tmux.wait_until("the block deleted", PROMISED, |s| {
        !s.contains("RE   Reactive buffer") && s.contains("Deleted “Reactive buffer” — u undoes")
    });
    tmux.keys(&["u"]);
    tmux.wait_for("11:00 ██ RE   Reactive buffer", PROMISED);
    tmux.keys(&["y"]);
    tmux.wait_for("14:00 ██ OTH  Team meeting", PROMISED);
    assert_eq!(
        plan_of(&journal(&tmux), today()),
        vec![
            "09:00-10:00 PRO Prospecting calls",
            "11:00-12:00 RE Reactive buffer",
            "14:00-15:00 OTH Team meeting"
        ]
    );
}

#[test]
fn the_review_fast_path_then_amending_yesterday() {
    let tmux = shell_at("16:50:00");
    verb(
        &tmux,
        "08:00:00",
        &["plan", "add", "09:00-11:00", "pro", "Prospecting calls"],
    );
    verb(
        &tmux,
        "08:00:00",
        &[
            "plan",
            "add",
            "09:00-10:00",
            "pro",
            "Calls",
            "--date",
            "2026-11-25",
        ],
    );
    launch(&tmux);
    // Yesterday was used but not reviewed: protime offers it first.
    tmux.wait_for("Wed 25 Nov has no review yet", PROMISED);
    tmux.keys(&["4", "N"]);
    tmux.wait_for("Review · Wed 25 Nov 2026", PROMISED);
    let yesterday = today().pred_opt().unwrap();
    poll_until(PROMISED, || {
        journal(&tmux)
            .load(yesterday)
            .unwrap()
            .review
            .is_some_and(|r| r.decided == Some(Decision::No))
    });
    // Today's fast path from there: back to today and answer, three keys in all.
    tmux.keys(&["t", "y"]);
    tmux.wait_for("Review · Thu 26 Nov 2026", PROMISED);
    poll_until(PROMISED, || {
        journal(&tmux)
            .load(today())
            .unwrap()
            .review
            .is_some_and(|r| r.decided == Some(Decision::Yes))
    });
    let review = journal(&tmux).load(today()).unwrap().review.unwrap();
    assert_eq!(review.tomorrow, "09:00 Prospecting calls");
    // Amending yesterday: it was No, it becomes Partly.
    tmux.keys(&["Left", "P"]);
    poll_until(PROMISED, || {
        journal(&tmux)
            .load(yesterday)
            .unwrap()
            .review
            .is_some_and(|r| r.decided == Some(Decision::Partly))
    });
}

fn poll_until(limit: Duration, done: impl Fn() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "not done within {limit:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn park_from_the_plan_tab_run_a_slot_triage_and_copy_a_template() {
    // The real clock here: a slot started and ended within one pinned second would be empty.
    let tmux = Tmux::start_with(110, 34, "bash --norc --noprofile", &[]);
    tmux.wait_for(PROMPT, STARTUP);
    tmux.ok(&["set", "-g", "set-clipboard", "on"]);
    let templates = tmux.config.path().join("protime/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("pricing.md"),
        "Hi,\n\nour price list is attached.\n",
    )
    .unwrap();
    launch(&tmux);
    for mail in ["reply Anna re pricing", "ACME invoice", "contract to legal"] {
        tmux.keys(&["n"]);
        tmux.wait_for("Park it for the inbox slot", PROMISED);
        type_text(&tmux, mail);
        tmux.keys(&["Enter"]);
    }
    tmux.keys(&["3", "s"]);
    tmux.wait_for("● In the slot", PROMISED);
    tmux.keys(&["t", "d", "x"]);
    tmux.wait_for(
        "handled today: replied 0 · template 1 · passed on 1 · dropped 1",
        PROMISED,
    );
    tmux.keys(&["Right", "Enter"]);
    tmux.wait_for("Sent \"pricing\" to the clipboard", PROMISED);
    assert_eq!(
        tmux.ok(&["show-buffer"]),
        "Hi,\n\nour price list is attached.\n",
        "the OSC 52 copy reached the terminal"
    );
    tmux.keys(&["s"]);
    tmux.wait_until("the slot ended", PROMISED, |s| !s.contains("● In the slot"));
    let day = journal(&tmux)
        .load(chrono::Local::now().date_naive())
        .unwrap();
    let states: Vec<ParkedState> = day.parked.iter().map(|p| p.state).collect();
    assert_eq!(
        states,
        vec![
            ParkedState::Template,
            ParkedState::Delegated,
            ParkedState::Dropped
        ]
    );
    assert!(day.parked.iter().all(|p| p.slot.as_deref() == Some("s1")));
    assert!(
        day.sessions
            .iter()
            .any(|s| s.kind == protime::domain::SessionKind::Inbox && s.end.is_some())
    );
}

#[test]
fn verbs_beside_the_dashboard_show_within_two_seconds() {
    let tmux = shell_at("09:00:00");
    launch(&tmux);
    // The verbs' clock runs ahead of the dashboard's pinned 09:00, so no phase ends meanwhile.
    verb(
        &tmux,
        "09:00:00",
        &["start", "--category", "proactive", "--title", "Calls"],
    );
    tmux.wait_for("▶ focus", PROMISED);
    verb(&tmux, "09:10:00", &["interrupt", "ACME call"]);
    tmux.wait_for("● interruption", PROMISED);
    verb(&tmux, "09:20:00", &["interrupt"]);
    tmux.wait_for("▶ focus", PROMISED);
    verb(
        &tmux,
        "09:00:00",
        &["log", "07:00-07:40", "reactive", "ACME outage"],
    );
    tmux.wait_for("ACME outage", PROMISED);
    verb(
        &tmux,
        "09:00:00",
        &["plan", "add", "10:00-11:00", "pro", "Proposal"],
    );
    tmux.wait_for("10:00 ██ PRO  Proposal", PROMISED);
    verb(&tmux, "09:00:00", &["park", "reply Anna"]);
    tmux.keys(&["3"]);
    tmux.wait_for("reply Anna", PROMISED);
    verb(&tmux, "09:25:00", &["stop"]);
    tmux.wait_until("the timer stopped", PROMISED, |s| !s.contains("▶ focus"));
    let day = journal(&tmux).load(today()).unwrap();
    assert_eq!(day.blocks.len(), 1);
    assert_eq!(day.parked.len(), 1);
    let titles: Vec<&str> = day
        .sessions
        .iter()
        .filter_map(|s| s.title.as_deref())
        .collect();
    assert!(
        titles.contains(&"ACME call")
            && titles.contains(&"ACME outage")
            && titles.contains(&"Calls"),
        "{titles:?}"
    );
    assert!(day.timer.is_none());
}

#[test]
fn a_session_survives_kill_9_with_its_wall_clock_time() {
    let tmux = Tmux::start_with(100, 30, "bash --norc --noprofile", &[]);
    tmux.wait_for(PROMPT, STARTUP);
    launch(&tmux);
    tmux.keys(&["2", "s"]);
    tmux.wait_for("Focus on unplanned work", PROMISED);
    tmux.keys(&["Enter"]);
    tmux.wait_for("▶ focus", PROMISED);
    // protime is the shell's one child (other tests run their own protime in parallel).
    let shell = tmux.format("#{pane_pid}");
    let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap();
    let pid = children.trim().to_string();
    assert_eq!(
        children.split_whitespace().count(),
        1,
        "protime's pid: {children}"
    );
    Command::new("kill").args(["-9", &pid]).status().unwrap();
    // The killed dashboard leaves its screen behind; clear it so nothing stale is read.
    tmux.keys(&[
        "stty sane; printf '\\033[?1049l\\033[?1000l\\033[?1006l'; clear",
        "Enter",
    ]);
    tmux.wait_until("a cleared screen", STARTUP, |s| {
        !s.contains("▶ focus") && s.contains(PROMPT)
    });
    launch(&tmux);
    // Still running, counted from when it started: between 28 and 30 minutes left.
    tmux.wait_until("the resumed focus", STARTUP, |s| {
        s.contains("▶ focus 29:") || s.contains("▶ focus 28:")
    });
    let day = journal(&tmux)
        .load(chrono::Local::now().date_naive())
        .unwrap();
    assert_eq!(
        day.sessions.iter().filter(|s| s.end.is_none()).count(),
        1,
        "one open session, as before the kill"
    );
}

#[test]
fn without_a_notification_service_protime_rings_and_says_why_and_keeps_running() {
    // No D-Bus session: a bus address naming a socket that does not exist.
    let missing_bus =
        "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/protime-test-bus".to_string();
    let now = format!("PROTIME_NOW={TODAY}T09:31:00+01:00");
    let tmux = Tmux::start_with(110, 34, "bash --norc --noprofile", &[now, missing_bus]);
    tmux.wait_for(PROMPT, STARTUP);
    verb(
        &tmux,
        "09:00:00",
        &["start", "--category", "proactive", "--title", "Calls"],
    );
    // At 09:31 the round that began at 09:00 has ended: the first tick sends "focus round done".
    launch(&tmux);
    tmux.wait_for("desktop notifications are not available here", PROMISED);
    tmux.keys(&["2"]);
    tmux.wait_for("BREAK", PROMISED);
    assert_eq!(
        tmux.format("#{pane_current_command}"),
        "protime",
        "still running"
    );
}
