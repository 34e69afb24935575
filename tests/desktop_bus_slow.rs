//! A notification server that hangs, then answers late, on a private session bus (dbus-daemon
//! and python3-dbusmock, as in desktop_bus.rs): the server process is stopped with SIGSTOP, so
//! the bus takes the call and nobody answers, then continued with SIGCONT, so the answer comes
//! after protime gave up. Its own test binary, because the bus address is process-wide.

mod bus;

use bus::*;
use protime::notify::{Delivery, Notification, NotificationKind, Notifier, NotifyEvent};
use std::time::Duration;

/// How long protime waits for the desktop here: short, so the test is quick; the hang it meets
/// lasts until the test ends it.
const PATIENCE: Duration = Duration::from_secs(2);

#[test]
fn a_hung_server_falls_back_once_and_its_late_popup_is_closed() {
    let Some(desktop) = desktop() else {
        return;
    };
    let (log, server) = (&desktop.log, &desktop.server);

    let (mut notifier, woken, buf) = notifier(PATIENCE);
    let focus = Notification::new(
        NotificationKind::FocusEnd,
        "Focus round 1 done",
        "take a 5-minute break",
    );

    // Hung: the bus delivers the call, the stopped server never answers.
    signal(&server.0, libc::SIGSTOP);
    assert_eq!(notifier.notify(&focus, at(0)), Delivery::Queued);
    let events = next_events(&mut notifier, &woken);
    assert!(
        matches!(&events[..], [NotifyEvent::FellBack { reason }, NotifyEvent::ShowInApp(n)]
            if reason.contains("answered within 2 s") && n == &focus),
        "{events:?}"
    );
    let rung = || buf.text();
    assert_eq!(
        rung(),
        "\x1b]9;Focus round 1 done: take a 5-minute break\x07\x07"
    );

    // Late: the server wakes and shows the popup protime gave up on; protime closes it at once,
    // so the bell stays the one alert, and says nothing more.
    signal(&server.0, libc::SIGCONT);
    let shown = wait_for_line(log, "\"Focus round 1 done\"");
    let id = wait_for_line(log, "CloseNotification");
    assert!(
        id.trim_end().ends_with(" 1"),
        "closes the popup it was given: {id} after {shown}"
    );
    assert_eq!(drain(&mut notifier), vec![]);
    assert_eq!(
        rung().matches('\x07').count(),
        2,
        "rung once, nothing since"
    );

    // A minute later the desktop is tried again, answers, and is said to be back.
    assert_eq!(notifier.notify(&focus, at(1)), Delivery::Queued);
    assert_eq!(next_events(&mut notifier, &woken), vec![NotifyEvent::Back]);
    let text = std::fs::read_to_string(log).unwrap();
    assert_eq!(text.matches("Notify ").count(), 2, "{text}");
}
