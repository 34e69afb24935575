//! Every command-line verb, run as the real binary on a temp journal with a pinned clock.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// protime at `time` on Thu 26 Nov 2026 (+01:00).
    fn at(&self, time: &str) -> Command {
        let mut cmd = Command::cargo_bin("protime").unwrap();
        cmd.env("PROTIME_DATA_DIR", self.dir.path())
            .env("PROTIME_NOW", format!("2026-11-26T{time}+01:00"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env_remove("NO_COLOR");
        cmd
    }

    /// protime at `when`, a whole RFC 3339 instant (another day).
    fn on(&self, when: &str) -> Command {
        let mut cmd = self.at("00:00:00");
        cmd.env("PROTIME_NOW", when);
        cmd
    }

    fn day_file(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("journal/2026/2026-11-26.toml"))
            .unwrap_or_default()
    }

    fn json(&self, time: &str, args: &[&str]) -> serde_json::Value {
        let out = self
            .at(time)
            .arg("--json")
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap()
    }
}

#[test]
fn plan_add_and_show() {
    let cli = Cli::new();
    cli.at("08:00:00")
        .args([
            "plan",
            "add",
            "09:00-10:30",
            "pro",
            "Prospecting calls",
            "--objective",
            "New logos",
        ])
        .assert()
        .success();
    cli.at("08:00:00")
        .args(["plan", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "09:00-10:30 PRO Prospecting calls · New logos",
        ));
    let added = cli.json(
        "08:00:00",
        &["plan", "add", "10:00-11:00", "re", "Requests"],
    );
    assert_eq!(added["block"]["start"], "10:00");
    assert_eq!(added["block"]["category"], "reactive");
    cli.at("08:00:00")
        .args(["plan", "add", "10:15-10:45", "oth", "Team"])
        .assert()
        .success()
        .stderr(predicate::str::contains("overlaps \"Requests\""));
    let shown = cli.json("08:00:00", &["plan", "show"]);
    assert_eq!(shown["date"], "2026-11-26");
    let titles: Vec<&str> = shown["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Prospecting calls", "Requests", "Team"]);
}

#[test]
fn start_pause_resume_stop_in_the_journal_and_as_json() {
    let cli = Cli::new();
    cli.at("08:00:00")
        .args(["plan", "add", "09:00-10:30", "pro", "ACME proposal"])
        .assert()
        .success();
    let started = cli.json("09:00:00", &["start"]);
    assert_eq!(started["state"], "focus");
    assert_eq!(started["seconds"], 1800);
    assert_eq!(started["title"], "ACME proposal");
    assert_eq!(cli.json("09:10:00", &["pause"])["state"], "paused");
    cli.at("09:11:00")
        .arg("pause")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already paused"));
    assert_eq!(cli.json("09:20:00", &["resume"])["seconds"], 1200);
    let status = cli.json("09:25:00", &["status"]);
    assert_eq!(
        (status["state"].as_str(), status["seconds"].as_i64()),
        (Some("focus"), Some(900))
    );
    assert_eq!(cli.json("09:30:00", &["stop"])["state"], "idle");
    let file = cli.day_file();
    assert!(
        file.contains("start = \"2026-11-26T09:00:00+01:00\"\nend = \"2026-11-26T09:10:00+01:00\""),
        "{file}"
    );
    assert!(
        file.contains("start = \"2026-11-26T09:20:00+01:00\"\nend = \"2026-11-26T09:30:00+01:00\""),
        "{file}"
    );
    assert!(!file.contains("[timer]"));
}

/// The proactive minutes a JSON report gives for Thu 26 Nov, asked at `when`.
fn proactive_minutes_on_the_26th(cli: &Cli, when: &str) -> i64 {
    let out = cli
        .on(when)
        .args(["report", "--from", "2026-11-26", "--to", "2026-11-26"])
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    report["rows"][0]["minutes"]["proactive"].as_i64().unwrap()
}

#[test]
fn a_focus_started_here_and_never_stopped_counts_one_round_and_stops_next_day() {
    let cli = Cli::new();
    cli.at("09:00:00")
        .args(["start", "--category", "proactive", "--title", "Deep"])
        .assert()
        .success();
    // Its 30-minute round ended at 09:30 with no dashboard open to close it.
    assert_eq!(
        proactive_minutes_on_the_26th(&cli, "2026-11-26T16:00:00+01:00"),
        30
    );
    assert_eq!(cli.json("16:00:00", &["status"])["state"], "ready");
    assert!(cli.day_file().contains("[timer]"), "status only reads");
    // The morning after, the 26th keeps its half hour, and the cycle waiting since yesterday
    // does not go on today (a day change resets it): nothing runs, and the 26th is tidied.
    let next = "2026-11-27T09:00:00+01:00";
    assert_eq!(proactive_minutes_on_the_26th(&cli, next), 30);
    let status = cli.on(next).args(["--json", "status"]).output().unwrap();
    assert!(String::from_utf8_lossy(&status.stdout).contains("\"idle\""));
    cli.on(next)
        .arg("stop")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no timer is running"));
    let file = cli.day_file();
    assert!(!file.contains("[timer]"), "{file}");
    assert!(
        file.contains("end = \"2026-11-26T09:30:00+01:00\""),
        "{file}"
    );
}

#[test]
fn a_review_of_a_day_ahead_is_refused() {
    let cli = Cli::new();
    cli.at("09:00:00")
        .args(["review", "--date", "2026-11-30"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("2026-11-30 has not happened yet"));
}

#[test]
fn the_dashboard_without_a_terminal_says_what_works_instead() {
    let cli = Cli::new();
    for args in [vec![], vec!["--demo"], vec!["review"]] {
        cli.at("09:00:00")
            .args(&args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("the dashboard needs a terminal"))
            .stderr(predicate::str::contains("protime status"))
            .stderr(predicate::str::contains("Location").not());
    }
}

#[test]
fn start_by_title_or_unplanned_and_refusals() {
    let cli = Cli::new();
    cli.at("08:00:00")
        .args(["plan", "add", "14:00-15:00", "re", "Support queue"])
        .assert()
        .success();
    cli.at("09:00:00")
        .arg("start")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no block is planned for now"));
    cli.at("09:00:00")
        .args(["start", "nonsense"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no block today"));
    assert_eq!(
        cli.json("09:00:00", &["start", "support"])["category"],
        "reactive"
    );
    let unplanned = cli.json(
        "09:05:00",
        &["start", "--category", "other", "--title", "Expenses"],
    );
    assert_eq!(
        (unplanned["category"].as_str(), unplanned["title"].as_str()),
        (Some("other"), Some("Expenses"))
    );
    cli.at("09:05:00")
        .args(["start", "--category", "urgent"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown category"));
}

#[test]
fn interrupt_toggles_and_pass_logs_a_minute() {
    let cli = Cli::new();
    cli.at("09:00:00")
        .args(["start", "--category", "pro"])
        .assert()
        .success();
    assert_eq!(
        cli.json("09:10:00", &["interrupt", "ACME call"])["state"],
        "interruption"
    );
    let back = cli.json("09:25:00", &["interrupt"]);
    assert_eq!(
        (back["state"].as_str(), back["seconds"].as_i64()),
        (Some("focus"), Some(1200))
    );
    cli.at("09:26:00")
        .args(["pass", "invoice to finance"])
        .assert()
        .success()
        .stdout("Passed on: invoice to finance, logged 09:26 as 1 min reactive\n");
    let file = cli.day_file();
    assert!(file.contains("title = \"ACME call\""), "{file}");
    assert!(file.contains("note = \"passed on\""), "{file}");
}

#[test]
fn log_writes_a_manual_entry_and_refuses_bad_input_without_writing() {
    let cli = Cli::new();
    let saved = cli.json(
        "12:00:00",
        &[
            "log",
            "09:00-09:40",
            "reactive",
            "ACME outage",
            "--account",
            "ACME",
        ],
    );
    assert_eq!(saved["session"]["kind"], "manual");
    assert_eq!(saved["session"]["start"], "2026-11-26T09:00:00+01:00");
    let before = cli.day_file();
    for (args, says) in [
        (["log", "25:00-26:00", "re", "x"], "\"25:00\" is not a time"),
        (["log", "09:00-08:00", "re", "x"], "before the start"),
        (["log", "09:00-10:00", "urgent", "x"], "unknown category"),
        (["log", "0900", "re", "x"], "START-END"),
        (["log", "11:30-12:30", "re", "x"], "has not come yet"),
    ] {
        cli.at("12:00:00")
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(says));
    }
    cli.at("12:00:00")
        .args(["log", "09:00-10:00", "re", "x", "--date", "2026-13-01"])
        .assert()
        .code(1);
    cli.at("12:00:00")
        .args(["log", "09:00-10:00", "re", "x", "--date", "2026-12-25"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "Fri 25 Dec 10:00, which has not come yet",
        ));
    assert!(
        !cli.dir.path().join("journal/2026/2026-12-25.toml").exists(),
        "a refused entry writes no file"
    );
    assert_eq!(
        cli.day_file(),
        before,
        "nothing written by a refused command"
    );
}

#[test]
fn a_corrupt_day_file_is_a_journal_problem_and_stays_untouched() {
    let cli = Cli::new();
    let path = cli.dir.path().join("journal/2026/2026-11-26.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "schema = 1\n[[block]\n").unwrap();
    for args in [
        vec!["start", "--category", "pro"],
        vec!["status"],
        vec!["log", "09:00-10:00", "re", "x"],
    ] {
        cli.at("12:00:00")
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("2026-11-26.toml:2:"));
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "schema = 1\n[[block]\n"
    );
}

#[test]
fn status_format_placeholders() {
    let cli = Cli::new();
    cli.at("09:00:00")
        .args(["start", "--category", "pro", "--title", "Calls"])
        .assert()
        .success();
    cli.at("09:12:00")
        .args([
            "status",
            "--format",
            "{icon} {left} {title} [{category}] {share}/{target}",
        ])
        .assert()
        .success()
        // 12 minutes of PRO over the 39 minutes of capacity 08:30–09:12 holds.
        .stdout("▶ 18:00 Calls [proactive] 31%/40%\n");
}

#[test]
fn completions_and_help_work() {
    let cli = Cli::new();
    cli.at("09:00:00")
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("_protime"));
    cli.at("09:00:00")
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("interrupt"));
    cli.at("09:00:00")
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("protime "));
    cli.at("09:00:00")
        .args(["log", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("09:00-09:40"));
}

#[test]
fn a_bad_pinned_clock_is_refused() {
    let cli = Cli::new();
    cli.at("09:00:00")
        .env("PROTIME_NOW", "tomorrow")
        .arg("status")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("PROTIME_NOW"));
    assert!(!Path::new(&cli.dir.path().join("journal")).exists());
}

#[test]
fn park_adds_to_todays_list_and_refuses_empty_text() {
    let cli = Cli::new();
    cli.at("09:00:00")
        .args(["park", "reply Anna re pricing"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 waiting"));
    assert_eq!(
        cli.json("09:01:00", &["park", "ACME invoice"])["waiting"],
        2
    );
    cli.at("09:02:00")
        .args(["park", "   "])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("say what to handle later"));
    let file = cli.day_file();
    assert!(
        file.contains("[[parked]]\nid = \"p1\"\ntext = \"reply Anna re pricing\""),
        "{file}"
    );
}

#[test]
fn template_new_opens_the_editor_and_never_overwrites() {
    let cli = Cli::new();
    let config_dir = cli.dir.path().join("config/protime");
    // `true` stands in for an editor that saves and quits.
    cli.at("09:00:00")
        .env("EDITOR", "true")
        .env_remove("VISUAL")
        .args(["template", "new", "pricing"])
        .assert()
        .success();
    assert!(config_dir.join("templates/pricing.md").exists());
    cli.at("09:00:00")
        .env("EDITOR", "true")
        .env_remove("VISUAL")
        .args(["template", "new", "pricing"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("exists already"));
    cli.at("09:00:00")
        .env("EDITOR", "no-such-editor-xyz")
        .env_remove("VISUAL")
        .args(["template", "new", "thanks"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("could not start the editor \"no-such-editor-xyz\"")
                .and(predicate::str::contains("EDITOR=nano")),
        );
    cli.at("09:00:00")
        .args(["template", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("pricing").and(predicate::str::contains("thanks")));
}

#[test]
fn times_on_a_summer_day_get_the_summer_offset_whatever_the_season_now() {
    // The real clock (no PROTIME_NOW) in a zone with daylight saving: a July entry is +02:00.
    let cli = Cli::new();
    let mut cmd = Command::cargo_bin("protime").unwrap();
    cmd.env("PROTIME_DATA_DIR", cli.dir.path())
        .env("XDG_CONFIG_HOME", cli.dir.path().join("config"))
        .env_remove("PROTIME_NOW")
        .env("TZ", "Europe/Berlin")
        .args([
            "--json",
            "log",
            "09:00-10:00",
            "reactive",
            "ACME outage",
            "--date",
            "2026-07-01",
        ]);
    let out = cmd.assert().success().get_output().stdout.clone();
    let saved: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(saved["session"]["start"], "2026-07-01T09:00:00+02:00");
    assert_eq!(saved["session"]["end"], "2026-07-01T10:00:00+02:00");
}

#[test]
fn config_check_places_a_bad_number_at_its_key_and_line() {
    let cli = Cli::new();
    let dir = cli.dir.path().join("config/protime");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "[timer]\nfocus_minutes = 1e9\n").unwrap();
    let expect = format!(
        "protime: {}:2:1: timer.focus_minutes = 1e9: minutes from 1 to 240 (a whole number)",
        dir.join("config.toml").display()
    );
    cli.at("09:00:00")
        .args(["config", "check"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(expect));
}

/// QA: an entry earlier than the day's last one was reported (and returned as JSON) as that last
/// one; a script editing the id it was given changed the wrong session.
#[test]
fn log_reports_the_entry_it_wrote_even_when_it_goes_before_others() {
    let cli = Cli::new();
    cli.json("17:00:00", &["log", "16:20-16:30", "reactive", "X"]);
    let early = cli.json("17:00:00", &["log", "08:00-08:30", "other", "Early"]);
    assert_eq!(early["session"]["title"], "Early");
    assert_eq!(early["session"]["category"], "other");
    assert_eq!(early["session"]["id"], "s2");
    cli.at("17:00:00")
        .args(["log", "07:00-07:30", "reactive", "Earlier"])
        .assert()
        .success()
        .stdout(predicate::str::contains("RE Earlier (s3)"));
}
