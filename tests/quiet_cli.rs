//! `-q/--quiet` on every verb that writes: nothing on stdout when it works (so a tmux key binding
//! never opens view mode), the same write as without it, and errors still on stderr with their
//! exit code. Verbs that only read have no such flag.

mod common;

use clap::CommandFactory;
use common::cli::Cli;
use std::path::PathBuf;

const DAY: &str = "2026-11-26";

fn at(time: &str) -> String {
    format!("{DAY}T{time}+01:00")
}

/// Runs `args` at `time`; (exit code, stdout, stderr).
fn run(cli: &Cli, time: &str, args: &[&str]) -> (i32, String, String) {
    let out = cli.on(&at(time)).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `args` works and prints something; with `-q` added it works as well and prints nothing.
/// Each runs on its own journal, prepared by `setup`, and both leave the same day file.
fn loud_and_quiet(setup: &dyn Fn(&Cli), time: &str, args: &[&str]) -> (String, String) {
    let mut files = vec![];
    let mut outputs = vec![];
    for quiet in [false, true] {
        let cli = Cli::new();
        setup(&cli);
        let args: Vec<&str> = if quiet {
            [args, &["-q"]].concat()
        } else {
            args.to_vec()
        };
        let (code, out, err) = run(&cli, time, &args);
        assert_eq!(code, 0, "protime {args:?} failed: {err}");
        if quiet {
            assert_eq!(out, "", "protime {args:?} printed on stdout");
        } else {
            assert_ne!(out, "", "protime {args:?} printed nothing without -q");
        }
        files.push(cli.day_file(DAY));
        outputs.push(out);
    }
    assert_eq!(files[0], files[1], "-q changed what {args:?} wrote");
    assert_ne!(files[1], "", "{args:?} wrote nothing");
    (outputs.remove(0), files.remove(0))
}

fn nothing(_: &Cli) {}

fn focus_since_nine(cli: &Cli) {
    cli.run(&at("09:00:00"), &["start", "--category", "pro", "-q"]);
}

fn two_sessions(cli: &Cli) {
    cli.run(
        &at("12:00:00"),
        &["log", "09:00-10:00", "pro", "Calls", "-q"],
    );
    cli.run(&at("12:00:00"), &["log", "10:00-11:00", "re", "ACME", "-q"]);
}

#[test]
fn the_timer_verbs_print_nothing_with_q_and_write_the_same() {
    loud_and_quiet(&nothing, "09:00:00", &["start", "--category", "pro"]);
    loud_and_quiet(&focus_since_nine, "09:10:00", &["pause"]);
    let paused = |cli: &Cli| {
        focus_since_nine(cli);
        cli.run(&at("09:10:00"), &["pause", "--quiet"]);
    };
    loud_and_quiet(&paused, "09:12:00", &["resume"]);
    loud_and_quiet(&focus_since_nine, "09:20:00", &["stop"]);
    loud_and_quiet(&focus_since_nine, "09:20:00", &["stop", "--at", "09:15"]);
    loud_and_quiet(&focus_since_nine, "09:20:00", &["interrupt", "ACME call"]);
    let interrupted = |cli: &Cli| {
        focus_since_nine(cli);
        cli.run(&at("09:10:00"), &["interrupt", "-q"]);
    };
    loud_and_quiet(&interrupted, "09:20:00", &["interrupt"]);
    loud_and_quiet(&interrupted, "09:20:00", &["interrupt", "--at", "09:15"]);
}

#[test]
fn pass_confirms_what_it_logged_or_says_nothing_with_q() {
    let (said, file) = loud_and_quiet(
        &focus_since_nine,
        "10:25:00",
        &["pass", "invoice to finance", "--account", "ACME"],
    );
    assert_eq!(
        said,
        "Passed on: invoice to finance (ACME), logged 10:25 as 1 min reactive\n"
    );
    assert!(file.contains("note = \"passed on\""), "{file}");
    let (said, _) = loud_and_quiet(&nothing, "10:25:00", &["pass", "a price list to Anna"]);
    assert_eq!(
        said,
        "Passed on: a price list to Anna, logged 10:25 as 1 min reactive\n"
    );
    // --json still gives the timer, as every timer verb does.
    let cli = Cli::new();
    focus_since_nine(&cli);
    let json = cli.json(&at("09:20:00"), &["pass", "invoice to finance"]);
    assert_eq!(json["state"], "focus");
}

#[test]
fn plan_park_and_log_print_nothing_with_q() {
    loud_and_quiet(
        &nothing,
        "08:00:00",
        &["plan", "add", "09:00-10:00", "pro", "Prospecting"],
    );
    let (said, _) = loud_and_quiet(&nothing, "08:00:00", &["park", "reply Anna re pricing"]);
    assert!(said.contains("parked"), "{said}");
    loud_and_quiet(
        &nothing,
        "12:00:00",
        &["log", "09:00-09:40", "re", "ACME outage"],
    );
}

#[test]
fn the_correction_verbs_print_nothing_with_q() {
    loud_and_quiet(&two_sessions, "12:00:00", &["edit", "s2", "--note", "x"]);
    loud_and_quiet(&two_sessions, "12:00:00", &["split", "s1", "09:30"]);
    loud_and_quiet(&two_sessions, "12:00:00", &["join", "s1", "s2"]);
    loud_and_quiet(&two_sessions, "12:00:00", &["delete", "s2"]);
}

#[test]
fn q_prints_nothing_even_with_json() {
    let cli = Cli::new();
    for args in [
        &["--json", "start", "--category", "pro", "-q"][..],
        &["--json", "plan", "add", "11:00-12:00", "re", "Queue", "-q"],
        &["--json", "log", "08:00-08:30", "oth", "Admin", "-q"],
        &["--json", "park", "reply Bob", "-q"],
    ] {
        let (code, out, err) = run(&cli, "09:00:00", args);
        assert_eq!((code, out.as_str()), (0, ""), "{args:?}: {err}");
    }
    // Without -q --json is as it was.
    let json = cli.json(&at("09:05:00"), &["pause"]);
    assert_eq!(json["state"], "paused");
}

#[test]
fn errors_still_reach_stderr_with_their_exit_code() {
    let cli = Cli::new();
    for (args, says) in [
        (&["stop", "-q"][..], "no timer is running"),
        (&["pause", "-q"], "no timer"),
        (&["start", "-q"], "no block is planned for now"),
        (&["start", "--category", "urgent", "-q"], "unknown category"),
        (&["pass", " ", "-q"], "say what you passed on"),
        (&["park", " ", "-q"], ""),
        (&["log", "09:00-08:00", "re", "x", "-q"], "before the start"),
        (
            &["plan", "add", "25:00-26:00", "re", "x", "-q"],
            "is not a time",
        ),
        (
            &["edit", "s9", "--note", "x", "-q"],
            "there is no session s9",
        ),
        (&["interrupt", "--at", "23:00", "-q"], "still to come"),
        (&["stop", "--nonsense", "-q"], "--nonsense"),
    ] {
        let (code, out, err) = run(&cli, "09:00:00", args);
        assert_eq!(code, 1, "protime {args:?}: {err}");
        assert_eq!(out, "", "protime {args:?} printed on stdout");
        assert!(err.contains(says) && !err.is_empty(), "{args:?}: {err}");
    }
    assert_eq!(cli.day_file(DAY), "", "a refused verb wrote");

    // A journal problem is exit code 2, quiet or not.
    let file = cli.dir.path().join("journal/2026/2026-11-26.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "schema = 1\ndate = \"2026-11-26\"\n[[block]\nid = ").unwrap();
    for args in [
        &["start", "--category", "pro", "-q"][..],
        &["park", "x", "-q"],
    ] {
        let (code, out, err) = run(&cli, "09:00:00", args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}: {err}");
        assert!(err.contains("2026-11-26.toml"), "{args:?}: {err}");
    }
}

#[test]
fn template_new_and_generate_print_nothing_with_q() {
    let cli = Cli::new();
    let (code, out, err) = {
        let o = cli
            .on(&at("09:00:00"))
            .env("EDITOR", "true")
            .args(["template", "new", "pricing", "-q"])
            .output()
            .unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (o.status.code(), text(&o.stdout), text(&o.stderr))
    };
    assert_eq!((code, out.as_str()), (Some(0), ""), "{err}");
    let template = cli.dir.path().join("config/protime/templates/pricing.md");
    assert!(template.exists(), "{}", template.display());
    let (code, out, err) = run(
        &cli,
        "09:00:00",
        &["generate", "--days", "3", "--end", "2026-11-20", "-q"],
    );
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert_ne!(cli.day_file("2026-11-20"), "");
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

#[test]
fn import_with_yes_and_q_writes_quietly_and_q_alone_is_refused() {
    let ics = fixture("google.ics");
    let ics = ics.to_str().unwrap();
    let cli = Cli::new();
    let (code, out, err) = run(
        &cli,
        "12:00:00",
        &["import", "calendar", ics, "--yes", "-q"],
    );
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let journal = cli.dir.path().join("journal");
    let written = walk(&journal);
    assert!(
        written.iter().any(|t| t.contains("kind = \"imported\"")),
        "nothing imported"
    );
    // Without a terminal and without --yes nothing would be written and nothing shown.
    let other = Cli::new();
    let (code, out, err) = run(&other, "12:00:00", &["import", "calendar", ics, "-q"]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(err.contains("--yes"), "{err}");
    let (code, _, err) = run(
        &other,
        "12:00:00",
        &["import", "calendar", ics, "--dry-run", "-q"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(walk(&other.dir.path().join("journal")).is_empty());
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut texts = vec![];
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            texts.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            texts.push(std::fs::read_to_string(path).unwrap());
        }
    }
    texts
}

/// The verbs that write, as `protime` spells them.
const WRITING: &[&str] = &[
    "plan add",
    "start",
    "pause",
    "resume",
    "stop",
    "interrupt",
    "pass",
    "park",
    "template new",
    "log",
    "edit",
    "split",
    "join",
    "delete",
    "off",
    "import calendar",
    "import crm",
    "generate",
    "sync",
];

/// Every leaf verb with its full name ("plan add").
fn verbs(command: &clap::Command, prefix: &str) -> Vec<(String, clap::Command)> {
    let mut found = vec![];
    for sub in command.get_subcommands() {
        let name = format!("{prefix}{}", sub.get_name()).trim().to_string();
        if sub.has_subcommands() {
            found.extend(verbs(sub, &format!("{name} ")));
        } else {
            found.push((name, sub.clone()));
        }
    }
    found
}

#[test]
fn exactly_the_verbs_that_write_take_q() {
    // Built first: the verbs' flags are added only when clap builds the tree (deferred).
    let mut cli = protime::cli::Cli::command();
    cli.build();
    let all = verbs(&cli, "");
    for (name, verb) in &all {
        let quiet = verb
            .get_arguments()
            .find(|a| a.get_id() == "quiet")
            .map(|a| (a.get_short(), a.get_long()));
        let writes = WRITING.contains(&name.as_str());
        let expected = writes.then_some((Some('q'), Some("quiet")));
        assert_eq!(quiet, expected, "`protime {name}`: -q/--quiet");
    }
    for name in WRITING {
        assert!(all.iter().any(|(n, _)| n == name), "no verb {name}");
    }
}
