//! `protime report` and `protime export` on a generated journal, cross-checked against the
//! generator's own days.

use assert_cmd::Command;
use chrono::{FixedOffset, NaiveDate};
use predicates::prelude::*;
use protime::domain::Category;
use std::collections::BTreeMap;

const NOW: &str = "2026-11-26T18:00:00+00:00";

fn journal_with_generated_days() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    cmd(&dir)
        .args([
            "generate",
            "--days",
            "120",
            "--end",
            "2026-11-26",
            "--seed",
            "7",
        ])
        .assert()
        .success();
    dir
}

fn cmd(dir: &tempfile::TempDir) -> Command {
    let mut c = Command::cargo_bin("protime").unwrap();
    c.env("PROTIME_DATA_DIR", dir.path())
        .env("PROTIME_NOW", NOW)
        .env("XDG_CONFIG_HOME", dir.path().join("cfg"));
    c
}

fn json(dir: &tempfile::TempDir, args: &[&str]) -> serde_json::Value {
    let out = cmd(dir)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

/// Minutes per category summed straight from the generator's sessions (they never overlap).
fn generated_minutes(from: NaiveDate, to: NaiveDate) -> BTreeMap<Category, i64> {
    let offset = FixedOffset::east_opt(0).unwrap();
    let days = protime::synth::generate(
        7,
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        120,
        offset,
    );
    let mut totals = BTreeMap::new();
    for day in days.iter().filter(|d| d.date >= from && d.date <= to) {
        for s in &day.sessions {
            *totals.entry(s.category).or_insert(0) += (s.end.unwrap() - s.start).num_seconds();
        }
    }
    totals.into_iter().map(|(c, secs)| (c, secs / 60)).collect()
}

#[test]
fn report_totals_equal_the_generators_own_record() {
    let dir = journal_with_generated_days();
    let report = json(
        &dir,
        &[
            "report", "--month", "2026-10", "--by", "day", "--format", "json",
        ],
    );
    let expected = generated_minutes(
        NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
    );
    let minutes = &report["total"]["minutes"];
    // Per-day rounding to whole minutes may lose under a minute a day.
    for (name, category) in [
        ("proactive", Category::Proactive),
        ("reactive", Category::Reactive),
        ("other", Category::Other),
    ] {
        let got = minutes[name].as_i64().unwrap();
        let want = expected[&category];
        assert!(
            (want - got).abs() <= 31,
            "{name}: report {got} vs generated {want}"
        );
    }
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 31);
    let row_sum: i64 = rows
        .iter()
        .map(|r| r["minutes"]["proactive"].as_i64().unwrap())
        .sum();
    assert_eq!(row_sum, minutes["proactive"].as_i64().unwrap());
    let days = protime::synth::generate(
        7,
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        120,
        FixedOffset::east_opt(0).unwrap(),
    );
    let off = days
        .iter()
        .filter(|d| d.date.format("%Y-%m").to_string() == "2026-10" && d.off.is_some())
        .count() as i64;
    assert_eq!(
        report["total"]["capacity_minutes"],
        (22 - off) * 8 * 60,
        "22 working days in October 2026, less days off"
    );
}

#[test]
fn every_grouping_and_format() {
    let dir = journal_with_generated_days();
    cmd(&dir)
        .args(["report", "--month", "2026-11"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-W45").and(predicate::str::contains("total")));
    let csv = cmd(&dir)
        .args(["report", "--last", "2w", "--by", "day", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with(
        "period,proactive_hours,reactive_hours,other_hours,unlogged_hours,capacity_hours,"
    ));
    assert_eq!(text.lines().count(), 15, "header and 14 days");
    assert!(
        text.lines()
            .next()
            .unwrap()
            .ends_with(",inbox_hours,inbox_planned_hours,parked_handled,parked_waiting")
    );
    let months = json(
        &dir,
        &[
            "report",
            "--from",
            "2026-08-01",
            "--to",
            "2026-11-26",
            "--by",
            "month",
            "--format",
            "json",
        ],
    );
    assert_eq!(months["rows"].as_array().unwrap().len(), 4);
    let inbox = &months["total"]["inbox"];
    assert!(inbox["minutes"].as_i64().unwrap() > 0, "{inbox}");
    assert!(inbox["planned_minutes"].as_i64().unwrap() > 0, "{inbox}");
    let accounts = json(
        &dir,
        &[
            "report", "--month", "2026-11", "--by", "account", "--format", "json",
        ],
    );
    assert!(
        accounts["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["reactive_minutes"].as_i64().unwrap() > 0)
    );
    cmd(&dir)
        .args(["report", "--by", "objective"])
        .assert()
        .success()
        .stdout(predicate::str::contains("New logos Q4"));
}

#[test]
fn export_writes_every_session_of_the_period() {
    let dir = journal_with_generated_days();
    let out = cmd(&dir)
        .args(["export", "--month", "2026-10"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let rows = reader.records().count();
    let days = protime::synth::generate(
        7,
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        120,
        FixedOffset::east_opt(0).unwrap(),
    );
    let expected: usize = days
        .iter()
        .filter(|d| d.date.format("%Y-%m").to_string() == "2026-10")
        .map(|d| d.sessions.len())
        .sum();
    assert_eq!(rows, expected);
    let list = json(&dir, &["export", "--last", "7d", "--format", "json"]);
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|e| e["session"]["start"].is_string())
    );
}

#[test]
fn csv_cells_a_spreadsheet_would_run_as_formulas_read_as_text() {
    let dir = tempfile::tempdir().unwrap();
    cmd(&dir)
        .args([
            "log",
            "09:00-10:00",
            "reactive",
            "=1+2",
            "--account",
            "@SUM(A1)",
        ])
        .args(["--date", "2026-11-25"])
        .assert()
        .success();
    let export = cmd(&dir).args(["export", "--last", "7d"]).output().unwrap();
    let text = String::from_utf8_lossy(&export.stdout);
    assert!(text.contains(",'=1+2,'@SUM(A1),"), "{text}");
    let by_account = cmd(&dir)
        .args([
            "report", "--last", "7d", "--by", "account", "--format", "csv",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&by_account.stdout);
    assert!(text.contains("'@SUM(A1),1.00"), "{text}");
    let json = json(&dir, &["export", "--last", "7d", "--format", "json"]);
    assert_eq!(
        json[0]["session"]["title"], "=1+2",
        "JSON keeps the text as it is"
    );
}

#[test]
fn the_account_table_stays_in_line_with_long_and_wide_names() {
    let dir = tempfile::tempdir().unwrap();
    for (range, account) in [
        ("09:00-10:00", "ACME"),
        (
            "10:00-11:30",
            "Nordwind Logistik und Spedition GmbH & Co. KG",
        ),
        ("12:00-12:30", "東京商事"),
    ] {
        cmd(&dir)
            .args(["log", range, "reactive", "call", "--account", account])
            .args(["--date", "2026-11-25"])
            .assert()
            .success();
    }
    let out = cmd(&dir)
        .args(["report", "--last", "7d", "--by", "account"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let ends: Vec<usize> = text
        .lines()
        .skip(1)
        .take(4)
        .map(|l| unicode_width::UnicodeWidthStr::width(l.trim_end()))
        .collect();
    assert!(ends.windows(2).all(|w| w[0] == w[1]), "{ends:?}\n{text}");
}

#[test]
fn bad_periods_and_empty_periods() {
    let dir = tempfile::tempdir().unwrap();
    cmd(&dir)
        .args(["report", "--month", "2026-13"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("YYYY-MM"));
    cmd(&dir)
        .args(["report", "--from", "2026-02-01", "--to", "2026-01-01"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("earlier day first"));
    cmd(&dir)
        .args(["report", "--last", "soon"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("like 14d"));
    cmd(&dir)
        .args(["report", "--from", "2026-01-01"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--to"));
    cmd(&dir)
        .args(["report", "--month", "2026-11"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "nothing is recorded from 2026-11-01 to 2026-11-30",
        ))
        .stdout(predicate::str::contains("Proactive 0% vs 40% target"));
}

/// A report by day over months is written to standard output in one `write`, not one per line
/// (counted with strace, which `.ci/run` installs).
#[test]
fn a_long_report_is_one_write() {
    let dir = journal_with_generated_days();
    let log = dir.path().join("strace.txt");
    let out = std::process::Command::new("strace")
        .args(["-f", "-e", "trace=write", "-o"])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_protime"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "report",
            "--from",
            "2026-08-01",
            "--to",
            "2026-11-26",
            "--by",
            "day",
        ])
        .env("PROTIME_NOW", NOW)
        .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
        .output()
        .expect("strace is needed for this test: .ci/run installs it");
    assert!(out.status.success(), "{out:?}");
    let lines = String::from_utf8_lossy(&out.stdout).lines().count();
    assert!(lines > 100, "{lines} lines");
    let trace = std::fs::read_to_string(&log).unwrap();
    let writes = trace.lines().filter(|l| l.contains("write(1,")).count();
    assert_eq!(writes, 1, "{trace}");
}
