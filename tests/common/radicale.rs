//! A real CalDAV server for the sync tests: Debian's `radicale`, on 127.0.0.1 on a free port,
//! with a throw-away storage folder and one htpasswd user (anna, plain password), polled until it
//! answers. Dropped, it is killed.

use base64::Engine;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const USER: &str = "anna";
pub const PASSWORD: &str = "s3cret pass";
/// The calendar collection's path on the server.
pub const CALENDAR: &str = "/anna/work/";

pub struct Radicale {
    pub dir: tempfile::TempDir,
    pub port: u16,
    child: Option<Child>,
}

impl Radicale {
    pub fn start() -> Radicale {
        Radicale::start_with_hook("")
    }

    /// A server whose storage runs `hook` (a shell command, in the storage folder) after each
    /// change, while the request that made it still waits for its answer.
    pub fn start_with_hook(hook: &str) -> Radicale {
        let dir = tempfile::tempdir().unwrap();
        let calendar = dir.path().join("storage/collection-root/anna/work");
        std::fs::create_dir_all(&calendar).unwrap();
        std::fs::write(calendar.join(".Radicale.props"), r#"{"tag": "VCALENDAR"}"#).unwrap();
        std::fs::write(dir.path().join("users"), format!("{USER}:{PASSWORD}\n")).unwrap();
        let port = free_port();
        let mut server = Radicale {
            dir,
            port,
            child: None,
        };
        server.run(hook);
        server
    }

    /// Starts the server on its storage and port again, without a hook.
    pub fn restart(&mut self) {
        self.kill();
        self.run("");
    }

    fn run(&mut self, hook: &str) {
        let dir = self.dir.path();
        let config = format!(
            "[server]\nhosts = 127.0.0.1:{port}\n[auth]\ntype = htpasswd\nhtpasswd_filename = {users}\n\
             htpasswd_encryption = plain\n[rights]\ntype = owner_only\n[storage]\n\
             filesystem_folder = {storage}\nhook = {hook}\n[logging]\nlevel = warning\n",
            port = self.port,
            users = dir.join("users").display(),
            storage = dir.join("storage").display(),
        );
        std::fs::write(dir.join("config"), config).unwrap();
        let child = Command::new("radicale")
            .args(["--config", dir.join("config").to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join("log")).unwrap())
            .spawn()
            .expect("radicale runs (apt-get install radicale; .ci/run installs it)");
        self.child = Some(child);
        self.wait_until_it_answers();
    }

    fn wait_until_it_answers(&mut self) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!("radicale exited ({status}): {}", self.log());
            }
            if self.request("OPTIONS", "/", "").is_some() {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "radicale never answered: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }

    /// Kills the server at once (SIGKILL) and waits for it.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Whether the server process has exited by itself (a hook killed it) within 10 s.
    pub fn has_exited(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            match self.child.as_mut().map(|c| c.try_wait()) {
                None | Some(Ok(Some(_))) => return true,
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
        false
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}{CALENDAR}", self.port)
    }

    /// `[calendar.caldav]` for this server.
    pub fn config(&self) -> String {
        format!(
            "[calendar.caldav]\nurl = \"{}\"\nuser = \"{USER}\"\n",
            self.url()
        )
    }

    /// protime on a temp journal whose config syncs with this server.
    pub fn client(&self) -> super::cli::Cli {
        let cli = super::cli::Cli::new();
        let config = cli.dir.path().join("config/protime");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(config.join("config.toml"), self.config()).unwrap();
        cli
    }

    /// The folder holding the calendar's events, one file each.
    pub fn calendar_dir(&self) -> PathBuf {
        self.dir.path().join("storage/collection-root/anna/work")
    }

    /// Each event's text, by file name (`UID.ics` for the ones protime made).
    pub fn events(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = std::fs::read_dir(self.calendar_dir())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".ics"))
            .map(|name| {
                let text = std::fs::read_to_string(self.calendar_dir().join(&name)).unwrap();
                (name, text)
            })
            .collect();
        out.sort();
        out
    }

    /// The text of the event whose file name starts with `prefix`.
    pub fn event(&self, prefix: &str) -> Option<String> {
        let events = self.events().into_iter();
        events
            .filter(|(n, _)| n.starts_with(prefix))
            .map(|(_, t)| t)
            .next()
    }

    /// Another client writes `text` at `name` in the calendar (no ETag check). The status.
    pub fn put(&self, name: &str, text: &str) -> u16 {
        self.request("PUT", &format!("{CALENDAR}{name}"), text)
            .unwrap()
    }

    /// Another client books "Demo with Initech" (`demo-1.ics`) on 30 Nov 2026, 10:00–11:00 UTC.
    pub fn book_demo(&self) {
        let demo = meeting(
            "demo-1@example.com",
            "20261130T100000Z",
            "20261130T110000Z",
            "Demo with Initech",
        );
        assert_eq!(self.put("demo-1.ics", &demo), 201);
    }

    /// Another client deletes `name`. The status.
    pub fn delete(&self, name: &str) -> u16 {
        self.request("DELETE", &format!("{CALENDAR}{name}"), "")
            .unwrap()
    }

    /// One HTTP/1.1 request as anna; the status, or `None` when nothing answered.
    fn request(&self, method: &str, path: &str, body: &str) -> Option<u16> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .ok()?;
        let auth = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAuthorization: Basic {auth}\r\n\
             Content-Type: text/calendar\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.port,
            body.len()
        );
        stream.write_all(head.as_bytes()).ok()?;
        stream.write_all(body.as_bytes()).ok()?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer).ok()?;
        answer.split_whitespace().nth(1)?.parse().ok()
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A calendar event another client made, in UTC times like `20261130T100000Z`.
pub fn meeting(uid: &str, start: &str, end: &str, title: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n\
         DTSTAMP:20261129T100000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:{title}\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

/// `event` with its times moved, as another calendar client would save it.
pub fn moved(event: &str, start: &str, end: &str) -> String {
    event
        .lines()
        .map(|l| match l {
            l if l.starts_with("DTSTART") => format!("DTSTART:{start}"),
            l if l.starts_with("DTEND") => format!("DTEND:{end}"),
            l => l.trim_end_matches('\r').to_string(),
        })
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}
