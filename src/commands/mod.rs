//! Headless entry points: each prints and returns an exit code.

pub mod config_cmd;
pub mod correct_cmd;
pub mod crm_tiers;
pub mod export_plan;
pub mod generate;
pub mod import_cmd;
pub mod inbox_cmd;
pub mod man;
pub mod off_cmd;
pub mod period;
pub mod plan;
pub mod plan_import;
pub mod report;
pub mod report_html;
pub mod status;
pub mod stress;
mod svg;
pub mod sync_cmd;
pub mod timer_cmd;

use crate::cli::{
    By, Cli, Command, ConfigCommand, ExportFormat, ImportCommand, PeriodArgs, PlanCommand,
    ReportFormat, TemplateCommand,
};
use crate::clock::{Clock, Zone};
use crate::config::Config;
use crate::domain::timer::TimerOp;
use crate::journal::Journal;
use crate::paths::Paths;
use chrono::{DateTime, FixedOffset};
use clap::CommandFactory;
use correct_cmd::Correction;
use std::process::ExitCode;
use std::sync::Arc;

/// Runs one command-line verb.
pub fn dispatch(command: Command, paths: &Paths, clock: &Arc<dyn Clock>, json: bool) -> ExitCode {
    let quiet = command.quiet();
    let run = Run::begin(quiet, paths, clock, json);
    match command {
        Command::Config(ConfigCommand::Path) => config_cmd::path(paths),
        Command::Config(ConfigCommand::Check) => config_cmd::check(paths),
        Command::Plan(plan) => run.plan(plan),
        Command::Start {
            block,
            category,
            title,
            ..
        } => run.start(block, category, title),
        Command::Pause { .. } => run.timer(TimerOp::Pause),
        Command::Resume { .. } => run.timer(TimerOp::Resume),
        Command::Stop { at: None, .. } => run.timer(TimerOp::Stop),
        Command::Stop { at: Some(at), .. } => run.timer_at(TimerOp::Stop, &at),
        Command::Interrupt { who, at: None, .. } => run.timer(TimerOp::Interrupt(who)),
        Command::Interrupt {
            who, at: Some(at), ..
        } => run.timer_at(TimerOp::Interrupt(who), &at),
        Command::Pass { what, account, .. } => run.timer(TimerOp::PassOn { what, account }),
        Command::Park { text, .. } => inbox_cmd::park(&run.journal, run.now, &text, json),
        Command::Off {
            range,
            reason,
            from_ics,
            ..
        } => run.with_config(|config| {
            let what = match (&from_ics, &range) {
                (Some(file), _) => off_cmd::What::Ics(file),
                (None, range) => {
                    off_cmd::What::Range(range.as_deref().unwrap_or(""), reason.as_deref())
                }
            };
            off_cmd::run(&run.journal, config, what, json)
        }),
        Command::Template(TemplateCommand::List) => inbox_cmd::list(paths),
        Command::Template(TemplateCommand::New { name, .. }) => inbox_cmd::new(paths, &name),
        Command::Log {
            range,
            category,
            title,
            account,
            date,
            ..
        } => run.log(&range, &category, &title, account, date),
        Command::Status { format } => run.status(&format),
        Command::Sessions { day } => run.correct(Correction::List, &day, false),
        Command::Edit {
            id, changes, day, ..
        } => run.correct(Correction::Edit(id, changes), &day, quiet),
        Command::Split { id, at, day, .. } => run.correct(Correction::Split(id, at), &day, quiet),
        Command::Join {
            first, second, day, ..
        } => run.correct(Correction::Join(first, second), &day, quiet),
        Command::Delete { id, day, .. } => run.correct(Correction::Delete(id), &day, quiet),
        Command::Completions { shell } => completions(shell),
        Command::Man => man::print(),
        Command::Report {
            period,
            by,
            format,
            with_notes,
        } => run.report(&period, by, format, with_notes),
        Command::Import(what) => run.import(what),
        Command::Export {
            period,
            format,
            plan,
        } => run.export(&period, format, plan),
        // The sync is a program of its own: see `crate::sync_link`.
        Command::Sync { .. } => crate::sync_link::hand_over(),
        Command::Review { .. } => fail(EXIT_REFUSED, REVIEW_NEEDS_TERMINAL),
        Command::DebugSaveLoop { date, tag, count } => {
            stress::save_loop(&run.journal, &date, &tag, count)
        }
        Command::Generate {
            days, end, seed, ..
        } => generate::run(&run.journal, days, &end, seed, *run.now.offset()),
    }
}

const REVIEW_NEEDS_TERMINAL: &str = "`protime review` opens the dashboard; run it in a terminal";

/// `protime sync`, in the program protime-sync (see [`crate::sync_link`]): the only caller of
/// the sync code, so that `protime` itself never links it.
pub fn dispatch_sync(
    command: Command,
    paths: &Paths,
    clock: &Arc<dyn Clock>,
    json: bool,
) -> ExitCode {
    let run = Run::begin(command.quiet(), paths, clock, json);
    let Command::Sync {
        period,
        keep,
        dashboard,
        save_password,
        ..
    } = command
    else {
        return fail(EXIT_REFUSED, crate::sync_link::ONLY_SYNC);
    };
    run.with_config(|config| {
        let config_file = paths.config_file.display().to_string();
        let args = sync_cmd::Args {
            period: &period,
            keep: keep.as_deref(),
            save_password,
            config_file: &config_file,
        };
        match dashboard {
            true => sync_cmd::for_dashboard(&run.journal, config, run.moment(), &args),
            false => sync_cmd::run(&run.journal, config, run.moment(), &args, json),
        }
    })
}

/// What a command runs with: the journal, the moment it was started and how to answer.
struct Run<'a> {
    journal: Journal,
    now: DateTime<FixedOffset>,
    zone: Zone,
    paths: &'a Paths,
    clock: &'a Arc<dyn Clock>,
    json: bool,
}

impl<'a> Run<'a> {
    /// The run of a verb; a quiet one prints nothing on stdout.
    fn begin(quiet: bool, paths: &'a Paths, clock: &'a Arc<dyn Clock>, json: bool) -> Run<'a> {
        if quiet {
            crate::sanitize::silence_stdout();
        }
        Run::new(paths, clock, json)
    }

    fn new(paths: &'a Paths, clock: &'a Arc<dyn Clock>, json: bool) -> Run<'a> {
        Run {
            journal: crate::export::feed::attach(
                Journal::new(paths.journal_dir()),
                crate::export::feed::from_config_file(
                    paths.config_file.clone(),
                    paths.config_explicit,
                ),
                clock.clone(),
                |outcome: Result<(), String>| {
                    if let Err(message) = outcome {
                        crate::say_err!("protime: warning: {message}");
                    }
                },
            ),
            now: clock.now(),
            zone: clock.zone(),
            paths,
            clock,
            json,
        }
    }

    /// Now, and the zone its day's midnight is in.
    fn moment(&self) -> (DateTime<FixedOffset>, &Zone) {
        (self.now, &self.zone)
    }

    /// Runs `command` with the config; a config that does not load refuses it.
    fn with_config(&self, command: impl FnOnce(&Config) -> ExitCode) -> ExitCode {
        match Config::load(&self.paths.config_file, self.paths.config_explicit) {
            Ok(config) => command(&config),
            Err(e) => fail(EXIT_REFUSED, e),
        }
    }

    fn plan(&self, command: PlanCommand) -> ExitCode {
        let today = self.now.date_naive();
        match command {
            PlanCommand::Add {
                range,
                category,
                title,
                date,
                account,
                objective,
                ..
            } => {
                let args = plan::AddArgs {
                    range: &range,
                    category: &category,
                    title: &title,
                    date: date.as_deref(),
                    account: account.as_deref(),
                    objective: objective.as_deref(),
                };
                plan::add(&self.journal, today, args, self.json)
            }
            PlanCommand::Show { date } => {
                plan::show(&self.journal, today, date.as_deref(), self.json)
            }
        }
    }

    fn start(
        &self,
        block: Option<String>,
        category: Option<String>,
        title: Option<String>,
    ) -> ExitCode {
        self.with_config(|config| {
            let args = timer_cmd::StartArgs {
                block: block.as_deref(),
                category: category.as_deref(),
                title: title.as_deref(),
            };
            timer_cmd::start(&self.journal, config, self.moment(), args, self.json)
        })
    }

    fn timer(&self, op: TimerOp) -> ExitCode {
        self.with_config(|config| {
            timer_cmd::run(&self.journal, config, self.moment(), op, self.json)
        })
    }

    fn timer_at(&self, op: TimerOp, at: &str) -> ExitCode {
        self.with_config(|config| {
            timer_cmd::run_at(&self.journal, config, self.moment(), (op, at), self.json)
        })
    }

    fn log(
        &self,
        range: &str,
        category: &str,
        title: &str,
        account: Option<String>,
        date: Option<String>,
    ) -> ExitCode {
        let args = timer_cmd::LogArgs {
            range,
            category,
            title,
            account: account.as_deref(),
            date: date.as_deref(),
        };
        timer_cmd::log(&self.journal, self.now, &self.zone, args, self.json)
    }

    fn correct(
        &self,
        correction: Correction,
        day: &crate::cli::SessionDay,
        quiet: bool,
    ) -> ExitCode {
        // Quiet, a correction does not even read the day back to list it.
        let json = self.json;
        correct_cmd::run(&self.journal, self.moment(), correction, day, (json, quiet))
    }

    fn status(&self, format: &str) -> ExitCode {
        self.with_config(|config| {
            status::run(&self.journal, config, self.moment(), format, self.json)
        })
    }

    fn report(&self, period: &PeriodArgs, by: By, format: ReportFormat, notes: bool) -> ExitCode {
        self.with_config(|config| {
            let output = report::Output { format, notes };
            report::run(
                &self.journal,
                config,
                self.now,
                &self.zone,
                period,
                by,
                output,
            )
        })
    }

    /// Sessions as CSV or JSON, or (`--plan`) the planned blocks as iCalendar.
    fn export(&self, period: &PeriodArgs, format: Option<ExportFormat>, plan: bool) -> ExitCode {
        match (plan, format) {
            (false, Some(ExportFormat::Ics)) => fail(
                EXIT_REFUSED,
                "--format ics exports the plan: add --plan (sessions export as csv or json)",
            ),
            (false, format) => {
                let format = format.unwrap_or(ExportFormat::Csv);
                report::export(&self.journal, self.now, period, format)
            }
            (true, None | Some(ExportFormat::Ics)) => self.with_config(|config| {
                export_plan::run(&self.journal, config, self.moment(), period)
            }),
            (true, Some(_)) => fail(
                EXIT_REFUSED,
                "the plan exports as an iCalendar file: use --format ics (or leave --format out)",
            ),
        }
    }

    fn import(&self, what: ImportCommand) -> ExitCode {
        self.with_config(|config| {
            let (source, args) = match what {
                ImportCommand::Calendar(a) => (crate::import::job::Source::Calendar, a),
                ImportCommand::Crm(a) => (crate::import::job::Source::Crm, a),
            };
            if args.plan {
                if source == crate::import::job::Source::Crm {
                    let message = "--plan puts calendar meetings into the plan: use it with \
                                   `protime import calendar FILE.ics`";
                    return fail(EXIT_REFUSED, message);
                }
                let zone = self.zone;
                return plan_import::run(&self.journal, config, self.now, zone, &args, self.json);
            }
            let screen = import_cmd::Screen {
                crash_dir: self.paths.crash_dir(),
                clock: self.clock.clone(),
                config_file: self.paths.config_file.clone(),
            };
            import_cmd::run(
                &self.journal,
                config,
                self.now,
                source,
                &args,
                self.json,
                screen,
            )
        })
    }
}

fn completions(shell: clap_complete::Shell) -> ExitCode {
    clap_complete::generate(
        shell,
        &mut Cli::command(),
        "protime",
        &mut std::io::stdout(),
    );
    ExitCode::from(EXIT_OK)
}

/// Exit codes every command shares (documented in README).
pub const EXIT_OK: u8 = 0;
pub const EXIT_REFUSED: u8 = 1;
pub const EXIT_JOURNAL: u8 = 2;

/// Prints `message` to stderr and returns `code`.
pub fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    // A message may quote a file or an import: it goes through the sanitiser like all output.
    crate::say_err!("protime: {message}");
    ExitCode::from(code)
}

/// Settles what still runs on an earlier day (the rule of `domain::open`) before a verb acts on
/// today, and tells the rep what was closed at its last sign of life.
pub fn settle_earlier(
    journal: &crate::journal::Journal,
    config: &crate::config::Config,
    zone: &crate::clock::Zone,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Vec<crate::domain::Session>, crate::journal::JournalError> {
    use crate::journal::carry_over::{Limits, settle_earlier_days};
    let closed = settle_earlier_days(journal, zone, (now.date_naive(), now), &Limits::of(config))?;
    if let Some(text) = crate::domain::open::closed_message(&closed) {
        crate::say_err!("protime: note: {text}");
    }
    Ok(closed)
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
