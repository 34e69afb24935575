//! The dashboard's import prompt with Into = plan: today's meetings into the plan, as
//! `protime import calendar --plan` puts them.

mod common;

use common::{Harness, at};
use ratatui::crossterm::event::KeyCode;

const NOW: &str = "2026-11-30T08:00:00+01:00";

fn fixture() -> String {
    let dir = env!("CARGO_MANIFEST_DIR");
    format!("{dir}/tests/fixtures/plan/meetings.ics")
}

/// The import prompt from the Month tab, `path` typed and Into set to `into`.
fn plan_from_prompt(h: &mut Harness, path: &str, into: &str) {
    h.type_keys("5I");
    h.type_keys(path);
    h.type_keys("\t\t");
    for _ in "baseline".chars() {
        h.press(KeyCode::Backspace);
    }
    h.type_keys(into);
    h.type_keys("\n");
}

#[test]
fn into_plan_puts_todays_meetings_on_the_plan_tab() {
    let mut h = Harness::new(at(NOW));
    h.type_keys("1");
    let date = at(NOW).date_naive();
    plan_from_prompt(&mut h, &fixture(), "plan");
    let banner = h.app.message().unwrap_or_default();
    assert!(
        banner.starts_with("Planned today's meetings: 3 added"),
        "{banner}"
    );
    assert_eq!(
        h.plan(date),
        [
            "09:00-09:15 OTH Standup",
            "10:00-11:00 PRO ACME demo",
            "14:00-14:30 RE Globex escalation"
        ]
    );
    let screen = h.screen(110, 30);
    assert!(screen.contains("ACME demo"), "{screen}");
    // The same file again changes nothing.
    plan_from_prompt(&mut h, &fixture(), "plan");
    let banner = h.app.message().unwrap_or_default();
    assert!(
        banner.contains("0 added, 0 moved, 0 updated, 0 removed, 3 unchanged"),
        "{banner}"
    );
}

#[test]
fn into_must_be_baseline_or_plan_and_plan_needs_a_calendar() {
    let mut h = Harness::new(at(NOW));
    plan_from_prompt(&mut h, &fixture(), "later");
    let error = h
        .app
        .prompt()
        .and_then(|p| p.form.error.clone())
        .unwrap_or_default();
    assert!(error.contains("type baseline or plan"), "{error}");
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("activities.csv");
    std::fs::write(&csv, "Subject,Start\n").unwrap();
    let mut h = Harness::new(at(NOW));
    plan_from_prompt(&mut h, &csv.display().to_string(), "plan");
    let error = h
        .app
        .prompt()
        .and_then(|p| p.form.error.clone())
        .unwrap_or_default();
    assert!(error.contains("only a calendar (.ics)"), "{error}");
    assert!(h.file(at(NOW).date_naive()).is_empty());
}

/// #22: `u` on the Plan tab after a plan import puts the plan back exactly as it was (a block the
/// rep changed keeps the change, a deleted one stays deleted), and `U` plans the meetings again.
#[test]
fn u_undoes_a_plan_import_and_redo_plans_it_again() {
    let mut h = Harness::new(at(NOW));
    let date = at(NOW).date_naive();
    h.type_keys("1");
    plan_from_prompt(&mut h, &fixture(), "plan");
    // The rep deletes the standup (the first block).
    h.type_keys("kkkkd");
    assert_eq!(h.plan(date).len(), 2, "{:?}", h.app.message());
    let planned = h.plan(date);
    let file = h.file(date);
    let dir = tempfile::tempdir().unwrap();
    let moved = dir.path().join("moved.ics");
    let text = std::fs::read_to_string(fixture()).unwrap();
    std::fs::write(
        &moved,
        text.replace("T100000", "T120000")
            .replace("T110000", "T130000"),
    )
    .unwrap();
    plan_from_prompt(&mut h, &moved.display().to_string(), "plan");
    let banner = h.app.message().unwrap_or_default();
    assert!(
        banner.contains("1 moved") && banner.contains("u undoes it"),
        "{banner}"
    );
    let imported = h.plan(date);
    assert_ne!(imported, planned);
    h.type_keys("u");
    assert_eq!(h.plan(date), planned, "{:?}", h.app.message());
    let undone = h.file(date);
    assert!(
        undone.contains("corrected_blocks"),
        "the deleted standup stays marked: {undone}"
    );
    assert_eq!(strip_issued(&undone), strip_issued(&file));
    h.type_keys("U");
    assert_eq!(h.plan(date), imported, "{:?}", h.app.message());
}

/// The file without its `[issued]` table (ids given once stay given, undo or not).
fn strip_issued(file: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in file.lines() {
        if line.starts_with('[') {
            skipping = line == "[issued]";
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// #22: a meeting past midnight changes two days; one `u` takes both parts back out, one `U`
/// plans both again.
#[test]
fn one_u_undoes_a_plan_import_that_changed_two_days() {
    let dir = tempfile::tempdir().unwrap();
    let late = dir.path().join("late.ics");
    let event = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:late@example.com\n\
                 DTSTART;TZID=Europe/Berlin:20261130T230000\nDTEND;TZID=Europe/Berlin:20261201T010000\n\
                 SUMMARY:Call with Tokyo\nEND:VEVENT\nEND:VCALENDAR\n";
    std::fs::write(&late, event).unwrap();
    let mut h = Harness::new(at(NOW));
    let (today, tomorrow) = (
        at(NOW).date_naive(),
        at("2026-12-01T08:00:00+01:00").date_naive(),
    );
    h.type_keys("1");
    plan_from_prompt(&mut h, &late.display().to_string(), "plan");
    let banner = h.app.message().unwrap_or_default();
    assert!(banner.contains("u undoes it (2 days changed)"), "{banner}");
    let both = (h.plan(today), h.plan(tomorrow));
    assert_eq!(both.0, ["23:00-23:59 OTH Call with Tokyo"]);
    assert_eq!(both.1, ["00:00-01:00 OTH Call with Tokyo"]);
    h.type_keys("u");
    assert!(h.plan(today).is_empty() && h.plan(tomorrow).is_empty());
    h.type_keys("u");
    assert!(
        h.app
            .message()
            .unwrap_or_default()
            .contains("nothing to undo"),
        "{:?}",
        h.app.message()
    );
    h.type_keys("U");
    assert_eq!((h.plan(today), h.plan(tomorrow)), both);
}
