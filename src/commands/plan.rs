//! `protime plan add|show`: the plan from the command line, through the same journal store.

use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail, parse_date};
use crate::domain::Day;
use crate::domain::plan::{NewBlock, add_block};
use crate::domain::span::overlapping_blocks;
use crate::domain::timefmt::{format_hhmm, parse_hhmm};
use crate::journal::Journal;
use chrono::{NaiveDate, NaiveTime};
use std::process::ExitCode;

pub struct AddArgs<'a> {
    pub range: &'a str,
    pub category: &'a str,
    pub title: &'a str,
    pub date: Option<&'a str>,
    pub account: Option<&'a str>,
    pub objective: Option<&'a str>,
}

pub fn add(journal: &Journal, today: NaiveDate, args: AddArgs, json: bool) -> ExitCode {
    let parsed = parse_add(today, &args);
    let (date, new) = match parsed {
        Ok(p) => p,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let added = journal.update(date, |day| {
        let block = add_block(day, new)?;
        let overlaps = overlapped_by(day, &block.id);
        Ok((block, overlaps))
    });
    match added {
        Ok((block, overlaps)) => {
            if json {
                crate::say!(
                    "{}",
                    serde_json::json!({ "date": date.to_string(), "block": block })
                );
            } else {
                crate::say!(
                    "{date} {}-{} {} {} ({})",
                    format_hhmm(block.start),
                    format_hhmm(block.end),
                    block.category.tag(),
                    block.title,
                    block.id
                );
            }
            for title in overlaps {
                // Added all the same, as in the dashboard, which shows the overlap too.
                crate::say_err!("protime: note: it overlaps \"{title}\"");
            }
            ExitCode::from(EXIT_OK)
        }
        Err(crate::journal::JournalError::Refused(reason)) => fail(EXIT_REFUSED, reason),
        Err(e) => fail(EXIT_JOURNAL, e),
    }
}

/// The titles of the blocks that overlap block `id`.
fn overlapped_by(day: &Day, id: &str) -> Vec<String> {
    overlapping_blocks(&day.blocks)
        .into_iter()
        .filter_map(|(a, b)| match (a == id, b == id) {
            (true, _) => Some(b),
            (_, true) => Some(a),
            _ => None,
        })
        .filter_map(|other| day.blocks.iter().find(|x| x.id == other))
        .map(|b| b.title.clone())
        .collect()
}

fn parse_add(today: NaiveDate, args: &AddArgs) -> Result<(NaiveDate, NewBlock), String> {
    let date = args.date.map_or(Ok(today), parse_date)?;
    let (start, end) = parse_range(args.range)?;
    let category = args
        .category
        .parse()
        .map_err(|e: crate::domain::category::UnknownCategory| e.to_string())?;
    let new = NewBlock {
        start,
        end,
        category,
        title: args.title.to_string(),
        account: args.account.map(str::to_string),
        objective: args.objective.map(str::to_string),
    };
    Ok((date, new))
}

/// `09:00-10:30` → (09:00, 10:30).
pub fn parse_range(text: &str) -> Result<(NaiveTime, NaiveTime), String> {
    let (a, b) = text.split_once('-').ok_or_else(|| {
        format!("\"{text}\" is not a time range: write START-END, like 09:00-10:30")
    })?;
    Ok((parse_hhmm(a)?, parse_hhmm(b)?))
}

pub fn show(journal: &Journal, today: NaiveDate, date: Option<&str>, json: bool) -> ExitCode {
    let date = match date.map_or(Ok(today), parse_date) {
        Ok(d) => d,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let day = match journal.load(date) {
        Ok(day) => day,
        Err(e) => return fail(EXIT_JOURNAL, e),
    };
    if json {
        let blocks = day.blocks_by_start();
        let out = serde_json::json!({ "date": date.to_string(), "off": day.off, "blocks": blocks });
        crate::say!("{out}");
        return ExitCode::from(EXIT_OK);
    }
    crate::say!("{}", date.format("%a %-d %b %Y"));
    if let Some(off) = &day.off {
        crate::say!("  day off: {off}");
    }
    if day.blocks.is_empty() {
        crate::say!("  nothing planned");
    }
    for b in day.blocks_by_start() {
        let extra: Vec<&str> = [b.account.as_deref(), b.objective.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(" · {}", extra.join(" · "))
        };
        let meeting = if b.source.is_some() {
            " (calendar)"
        } else {
            ""
        };
        crate::say!(
            "  {}-{} {:<3} {}{extra}{meeting}",
            format_hhmm(b.start),
            format_hhmm(b.end),
            b.category.tag(),
            b.title
        );
    }
    ExitCode::from(EXIT_OK)
}
