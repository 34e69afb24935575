//! The CalDAV password from the desktop keyring: a real Secret Service (Debian's
//! gnome-keyring-daemon on a private session bus, see `bus/keyring.rs`), checked with an
//! independent client (libsecret's `secret-tool`), and a real CalDAV server (Radicale).

mod bus;
mod common;

use bus::keyring::{self, Keyring};
use common::cli::Cli;
use common::radicale::{PASSWORD, Radicale, USER};
use std::process::Output;
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-30T08:00:00+01:00";

/// `protime sync ARGS` with `stdin`, its password only from `keyring` (`None`: no bus at all).
fn sync(cli: &Cli, keyring: Option<&Keyring>, stdin: &str, args: &[&str]) -> Output {
    let mut cmd = cli.on(NOW);
    cmd.env_remove("PROTIME_CALDAV_PASSWORD");
    match keyring {
        Some(keyring) => cmd.envs(keyring.env()),
        None => cmd.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus"),
    };
    cmd.arg("sync").args(args).write_stdin(stdin);
    cmd.output().unwrap()
}

fn save(cli: &Cli, keyring: Option<&Keyring>, password: &str) -> Output {
    sync(cli, keyring, &format!("{password}\n"), &["--save-password"])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What a command that worked printed.
fn worked(out: Output) -> String {
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// What a command that was refused (exit code 1) printed on stderr.
fn refused(out: Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    text(&out.stderr)
}

/// A keyring, a CalDAV server and protime set up for it; `None` (skipped) without a keyring.
fn set_up() -> Option<(Keyring, Radicale, Cli)> {
    if !keyring::available() {
        return None;
    }
    let server = Radicale::start();
    let cli = server.client();
    Some((Keyring::start(), server, cli))
}

/// `secret-tool`'s attributes for the server's calendar, as the README gives them.
fn attributes(server: &Radicale) -> [String; 6] {
    ["service", "protime", "url", &server.url(), "user", USER].map(String::from)
}

fn lookup(keyring: &Keyring, server: &Radicale) -> Option<String> {
    let attributes = attributes(server);
    keyring.secret_tool_lookup(&attributes.each_ref().map(String::as_str))
}

#[test]
fn save_password_stores_it_for_secret_tool_and_sync_reads_it() {
    let Some((keyring, server, cli)) = set_up() else {
        return;
    };
    let said = worked(save(&cli, Some(&keyring), "an old one"));
    assert!(
        said.contains("Stored in your keyring, collection \"Login\"")
            && said.contains(&format!("protime CalDAV: {USER} at {}", server.url())),
        "{said}"
    );
    assert!(server.events().is_empty(), "--save-password does not sync");
    assert_eq!(lookup(&keyring, &server).as_deref(), Some("an old one"));

    worked(save(&cli, Some(&keyring), PASSWORD));
    assert_eq!(lookup(&keyring, &server).as_deref(), Some(PASSWORD));
    assert!(worked(sync(&cli, Some(&keyring), "", &[])).contains("Synced with"));
}

#[test]
fn the_environment_wins_over_the_keyring_whose_wrong_password_is_refused() {
    let Some((keyring, server, cli)) = set_up() else {
        return;
    };
    let attributes = attributes(&server);
    let attributes = attributes.each_ref().map(String::as_str);
    keyring.secret_tool_store("protime CalDAV", &attributes, "wrong");

    let err = refused(sync(&cli, Some(&keyring), "", &[]));
    assert!(
        err.contains("refused the user \"anna\"") && err.contains("--save-password"),
        "{err}"
    );

    let mut cmd = cli.on(NOW);
    cmd.envs(keyring.env())
        .env("PROTIME_CALDAV_PASSWORD", PASSWORD)
        .arg("sync");
    worked(cmd.output().unwrap());

    // --save-password replaces the item secret-tool made, though its attributes differ.
    worked(save(&cli, Some(&keyring), PASSWORD));
    assert_eq!(keyring.secret_tool_count(&attributes), 1);
    worked(sync(&cli, Some(&keyring), "", &[]));
}

#[test]
fn no_password_anywhere_says_both_ways_to_give_one() {
    let Some((keyring, server, cli)) = set_up() else {
        return;
    };
    let err = refused(sync(&cli, Some(&keyring), "", &[]));
    assert!(
        err.contains(&format!("no password for \"anna\" on {}.", server.url()))
            && err.contains("set the environment variable PROTIME_CALDAV_PASSWORD")
            && err.contains("protime sync --save-password")
            && err.contains("secret-tool store"),
        "{err}"
    );

    let err = refused(sync(&cli, None, "", &[]));
    assert!(
        err.contains("the keyring could not be asked: no session bus")
            && err.contains("--save-password"),
        "{err}"
    );
    let err = refused(save(&cli, None, PASSWORD));
    let why = "could not store the password in your keyring: no session bus";
    assert!(err.contains(why), "{err}");
}

#[test]
fn a_locked_keyring_is_said_at_once_without_a_prompt() {
    let Some((keyring, _server, cli)) = set_up() else {
        return;
    };
    worked(save(&cli, Some(&keyring), PASSWORD));
    keyring.lock();
    for stdin in ["", "another\n"] {
        let args: &[&str] = match stdin {
            "" => &[],
            _ => &["--save-password"],
        };
        let start = Instant::now();
        let err = refused(sync(&cli, Some(&keyring), stdin, args));
        assert!(start.elapsed() < Duration::from_secs(10));
        assert!(
            err.contains("your keyring is locked")
                && err.contains("log in to the desktop")
                && err.contains("PROTIME_CALDAV_PASSWORD"),
            "{err}"
        );
    }
}

#[test]
fn save_password_needs_a_calendar() {
    let cli = Cli::new();
    let err = refused(save(&cli, None, PASSWORD));
    assert!(err.contains("no CalDAV calendar is set up"), "{err}");
}
