//! Headless entry points: each prints and returns an exit code.

pub mod config_cmd;
pub mod generate;
pub mod plan;

use std::io::Write as _;
use std::process::ExitCode;

/// Exit codes every command shares (documented in README).
pub const EXIT_OK: u8 = 0;
pub const EXIT_REFUSED: u8 = 1;
pub const EXIT_JOURNAL: u8 = 2;

/// Prints `message` to stderr and returns `code`.
pub fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    // Not eprintln!, which panics when stderr is a terminal that has gone away.
    let _ = writeln!(std::io::stderr(), "protime: {message}");
    ExitCode::from(code)
}

/// Reads a `YYYY-MM-DD` date a person typed.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date: write it as YYYY-MM-DD, like 2026-11-26"))
}
