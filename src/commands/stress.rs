//! The hidden `protime debug-save-loop`: saves one block after another so the crash and two-writer
//! tests (tests/crash.rs) can kill or race a real process. Each save is acknowledged on stdout only
//! after the journal says it is on disk, so an acknowledged save is one that must survive.

use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail, parse_date};
use crate::domain::Category;
use crate::domain::plan::{NewBlock, add_block};
use crate::journal::Journal;
use chrono::NaiveTime;
use std::io::Write;
use std::process::ExitCode;

pub fn save_loop(journal: &Journal, date: &str, tag: &str, count: u64) -> ExitCode {
    let date = match parse_date(date) {
        Ok(d) => d,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let mut out = std::io::stdout().lock();
    for i in 1..=count {
        let title = format!("{tag}-{i}");
        if let Err(e) = journal.update(date, |day| add_block(day, block(&title))) {
            return fail(EXIT_JOURNAL, e);
        }
        // Flushed at once: the test counts a save as acknowledged only once it can read this line.
        let acked = writeln!(out, "ack {title}").and_then(|()| out.flush());
        if acked.is_err() {
            return fail(EXIT_JOURNAL, "stdout closed");
        }
    }
    ExitCode::from(EXIT_OK)
}

fn block(title: &str) -> NewBlock {
    let at = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_default();
    NewBlock {
        start: at(9),
        end: at(10),
        category: Category::Proactive,
        title: title.to_string(),
        account: None,
        objective: None,
    }
}
