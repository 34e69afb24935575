//! The CalDAV password from the desktop keyring: a real Secret Service (Debian's
//! gnome-keyring-daemon on a private session bus, see `common/keyring.rs`), checked with an
//! independent client (libsecret's `secret-tool`), and a real CalDAV server (Radicale).

mod common;

use common::cli::Cli;
use common::keyring::{self, Keyring};
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
    if !keyring::available() {
        return;
    }
    let (keyring, server) = (Keyring::start(), Radicale::start());
    let cli = server.client();
    let out = save(&cli, Some(&keyring), "an old one");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("Stored in your keyring, collection \"Login\"")
            && said.contains(&format!("protime CalDAV: {USER} at {}", server.url())),
        "{said}"
    );
    assert!(server.events().is_empty(), "--save-password does not sync");
    assert_eq!(lookup(&keyring, &server).as_deref(), Some("an old one"));

    let out = save(&cli, Some(&keyring), PASSWORD);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(lookup(&keyring, &server).as_deref(), Some(PASSWORD));

    let out = sync(&cli, Some(&keyring), "", &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Synced with"));
}

#[test]
fn the_environment_wins_over_the_keyring_whose_wrong_password_is_refused() {
    if !keyring::available() {
        return;
    }
    let (keyring, server) = (Keyring::start(), Radicale::start());
    let cli = server.client();
    let attributes = attributes(&server);
    let attributes = attributes.each_ref().map(String::as_str);
    keyring.secret_tool_store("protime CalDAV", &attributes, "wrong");

    let out = sync(&cli, Some(&keyring), "", &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("refused the user \"anna\"") && err.contains("--save-password"),
        "{err}"
    );

    let mut cmd = cli.on(NOW);
    cmd.envs(keyring.env())
        .env("PROTIME_CALDAV_PASSWORD", PASSWORD)
        .arg("sync");
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));

    // --save-password replaces the item secret-tool made, though its attributes differ.
    let out = save(&cli, Some(&keyring), PASSWORD);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(keyring.secret_tool_count(&attributes), 1);
    assert!(sync(&cli, Some(&keyring), "", &[]).status.success());
}

#[test]
fn no_password_anywhere_says_both_ways_to_give_one() {
    if !keyring::available() {
        return;
    }
    let (keyring, server) = (Keyring::start(), Radicale::start());
    let cli = server.client();
    let out = sync(&cli, Some(&keyring), "", &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!("no password for \"anna\" on {}.", server.url()))
            && err.contains("set the environment variable PROTIME_CALDAV_PASSWORD")
            && err.contains("protime sync --save-password")
            && err.contains("secret-tool store"),
        "{err}"
    );

    let out = sync(&cli, None, "", &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("the keyring could not be asked: no session bus")
            && err.contains("--save-password"),
        "{err}"
    );
    let out = save(&cli, None, PASSWORD);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("could not store the password in your keyring: no session bus"),
        "{err}"
    );
}

#[test]
fn a_locked_keyring_is_said_at_once_without_a_prompt() {
    if !keyring::available() {
        return;
    }
    let (keyring, server) = (Keyring::start(), Radicale::start());
    let cli = server.client();
    assert!(save(&cli, Some(&keyring), PASSWORD).status.success());
    keyring.lock();
    for stdin in ["", "another\n"] {
        let args: &[&str] = match stdin {
            "" => &[],
            _ => &["--save-password"],
        };
        let start = Instant::now();
        let out = sync(&cli, Some(&keyring), stdin, args);
        assert!(start.elapsed() < Duration::from_secs(10));
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
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
    let out = save(&cli, None, PASSWORD);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("no CalDAV calendar is set up"), "{err}");
}
