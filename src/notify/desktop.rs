//! Desktop notifications through notify-rust, sent from a worker thread and given up on after a
//! timeout.
//!
//! notify-rust's `show()` blocks until the bus answers, and a bus without a notification daemon
//! may take about a minute to say no. So the UI thread only ever puts a notification on a
//! channel. Two long-lived threads sit behind it: the worker makes the blocking call; the
//! watcher hands it one notification at a time and waits for its answer with a timeout, so a
//! hung call is detected even though it cannot be cancelled. After a failure the desktop is
//! treated as gone until [`Notifier::retry`]; a worker stuck in a hung call is left behind and the
//! next attempt gets a fresh one, and a popup that shows after its notification was given up on
//! is closed at once, so the terminal's bell stays the one alert.

use super::{Delivery, Notification, Notifier, NotifyEvent, Waker};
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

/// How long a notification may take before the desktop counts as not answering.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

/// Makes one blocking attempt to show a notification; runs on a worker thread. Shared, because
/// a worker stuck in a hung call is replaced by a new one.
pub type SendFn = Arc<dyn Fn(&Notification) -> Result<Box<dyn Popup>, String> + Send + Sync>;

/// A popup on screen, as the notification server returned it.
pub trait Popup: Send {
    /// Takes it off the screen (`CloseNotification`).
    fn close(self: Box<Self>);
    /// Blocks until the rep picks an action (its id) or the popup closes (`None`).
    fn wait_for_action(self: Box<Self>) -> Option<String>;
}

/// A popup that can be neither closed nor acted on (tests, desktops without handles).
impl Popup for () {
    fn close(self: Box<Self>) {}
    fn wait_for_action(self: Box<Self>) -> Option<String> {
        None
    }
}

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
/// [`NotifyEvent::Undelivered`] from [`Notifier::poll`], after which every `notify` fails at once
/// until [`Notifier::retry`].
pub struct DesktopNotifier {
    requests: Option<Sender<Request>>,
    events: Receiver<NotifyEvent>,
    dead: Option<String>,
}

/// What the UI thread asks of the watcher.
enum Request {
    Show(Notification),
    /// Forget the failure: the next notification is tried again.
    Revive,
}

impl DesktopNotifier {
    /// Through notify-rust, unless `bus` shows there is no session bus to try.
    pub fn new(bus: &BusEnv, timeout: Duration, waker: Option<Waker>) -> Self {
        match bus.missing() {
            Some(reason) => DesktopNotifier::gone(reason),
            None => DesktopNotifier::with_sender(Arc::new(show_with_notify_rust), timeout, waker),
        }
    }

    /// Through `send` instead of notify-rust: lets tests stand in a service that hangs or fails.
    pub fn with_sender(send: SendFn, timeout: Duration, waker: Option<Waker>) -> Self {
        let (events_tx, events) = mpsc::channel();
        match spawn_watcher(send, timeout, waker, events_tx) {
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
    fn notify(&mut self, notification: &Notification, _now: DateTime<FixedOffset>) -> Delivery {
        if let Some(reason) = &self.dead {
            return Delivery::Failed(reason.clone());
        }
        let request = Request::Show(notification.clone());
        let queued = self.requests.as_ref().map(|r| r.send(request));
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

    fn retry(&mut self) -> bool {
        let Some(requests) = &self.requests else {
            return false;
        };
        if requests.send(Request::Revive).is_err() {
            return false;
        }
        self.dead = None;
        true
    }
}

/// Calls the app's waker from whichever notification thread has news.
type SharedWaker = Arc<Mutex<Option<Waker>>>;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Sends `event` to the UI thread and wakes it.
fn report(events: &Sender<NotifyEvent>, waker: &SharedWaker, event: NotifyEvent) {
    if events.send(event).is_ok()
        && let Some(wake) = lock(waker).as_ref()
    {
        wake();
    }
}

fn spawn_watcher(
    send: SendFn,
    timeout: Duration,
    waker: Option<Waker>,
    events: Sender<NotifyEvent>,
) -> std::io::Result<Sender<Request>> {
    let mut watcher = Watcher {
        send,
        worker: None,
        timeout,
        events,
        waker: Arc::new(Mutex::new(waker)),
        dead: None,
        revived: false,
    };
    // The first worker starts now, so a thread that cannot be spawned is known at once.
    watcher.worker = Some(watcher.spawn_worker()?);
    let (requests, requests_rx) = mpsc::channel();
    thread::Builder::new()
        .name(format!("{THREAD_PREFIX}-watch"))
        .spawn(move || watcher.run(requests_rx))?;
    Ok(requests)
}

/// Whether a notification's popup showed before the watcher gave up on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JobState {
    Waiting,
    Shown,
    /// Given up on: a popup that shows now is closed at once.
    Abandoned,
}

struct Job {
    notification: Notification,
    state: Arc<Mutex<JobState>>,
}

/// One worker thread: where jobs go and where their answers come back.
struct Worker {
    jobs: Sender<Job>,
    done: Receiver<Result<(), String>>,
}

/// Everything a worker thread needs besides its channels.
struct WorkerKit {
    send: SendFn,
    events: Sender<NotifyEvent>,
    waker: SharedWaker,
}

/// Makes the blocking calls, one at a time, until the watcher lets it go.
fn work(kit: WorkerKit, jobs: Receiver<Job>, done: Sender<Result<(), String>>) {
    for job in jobs {
        let answer = (kit.send)(&job.notification).map(|popup| {
            let late = {
                let mut state = lock(&job.state);
                let late = *state == JobState::Abandoned;
                if !late {
                    *state = JobState::Shown;
                }
                late
            };
            if late {
                popup.close();
            } else if job.notification.act.is_some() {
                watch_actions(popup, job.notification.clone(), &kit);
            }
        });
        if done.send(answer).is_err() {
            return;
        }
    }
}

/// Waits on its own thread for the rep to press the popup's button, and tells the UI thread.
fn watch_actions(popup: Box<dyn Popup>, notification: Notification, kit: &WorkerKit) {
    let (events, waker) = (kit.events.clone(), kit.waker.clone());
    let _ = thread::Builder::new()
        .name(format!("{THREAD_PREFIX}-action"))
        .spawn(move || {
            let picked = popup.wait_for_action();
            let wanted = notification.act.as_ref().map(|a| a.id());
            if picked.is_some() && picked.as_deref() == wanted {
                report(&events, &waker, NotifyEvent::Acted(notification));
            }
        });
}

/// Feeds a worker and times its answers; reports every notification that did not get through.
struct Watcher {
    send: SendFn,
    /// The worker in use; `None` after it was left behind in a hung call.
    worker: Option<Worker>,
    timeout: Duration,
    events: Sender<NotifyEvent>,
    waker: SharedWaker,
    dead: Option<String>,
    /// Tried again after a failure: the next success is news.
    revived: bool,
}

impl Watcher {
    fn run(mut self, requests: Receiver<Request>) {
        for request in requests {
            let notification = match request {
                Request::Revive => {
                    self.dead = None;
                    self.revived = true;
                    continue;
                }
                Request::Show(notification) => notification,
            };
            let outcome = match &self.dead {
                Some(reason) => Err(reason.clone()),
                None => self.deliver(&notification),
            };
            match outcome {
                Err(reason) => {
                    self.dead = Some(reason.clone());
                    let event = NotifyEvent::Undelivered {
                        notification,
                        reason,
                    };
                    report(&self.events, &self.waker, event);
                }
                Ok(()) if std::mem::take(&mut self.revived) => {
                    report(&self.events, &self.waker, NotifyEvent::Back);
                }
                Ok(()) => {}
            }
        }
    }

    fn spawn_worker(&self) -> std::io::Result<Worker> {
        let (jobs, jobs_rx) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        let kit = WorkerKit {
            send: self.send.clone(),
            events: self.events.clone(),
            waker: self.waker.clone(),
        };
        thread::Builder::new()
            .name(THREAD_PREFIX.into())
            .spawn(move || work(kit, jobs_rx, done_tx))?;
        Ok(Worker { jobs, done })
    }

    fn deliver(&mut self, notification: &Notification) -> Result<(), String> {
        let worker = match self.worker.take() {
            Some(worker) => worker,
            None => self.spawn_worker().map_err(|e| format!("{STOPPED}: {e}"))?,
        };
        let state = Arc::new(Mutex::new(JobState::Waiting));
        let job = Job {
            notification: notification.clone(),
            state: state.clone(),
        };
        worker.jobs.send(job).map_err(|_| STOPPED.to_string())?;
        let answer = match worker.done.recv_timeout(self.timeout) {
            Err(RecvTimeoutError::Timeout) if *lock(&state) == JobState::Shown => {
                // It showed just as time ran out: its answer is on the way.
                worker.done.recv().map_err(|_| STOPPED.to_string())?
            }
            Err(RecvTimeoutError::Timeout) => {
                *lock(&state) = JobState::Abandoned;
                // The worker is left behind; a late popup of its closes itself.
                return Err(format!(
                    "no notification service answered within {}",
                    seconds(self.timeout)
                ));
            }
            Err(RecvTimeoutError::Disconnected) => return Err(STOPPED.to_string()),
            Ok(answer) => answer,
        };
        self.worker = Some(worker);
        answer.map_err(|e| format!("the notification service failed: {e}"))
    }
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

fn show_with_notify_rust(notification: &Notification) -> Result<Box<dyn Popup>, String> {
    use notify_rust::Timeout;
    let mut popup = notify_rust::Notification::new();
    popup
        .appname("protime")
        .summary(&notification.title)
        .body(&desktop_body(&notification.body))
        .icon(notification.kind.icon())
        .timeout(match notification.kind.expiry() {
            Some(d) => Timeout::Milliseconds(u32::try_from(d.as_millis()).unwrap_or(u32::MAX)),
            None => Timeout::Never,
        });
    freedesktop_extras(&mut popup, notification);
    popup.show().map(into_popup).map_err(|e| e.to_string())
}

/// Urgency and the action button: only the freedesktop protocol has them.
#[cfg(all(unix, not(target_os = "macos")))]
fn freedesktop_extras(popup: &mut notify_rust::Notification, notification: &Notification) {
    use super::Urgency;
    popup.urgency(match notification.kind.urgency() {
        Urgency::Low => notify_rust::Urgency::Low,
        Urgency::Normal => notify_rust::Urgency::Normal,
        Urgency::Critical => notify_rust::Urgency::Critical,
    });
    if let Some(act) = &notification.act {
        popup.action(act.id(), act.label());
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn freedesktop_extras(_popup: &mut notify_rust::Notification, _notification: &Notification) {}

#[cfg(all(unix, not(target_os = "macos")))]
fn into_popup(handle: notify_rust::NotificationHandle) -> Box<dyn Popup> {
    Box::new(handle)
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn into_popup<H>(_handle: H) -> Box<dyn Popup> {
    Box::new(())
}

#[cfg(all(unix, not(target_os = "macos")))]
impl Popup for notify_rust::NotificationHandle {
    fn close(self: Box<Self>) {
        notify_rust::NotificationHandle::close(*self);
    }

    fn wait_for_action(self: Box<Self>) -> Option<String> {
        let mut picked = None;
        notify_rust::NotificationHandle::wait_for_action(*self, |action| {
            if action != "__closed" {
                picked = Some(action.to_string());
            }
        });
        picked
    }
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
