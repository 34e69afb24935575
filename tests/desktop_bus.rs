//! The real notify-rust path against a private session bus started here (dbus-daemon) with a
//! recording notification server (python3-dbusmock's `notification_daemon` template, run with
//! Debian's /usr/bin/python3). One test, because the bus address is process-wide.

mod bus;

use bus::*;
use protime::notify::{Act, Delivery, Notification, NotificationKind, Notifier, NotifyEvent};
use std::time::{Duration, Instant};

#[test]
fn a_real_notification_server_on_a_private_bus() {
    let Some(mut desktop) = desktop() else {
        return;
    };
    let (address, log) = (desktop.address.clone(), desktop.log.clone());
    let (address, log) = (address.as_str(), log.as_path());

    let (mut notifier, woken, buf) = notifier(BOUND);

    // Each kind: summary, body, icon, urgency (a byte hint), the action and the expiry.
    let block = Notification::new(
        NotificationKind::BlockStart,
        "Next block",
        "PRO Acme starts at 09:00",
    )
    .with_act(Act::StartFocus { block: "b1".into() });
    let kinds = [
        (
            block.clone(),
            "\"appointment-soon\" \"Next block\" \"PRO Acme starts at 09:00\" [\"start-focus\", \"Start focus\"]",
            "\"urgency\": 2",
            "120000",
        ),
        (
            Notification::new(
                NotificationKind::InboxSlot,
                "Inbox slot",
                "11:30–12:00: process the inbox now",
            )
            .with_act(Act::StartSlot),
            "\"mail-unread\" \"Inbox slot\" \"11:30–12:00: process the inbox now\" [\"start-slot\", \"Start slot\"]",
            "\"urgency\": 1",
            "60000",
        ),
        (
            Notification::new(
                NotificationKind::FocusEnd,
                "Focus round 1 done",
                "take a 5-minute break",
            ),
            "\"alarm\" \"Focus round 1 done\" \"take a 5-minute break\" []",
            "\"urgency\": 1",
            "30000",
        ),
        (
            Notification::new(
                NotificationKind::BreakEnd,
                "Break over",
                "space starts focus round 2",
            ),
            "\"dialog-information\" \"Break over\" \"space starts focus round 2\" []",
            "\"urgency\": 0",
            "15000",
        ),
        (
            Notification::new(
                NotificationKind::ReviewReminder,
                "It is 17:00: time to review the day",
                "Press 4, then y, P or N",
            )
            .with_act(Act::Answer),
            "\"dialog-question\" \"It is 17:00: time to review the day\" \"Press 4, then y, P or N\" [\"answer\", \"Answer\"]",
            "\"urgency\": 1",
            "0",
        ),
    ];
    for (note, shown, urgency, expiry) in &kinds {
        assert_eq!(notifier.notify(note, at(0)), Delivery::Queued);
        let line = wait_for_line(log, shown);
        assert!(line.contains(urgency), "{line}");
        assert!(line.trim_end().ends_with(&format!(" {expiry}")), "{line}");
    }
    assert_eq!(drain(&mut notifier), vec![]);

    // The rep presses "Start focus" on the first popup (id 1): it comes back to the app. The
    // popup's watcher subscribes after showing, so the press is repeated until it is heard.
    let deadline = Instant::now() + BOUND;
    let acted = loop {
        invoke(address, 1, "start-focus");
        if woken.recv_timeout(Duration::from_millis(300)).is_ok() {
            break drain(&mut notifier);
        }
        assert!(Instant::now() < deadline, "the action never came back");
    };
    assert_eq!(acted, vec![NotifyEvent::Acted(block.clone())]);

    // A killed server: one alert (OSC + bell) and one reason.
    desktop.server.kill();
    let focus = &kinds[2].0;
    assert_eq!(notifier.notify(focus, at(1)), Delivery::Queued);
    let events = next_events(&mut notifier, &woken);
    assert!(
        matches!(&events[..], [NotifyEvent::FellBack { reason }, NotifyEvent::ShowInApp(n)]
            if reason.contains("the notification service failed") && n == focus),
        "{events:?}"
    );
    let rung = buf.text();
    assert_eq!(
        rung,
        "\x1b]9;Focus round 1 done: take a 5-minute break\x07\x07"
    );

    // The service comes back: within the minute the bell is used, after it the desktop again.
    let log2 = log.with_file_name("calls2.log");
    let _server = start_server(address, &log2);
    assert_eq!(notifier.notify(focus, at(1)), Delivery::Terminal);
    assert_eq!(notifier.notify(focus, at(3)), Delivery::Queued);
    wait_for_line(&log2, "\"Focus round 1 done\"");
    assert_eq!(next_events(&mut notifier, &woken), vec![NotifyEvent::Back]);
}
