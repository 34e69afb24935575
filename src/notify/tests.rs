use super::*;
use crate::config::Config;
use pretty_assertions::assert_eq;
use std::io::Write;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// Long enough for a loaded CI machine, short enough that a hang fails the test instead of the run.
const BOUND: Duration = Duration::from_secs(20);

fn t0() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-11-26T10:00:00+01:00").unwrap()
}

/// A stand-in for notify-rust's show.
fn sender(
    f: impl Fn(&Notification) -> Result<Box<dyn Popup>, String> + Send + Sync + 'static,
) -> SendFn {
    Arc::new(f)
}

fn shown() -> Result<Box<dyn Popup>, String> {
    Ok(Box::new(()))
}

fn focus_end() -> Notification {
    Notification::new(NotificationKind::FocusEnd, "Focus over", "Take a break")
}

/// A `Write` whose bytes the test can read after moving it into a notifier.
#[derive(Clone, Default)]
struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl SharedBuf {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn plain9() -> TerminalStyle {
    TerminalStyle {
        osc: Osc::Osc9,
        tmux: false,
    }
}

fn terminal(buf: &SharedBuf) -> Box<dyn Notifier> {
    Box::new(TerminalNotifier::new(Box::new(buf.clone()), plain9()))
}

/// A waker that the test can wait on with `recv_timeout` instead of sleeping.
fn waker() -> (Option<Waker>, Receiver<()>) {
    let (tx, rx) = mpsc::channel();
    (
        Some(Box::new(move || {
            let _ = tx.send(());
        })),
        rx,
    )
}

fn drain(notifier: &mut dyn Notifier) -> Vec<NotifyEvent> {
    std::iter::from_fn(|| notifier.poll()).collect()
}

// --- config switches ---

#[test]
fn each_kind_has_its_own_switch_under_the_master_switch() {
    let kinds = [
        NotificationKind::FocusEnd,
        NotificationKind::BreakEnd,
        NotificationKind::BlockStart,
        NotificationKind::InboxSlot,
        NotificationKind::ReviewReminder,
    ];
    let defaults = Config::defaults().notifications;
    for kind in kinds {
        assert!(enabled(&defaults, kind), "{kind:?} on by default");
        let mut off = defaults.clone();
        match kind {
            NotificationKind::FocusEnd => off.focus_end = false,
            NotificationKind::BreakEnd => off.break_end = false,
            NotificationKind::BlockStart => off.block_start = false,
            NotificationKind::InboxSlot => off.inbox_slot = false,
            NotificationKind::ReviewReminder => off.review_reminder = false,
        }
        assert!(!enabled(&off, kind), "{kind:?} switched off");
        let others_on = kinds
            .iter()
            .filter(|k| **k != kind)
            .all(|k| enabled(&off, *k));
        assert!(others_on, "switching {kind:?} off leaves the others on");
    }
    let master_off = Notifications {
        enabled: false,
        ..defaults
    };
    assert!(kinds.iter().all(|k| !enabled(&master_off, *k)));
}

#[test]
fn switches_are_read_from_the_user_file() {
    let text = "[notifications]\ninbox_slot = false\n";
    let config = Config::from_user_text(Some(text), "mine.toml").unwrap();
    assert!(!enabled(&config.notifications, NotificationKind::InboxSlot));
    assert!(enabled(&config.notifications, NotificationKind::BlockStart));
}

// --- escape sequences ---

#[test]
fn osc9_is_title_colon_body_then_a_bell() {
    assert_eq!(
        plain9().sequence("Focus over", "Take a break"),
        "\x1b]9;Focus over: Take a break\x07\x07"
    );
    assert_eq!(
        plain9().sequence("Focus over", ""),
        "\x1b]9;Focus over\x07\x07"
    );
}

#[test]
fn osc777_keeps_title_and_body_apart() {
    let style = TerminalStyle {
        osc: Osc::Osc777,
        tmux: false,
    };
    assert_eq!(
        style.sequence("Focus over", "Take a break"),
        "\x1b]777;notify;Focus over;Take a break\x07\x07"
    );
}

#[test]
fn inside_tmux_the_osc_is_wrapped_with_doubled_escapes_and_the_bell_stays_outside() {
    let style = TerminalStyle {
        osc: Osc::Osc9,
        tmux: true,
    };
    assert_eq!(
        style.sequence("Focus over", "Take a break"),
        "\x1bPtmux;\x1b\x1b]9;Focus over: Take a break\x07\x1b\\\x07"
    );
    let style = TerminalStyle {
        osc: Osc::Osc777,
        tmux: true,
    };
    assert_eq!(
        style.sequence("Break over", "Back to it"),
        "\x1bPtmux;\x1b\x1b]777;notify;Break over;Back to it\x07\x1b\\\x07"
    );
}

#[test]
fn terminal_style_picks_777_only_for_terminals_that_show_it() {
    let detect = |names: &[&str], tmux| {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        TerminalStyle::detect(&names, tmux)
    };
    for names in [
        ["foot", "", ""],
        ["xterm-kitty", "", ""],
        ["xterm-256color", "WezTerm", ""],
        ["xterm-ghostty", "ghostty", ""],
        ["rxvt-unicode-256color", "", ""],
    ] {
        assert_eq!(detect(&names, false).osc, Osc::Osc777, "{names:?}");
    }
    for names in [
        ["xterm-256color", "iTerm.app", "iTerm2"],
        ["xterm", "", ""],
        ["tmux-256color", "tmux", ""],
        ["", "", ""],
    ] {
        assert_eq!(detect(&names, false).osc, Osc::Osc9, "{names:?}");
    }
    assert!(detect(&["screen", "tmux", ""], true).tmux);
}

#[test]
fn sanitize_removes_anything_that_could_end_or_start_a_sequence() {
    assert_eq!(
        sanitize("Call\x07 Acme\x1b]9;pwned\x1b\\"),
        "Call Acme ]9,pwned \\"
    );
    assert_eq!(sanitize("C1\u{9b}31m csi\u{9c}"), "C1 31m csi");
    assert_eq!(sanitize("  two\nlines\r\n\ttab "), "two lines tab");
    assert_eq!(sanitize("a;b"), "a,b");
    assert_eq!(sanitize("Müller – Angebot"), "Müller – Angebot");
    assert_eq!(sanitize(&"x".repeat(500)).chars().count(), 200);
}

#[test]
fn a_hostile_block_title_cannot_inject_escapes() {
    let bytes = plain9().sequence("Block \x1b]777;notify;x;y\x07 starts", "in 2 min\x1b[2J");
    assert_eq!(bytes.matches('\x1b').count(), 1, "{bytes:?}");
    assert_eq!(bytes.matches('\x07').count(), 2, "{bytes:?}");
    assert!(bytes.starts_with("\x1b]9;Block ]777,notify,x,y starts: in 2 min [2J\x07"));
}

#[test]
fn terminal_notifier_writes_the_sequence_and_asks_for_an_in_app_banner() {
    let buf = SharedBuf::default();
    let mut notifier = terminal(&buf);
    assert_eq!(notifier.notify(&focus_end(), t0()), Delivery::Terminal);
    assert_eq!(buf.text(), "\x1b]9;Focus over: Take a break\x07\x07");
    assert_eq!(notifier.poll(), None);
}

#[test]
fn a_terminal_that_cannot_be_written_is_a_failure_not_a_panic() {
    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut notifier = TerminalNotifier::new(Box::new(Closed), plain9());
    let delivery = notifier.notify(&focus_end(), t0());
    assert!(matches!(delivery, Delivery::Failed(r) if r.contains("could not ring")));
}

// --- recording ---

#[test]
fn recording_notifier_is_readable_after_being_moved_away() {
    let recorder = RecordingNotifier::new();
    let mut moved: Box<dyn Notifier> = Box::new(recorder.clone());
    let review = Notification::new(NotificationKind::ReviewReminder, "Review", "5 minutes");
    assert_eq!(moved.notify(&focus_end(), t0()), Delivery::Recorded);
    assert_eq!(moved.notify(&review, t0()), Delivery::Recorded);
    assert_eq!(moved.poll(), None);
    assert_eq!(recorder.sent(), vec![focus_end(), review]);
}

// --- desktop path and fallback ---

#[test]
fn no_session_bus_fails_at_once_with_the_reason() {
    let started = std::time::Instant::now();
    let mut desktop = DesktopNotifier::new(&BusEnv::default(), DEFAULT_TIMEOUT, None);
    let delivery = desktop.notify(&focus_end(), t0());
    assert!(started.elapsed() < Duration::from_secs(1));
    let reason =
        "desktop notifications are not available here (no desktop session found)".to_string();
    assert_eq!(delivery, Delivery::Failed(reason.clone()));
    assert_eq!(desktop.unavailable(), Some(reason.as_str()));
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn a_bus_address_naming_a_missing_socket_is_not_tried() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("bus");
    let bus = BusEnv {
        address: Some(format!("unix:path={},guid=0123", gone.display())),
        runtime_dir: None,
    };
    let reason = bus.missing().expect("missing socket detected");
    assert!(reason.contains(&gone.display().to_string()), "{reason}");
    // A socket at $XDG_RUNTIME_DIR/bus, or an address that cannot be checked, is worth a try.
    std::fs::write(&gone, "").unwrap();
    let runtime = BusEnv {
        address: None,
        runtime_dir: Some(dir.path().to_path_buf()),
    };
    assert_eq!(runtime.missing(), None);
    let abstract_socket = BusEnv {
        address: Some("unix:abstract=/tmp/dbus-x".into()),
        runtime_dir: None,
    };
    assert_eq!(abstract_socket.missing(), None);
}

#[test]
fn without_a_bus_the_fallback_rings_and_says_why_once() {
    let buf = SharedBuf::default();
    let desktop = DesktopNotifier::new(&BusEnv::default(), DEFAULT_TIMEOUT, None);
    let mut notifier = FallbackNotifier::new(Box::new(desktop), terminal(&buf));
    assert_eq!(notifier.notify(&focus_end(), t0()), Delivery::Terminal);
    let events = drain(&mut notifier);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(
        events[0].banner().as_deref(),
        Some(
            "desktop notifications are not available here (no desktop session found); using the terminal bell instead"
        )
    );
    assert!(notifier.fell_back());
    assert_eq!(notifier.notify(&focus_end(), t0()), Delivery::Terminal);
    assert_eq!(
        drain(&mut notifier),
        vec![],
        "the reason is given only once"
    );
    assert_eq!(buf.text().matches("\x1b]9;Focus over").count(), 2);
}

#[test]
fn a_hanging_service_times_out_without_blocking_the_caller() {
    let (hold, block) = mpsc::channel::<()>();
    let block = Mutex::new(block);
    let hang = sender(move |_| {
        let _ = block.lock().unwrap().recv();
        shown()
    });
    let (wake, woken) = waker();
    let timeout = Duration::from_millis(200);
    let mut desktop = DesktopNotifier::with_sender(hang, timeout, wake);
    assert_eq!(desktop.notify(&focus_end(), t0()), Delivery::Queued);
    woken.recv_timeout(BOUND).expect("the timeout is reported");
    let event = desktop.poll();
    let expected = NotifyEvent::Undelivered {
        notification: focus_end(),
        reason: "no notification service answered within 200 ms".into(),
    };
    assert_eq!(event, Some(expected));
    let again = desktop.notify(&focus_end(), t0());
    assert!(
        matches!(again, Delivery::Failed(_)),
        "gone for the rest of the run"
    );
    drop(hold);
}

#[test]
fn notifications_queued_before_a_timeout_are_rung_in_the_terminal() {
    let (hold, block) = mpsc::channel::<()>();
    let block = Mutex::new(block);
    let hang = sender(move |_| {
        let _ = block.lock().unwrap().recv();
        shown()
    });
    let (wake, woken) = waker();
    let desktop = DesktopNotifier::with_sender(hang, Duration::from_millis(100), wake);
    let buf = SharedBuf::default();
    let mut notifier = FallbackNotifier::new(Box::new(desktop), terminal(&buf));
    let slot = Notification::new(NotificationKind::InboxSlot, "Inbox slot", "starts now");
    assert_eq!(notifier.notify(&focus_end(), t0()), Delivery::Queued);
    assert_eq!(notifier.notify(&slot, t0()), Delivery::Queued);
    for _ in 0..2 {
        woken.recv_timeout(BOUND).expect("each failure is reported");
    }
    let events = drain(&mut notifier);
    assert!(matches!(&events[0], NotifyEvent::FellBack { reason } if reason.contains("100 ms")));
    assert_eq!(
        events[1..],
        [
            NotifyEvent::ShowInApp(focus_end()),
            NotifyEvent::ShowInApp(slot)
        ]
    );
    assert_eq!(buf.text().matches('\x07').count(), 4, "two OSC + two bells");
    assert_eq!(notifier.notify(&focus_end(), t0()), Delivery::Terminal);
    drop(hold);
}

#[test]
fn a_service_error_is_reported_with_its_message() {
    let refuse = sender(|_| Err("org.freedesktop.DBus.Error.ServiceUnknown".into()));
    let (wake, woken) = waker();
    let mut desktop = DesktopNotifier::with_sender(refuse, DEFAULT_TIMEOUT, wake);
    assert_eq!(desktop.notify(&focus_end(), t0()), Delivery::Queued);
    woken.recv_timeout(BOUND).expect("the error is reported");
    let Some(NotifyEvent::Undelivered { reason, .. }) = desktop.poll() else {
        panic!("expected Undelivered");
    };
    assert_eq!(
        reason,
        "the notification service failed: org.freedesktop.DBus.Error.ServiceUnknown"
    );
}

#[test]
fn a_working_service_gets_every_notification_and_reports_nothing() {
    let (shown_tx, seen) = mpsc::channel();
    let show = sender(move |n| {
        let _ = shown_tx.send(n.clone());
        shown()
    });
    let desktop = DesktopNotifier::with_sender(show, DEFAULT_TIMEOUT, None);
    let buf = SharedBuf::default();
    let mut notifier = FallbackNotifier::new(Box::new(desktop), terminal(&buf));
    assert_eq!(notifier.notify(&focus_end(), t0()), Delivery::Queued);
    assert_eq!(seen.recv_timeout(BOUND), Ok(focus_end()));
    assert_eq!(drain(&mut notifier), vec![]);
    assert!(!notifier.fell_back());
    assert_eq!(buf.text(), "");
}

#[test]
fn a_panicking_service_is_a_failure_not_a_crash() {
    let (on_notify_thread, seen) = mpsc::channel();
    let boom = sender(move |_| {
        let _ = on_notify_thread.send(is_notify_thread());
        panic!("notification backend exploded")
    });
    let (wake, woken) = waker();
    let mut desktop = DesktopNotifier::with_sender(boom, DEFAULT_TIMEOUT, wake);
    assert_eq!(desktop.notify(&focus_end(), t0()), Delivery::Queued);
    woken.recv_timeout(BOUND).expect("the stop is reported");
    let Some(NotifyEvent::Undelivered { reason, .. }) = desktop.poll() else {
        panic!("expected Undelivered");
    };
    assert_eq!(reason, "the notification thread stopped");
    let seen = seen.recv_timeout(BOUND);
    assert_eq!(seen, Ok(true), "a panic hook can tell the thread apart");
}

#[test]
fn the_system_notifier_starts_without_blocking_or_reporting() {
    let mut notifier = system_notifier(None);
    assert_eq!(notifier.poll(), None);
    assert!(!is_notify_thread());
}

// --- the real notify-rust path, in a child process whose environment the test controls ---

/// Runs `child_desktop_path` in a fresh copy of this test binary with `env` set, so the real
/// notify-rust call meets exactly the bus the test chose, whatever the machine has.
#[cfg(all(unix, not(target_os = "macos")))]
fn run_child(mode: &str, address: Option<&str>, runtime_dir: &std::path::Path) {
    let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "notify::tests::child_desktop_path",
        "--nocapture",
    ])
    .args(["--test-threads", "1"])
    .env("PROTIME_NOTIFY_CHILD", mode)
    .env("XDG_RUNTIME_DIR", runtime_dir)
    .env_remove("DBUS_SESSION_BUS_ADDRESS");
    if let Some(address) = address {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", address);
    }
    let child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let Ok(output) = rx.recv_timeout(BOUND) else {
        let _ = std::process::Command::new("kill")
            .arg(pid.to_string())
            .status();
        panic!("the child hung: notifications blocked the caller");
    };
    let output = output.unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "the child test ran: {stdout}");
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn real_process_without_a_session_bus_falls_back_at_once() {
    let dir = tempfile::tempdir().unwrap();
    run_child("no-bus", None, dir.path());
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn real_notify_rust_on_a_bus_that_never_answers_times_out() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("bus");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    run_child(
        "silent",
        Some(&format!("unix:path={}", socket.display())),
        dir.path(),
    );
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn real_notify_rust_on_a_bogus_bus_fails_fast() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_socket = dir.path().join("bus");
    std::fs::write(&not_a_socket, "").unwrap();
    let address = format!("unix:path={}", not_a_socket.display());
    run_child("refused", Some(&address), dir.path());
}

/// Only does something when started by `run_child`; an ordinary run passes straight through.
#[test]
fn child_desktop_path() {
    let Ok(mode) = std::env::var("PROTIME_NOTIFY_CHILD") else {
        return;
    };
    let (wake, woken) = waker();
    let timeout = Duration::from_millis(500);
    let desktop = DesktopNotifier::new(&BusEnv::from_env(), timeout, wake);
    let buf = SharedBuf::default();
    let mut notifier = FallbackNotifier::new(Box::new(desktop), terminal(&buf));
    let delivery = notifier.notify(&focus_end(), t0());
    if mode == "no-bus" {
        assert_eq!(delivery, Delivery::Terminal, "no bus: no attempt, no wait");
    } else {
        assert_eq!(
            delivery,
            Delivery::Queued,
            "a bus to try: queued, never blocking"
        );
        woken.recv_timeout(BOUND).expect("the failure is reported");
    }
    let events = drain(&mut notifier);
    let NotifyEvent::FellBack { reason } = &events[0] else {
        panic!("expected FellBack first: {events:?}");
    };
    let expected = match mode.as_str() {
        "no-bus" => "no desktop session found",
        "silent" => "within 500 ms",
        _ => "the notification service failed",
    };
    assert!(reason.contains(expected), "{mode}: {reason}");
    println!("child {mode}: {reason}");
    assert!(
        buf.text().starts_with("\x1b]9;Focus over"),
        "rung in the terminal"
    );
}

mod retry;
