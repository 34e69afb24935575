//! What both programs do before a verb runs: `protime` and `protime-sync` (the calendar sync,
//! a program of its own so that its network stack is never loaded by `status` or the dashboard)
//! read the same arguments, the same folders and the same clock.

use crate::cli::Cli;
use crate::clock::{Clock, SystemClock, TestClock};
use crate::commands::EXIT_REFUSED;
use crate::paths::Paths;
use chrono::DateTime;
use clap::{CommandFactory, FromArgMatches};
use std::sync::Arc;

/// The arguments, folders and clock a run starts from.
pub struct Start {
    pub cli: Cli,
    pub paths: Paths,
    pub clock: Arc<dyn Clock>,
}

/// Reads the arguments, the folders and the clock; `Err` is the message of a refusal.
pub fn start() -> Result<Start, String> {
    let cli = parse_cli();
    let paths = Paths::resolve(cli.data_dir.clone(), cli.config.clone())?;
    let clock = clock()?;
    Ok(Start { cli, paths, clock })
}

/// The system clock, or the moment `PROTIME_NOW` pins (for tests and for replaying a day).
fn clock() -> Result<Arc<dyn Clock>, String> {
    let Ok(text) = std::env::var("PROTIME_NOW") else {
        return Ok(Arc::new(SystemClock));
    };
    match DateTime::parse_from_rfc3339(&text) {
        Ok(now) => Ok(Arc::new(TestClock::at(now))),
        Err(_) => Err(format!(
            "PROTIME_NOW=\"{text}\" is not a timestamp like 2026-11-26T09:00:00+01:00"
        )),
    }
}

/// `Cli::parse()`, but without freeing clap's tree of commands and flags: the process ends soon
/// after, and freeing it cost as much again as reading the arguments (~0.16 million instructions).
fn parse_cli() -> Cli {
    let mut command = Cli::command();
    let mut matches = command
        .try_get_matches_from_mut(std::env::args_os())
        .unwrap_or_else(|e| exit_refused(e));
    let cli = Cli::from_arg_matches_mut(&mut matches)
        .unwrap_or_else(|e| exit_refused(e.format(&mut command)));
    std::mem::forget(command);
    cli
}

/// A wrong argument is refused input like any other (exit code 1, as README says); `--help` and
/// `--version` still end with 0, and exit code 2 stays for journal problems.
fn exit_refused(e: clap::Error) -> ! {
    if !e.use_stderr() {
        e.exit();
    }
    let _ = e.print();
    std::process::exit(i32::from(EXIT_REFUSED));
}

/// `protime report | head` should end quietly when `head` stops reading, as other Unix tools do,
/// instead of panicking on a broken pipe (Rust ignores SIGPIPE by default).
pub fn restore_default_sigpipe() {
    // SAFETY: resetting a signal to its default disposition before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
