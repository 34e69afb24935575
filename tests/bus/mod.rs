//! A private session bus (dbus-daemon) with a recording notification server (python3-dbusmock's
//! `notification_daemon` template, run with Debian's /usr/bin/python3), for the tests that use
//! the real notify-rust path.
#![allow(dead_code)]

pub mod keyring;

use protime::notify::{
    BusEnv, DesktopNotifier, FallbackNotifier, Notifier, NotifyEvent, Osc, TerminalNotifier,
    TerminalStyle,
};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

pub const BOUND: Duration = Duration::from_secs(20);
const PYTHON: &str = "/usr/bin/python3";

/// Kills the child when the test ends, however it ends (a stopped one is continued first).
pub struct Killed(pub Child);

impl Killed {
    /// Ends the child now (a stopped one is continued first, so it can die).
    pub fn kill(&mut self) {
        if self.0.try_wait().is_ok_and(|done| done.is_none()) {
            signal(&self.0, libc::SIGCONT);
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Killed {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn signal(child: &Child, signal: libc::c_int) {
    // SAFETY: kill(2) on our own child's pid, which it stays until it is waited for.
    let sent = unsafe { libc::kill(child.id() as libc::pid_t, signal) };
    assert_eq!(sent, 0, "signal {signal}");
}

/// False (the test is skipped) where dbus-daemon or dbusmock is missing; CI must have both.
pub fn available() -> bool {
    let bus = Command::new("dbus-daemon").arg("--version").output();
    let mock = Command::new(PYTHON)
        .args(["-c", "import dbusmock"])
        .output();
    let ok = bus.is_ok_and(|o| o.status.success()) && mock.is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have dbus-daemon and dbusmock"
        );
        eprintln!("skipped: dbus-daemon or python3-dbusmock missing");
    }
    ok
}

/// A session bus of its own, and its address.
pub fn start_bus() -> (Killed, String) {
    start_bus_with("--session")
}

/// A bus of its own configured by `config` (`--session`, or `--config-file=FILE`), and its
/// address.
pub fn start_bus_with(config: &str) -> (Killed, String) {
    let mut child = Command::new("dbus-daemon")
        .args([config, "--print-address", "--nofork"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (Killed(child), line.trim().to_string())
}

/// The recording server on the bus at `address`, its calls logged to `log`.
pub fn start_server(address: &str, log: &Path) -> Killed {
    let child = Command::new(PYTHON)
        .args(["-m", "dbusmock", "--template", "notification_daemon", "-l"])
        .arg(log)
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + BOUND;
    while !owned(address, "org.freedesktop.Notifications") {
        assert!(Instant::now() < deadline, "the mock server never came up");
        std::thread::sleep(Duration::from_millis(50));
    }
    Killed(child)
}

/// Whether `name` has an owner on the bus at `address`.
pub fn owned(address: &str, name: &str) -> bool {
    let out = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/",
            "org.freedesktop.DBus.NameHasOwner",
            &format!("string:{name}"),
        ])
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .output();
    out.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
}

/// The rep presses `action` on notification `id`.
pub fn invoke(address: &str, id: u32, action: &str) {
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

/// The first line of the server's log holding `needle`, polled for up to [`BOUND`].
pub fn wait_for_line(log: &Path, needle: &str) -> String {
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

/// What the terminal notifier wrote (the OSC text and the bell).
#[derive(Clone, Default)]
pub struct Buf(pub std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buf {
    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

/// protime's notifier on the bus of the environment: the desktop, waiting `patience` for an
/// answer, falling back to a terminal that writes OSC 9 into the returned [`Buf`]; the receiver
/// hears the notifier's waker.
pub fn notifier(patience: Duration) -> (FallbackNotifier, Receiver<()>, Buf) {
    let (tx, woken) = mpsc::channel();
    let waker = Box::new(move || {
        let _ = tx.send(());
    });
    let desktop = DesktopNotifier::new(&BusEnv::from_env(), patience, Some(waker));
    let buf = Buf::default();
    let style = TerminalStyle {
        osc: Osc::Osc9,
        tmux: false,
    };
    let terminal = TerminalNotifier::new(Box::new(buf.clone()), style);
    let notifier = FallbackNotifier::new(Box::new(desktop), Box::new(terminal));
    (notifier, woken, buf)
}

pub fn drain(n: &mut dyn Notifier) -> Vec<NotifyEvent> {
    std::iter::from_fn(|| n.poll()).collect()
}

/// Waits (with a bound) for the notifier's waker, then reads everything it has.
pub fn next_events(n: &mut dyn Notifier, woken: &Receiver<()>) -> Vec<NotifyEvent> {
    woken.recv_timeout(BOUND).expect("the notifier reports");
    drain(n)
}

/// 26 November 2026, 10:`minute`, the test clock's.
pub fn at(minute: u32) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(&format!("2026-11-26T10:{minute:02}:00+01:00")).unwrap()
}

/// A private bus with the recording server, its address also this process's session bus.
pub struct Desktop {
    pub address: String,
    /// The server's log of every call.
    pub log: std::path::PathBuf,
    pub server: Killed,
    _bus: Killed,
    _dir: tempfile::TempDir,
}

/// The bus and server up, or `None` (the test is skipped) where they cannot run.
pub fn desktop() -> Option<Desktop> {
    if !available() {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let (bus, address) = start_bus();
    // SAFETY: set before any thread of the test binary reads the environment: each test
    // binary using a bus has one test.
    unsafe { std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address) };
    let log = dir.path().join("calls.log");
    let server = start_server(&address, &log);
    Some(Desktop {
        address,
        log,
        server,
        _bus: bus,
        _dir: dir,
    })
}
