//! Random key sequences on every tab, on an empty day, a planned day and a day whose file does not
//! read, drawn at random sizes between keys: whatever a rep (or a cat on the keyboard) types,
//! protime must not panic. A panic here once hid behind `j` on a day without blocks.

mod common;

use chrono::Duration;
use common::{Harness, at};
use proptest::prelude::*;
use protime::tui::effects;
use protime::tui::event::Event;
use protime::tui::shared::Effect;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const NOW: &str = "2026-11-26T09:55:00+01:00";

/// One thing the rep does.
#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Wait(i64),
    Draw(u16, u16),
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    let chars = "abcdefghijklmnoprstuvwxyzABDEGIOPRTUX0123456789 /?:-+é".chars();
    prop_oneof![
        6 => prop::sample::select(chars.collect::<Vec<_>>()).prop_map(KeyCode::Char),
        3 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ]),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    prop_oneof![
        12 => (key_code(), modifiers).prop_map(|(c, m)| Step::Key(c, m)),
        1 => "[a-z\n\t ]{0,12}".prop_map(Step::Paste),
        1 => (1i64..400).prop_map(Step::Wait),
        1 => (0u16..130, 0u16..45).prop_map(|(w, h)| Step::Draw(w, h)),
    ]
}

/// The day the rep starts on.
#[derive(Debug, Clone, Copy)]
enum Start {
    Empty,
    Planned,
    Unreadable,
}

fn harness(start: Start) -> Harness {
    let mut h = Harness::new(at(NOW));
    match start {
        Start::Empty => {}
        Start::Planned => h.type_keys("T"),
        Start::Unreadable => {
            let path = h.journal.day_path(h.app.now().date_naive());
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "schema = 1\n[[block]\n").unwrap();
            h = h.restart(at(NOW));
        }
    }
    h
}

/// Draws at any size, 0×0 included (the harness's `screen` cannot print a zero-width buffer).
fn draw(h: &Harness, width: u16, height: u16) {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|f| f.render_widget(&h.app, f.area()))
        .unwrap();
}

/// Carries out the steps; stops early where the rep quit.
fn run(h: &mut Harness, steps: &[Step]) {
    for step in steps {
        let effects = match step {
            Step::Key(code, modifiers) => {
                h.app.handle(&Event::Key(KeyEvent::new(*code, *modifiers)))
            }
            Step::Paste(text) => h.app.handle(&Event::Paste(text.clone())),
            Step::Wait(seconds) => h.app.tick(h.app.now() + Duration::seconds(*seconds)),
            Step::Draw(w, hgt) => {
                draw(h, *w, *hgt);
                vec![]
            }
        };
        if effects.contains(&Effect::Quit) {
            return;
        }
        effects::carry_out(effects, &mut h.app, &h.journal);
    }
    h.screen(100, 30);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_key_sequence_makes_protime_panic(
        start in prop::sample::select(vec![Start::Empty, Start::Planned, Start::Unreadable]),
        tab in prop::sample::select(vec!['1', '2', '3', '4', '5']),
        steps in prop::collection::vec(step(), 1..100),
    ) {
        let mut h = harness(start);
        h.type_keys(&tab.to_string());
        run(&mut h, &steps);
    }
}
