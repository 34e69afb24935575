//! `protime sync` against a real CalDAV server (Radicale on 127.0.0.1): the rep's blocks out as
//! events, the calendar's meetings in as blocks, edits and deletions on either side, conflicts and
//! both ways of settling them, a server killed mid-sync, a wrong password.

mod common;

use common::cli::Cli;
use common::radicale::{PASSWORD, Radicale, moved};
use protime::domain::plan::DayEdit;
use std::process::Output;

const NOW: &str = "2026-11-30T08:00:00+01:00";

/// A journal with two blocks today, synced with `server`.
fn planned(server: &Radicale) -> Cli {
    let cli = server.client();
    cli.run(
        NOW,
        &[
            "plan",
            "add",
            "09:00-10:30",
            "proactive",
            "Prospecting ACME",
        ],
    );
    cli.run(
        NOW,
        &["plan", "add", "14:00-15:00", "reactive", "Support queue"],
    );
    cli
}

fn sync_with(cli: &Cli, password: &str, args: &[&str]) -> Output {
    let mut cmd = cli.on(NOW);
    cmd.env("PROTIME_CALDAV_PASSWORD", password)
        .arg("sync")
        .args(args);
    cmd.output().unwrap()
}

/// A sync that worked: what it printed.
fn sync(cli: &Cli, args: &[&str]) -> String {
    let out = sync_with(cli, PASSWORD, args);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "sync failed: {stdout}{stderr}");
    stdout
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn blocks(cli: &Cli) -> Vec<String> {
    common::plan_lines(&cli.journal(), date())
}

/// The UID of today's block `id` (b1, b2).
fn uid(cli: &Cli, id: &str) -> String {
    let journal_id = cli.journal().id().unwrap().unwrap();
    format!("2026-11-30-{id}@{journal_id}")
}

/// Moves today's block `title` to `start`-`end` in the plan, as the dashboard would.
fn move_block(cli: &Cli, title: &str, (start, end): (&str, &str)) {
    let time = |t: &str| chrono::NaiveTime::parse_from_str(t, "%H:%M").unwrap();
    common::edit_block(&cli.journal(), date(), title, |b| {
        (b.start, b.end) = (time(start), time(end));
    });
}

fn delete_block(cli: &Cli, id: &str) {
    let edit = DayEdit::RemoveBlocks(vec![id.to_string()]);
    cli.journal()
        .update(date(), |d| edit.apply(d).map(|_| ()))
        .unwrap();
}

/// The event of block `id` on the server, its times moved (UTC; the journal is at +01:00).
fn move_on_server(server: &Radicale, cli: &Cli, id: &str, (start, end): (&str, &str)) {
    let name = format!("{}.ics", uid(cli, id));
    let event = server
        .event(&name)
        .expect("the block's event is on the server");
    let status = server.put(&name, &moved(&event, start, end));
    assert!((200..300).contains(&status), "{status}");
}

#[test]
fn blocks_go_out_as_events_once() {
    let server = Radicale::start();
    let cli = planned(&server);
    let out = sync(&cli, &[]);
    assert!(out.contains("2 sent"), "{out}");
    let b1 = server.event(&uid(&cli, "b1")).expect("b1's event");
    assert!(b1.contains("SUMMARY:Prospecting ACME"), "{b1}");
    assert!(b1.contains("DTSTART:20261130T080000Z"), "{b1}");
    assert!(b1.contains("X-PROTIME-CATEGORY:proactive"), "{b1}");
    assert!(server.event(&uid(&cli, "b2")).is_some());
    let again = sync(&cli, &[]);
    assert!(again.contains("0 sent, 0 updated, 0 deleted"), "{again}");
    assert_eq!(server.events().len(), 2);
    let json: serde_json::Value = serde_json::from_str(&sync(&cli, &["--json"])).unwrap();
    assert_eq!(json["blocks"]["created"], 0, "{json}");
    assert_eq!(json["meetings"]["added"], 0, "{json}");
    assert_eq!(json["conflicts"], serde_json::json!([]), "{json}");
    let state = std::fs::read_to_string(cli.dir.path().join("journal/.caldav-sync.toml")).unwrap();
    assert!(
        state.contains(&format!("[events.\"{}\"]", uid(&cli, "b1"))),
        "{state}"
    );
    assert!(state.contains("etag = "), "{state}");
}

#[test]
fn meetings_come_in_as_blocks_and_go_when_deleted_in_the_calendar() {
    let server = Radicale::start();
    let cli = planned(&server);
    server.book_demo();
    let out = sync(&cli, &[]);
    assert!(out.contains("1 added"), "{out}");
    assert!(
        blocks(&cli).contains(&"11:00-12:00 PRO Demo with Initech".to_string()),
        "{:?}",
        blocks(&cli)
    );
    // The meeting is the calendar's: it is not sent back as one of the rep's events.
    assert_eq!(server.events().len(), 3);
    assert_eq!(server.delete("demo-1.ics"), 200);
    let out = sync(&cli, &[]);
    assert!(out.contains("1 removed"), "{out}");
    assert!(
        !blocks(&cli).iter().any(|b| b.contains("Initech")),
        "{:?}",
        blocks(&cli)
    );
}

#[test]
fn an_event_moved_in_the_calendar_moves_its_block() {
    let server = Radicale::start();
    let cli = planned(&server);
    sync(&cli, &[]);
    move_on_server(
        &server,
        &cli,
        "b1",
        ("20261130T090000Z", "20261130T103000Z"),
    );
    let out = sync(&cli, &[]);
    assert!(
        out.contains("1 of your blocks moved as in the calendar"),
        "{out}"
    );
    assert_eq!(blocks(&cli)[0], "10:00-11:30 PRO Prospecting ACME");
    let again = sync(&cli, &[]);
    assert!(
        again.contains("0 sent, 0 updated"),
        "the pulled block is not sent back: {again}"
    );
}

#[test]
fn a_block_moved_in_the_plan_updates_its_event() {
    let server = Radicale::start();
    let cli = planned(&server);
    sync(&cli, &[]);
    move_block(&cli, "Support queue", ("15:00", "16:00"));
    let out = sync(&cli, &[]);
    assert!(out.contains("1 updated"), "{out}");
    let b2 = server.event(&uid(&cli, "b2")).unwrap();
    assert!(b2.contains("DTSTART:20261130T140000Z"), "{b2}");
}

#[test]
fn deletions_on_either_side_reach_the_other() {
    let server = Radicale::start();
    let cli = planned(&server);
    sync(&cli, &[]);
    delete_block(&cli, "b2");
    let name = format!("{}.ics", uid(&cli, "b1"));
    assert_eq!(server.delete(&name), 200);
    let out = sync(&cli, &[]);
    assert!(out.contains("1 deleted from the calendar;"), "{out}");
    assert!(
        out.contains("1 deleted in the calendar, removed from the plan"),
        "{out}"
    );
    assert!(server.events().is_empty(), "{:?}", server.events());
    assert!(blocks(&cli).is_empty(), "{:?}", blocks(&cli));
    let state = std::fs::read_to_string(cli.dir.path().join("journal/.caldav-sync.toml")).unwrap();
    assert!(!state.contains("[events."), "{state}");
}

/// b1 moved to 09:30 in the plan and to 10:00 (09:00Z) in the calendar.
fn conflicted(server: &Radicale) -> Cli {
    let cli = planned(server);
    sync(&cli, &[]);
    move_block(&cli, "Prospecting ACME", ("09:30", "11:00"));
    move_on_server(server, &cli, "b1", ("20261130T090000Z", "20261130T103000Z"));
    let out = sync(&cli, &[]);
    assert!(out.contains("1 conflict"), "{out}");
    assert!(
        out.contains(&format!("protime sync --keep mine {}", uid(&cli, "b1"))),
        "{out}"
    );
    assert!(
        out.contains(
            "here: 2026-11-30 09:30-11:00 Prospecting ACME; in the calendar: 2026-11-30 10:00-11:30 Prospecting ACME"
        ),
        "{out}"
    );
    // Shown, not guessed: neither side changed.
    assert_eq!(blocks(&cli)[0], "09:30-11:00 PRO Prospecting ACME");
    let b1 = server.event(&uid(&cli, "b1")).unwrap();
    assert!(b1.contains("DTSTART:20261130T090000Z"), "{b1}");
    let again = sync(&cli, &[]);
    assert!(
        again.contains("1 conflict"),
        "a conflict stays until settled: {again}"
    );
    cli
}

#[test]
fn a_conflict_settled_with_mine_sends_the_block() {
    let server = Radicale::start();
    let cli = conflicted(&server);
    let b1 = uid(&cli, "b1");
    let out = sync(&cli, &["--keep", "mine", &b1]);
    assert!(
        out.contains("1 updated") && !out.contains("conflict"),
        "{out}"
    );
    let event = server.event(&b1).unwrap();
    assert!(event.contains("DTSTART:20261130T083000Z"), "{event}");
    assert_eq!(blocks(&cli)[0], "09:30-11:00 PRO Prospecting ACME");
    let again = sync(&cli, &[]);
    assert!(
        again.contains("0 sent, 0 updated") && !again.contains("conflict"),
        "{again}"
    );
}

#[test]
fn a_conflict_settled_with_theirs_takes_the_calendars_times() {
    let server = Radicale::start();
    let cli = conflicted(&server);
    let b1 = uid(&cli, "b1");
    let out = sync(&cli, &["--keep", "theirs", &b1]);
    let moved = out.contains("1 of your blocks moved as in the calendar");
    assert!(moved && !out.contains("conflict"), "{out}");
    assert_eq!(blocks(&cli)[0], "10:00-11:30 PRO Prospecting ACME");
    let event = server.event(&b1).unwrap();
    assert!(event.contains("DTSTART:20261130T090000Z"), "{event}");
    let again = sync(&cli, &[]);
    assert!(
        again.contains("0 sent, 0 updated") && !again.contains("conflict"),
        "{again}"
    );
}

#[test]
fn keep_names_only_an_event_in_conflict() {
    let server = Radicale::start();
    let cli = planned(&server);
    sync(&cli, &[]);
    let out = sync_with(&cli, PASSWORD, &["--keep", "mine", &uid(&cli, "b1")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not in conflict"),
        "{}",
        text(&out.stderr)
    );
    let out = sync_with(&cli, PASSWORD, &["--keep", "yours", &uid(&cli, "b1")]);
    assert!(
        text(&out.stderr).contains("mine (your block) or theirs"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_server_killed_mid_sync_leaves_the_journal_intact_and_the_next_sync_finishes() {
    // The second event the server stores kills it before it answers.
    let hook = "n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; \
                [ $n -lt 2 ] || kill -9 $PPID";
    let mut server = Radicale::start_with_hook(hook);
    let cli = planned(&server);
    cli.run(
        NOW,
        &["plan", "add", "16:00-17:00", "proactive", "Call list"],
    );
    let day_before = cli.day_file("2026-11-30");
    let out = sync_with(&cli, PASSWORD, &[]);
    assert!(server.has_exited(), "the hook killed the server");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("could not reach") && err.contains("journal is intact"),
        "{err}"
    );
    assert!(
        err.contains("1 of your changes reached the calendar"),
        "{err}"
    );
    assert!(err.contains("run `protime sync` again"), "{err}");
    assert_eq!(
        cli.day_file("2026-11-30"),
        day_before,
        "the journal is untouched"
    );
    server.restart();
    let out = sync(&cli, &[]);
    assert!(
        !out.contains("conflict"),
        "the event stored before the kill is known again: {out}"
    );
    assert_eq!(server.events().len(), 3, "{:?}", server.events());
    let again = sync(&cli, &[]);
    assert!(again.contains("0 sent, 0 updated"), "{again}");
}

#[test]
fn a_wrong_password_or_no_server_says_what_to_do_and_changes_nothing() {
    let mut server = Radicale::start();
    let cli = planned(&server);
    let day_before = cli.day_file("2026-11-30");
    let out = sync_with(&cli, "wrong", &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("refused the user \"anna\""), "{err}");
    assert!(err.contains("PROTIME_CALDAV_PASSWORD"), "{err}");
    assert!(server.events().is_empty());
    server.kill();
    let out = sync_with(&cli, PASSWORD, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("could not reach") && err.contains("Is the server up"),
        "{err}"
    );
    // What happened, not which library layer passed it on (found by QA).
    assert!(err.contains("Connection refused"), "{err}");
    assert!(!err.contains("client error"), "{err}");
    assert_eq!(cli.day_file("2026-11-30"), day_before);
    let mut cmd = cli.on(NOW);
    let out = cmd
        .env_remove("PROTIME_CALDAV_PASSWORD")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .arg("sync")
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(
        err.contains("set the environment variable PROTIME_CALDAV_PASSWORD"),
        "{err}"
    );
}

#[test]
fn plain_http_goes_only_to_this_machine() {
    let cli = Cli::new();
    let config = cli.dir.path().join("config/protime");
    std::fs::create_dir_all(&config).unwrap();
    let text_of =
        "[calendar.caldav]\nurl = \"http://dav.example.com/anna/work/\"\nuser = \"anna\"\n";
    std::fs::write(config.join("config.toml"), text_of).unwrap();
    let out = sync_with(&cli, PASSWORD, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("in the clear") && err.contains("https://"),
        "{err}"
    );
}

/// The sync is protime-sync, beside protime: a protime installed alone says how to get it, and
/// protime-sync asked for anything else says what it is for.
#[test]
fn protime_alone_says_how_to_get_the_sync_program() {
    let dir = tempfile::tempdir().unwrap();
    let alone = dir.path().join("protime");
    std::fs::copy(env!("CARGO_BIN_EXE_protime"), &alone).unwrap();
    let out = std::process::Command::new(&alone)
        .env("PROTIME_DATA_DIR", dir.path().join("data"))
        .arg("sync")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stderr);
    assert!(
        said.contains("protime-sync") && said.contains("cargo install --locked --path ."),
        "{said}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_protime-sync"))
        .env("PROTIME_DATA_DIR", dir.path().join("data"))
        .arg("status")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("runs the calendar sync only"));
}

/// #23: a second sync while one runs (the dashboard's and one in a terminal) is refused, not
/// interleaved; the next one runs.
#[test]
fn a_sync_while_another_runs_is_refused_and_changes_nothing() {
    let server = Radicale::start();
    let cli = planned(&server);
    let lock = cli.journal().root().join(".caldav-sync.lock");
    let running = std::fs::File::create(&lock).unwrap();
    running.lock().unwrap();
    let out = sync_with(&cli, PASSWORD, &[]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stderr);
    assert!(
        said.contains("another calendar sync of this journal is running"),
        "{said}"
    );
    assert!(server.events().is_empty(), "nothing reached the calendar");
    drop(running);
    assert!(sync(&cli, &[]).contains("2 sent"));
}

/// The event of block `id` on the server, its title changed.
fn retitle_on_server(server: &Radicale, cli: &Cli, id: &str, title: &str) {
    let name = format!("{}.ics", uid(cli, id));
    let event = server
        .event(&name)
        .expect("the block's event is on the server");
    let renamed: String = event
        .lines()
        .map(|l| match l.starts_with("SUMMARY") {
            true => format!("SUMMARY:{title}\r\n"),
            false => format!("{}\r\n", l.trim_end_matches('\r')),
        })
        .collect();
    let status = server.put(&name, &renamed);
    assert!((200..300).contains(&status), "{status}");
}

/// A title changed in the calendar comes into the block, as its times do; and `--keep theirs`
/// takes the calendar's whole event, its title too, so both sides agree after it (found by QA:
/// the block kept the rep's title while the calendar kept its own, and no sync noticed).
#[test]
fn the_calendars_title_comes_into_the_block_with_its_times() {
    let server = Radicale::start();
    let cli = planned(&server);
    sync(&cli, &[]);
    retitle_on_server(&server, &cli, "b2", "Support queue (Globex)");
    let out = sync(&cli, &[]);
    assert!(out.contains("1 renamed as in the calendar"), "{out}");
    assert_eq!(blocks(&cli)[1], "14:00-15:00 RE Support queue (Globex)");
    let again = sync(&cli, &[]);
    assert!(again.contains("0 sent, 0 updated"), "{again}");
    let server = Radicale::start();
    let cli = conflicted(&server);
    common::edit_block(&cli.journal(), date(), "Prospecting ACME", |b| {
        b.title = "Prospecting ACME + Initech".into();
    });
    let b1 = uid(&cli, "b1");
    sync(&cli, &["--keep", "theirs", &b1]);
    assert_eq!(blocks(&cli)[0], "10:00-11:30 PRO Prospecting ACME");
    let again = sync(&cli, &[]);
    assert!(again.contains("0 sent, 0 updated"), "{again}");
    assert!(
        server
            .event(&b1)
            .unwrap()
            .contains("SUMMARY:Prospecting ACME\r\n")
    );
}
