//! `protime import calendar|crm FILE`: preview, accept and write imported sessions, then show the
//! baseline of the imported period.

use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail, parse_date, period::parse_last};
use crate::cli::ImportArgs;
use crate::clock::Zone;
use crate::config::Config;
use crate::domain::report::{Figures, day_figures, total};
use crate::domain::{Category, Day};
use crate::figures::capacity;
use crate::import::rules::{Verdict, categorise};
use crate::import::{Accepted, Change, Item, Parsed, Plan, Window, crm, ics, input, merge};
use crate::journal::Journal;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Calendar,
    Crm,
}

/// One line of the preview: the item and the category it gets (if any), and why.
struct Line {
    item: Item,
    verdict: Option<Verdict>,
    category: Option<Category>,
}

pub fn run(
    journal: &Journal,
    config: &Config,
    now: DateTime<FixedOffset>,
    zone: &Zone,
    source: Source,
    args: &ImportArgs,
    json: bool,
) -> ExitCode {
    let window = match window(args, now, *zone) {
        Ok(w) => w,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let fallback = match args.unmatched.as_deref().map(str::parse::<Category>) {
        None => None,
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => return fail(EXIT_REFUSED, format!("--unmatched: {e}")),
    };
    let parsed = match read(source, &args.file, config, &window) {
        Ok(p) => p,
        Err(message) => return fail(EXIT_REFUSED, format!("{}: {message}", args.file.display())),
    };
    let days = match load(journal, &window) {
        Ok(d) => d,
        Err(message) => return fail(EXIT_JOURNAL, message),
    };
    let lines = decide(&parsed, config, &days, fallback);
    let plan = Plan::new(&accepted(&lines), &parsed.gone, &window, &days);
    let write = args.yes && !args.dry_run;
    let (change, after) = if write {
        match self::write(&plan, journal) {
            Ok(change) => (change, None),
            Err(message) => return fail(EXIT_JOURNAL, message),
        }
    } else {
        let mut after = days.clone();
        (plan.apply(&mut after), Some(after))
    };
    let after = match after {
        Some(a) => a,
        None => match load(journal, &window) {
            Ok(d) => d,
            Err(message) => return fail(EXIT_JOURNAL, message),
        },
    };
    let baseline = baseline(&after, &window, config, now);
    if json {
        print_json(&lines, &parsed, change, &baseline, &window, write);
    } else {
        print_text(&lines, &parsed, change, &baseline, &window, write);
    }
    ExitCode::from(EXIT_OK)
}

/// The days to import: `--from/--to`, or `--since` back from today (today included).
fn window(args: &ImportArgs, now: DateTime<FixedOffset>, zone: Zone) -> Result<Window, String> {
    let today = now.date_naive();
    let (from, to) = match (&args.from, &args.to) {
        (Some(f), Some(t)) => (parse_date(f)?, parse_date(t)?),
        _ => {
            let days = parse_last(&args.since).map_err(|_| {
                format!(
                    "--since \"{}\" is not a length: write days or weeks, like 14d or 2w",
                    args.since
                )
            })?;
            (today - Duration::days(days - 1), today)
        }
    };
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

fn read(
    source: Source,
    file: &std::path::Path,
    config: &Config,
    window: &Window,
) -> Result<Parsed, String> {
    let text = input::read_text(file, input::MAX_BYTES)?;
    let mut parsed = match source {
        Source::Calendar => ics::parse(&text.text, window, &config.import.me),
        Source::Crm => crm::parse(&text.text, &config.import.crm, window),
    }?;
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

/// Each item's category: the rule's verdict, else the category it already has in the journal
/// (sorted on an earlier import), else `--unmatched`.
fn decide(
    parsed: &Parsed,
    config: &Config,
    days: &BTreeMap<NaiveDate, Day>,
    fallback: Option<Category>,
) -> Vec<Line> {
    let known: BTreeMap<&str, Category> = days
        .values()
        .flat_map(|d| &d.sessions)
        .filter_map(|s| Some((s.source.as_deref()?, s.category)))
        .collect();
    let mut lines: Vec<Line> = parsed
        .items
        .iter()
        .map(|item| {
            let verdict = categorise(item, &config.import.rules);
            let category = verdict
                .as_ref()
                .map(|v| v.category)
                .or_else(|| known.get(item.source.as_str()).copied())
                .or(fallback);
            Line {
                item: item.clone(),
                verdict,
                category,
            }
        })
        .collect();
    lines.sort_by(|a, b| {
        a.item
            .start
            .cmp(&b.item.start)
            .then(a.item.source.cmp(&b.item.source))
    });
    lines
}

/// The accepted items (those with a category): items left unsorted are not written, and their
/// sessions from an earlier import stay as they are.
fn accepted(lines: &[Line]) -> Vec<Accepted> {
    lines
        .iter()
        .filter_map(|l| {
            Some(Accepted {
                item: l.item.clone(),
                category: l.category?,
            })
        })
        .collect()
}

fn write(plan: &Plan, journal: &Journal) -> Result<Change, String> {
    let mut change = Change::default();
    for (date, wanted) in &plan.per_day {
        let done = journal
            .update(*date, |day| Ok(merge(day, wanted, &plan.ours)))
            .map_err(|e| format!("{e}\n{} written before this day.", summary(change)))?;
        change.add(done);
    }
    Ok(change)
}

/// Tracked minutes per category over the period; overlapping sessions count once (as in reports).
fn baseline(
    days: &BTreeMap<NaiveDate, Day>,
    window: &Window,
    config: &Config,
    now: DateTime<FixedOffset>,
) -> Figures {
    let cap = capacity(config);
    let per_day: Vec<(NaiveDate, Figures)> = window
        .from
        .iter_days()
        .take_while(|d| *d <= window.to)
        .map(|d| (d, day_figures(d, days.get(&d), &cap, &window.zone, now)))
        .collect();
    total(&per_day)
}

fn summary(c: Change) -> String {
    format!(
        "{} added, {} updated, {} removed, {} unchanged",
        c.added, c.updated, c.removed, c.unchanged
    )
}

fn hours(minutes: i64) -> String {
    format!("{:.2}", minutes as f64 / 60.0)
}

fn category_cell(line: &Line) -> String {
    match (&line.verdict, line.category) {
        (Some(v), _) => format!("{} ({})", v.category.tag(), v.word),
        (None, Some(c)) => format!("{} (kept)", c.tag()),
        (None, None) => "?".into(),
    }
}

fn print_text(
    lines: &[Line],
    parsed: &Parsed,
    change: Change,
    baseline: &Figures,
    window: &Window,
    written: bool,
) {
    println!(
        "Import {} – {}: {} items",
        window.from,
        window.to,
        lines.len()
    );
    for n in &parsed.notices {
        println!("Note: {n}.");
    }
    println!(
        "{:<10} {:<11} {:>5}  {:<22} {:<36} account",
        "date", "time", "min", "category", "title"
    );
    for l in lines {
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
    let unsorted: Vec<&Line> = lines.iter().filter(|l| l.category.is_none()).collect();
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
    if !parsed.skipped.is_empty() {
        let counts: Vec<String> = parsed
            .skipped
            .iter()
            .map(|(r, n)| format!("{n} {r}"))
            .collect();
        println!("\nSkipped: {}", counts.join(", "));
    }
    for p in &parsed.problems {
        eprintln!("protime: not imported: {p}");
    }
    if written {
        println!("\nWritten: {}.", summary(change));
    } else {
        println!(
            "\nNothing written (would be: {}). Add --yes to accept these categories.",
            summary(change)
        );
    }
    print_baseline(baseline, window);
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

fn print_json(
    lines: &[Line],
    parsed: &Parsed,
    change: Change,
    baseline: &Figures,
    window: &Window,
    written: bool,
) {
    let items: Vec<Value> = lines
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
        "written": written,
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
