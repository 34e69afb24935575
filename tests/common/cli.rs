//! The real binary on a temp journal, at any pinned instant.

use assert_cmd::Command;

pub struct Cli {
    pub dir: tempfile::TempDir,
}

impl Default for Cli {
    fn default() -> Self {
        Cli::new()
    }
}

impl Cli {
    pub fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// protime at `when`, an RFC 3339 instant.
    pub fn on(&self, when: &str) -> Command {
        let mut cmd = Command::cargo_bin("protime").unwrap();
        cmd.env("PROTIME_DATA_DIR", self.dir.path())
            .env("PROTIME_NOW", when)
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env_remove("NO_COLOR");
        cmd
    }

    /// Runs protime at `when` with `args`; stdout and stderr, after checking it succeeded.
    pub fn run(&self, when: &str, args: &[&str]) -> (String, String) {
        let out = self.on(when).args(args).assert().success();
        let out = out.get_output();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Runs protime with `--json` and parses what it printed.
    pub fn json(&self, when: &str, args: &[&str]) -> serde_json::Value {
        let (out, _) = self.run(when, &[&["--json"], args].concat());
        serde_json::from_str(&out).unwrap()
    }

    /// A day file's text ("" when it has none).
    /// The journal the binary writes, to read or edit it as the dashboard would.
    pub fn journal(&self) -> protime::journal::Journal {
        protime::journal::Journal::new(self.dir.path().join("journal"))
    }

    pub fn day_file(&self, date: &str) -> String {
        let path = self
            .dir
            .path()
            .join(format!("journal/{}/{date}.toml", &date[..4]));
        std::fs::read_to_string(path).unwrap_or_default()
    }
}
