//! Notifications as the rep meets them in the dashboard: the truth on the message line when the
//! desktop does not answer and when it is back, the Timer tab's list, a popup's buttons, and a
//! reminder due before protime started.

mod common;

use chrono::{Duration, NaiveDate};
use common::{Harness, at, planned_at};
use protime::notify::{
    Act, Delivery, DesktopNotifier, FallbackNotifier, Notification, NotificationKind, Notifier,
    NotifyEvent, Osc, Popup, RecordingNotifier, SendFn, TerminalNotifier, TerminalStyle,
};
use protime::tui::tabs::Tab;
use std::sync::{Arc, Mutex};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}

/// The bottom lines of a 100x24 screen: the message line and the hint bar.
fn message_lines(h: &Harness) -> String {
    let screen = h.screen(100, 24);
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len().saturating_sub(4)..].join("\n")
}

/// A desktop the test switches between refusing and showing.
fn switchable_desktop(up: &Arc<Mutex<bool>>) -> Box<dyn Notifier> {
    let up = up.clone();
    let send: SendFn = Arc::new(move |_: &Notification| {
        if *up.lock().unwrap() {
            Ok(Box::new(()) as Box<dyn Popup>)
        } else {
            Err("org.freedesktop.DBus.Error.ServiceUnknown".into())
        }
    });
    let desktop = DesktopNotifier::with_sender(send, std::time::Duration::from_secs(20), None);
    let style = TerminalStyle {
        osc: Osc::Osc9,
        tmux: false,
    };
    let terminal = TerminalNotifier::new(Box::new(std::io::sink()), style);
    Box::new(FallbackNotifier::new(Box::new(desktop), Box::new(terminal)))
}

/// Ticks without moving the clock until `done` holds: the desktop answers on its own thread.
fn settle(h: &mut Harness, done: impl Fn(&Harness) -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !done(h) {
        assert!(
            std::time::Instant::now() < deadline,
            "{:?}",
            h.app.message()
        );
        std::thread::yield_now();
        h.advance(Duration::zero());
    }
}

#[test]
fn the_fallback_says_why_once_and_the_desktop_coming_back_is_said() {
    let up = Arc::new(Mutex::new(false));
    let mut h = planned_at("09:00:00");
    h.app.set_notifier(switchable_desktop(&up));
    h.type_keys("s");
    h.run_for(minutes(30), minutes(1));
    settle(&mut h, |h| h.app.messages().sticky().is_some());
    let shown = h.app.message().unwrap();
    assert_eq!(
        shown
            .matches("Focus round 1 done: take a 5-minute break")
            .count(),
        1,
        "{shown}"
    );
    insta::assert_snapshot!("fallback_message_line", message_lines(&h));
    *up.lock().unwrap() = true;
    h.press(ratatui::crossterm::event::KeyCode::Esc); // the round's message goes, the reason stays
    h.run_for(minutes(5), minutes(1)); // the break ends a minute and more after the failure
    settle(&mut h, |h| h.app.messages().sticky().is_none());
    assert!(
        h.app
            .message()
            .unwrap()
            .contains("desktop notifications are back")
    );
    insta::assert_snapshot!("back_message_line", message_lines(&h));
}

#[test]
fn every_notification_waits_in_the_timer_tabs_list_until_seen() {
    let recorder = RecordingNotifier::new();
    let mut h = planned_at("08:50:00");
    h.app.set_notifier(Box::new(recorder.clone()));
    h.run_for(minutes(10), minutes(1));
    h.type_keys("s");
    h.run_for(minutes(36), minutes(1));
    assert_eq!(recorder.sent().len(), 3);
    assert!(
        h.screen(100, 24)
            .contains("3 notifications waiting: N shows them")
    );
    h.type_keys("N");
    insta::assert_snapshot!("notification_list_100x24", h.screen(100, 24));
    h.type_keys("N");
    let screen = h.screen(100, 24);
    assert!(!screen.contains("waiting"), "{screen}");
    h.type_keys("N");
    assert!(h.screen(100, 24).contains("None: nothing was missed."));
}

#[test]
fn titles_and_bodies_do_not_repeat_each_other() {
    let recorder = RecordingNotifier::new();
    let mut h = planned_at("08:50:00");
    h.app.set_notifier(Box::new(recorder.clone()));
    h.run_for(minutes(10), minutes(1));
    h.type_keys("s");
    h.run_for(minutes(36), minutes(1));
    h.app.jump_clock(at("2026-11-26T16:44:00+01:00"));
    h.advance(minutes(1));
    let sent: Vec<(String, String, Option<Act>)> = recorder
        .sent()
        .into_iter()
        .map(|n| (n.title, n.body, n.act))
        .collect();
    let expected = [
        (
            "Next block",
            "PRO ACME proposal starts at 09:00",
            Some(Act::StartFocus { block: "b1".into() }),
        ),
        ("Focus round 1 done", "take a 5-minute break", None),
        ("Break over", "space starts focus round 2", None),
        (
            "It is 16:45: time to review the day",
            "Did I decide what to do today, or did someone else? Press 4, then y, P or N",
            Some(Act::Answer),
        ),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(t, b, a)| (t.to_string(), b.to_string(), a))
        .collect();
    assert_eq!(sent, expected);
}

/// A rep who presses the button of every popup at once.
#[derive(Default)]
struct PressingRep(std::collections::VecDeque<NotifyEvent>);

impl Notifier for PressingRep {
    fn notify(
        &mut self,
        n: &Notification,
        _now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Delivery {
        if n.act.is_some() {
            self.0.push_back(NotifyEvent::Acted(n.clone()));
        }
        Delivery::Queued
    }
    fn poll(&mut self) -> Option<NotifyEvent> {
        self.0.pop_front()
    }
}

#[test]
fn start_focus_on_the_next_block_popup_starts_its_focus() {
    let mut h = planned_at("08:50:00");
    h.app.set_notifier(Box::new(PressingRep::default()));
    h.run_for(minutes(8), minutes(1)); // 08:58: the 09:00 block's reminder, pressed
    let day = h.journal.load(today()).unwrap();
    let timer = day.timer.expect("focus started from the popup");
    assert_eq!(timer.block.as_deref(), Some("b1"));
    assert_eq!(h.sessions(today()).len(), 1);
}

#[test]
fn start_slot_and_answer_act_as_their_keys() {
    let mut h = planned_at("11:28:00");
    h.app.set_notifier(Box::new(PressingRep::default()));
    h.run_for(minutes(3), minutes(1)); // 11:30: the config's first inbox slot
    let day = h.journal.load(today()).unwrap();
    assert!(
        protime::domain::timer::open_inbox(&day).is_some(),
        "slot started"
    );
    h.app.jump_clock(at("2026-11-26T16:44:00+01:00"));
    h.advance(minutes(1));
    assert_eq!(h.app.tab(), Tab::Review);
}

#[test]
fn a_block_whose_lead_time_began_before_protime_started_is_still_announced() {
    let recorder = RecordingNotifier::new();
    let mut h = planned_at("08:59:00");
    h.app.set_notifier(Box::new(recorder.clone()));
    h.advance(Duration::seconds(5));
    h.advance(minutes(1));
    let kinds: Vec<_> = recorder.sent().iter().map(|n| n.kind).collect();
    assert_eq!(kinds, vec![NotificationKind::BlockStart], "once");
    let late = RecordingNotifier::new();
    let mut h = planned_at("09:00:30");
    h.app.set_notifier(Box::new(late.clone()));
    h.advance(Duration::seconds(5));
    assert_eq!(
        late.sent(),
        vec![],
        "a block already started is not announced"
    );
}
