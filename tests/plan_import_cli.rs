//! `protime import calendar --plan`: the real binary on a temp journal, Mon 30 Nov 2026, 08:00.

mod common;

use common::cli::Cli;
use protime::domain::plan::DayEdit;
use protime::domain::{Category, Day};
use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-30T08:00:00+01:00";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan/meetings.ics")
}

/// The fixture with `from` replaced by `to` (a meeting moved or cancelled in the calendar).
fn changed(cli: &Cli, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(fixture()).unwrap();
    assert!(text.contains(from), "the fixture holds {from}");
    let path = cli.dir.path().join("changed.ics");
    std::fs::write(&path, text.replace(from, to)).unwrap();
    path
}

/// Calendar `text` with the meeting `title` cancelled, written to a file of the test's own.
fn cancelled(cli: &Cli, text: &str, title: &str) -> PathBuf {
    let path = cli.dir.path().join("cancelled.ics");
    let summary = format!("SUMMARY:{title}");
    let text = text.replace(&summary, &format!("{summary}\r\nSTATUS:CANCELLED"));
    std::fs::write(&path, text).unwrap();
    path
}

fn plan(cli: &Cli, file: &Path) -> String {
    let file = file.to_str().unwrap();
    cli.run(NOW, &["import", "calendar", file, "--plan"]).0
}

fn day(cli: &Cli) -> Day {
    cli.journal().load(date()).unwrap()
}

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

/// "09:00-09:15 OTH Standup" for each block, in start order.
fn blocks(cli: &Cli) -> Vec<String> {
    common::plan_lines(&cli.journal(), date())
}

fn edit(cli: &Cli, title: &str, change: impl FnOnce(&mut protime::domain::Block)) {
    common::edit_block(&cli.journal(), date(), title, change);
}

#[test]
fn meetings_become_blocks_and_overlaps_are_named() {
    let cli = Cli::new();
    cli.run(
        NOW,
        &["plan", "add", "09:30-10:30", "pro", "Prospecting calls"],
    );
    let out = plan(&cli, &fixture());
    assert!(out.contains("3 added"), "{out}");
    assert!(
        out.contains("10:00–11:00 ACME demo overlaps your block 09:30–10:30 Prospecting calls"),
        "{out}"
    );
    assert!(out.contains("No rule matched 1 meeting"), "{out}");
    assert!(out.contains("Skipped: 1 all-day, 1 cancelled"), "{out}");
    assert_eq!(
        blocks(&cli),
        [
            "09:00-09:15 OTH Standup",
            "09:30-10:30 PRO Prospecting calls",
            "10:00-11:00 PRO ACME demo",
            "14:00-14:30 RE Globex escalation",
        ]
    );
    let file = cli.day_file("2026-11-30");
    assert!(file.starts_with("schema = 2\n"), "{file}");
    assert!(
        file.contains("source = \"ics:demo-acme@google.com\""),
        "{file}"
    );
    let again = plan(&cli, &fixture());
    assert!(
        again.contains("0 added, 0 moved, 0 updated, 0 removed, 3 unchanged"),
        "{again}"
    );
    let (plan_tab, _) = cli.run(NOW, &["plan", "show"]);
    assert!(
        plan_tab.contains("10:00-11:00 PRO ACME demo (calendar)"),
        "{plan_tab}"
    );
    assert!(
        plan_tab.contains("09:30-10:30 PRO Prospecting calls\n"),
        "{plan_tab}"
    );
}

#[test]
fn a_moved_meeting_moves_its_block_and_a_cancelled_one_goes() {
    let cli = Cli::new();
    plan(&cli, &fixture());
    let moved = changed(&cli, "20261130T100000", "20261130T160000");
    let moved = std::fs::read_to_string(&moved)
        .unwrap()
        .replace("20261130T110000", "20261130T170000");
    let path = cancelled(&cli, &moved, "Globex escalation");
    let out = plan(&cli, &path);
    assert!(out.contains("1 moved"), "{out}");
    assert!(out.contains("1 removed"), "{out}");
    assert_eq!(
        blocks(&cli),
        ["09:00-09:15 OTH Standup", "16:00-17:00 PRO ACME demo"]
    );
    let demo = day(&cli)
        .blocks
        .into_iter()
        .find(|b| b.title == "ACME demo")
        .unwrap();
    assert_eq!(demo.id, "b2", "the block keeps its id");
    // Gone from the file within the period: its block goes too.
    let text = std::fs::read_to_string(&path).unwrap();
    let (head, rest) = text.split_once("BEGIN:VEVENT\r\nUID:standup").unwrap();
    let (_, tail) = rest.split_once("END:VEVENT\r\n").unwrap();
    std::fs::write(&path, format!("{head}{tail}")).unwrap();
    let out = plan(&cli, &path);
    assert!(
        out.contains("0 added, 0 moved, 0 updated, 1 removed, 1 unchanged"),
        "{out}"
    );
    assert_eq!(blocks(&cli), ["16:00-17:00 PRO ACME demo"]);
}

#[test]
fn the_reps_edits_and_deletions_survive_a_reimport() {
    let cli = Cli::new();
    plan(&cli, &fixture());
    edit(&cli, "Standup", |b| {
        b.category = Category::Proactive;
        b.title = "Standup: ask for referrals".into();
    });
    cli.journal()
        .update(date(), |d| {
            let id = d
                .blocks
                .iter()
                .find(|b| b.title == "Globex escalation")
                .unwrap()
                .id
                .clone();
            DayEdit::RemoveBlocks(vec![id]).apply(d).map(|_| ())
        })
        .unwrap();
    // The whole standup series moves a quarter of an hour later.
    let later = std::fs::read_to_string(fixture())
        .unwrap()
        .replace("20261130T091500", "20261130T093000")
        .replace(
            "DTSTART;TZID=Europe/Berlin:20261130T090000",
            "DTSTART;TZID=Europe/Berlin:20261130T091500",
        );
    let path = cli.dir.path().join("later.ics");
    std::fs::write(&path, later).unwrap();
    let out = plan(&cli, &path);
    assert!(out.contains("1 you deleted left out"), "{out}");
    assert_eq!(
        blocks(&cli),
        [
            "09:15-09:30 PRO Standup: ask for referrals",
            "10:00-11:00 PRO ACME demo",
        ]
    );
}

#[test]
fn plan_imports_refuse_what_they_cannot_do() {
    let cli = Cli::new();
    let file = fixture();
    let file = file.to_str().unwrap();
    let crm = cli
        .on(NOW)
        .args(["import", "crm", file, "--plan"])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&crm.get_output().stderr).into_owned();
    assert!(
        err.contains("use it with `protime import calendar FILE.ics`"),
        "{err}"
    );
    let bad = cli
        .on(NOW)
        .args(["import", "calendar", file, "--plan", "--date", "30.11."])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&bad.get_output().stderr).into_owned();
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let dry = cli
        .run(NOW, &["import", "calendar", file, "--plan", "--dry-run"])
        .0;
    assert!(dry.contains("Nothing written (would be: 3 added"), "{dry}");
    assert_eq!(cli.day_file("2026-11-30"), "");
    let json = cli.json(
        NOW,
        &["import", "calendar", file, "--plan", "--date", "2026-11-30"],
    );
    assert_eq!(json["change"]["added"], 3);
    assert_eq!(json["meetings"][0]["title"], "Standup");
    assert_eq!(json["meetings"][0]["unsorted"], true);
}

/// #22: a meeting into the night is planned to the end of its day and the rest on the next day,
/// both with the meeting's calendar id; re-imports keep the rep's change to the second part, a
/// cancelled meeting loses both, the next day's own meetings stay the next day's, and the export
/// of the plan writes neither part (they are in the calendar already).
#[test]
fn a_meeting_past_midnight_is_planned_on_both_days() {
    let cli = Cli::new();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan/overnight.ics");
    let next = date().succ_opt().unwrap();
    let lines = |d| common::plan_lines(&cli.journal(), d);
    let out = plan(&cli, &file);
    assert!(out.contains("2026-12-01 00:00-01:30"), "{out}");
    assert_eq!(lines(date()), ["23:00-23:59 OTH Call Tokyo"]);
    assert_eq!(lines(next), ["00:00-01:30 OTH Call Tokyo"], "{out}");
    let rest = cli.journal().load(next).unwrap().blocks[0].clone();
    assert_eq!(
        rest.source.as_deref(),
        Some("ics:tokyo-call@google.com#2026-12-01")
    );
    // The next day's own import plans its morning too; the rep re-sorts the call's second part.
    let f = file.to_str().unwrap();
    cli.run(
        NOW,
        &["import", "calendar", f, "--plan", "--date", "2026-12-01"],
    );
    cli.journal()
        .update(next, |d| {
            let mut after = rest.clone();
            after.category = Category::Reactive;
            DayEdit::change_block(&rest, after).apply(d).map(|_| ())
        })
        .unwrap();
    let out = plan(&cli, &file);
    assert!(out.contains("0 added"), "nothing twice: {out}");
    assert_eq!(
        lines(next),
        ["00:00-01:30 RE Call Tokyo", "09:00-09:30 OTH Morning sync"]
    );
    let (ics, _) = cli.run(
        NOW,
        &[
            "export",
            "--plan",
            "--format",
            "ics",
            "--from",
            "2026-11-30",
            "--to",
            "2026-12-01",
        ],
    );
    assert!(
        !ics.contains("Call Tokyo"),
        "meetings stay out of the export: {ics}"
    );
    // Cancelled: both parts go; the morning sync is 1 Dec's import's and stays.
    let text = std::fs::read_to_string(&file).unwrap();
    let out = plan(&cli, &cancelled(&cli, &text, "Call Tokyo"));
    assert!(out.contains("2 removed"), "{out}");
    assert!(lines(date()).is_empty());
    assert_eq!(lines(next), ["09:00-09:30 OTH Morning sync"]);
}
