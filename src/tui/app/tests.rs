//! The app's routing: tabs, help, the reminder, midnight.

use super::*;
use crate::notify::NotificationKind;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};

fn app() -> App {
    let config = Config::defaults();
    let theme = Theme::new(&config.theme, true);
    let now = DateTime::parse_from_rfc3339("2026-11-26T10:42:00+01:00").unwrap();
    App::new(
        config,
        theme,
        now,
        DayView::Loaded(Day::new(now.date_naive())),
    )
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

#[test]
fn keys_switch_tabs_and_toggle_help() {
    let mut app = app();
    app.handle(&key(KeyCode::Char('4')));
    assert_eq!(app.tab, Tab::Review);
    app.handle(&key(KeyCode::Tab));
    assert_eq!(app.tab, Tab::Month);
    app.handle(&key(KeyCode::Char('?')));
    assert!(app.help.is_some());
    app.handle(&key(KeyCode::Esc));
    assert!(app.help.is_none());
    assert_eq!(app.handle(&key(KeyCode::Char('q'))), vec![Effect::Quit]);
}

#[test]
fn click_on_a_tab_name_selects_it() {
    let mut app = app();
    let x = super::super::ui::tab_ranges(app.screen_width.get(), app.tab)
        .into_iter()
        .find(|(t, _)| *t == Tab::Month)
        .unwrap()
        .1
        .start;
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x + 1,
        row: 0,
        modifiers: KeyModifiers::NONE,
    };
    app.handle(&Event::Mouse(click));
    assert_eq!(app.tab, Tab::Month);
}

#[test]
fn a_dead_terminal_or_a_signal_quits() {
    let mut app = app();
    assert_eq!(app.handle(&Event::InputClosed), vec![Effect::Quit]);
    assert_eq!(app.handle(&Event::Signal(1)), vec![Effect::Quit]);
}

#[test]
fn the_review_reminder_comes_once_when_the_clock_passes_it() {
    let mut app = app();
    let at = |t: &str| DateTime::parse_from_rfc3339(&format!("2026-11-26T{t}:00+01:00")).unwrap();
    // The jump from 10:42 passes the config's inbox slots (11:30, 16:30): those notify.
    let before = app.tick(at("16:44"));
    assert!(
        before
            .iter()
            .all(|e| matches!(e, Effect::Notify(n) if n.kind == NotificationKind::InboxSlot)),
        "{before:?}"
    );
    let effects = app.tick(at("16:45"));
    assert!(
        matches!(&effects[..], [Effect::Message(m), Effect::Notify(n)] if m.contains("time to review the day") && n.kind == NotificationKind::ReviewReminder),
        "{effects:?}"
    );
    assert!(app.tick(at("16:46")).is_empty());
}

#[test]
fn midnight_asks_for_the_new_day() {
    let mut app = app();
    app.tick(DateTime::parse_from_rfc3339("2026-11-26T23:00:00+01:00").unwrap());
    assert!(
        app.tick(DateTime::parse_from_rfc3339("2026-11-26T23:59:00+01:00").unwrap())
            .is_empty()
    );
    let next = DateTime::parse_from_rfc3339("2026-11-27T00:00:00+01:00").unwrap();
    assert_eq!(app.tick(next), vec![Effect::ReloadDay]);
}
