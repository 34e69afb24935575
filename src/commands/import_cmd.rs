//! `protime import calendar|crm FILE`: preview, accept and write imported sessions, then show the
//! baseline of the imported period.

use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail, parse_date, period::parse_last};
use crate::cli::ImportArgs;
use crate::clock::Zone;
use crate::config::Config;
use crate::domain::report::Figures;
use crate::domain::{Category, Day};
use crate::figures::capacity;
use crate::import::preview::{Proposal, accepted, baseline, propose};
use crate::import::{Change, Parsed, Plan, Window, crm, ics, input, merge};
use crate::journal::Journal;
use crate::tui::import_review::{self, ImportReview, Outcome, Period};
use crate::tui::theme::Theme;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Calendar,
    Crm,
}

impl Source {
    /// The kind of export a file holds, by its name: `.ics` a calendar, `.csv`/`.tsv`/`.txt` a CRM.
    pub fn of_file(file: &Path) -> Result<Source, String> {
        let ext = file
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "ics" | "ical" | "ifb" => Ok(Source::Calendar),
            "csv" | "tsv" | "txt" => Ok(Source::Crm),
            _ => Err(format!(
                "{}: not a calendar (.ics) or CRM (.csv) export by its name; rename it, or run \
                 `protime import calendar|crm FILE`",
                file.display()
            )),
        }
    }
}

/// An export read against the period's days as they are on disk, each item with its proposal.
pub struct Prepared {
    pub window: Window,
    pub parsed: Parsed,
    pub days: BTreeMap<NaiveDate, Day>,
    pub proposals: Vec<Proposal>,
}

/// Reads the export and the period's days, and proposes a category for each item. Nothing is
/// written. The error carries the exit code: a bad file refuses, a bad day file is the journal's.
pub fn prepare(
    journal: &Journal,
    config: &Config,
    source: Source,
    file: &Path,
    window: Window,
    fallback: Option<Category>,
) -> Result<Prepared, (u8, String)> {
    let parsed = read(source, file, config, &window).map_err(|message| (EXIT_REFUSED, message))?;
    let days = load(journal, &window).map_err(|message| (EXIT_JOURNAL, message))?;
    let proposals = propose(&parsed, &config.import.rules, &days, fallback);
    Ok(Prepared {
        window,
        parsed,
        days,
        proposals,
    })
}

pub fn run(
    journal: &Journal,
    config: &Config,
    now: DateTime<FixedOffset>,
    source: Source,
    args: &ImportArgs,
    json: bool,
    screen: Screen,
) -> ExitCode {
    let window = match window(args, now, screen.clock.zone()) {
        Ok(w) => w,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let fallback = match args.unmatched.as_deref().map(str::parse::<Category>) {
        None => None,
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => return fail(EXIT_REFUSED, format!("--unmatched: {e}")),
    };
    let prepared = match prepare(journal, config, source, &args.file, window, fallback) {
        Ok(p) => p,
        Err((code, message)) => return fail(code, message),
    };
    let import = Import {
        journal,
        config,
        now,
        prepared,
    };
    if args.yes || args.dry_run || json || !interactive() {
        return import.finish(args.yes && !args.dry_run, json);
    }
    import.review(&args.file, screen)
}

/// What the review screen needs to report a crash.
pub struct Screen {
    pub crash_dir: std::path::PathBuf,
    pub clock: std::sync::Arc<dyn crate::clock::Clock>,
}

/// The review needs a keyboard and a screen; piped, the preview table is printed instead.
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// A prepared import and where it goes.
struct Import<'a> {
    journal: &'a Journal,
    config: &'a Config,
    now: DateTime<FixedOffset>,
    prepared: Prepared,
}

impl Import<'_> {
    /// Writes the accepted proposals (when `write`), then prints what happened and the baseline.
    fn finish(self, write: bool, json: bool) -> ExitCode {
        let Prepared {
            window,
            parsed,
            days,
            proposals,
        } = self.prepared;
        let plan = Plan::new(&accepted(&proposals), &parsed.gone, &window, &days);
        let (change, after) = if write {
            let change = match self::write(&plan, self.journal) {
                Ok(change) => change,
                Err(message) => return fail(EXIT_JOURNAL, message),
            };
            match load(self.journal, &window) {
                Ok(after) => (change, after),
                Err(message) => return fail(EXIT_JOURNAL, message),
            }
        } else {
            let mut after = days;
            (plan.apply(&mut after), after)
        };
        let baseline = baseline(&after, &window, &capacity(self.config), self.now);
        let out = Printed {
            proposals: &proposals,
            parsed: &parsed,
            change,
            baseline: &baseline,
            window: &window,
            written: write,
        };
        if json {
            out.json()
        } else {
            out.text()
        }
        ExitCode::from(EXIT_OK)
    }

    /// Opens the review screen; writes only what the rep accepts there.
    fn review(mut self, file: &Path, screen: Screen) -> ExitCode {
        let mut review = review_of(&self.prepared, file, self.config, self.now);
        let theme = Theme::new(&self.config.theme, Theme::no_color_from_env());
        match import_review::run(&mut review, &theme, screen.crash_dir, screen.clock) {
            Ok(Outcome::Accept) => {
                self.prepared.proposals = review.proposals;
                self.finish(true, false)
            }
            Ok(Outcome::Abandon) => {
                // Not println!: after a hang-up there is no terminal to print to.
                let _ = writeln!(std::io::stdout(), "Import abandoned: nothing was written.");
                ExitCode::from(EXIT_OK)
            }
            Err(e) => fail(
                EXIT_REFUSED,
                format!(
                    "the review screen could not open: {e}\nRun the import with --dry-run to see the table, or --yes to accept the rules' categories."
                ),
            ),
        }
    }
}

/// The review screen's state for a prepared import (in the terminal or the dashboard).
pub fn review_of(
    prepared: &Prepared,
    file: &Path,
    config: &Config,
    now: DateTime<FixedOffset>,
) -> ImportReview {
    let period = Period {
        window: prepared.window,
        days: prepared.days.clone(),
        gone: prepared.parsed.gone.clone(),
        capacity: capacity(config),
        now,
    };
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut review = ImportReview::new(name, prepared.proposals.clone(), period);
    review.notes = prepared.parsed.notes();
    review
}

/// The days back from today (today included) that `--since` names, like 14d or 2w.
pub fn since_window(since: &str, now: DateTime<FixedOffset>, zone: Zone) -> Result<Window, String> {
    let days = parse_last(since).map_err(|_| {
        format!("--since \"{since}\" is not a length: write days or weeks, like 14d or 2w")
    })?;
    let today = now.date_naive();
    checked_window(today - Duration::days(days - 1), today, zone)
}

/// The days to import: `--from/--to`, or `--since` back from today (today included).
fn window(args: &ImportArgs, now: DateTime<FixedOffset>, zone: Zone) -> Result<Window, String> {
    match (&args.from, &args.to) {
        (Some(f), Some(t)) => checked_window(parse_date(f)?, parse_date(t)?, zone),
        _ => since_window(&args.since, now, zone),
    }
}

fn checked_window(from: NaiveDate, to: NaiveDate, zone: Zone) -> Result<Window, String> {
    if from > to {
        return Err(format!(
            "--from {from} is after --to {to}: give the earlier day first"
        ));
    }
    if (to - from).num_days() > 366 {
        return Err("the period is longer than a year: import at most a year at a time".into());
    }
    Ok(Window { from, to, zone })
}

fn read(source: Source, file: &Path, config: &Config, window: &Window) -> Result<Parsed, String> {
    let text = input::read_text(file, input::MAX_BYTES)?;
    // The reader's messages name the file already; the parsers' do not.
    let mut parsed = match source {
        Source::Calendar => ics::parse(&text.text, window, &config.import.me),
        Source::Crm => crm::parse(&text.text, &config.import.crm, window),
    }
    .map_err(|message| format!("{}: {message}", file.display()))?;
    parsed.encoding = text.encoding;
    parsed.notices.extend(text.notice());
    Ok(parsed)
}

/// The period's days as they are on disk; one that does not read stops the import before any write.
fn load(journal: &Journal, window: &Window) -> Result<BTreeMap<NaiveDate, Day>, String> {
    let mut days = BTreeMap::new();
    let (from, to) = window.days_written();
    for (date, day) in journal.days_in(from, to) {
        let day =
            day.map_err(|e| format!("{e}\nNothing was imported: fix or move that file first."))?;
        days.insert(date, day);
    }
    Ok(days)
}

pub fn write(plan: &Plan, journal: &Journal) -> Result<Change, String> {
    let mut change = Change::default();
    for (date, wanted) in &plan.per_day {
        let done = journal
            .update(*date, |day| Ok(merge(day, wanted, &plan.ours)))
            .map_err(|e| format!("{e}\n{} written before this day.", change.summary()))?;
        change.add(done);
    }
    Ok(change)
}

fn hours(minutes: i64) -> String {
    format!("{:.2}", minutes as f64 / 60.0)
}

fn category_cell(p: &Proposal) -> String {
    match p.category {
        Some(c) => format!("{} ({})", c.tag(), p.reason()),
        None => "?".into(),
    }
}

/// What an import prints: the items, what was skipped, what changed and the baseline.
struct Printed<'a> {
    proposals: &'a [Proposal],
    parsed: &'a Parsed,
    change: Change,
    baseline: &'a Figures,
    window: &'a Window,
    written: bool,
}

impl Printed<'_> {
    fn text(&self) {
        let (window, parsed, change) = (self.window, self.parsed, self.change);
        println!(
            "Import {} – {}: {} items",
            window.from,
            window.to,
            self.proposals.len()
        );
        for n in &parsed.notices {
            println!("Note: {n}.");
        }
        println!(
            "{:<10} {:<11} {:>5}  {:<22} {:<36} account",
            "date", "time", "min", "category", "title"
        );
        for l in self.proposals {
            let start = l.item.start.with_timezone(&window.zone);
            let end = l.item.end.with_timezone(&window.zone);
            println!(
                "{:<10} {}-{} {:>5}  {:<22} {:<36} {}",
                start.format("%Y-%m-%d"),
                start.format("%H:%M"),
                end.format("%H:%M"),
                l.item.minutes(),
                category_cell(l),
                clip(&l.item.title, 36),
                l.item.account.as_deref().unwrap_or("")
            );
        }
        let unsorted: Vec<&Proposal> = self
            .proposals
            .iter()
            .filter(|l| l.category.is_none())
            .collect();
        if !unsorted.is_empty() {
            println!(
                "\nNo rule matched {} items (left out; add a rule to [import.rules] or use --unmatched CATEGORY):",
                unsorted.len()
            );
            for l in unsorted {
                println!(
                    "  {}  {}  [{}]",
                    l.item
                        .start
                        .with_timezone(&window.zone)
                        .format("%Y-%m-%d %H:%M"),
                    l.item.title,
                    l.item.source
                );
            }
        }
        if let Some(skipped) = parsed.skipped_summary() {
            println!("\nSkipped: {skipped}");
        }
        for p in &parsed.problems {
            eprintln!("protime: not imported: {p}");
        }
        if self.written {
            println!("\nWritten: {}.", change.summary());
        } else {
            println!(
                "\nNothing written (would be: {}). Add --yes to accept these categories.",
                change.summary()
            );
        }
        print_baseline(self.baseline, window);
    }

    fn json(&self) {
        let (window, parsed, change, baseline) =
            (self.window, self.parsed, self.change, self.baseline);
        let items: Vec<Value> = self
            .proposals
            .iter()
            .map(|l| {
                json!({
                    "source": l.item.source,
                    "start": crate::domain::timefmt::format_rfc3339(&l.item.start),
                    "end": crate::domain::timefmt::format_rfc3339(&l.item.end),
                    "title": l.item.title,
                    "account": l.item.account,
                    "category": l.category.map(|c| c.name()),
                    "rule_word": l.verdict.as_ref().map(|v| v.word.clone()),
                })
            })
            .collect();
        let minutes: BTreeMap<&str, i64> = Category::ALL
            .iter()
            .map(|c| (c.name(), baseline.minutes(*c)))
            .collect();
        let doc = json!({
            "from": window.from.to_string(),
            "to": window.to.to_string(),
            "written": self.written,
            "items": items,
            "skipped": parsed.skipped,
            "problems": parsed.problems,
        "encoding": parsed.encoding,
        "notices": parsed.notices,
            "change": { "added": change.added, "updated": change.updated, "removed": change.removed, "unchanged": change.unchanged },
            "baseline_minutes": minutes,
        });
        println!("{doc:#}");
    }
}

fn print_baseline(b: &Figures, window: &Window) {
    let tracked = b.total();
    println!(
        "\nBaseline {} – {} (tracked time, overlaps counted once):",
        window.from, window.to
    );
    println!("{:<10} {:>8} {:>6}", "category", "hours", "share");
    for c in Category::ALL {
        let share = if tracked > 0 {
            b.minutes(c) as f64 * 100.0 / tracked as f64
        } else {
            0.0
        };
        println!(
            "{:<10} {:>7}h {:>5.0}%",
            c.name(),
            hours(b.minutes(c)),
            share
        );
    }
    println!("{:<10} {:>7}h", "total", hours(tracked));
    println!(
        "Full table: protime report --from {} --to {} --by week",
        window.from, window.to
    );
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut s: String = text.chars().take(width - 1).collect();
    s.push('…');
    s
}
