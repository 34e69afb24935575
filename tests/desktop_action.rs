//! In a real terminal and on a real (private) session bus: the running dashboard announces the
//! next block with a "Start focus" button, and the rep's press on the desktop popup starts that
//! block's focus in the dashboard, as Enter on the Timer tab would.

mod bus;
mod tmux;

use chrono::{NaiveDate, NaiveTime};
use protime::domain::{Block, BlockKind, Category};
use protime::journal::Journal;
use std::time::{Duration, Instant};
use tmux::{HEADER, PROTIME, STARTUP, Tmux};

#[test]
fn start_focus_on_the_desktop_popup_starts_focus_in_the_dashboard() {
    let Some(desktop) = bus::desktop() else {
        return;
    };
    let (address, log) = (&desktop.address, &desktop.log);
    let env = [
        format!("DBUS_SESSION_BUS_ADDRESS={address}"),
        "PROTIME_NOW=2026-11-26T08:59:00+01:00".to_string(),
    ];
    let tmux = Tmux::start_with(100, 30, "bash --norc --noprofile", &env);
    let journal = Journal::new(tmux.journal());
    let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    journal
        .update(date, |d| {
            d.blocks.push(Block {
                id: "b1".into(),
                start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                end: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
                category: Category::Proactive,
                title: "ACME proposal".into(),
                kind: BlockKind::Work,
                account: Some("ACME".into()),
                objective: None,
                source: None,
            });
            Ok(())
        })
        .unwrap();
    tmux.wait_for("bash-", STARTUP);
    tmux.keys(&[PROTIME, "Enter"]);
    tmux.wait_for(HEADER, STARTUP);

    let shown = bus::wait_for_line(log, "\"Next block\"");
    assert!(
        shown.contains("[\"start-focus\", \"Start focus\"]"),
        "{shown}"
    );
    // The popup's watcher subscribes after showing, so the press is repeated until it is heard.
    let deadline = Instant::now() + bus::BOUND;
    loop {
        bus::invoke(address, 1, "start-focus");
        let timer = journal.load(date).unwrap().timer;
        if timer.is_some_and(|t| t.block.as_deref() == Some("b1")) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the press never started the focus"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    tmux.wait_for("▶ focus", STARTUP);
    let day = journal.load(date).unwrap();
    let session = &day.sessions[0];
    assert_eq!(
        (session.block.as_deref(), session.title.as_deref()),
        (Some("b1"), Some("ACME proposal"))
    );
}
