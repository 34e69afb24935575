use clap::Parser;
use protime::cli::{Cli, Command, ConfigCommand, PlanCommand};
use protime::clock::{Clock, SystemClock};
use protime::commands::{self, EXIT_REFUSED, fail};
use protime::config::Config;
use protime::journal::Journal;
use protime::paths::Paths;
use std::process::ExitCode;
use std::sync::Arc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let paths = match Paths::resolve(cli.data_dir.clone(), cli.config.clone()) {
        Ok(p) => p,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let journal = Journal::new(paths.journal_dir());
    let today = clock.now().date_naive();
    match cli.command {
        Some(Command::Config(ConfigCommand::Path)) => commands::config_cmd::path(&paths),
        Some(Command::Config(ConfigCommand::Check)) => commands::config_cmd::check(&paths),
        Some(Command::Plan(PlanCommand::Add {
            range,
            category,
            title,
            date,
            account,
            objective,
        })) => {
            let args = commands::plan::AddArgs {
                range: &range,
                category: &category,
                title: &title,
                date: date.as_deref(),
                account: account.as_deref(),
                objective: objective.as_deref(),
            };
            commands::plan::add(&journal, today, args)
        }
        Some(Command::Plan(PlanCommand::Show { date })) => {
            commands::plan::show(&journal, today, date.as_deref())
        }
        Some(Command::Generate { days, end, seed }) => {
            commands::generate::run(&journal, days, &end, seed, *clock.now().offset())
        }
        Some(Command::DebugSaveLoop { date, tag, count }) => {
            commands::stress::save_loop(&journal, &date, &tag, count)
        }
        None => run_tui(&paths, clock),
    }
}

fn run_tui(paths: &Paths, clock: Arc<dyn Clock>) -> ExitCode {
    let config = match Config::load(&paths.config_file, paths.config_explicit) {
        Ok(c) => c,
        Err(e) => {
            return fail(
                EXIT_REFUSED,
                format!("{e}\nFix the file (see `protime config check`) and start again."),
            );
        }
    };
    if let Err(e) = color_eyre::install() {
        eprintln!("protime: could not install the error reporter: {e}");
    }
    match protime::tui::run(paths, config, clock) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(commands::EXIT_JOURNAL, format!("{e:?}")),
    }
}
