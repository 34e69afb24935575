//! The hidden `protime generate`: fills the journal with synthetic days.

use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail, parse_date};
use crate::journal::Journal;
use chrono::FixedOffset;
use std::process::ExitCode;

pub fn run(journal: &Journal, days: u32, end: &str, seed: u64, offset: FixedOffset) -> ExitCode {
    let end = match parse_date(end) {
        Ok(d) => d,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let generated = crate::synth::generate(seed, end, days, offset);
    for day in &generated {
        let date = day.date;
        let result = journal.update(date, |existing| {
            if existing.is_empty() {
                *existing = day.clone();
                Ok(())
            } else {
                Err(format!(
                    "{date} already has entries; generate only into an empty journal"
                ))
            }
        });
        if let Err(e) = result {
            return fail(EXIT_JOURNAL, e);
        }
    }
    crate::say!(
        "wrote {} days into {}",
        generated.len(),
        journal.root().display()
    );
    ExitCode::from(EXIT_OK)
}
