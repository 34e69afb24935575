//! `protime export --plan --format ics`: blocks out as events, and back in again, on the real
//! binary; the file is also read by an independent parser (Debian's python3-icalendar).

mod common;

use common::cli::Cli;
use protime::domain::{Block, Day};
use protime::journal::Journal;
use std::path::{Path, PathBuf};
use std::process::Command;

const NOW: &str = "2026-11-30T07:00:00+01:00";

fn date(text: &str) -> chrono::NaiveDate {
    text.parse().unwrap()
}

/// A journal with a week's plan: the rep's blocks (one with text that needs escaping, an inbox
/// slot) and a meeting planned from the calendar.
fn planned() -> Cli {
    let cli = Cli::new();
    let add = |args: &[&str]| {
        cli.run(NOW, &[&["plan", "add"], args, &["-q"]].concat());
    };
    add(&[
        "08:30-10:00",
        "pro",
        "Prospecting calls, Q4; new logos",
        "--account",
        "ACME, Inc.",
        "--objective",
        "New logos Q4",
    ]);
    add(&["10:30-11:00", "oth", "Admin"]);
    add(&[
        "09:00-11:30",
        "pro",
        "ACME proposal \\ pricing",
        "--date",
        "2026-12-02",
        "--account",
        "ACME",
    ]);
    cli.journal()
        .update(date("2026-12-01"), |d| {
            let inbox = Block {
                id: String::new(),
                start: "11:30".parse().unwrap(),
                end: "12:00".parse().unwrap(),
                category: protime::domain::Category::Reactive,
                title: "Inbox slot".into(),
                kind: protime::domain::BlockKind::Inbox,
                account: None,
                objective: None,
                source: None,
            };
            protime::domain::plan::DayEdit::AddBlocks(vec![inbox])
                .apply(d)
                .map(|_| ())
        })
        .unwrap();
    let meetings = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan/meetings.ics");
    cli.run(
        NOW,
        &[
            "import",
            "calendar",
            meetings.to_str().unwrap(),
            "--plan",
            "-q",
        ],
    );
    cli
}

fn export(cli: &Cli, extra: &[&str]) -> String {
    cli.run(
        NOW,
        &[&["export", "--plan", "--format", "ics"], extra].concat(),
    )
    .0
}

fn write(cli: &Cli, name: &str, text: &str) -> PathBuf {
    let path = cli.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The rep's own fields of every block of the days, in start order.
fn blocks(journal: &Journal, from: &str, to: &str) -> Vec<String> {
    let days: Vec<Day> = journal
        .days_in(date(from), date(to))
        .into_iter()
        .map(|(_, d)| d.unwrap())
        .collect();
    let own = |b: &Block| {
        format!(
            "{} {}-{} {:?} {} {:?} {:?} {:?}",
            "", b.start, b.end, b.category, b.title, b.kind, b.account, b.objective
        )
    };
    days.iter()
        .flat_map(|d| d.blocks_by_start().into_iter().map(move |b| (d.date, b)))
        .map(|(date, b)| format!("{date}{}", own(b)))
        .collect()
}

/// What `export --plan` says on stderr, refusing the config `text` (exit code 1).
fn refused_config(cli: &Cli, text: &str) -> String {
    let bad = write(cli, "bad.toml", text);
    let args = ["--config", bad.to_str().unwrap(), "export", "--plan"];
    let refused = cli.on(NOW).args(args).assert().code(1);
    String::from_utf8_lossy(&refused.get_output().stderr).into_owned()
}

/// Imports `file` into the plan of the fortnight the export covers.
fn plan_fortnight(cli: &Cli, file: &Path) -> String {
    let file = file.to_str().unwrap();
    let args = [
        "import",
        "calendar",
        file,
        "--plan",
        "--from",
        "2026-11-30",
        "--to",
        "2026-12-13",
    ];
    cli.run(NOW, &args).0
}

fn uids(ics: &str) -> Vec<&str> {
    ics.lines().filter_map(|l| l.strip_prefix("UID:")).collect()
}

#[test]
fn exported_twice_the_uids_are_equal_and_meetings_stay_out() {
    let cli = planned();
    let first = export(&cli, &[]);
    let second = export(&cli, &[]);
    assert_eq!(uids(&first), uids(&second));
    assert_eq!(uids(&first).len(), 4, "{first}");
    assert!(
        !first.contains("ACME demo"),
        "a meeting from the calendar went out:\n{first}"
    );
    let id = std::fs::read_to_string(cli.dir.path().join("journal/.journal-id")).unwrap();
    assert_eq!(uids(&first)[0], format!("2026-11-30-b1@{}", id.trim()));
    let one_day = export(&cli, &["--from", "2026-12-02", "--to", "2026-12-02"]);
    assert_eq!(uids(&one_day), [format!("2026-12-02-b1@{}", id.trim())]);
}

#[test]
fn a_plan_exported_and_imported_into_a_fresh_journal_gives_the_same_blocks() {
    let cli = planned();
    let file = write(&cli, "blocks.ics", &export(&cli, &[]));
    let fresh = Cli::new();
    let out = plan_fortnight(&fresh, &file);
    assert!(out.contains("4 added"), "{out}");
    assert!(
        !out.contains("No rule matched"),
        "protime's categories come back:\n{out}"
    );
    let rep_only = |cli: &Cli| -> Vec<String> {
        let j = cli.journal();
        let mut lines = blocks(&j, "2026-11-30", "2026-12-13");
        let meetings = ["ACME demo", "Standup", "Globex escalation"];
        lines.retain(|l| !meetings.iter().any(|m| l.contains(m)));
        lines
    };
    assert_eq!(rep_only(&fresh), rep_only(&cli));
    assert_eq!(rep_only(&fresh).len(), 4);
}

#[test]
fn an_event_moved_in_the_calendar_moves_its_block_and_is_never_a_meeting() {
    let cli = planned();
    let exported = export(&cli, &[]);
    // The rep drags the Admin block from 10:30 to 15:00 in the calendar.
    let moved = exported
        .replace("DTSTART:20261130T093000Z", "DTSTART:20261130T140000Z")
        .replace("DTEND:20261130T100000Z", "DTEND:20261130T143000Z");
    assert_ne!(moved, exported);
    let file = write(&cli, "moved.ics", &moved);
    let out = plan_fortnight(&cli, &file);
    assert!(out.contains("0 added"), "{out}");
    assert!(
        out.contains("1 of your blocks moved as in the calendar"),
        "{out}"
    );
    let day = cli.journal().load(date("2026-11-30")).unwrap();
    let admin = day.blocks.iter().find(|b| b.title == "Admin").unwrap();
    assert_eq!(admin.start.format("%H:%M").to_string(), "15:00");
    assert_eq!(admin.source, None, "still the rep's own block");
    assert_eq!(day.blocks.iter().filter(|b| b.title == "Admin").count(), 1);
}

#[test]
fn privacy_settings_decide_what_leaves_the_machine() {
    let cli = planned();
    let config = write(
        &cli,
        "config.toml",
        "[calendar]\nshow = \"focus\"\ncategories = [\"proactive\"]\n",
    );
    let text = cli
        .run(
            NOW,
            &["--config", config.to_str().unwrap(), "export", "--plan"],
        )
        .0;
    assert_eq!(uids(&text).len(), 2, "{text}");
    assert!(text.contains("SUMMARY:Focus: proactive\r\n"), "{text}");
    for secret in ["Prospecting", "ACME", "New logos", "Admin", "Inbox"] {
        assert!(!text.contains(secret), "{secret} left the machine:\n{text}");
    }
    let err = refused_config(&cli, "[calendar]\nshow = \"everything\"\n");
    assert!(err.contains("calendar.show"), "{err}");
}

#[test]
fn formats_that_do_not_fit_are_refused() {
    let cli = Cli::new();
    let ics_sessions = cli
        .on(NOW)
        .args(["export", "--format", "ics"])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&ics_sessions.get_output().stderr).into_owned();
    assert!(err.contains("add --plan"), "{err}");
    let csv_plan = cli
        .on(NOW)
        .args(["export", "--plan", "--format", "csv"])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&csv_plan.get_output().stderr).into_owned();
    assert!(err.contains("--format ics"), "{err}");
}

const PYTHON: &str = "/usr/bin/python3";

/// Reads the export with python3-icalendar and prints one line per event.
const READER: &str = r#"
import sys, icalendar
data = open(sys.argv[1], 'rb').read()
for line in data.split(b'\r\n')[:-1]:
    assert len(line) <= 75, line
    assert b'\n' not in line, line
cal = icalendar.Calendar.from_ical(data)
for e in cal.walk('VEVENT'):
    cats = ','.join(str(c) for c in e.get('CATEGORIES').cats)
    desc = str(e.get('DESCRIPTION', '')).replace('\n', '|')
    print(e['UID'], e.decoded('DTSTART').isoformat(), e.decoded('DTEND').isoformat(), cats, e['TRANSP'], str(e['SUMMARY']), desc, sep=' / ')
"#;

fn icalendar_available() -> bool {
    Command::new(PYTHON)
        .args(["-c", "import icalendar"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_export_is_read_by_debians_python3_icalendar() {
    if !icalendar_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have python3-icalendar"
        );
        eprintln!("skipped: {PYTHON} cannot import icalendar (apt-get install python3-icalendar)");
        return;
    }
    let cli = planned();
    let long = "Prospecting calls for the new logos of Q4 in the DACH region, with Łódź and Zürich";
    cli.run(NOW, &["plan", "add", "16:00-17:00", "pro", long, "-q"]);
    let file = write(&cli, "blocks.ics", &export(&cli, &[]));
    let out = Command::new(PYTHON)
        .arg("-c")
        .arg(READER)
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "icalendar refused the file: {stderr}");
    let events = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = events.lines().collect();
    assert_eq!(lines.len(), 5, "{events}");
    let id = std::fs::read_to_string(cli.dir.path().join("journal/.journal-id")).unwrap();
    assert_eq!(
        lines[0],
        format!(
            "2026-11-30-b1@{} / 2026-11-30T07:30:00+00:00 / 2026-11-30T09:00:00+00:00 / PROACTIVE / OPAQUE / Prospecting calls, Q4; new logos / Account: ACME, Inc.|Objective: New logos Q4",
            id.trim()
        )
    );
    assert!(
        events.contains(&format!(" / {long} / ")),
        "the long title unfolds whole:\n{events}"
    );
    assert!(events.contains("ACME proposal \\ pricing"), "{events}");
}

#[test]
fn the_feed_follows_every_save_of_the_next_fortnight() {
    let cli = Cli::new();
    let feed = cli.dir.path().join("calendars/protime.ics");
    let config = write(
        &cli,
        "config.toml",
        &format!("[calendar]\nfeed = \"{}\"\n", feed.display()),
    );
    let config = config.to_str().unwrap();
    let add = |range: &str, title: &str, date: &str| {
        let args = [
            "--config", config, "plan", "add", range, "pro", title, "--date", date, "-q",
        ];
        cli.run(NOW, &args);
    };
    add("09:00-10:00", "Calls", "2026-12-01");
    let first = std::fs::read_to_string(&feed).unwrap();
    assert!(first.contains("SUMMARY:Calls\r\n"), "{first}");
    add("09:00-10:00", "Far ahead", "2026-12-24");
    assert_eq!(
        std::fs::read_to_string(&feed).unwrap(),
        first,
        "outside the fortnight"
    );
    let meetings = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan/meetings.ics");
    let args = [
        "--config",
        config,
        "import",
        "calendar",
        meetings.to_str().unwrap(),
        "--plan",
    ];
    cli.run(NOW, &args);
    let after = std::fs::read_to_string(&feed).unwrap();
    assert!(
        !after.contains("ACME demo"),
        "meetings stay out of the feed:\n{after}"
    );
    assert_eq!(
        uids(&after),
        uids(&export(&cli, &[])),
        "the feed is the export"
    );
    let err = refused_config(&cli, "[calendar]\nfeed = \"protime.ics\"\n");
    assert!(
        err.contains("calendar.feed") && err.contains("full path"),
        "{err}"
    );
}

#[test]
fn an_event_dragged_to_another_day_moves_its_block_there_once() {
    let cli = planned();
    // The rep drags the Admin block from Monday 10:30 to Tuesday 15:00 in the calendar.
    let moved = export(&cli, &[])
        .replace("DTSTART:20261130T093000Z", "DTSTART:20261201T140000Z")
        .replace("DTEND:20261130T100000Z", "DTEND:20261201T143000Z");
    let file = write(&cli, "moved.ics", &moved);
    let dry = cli
        .run(
            NOW,
            &[
                "import",
                "calendar",
                file.to_str().unwrap(),
                "--plan",
                "--from",
                "2026-11-30",
                "--to",
                "2026-12-13",
                "--dry-run",
            ],
        )
        .0;
    assert!(dry.contains("1 of your blocks moved"), "{dry}");
    let out = plan_fortnight(&cli, &file);
    assert!(
        out.contains("1 of your blocks moved as in the calendar"),
        "{out}"
    );
    let j = cli.journal();
    let titles = |date: &str| -> Vec<String> {
        let day = j.load(self::date(date)).unwrap();
        day.blocks_by_start()
            .iter()
            .map(|b| format!("{} {}", b.start.format("%H:%M"), b.title))
            .collect()
    };
    assert!(
        !titles("2026-11-30").iter().any(|t| t.contains("Admin")),
        "{:?}",
        titles("2026-11-30")
    );
    assert!(
        titles("2026-12-01").contains(&"15:00 Admin".to_string()),
        "{:?}",
        titles("2026-12-01")
    );
    let again = plan_fortnight(&cli, &file);
    assert!(!again.contains("of your blocks moved"), "{again}");
    assert_eq!(
        titles("2026-12-01")
            .iter()
            .filter(|t| t.contains("Admin"))
            .count(),
        1
    );
}

/// #22: a feed that cannot be written (its folder is a file, so it cannot be made) is a warning
/// on stderr that says what to do; the day is saved and the verb succeeds.
#[test]
fn a_feed_that_cannot_be_written_is_a_warning_and_the_day_is_saved() {
    let cli = Cli::new();
    let blocker = write(
        &cli,
        "not-a-folder",
        "a file where the feed's folder should be",
    );
    let feed = blocker.join("protime.ics");
    let config = write(
        &cli,
        "config.toml",
        &format!("[calendar]\nfeed = \"{}\"\n", feed.display()),
    );
    let args = [
        "--config",
        config.to_str().unwrap(),
        "plan",
        "add",
        "09:00-10:00",
        "pro",
        "Calls",
        "-q",
    ];
    let (_, err) = cli.run(NOW, &args);
    assert!(
        err.contains("protime: warning: calendar feed not written")
            && err.contains(&blocker.display().to_string())
            && err.contains("Your days are saved")
            && err.contains("[calendar] feed"),
        "{err}"
    );
    let (plan, _) = cli.run(NOW, &["plan", "show"]);
    assert!(plan.contains("Calls"), "{plan}");
}
