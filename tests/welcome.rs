//! The first start: the welcome teaches the three categories, asks the three numbers, saves them
//! through the config writer with the defaults' comments kept, and `Esc` writes nothing.

mod common;
mod tmux;

use common::{Harness, at};
use protime::paths::Paths;
use protime::tui::prompt::PromptKind;
use protime::tui::welcome::Step;
use ratatui::crossterm::event::KeyCode;
use std::os::unix::fs::PermissionsExt;
use tmux::{PROMISED, PROTIME, STARTUP, Tmux};

fn welcomed() -> Harness {
    let mut h = Harness::new(at("2026-11-26T10:42:00+01:00"));
    h.app.open_welcome();
    h
}

#[test]
fn the_welcome_at_40_80_and_120_columns() {
    let mut h = welcomed();
    insta::assert_snapshot!("method_40x24", h.screen(40, 24));
    insta::assert_snapshot!("method_80x24", h.screen(80, 24));
    insta::assert_snapshot!("method_120x40", h.screen(120, 40));
    h.press(KeyCode::Enter);
    insta::assert_snapshot!("numbers_40x24", h.screen(40, 24));
    insta::assert_snapshot!("numbers_80x24", h.screen(80, 24));
    insta::assert_snapshot!("numbers_120x40", h.screen(120, 40));
    h.press(KeyCode::Enter);
    insta::assert_snapshot!("import_40x24", h.screen(40, 24));
    insta::assert_snapshot!("import_80x24", h.screen(80, 24));
    insta::assert_snapshot!("import_120x40", h.screen(120, 40));
}

#[test]
fn the_answers_are_saved_and_used_and_enter_opens_the_import_prompt() {
    let mut h = welcomed();
    h.press(KeyCode::Enter);
    h.type_keys("36\tmon-thu\t45\n");
    assert_eq!(h.app.welcome().map(|w| w.step), Some(Step::Import));
    h.press(KeyCode::Enter);
    assert!(h.app.welcome().is_none());
    assert_eq!(h.app.prompt().map(|p| p.kind), Some(PromptKind::Import));
    assert_eq!(h.app.config().workday.weekly_capacity_hours, 36.0);
    assert_eq!(h.app.config().targets.proactive_share, 45.0);
    let text = std::fs::read_to_string(h.config_file()).unwrap();
    assert!(text.contains("weekly_capacity_hours = 36\n"), "{text}");
    assert!(text.contains("weekdays = [\"mon\", \"tue\", \"wed\", \"thu\"]\n"));
    let message = h.app.message().unwrap_or_default();
    assert!(
        message.contains("Saved 36 hours a week, mon-thu, target 45% proactive"),
        "{message}"
    );
}

#[test]
fn a_wrong_answer_keeps_the_step_and_says_what_to_type() {
    let mut h = welcomed();
    h.press(KeyCode::Enter);
    h.type_keys("\t\t75\n");
    assert_eq!(h.app.welcome().map(|w| w.step), Some(Step::Numbers));
    let screen = h.screen(80, 24);
    assert!(screen.contains("Proactive %: at most"), "{screen}");
    h.press(KeyCode::Esc);
    assert!(h.app.welcome().is_none());
    assert!(!h.config_file().exists());
}

#[test]
fn the_help_offers_the_welcome_again() {
    let mut h = Harness::new(at("2026-11-26T10:42:00+01:00"));
    h.press(KeyCode::Char('?'));
    let screen = h.screen(120, 80);
    let line = screen
        .lines()
        .find(|l| l.contains("the welcome: what the categories mean and your three numbers"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.contains(" W "), "{line}");
    assert!(screen.contains(" In this help"), "{screen}");
    h.press(KeyCode::Char('W'));
    assert!(!h.app.help_shown());
    assert_eq!(h.app.welcome().map(|w| w.step), Some(Step::Method));
    h.press(KeyCode::Esc);
    let message = h.app.message().unwrap_or_default();
    assert!(message.contains("nothing was saved"), "{message}");
}

#[test]
fn only_a_first_start_has_no_config_file_and_no_day() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = Paths {
        data_dir: tmp.path().join("data"),
        config_file: tmp.path().join("config/protime/config.toml"),
        config_explicit: false,
    };
    assert!(protime::tui::first_start(&paths));
    assert!(protime::tui::Opening::dashboard(&paths).welcome);
    assert!(!protime::tui::Opening::review(None).welcome);
    // An empty year folder (the dashboard makes one) is no day.
    std::fs::create_dir_all(paths.journal_dir().join("2026")).unwrap();
    assert!(protime::tui::first_start(&paths));
    let day = paths.journal_dir().join("2026/2026-11-25.toml");
    std::fs::write(&day, "schema = 1\n").unwrap();
    assert!(!protime::tui::first_start(&paths));
    std::fs::remove_file(&day).unwrap();
    std::fs::create_dir_all(paths.config_file.parent().unwrap()).unwrap();
    std::fs::write(&paths.config_file, "").unwrap();
    assert!(!protime::tui::first_start(&paths));
}

/// The pane's config file once protime has written it.
fn config_written(tmux: &Tmux) -> String {
    tmux::poll("the config file", PROMISED, || {
        std::fs::read_to_string(tmux.config_file()).map_err(|e| e.to_string())
    })
}

#[test]
fn a_first_start_in_a_terminal_asks_three_numbers_and_writes_a_commented_config() {
    let tmux = Tmux::first_start(100, 30, PROTIME, &[]);
    tmux.wait_for("what counts as what", STARTUP);
    tmux.wait_for("REACTIVE", PROMISED);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Hours a week", PROMISED);
    tmux.keys(&["32", "Tab", "mon-thu", "Tab", "35", "Enter"]);
    tmux.wait_for("your last two weeks", PROMISED);
    tmux.keys(&["s"]);
    tmux.wait_for(
        "Saved 32 hours a week, mon-thu, target 35% proactive",
        PROMISED,
    );
    let text = config_written(&tmux);
    assert!(text.contains(
        "# Hours in a working week. Each working day's capacity = this ÷ the number of working \
         weekdays.\nweekly_capacity_hours = 32\n"
    ));
    assert!(text.contains(
        "# Days you work: mon tue wed thu fri sat sun. Other days have no capacity.\nweekdays = \
         [\"mon\", \"tue\", \"wed\", \"thu\"]\n"
    ));
    assert!(text.contains(
        "# The share of your capacity you aim to spend on PROACTIVE work, in percent.\n\
         proactive_share = 35\n"
    ));
    for kept in ["[import.crm]", "# [[objectives]]", "realistic_ceiling = 60"] {
        assert!(text.contains(kept), "{kept} in {text}");
    }
    let mode = std::fs::metadata(tmux.config_file())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn esc_skips_the_welcome_and_writes_no_config() {
    let tmux = Tmux::first_start(80, 24, PROTIME, &[]);
    tmux.wait_for("what counts as what", STARTUP);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Hours a week", PROMISED);
    tmux.keys(&["Escape"]);
    tmux.wait_for("Welcome skipped: nothing was saved", PROMISED);
    assert!(!tmux.config_file().exists());
    assert!(
        std::fs::read_dir(tmux.config.path())
            .unwrap()
            .next()
            .is_none(),
        "nothing written in the config folder"
    );
}
