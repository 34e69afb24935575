//! `protime off`: a range of days off with a reason, refusals with their exit codes, --json, -q,
//! a holiday calendar's all-day events; and what days off do to the figures.

mod common;

use common::cli::Cli;

const NOW: &str = "2026-12-10T12:00:00+01:00";

fn run(cli: &Cli, args: &[&str]) -> (i32, String, String) {
    let out = cli.on(NOW).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_range_marks_its_working_days_off_with_the_reason() {
    let cli = Cli::new();
    // A day with a plan keeps it: only `off` is added.
    cli.run(
        NOW,
        &[
            "plan",
            "add",
            "09:00-10:00",
            "pro",
            "Calls",
            "--date",
            "2026-12-24",
        ],
    );
    let (code, out, err) = run(&cli, &["off", "2026-12-24..2026-12-31", "Christmas leave"]);
    assert_eq!(code, 0, "{err}");
    // 24, 25, 28, 29, 30, 31: six working days; the weekend of 26–27 is left alone.
    assert!(out.contains("marked 6 days off"), "{out}");
    assert!(out.contains("Christmas leave"), "{out}");
    assert!(out.contains("48h00 less capacity"), "{out}");
    assert!(out.contains("2 day(s) that are not working days"), "{out}");
    let file = cli.day_file("2026-12-24");
    assert!(file.contains("off = \"Christmas leave\""), "{file}");
    assert!(file.contains("title = \"Calls\""), "{file}");
    assert_eq!(cli.day_file("2026-12-26"), "");
    assert!(
        cli.day_file("2026-12-31")
            .contains("off = \"Christmas leave\"")
    );
}

#[test]
fn one_day_without_a_reason_is_a_day_off() {
    let cli = Cli::new();
    let (code, out, _) = run(&cli, &["off", "2026-12-11"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("marked 1 day off (2026-12-11, \"day off\")"),
        "{out}"
    );
    assert!(cli.day_file("2026-12-11").contains("off = \"day off\""));
}

#[test]
fn bad_ranges_are_refused_with_exit_1_and_nothing_written() {
    for (args, says) in [
        (vec!["off", "2026-12-31..2026-12-24"], "before it starts"),
        (vec!["off", "2026-01-01..2027-01-02"], "at most a year"),
        (vec!["off", "2026-13-01"], "is not a date"),
        (vec!["off", "24.12.2026"], "is not a date"),
        (vec!["off", "2026-12-24..tomorrow"], "is not a date"),
        (vec!["off", "2026-12-24", " "], "reason is empty"),
        (vec!["off", "2150-01-01"], "outside 1970–2100"),
    ] {
        let cli = Cli::new();
        let (code, out, err) = run(&cli, &args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert_eq!(out, "", "{args:?}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!cli.dir.path().join("journal").exists(), "{args:?} wrote");
    }
    // Neither a range nor a calendar: refused like every wrong argument.
    let (code, _, err) = run(&Cli::new(), &["off"]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn a_broken_day_file_stops_with_exit_2_and_says_what_was_marked() {
    let cli = Cli::new();
    let path = cli.dir.path().join("journal/2026/2026-12-16.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "schema = 1\n[[block]\n").unwrap();
    let (code, _, err) = run(&cli, &["off", "2026-12-14..2026-12-18", "leave"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("2026-12-16.toml"), "{err}");
    assert!(
        err.contains("2 days up to 2026-12-15 were marked off"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "schema = 1\n[[block]\n"
    );
}

#[test]
fn json_lists_the_days_marked_and_q_prints_nothing() {
    let cli = Cli::new();
    let doc = cli.json(NOW, &["off", "2026-12-18..2026-12-21", "leave"]);
    assert_eq!(doc["marked"][0]["date"], "2026-12-18");
    assert_eq!(doc["marked"][0]["off"], "leave");
    assert_eq!(doc["marked"][1]["date"], "2026-12-21");
    assert_eq!(doc["not_working_days"][0], "2026-12-19");
    let quiet = Cli::new();
    let (code, out, err) = run(
        &quiet,
        &["--json", "off", "2026-12-18..2026-12-21", "leave", "-q"],
    );
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    assert_eq!(quiet.day_file("2026-12-21"), cli.day_file("2026-12-21"));
    let (code, _, err) = run(&quiet, &["off", "2026-12-21..2026-12-18", "-q"]);
    assert_eq!(code, 1);
    assert!(err.contains("before it starts"), "{err}");
}

const HOLIDAYS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261226\r\nSUMMARY:Christmas Day\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270102\r\nSUMMARY:New Year\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20261222T090000Z\r\nDTEND:20261222T100000Z\r\nSUMMARY:Team call\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:d\r\nDTSTART;VALUE=DATE:20261228\r\nSTATUS:CANCELLED\r\nSUMMARY:Not a holiday\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

#[test]
fn a_holiday_calendar_marks_only_its_all_day_events() {
    let cli = Cli::new();
    let ics = cli.dir.path().join("holidays.ics");
    std::fs::write(&ics, HOLIDAYS).unwrap();
    let (code, out, err) = run(&cli, &["off", "--from-ics", ics.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("marked 3 days off"), "{out}");
    assert!(
        cli.day_file("2026-12-25")
            .contains("off = \"Christmas Day\"")
    );
    assert!(cli.day_file("2026-12-31").contains("off = \"New Year\""));
    assert!(cli.day_file("2027-01-01").contains("off = \"New Year\""));
    // The timed meeting and the cancelled event are not read.
    assert_eq!(cli.day_file("2026-12-22"), "");
    assert_eq!(cli.day_file("2026-12-28"), "");
    let not_ics = cli.dir.path().join("x.ics");
    std::fs::write(&not_ics, "hello").unwrap();
    let (code, _, err) = run(&cli, &["off", "--from-ics", not_ics.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("not an iCalendar file"), "{err}");
}

#[test]
fn days_off_count_no_capacity_unlogged_or_missing_review_in_the_report() {
    let cli = Cli::new();
    // Counting starts with the journal's first day: the 1st.
    cli.run(NOW, &["off", "2026-12-01", "leave"]);
    let before = cli.json(NOW, &["report", "--month", "2026-12", "--format", "json"]);
    cli.run(NOW, &["off", "2026-12-02..2026-12-04", "leave"]);
    let after = cli.json(NOW, &["report", "--month", "2026-12", "--format", "json"]);
    let cap = |d: &serde_json::Value| d["total"]["capacity_minutes"].as_i64().unwrap();
    assert_eq!(cap(&before) - cap(&after), 3 * 480);
    let none = |d: &serde_json::Value| d["total"]["decided"]["none"].as_i64().unwrap();
    assert_eq!(none(&before) - none(&after), 3);
    assert_eq!(after["total"]["days_off"], 4);
}
