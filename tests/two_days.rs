//! Two ordinary, messy working days: the dashboard (restarted at each pinned time, as a rep
//! reopening the pane would) and the real binary's verbs on one journal. At every step `status`,
//! the Timer and Review tabs give the share `report` gives for today, the Month tab gives the one
//! `report --month` gives, and at the end the journal is exactly the expected file.

mod common;

use chrono::{DateTime, Duration, FixedOffset};
use common::cli::Cli;
use common::{Harness, at};
use ratatui::crossterm::event::KeyCode;

const THU: &str = "2026-11-26";
const FRI: &str = "2026-11-27";

fn instant(day: &str, time: &str) -> DateTime<FixedOffset> {
    at(&format!("{day}T{time}:00+01:00"))
}

/// The dashboard opened on the shared journal at `when`.
fn dashboard(cli: &Cli, when: DateTime<FixedOffset>) -> Harness {
    let tmp = tempfile::Builder::new().tempdir().unwrap();
    // The harness owns its folder: it is the CLI's, handed over and given back by `close`.
    std::fs::remove_dir(tmp.path()).unwrap();
    std::os::unix::fs::symlink(cli.dir.path(), tmp.path()).unwrap();
    Harness::in_dir(tmp, when)
}

fn hm(minutes: i64) -> String {
    format!("{}h{:02}", minutes / 60, minutes % 60)
}

/// A percentage as a screen shows it: the number before `suffix`.
fn percent_before(screen: &str, suffix: &str) -> Option<i64> {
    let at = screen.find(suffix)?;
    let digits: String = screen[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.chars().rev().collect::<String>().parse().ok()
}

fn report_share(cli: &Cli, when: &str, args: &[&str]) -> Option<i64> {
    let mut all = vec!["report", "--format", "json"];
    all.extend_from_slice(args);
    let json = cli.json(when, &all);
    json["total"]["share"]["proactive"]
        .as_f64()
        .map(|s| s.round() as i64)
}

/// `status`, the Timer tab, the Review tab and `report` for today agree; so do the Month tab and
/// `report --month`.
fn one_share_everywhere(cli: &Cli, day: &str, time: &str) {
    let when = instant(day, time);
    let stamp = when.to_rfc3339();
    let today = report_share(cli, &stamp, &["--from", day, "--to", day]);
    let status = cli.json(&stamp, &["status"])["proactive_share"]
        .as_f64()
        .map(|s| s.round() as i64);
    assert_eq!(status, today, "status at {time}");
    let mut h = dashboard(cli, when);
    if h.app.gap().is_some() {
        // The question after a silence holds the keys: its Plan tab figures count as `report`.
        let json = cli.json(
            &stamp,
            &["report", "--format", "json", "--from", day, "--to", day],
        );
        let minutes = |c: &str| json["total"]["minutes"][c].as_i64().unwrap();
        let done = format!(
            "Done     PRO {}  RE {}",
            hm(minutes("proactive")),
            hm(minutes("reactive"))
        );
        let plan = h.screen(120, 40);
        assert!(
            plan.contains(&done),
            "Plan tab at {time}, not {done}:\n{plan}"
        );
        return;
    }
    h.type_keys("2");
    let timer = h.screen(120, 40);
    if let Some(share) = today {
        assert_eq!(
            percent_before(&timer, "% of capacity · target"),
            Some(share),
            "Timer tab at {time}:\n{timer}"
        );
    }
    h.type_keys("4");
    let review = h.screen(120, 40);
    assert_eq!(
        percent_before(&review, "% of capacity · target"),
        today,
        "Review tab at {time}:\n{review}"
    );
    h.type_keys("5");
    let month = h.screen(120, 40);
    let month_report = report_share(cli, &stamp, &["--month", &day[..7]]);
    assert_eq!(
        percent_before(&month, "% vs 40% target"),
        month_report,
        "Month tab at {time}:\n{month}"
    );
}

#[test]
fn two_messy_days_keep_one_record_and_one_share() {
    let cli = Cli::new();
    let thu = |t: &str| instant(THU, t).to_rfc3339();
    cli.run(
        &thu("08:00"),
        &["plan", "add", "09:00-11:00", "proactive", "Prospecting"],
    );
    cli.run(
        &thu("08:00"),
        &[
            "plan",
            "add",
            "14:00-16:00",
            "reactive",
            "Customer requests",
        ],
    );
    // 09:00 focus from the dashboard; 09:10 `i` at once, named while it runs; 09:20 `i` ends it.
    let mut h = dashboard(&cli, instant(THU, "09:00"));
    h.type_keys("2s");
    h.run_for(Duration::minutes(10), Duration::minutes(1));
    h.type_keys("iGlobex\tdelivery date\n");
    h.run_for(Duration::minutes(10), Duration::minutes(1));
    h.type_keys("i");
    // 09:25 a request passed on for ACME, focus goes on.
    h.run_for(Duration::minutes(5), Duration::minutes(1));
    h.type_keys("pinvoice to finance\tACME\n");
    one_share_everywhere(&cli, THU, "09:26");
    // 09:29 an inbox slot during focus: the focus pauses, and resumes when it ends at 09:44; the
    // round's 30 minutes then end at 09:55.
    h.run_for(Duration::minutes(4), Duration::minutes(1));
    h.type_keys("3s");
    h.run_for(Duration::minutes(15), Duration::minutes(1));
    h.type_keys("s2");
    one_share_everywhere(&cli, THU, "09:44");
    h.run_for(Duration::minutes(15), Duration::minutes(1));
    h.type_keys("s"); // 09:59, in the break: stop
    drop(h);
    // 16:00 an interruption from the tmux binding, forgotten; the status line last ran at 16:05.
    cli.run(&thu("16:00"), &["interrupt", "Initech"]);
    cli.run(&thu("16:03"), &["status"]);
    cli.run(&thu("16:05"), &["status"]);
    one_share_everywhere(&cli, THU, "18:00");
    // Friday 08:21: the dashboard closes it at its last sign of life and says so; the review of
    // Thursday is answered.
    let mut h = dashboard(&cli, instant(FRI, "08:21"));
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("closed at its last sign of life, 16:05"),
        "{screen}"
    );
    h.type_keys("4");
    h.press(KeyCode::Char('P'));
    drop(h);
    one_share_everywhere(&cli, FRI, "08:22");
    one_share_everywhere(&cli, FRI, "10:00");
    assert_eq!(
        cli.day_file(THU),
        include_str!("fixtures/two_days/2026-11-26.toml")
    );
    assert!(
        !cli.day_file(FRI).contains("[[session]]"),
        "nothing made up on Friday"
    );
}
