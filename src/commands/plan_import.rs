//! `protime import calendar FILE --plan`: the calendar's meetings into the plan as blocks.

use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail, parse_date};
use crate::cli::ImportArgs;
use crate::clock::Zone;
use crate::config::Config;
use crate::domain::timefmt::format_hhmm;
use crate::import::Window;
use crate::import::job::{Failure, checked_window};
use crate::import::meetings::PlanChange;
use crate::import::plan_job::{PlanImport, prepare};
use crate::journal::Journal;
use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};
use std::process::ExitCode;

pub fn run(
    journal: &Journal,
    config: &Config,
    now: DateTime<FixedOffset>,
    zone: Zone,
    args: &ImportArgs,
    json: bool,
) -> ExitCode {
    let window = match window(args, now, zone) {
        Ok(w) => w,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let unmatched = match super::import_cmd::unmatched(args) {
        Ok(c) => c,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let import = match prepare(journal, config, &args.file, window, unmatched) {
        Ok(p) => p,
        Err(Failure::Export(message)) => return fail(EXIT_REFUSED, message),
        Err(Failure::Journal(message)) => return fail(EXIT_JOURNAL, message),
    };
    // Blocks are a plan, not a record, and a re-import puts them right: they are written
    // without a review (--dry-run shows them first).
    let change = match args.dry_run {
        true => import.preview(),
        false => match import.write(journal) {
            Ok(written) => written.change,
            Err(message) => return fail(EXIT_JOURNAL, message),
        },
    };
    let out = Printed {
        import: &import,
        change: &change,
        written: !args.dry_run,
    };
    match json {
        true => out.json(),
        false => out.text(),
    }
    ExitCode::from(EXIT_OK)
}

/// `--date D`, `--from D --to D`, or today.
fn window(args: &ImportArgs, now: DateTime<FixedOffset>, zone: Zone) -> Result<Window, String> {
    let (from, to) = match (&args.date, &args.from, &args.to) {
        (Some(date), _, _) => (parse_date(date)?, parse_date(date)?),
        (None, Some(from), Some(to)) => (parse_date(from)?, parse_date(to)?),
        _ => {
            let today = now.with_timezone(&zone).date_naive();
            (today, today)
        }
    };
    if from > to {
        return Err(format!(
            "--from {from} is after --to {to}: give the earlier day first"
        ));
    }
    checked_window(from, to, zone)
}

struct Printed<'a> {
    import: &'a PlanImport,
    change: &'a PlanChange,
    written: bool,
}

impl Printed<'_> {
    fn text(&self) {
        let (import, change) = (self.import, self.change);
        let window = &import.window;
        let count = import.meetings().count();
        crate::say!(
            "Plan from the calendar, {} – {}: {count} meeting{}",
            window.from,
            window.to,
            if count == 1 { "" } else { "s" }
        );
        for n in &import.parsed.notices {
            crate::say!("Note: {n}.");
        }
        for (date, m) in import.meetings() {
            let tag = if m.unsorted { "?" } else { " " };
            crate::say!(
                "{date} {}-{} {}{:<4} {}",
                format_hhmm(m.start),
                format_hhmm(m.end),
                tag,
                m.category.tag(),
                m.title
            );
        }
        self.unsorted();
        print_list(
            "\nOverlaps (placed anyway; the Plan tab warns too):",
            &change.overlaps,
        );
        if let Some(skipped) = import.parsed.skipped_summary() {
            crate::say!("\nSkipped: {skipped}");
        }
        for p in &import.parsed.problems {
            crate::say_err!("protime: not imported: {p}");
        }
        match self.written {
            true => crate::say!("\nPlanned: {}.", change.summary()),
            false => crate::say!(
                "\nNothing written (would be: {}). Run without --dry-run to plan them.",
                change.summary()
            ),
        }
    }

    /// The meetings no rule sorted: planned as OTHER (or --unmatched), flagged for a rule.
    fn unsorted(&self) {
        let unsorted = self.import.unsorted();
        if unsorted.is_empty() {
            return;
        }
        crate::say!(
            "\nNo rule matched {} meeting{} (marked ?; planned as {}): add a rule to \
             [import.rules], or change the category on the Plan tab (kept on re-import):",
            unsorted.len(),
            if unsorted.len() == 1 { "" } else { "s" },
            unsorted[0].1.category.name()
        );
        for (date, m) in unsorted {
            crate::say!(
                "  {date} {}  {}  [{}]",
                format_hhmm(m.start),
                m.title,
                m.source
            );
        }
    }

    fn json(&self) {
        let (import, change) = (self.import, self.change);
        let meetings: Vec<Value> = import
            .meetings()
            .map(|(date, m)| {
                json!({
                    "date": date.to_string(),
                    "start": format_hhmm(m.start),
                    "end": format_hhmm(m.end),
                    "title": m.title,
                    "category": m.category.name(),
                    "unsorted": m.unsorted,
                    "source": m.source,
                })
            })
            .collect();
        let doc = json!({
            "from": import.window.from.to_string(),
            "to": import.window.to.to_string(),
            "written": self.written,
            "meetings": meetings,
            "overlaps": change.overlaps,
            "skipped": import.parsed.skipped,
            "problems": import.parsed.problems,
            "notices": import.parsed.notices,
            "change": {
                "added": change.added, "moved": change.moved, "updated": change.updated,
                "removed": change.removed, "unchanged": change.unchanged, "kept": change.kept,
                "deleted_by_you": change.deleted, "yours_moved": change.returned,
            },
        });
        crate::say_json!("{doc:#}");
    }
}

fn print_list(title: &str, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    crate::say!("{title}");
    for line in lines {
        crate::say!("  {line}");
    }
}
