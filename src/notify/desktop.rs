//! Desktop notifications through notify-rust, sent from a worker thread and given up on after a
//! timeout.
//!
//! notify-rust's `show()` blocks until the bus answers, and a bus without a notification daemon
//! may take about a minute to say no. So the UI thread only ever puts a notification on a
//! channel. Two long-lived threads sit behind it: the worker makes the blocking call; the
//! watcher hands it one notification at a time and waits for its answer with a timeout, so a
//! hung call is detected even though it cannot be cancelled. After the first failure the
//! desktop is treated as gone for the rest of the run (a stuck worker then blocks no one).

use super::{Delivery, Notification, Notifier, NotifyEvent, Waker};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

/// How long a notification may take before the desktop counts as not answering.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

/// Makes one blocking attempt to show a notification; runs on the worker thread.
pub type SendFn = Box<dyn FnMut(&Notification) -> Result<(), String> + Send>;

/// Both notification threads are named with this prefix; see [`is_notify_thread`].
const THREAD_PREFIX: &str = "protime-notify";

const NO_SESSION: &str = "desktop notifications are not available here (no desktop session found)";
const STOPPED: &str = "the notification thread stopped";

/// Where the D-Bus session bus should be, as the environment says. Only used to skip a
/// pointless attempt; notify-rust itself connects through the process environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BusEnv {
    /// `DBUS_SESSION_BUS_ADDRESS`, e.g. `unix:path=/run/user/1000/bus`.
    pub address: Option<String>,
    /// `XDG_RUNTIME_DIR`, whose `bus` socket is used when no address is set.
    pub runtime_dir: Option<PathBuf>,
}

impl BusEnv {
    pub fn from_env() -> Self {
        BusEnv {
            address: std::env::var("DBUS_SESSION_BUS_ADDRESS")
                .ok()
                .filter(|a| !a.trim().is_empty()),
            runtime_dir: std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from),
        }
    }

    /// Why trying the desktop is pointless, if it is: no address and no socket at the default
    /// place, or an address naming only unix sockets that do not exist. Checking costs a
    /// `stat`, so SSH and headless sessions fall back at once instead of after the timeout.
    #[cfg(all(unix, not(target_os = "macos")))]
    pub fn missing(&self) -> Option<String> {
        match &self.address {
            Some(address) => missing_sockets(address),
            None => self.missing_default_socket(),
        }
    }

    /// macOS and Windows notifications do not go through D-Bus.
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    pub fn missing(&self) -> Option<String> {
        None
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    fn missing_default_socket(&self) -> Option<String> {
        let dir = self.runtime_dir.as_ref();
        let found = dir.is_some_and(|d| d.join("bus").exists());
        (!found).then(|| NO_SESSION.to_string())
    }
}

/// `None` (worth a try) unless every address is a unix socket path that does not exist;
/// abstract sockets, TCP and escaped paths cannot be checked cheaply, so they are tried.
#[cfg(all(unix, not(target_os = "macos")))]
fn missing_sockets(address: &str) -> Option<String> {
    let entries = address.split(';').filter(|a| !a.is_empty());
    let paths = entries.map(unix_path).collect::<Option<Vec<_>>>()?;
    if paths.iter().any(|p| p.exists()) {
        return None;
    }
    Some(format!(
        "desktop notifications are not available here (no desktop session at {address})"
    ))
}

#[cfg(all(unix, not(target_os = "macos")))]
fn unix_path(address: &str) -> Option<PathBuf> {
    let params = address.strip_prefix("unix:")?;
    let path = params.split(',').find_map(|kv| kv.strip_prefix("path="))?;
    (!path.contains('%')).then(|| PathBuf::from(path))
}

/// True on the notification threads. A panic inside notify-rust there only ends desktop
/// notifications (the watcher reports it), so a panic hook should not restore the terminal or
/// write a crash report for it while the app keeps running.
pub fn is_notify_thread() -> bool {
    let current = thread::current();
    current.name().is_some_and(|n| n.starts_with(THREAD_PREFIX))
}

/// Desktop notifications; never blocks the caller. A failure, however late, comes back as
/// [`NotifyEvent::Undelivered`] from [`Notifier::poll`], after which every `notify` fails at once.
pub struct DesktopNotifier {
    requests: Option<Sender<Notification>>,
    events: Receiver<NotifyEvent>,
    dead: Option<String>,
}

impl DesktopNotifier {
    /// Through notify-rust, unless `bus` shows there is no session bus to try.
    pub fn new(bus: &BusEnv, timeout: Duration, waker: Option<Waker>) -> Self {
        match bus.missing() {
            Some(reason) => DesktopNotifier::gone(reason),
            None => DesktopNotifier::with_sender(Box::new(show_with_notify_rust), timeout, waker),
        }
    }

    /// Through `send` instead of notify-rust: lets tests stand in a service that hangs or fails.
    pub fn with_sender(send: SendFn, timeout: Duration, waker: Option<Waker>) -> Self {
        let (events_tx, events) = mpsc::channel();
        match spawn_threads(send, timeout, waker, events_tx) {
            Ok(requests) => DesktopNotifier {
                requests: Some(requests),
                events,
                dead: None,
            },
            Err(e) => DesktopNotifier::gone(format!("{STOPPED}: {e}")),
        }
    }

    fn gone(reason: String) -> Self {
        DesktopNotifier {
            requests: None,
            events: mpsc::channel().1,
            dead: Some(reason),
        }
    }

    /// Why desktop notifications are off, once that is known.
    pub fn unavailable(&self) -> Option<&str> {
        self.dead.as_deref()
    }
}

impl Notifier for DesktopNotifier {
    fn notify(&mut self, notification: &Notification) -> Delivery {
        if let Some(reason) = &self.dead {
            return Delivery::Failed(reason.clone());
        }
        let queued = self.requests.as_ref().map(|r| r.send(notification.clone()));
        if let Some(Ok(())) = queued {
            return Delivery::Queued;
        }
        self.dead = Some(STOPPED.to_string());
        Delivery::Failed(STOPPED.to_string())
    }

    fn poll(&mut self) -> Option<NotifyEvent> {
        let event = self.events.try_recv().ok()?;
        if let NotifyEvent::Undelivered { reason, .. } = &event {
            self.dead.get_or_insert_with(|| reason.clone());
        }
        Some(event)
    }
}

fn spawn_threads(
    send: SendFn,
    timeout: Duration,
    waker: Option<Waker>,
    events: Sender<NotifyEvent>,
) -> std::io::Result<Sender<Notification>> {
    let (work, work_rx) = mpsc::channel();
    let (done_tx, done) = mpsc::channel();
    thread::Builder::new()
        .name(THREAD_PREFIX.into())
        .spawn(move || worker(send, work_rx, done_tx))?;
    let watcher = Watcher {
        work,
        done,
        timeout,
        events,
        waker,
        dead: None,
    };
    let (requests, requests_rx) = mpsc::channel();
    thread::Builder::new()
        .name(format!("{THREAD_PREFIX}-watch"))
        .spawn(move || watcher.run(requests_rx))?;
    Ok(requests)
}

/// Makes the blocking calls, one at a time, until the watcher goes away.
fn worker(mut send: SendFn, work: Receiver<Notification>, done: Sender<Result<(), String>>) {
    for notification in work {
        if done.send(send(&notification)).is_err() {
            return;
        }
    }
}

/// Feeds the worker and times its answers; reports every notification that did not get through.
struct Watcher {
    work: Sender<Notification>,
    done: Receiver<Result<(), String>>,
    timeout: Duration,
    events: Sender<NotifyEvent>,
    waker: Option<Waker>,
    dead: Option<String>,
}

impl Watcher {
    fn run(mut self, requests: Receiver<Notification>) {
        for notification in requests {
            let outcome = match &self.dead {
                Some(reason) => Err(reason.clone()),
                None => self.deliver(&notification),
            };
            if let Err(reason) = outcome {
                self.dead = Some(reason.clone());
                self.report(notification, reason);
            }
        }
    }

    fn deliver(&self, notification: &Notification) -> Result<(), String> {
        self.work
            .send(notification.clone())
            .map_err(|_| STOPPED.to_string())?;
        match self.done.recv_timeout(self.timeout) {
            Ok(answer) => answer.map_err(|e| format!("the notification service failed: {e}")),
            Err(RecvTimeoutError::Timeout) => Err(format!(
                "no notification service answered within {}",
                seconds(self.timeout)
            )),
            Err(RecvTimeoutError::Disconnected) => Err(STOPPED.to_string()),
        }
    }

    fn report(&self, notification: Notification, reason: String) {
        let event = NotifyEvent::Undelivered {
            notification,
            reason,
        };
        if self.events.send(event).is_ok()
            && let Some(wake) = &self.waker
        {
            wake();
        }
    }
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

fn show_with_notify_rust(notification: &Notification) -> Result<(), String> {
    notify_rust::Notification::new()
        .appname("protime")
        .summary(&notification.title)
        .body(&desktop_body(&notification.body))
        .show()
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Freedesktop servers may read the body as markup, so a block titled "R&D <Acme>" must be
/// escaped to show as written.
#[cfg(all(unix, not(target_os = "macos")))]
fn desktop_body(body: &str) -> String {
    body.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn desktop_body(body: &str) -> String {
    body.to_string()
}
