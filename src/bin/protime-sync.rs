//! protime-sync: the calendar sync, a program of its own so that `protime` never loads its
//! network stack (see `protime::sync_link`). `protime sync` becomes this program with the same
//! arguments; the dashboard's `S` starts it with `--dashboard`.

use protime::cli::Command;
use protime::commands::{self, EXIT_REFUSED, fail};
use protime::launch::{self, Start};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Start { cli, paths, clock } = match launch::start() {
        Ok(start) => start,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    match cli.command {
        Some(command @ Command::Sync { dashboard, .. }) => {
            // The dashboard reads the news through a pipe: if it goes away, the sync still ends.
            if !dashboard {
                launch::restore_default_sigpipe();
            }
            commands::dispatch_sync(command, &paths, &clock, cli.json)
        }
        _ => fail(EXIT_REFUSED, protime::sync_link::ONLY_SYNC),
    }
}
