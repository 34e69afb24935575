//! Escape sequences in imported, typed and template text never reach the terminal: every verb's
//! output (tables, CSV, messages, status, template list) and the dashboard go through the one
//! sanitiser. JSON stays exact (it escapes control characters itself).

mod common;

use assert_cmd::Command;

/// Sets the pane title and writes the clipboard in a terminal that obeys OSC 0 and OSC 52; then a
/// C1 CSI and a right-to-left override.
const EVIL: &str = "Evil\u{1b}]0;ACCT-TITLE\u{7}\u{1b}]52;c;QUJD\u{7}\u{9b}31m\u{202E}x";

struct Env {
    cli: common::cli::Cli,
    dir: std::path::PathBuf,
}

impl Env {
    fn new() -> Env {
        let cli = common::cli::Cli::new();
        let dir = cli.dir.path().to_path_buf();
        Env { cli, dir }
    }

    fn cmd(&self) -> Command {
        self.cli.on("2026-11-26T12:00:00+01:00")
    }

    /// Runs protime with `args` and returns everything it wrote, stdout then stderr.
    fn output(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        let mut all = String::from_utf8_lossy(&out.stdout).into_owned();
        all.push_str(&String::from_utf8_lossy(&out.stderr));
        all
    }

    fn write(&self, name: &str, text: &str) -> std::path::PathBuf {
        let path = self.dir.as_path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// A control byte, a C1 control or a bidi override: anything a terminal would obey.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| *c != '\n' && protime::sanitize::is_unsafe(*c))
        .collect()
}

fn assert_clean(what: &str, text: &str) {
    let found = unsafe_chars(text);
    assert!(found.is_empty(), "{what} wrote {found:?}:\n{text}");
    assert!(
        text.contains("Evil"),
        "{what} did not show the text at all:\n{text}"
    );
}

fn evil_crm(env: &Env) -> std::path::PathBuf {
    env.write(
        "evil.csv",
        &format!(
            "Activity ID,Activity type,Activity subject,Activity date,Call duration,Associated Company\n\
             1,CALL,{EVIL} call,2026-11-24 10:00,00:30:00,{EVIL}\n\
             2,CALL,Fine call,2026-11-24 11:00,00:30:00,\"{EVIL}\n",
        ),
    )
}

#[test]
fn import_dry_run_and_its_notes_show_no_escape() {
    let env = Env::new();
    let file = evil_crm(&env);
    let out = env.output(&["import", "crm", file.to_str().unwrap(), "--dry-run"]);
    assert_clean("import --dry-run", &out);
}

#[test]
fn imported_text_is_stored_without_control_characters_and_says_so() {
    let env = Env::new();
    let file = evil_crm(&env);
    let out = env.output(&[
        "import",
        "crm",
        file.to_str().unwrap(),
        "--yes",
        "--unmatched",
        "other",
    ]);
    assert_clean("import --yes", &out);
    assert!(
        out.contains("control or direction-changing characters"),
        "{out}"
    );
    let day =
        std::fs::read_to_string(env.dir.as_path().join("journal/2026/2026-11-24.toml")).unwrap();
    assert!(day.contains("Evil]0;ACCT-TITLE]52;c;QUJD31mx"), "{day}");
    assert!(
        !day.contains("\\u001b") && !day.contains("\\u001B"),
        "{day}"
    );
}

/// Text typed by the rep (or a script) is kept exactly in the journal: it is theirs. Every
/// output still shows it safely.
fn journal_with_typed_evil(env: &Env) {
    let account = format!("--account={EVIL}");
    env.cmd()
        .args(["plan", "add", "09:00-10:00", "proactive", EVIL, &account])
        .assert()
        .success();
    env.cmd()
        .args(["log", "10:00-10:30", "reactive", EVIL, &account])
        .assert()
        .success();
    env.cmd().args(["interrupt", EVIL]).assert().success();
}

#[test]
fn reports_exports_status_and_plan_show_no_escape() {
    let env = Env::new();
    journal_with_typed_evil(&env);
    for args in [
        &["report", "--last", "1d", "--by", "account"][..],
        &[
            "report", "--last", "1d", "--by", "account", "--format", "csv",
        ],
        &["export", "--last", "1d", "--format", "csv"],
        &["status"],
        &["plan", "show"],
    ] {
        assert_clean(&args.join(" "), &env.output(args));
    }
}

#[test]
fn json_stays_exact() {
    let env = Env::new();
    journal_with_typed_evil(&env);
    let out = env.output(&["export", "--last", "1d", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(list[0]["session"]["title"], EVIL);
}

#[test]
fn template_list_shows_no_escape() {
    let env = Env::new();
    let dir = env.dir.as_path().join("config/protime/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("evil\u{1b}]0;T\u{7}.md"), format!("{EVIL}\nbody")).unwrap();
    let out = env.output(&["template", "list"]);
    assert_clean("template list", &out);
}

#[test]
fn a_message_quoting_a_bad_file_shows_no_escape() {
    let env = Env::new();
    let file = env.write("evil.ics", &format!("BEGIN:{EVIL}\n"));
    let out = env.output(&["import", "calendar", file.to_str().unwrap(), "--dry-run"]);
    assert!(unsafe_chars(&out).is_empty(), "{out:?}");
}

#[test]
fn the_dashboard_draws_no_escape() {
    let env = Env::new();
    journal_with_typed_evil(&env);
    let tmp = tempfile::tempdir().unwrap();
    std::fs::rename(
        env.dir.as_path().join("journal"),
        tmp.path().join("journal"),
    )
    .unwrap();
    let h = common::Harness::in_dir(tmp, common::at("2026-11-26T12:00:00+01:00"));
    let screen = h.screen(100, 30);
    assert!(unsafe_chars(&screen).is_empty(), "{screen}");
    assert!(screen.contains("Evil"), "{screen}");
}
