//! The import review: drawn on TestBackend from a real export, and driven in a real terminal,
//! where only what the rep accepts reaches the journal.

mod common;
mod tmux;

use chrono::{DateTime, NaiveDate};
use common::{Harness, at};
use protime::config::Config;
use protime::figures::capacity;
use protime::import::preview::propose;
use protime::import::{Window, ics};
use protime::tui::import_review::{ImportReview, Period};
use protime::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;
use tmux::*;

const NOW: &str = "2026-11-26T12:00:00+01:00";

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// The review of the Google Calendar fixture over the last two weeks, on an empty journal.
fn google_review() -> ImportReview {
    let now = DateTime::parse_from_rfc3339(NOW).unwrap();
    let config = Config::defaults();
    let window = Window {
        from: NaiveDate::from_ymd_opt(2026, 11, 13).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        zone: protime::clock::Zone::Fixed(*now.offset()),
    };
    let text = std::fs::read_to_string(fixture("google.ics")).unwrap();
    let parsed = ics::parse(&text, &window, &config.import.me).unwrap();
    let proposals = propose(&parsed, &config.import.rules, &BTreeMap::new(), None);
    let period = Period {
        window,
        days: BTreeMap::new(),
        gone: BTreeSet::new(),
        capacity: capacity(&config),
        journal_first: None,
        now,
        notes: parsed.notes(),
    };
    ImportReview::new("google.ics".into(), proposals, period)
}

fn screen(review: &mut ImportReview, width: u16, height: u16) -> String {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    let theme = Theme::new(&Config::defaults().theme, true);
    terminal
        .draw(|f| review.render(f.area(), f.buffer_mut(), &theme))
        .unwrap();
    terminal.backend().to_string()
}

#[test]
fn the_review_lists_every_item_with_its_category_and_why() {
    let mut review = google_review();
    insta::assert_snapshot!("google_120x20", screen(&mut review, 120, 20));
    insta::assert_snapshot!("google_60x20", screen(&mut review, 60, 20));
}

#[test]
fn a_category_set_by_hand_shows_as_yours_and_moves_the_baseline() {
    let mut review = google_review();
    review.handle_key(KeyCode::Tab.into());
    review.handle_key(KeyCode::Char('o').into());
    review.handle_key(KeyCode::Char('q').into());
    insta::assert_snapshot!("google_chosen_120x20", screen(&mut review, 120, 20));
}

#[test]
fn a_failed_write_is_shown_in_place_of_the_baseline() {
    let mut review = google_review();
    review.failure = Some(
        "cannot write 2026-11-23: No space left on device (os error 28)\nThe days before \
         2026-11-23 were imported (3 added). Once the problem is fixed, import the same export \
         again: nothing is added twice."
            .into(),
    );
    insta::assert_snapshot!("google_failed_100x20", screen(&mut review, 100, 20));
}

#[test]
fn question_mark_lists_every_key_over_the_review() {
    let mut review = google_review();
    review.handle_key(KeyCode::Char('?').into());
    insta::assert_snapshot!("google_help_100x20", screen(&mut review, 100, 20));
    let narrow = screen(&mut review, 50, 14);
    assert!(narrow.contains("Import review keys"), "{narrow}");
}

#[test]
fn a_long_list_scrolls_with_the_selection() {
    let mut review = google_review();
    review.handle_key(KeyCode::End.into());
    let text = screen(&mut review, 100, 12);
    assert!(text.contains("▶ Wed 25 Nov"), "{text}");
    assert!(!text.contains("Mon 16 Nov"), "{text}");
}

#[test]
fn many_notes_end_in_a_count_of_the_rest() {
    let mut review = google_review();
    review.notes = (1..=5)
        .map(|i| format!("Not imported: line {i}: no start"))
        .collect();
    let text = screen(&mut review, 100, 16);
    assert!(text.contains("line 2: no start"), "{text}");
    assert!(!text.contains("line 3: no start"), "{text}");
    assert!(text.contains("… and 3 more notes"), "{text}");
}

#[test]
fn tiny_terminals_do_not_break_the_review() {
    let review = google_review();
    let theme = Theme::new(&Config::defaults().theme, true);
    for (w, h) in [(0, 0), (1, 1), (20, 5), (40, 3), (3, 40)] {
        let backend = ratatui::backend::TestBackend::new(w, h);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal
            .draw(|f| review.render(f.area(), f.buffer_mut(), &theme))
            .unwrap();
    }
}

/// `protime import calendar FILE` in a real terminal, with the journal of the tmux harness.
fn import_in_terminal() -> Tmux {
    let command = format!(
        "{PROTIME} import calendar {}",
        fixture("google.ics").display()
    );
    let now = format!("PROTIME_NOW={NOW}");
    let tmux = Tmux::start_with(110, 24, "bash --norc --noprofile", &[now]);
    tmux.wait_for("bash-", STARTUP);
    tmux.keys(&[&command, "Enter"]);
    tmux.wait_for("Import google.ics", STARTUP);
    tmux
}

fn day_file(tmux: &Tmux, date: &str) -> std::path::PathBuf {
    tmux.journal().join("2026").join(format!("{date}.toml"))
}

#[test]
fn in_a_terminal_the_rep_sorts_the_leftover_item_and_accepts() {
    let tmux = import_in_terminal();
    tmux.wait_for("1 without a category", Duration::from_secs(5));
    tmux.keys(&["Tab", "o", "a"]);
    tmux.wait_for("Written: 6 added", Duration::from_secs(10));
    let dentist = std::fs::read_to_string(day_file(&tmux, "2026-11-23")).unwrap();
    assert!(dentist.contains("Dentist"), "{dentist}");
    assert!(dentist.contains("category = \"other\""), "{dentist}");
    let screen = tmux.screen();
    assert!(screen.contains("other          2h00"), "{screen}");
    assert!(
        !screen.contains("Product demo"),
        "the reviewed items are not listed again: {screen}"
    );
}

#[test]
fn in_a_terminal_a_failed_write_keeps_the_choices_and_a_tries_again() {
    let tmux = import_in_terminal();
    tmux.wait_for("1 without a category", Duration::from_secs(5));
    let blocked = day_file(&tmux, "2026-11-23");
    std::fs::create_dir_all(&blocked).unwrap();
    tmux.keys(&["Tab", "o", "a"]);
    tmux.wait_for("Not written:", Duration::from_secs(5));
    tmux.wait_for("a tries again", Duration::from_secs(5));
    std::fs::remove_dir(&blocked).unwrap();
    tmux.keys(&["a"]);
    tmux.wait_for("Written:", Duration::from_secs(10));
    let dentist = std::fs::read_to_string(&blocked).unwrap();
    assert!(dentist.contains("Dentist"), "{dentist}");
    assert!(dentist.contains("category = \"other\""), "{dentist}");
}

#[test]
fn in_a_terminal_q_abandons_and_writes_nothing() {
    let tmux = import_in_terminal();
    tmux.keys(&["p", "q"]);
    tmux.wait_for("Abandon the category you set?", Duration::from_secs(5));
    tmux.keys(&["q"]);
    tmux.wait_for(
        "import abandoned: nothing was written",
        Duration::from_secs(5),
    );
    assert!(!tmux.journal().join("2026").exists());
}

#[test]
fn an_export_with_nothing_in_the_period_says_what_to_try() {
    let mut review = google_review();
    review.proposals.clear();
    let text = screen(&mut review, 100, 12);
    assert!(
        text.contains("Nothing in this export falls in the period"),
        "{text}"
    );
}

/// The dashboard on the Month tab with the import prompt filled in and sent.
fn dashboard_import(path: &str) -> Harness {
    let mut h = Harness::new(at(NOW));
    h.type_keys("5I");
    h.type_keys(path);
    h.type_keys("\n");
    h
}

/// The 23rd after `Tab r a`: the stand-up by the rules, the dentist as the rep chose.
fn assert_dentist_written_as_reactive(h: &Harness) {
    assert_eq!(
        h.sessions(nov(23)),
        vec![
            "09:30-10:00 imported OTH Team stand-up",
            "14:00-14:30 imported RE Dentist"
        ]
    );
}

fn nov(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

#[test]
fn from_the_month_tab_an_import_is_reviewed_then_written() {
    let path = fixture("google.ics").display().to_string();
    let mut h = dashboard_import(&path);
    assert!(h.app.import_review().is_some(), "{:?}", h.app.message());
    let screen = h.screen(110, 24);
    assert!(screen.contains("Import google.ics"), "{screen}");
    assert!(h.file(nov(23)).is_empty(), "nothing is written before a");
    h.type_keys("\tra");
    assert!(h.app.import_review().is_none());
    assert_dentist_written_as_reactive(&h);
    let banner = h.app.message().unwrap_or_default();
    assert!(banner.contains("6 added"), "{banner}");
    let screen = h.screen(110, 24);
    assert!(screen.contains("Month · November 2026"), "{screen}");
}

#[test]
fn from_the_month_tab_q_abandons_and_writes_nothing() {
    let path = fixture("google.ics").display().to_string();
    let mut h = dashboard_import(&path);
    h.type_keys("q");
    assert!(h.app.import_review().is_none());
    assert_eq!(
        h.app.message().as_deref(),
        Some("Import abandoned: nothing was written.")
    );
    assert!(h.file(nov(17)).is_empty());
}

#[test]
fn a_path_that_is_no_export_keeps_the_prompt_open_with_why() {
    let h = dashboard_import("/tmp/no/such/notes.ics");
    assert!(h.app.import_review().is_none());
    let prompt = h.app.prompt().expect("the prompt stays open");
    let error = prompt.form.error.clone().unwrap_or_default();
    assert!(
        error.contains("there is no /tmp/no/such/notes.ics"),
        "{error}"
    );
    let screen = h.screen(110, 24);
    assert!(screen.contains("there is no"), "{screen}");
}

#[test]
fn a_long_message_in_the_prompt_wraps_instead_of_being_cut() {
    let long = format!("/tmp/{}/notes.ics", "a-folder-with-a-long-name/".repeat(5));
    let h = dashboard_import(&long);
    let narrow = h.screen(80, 24);
    // The message's last words, after the long path, are on screen.
    assert!(narrow.contains("full path, like"), "{narrow}");
}

#[test]
fn an_export_that_does_not_read_is_named_in_the_banner_and_nothing_opens() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("calendar.ics");
    std::fs::write(&bad, "hello, not a calendar\n").unwrap();
    let h = dashboard_import(&bad.display().to_string());
    assert!(h.app.import_review().is_none());
    assert!(h.app.prompt().is_none());
    let banner = h.app.message().unwrap_or_default();
    assert!(banner.starts_with("Not imported:"), "{banner}");
    assert!(banner.contains("BEGIN:VCALENDAR"), "{banner}");
}

#[test]
fn a_second_import_shows_what_the_first_wrote_and_a_choice_replaces_it() {
    let path = fixture("google.ics").display().to_string();
    let mut h = dashboard_import(&path);
    h.type_keys("\tra");
    h.type_keys("I");
    h.type_keys(&path);
    h.type_keys("\n");
    let review = h.app.import_review().expect("the review opens again");
    let dentist = review
        .proposals
        .iter()
        .find(|p| p.item.title == "Dentist")
        .unwrap();
    assert_eq!(dentist.category, Some(protime::domain::Category::Reactive));
    assert_eq!(dentist.reason(), "kept");
    assert_eq!(review.unsorted(), 0);
    // The first item is a stand-up: every stand-up becomes proactive, the dentist is left out.
    h.type_keys("P");
    h.press(KeyCode::End);
    h.type_keys("kx");
    h.type_keys("a");
    assert_eq!(
        h.sessions(nov(23)),
        vec!["09:30-10:00 imported PRO Team stand-up"]
    );
    let banner = h.app.message().unwrap_or_default();
    assert!(banner.contains("1 removed"), "{banner}");
}

#[test]
fn a_write_that_fails_keeps_the_review_and_its_choices_until_a_works() {
    let path = fixture("google.ics").display().to_string();
    let mut h = dashboard_import(&path);
    h.type_keys("\tr");
    // Something in the way of one day's file: that day cannot be written.
    let blocked = h.journal.day_path(nov(23));
    std::fs::create_dir_all(&blocked).unwrap();
    h.type_keys("a");
    let review = h.app.import_review().expect("the review stays open");
    let failure = review.failure.clone().unwrap_or_default();
    assert!(failure.contains("2026-11-23"), "{failure}");
    assert_eq!(review.chosen(), 1, "the choice is kept");
    let screen = h.screen(110, 24);
    assert!(screen.contains("Not written:"), "{screen}");
    assert!(screen.contains("a tries again"), "{screen}");
    std::fs::remove_dir(&blocked).unwrap();
    h.type_keys("a");
    assert!(h.app.import_review().is_none(), "{:?}", h.app.message());
    assert_dentist_written_as_reactive(&h);
    let banner = h.app.message().unwrap_or_default();
    assert!(banner.contains("Imported google.ics"), "{banner}");
}

#[test]
fn abandoning_after_a_failed_write_says_what_was_left_half_done() {
    let path = fixture("google.ics").display().to_string();
    let mut h = dashboard_import(&path);
    std::fs::create_dir_all(h.journal.day_path(nov(23))).unwrap();
    h.type_keys("aq");
    assert!(h.app.import_review().is_none());
    let banner = h.app.message().unwrap_or_default();
    assert!(banner.starts_with("Import not finished:"), "{banner}");
    assert!(banner.contains("The days before 2026-11-23"), "{banner}");
}

#[test]
fn the_mouse_wheel_moves_through_the_dashboards_review() {
    use protime::tui::event::Event;
    use ratatui::crossterm::event::{KeyModifiers, MouseEvent, MouseEventKind};
    let path = fixture("google.ics").display().to_string();
    let mut h = dashboard_import(&path);
    let wheel = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 10,
            row: 10,
            modifiers: KeyModifiers::NONE,
        })
    };
    h.app.handle(&wheel(MouseEventKind::ScrollDown));
    h.app.handle(&wheel(MouseEventKind::ScrollDown));
    h.app.handle(&wheel(MouseEventKind::ScrollUp));
    assert_eq!(h.app.import_review().map(|r| r.selected), Some(1));
}

#[test]
fn the_import_prompt_says_what_enter_does() {
    let mut h = Harness::new(at(NOW));
    h.type_keys("5I");
    let screen = h.screen(110, 24);
    assert!(
        screen.contains("Import a baseline or today's meetings"),
        "{screen}"
    );
    assert!(screen.contains("Enter opens the review"), "{screen}");
}

/// #21: a CRM import accepted in the dashboard sets the tiers of accounts the rep gave none,
/// through the config writer, and says which tiers of the rep's it left.
#[test]
fn a_dashboard_crm_import_sets_the_tiers_the_rep_has_not_set() {
    let config = "[import.crm]\ntier = \"Segment\"\n\n[accounts.tier]\n\"Brandt GmbH\" = \"D\"\n";
    let mut h = Harness::with_config(at(NOW), config);
    std::fs::create_dir_all(h.config_file().parent().unwrap()).unwrap();
    std::fs::write(h.config_file(), config).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("tiers.csv");
    std::fs::write(
        &csv,
        "Subject,Start Date Time,End Date Time,Account Name,Segment\n\
         Discovery call,2026-11-23 10:00,2026-11-23 10:45,Nordwind AG,a\n\
         Complaint,2026-11-24 09:15,2026-11-24 09:45,Brandt GmbH,B\n",
    )
    .unwrap();
    h.type_keys("5I");
    h.type_keys(&csv.display().to_string());
    h.type_keys("\n");
    assert!(h.app.import_review().is_some(), "{:?}", h.app.message());
    h.type_keys("a");
    let said = h.app.message().unwrap_or_default();
    assert!(said.contains("the CRM's tiers (Nordwind AG A)"), "{said}");
    assert!(
        said.contains("Tiers you set, left as they are: Brandt GmbH D (the CRM says B)"),
        "{said}"
    );
    let written = std::fs::read_to_string(h.config_file()).unwrap();
    assert!(written.contains("\"Nordwind AG\" = \"A\""), "{written}");
    assert!(written.contains("\"Brandt GmbH\" = \"D\""), "{written}");
}
