//! A real terminal for tests: protime (or a shell) in a tmux server of its own, polled for text.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub const PROTIME: &str = env!("CARGO_BIN_EXE_protime");
pub const STARTUP: Duration = Duration::from_secs(10);
/// The promise for outside changes and for a pane that goes away.
pub const PROMISED: Duration = Duration::from_secs(2);
pub const HEADER: &str = " protime  1 Plan  2 Timer";

/// One tmux server on its own socket, running one pane; killed on drop, also when a test panics.
pub struct Tmux {
    pub socket: String,
    /// tmux leaves its socket file behind after kill-server; removed on drop too.
    pub socket_path: PathBuf,
    pub data: TempDir,
    pub config: TempDir,
    /// One terminal at a time per test binary: the 2-second promises are about protime, not
    /// about a 2-core machine running six dashboards and their tmux servers at once.
    _serial: std::sync::MutexGuard<'static, ()>,
}

fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        let _ = std::fs::remove_file(&self.socket_path);
    }
}

pub fn unique_socket() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("protime-test-{}-{n}", std::process::id())
}

impl Tmux {
    /// Starts `command` (a shell command line) in a detached `width`×`height` session.
    pub fn start(width: u16, height: u16, command: &str) -> Tmux {
        Tmux::start_with(width, height, command, &[])
    }

    /// Like `start`, with more `NAME=value` variables in the pane's environment. The config
    /// folder holds a config file (with nothing in it but a comment), so protime does not take
    /// this for a first start and open the welcome.
    pub fn start_with(width: u16, height: u16, command: &str, env: &[String]) -> Tmux {
        Tmux::start_in(width, height, command, env, true)
    }

    /// A first start: no config file and an empty data folder, so the welcome opens.
    pub fn first_start(width: u16, height: u16, command: &str, env: &[String]) -> Tmux {
        Tmux::start_in(width, height, command, env, false)
    }

    /// The config file protime reads in this pane.
    pub fn config_file(&self) -> PathBuf {
        self.config.path().join("protime/config.toml")
    }

    fn start_in(width: u16, height: u16, command: &str, env: &[String], config: bool) -> Tmux {
        let mut tmux = Tmux {
            socket: unique_socket(),
            socket_path: PathBuf::new(),
            data: tempfile::tempdir().expect("data dir"),
            config: tempfile::tempdir().expect("config dir"),
            _serial: serial(),
        };
        if config {
            let file = tmux.config_file();
            std::fs::create_dir_all(file.parent().expect("a folder")).expect("config folder");
            std::fs::write(&file, "# tests: not a first start\n").expect("config file");
        }
        let data = format!("PROTIME_DATA_DIR={}", tmux.data.path().display());
        let config = format!("XDG_CONFIG_HOME={}", tmux.config.path().display());
        let (w, h) = (width.to_string(), height.to_string());
        let mut args: Vec<&str> = vec![
            "new-session",
            "-d",
            "-x",
            &w,
            "-y",
            &h,
            "-e",
            &data,
            "-e",
            &config,
        ];
        for e in env {
            args.extend(["-e", e.as_str()]);
        }
        args.push(command);
        tmux.ok(&args);
        tmux.socket_path = tmux.format("#{socket_path}").into();
        tmux
    }

    /// protime alone in the pane, showing its first frame.
    pub fn protime(width: u16, height: u16) -> Tmux {
        let tmux = Tmux::start(width, height, PROTIME);
        tmux.wait_for(HEADER, STARTUP);
        tmux
    }

    pub fn run(&self, args: &[&str]) -> std::io::Result<Output> {
        Command::new("tmux")
            .args(["-f", "/dev/null", "-L", &self.socket])
            .args(args)
            .output()
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args).expect("tmux is installed");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "tmux {args:?} failed: {stderr}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.ok(&["capture-pane", "-p", "-J"])
    }

    pub fn format(&self, format: &str) -> String {
        self.ok(&["display-message", "-p", format])
            .trim()
            .to_string()
    }

    /// Polls the screen until `done` holds; fails with the last screen after `limit`.
    pub fn wait_until(&self, what: &str, limit: Duration, done: impl Fn(&str) -> bool) -> String {
        poll(what, limit, || {
            let screen = self.screen();
            if done(&screen) {
                Ok(screen)
            } else {
                Err(screen)
            }
        })
    }

    /// Polls a tmux format (like `#{pane_current_command}`) until it reads `expected`.
    pub fn wait_format(&self, format: &str, expected: &str, limit: Duration) {
        poll(&format!("{format} = {expected}"), limit, || {
            let value = self.format(format);
            if value == expected {
                Ok(())
            } else {
                Err(value)
            }
        })
    }

    pub fn wait_for(&self, text: &str, limit: Duration) -> String {
        self.wait_until(&format!("{text:?}"), limit, |s| s.contains(text))
    }

    pub fn keys(&self, keys: &[&str]) {
        self.ok(&[&["send-keys"], keys].concat());
    }

    pub fn journal(&self) -> PathBuf {
        self.data.path().join("journal")
    }
}

/// A terminal attached to a [`Tmux`] server as its client, so that its key bindings can be pressed
/// (`send-keys` alone types into the pane, past the bindings): a second tmux server, on a socket
/// of its own, whose pane runs `tmux attach`. Killed on drop.
pub struct Client {
    socket: String,
    socket_path: PathBuf,
}

impl Tmux {
    /// Attaches a `width`×`height` client and waits until the server counts it.
    pub fn attach(&self, width: u16, height: u16) -> Client {
        let mut client = Client {
            socket: unique_socket() + "-client",
            socket_path: PathBuf::new(),
        };
        // The client's pane has the outer server's $TMUX, which tmux reads as "nested": unset.
        let attach = format!("env -u TMUX tmux -L {} attach", self.socket);
        let (w, h) = (width.to_string(), height.to_string());
        client.ok(&["new-session", "-d", "-x", &w, "-y", &h, &attach]);
        client.socket_path = client
            .ok(&["display-message", "-p", "#{socket_path}"])
            .trim()
            .into();
        self.wait_format("#{session_attached}", "1", STARTUP);
        client
    }

    /// The processes the server runs beside its pane: `run-shell` jobs and `#()` status jobs.
    pub fn jobs(&self) -> Vec<u32> {
        let server: u32 = self.format("#{pid}").parse().expect("server pid");
        let pane: u32 = self.format("#{pane_pid}").parse().expect("pane pid");
        children_of(server)
            .into_iter()
            .filter(|&p| p != pane)
            .collect()
    }
}

/// The processes whose parent is `parent`, from /proc.
fn children_of(parent: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return vec![];
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so split after it.
            std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
                stat.rsplit_once(')')
                    .and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse::<u32>().ok())
                    == Some(parent)
            })
        })
        .collect()
}

impl Client {
    fn ok(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-f", "/dev/null", "-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux is installed");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "tmux {args:?} failed: {stderr}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Presses keys as a person at this terminal does: `["C-b", "I"]` is the prefix, then I.
    pub fn press(&self, keys: &[&str]) {
        self.ok(&[&["send-keys"], keys].concat());
    }

    /// Types `text` as it is.
    pub fn type_text(&self, text: &str) {
        self.ok(&["send-keys", "-l", text]);
    }

    /// What the terminal shows: the attached server's pane (or its mode) and status line.
    pub fn screen(&self) -> String {
        self.ok(&["capture-pane", "-p", "-J"])
    }

    pub fn wait_for(&self, text: &str, limit: Duration) -> String {
        poll(&format!("{text:?} on the client"), limit, || {
            let screen = self.screen();
            if screen.contains(text) {
                Ok(screen)
            } else {
                Err(screen)
            }
        })
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-f", "/dev/null", "-L", &self.socket, "kill-server"])
            .output();
        let _ = std::fs::remove_file(&self.socket_path);
    }
}

/// Calls `probe` every 50 ms until it returns `Ok`; fails after `limit` with the last `Err` (what
/// was seen instead).
pub fn poll<T>(what: &str, limit: Duration, mut probe: impl FnMut() -> Result<T, String>) -> T {
    let start = Instant::now();
    loop {
        let seen = match probe() {
            Ok(value) => return value,
            Err(seen) => seen,
        };
        assert!(
            start.elapsed() < limit,
            "no {what} after {limit:?}; saw:\n{seen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The body's title line: ` Timer ` and so on, or ` Plan · <date> ` for the Plan tab.
pub fn body_title(screen: &str) -> &str {
    screen.lines().nth(1).unwrap_or("")
}

pub fn shows_tab(title: &'static str) -> impl Fn(&str) -> bool {
    move |screen| body_title(screen).starts_with(&format!("┌ {title} "))
}
