//! Headless entry points: each prints and returns an exit code.

pub mod config_cmd;
pub mod generate;
pub mod import_cmd;
pub mod inbox_cmd;
pub mod period;
pub mod plan;
pub mod report;
pub mod status;
pub mod stress;
pub mod timer_cmd;

use crate::cli::{Cli, Command, ConfigCommand, ImportCommand, PlanCommand, TemplateCommand};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::timer::TimerOp;
use crate::journal::Journal;
use crate::paths::Paths;
use clap::CommandFactory;
use std::process::ExitCode;

/// Runs one command-line verb.
pub fn dispatch(
    command: Command,
    paths: &Paths,
    clock: &std::sync::Arc<dyn Clock>,
    json: bool,
) -> ExitCode {
    let journal = Journal::new(paths.journal_dir());
    let now = clock.now();
    let today = now.date_naive();
    let config = || Config::load(&paths.config_file, paths.config_explicit);
    let timer = |op: TimerOp| match config() {
        Ok(c) => timer_cmd::run(&journal, &c, (now, &clock.zone()), op, json),
        Err(e) => fail(EXIT_REFUSED, e),
    };
    match command {
        Command::Config(ConfigCommand::Path) => config_cmd::path(paths),
        Command::Config(ConfigCommand::Check) => config_cmd::check(paths),
        Command::Plan(PlanCommand::Add {
            range,
            category,
            title,
            date,
            account,
            objective,
        }) => {
            let args = plan::AddArgs {
                range: &range,
                category: &category,
                title: &title,
                date: date.as_deref(),
                account: account.as_deref(),
                objective: objective.as_deref(),
            };
            plan::add(&journal, today, args)
        }
        Command::Plan(PlanCommand::Show { date }) => plan::show(&journal, today, date.as_deref()),
        Command::Start {
            block,
            category,
            title,
        } => match config() {
            Ok(c) => {
                let args = timer_cmd::StartArgs {
                    block: block.as_deref(),
                    category: category.as_deref(),
                    title: title.as_deref(),
                };
                timer_cmd::start(&journal, &c, (now, &clock.zone()), args, json)
            }
            Err(e) => fail(EXIT_REFUSED, e),
        },
        Command::Pause => timer(TimerOp::Pause),
        Command::Resume => timer(TimerOp::Resume),
        Command::Stop => timer(TimerOp::Stop),
        Command::Interrupt { who } => timer(TimerOp::Interrupt(who)),
        Command::Pass { what } => timer(TimerOp::PassOn(what)),
        Command::Park { text } => inbox_cmd::park(&journal, now, &text, json),
        Command::Template(TemplateCommand::List) => inbox_cmd::list(paths),
        Command::Template(TemplateCommand::New { name }) => inbox_cmd::new(paths, &name),
        Command::Log {
            range,
            category,
            title,
            account,
            date,
        } => {
            let args = timer_cmd::LogArgs {
                range: &range,
                category: &category,
                title: &title,
                account: account.as_deref(),
                date: date.as_deref(),
            };
            timer_cmd::log(&journal, now, &clock.zone(), args, json)
        }
        Command::Status { format } => match config() {
            Ok(c) => status::run(&journal, &c, (now, &clock.zone()), &format, json),
            Err(e) => fail(EXIT_REFUSED, e),
        },
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "protime",
                &mut std::io::stdout(),
            );
            ExitCode::from(EXIT_OK)
        }
        Command::Report { period, by, format } => match config() {
            Ok(c) => report::run(&journal, &c, now, &clock.zone(), &period, by, format),
            Err(e) => fail(EXIT_REFUSED, e),
        },
        Command::Import(what) => match config() {
            Ok(c) => {
                let (source, args) = match what {
                    ImportCommand::Calendar(a) => (crate::import::job::Source::Calendar, a),
                    ImportCommand::Crm(a) => (crate::import::job::Source::Crm, a),
                };
                let screen = import_cmd::Screen {
                    crash_dir: paths.crash_dir(),
                    clock: clock.clone(),
                };
                import_cmd::run(&journal, &c, now, source, &args, json, screen)
            }
            Err(e) => fail(EXIT_REFUSED, e),
        },
        Command::Export { period, format } => report::export(&journal, now, &period, format),
        Command::Review { .. } => fail(
            EXIT_REFUSED,
            "`protime review` opens the dashboard; run it in a terminal",
        ),
        Command::DebugSaveLoop { date, tag, count } => {
            stress::save_loop(&journal, &date, &tag, count)
        }
        Command::Generate { days, end, seed } => {
            generate::run(&journal, days, &end, seed, *now.offset())
        }
    }
}

/// Exit codes every command shares (documented in README).
pub const EXIT_OK: u8 = 0;
pub const EXIT_REFUSED: u8 = 1;
pub const EXIT_JOURNAL: u8 = 2;

/// Prints `message` to stderr and returns `code`.
pub fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    use std::io::Write;
    // A closed terminal (the pane went away) must not turn an exit into a panic.
    let _ = writeln!(std::io::stderr(), "protime: {message}");
    ExitCode::from(code)
}

/// Reads a `YYYY-MM-DD` date a person typed.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    let bad = || format!("\"{text}\" is not a date: write it as YYYY-MM-DD, like 2026-11-26");
    if !has_four_digit_year(text) {
        return Err(bad());
    }
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| bad())
}

/// chrono reads "26-11" as the year 26; a person means 2026 and must write it so.
fn has_four_digit_year(text: &str) -> bool {
    let t = text.trim().as_bytes();
    t.len() > 4 && t[..4].iter().all(u8::is_ascii_digit) && t[4] == b'-'
}
