//! The real notify-rust path against a private session bus started here (dbus-daemon) with a
//! recording notification server (python3-dbusmock's `notification_daemon` template, run with
//! Debian's /usr/bin/python3). One test, because the bus address is process-wide.

use protime::notify::{
    Act, BusEnv, Delivery, DesktopNotifier, FallbackNotifier, Notification, NotificationKind,
    Notifier, NotifyEvent, Osc, TerminalNotifier, TerminalStyle,
};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BOUND: Duration = Duration::from_secs(20);
const PYTHON: &str = "/usr/bin/python3";

/// Kills the child when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn available() -> bool {
    let bus = Command::new("dbus-daemon").arg("--version").output();
    let mock = Command::new(PYTHON)
        .args(["-c", "import dbusmock"])
        .output();
    bus.is_ok_and(|o| o.status.success()) && mock.is_ok_and(|o| o.status.success())
}

fn start_bus() -> (Killed, String) {
    let mut child = Command::new("dbus-daemon")
        .args(["--session", "--print-address", "--nofork"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (Killed(child), line.trim().to_string())
}

fn start_server(address: &str, log: &Path) -> Killed {
    let child = Command::new(PYTHON)
        .args(["-m", "dbusmock", "--template", "notification_daemon", "-l"])
        .arg(log)
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + BOUND;
    while !owned(address) {
        assert!(Instant::now() < deadline, "the mock server never came up");
        std::thread::sleep(Duration::from_millis(50));
    }
    Killed(child)
}

fn owned(address: &str) -> bool {
    let out = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/",
        ])
        .args([
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.Notifications",
        ])
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .output();
    out.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
}

/// The rep presses `action` on notification `id`.
fn invoke(address: &str, id: u32, action: &str) {
    let script = "import dbus,sys\n\
        o=dbus.SessionBus().get_object('org.freedesktop.Notifications','/org/freedesktop/Notifications')\n\
        o.EmitSignal('org.freedesktop.Notifications','ActionInvoked','us',\
        [dbus.UInt32(int(sys.argv[1])),sys.argv[2]],dbus_interface='org.freedesktop.DBus.Mock')";
    let status = Command::new(PYTHON)
        .args(["-c", script, &id.to_string(), action])
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .status()
        .unwrap();
    assert!(status.success());
}

fn wait_for_line(log: &Path, needle: &str) -> String {
    let deadline = Instant::now() + BOUND;
    loop {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        if let Some(line) = text.lines().find(|l| l.contains(needle)) {
            return line.to_string();
        }
        assert!(
            Instant::now() < deadline,
            "never logged {needle:?}:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[derive(Clone, Default)]
struct Buf(Arc<Mutex<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn drain(n: &mut dyn Notifier) -> Vec<NotifyEvent> {
    std::iter::from_fn(|| n.poll()).collect()
}

/// Waits (with a bound) for the notifier's waker, then reads everything it has.
fn next_events(n: &mut dyn Notifier, woken: &Receiver<()>) -> Vec<NotifyEvent> {
    woken.recv_timeout(BOUND).expect("the notifier reports");
    drain(n)
}

fn at(minute: u32) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(&format!("2026-11-26T10:{minute:02}:00+01:00")).unwrap()
}

#[test]
fn a_real_notification_server_on_a_private_bus() {
    if !available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have dbus-daemon and dbusmock"
        );
        eprintln!("skipped: dbus-daemon or python3-dbusmock missing");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_bus, address) = start_bus();
    // SAFETY: set before any thread of this test binary reads the environment.
    unsafe { std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address) };
    let log = dir.path().join("calls.log");
    let server = start_server(&address, &log);

    let (tx, woken) = mpsc::channel();
    let waker = Box::new(move || {
        let _ = tx.send(());
    });
    let desktop = DesktopNotifier::new(&BusEnv::from_env(), BOUND, Some(waker));
    let buf = Buf::default();
    let style = TerminalStyle {
        osc: Osc::Osc9,
        tmux: false,
    };
    let terminal = TerminalNotifier::new(Box::new(buf.clone()), style);
    let mut notifier = FallbackNotifier::new(Box::new(desktop), Box::new(terminal));

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
        let line = wait_for_line(&log, shown);
        assert!(line.contains(urgency), "{line}");
        assert!(line.trim_end().ends_with(&format!(" {expiry}")), "{line}");
    }
    assert_eq!(drain(&mut notifier), vec![]);

    // The rep presses "Start focus" on the first popup (id 1): it comes back to the app. The
    // popup's watcher subscribes after showing, so the press is repeated until it is heard.
    let deadline = Instant::now() + BOUND;
    let acted = loop {
        invoke(&address, 1, "start-focus");
        if woken.recv_timeout(Duration::from_millis(300)).is_ok() {
            break drain(&mut notifier);
        }
        assert!(Instant::now() < deadline, "the action never came back");
    };
    assert_eq!(acted, vec![NotifyEvent::Acted(block.clone())]);

    // A killed server: one alert (OSC + bell) and one reason.
    drop(server);
    let focus = &kinds[2].0;
    assert_eq!(notifier.notify(focus, at(1)), Delivery::Queued);
    let events = next_events(&mut notifier, &woken);
    assert!(
        matches!(&events[..], [NotifyEvent::FellBack { reason }, NotifyEvent::ShowInApp(n)]
            if reason.contains("the notification service failed") && n == focus),
        "{events:?}"
    );
    let rung = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    assert_eq!(
        rung,
        "\x1b]9;Focus round 1 done: take a 5-minute break\x07\x07"
    );

    // The service comes back: within the minute the bell is used, after it the desktop again.
    let log2 = dir.path().join("calls2.log");
    let _server = start_server(&address, &log2);
    assert_eq!(notifier.notify(focus, at(1)), Delivery::Terminal);
    assert_eq!(notifier.notify(focus, at(3)), Delivery::Queued);
    wait_for_line(&log2, "\"Focus round 1 done\"");
    assert_eq!(next_events(&mut notifier, &woken), vec![NotifyEvent::Back]);
}
