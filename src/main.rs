use chrono::DateTime;
use clap::{CommandFactory, FromArgMatches};
use protime::cli::{Cli, Command};
use protime::clock::{Clock, SystemClock, TestClock};
use protime::commands::{self, EXIT_JOURNAL, EXIT_REFUSED, fail};
use protime::config::Config;
use protime::paths::Paths;
use protime::tui::Opening;
use std::process::ExitCode;
use std::sync::Arc;

fn main() -> ExitCode {
    let cli = parse_cli();
    let paths = match Paths::resolve(cli.data_dir.clone(), cli.config.clone()) {
        Ok(p) => p,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let clock: Arc<dyn Clock> = match std::env::var("PROTIME_NOW") {
        // Pins "now" for tests and for replaying a day; see README.
        Ok(text) => match DateTime::parse_from_rfc3339(&text) {
            Ok(now) => Arc::new(TestClock::at(now)),
            Err(_) => {
                return fail(
                    EXIT_REFUSED,
                    format!(
                        "PROTIME_NOW=\"{text}\" is not a timestamp like 2026-11-26T09:00:00+01:00"
                    ),
                );
            }
        },
        Err(_) => Arc::new(SystemClock),
    };
    if cli.demo {
        return run_demo(clock);
    }
    match cli.command {
        Some(Command::Review { date }) => {
            let today = clock.now().date_naive();
            let date = date.as_deref().map(commands::parse_date).transpose();
            match date {
                Ok(Some(d)) if d > today => fail(
                    EXIT_REFUSED,
                    format!("{d} has not happened yet: review today or an earlier day"),
                ),
                Ok(date) => run_tui(&paths, clock, Opening::review(date)),
                Err(message) => fail(EXIT_REFUSED, message),
            }
        }
        Some(command) => {
            restore_default_sigpipe();
            commands::dispatch(command, &paths, &clock, cli.json)
        }
        None => run_tui(&paths, clock, Opening::dashboard(&paths)),
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

/// `protime --demo`: a generated recent month in a temporary folder, removed on exit.
fn run_demo(clock: Arc<dyn Clock>) -> ExitCode {
    let dir = match tempfile::Builder::new().prefix("protime-demo-").tempdir() {
        Ok(d) => d,
        Err(e) => {
            return fail(
                EXIT_JOURNAL,
                format!("could not make a folder for the demo: {e}"),
            );
        }
    };
    let paths = Paths {
        data_dir: dir.path().to_path_buf(),
        config_file: dir.path().join("config.toml"),
        config_explicit: true,
    };
    if let Err(e) = protime::synth::write_demo(&paths, clock.now()) {
        return fail(EXIT_JOURNAL, e);
    }
    run_tui(&paths, clock, Opening::default())
}

fn run_tui(paths: &Paths, clock: Arc<dyn Clock>, opening: Opening) -> ExitCode {
    use std::io::IsTerminal;
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return fail(
            EXIT_REFUSED,
            "the dashboard needs a terminal, and this input or output is not one: run protime in \
             a terminal, or use a command such as `protime status` or `protime report` (see \
             `protime --help`)",
        );
    }
    let config = match Config::load(&paths.config_file, paths.config_explicit) {
        Ok(c) => c,
        Err(e) => {
            return fail(
                EXIT_REFUSED,
                format!("{e}\nFix the file (see `protime config check`) and start again."),
            );
        }
    };
    match protime::tui::run(paths, config, clock, opening) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(EXIT_JOURNAL, e),
    }
}

/// `protime report | head` should end quietly when `head` stops reading, as other Unix tools do,
/// instead of panicking on a broken pipe (Rust ignores SIGPIPE by default).
fn restore_default_sigpipe() {
    // SAFETY: resetting a signal to its default disposition before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
