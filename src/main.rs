use protime::cli::Command;
use protime::clock::Clock;
use protime::commands::{self, EXIT_JOURNAL, EXIT_REFUSED, fail};
use protime::config::Config;
use protime::launch::{self, Start};
use protime::paths::Paths;
use protime::tui::Opening;
use std::process::ExitCode;
use std::sync::Arc;

fn main() -> ExitCode {
    let Start { cli, paths, clock } = match launch::start() {
        Ok(start) => start,
        Err(message) => return fail(EXIT_REFUSED, message),
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
            launch::restore_default_sigpipe();
            commands::dispatch(command, &paths, &clock, cli.json)
        }
        None => run_tui(&paths, clock, Opening::dashboard(&paths)),
    }
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
