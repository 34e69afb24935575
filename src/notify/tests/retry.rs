//! Falling back is not for good: the desktop is tried again a minute later, a late popup is
//! closed, and a popup's button comes back to the app.

use super::*;
use pretty_assertions::assert_eq;
use std::sync::atomic::{AtomicBool, Ordering};

/// What the stand-in service does with the next notification.
#[derive(Clone)]
enum Mode {
    Refuse,
    Show,
    /// Answers only when the test sends on the channel, with a popup that reports its close.
    Late(Arc<Mutex<Receiver<()>>>, mpsc::Sender<()>),
    /// Shows a popup on which the rep presses `0`.
    Press(&'static str),
}

/// A popup that says when it is closed, and whose button the "rep" may already have pressed.
struct TestPopup {
    closed: Option<mpsc::Sender<()>>,
    pressed: Option<&'static str>,
}

impl Popup for TestPopup {
    fn close(self: Box<Self>) {
        if let Some(closed) = &self.closed {
            let _ = closed.send(());
        }
    }
    fn wait_for_action(self: Box<Self>) -> Option<String> {
        self.pressed.map(str::to_string)
    }
}

fn service(mode: &Arc<Mutex<Mode>>, calls: &Arc<AtomicBool>) -> SendFn {
    let (mode, calls) = (mode.clone(), calls.clone());
    sender(move |_| {
        calls.store(true, Ordering::SeqCst);
        let now = mode.lock().unwrap().clone();
        match now {
            Mode::Refuse => Err("org.freedesktop.DBus.Error.ServiceUnknown".into()),
            Mode::Show => shown(),
            Mode::Late(release, closed) => {
                let _ = release.lock().unwrap().recv();
                Ok(Box::new(TestPopup {
                    closed: Some(closed),
                    pressed: None,
                }))
            }
            Mode::Press(action) => Ok(Box::new(TestPopup {
                closed: None,
                pressed: Some(action),
            })),
        }
    })
}

/// A fallback notifier over the stand-in service, which refuses until a test changes `mode`,
/// waited for `timeout`; `calls` says whether the service was asked, `buf` what was rung.
struct Stand {
    mode: Arc<Mutex<Mode>>,
    calls: Arc<AtomicBool>,
    notifier: FallbackNotifier,
    woken: Receiver<()>,
    buf: SharedBuf,
}

fn refusing(timeout: Duration) -> Stand {
    let mode = Arc::new(Mutex::new(Mode::Refuse));
    let calls = Arc::new(AtomicBool::new(false));
    let (wake, woken) = waker();
    let desktop = DesktopNotifier::with_sender(service(&mode, &calls), timeout, wake);
    let buf = SharedBuf::default();
    let notifier = FallbackNotifier::new(Box::new(desktop), terminal(&buf));
    Stand {
        mode,
        calls,
        notifier,
        woken,
        buf,
    }
}

fn minutes(m: i64) -> chrono::DateTime<chrono::FixedOffset> {
    t0() + chrono::Duration::seconds(m * 60 + 1)
}

#[test]
fn after_a_minute_the_desktop_is_tried_again_and_said_to_be_back() {
    let Stand {
        mode,
        calls,
        mut notifier,
        woken,
        buf,
    } = refusing(BOUND);
    assert_eq!(notifier.notify(&focus_end(), t0()), Delivery::Queued);
    woken.recv_timeout(BOUND).expect("the failure is reported");
    let events = drain(&mut notifier);
    assert!(
        matches!(&events[0], NotifyEvent::FellBack { .. }),
        "{events:?}"
    );
    assert_eq!(events[1..], [NotifyEvent::ShowInApp(focus_end())]);

    *mode.lock().unwrap() = Mode::Show;
    calls.store(false, Ordering::SeqCst);
    let soon = t0() + chrono::Duration::seconds(59);
    assert_eq!(notifier.notify(&focus_end(), soon), Delivery::Terminal);
    assert!(!calls.load(Ordering::SeqCst), "not tried within the minute");
    assert_eq!(drain(&mut notifier), vec![], "the reason is not said again");

    assert_eq!(notifier.notify(&focus_end(), minutes(1)), Delivery::Queued);
    woken
        .recv_timeout(BOUND)
        .expect("the desktop's answer is reported");
    assert_eq!(drain(&mut notifier), vec![NotifyEvent::Back]);
    assert!(!notifier.fell_back());
    assert_eq!(
        buf.text().matches('\x07').count(),
        4,
        "two alerts rung, none since"
    );
}

#[test]
fn a_retry_that_fails_again_rings_without_a_second_reason() {
    let Stand {
        mut notifier,
        woken,
        ..
    } = refusing(BOUND);
    notifier.notify(&focus_end(), t0());
    woken.recv_timeout(BOUND).unwrap();
    assert_eq!(drain(&mut notifier).len(), 2);
    assert_eq!(notifier.notify(&focus_end(), minutes(1)), Delivery::Queued);
    woken.recv_timeout(BOUND).unwrap();
    assert_eq!(
        drain(&mut notifier),
        vec![NotifyEvent::ShowInApp(focus_end())]
    );
    assert!(notifier.fell_back());
    assert_eq!(
        notifier.notify(&focus_end(), minutes(1)),
        Delivery::Terminal,
        "the next minute counts from the new failure"
    );
}

/// The sticky line tells the truth of now: a retry that fails for another reason says the new
/// reason (once), where the same reason again says nothing.
#[test]
fn a_retry_that_fails_for_another_reason_says_the_new_one() {
    let Stand {
        mode,
        mut notifier,
        woken,
        ..
    } = refusing(Duration::from_millis(100));
    notifier.notify(&focus_end(), t0());
    woken.recv_timeout(BOUND).unwrap();
    let first = drain(&mut notifier);
    assert!(
        matches!(&first[0], NotifyEvent::FellBack { reason } if reason.contains("ServiceUnknown")),
        "{first:?}"
    );
    let (_release, hold) = mpsc::channel::<()>();
    let (closed_tx, _closed) = mpsc::channel();
    *mode.lock().unwrap() = Mode::Late(Arc::new(Mutex::new(hold)), closed_tx);
    notifier.notify(&focus_end(), minutes(1));
    woken.recv_timeout(BOUND).unwrap();
    let second = drain(&mut notifier);
    assert!(
        matches!(&second[..], [NotifyEvent::FellBack { reason }, NotifyEvent::ShowInApp(_)]
            if !reason.contains("ServiceUnknown")),
        "the new reason replaces the old: {second:?}"
    );
}

#[test]
fn a_popup_that_shows_after_the_bell_rang_is_closed_at_once() {
    let (release, hold) = mpsc::channel();
    let (closed_tx, closed) = mpsc::channel();
    let late = Mode::Late(Arc::new(Mutex::new(hold)), closed_tx);
    let mode = Arc::new(Mutex::new(late));
    let calls = Arc::new(AtomicBool::new(false));
    let (wake, woken) = waker();
    let timeout = Duration::from_millis(100);
    let desktop = DesktopNotifier::with_sender(service(&mode, &calls), timeout, wake);
    let buf = SharedBuf::default();
    let mut notifier = FallbackNotifier::new(Box::new(desktop), terminal(&buf));
    assert_eq!(notifier.notify(&focus_end(), t0()), Delivery::Queued);
    woken.recv_timeout(BOUND).expect("the timeout is reported");
    let events = drain(&mut notifier);
    assert_eq!(
        events.len(),
        2,
        "one reason and one in-app alert: {events:?}"
    );
    release.send(()).unwrap();
    closed
        .recv_timeout(BOUND)
        .expect("the late popup is closed");
    assert_eq!(buf.text().matches('\x07').count(), 2, "one OSC, one bell");
}

#[test]
fn a_hung_service_is_left_behind_and_a_new_attempt_reaches_the_service_back() {
    let (_release, hold) = mpsc::channel::<()>();
    let (closed_tx, _closed) = mpsc::channel();
    let hung = Mode::Late(Arc::new(Mutex::new(hold)), closed_tx);
    let mode = Arc::new(Mutex::new(hung));
    let calls = Arc::new(AtomicBool::new(false));
    let (wake, woken) = waker();
    let timeout = Duration::from_millis(100);
    let desktop = DesktopNotifier::with_sender(service(&mode, &calls), timeout, wake);
    let mut notifier = FallbackNotifier::new(Box::new(desktop), terminal(&SharedBuf::default()));
    notifier.notify(&focus_end(), t0());
    woken.recv_timeout(BOUND).unwrap();
    assert_eq!(drain(&mut notifier).len(), 2);
    *mode.lock().unwrap() = Mode::Show;
    assert_eq!(notifier.notify(&focus_end(), minutes(1)), Delivery::Queued);
    woken.recv_timeout(BOUND).expect("a fresh worker answers");
    assert_eq!(drain(&mut notifier), vec![NotifyEvent::Back]);
}

#[test]
fn without_a_bus_there_is_nothing_to_try_again() {
    let desktop = DesktopNotifier::new(&BusEnv::default(), DEFAULT_TIMEOUT, None);
    let mut notifier = FallbackNotifier::new(Box::new(desktop), terminal(&SharedBuf::default()));
    notifier.notify(&focus_end(), t0());
    assert_eq!(drain(&mut notifier).len(), 1);
    assert_eq!(
        notifier.notify(&focus_end(), minutes(5)),
        Delivery::Terminal
    );
    assert_eq!(drain(&mut notifier), vec![]);
}

#[test]
fn a_pressed_button_comes_back_as_the_notification_it_belongs_to() {
    let mode = Arc::new(Mutex::new(Mode::Press("start-focus")));
    let calls = Arc::new(AtomicBool::new(false));
    let (wake, woken) = waker();
    let mut desktop = DesktopNotifier::with_sender(service(&mode, &calls), BOUND, wake);
    let note = Notification::new(NotificationKind::BlockStart, "Next block", "Acme")
        .with_act(Act::StartFocus { block: "b1".into() });
    assert_eq!(desktop.notify(&note, t0()), Delivery::Queued);
    woken.recv_timeout(BOUND).expect("the action is reported");
    assert_eq!(desktop.poll(), Some(NotifyEvent::Acted(note)));
    // A popup without a button, or another button, is no action.
    *mode.lock().unwrap() = Mode::Press("default");
    let slot = Notification::new(NotificationKind::InboxSlot, "Inbox slot", "now")
        .with_act(Act::StartSlot);
    desktop.notify(&slot, t0());
    assert!(woken.recv_timeout(Duration::from_millis(300)).is_err());
    assert_eq!(desktop.poll(), None);
}

#[test]
fn each_kind_has_its_urgency_expiry_and_stock_icon() {
    use NotificationKind::*;
    let looks: Vec<_> = [BlockStart, InboxSlot, FocusEnd, BreakEnd, ReviewReminder]
        .into_iter()
        .map(|k| (k.urgency(), k.expiry().map(|d| d.as_secs()), k.icon()))
        .collect();
    assert_eq!(
        looks,
        vec![
            (Urgency::Critical, Some(120), "appointment-soon"),
            (Urgency::Normal, Some(60), "mail-unread"),
            (Urgency::Normal, Some(30), "alarm"),
            (Urgency::Low, Some(15), "dialog-information"),
            (Urgency::Normal, None, "dialog-question"),
        ]
    );
    let n = Notification::new(FocusEnd, "Break over", "space starts focus round 2");
    assert_eq!(n.line(), "Break over: space starts focus round 2");
    assert_eq!(Notification::new(FocusEnd, "Done", "").line(), "Done");
}
