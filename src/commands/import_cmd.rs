//! `protime import calendar|crm FILE`: preview, accept and write imported sessions, then show the
//! baseline of the imported period.

use super::crm_tiers::Tiers;
use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail, parse_date};
use crate::cli::ImportArgs;
use crate::clock::Zone;
use crate::config::Config;
use crate::config::accounts::CrmTiers;
use crate::domain::Category;
use crate::domain::report::Figures;
use crate::figures::capacity;
use crate::import::job::{
    Failure, Prepared, Source, checked_window, load, prepare, since_window, write,
};
use crate::import::preview::{Proposal, baseline, plan};
use crate::import::{Change, Parsed, Window};
use crate::journal::Journal;
use crate::tui::import_review::{self, Ended, ImportReview};
use crate::tui::theme::Theme;
use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

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
    let fallback = match unmatched(args) {
        Ok(c) => c,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let config = match with_encoding(config, args.encoding.as_deref()) {
        Ok(c) => c,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let config = &*config;
    let prepared = match prepare(journal, config, source, &args.file, window, fallback, now) {
        Ok(p) => p,
        Err(Failure::Export(message)) => return fail(EXIT_REFUSED, message),
        Err(Failure::Journal(message)) => return fail(EXIT_JOURNAL, message),
    };
    let import = Import {
        journal,
        config,
        now,
        prepared,
        written: None,
        config_file: screen.config_file.clone(),
    };
    if args.yes || args.dry_run || json || !interactive() {
        if args.quiet.quiet && !args.yes {
            return fail(
                EXIT_REFUSED,
                "with --quiet nothing would show and nothing be written: add --yes to write the \
                 rules' categories, or drop --quiet to see the table",
            );
        }
        let finish = if args.yes && !args.dry_run {
            Finish::Write
        } else {
            Finish::Preview
        };
        return import.finish(finish, json);
    }
    import.review(&args.file, screen)
}

/// The category `--unmatched` names, if given.
pub(super) fn unmatched(args: &ImportArgs) -> Result<Option<Category>, String> {
    let parsed = args.unmatched.as_deref().map(str::parse::<Category>);
    parsed.transpose().map_err(|e| format!("--unmatched: {e}"))
}

/// The config with `--encoding` in place of `[import] encoding`, when it is given.
fn with_encoding<'a>(config: &'a Config, label: Option<&str>) -> Result<Cow<'a, Config>, String> {
    let Some(label) = label else {
        return Ok(Cow::Borrowed(config));
    };
    crate::import::input::encoding_named(label).map_err(|e| format!("--encoding: {e}"))?;
    let mut config = config.clone();
    config.import.encoding = label.to_string();
    Ok(Cow::Owned(config))
}

/// What the review screen needs to report a crash, and the config file a CRM's tiers go to.
pub struct Screen {
    pub crash_dir: std::path::PathBuf,
    pub clock: std::sync::Arc<dyn crate::clock::Clock>,
    pub config_file: std::path::PathBuf,
}

/// The review needs a keyboard and a screen; piped, the preview table is printed instead.
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// How an import ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Finish {
    /// Print what would be written (`--dry-run`, or no terminal to review on).
    Preview,
    /// Write the rules' verdicts (`--yes`) and print every item.
    Write,
    /// Write what the rep accepted in the review, which showed every item already.
    Reviewed,
}

/// A prepared import and where it goes.
struct Import<'a> {
    journal: &'a Journal,
    config: &'a Config,
    now: DateTime<FixedOffset>,
    prepared: Prepared,
    /// What the review screen already wrote, so finishing does not write again.
    written: Option<Change>,
    /// Where a CRM's tiers are saved.
    config_file: std::path::PathBuf,
}

impl Import<'_> {
    /// Writes the accepted proposals (unless previewing), then prints what happened and the
    /// baseline.
    fn finish(self, finish: Finish, json: bool) -> ExitCode {
        let Prepared {
            window,
            parsed,
            days,
            proposals,
            ..
        } = self.prepared;
        let plan = plan(&proposals, &parsed.gone, &window, &days);
        let (change, after) = if finish != Finish::Preview {
            let written = self.written.map_or_else(|| write(&plan, self.journal), Ok);
            let change = match written {
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
        let counting = (&capacity(self.config), self.journal.first_day());
        let baseline = baseline(&after, &window, counting, self.now);
        let tiers = CrmTiers::of(&self.config.accounts, &parsed.tiers);
        let tiers = Tiers::apply(tiers, &self.config_file, finish != Finish::Preview);
        let out = Printed {
            proposals: &proposals,
            parsed: &parsed,
            change,
            baseline: &baseline,
            window: &window,
            finish,
            tiers: (&tiers, &self.config_file),
        };
        if json {
            out.json()
        } else {
            out.text()
        }
        match tiers.saved {
            Some(Err(why)) => fail(
                EXIT_REFUSED,
                format!("the CRM's tiers were not saved: {why}\nThe import itself was written."),
            ),
            _ => ExitCode::from(EXIT_OK),
        }
    }

    /// Opens the review screen; writes only what the rep accepts there. A write that fails keeps
    /// the review open (the screen says why), so the rep's choices are not lost.
    fn review(mut self, file: &Path, screen: Screen) -> ExitCode {
        let mut review = ImportReview::of(&self.prepared, file, self.config, self.now);
        let theme = Theme::new(&self.config.theme, Theme::no_color_from_env());
        let journal = self.journal;
        let ended = import_review::run(&mut review, &theme, screen.crash_dir, screen.clock, |r| {
            write(&r.plan(), journal)
        });
        match ended {
            Ok(Ended::Written(change)) => {
                self.prepared.proposals = review.proposals;
                self.written = Some(change);
                self.finish(Finish::Reviewed, false)
            }
            // Not through fail()'s stderr alone: after a hang-up there is no terminal, and
            // writing must not panic.
            Ok(Ended::Abandoned) => match review.failure {
                Some(failure) => fail(EXIT_JOURNAL, failure),
                None => fail(EXIT_REFUSED, "import abandoned: nothing was written"),
            },
            Err(e) => fail(
                EXIT_REFUSED,
                format!(
                    "the review screen could not open: {e}\nRun the import with --dry-run to see the table, or --yes to accept the rules' categories."
                ),
            ),
        }
    }
}

/// The days to import: `--from/--to`, or `--since` back from today (today included).
fn window(args: &ImportArgs, now: DateTime<FixedOffset>, zone: Zone) -> Result<Window, String> {
    let (Some(from), Some(to)) = (&args.from, &args.to) else {
        return since_window(&args.since, now, zone).map_err(|e| format!("--since: {e}"));
    };
    let (from, to) = (parse_date(from)?, parse_date(to)?);
    if from > to {
        return Err(format!(
            "--from {from} is after --to {to}: give the earlier day first"
        ));
    }
    checked_window(from, to, zone)
}

fn category_cell(p: &Proposal) -> String {
    match p.category {
        Some(c) => format!("{} ({})", c.tag(), p.reason()),
        None if p.unsorted() => "?".into(),
        None => format!("- ({})", p.reason()),
    }
}

/// "1 item", "2 items".
fn items(n: usize) -> String {
    format!("{n} item{}", if n == 1 { "" } else { "s" })
}

/// What an import prints: the items, what was skipped, what changed and the baseline.
struct Printed<'a> {
    proposals: &'a [Proposal],
    parsed: &'a Parsed,
    change: Change,
    baseline: &'a Figures,
    window: &'a Window,
    finish: Finish,
    /// The CRM's tiers, and the config file they go to.
    tiers: (&'a Tiers, &'a Path),
}

impl Printed<'_> {
    fn text(&self) {
        let (window, parsed, change) = (self.window, self.parsed, self.change);
        crate::say!(
            "Import {} – {}: {}",
            window.from,
            window.to,
            items(self.proposals.len())
        );
        if self.finish != Finish::Reviewed {
            for n in &parsed.notices {
                crate::say!("Note: {n}.");
            }
            self.table();
        }
        self.unsorted();
        if let Some(skipped) = parsed.skipped_summary() {
            crate::say!("\nSkipped: {skipped}");
        }
        for p in &parsed.problems {
            crate::say_err!("protime: not imported: {p}");
        }
        match self.finish {
            Finish::Preview => crate::say!(
                "\nNothing written (would be: {}). Add --yes to accept these categories.",
                change.summary()
            ),
            Finish::Write | Finish::Reviewed => crate::say!("\nWritten: {}.", change.summary()),
        }
        for line in self.tiers.0.text(self.tiers.1) {
            crate::say!("{line}");
        }
        print_baseline(self.baseline, window);
    }

    fn table(&self) {
        crate::say!(
            "{:<10} {:<11} {:>5}  {:<22} {:<36} account",
            "date",
            "time",
            "min",
            "category",
            "title"
        );
        for l in self.proposals {
            let start = l.item.start.with_timezone(&self.window.zone);
            let end = l.item.end.with_timezone(&self.window.zone);
            crate::say!(
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
    }

    /// The items nothing gave a category, each with its source.
    fn unsorted(&self) {
        let unsorted: Vec<&Proposal> = self.proposals.iter().filter(|l| l.unsorted()).collect();
        if unsorted.is_empty() {
            return;
        }
        crate::say!(
            "\nNo rule matched {} (left out; add a rule to [import.rules] or use --unmatched CATEGORY):",
            items(unsorted.len())
        );
        for l in unsorted {
            let start = l.item.start.with_timezone(&self.window.zone);
            crate::say!(
                "  {}  {}  [{}]",
                start.format("%Y-%m-%d %H:%M"),
                l.item.title,
                l.item.source
            );
        }
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
                    "rule_word": l.rule_word(),
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
            "written": self.finish != Finish::Preview,
            "items": items,
            "skipped": parsed.skipped,
            "problems": parsed.problems,
            "encoding": parsed.encoding,
            "notices": parsed.notices,
            "change": { "added": change.added, "updated": change.updated, "removed": change.removed, "unchanged": change.unchanged, "corrected": change.corrected },
            "baseline_minutes": minutes,
            "tiers": self.tiers.0.json(),
        });
        crate::say_json!("{doc:#}");
    }
}

fn print_baseline(b: &Figures, window: &Window) {
    crate::say!(
        "\nBaseline {} – {} (shares of capacity, as `protime report` gives them):",
        window.from,
        window.to
    );
    // Hours and minutes, as every screen and `protime report`'s table show a length.
    let hm = crate::domain::timefmt::format_minutes;
    crate::say!("{:<10} {:>8} {:>6}", "category", "time", "share");
    let percent = |share: Option<f64>| share.map_or("–".to_string(), |s| format!("{s:.0}%"));
    for c in Category::ALL {
        crate::say!(
            "{:<10} {:>8} {:>6}",
            c.name(),
            hm(b.minutes(c)),
            percent(b.share(c))
        );
    }
    crate::say!(
        "{:<10} {:>8} {:>6}",
        "unlogged",
        hm(b.unlogged()),
        percent(b.unlogged_share())
    );
    crate::say!("{:<10} {:>8}", "capacity", hm(b.capacity));
    crate::say!(
        "Full table: protime report --from {} --to {} --by week",
        window.from,
        window.to
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
