//! #22: the dashboard says when the calendar feed could not be written, on the message line
//! until a write succeeds, and what to do.

mod common;

use common::{Harness, at};
use ratatui::crossterm::event::KeyCode;

const NOW: &str = "2026-11-30T08:00:00+01:00";

#[test]
fn a_feed_that_cannot_be_written_stays_on_the_message_line_until_it_can() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the feed's folder should be: the folder cannot be made.
    let folder = dir.path().join("Calendars");
    std::fs::write(&folder, "not a folder").unwrap();
    let feed = folder.join("protime.ics");
    let config = format!("[calendar]\nfeed = \"{}\"\n", feed.display());
    let mut h = Harness::with_feed(at(NOW), &config);
    h.type_keys("1a\n");
    assert_eq!(h.plan(at(NOW).date_naive()).len(), 1, "the day is saved");
    let line = h.app.messages().sticky().unwrap_or_default();
    assert!(
        line.starts_with("Calendar feed not written")
            && line.contains(&folder.display().to_string())
            && line.contains("Your days are saved")
            && line.contains("[calendar] feed"),
        "{line}"
    );
    // It lasts: Esc and time passing leave it.
    h.press(KeyCode::Esc);
    h.advance(chrono::Duration::minutes(5));
    let screen = h.screen(120, 30);
    assert!(screen.contains("Calendar feed not written"), "{screen}");
    assert!(screen.contains("the next save tries again"), "{screen}");
    // The folder can be made now: the next save writes the feed and says so once.
    std::fs::remove_file(&folder).unwrap();
    h.type_keys("a\n");
    assert!(h.app.messages().sticky().is_none());
    let said = h.app.message().unwrap_or_default();
    assert!(
        said.contains("The calendar feed is written again"),
        "{said}"
    );
    assert!(
        std::fs::read_to_string(&feed)
            .unwrap()
            .contains("BEGIN:VCALENDAR")
    );
}

/// The same with a folder that exists but refuses the write (read-only; for root, immutable).
#[test]
fn a_feed_folder_that_refuses_writes_is_said_until_it_takes_them() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Calendars");
    std::fs::create_dir(&folder).unwrap();
    let feed = folder.join("protime.ics");
    let config = format!("[calendar]\nfeed = \"{}\"\n", feed.display());
    let mut h = Harness::with_feed(at(NOW), &config);
    let Some(read_only) = common::read_only::ReadOnly::make(&folder) else {
        println!("SKIPPED: no way to make a folder read-only for this user here");
        return;
    };
    h.type_keys("1a\n");
    assert_eq!(h.plan(at(NOW).date_naive()).len(), 1, "the day is saved");
    let line = h.app.messages().sticky().unwrap_or_default();
    assert!(
        line.starts_with("Calendar feed not written") && line.contains("Your days are saved"),
        "{line}"
    );
    assert!(!feed.exists());
    drop(read_only);
    h.type_keys("a\n");
    assert!(h.app.messages().sticky().is_none());
    assert!(
        std::fs::read_to_string(&feed)
            .unwrap()
            .contains("BEGIN:VCALENDAR")
    );
}
