//! A desktop keyring of its own for the keyring tests: a private session bus (dbus-daemon, with a
//! config that activates nothing, so the user's own keyring is never started) and Debian's
//! `gnome-keyring-daemon` on it, its login keyring in a throw-away folder, unlocked with a known
//! password. The bus is polled until the Secret Service owns its name. Dropped, both are killed.

use super::{BOUND, Killed};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Keyring {
    /// The bus's address, for `DBUS_SESSION_BUS_ADDRESS`.
    pub address: String,
    // Killed in this order: the keyring, then the bus.
    daemon: Killed,
    _bus: Killed,
    dir: tempfile::TempDir,
}

/// False (the test is skipped) where dbus-daemon, gnome-keyring or secret-tool is missing; CI
/// must have them.
pub fn available() -> bool {
    let runs = |program: &str, arg: &str| {
        Command::new(program)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let ok = runs("dbus-daemon", "--version")
        && runs("gnome-keyring-daemon", "--version")
        && Command::new("secret-tool").output().is_ok();
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have dbus-daemon, gnome-keyring and libsecret-tools"
        );
        eprintln!("skipped: dbus-daemon, gnome-keyring-daemon or secret-tool missing");
    }
    ok
}

impl Keyring {
    pub fn start() -> Keyring {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["data", "run"] {
            let path = dir.path().join(sub);
            std::fs::create_dir(&path).unwrap();
            let private = std::os::unix::fs::PermissionsExt::from_mode(0o700);
            std::fs::set_permissions(&path, private).unwrap();
        }
        let config = bus_config(dir.path());
        let (bus, address) = super::start_bus_with(&format!("--config-file={}", config.display()));
        let mut daemon = Command::new("gnome-keyring-daemon")
            .args(["--unlock", "--foreground", "--components=secrets"])
            .envs(env(dir.path(), &address))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.path().join("log")).unwrap())
            .spawn()
            .unwrap();
        // The login keyring's password; the daemon reads it up to the end of its stdin.
        let mut stdin = daemon.stdin.take().unwrap();
        stdin.write_all(b"login pass").unwrap();
        drop(stdin);
        let keyring = Keyring {
            address,
            daemon: Killed(daemon),
            _bus: bus,
            dir,
        };
        keyring.wait_until_it_answers();
        keyring
    }

    /// The environment a client of this keyring needs.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        env(self.dir.path(), &self.address)
    }

    fn wait_until_it_answers(&self) {
        let deadline = Instant::now() + BOUND;
        while !super::owned(&self.address, "org.freedesktop.secrets") {
            let log = std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default();
            assert!(
                Instant::now() < deadline,
                "no Secret Service came up: {log}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// What `secret-tool lookup ATTRIBUTES…` finds: an independent client's view.
    pub fn secret_tool_lookup(&self, attributes: &[&str]) -> Option<String> {
        let out = Command::new("secret-tool")
            .arg("lookup")
            .args(attributes)
            .envs(self.env())
            .output()
            .unwrap();
        let found = String::from_utf8(out.stdout).unwrap();
        out.status.success().then_some(found)
    }

    /// How many items `secret-tool search --all ATTRIBUTES…` lists.
    pub fn secret_tool_count(&self, attributes: &[&str]) -> usize {
        let out = Command::new("secret-tool")
            .args(["search", "--all"])
            .args(attributes)
            .envs(self.env())
            .output()
            .unwrap();
        let listed = String::from_utf8_lossy(&out.stdout).into_owned();
        listed.lines().filter(|l| l.starts_with('[')).count()
    }

    /// `secret-tool store --label LABEL ATTRIBUTES…` with `password`, as a rep would.
    pub fn secret_tool_store(&self, label: &str, attributes: &[&str], password: &str) {
        let mut child = Command::new("secret-tool")
            .args(["store", "--label", label])
            .args(attributes)
            .envs(self.env())
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(password.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success());
    }

    /// Locks the login collection, as the desktop does on its own.
    pub fn lock(&self) {
        let out = Command::new("dbus-send")
            .args([
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.secrets",
            ])
            .args([
                "/org/freedesktop/secrets",
                "org.freedesktop.Secret.Service.Lock",
            ])
            .arg("array:objpath:/org/freedesktop/secrets/collection/login")
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
}

/// The bus and its keyring keep everything under `dir`.
fn env(dir: &Path, address: &str) -> Vec<(&'static str, String)> {
    let at = |sub: &str| dir.join(sub).display().to_string();
    vec![
        ("DBUS_SESSION_BUS_ADDRESS", address.to_string()),
        ("HOME", at("")),
        ("XDG_DATA_HOME", at("data")),
        ("XDG_RUNTIME_DIR", at("run")),
    ]
}

/// A session bus that starts no service by itself (no `servicedir`).
fn bus_config(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("bus.conf");
    let text = format!(
        "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n \
         \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n<busconfig>\n\
         <type>session</type>\n<listen>unix:dir={}</listen>\n<auth>EXTERNAL</auth>\n\
         <policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>\
         <allow eavesdrop=\"true\"/><allow own=\"*\"/></policy>\n</busconfig>\n",
        dir.display()
    );
    std::fs::write(&path, text).unwrap();
    path
}
