//! `S` on the Plan tab against a real CalDAV server (Radicale on 127.0.0.1): the sync runs on a
//! thread of its own, its progress and its result on the message line. Alone in its own test
//! binary: it sets PROTIME_CALDAV_PASSWORD in its own process, where no other test runs.

mod common;

use common::radicale::{PASSWORD, Radicale};

const NOW: &str = "2026-11-30T08:00:00+01:00";

#[test]
fn the_dashboard_syncs_in_the_background_and_shows_the_result() {
    use protime::tui::event::{Event, SyncNews};
    use ratatui::crossterm::event::KeyCode;
    let server = Radicale::start();
    server.book_demo();
    let now = common::at(NOW);
    let mut h = common::Harness::with_config(now, &server.config());
    let (tx, rx) = std::sync::mpsc::channel();
    h.app.set_event_sender(tx);
    // SAFETY: the only test of this binary, and no thread of it reads the environment yet.
    unsafe { std::env::set_var("PROTIME_CALDAV_PASSWORD", PASSWORD) };
    h.press(KeyCode::Char('S'));
    // The key returned at once; the sync runs on its own thread and says so meanwhile.
    assert!(
        h.app
            .message()
            .unwrap_or_default()
            .contains("Calendar sync"),
        "{:?}",
        h.app.message()
    );
    let mut progressed = false;
    loop {
        let event = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("news from the sync");
        progressed |= matches!(event, Event::Sync(SyncNews::Progress(_)));
        let done = matches!(event, Event::Sync(SyncNews::Done(_)));
        let effects = h.app.handle(&event);
        protime::tui::effects::carry_out(effects, &mut h.app, &h.journal);
        if done {
            break;
        }
    }
    assert!(progressed);
    let message = h.app.message().unwrap_or_default();
    assert!(
        message.contains("Calendar synced: 1 meeting added."),
        "{message}"
    );
    assert!(
        !message.contains("Calendar sync:"),
        "the progress line is gone: {message}"
    );
    assert_eq!(
        h.plan(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
        vec!["11:00-12:00 PRO Demo with Initech".to_string()]
    );
}
