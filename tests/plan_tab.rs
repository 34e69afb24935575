//! The Plan tab driven key by key through the real app and a real journal in a temp folder.

mod common;

use chrono::{DateTime, FixedOffset, NaiveDate};
use common::Harness;
use protime::tui::effects;
use protime::tui::event::Event;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn now() -> DateTime<FixedOffset> {
    common::at("2026-11-26T07:50:00+01:00")
}

fn today() -> NaiveDate {
    now().date_naive()
}

#[test]
fn quick_start_plans_a_six_block_day_in_at_most_40_keys() {
    let mut h = Harness::new(now());
    // The README's quick start: template, then three blocks typed with the defaults.
    h.type_keys("T");
    h.type_keys("a\n"); // 10:00 proactive, 30 min
    h.type_keys("a\t1h\tr\n"); // 10:30-11:30 reactive
    h.type_keys("a13\t1h\to\tTeam\n"); // 13:00-14:00 other, "Team"
    assert!(h.keys <= 40, "{} keys", h.keys);
    assert_eq!(
        h.plan(today()),
        vec![
            "08:30-10:00 PRO Prospecting calls",
            "10:00-10:30 PRO Proactive work",
            "10:30-11:30 RE Reactive buffer",
            "11:30-12:00 RE Inbox slot",
            "13:00-14:00 OTH Team",
            "16:30-16:45 RE Inbox slot",
            "16:45-17:00 OTH Review the day",
        ]
    );
}

#[test]
fn edit_move_resize_delete_undo_redo_land_in_the_file() {
    let mut h = Harness::new(now());
    h.type_keys("a\tTitle?\n"); // End field gets "Title?": refused, form stays open
    assert!(h.app.plan_tab().form.as_ref().unwrap().form.error.is_some());
    h.press(KeyCode::Esc);
    assert!(h.file(today()).is_empty(), "nothing saved half-way");
    h.type_keys("a\t\t\tCalls\n"); // 08:30-09:00 proactive "Calls"
    h.type_keys("JJ++c"); // move to 09:00, grow to 09:00-10:00, make it reactive
    assert_eq!(h.plan(today()), vec!["09:00-10:00 RE Calls"]);
    h.type_keys("e\t\t\tACME outage\n"); // a field's first key replaces its value
    assert_eq!(h.plan(today()), vec!["09:00-10:00 RE ACME outage"]);
    h.type_keys("uu");
    assert_eq!(h.plan(today()), vec!["09:00-10:00 PRO Calls"]);
    h.type_keys("U");
    assert_eq!(h.plan(today()), vec!["09:00-10:00 RE Calls"]);
    h.type_keys("d");
    assert!(h.plan(today()).is_empty());
    h.type_keys("u");
    assert_eq!(h.plan(today()), vec!["09:00-10:00 RE Calls"]);
    assert!(h.file(today()).contains("title = \"Calls\""));
}

#[test]
fn copy_yesterday_brings_the_last_planned_day_over() {
    let mut h = Harness::new(now());
    h.press(KeyCode::Left);
    h.type_keys("T");
    h.press(KeyCode::Char('t'));
    assert_eq!(h.app.plan_tab().date, today());
    h.type_keys("y");
    assert_eq!(h.plan(today()).len(), 4);
    assert!(
        h.app
            .message()
            .unwrap_or_default()
            .contains("Copied 4 blocks of Wed 25 Nov — u undoes")
    );
    h.type_keys("y");
    assert!(
        h.app.message().unwrap_or_default().contains("overlap"),
        "{:?}",
        h.app.message()
    );
    assert_eq!(h.plan(today()).len(), 4);
}

#[test]
fn day_off_is_saved_and_leaves_capacity() {
    let mut h = Harness::new(now());
    h.type_keys("o");
    assert!(h.file(today()).contains("off = \"holiday\""));
    h.type_keys("oo");
    assert!(!h.file(today()).contains("off ="));
}

#[test]
fn manual_entry_is_saved_as_a_session() {
    let mut h = Harness::new(now());
    h.type_keys("m07:00\t07:40\tr\tACME outage\tACME\n");
    let day = h.journal.load(today()).unwrap();
    assert_eq!(day.sessions.len(), 1);
    let s = &day.sessions[0];
    assert_eq!(s.start.to_rfc3339(), "2026-11-26T07:00:00+01:00");
    assert_eq!(s.end.unwrap().to_rfc3339(), "2026-11-26T07:40:00+01:00");
    assert_eq!(
        (s.title.as_deref(), s.account.as_deref()),
        (Some("ACME outage"), Some("ACME"))
    );
}

#[test]
fn a_manual_entry_still_ahead_keeps_the_form_open_with_why() {
    let mut h = Harness::new(now());
    // now() is 07:50: 08:00-09:00 has not happened yet.
    h.type_keys("m08:00\t09:00\tr\tACME outage\n");
    let form = h.app.plan_tab().form.as_ref().expect("the form stays open");
    let error = form.form.error.clone().unwrap_or_default();
    assert!(error.contains("has not come yet"), "{error}");
    assert!(h.file(today()).is_empty());
}

#[test]
fn a_corrupt_day_is_shown_read_only_and_never_written() {
    let mut h = Harness::new(now());
    let path = h.journal.day_path(today());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "schema = 1\n[[block]\n").unwrap();
    effects::reload_days(&mut h.app, &h.journal);
    h.type_keys("Tao");
    assert!(h.app.message().unwrap_or_default().contains("read-only"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "schema = 1\n[[block]\n"
    );
}

#[test]
fn a_click_on_a_timeline_row_selects_that_block() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut h = Harness::new(now());
    h.type_keys("T");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| f.render_widget(&h.app, f.area()))
        .unwrap();
    let screen = terminal.backend().to_string();
    let row = screen
        .lines()
        .position(|l| l.contains("Review the day"))
        .unwrap() as u16;
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 20,
        row,
        modifiers: KeyModifiers::NONE,
    };
    h.app.handle(&Event::Mouse(click));
    assert_eq!(
        h.app.plan_tab().selected_block().map(|b| b.title.as_str()),
        Some("Review the day")
    );
    h.type_keys("d");
    assert!(!h.plan(today()).iter().any(|b| b.contains("Review")));
}

#[test]
fn moving_on_a_day_without_blocks_or_with_an_unreadable_file_does_nothing() {
    let mut h = Harness::new(now());
    for code in [
        KeyCode::Down,
        KeyCode::Up,
        KeyCode::Char('j'),
        KeyCode::Char('k'),
    ] {
        h.press(code);
    }
    assert!(h.app.plan_tab().selected.is_none());
    let path = h.journal.day_path(today());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "schema = 1\n[[block]\n").unwrap();
    let mut h = h.restart(now());
    h.type_keys("jkjk");
    assert!(h.screen(100, 30).contains("2026-11-26.toml:2:"));
}

#[test]
fn an_edit_saves_only_the_fields_it_changed_onto_what_another_pane_wrote() {
    let mut h = Harness::new(now());
    h.type_keys("a\t\t\tCalls\n"); // 08:30-09:00 proactive "Calls"
    h.type_keys("e"); // pane A opens the form on the block as it is now
    // Pane B moves the block to 09:00 and makes it reactive meanwhile.
    h.journal
        .update(today(), |d| {
            let b = &mut d.blocks[0];
            b.start = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
            b.end = chrono::NaiveTime::from_hms_opt(9, 30, 0).unwrap();
            b.category = protime::domain::Category::Reactive;
            Ok(())
        })
        .unwrap();
    h.type_keys("\t\t\tACME calls\n"); // pane A changes only the title
    assert_eq!(h.plan(today()), vec!["09:00-09:30 RE ACME calls"]);
    // Both panes change the title: the second is refused with why, and nothing is lost.
    h.type_keys("e");
    h.journal
        .update(today(), |d| {
            d.blocks[0].title = "Globex calls".into();
            Ok(())
        })
        .unwrap();
    h.type_keys("\t\t\tInitech calls\n");
    assert_eq!(h.plan(today()), vec!["09:00-09:30 RE Globex calls"]);
    let banner = h.app.message().unwrap_or_default();
    assert!(
        banner.contains("another window changed this block's title"),
        "{banner}"
    );
}

#[test]
fn a_day_off_reads_as_a_day_off_and_o_says_what_comes_next() {
    let mut h = Harness::new(now());
    h.type_keys("T"); // a planned day, then taken off
    h.type_keys("o");
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("Day off (holiday): no capacity. o makes it leave."),
        "{screen}"
    );
    for verdict in ["target 40%", "free ", "You promised"] {
        assert!(
            !screen.contains(verdict),
            "{verdict} on a day off:\n{screen}"
        );
    }
    let said = h.app.message().unwrap_or_default();
    assert!(
        said.contains(
            "marked holiday: a day off, no capacity, no target — o again makes it leave; u undoes"
        ),
        "{said}"
    );
    h.type_keys("oo");
    assert!(
        h.app
            .message()
            .unwrap_or_default()
            .contains("is a working day again — u undoes")
    );
    assert!(h.screen(120, 30).contains("target 40%"));
}

#[test]
fn an_interruption_inside_a_block_shows_on_the_timeline() {
    let mut h = Harness::new(common::at("2026-11-26T09:00:00+01:00"));
    h.type_keys("a\n"); // 09:00-09:30 proactive, selected
    h.type_keys("s"); // focus on it
    let minute = chrono::Duration::minutes(1);
    h.run_for(minute * 5, minute);
    h.type_keys("iGlobex\n");
    h.run_for(minute * 5, minute);
    h.type_keys("i");
    let screen = h.screen(120, 30);
    let row = screen
        .lines()
        .find(|l| l.contains("09:05") && l.contains("Globex"))
        .unwrap_or_else(|| panic!("no interruption row:\n{screen}"));
    assert!(row.contains("RE"), "{row}");
}

#[test]
fn capital_o_marks_a_range_of_days_off_as_protime_off_does() {
    let mut h = Harness::new(now()); // Thu 26 Nov
    h.type_keys("O");
    // From stays the shown day; To becomes the Tuesday after.
    h.press(KeyCode::Tab);
    for _ in 0..10 {
        h.press(KeyCode::Backspace);
    }
    h.type_keys("2026-12-01\t");
    for _ in 0..7 {
        h.press(KeyCode::Backspace);
    }
    h.type_keys("leave\n");
    let said = h.app.message().unwrap_or_default();
    assert!(
        said.contains(
            "Marked 4 days off (leave), Thu 26 Nov – Tue 1 Dec; 2 days not a working day left as is"
        ),
        "{said}"
    );
    for date in ["2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01"] {
        let d: NaiveDate = date.parse().unwrap();
        assert!(
            h.file(d).contains("off = \"leave\""),
            "{date}: {}",
            h.file(d)
        );
    }
    assert!(!h.file("2026-11-28".parse().unwrap()).contains("off ="));
}

#[test]
fn a_days_off_range_backwards_keeps_the_form_open_with_why() {
    let mut h = Harness::new(now());
    h.type_keys("O");
    h.press(KeyCode::Tab);
    for _ in 0..10 {
        h.press(KeyCode::Backspace);
    }
    h.type_keys("2026-11-20\n");
    let form = h.app.plan_tab().form.as_ref().expect("the form stays open");
    assert!(
        form.form
            .error
            .as_deref()
            .unwrap_or("")
            .contains("before it starts"),
        "{:?}",
        form.form.error
    );
    assert!(!h.file(today()).contains("off ="));
}

#[test]
fn a_day_before_the_journal_began_has_no_capacity_on_the_plan_tab_either() {
    let mut h = Harness::new(now()); // Thu 26 Nov, the journal's first day once a block is saved
    h.type_keys("a\n");
    for _ in 0..3 {
        h.press(KeyCode::Left); // Mon 23 Nov: a working day, but before counting started
    }
    let screen = h.screen(120, 30);
    assert!(screen.contains("Plan · Mon 23 Nov 2026"), "{screen}");
    for verdict in ["target 40%", "free "] {
        assert!(
            !screen.contains(verdict),
            "{verdict} before the journal began:\n{screen}"
        );
    }
}
