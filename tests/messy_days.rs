//! A record a rep can trust on a messy day: the real binary, the clock pinned at each step.

mod common;

use common::cli::Cli;

const THU_1600: &str = "2026-11-26T16:00:00+01:00";
const THU_1605: &str = "2026-11-26T16:05:00+01:00";
const FRI_0821: &str = "2026-11-27T08:21:00+01:00";

/// `protime interrupt "Globex"` at Thu 16:00, the tmux status line seen last at 16:05.
fn forgotten_interruption() -> Cli {
    let cli = Cli::new();
    cli.run(THU_1600, &["interrupt", "Globex"]);
    status_every_few_minutes(&cli, "2026-11-26T16:03:00+01:00", THU_1605);
    cli
}

/// A tmux status line refreshing from `from` to `to` (each call under 5 minutes after the last).
fn status_every_few_minutes(cli: &Cli, from: &str, to: &str) {
    let (from, to) = (instant(from), instant(to));
    let mut at = from;
    while at < to {
        cli.run(&at.to_rfc3339(), &["status"]);
        at += chrono::Duration::minutes(4);
    }
    cli.run(&to.to_rfc3339(), &["status"]);
}

fn instant(text: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(text).unwrap()
}

fn reactive_minutes(cli: &Cli, when: &str, date: &str) -> i64 {
    let report = cli.json(
        when,
        &["report", "--from", date, "--to", date, "--format", "json"],
    );
    report["rows"][0]["minutes"]["reactive"].as_i64().unwrap()
}

#[test]
fn the_morning_after_a_forgotten_interruption_counts_five_minutes_not_an_evening() {
    let cli = forgotten_interruption();
    assert_eq!(reactive_minutes(&cli, FRI_0821, "2026-11-26"), 5);
    let (line, _) = cli.run(FRI_0821, &["status"]);
    assert!(
        line.contains("open since Thu 16:00 · last seen Thu 16:05"),
        "{line}"
    );
    let status = cli.json(FRI_0821, &["status"]);
    assert_eq!(status["state"], "interruption");
    assert_eq!(status["last_seen"], "Thu 16:05");
}

#[test]
fn interrupt_the_next_morning_ends_the_forgotten_one_at_its_last_sign_of_life() {
    let cli = forgotten_interruption();
    let (out, note) = cli.run(FRI_0821, &["interrupt"]);
    assert!(
        note.contains("closed at its last sign of life, 16:05"),
        "{note}"
    );
    assert!(out.contains("idle"), "{out}");
    let thursday = cli.day_file("2026-11-26");
    assert!(
        thursday.contains("end = \"2026-11-26T16:05:00+01:00\""),
        "{thursday}"
    );
    assert_eq!(cli.day_file("2026-11-27"), "", "no made-up minute at 00:00");
    assert_eq!(reactive_minutes(&cli, FRI_0821, "2026-11-26"), 5);
}

#[test]
fn a_friday_interruption_first_seen_on_monday_is_found_and_closed_on_friday() {
    let cli = Cli::new();
    cli.run("2026-11-27T16:00:00+01:00", &["interrupt", "Globex"]);
    status_every_few_minutes(
        &cli,
        "2026-11-27T16:03:00+01:00",
        "2026-11-27T16:05:00+01:00",
    );
    let monday = "2026-11-30T08:21:00+01:00";
    let (line, _) = cli.run(monday, &["status"]);
    assert!(
        line.contains("Globex · PRO 0h00 of 3h12 · open since Fri 16:00 · last seen Fri 16:05"),
        "not idle: {line}"
    );
    cli.run(monday, &["interrupt"]);
    let friday = cli.day_file("2026-11-27");
    assert!(
        friday.contains("end = \"2026-11-27T16:05:00+01:00\""),
        "{friday}"
    );
    assert_eq!(cli.json(monday, &["status"])["state"], "idle");
    assert_eq!(cli.day_file("2026-11-30"), "", "no second interruption");
}

#[test]
fn an_interruption_still_alive_after_midnight_is_split_there() {
    let cli = Cli::new();
    cli.run("2026-11-26T23:30:00+01:00", &["interrupt", "Late call"]);
    status_every_few_minutes(
        &cli,
        "2026-11-26T23:33:00+01:00",
        "2026-11-27T00:03:00+01:00",
    );
    cli.run("2026-11-27T00:06:00+01:00", &["interrupt"]);
    let thursday = cli.day_file("2026-11-26");
    assert!(
        thursday.contains("end = \"2026-11-27T00:00:00+01:00\""),
        "{thursday}"
    );
    let friday = cli.day_file("2026-11-27");
    assert!(
        friday.contains("start = \"2026-11-27T00:00:00+01:00\"")
            && friday.contains("end = \"2026-11-27T00:06:00+01:00\""),
        "{friday}"
    );
}

#[test]
fn the_dashboard_the_next_morning_says_what_it_closed() {
    let cli = forgotten_interruption();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::rename(cli.dir.path().join("journal"), tmp.path().join("journal")).unwrap();
    std::fs::rename(
        cli.dir.path().join("heartbeat"),
        tmp.path().join("heartbeat"),
    )
    .unwrap();
    let h = common::Harness::in_dir(tmp, common::at(FRI_0821));
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("closed at its last sign of life, 16:05"),
        "{screen}"
    );
    assert!(
        h.file("2026-11-27".parse().unwrap()).is_empty(),
        "no 00:00 minute"
    );
}

#[test]
fn status_and_report_give_one_proactive_share_through_the_day() {
    let cli = Cli::new();
    cli.run(
        "2026-11-26T08:30:00+01:00",
        &["plan", "add", "08:30-10:30", "proactive", "Prospecting"],
    );
    cli.run("2026-11-26T08:30:00+01:00", &["start"]);
    cli.run("2026-11-26T08:45:00+01:00", &["interrupt", "Globex"]);
    cli.run("2026-11-26T08:55:00+01:00", &["interrupt"]);
    for when in [
        "2026-11-26T09:05:00+01:00",
        "2026-11-26T14:00:00+01:00",
        "2026-11-26T18:00:00+01:00",
    ] {
        let status = cli.json(when, &["status"]);
        let report = cli.json(
            when,
            &[
                "report",
                "--from",
                "2026-11-26",
                "--to",
                "2026-11-26",
                "--format",
                "json",
            ],
        );
        let reported = report["rows"][0]["share"]["proactive"].as_f64().unwrap();
        let shown = status["proactive_share"].as_f64().unwrap();
        assert!(
            (reported - shown).abs() < 1e-9,
            "{when}: {shown} vs {reported}"
        );
    }
}

#[test]
fn a_clock_that_steps_back_keeps_the_session_and_says_so() {
    let cli = Cli::new();
    cli.run(
        "2026-11-26T10:00:00+01:00",
        &["start", "--category", "proactive", "--title", "Calls"],
    );
    let (_, note) = cli.run("2026-11-26T09:00:00+01:00", &["stop"]);
    assert!(note.contains("stepped back"), "{note}");
    let day = cli.day_file("2026-11-26");
    assert!(
        day.contains("start = \"2026-11-26T10:00:00+01:00\"")
            && day.contains("end = \"2026-11-26T10:00:00+01:00\""),
        "kept on record: {day}"
    );
}

#[test]
fn interrupt_at_answers_for_a_forgotten_interruption_the_next_morning() {
    let cli = forgotten_interruption();
    let (out, _) = cli.run(FRI_0821, &["interrupt", "--at", "16:20"]);
    assert!(out.contains("idle"), "{out}");
    let thursday = cli.day_file("2026-11-26");
    assert!(
        thursday.contains("end = \"2026-11-26T16:20:00+01:00\""),
        "the rep's answer, not the last sign of life: {thursday}"
    );
    assert_eq!(reactive_minutes(&cli, FRI_0821, "2026-11-26"), 20);
    cli.on(FRI_0821)
        .args(["stop", "--at", "23:00"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("still to come"));
}

#[test]
fn stop_at_before_the_start_is_refused() {
    let cli = Cli::new();
    cli.run(THU_1600, &["start", "--category", "proactive"]);
    cli.on(THU_1605)
        .args(["stop", "--at", "15:00"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("before it began (16:00)"));
    cli.run(THU_1605, &["stop", "--at", "16:03"]);
    assert!(
        cli.day_file("2026-11-26")
            .contains("end = \"2026-11-26T16:03:00+01:00\"")
    );
}

#[test]
fn reactive_time_by_account_says_how_much_named_no_account() {
    let cli = Cli::new();
    let at = |t: &str| format!("2026-11-26T{t}:00+01:00");
    cli.run(&at("10:00"), &["interrupt", "Globex"]);
    cli.run(&at("10:20"), &["interrupt"]);
    cli.run(&at("10:30"), &["interrupt"]);
    cli.run(&at("10:40"), &["interrupt"]);
    cli.run(
        &at("11:00"),
        &["pass", "invoice to finance", "--account", "Globex"],
    );
    let when = at("12:00");
    let (table, _) = cli.run(&when, &["report", "--last", "1d", "--by", "account"]);
    let row = |name: &str| {
        table
            .lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_string())
    };
    assert_eq!(row("Globex").as_deref(), Some("0h21"), "{table}");
    assert_eq!(row("(no account)").as_deref(), Some("0h10"), "{table}");
    let json = cli.json(&when, &["report", "--last", "1d", "--format", "json"]);
    assert_eq!(json["rows"][0]["reactive_unnamed_minutes"], 10, "{json}");
}

#[test]
fn a_zone_change_between_start_and_stop_does_not_hide_the_running_session() {
    // Started in Tokyo on Friday morning; the rep lands in New York, where it is Thursday evening.
    let cli = Cli::new();
    cli.run("2026-11-27T09:00:00+09:00", &["interrupt", "Globex"]);
    let new_york = "2026-11-26T19:05:00-05:00";
    assert_eq!(cli.json(new_york, &["status"])["state"], "interruption");
    cli.run("2026-11-26T19:10:00-05:00", &["interrupt"]);
    let friday = cli.day_file("2026-11-27");
    assert!(
        friday.contains("end = \"2026-11-26T19:10:00-05:00\""),
        "{friday}"
    );
    assert!(
        !cli.day_file("2026-11-26").contains("[[session]]"),
        "no second interruption"
    );
    // Berlin 00:30 to London 23:40: ten minutes later, the local date a day earlier.
    let cli = Cli::new();
    cli.run(
        "2026-11-27T00:30:00+01:00",
        &["start", "--category", "proactive"],
    );
    cli.run("2026-11-26T23:40:00+00:00", &["stop"]);
    let friday = cli.day_file("2026-11-27");
    assert!(
        friday.contains("end = \"2026-11-26T23:40:00+00:00\""),
        "{friday}"
    );
    assert!(!friday.contains("[timer]"), "{friday}");
}

/// `stop` says what it stopped; with only an interruption running it says what ends that.
#[test]
fn stop_names_what_it_ended_and_what_else_ends_an_interruption() {
    let cli = Cli::new();
    let at = |t: &str| format!("2026-11-26T{t}:00+01:00");
    cli.run(
        &at("09:00"),
        &["start", "--category", "proactive", "--title", "Calls"],
    );
    let (out, _) = cli.run(&at("09:20"), &["stop"]);
    assert!(
        out.starts_with("Stopped: Calls, 09:00–09:20 (0h20 proactive)\n"),
        "{out}"
    );
    cli.run(
        &at("09:21"),
        &["start", "--category", "reactive", "--title", "Queue"],
    );
    let (out, _) = cli.run(&at("09:24"), &["stop", "--at", "09:23"]);
    assert!(
        out.starts_with("Stopped: Queue, 09:21–09:23 (0h02 reactive)\n"),
        "{out}"
    );
    cli.run(&at("09:25"), &["interrupt", "Globex"]);
    cli.on(&at("09:40"))
        .arg("stop")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "an interruption is, since 09:25: i (or `protime interrupt`) ends it",
        ));
}
