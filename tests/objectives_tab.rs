//! Objectives set where they are used (#21): `o` on the Month tab adds one, renames one and sets
//! its hours a week, saved through the one config writer; a renamed objective keeps its past.

mod common;

use chrono::NaiveDate;
use common::{Harness, at};
use protime::domain::{Block, BlockKind, Category, Day, Session, SessionKind};
use protime::tui::effects;

/// Tuesday 24 November: two hours of proactive work in a block for "New logos".
fn day_for_new_logos() -> Day {
    let date = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let at = |t: &str| {
        chrono::DateTime::parse_from_rfc3339(&format!("2026-11-24T{t}:00+01:00")).unwrap()
    };
    let mut day = Day::new(date);
    day.blocks.push(Block {
        id: "b1".into(),
        start: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        end: chrono::NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
        category: Category::Proactive,
        title: "Prospecting".into(),
        kind: BlockKind::Work,
        account: None,
        objective: Some("New logos".into()),
        source: None,
    });
    day.sessions.push(Session {
        id: "s1".into(),
        start: at("09:00"),
        end: Some(at("11:00")),
        category: Category::Proactive,
        kind: SessionKind::Focus,
        title: None,
        block: Some("b1".into()),
        account: None,
        note: None,
        source: None,
    });
    day
}

fn harness() -> Harness {
    let mut h = Harness::new(at("2026-11-26T18:00:00+01:00"));
    let day = day_for_new_logos();
    h.journal
        .update(day.date, |d| {
            *d = day.clone();
            Ok(())
        })
        .unwrap();
    effects::reload_days(&mut h.app, &h.journal);
    h.type_keys("5");
    h
}

#[test]
fn an_objective_is_added_renamed_and_keeps_its_past() {
    let mut h = harness();
    h.type_keys("o");
    assert!(h.screen(100, 30).contains("Add an objective"));
    h.type_keys("New logos\t\t6\n");
    let file = std::fs::read_to_string(h.config_file()).unwrap();
    assert!(
        file.contains("[[objectives]]\nname = \"New logos\"\nweekly_hours = 6"),
        "{file}"
    );
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("Saved the objective “New logos” (6h00 a week)"),
        "{screen}"
    );
    // 30 days of November: 6h × 30/7.
    assert!(
        screen.contains("objectives: New logos 2h00 / 25h43"),
        "{screen}"
    );
    h.type_keys("onew logos\tNew logos Q4\t7.5\n");
    let file = std::fs::read_to_string(h.config_file()).unwrap();
    assert!(file.contains("name = \"New logos Q4\""), "{file}");
    assert!(file.contains("aliases = [\"New logos\"]"), "{file}");
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("objectives: New logos Q4 2h00 / 32h09"),
        "{screen}"
    );
    // The week's hours on the Plan tab count the old name too.
    h.type_keys("1");
    let plan = h.screen(140, 30);
    assert!(
        plan.contains("New logos Q4 2h00 planned · 2h00 done / 7h30"),
        "{plan}"
    );
    // The what-to-change page gives the month and each week.
    h.type_keys("5a");
    let page = h.screen(120, 80);
    assert!(
        page.contains("New logos Q4: 2h00 of 32h09 this month · a week (of 7h30): 23 Nov 2h00"),
        "{page}"
    );
}

#[test]
fn a_taken_name_or_a_bad_number_is_refused_and_nothing_is_written() {
    let mut h = harness();
    h.type_keys("oNew logos\t\tlots\n");
    assert!(h.screen(100, 30).contains("give a number like 6"));
    h.press(ratatui::crossterm::event::KeyCode::Esc);
    h.type_keys("oNew logos\t\t6\n");
    h.type_keys("oRenewals\t\t2\n");
    h.type_keys("oRenewals\tnew logos\t\n");
    let screen = h.screen(120, 40);
    assert!(screen.contains("another objective's name"), "{screen}");
    let file = std::fs::read_to_string(h.config_file()).unwrap();
    assert_eq!(file.matches("\n[[objectives]]\nname").count(), 2, "{file}");
    assert!(!file.contains("aliases = [\"Renewals\"]"), "{file}");
}

/// Issue #21: `T` on the Month tab gives an account its tier (Tab completes the account), saved in
/// `[accounts.tier]`; the accounts line shows it at once.
#[test]
fn an_account_is_given_its_tier_in_the_dashboard() {
    let mut h = Harness::new(at("2026-11-26T18:00:00+01:00"));
    let mut day = day_for_new_logos();
    let mut s = day.sessions[0].clone();
    s.id = "s2".into();
    s.start = chrono::DateTime::parse_from_rfc3339("2026-11-24T14:00:00+01:00").unwrap();
    s.end = Some(chrono::DateTime::parse_from_rfc3339("2026-11-24T15:10:00+01:00").unwrap());
    (s.category, s.kind, s.block) = (Category::Reactive, SessionKind::Interruption, None);
    s.account = Some("Umbrella Corp".into());
    day.sessions.push(s);
    h.journal
        .update(day.date, |d| {
            *d = day.clone();
            Ok(())
        })
        .unwrap();
    effects::reload_days(&mut h.app, &h.journal);
    // As the loop does after its first frame.
    effects::load_known_accounts(&mut h.app, &h.journal);
    h.type_keys("5T");
    assert!(h.screen(100, 30).contains("Give an account its tier"));
    h.type_keys("umb\tZ\n");
    assert!(
        h.screen(100, 30)
            .contains("\"Z\" is no tier: give one of A, B, C, D")
    );
    h.type_keys("Tumb\td\n");
    let file = std::fs::read_to_string(h.config_file()).unwrap();
    assert!(file.contains("\"Umbrella Corp\" = \"D\""), "{file}");
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("reactive by account: Umbrella Corp (D) 1h10"),
        "{screen}"
    );
    assert!(screen.contains("by tier: D 1h10"), "{screen}");
}
