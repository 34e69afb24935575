//! Command-line definitions (clap derive).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "protime",
    version,
    about = "Plan your day in time blocks and protect your proactive selling time",
    long_about = "protime: plan your day in time blocks, protect proactive selling time, and review \
                  what really happened.\n\nRun without a command to open the dashboard."
)]
pub struct Cli {
    /// Use this config file instead of the one in your config folder.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Keep the journal (and crash reports) in this folder.
    #[arg(long, global = true, value_name = "PATH", env = "PROTIME_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Open protime on a generated, realistic recent month in a temporary journal (your own
    /// journal is never touched).
    #[arg(long)]
    pub demo: bool,

    /// Print the result as JSON (for scripts) instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Show where the config file is, or check it.
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Add to or show a day's plan.
    #[command(subcommand)]
    Plan(PlanCommand),

    /// Start focus on a block of today's plan (the current one if none is named), or on unplanned work.
    #[command(
        after_help = "Examples:\n  protime start\n  protime start \"ACME proposal\"\n  protime start --category reactive --title \"Support queue\""
    )]
    Start {
        /// A block's id (b3) or the start of its title; the block running now if left out.
        block: Option<String>,
        /// Focus on unplanned work of this category instead: proactive (from your own sales plan), reactive (a customer started it) or other (not customer work).
        #[arg(long, conflicts_with = "block")]
        category: Option<String>,
        /// What the unplanned work is.
        #[arg(long, requires = "category")]
        title: Option<String>,
        #[command(flatten)]
        quiet: Quiet,
    },
    /// Pause the focus timer.
    Pause {
        #[command(flatten)]
        quiet: Quiet,
    },
    /// Resume the paused focus timer.
    Resume {
        #[command(flatten)]
        quiet: Quiet,
    },
    /// Stop the focus timer.
    #[command(after_help = "Example:\n  protime stop --at 16:05   # it really ended at 16:05")]
    Stop {
        /// When it really ended (HH:MM, on the day the timer runs on): the answer after a silence.
        #[arg(long)]
        at: Option<String>,
        #[command(flatten)]
        quiet: Quiet,
    },
    /// Start an interruption (pausing focus), or end the one running (resuming focus).
    #[command(
        after_help = "Examples:\n  protime interrupt \"ACME call\"\n  protime interrupt      # ends it\n  protime interrupt --at 16:05   # it ended at 16:05 (or began then)"
    )]
    Interrupt {
        /// Who or what broke in, e.g. an account.
        who: Option<String>,
        /// When it really ended, or began (HH:MM, on the day of the open interruption, else
        /// today; not in the future).
        #[arg(long)]
        at: Option<String>,
        #[command(flatten)]
        quiet: Quiet,
    },
    /// Log a request you handed over to the right person, without leaving focus.
    #[command(after_help = "Example:\n  protime pass \"invoice question to finance\"")]
    Pass {
        /// What you passed on.
        what: String,
        /// The customer it was for, so it counts in "reactive by account".
        #[arg(long)]
        account: Option<String>,
        #[command(flatten)]
        quiet: Quiet,
    },
    /// Park a mail for the next inbox slot, e.g. `protime park "reply Anna re pricing"`.
    Park {
        /// What to handle later.
        text: String,
        #[command(flatten)]
        quiet: Quiet,
    },
    /// Mark days off (holiday, leave): they count no capacity, no UNLOGGED time and no review.
    #[command(
        after_help = "Examples:\n  protime off 2026-12-24..2026-12-31 \"Christmas leave\"\n  protime off 2026-11-27 holiday\n  protime off --from-ics holidays.ics   # the all-day events of a holiday calendar"
    )]
    Off {
        /// A day (YYYY-MM-DD) or a range FROM..TO, both days included; at most a year.
        #[arg(required_unless_present = "from_ics")]
        range: Option<String>,
        /// Why (written as the day's `off`); "day off" if left out.
        #[arg(conflicts_with = "from_ics")]
        reason: Option<String>,
        /// Mark the all-day events of this calendar export (.ics) as days off, each with its
        /// title as the reason; nothing else in the file is read.
        #[arg(long, value_name = "FILE", conflicts_with = "range")]
        from_ics: Option<PathBuf>,
        #[command(flatten)]
        quiet: Quiet,
    },
    /// Reply templates: list them, or write a new one in $EDITOR.
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Log time that was not timed, e.g. `protime log 09:00-09:40 reactive "ACME outage" --account ACME`.
    Log {
        /// Start and end, like 09:00-09:40.
        range: String,
        /// proactive (from your own sales plan), reactive (a customer started it) or other (not customer work); or pro, re, oth.
        category: String,
        /// What it was.
        title: String,
        #[arg(long)]
        account: Option<String>,
        /// The day (YYYY-MM-DD); today if left out.
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        quiet: Quiet,
    },
    /// A day's tracked sessions, with the ids `edit`, `split`, `join` and `delete` take.
    #[command(after_help = "Example:\n  protime sessions --date 2026-11-26")]
    Sessions {
        #[command(flatten)]
        day: SessionDay,
    },
    /// Correct a tracked session: its start, end, category, account, note or block.
    #[command(
        after_help = "Examples:\n  protime edit s4 --end 16:05          # a forgotten interruption\n  protime edit s2 --category reactive --account Globex\n  protime edit s7 --note ''             # an empty value clears it"
    )]
    Edit {
        /// The session's id (see `protime sessions`).
        id: String,
        #[command(flatten)]
        changes: SessionChanges,
        #[command(flatten)]
        day: SessionDay,
        #[command(flatten)]
        quiet: Quiet,
    },
    /// Split a tracked session in two at a time, e.g. `protime split s3 10:15`.
    Split {
        /// The session's id (see `protime sessions`).
        id: String,
        /// Where to split it (HH:MM).
        at: String,
        #[command(flatten)]
        day: SessionDay,
        #[command(flatten)]
        quiet: Quiet,
    },
    /// Join a tracked session with a later one: the first runs on to the second's end.
    Join {
        /// The earlier session's id.
        first: String,
        /// The later session's id (it goes).
        second: String,
        #[command(flatten)]
        day: SessionDay,
        #[command(flatten)]
        quiet: Quiet,
    },
    /// Delete a tracked session.
    Delete {
        /// The session's id (see `protime sessions`).
        id: String,
        #[command(flatten)]
        day: SessionDay,
        #[command(flatten)]
        quiet: Quiet,
    },
    /// One line for a tmux status bar or a shell prompt: the timer and today's proactive share.
    #[command(
        after_help = "Placeholders for --format: {icon} {state} {left} {title} {category} {share} {target}\n\
                            Example: protime status --format '{icon} {left} {title} · PRO {share}'"
    )]
    Status {
        /// The line's template.
        #[arg(long, default_value = "{icon} {left} {title} · PRO {share}")]
        format: String,
    },
    /// Open protime on the end-of-day review (today's, or that of --date).
    Review {
        /// The day to review (YYYY-MM-DD), e.g. to amend an earlier review.
        #[arg(long)]
        date: Option<String>,
    },
    /// Hours and shares per category for a period, as a table, CSV, JSON or an HTML page.
    #[command(
        after_help = "Examples:\n  protime report                      # this month, by week\n  protime report --month 2026-10 --by day --format csv > october.csv\n  protime report --last 14d --by account\n  protime report --from 2026-01-01 --to 2026-06-30 --by month --format json\n  protime report --month 2026-10 --format html > october.html"
    )]
    Report {
        #[command(flatten)]
        period: PeriodArgs,
        /// One row per day, week, month, account (reactive time) or objective (proactive time).
        #[arg(long, value_enum, default_value = "week")]
        by: By,
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
        /// With --format html: the review notes and "tomorrow I protect" too (left out by default:
        /// they are the rep's own words).
        #[arg(long)]
        with_notes: bool,
    },
    /// Bring in your last two weeks from a calendar (.ics) or CRM (.csv) export: the baseline.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Every tracked session of a period, as CSV or JSON, for other tools; or, with --plan, your
    /// planned blocks as an iCalendar file for any calendar.
    #[command(
        after_help = "Examples:\n  protime export --month 2026-11 --format csv > november.csv\n  protime export --plan --format ics > blocks.ics          # today and the next 13 days\n  protime export --plan --format ics --from 2026-11-30 --to 2026-12-04 > week.ics"
    )]
    Export {
        #[command(flatten)]
        period: PeriodArgs,
        /// csv or json for sessions (default csv); ics for --plan (its only format).
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// Export the planned blocks (not meetings from the calendar) as busy events instead of
        /// tracked sessions; without a period, today and the next 13 days.
        #[arg(long)]
        plan: bool,
    },
    /// Two-way sync with a CalDAV calendar ([calendar.caldav] in the config; the password from
    /// PROTIME_CALDAV_PASSWORD, else from the desktop keyring): its meetings into the plan, your
    /// blocks into the calendar. Without a period, today and the next 13 days.
    #[command(
        after_help = "Examples:\n  protime sync\n  protime sync --from 2026-11-30 --to 2026-12-04\n  protime sync --keep mine 2026-11-30-b2@0a1b2c3d4e5f6071     # settle a conflict: your block wins\n  protime sync --keep theirs 2026-11-30-b2@0a1b2c3d4e5f6071   # the calendar's event wins\n  protime sync --save-password                                # the password into the keyring"
    )]
    Sync {
        #[command(flatten)]
        period: PeriodArgs,
        /// Settle a conflict `protime sync` showed: keep your block (mine) or the calendar's
        /// event (theirs).
        #[arg(long, num_args = 2, value_names = ["mine|theirs", "UID"])]
        keep: Option<Vec<String>>,
        /// Tell the dashboard, a line at a time (see `crate::sync_link::News`).
        #[arg(long, hide = true)]
        dashboard: bool,
        /// Store the calendar's password in the desktop keyring (the Secret Service's default
        /// collection), in place of the one stored before, and do not sync. It is read from the
        /// terminal without echo, or as one line from stdin.
        #[arg(long, conflicts_with = "keep")]
        save_password: bool,
        #[command(flatten)]
        quiet: Quiet,
    },
    /// Print shell completions, e.g. `protime completions bash > ~/.local/share/bash-completion/completions/protime`.
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff), e.g. `protime man > ~/.cargo/share/man/man1/protime.1`.
    Man,

    /// Write a deterministic synthetic journal (for benchmarks, demos and tests).
    #[command(hide = true)]
    Generate {
        /// How many days back from --end to fill.
        #[arg(long, default_value_t = 365)]
        days: u32,
        /// The last day to fill (YYYY-MM-DD).
        #[arg(long)]
        end: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[command(flatten)]
        quiet: Quiet,
    },

    /// Save COUNT blocks one by one, printing `ack TITLE` after each (for crash tests).
    #[command(hide = true)]
    DebugSaveLoop {
        /// The day to save into (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        /// Titles are TAG-1, TAG-2, ….
        #[arg(long)]
        tag: String,
        #[arg(long)]
        count: u64,
    },
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ConfigCommand {
    /// Print the path of the config file protime reads.
    Path,
    /// Read the config file and report any problem.
    Check,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ImportCommand {
    /// Import the events of a calendar export (.ics from Google, Outlook/Exchange or Apple).
    #[command(
        after_help = "Examples:\n  protime import calendar ~/Downloads/calendar.ics\n  protime import calendar ~/Downloads/calendar.ics --dry-run\n  protime import calendar calendar.ics --yes\n  protime import calendar calendar.ics --from 2026-11-02 --to 2026-11-13 --yes --unmatched other\n  protime import calendar calendar.ics --plan                # today's meetings into the plan\n  protime import calendar calendar.ics --plan --from 2026-11-30 --to 2026-12-04"
    )]
    Calendar(ImportArgs),
    /// Import the activities of a CRM export (.csv from Salesforce, HubSpot or Pipedrive).
    #[command(
        after_help = "Examples:\n  protime import crm activities.csv\n  protime import crm activities.csv --dry-run\n  protime import crm activities.csv --since 2w --yes"
    )]
    Crm(ImportArgs),
}

#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The export file.
    pub file: PathBuf,
    /// How far back from today: days or weeks, like 14d or 2w.
    #[arg(long, default_value = "14d", conflicts_with_all = ["from", "to", "plan"])]
    pub since: String,
    /// Put the calendar's meetings (past and future) into the plan as blocks instead of
    /// importing tracked time; importing again follows the calendar and keeps your changes.
    #[arg(long)]
    pub plan: bool,
    /// With --plan: the day to plan, YYYY-MM-DD (today if neither it nor --from/--to is given).
    #[arg(long, requires = "plan", conflicts_with_all = ["from", "to"])]
    pub date: Option<String>,
    /// The first day to import, YYYY-MM-DD (with --to).
    #[arg(long, requires = "to")]
    pub from: Option<String>,
    /// The last day to import, YYYY-MM-DD (with --from).
    #[arg(long, requires = "from")]
    pub to: Option<String>,
    /// Only print what would be imported; write nothing. (Without --dry-run or --yes, a terminal
    /// opens the review: set categories by key, `a` accepts, `q` abandons.)
    #[arg(long, conflicts_with_all = ["yes", "quiet"])]
    pub dry_run: bool,
    /// Accept the rules' categories and write the sessions.
    #[arg(long)]
    pub yes: bool,
    /// File items no rule recognised under this category (proactive, reactive or other) instead
    /// of leaving them out.
    #[arg(long, value_name = "CATEGORY")]
    pub unmatched: Option<String>,
    /// The export's encoding, like windows-1250 or windows-1251, when the detected one is wrong
    /// ("auto" detects it). Overrides `[import] encoding`; a byte-order mark still decides.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    #[command(flatten)]
    pub quiet: Quiet,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum TemplateCommand {
    /// List the reply templates and where they live.
    List,
    /// Create a template file and open it in $EDITOR, e.g. `protime template new pricing-follow-up`.
    New {
        /// A file name: letters, digits, - and _.
        name: String,
        #[command(flatten)]
        quiet: Quiet,
    },
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum PlanCommand {
    /// Add a planned block, e.g. `protime plan add 09:00-10:30 proactive "Prospecting calls"`.
    Add {
        /// Start and end, like 09:00-10:30.
        range: String,
        /// proactive (from your own sales plan), reactive (a customer started it) or other (not customer work); or pro, re, oth.
        category: String,
        /// What the block is for.
        title: String,
        /// The day (YYYY-MM-DD); today if left out.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        account: Option<String>,
        #[arg(long)]
        objective: Option<String>,
        #[command(flatten)]
        quiet: Quiet,
    },
    /// Print a day's planned blocks.
    Show {
        /// The day (YYYY-MM-DD); today if left out.
        #[arg(long)]
        date: Option<String>,
    },
}

// Which days a report or export covers; the current month when none is given. (Plain comments on
// flattened structs: with deferred subcommands a doc comment would replace the verb's about.)
#[derive(Debug, Clone, clap::Args)]
pub struct PeriodArgs {
    /// A calendar month, YYYY-MM.
    #[arg(long, conflicts_with_all = ["from", "to", "last"])]
    pub month: Option<String>,
    /// The first day, YYYY-MM-DD (with --to).
    #[arg(long, requires = "to", conflicts_with = "last")]
    pub from: Option<String>,
    /// The last day, YYYY-MM-DD (with --from).
    #[arg(long, requires = "from")]
    pub to: Option<String>,
    /// The last N days or weeks up to today, like 14d or 2w.
    #[arg(long)]
    pub last: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Day,
    Week,
    Month,
    Account,
    Objective,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Csv,
    Json,
    /// One self-contained page for a one-on-one: figures, advice, charts, review answers.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    /// iCalendar (RFC 5545), for --plan.
    Ics,
}

// Which day a correcting verb works on.
#[derive(Debug, Clone, clap::Args)]
pub struct SessionDay {
    /// The day (YYYY-MM-DD); today if left out. Session ids are per day.
    #[arg(long)]
    pub date: Option<String>,
}

// `-q/--quiet`, shared by every verb that writes: a key binding (tmux's `run-shell`) shows
// whatever a command prints, so a quiet verb prints nothing when it worked.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct Quiet {
    /// Print nothing when it worked, not even with --json (for key bindings and scripts);
    /// errors still go to stderr, with their exit code.
    #[arg(long, short)]
    pub quiet: bool,
}

impl Command {
    /// Whether the verb was asked to print nothing when it works (`-q`); verbs that only read
    /// (`status`, `report`, `export`, …) have no such flag.
    pub fn quiet(&self) -> bool {
        let quiet = match self {
            Command::Start { quiet, .. }
            | Command::Pause { quiet }
            | Command::Resume { quiet }
            | Command::Stop { quiet, .. }
            | Command::Interrupt { quiet, .. }
            | Command::Pass { quiet, .. }
            | Command::Park { quiet, .. }
            | Command::Off { quiet, .. }
            | Command::Log { quiet, .. }
            | Command::Edit { quiet, .. }
            | Command::Split { quiet, .. }
            | Command::Join { quiet, .. }
            | Command::Delete { quiet, .. }
            | Command::Generate { quiet, .. }
            | Command::Sync { quiet, .. }
            | Command::Plan(PlanCommand::Add { quiet, .. })
            | Command::Template(TemplateCommand::New { quiet, .. }) => quiet,
            Command::Import(ImportCommand::Calendar(args) | ImportCommand::Crm(args)) => {
                &args.quiet
            }
            // Listed, not `_`: a verb added later must say whether it writes.
            Command::Config(_)
            | Command::Plan(PlanCommand::Show { .. })
            | Command::Template(TemplateCommand::List)
            | Command::Sessions { .. }
            | Command::Status { .. }
            | Command::Review { .. }
            | Command::Report { .. }
            | Command::Export { .. }
            | Command::Completions { .. }
            | Command::Man
            | Command::DebugSaveLoop { .. } => return false,
        };
        quiet.quiet
    }
}

// What `protime edit` changes; an empty value clears an account, note or block.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SessionChanges {
    /// The new start (HH:MM).
    #[arg(long)]
    pub start: Option<String>,
    /// The new end (HH:MM).
    #[arg(long)]
    pub end: Option<String>,
    /// proactive (from your own sales plan), reactive (a customer started it) or other (not customer work); or pro, re, oth.
    #[arg(long)]
    pub category: Option<String>,
    /// The customer account it was for.
    #[arg(long)]
    pub account: Option<String>,
    /// A note: what it was, who asked.
    #[arg(long)]
    pub note: Option<String>,
    /// The id of the planned block it worked on (see `protime plan show`).
    #[arg(long)]
    pub block: Option<String>,
}

impl SessionChanges {
    /// No option given: an edit that would change nothing.
    pub fn is_empty(&self) -> bool {
        [
            &self.start,
            &self.end,
            &self.category,
            &self.account,
            &self.note,
            &self.block,
        ]
        .iter()
        .all(|field| field.is_none())
    }
}
