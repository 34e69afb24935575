//! The calendar sync runs as a program of its own, `protime-sync`, installed beside `protime`:
//! its HTTP, TLS and async runtime would otherwise be loaded and relocated at every start of
//! `protime status` or the dashboard. `protime sync` hands its arguments over to it; the
//! dashboard's `S` starts it with `--dashboard` and reads its news, one line each.

use crate::commands::{EXIT_JOURNAL, EXIT_REFUSED, fail};
use crate::paths::Paths;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};

/// The sync program's file name.
pub const PROGRAM: &str = "protime-sync";

/// What protime-sync says when asked for anything else.
pub const ONLY_SYNC: &str = "protime-sync runs the calendar sync only (for `protime sync` and \
                             the dashboard's S): run `protime` for everything else";

/// Where protime-sync is: beside the running protime, where `cargo install` and `cargo build`
/// put it.
pub fn program() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| format!("could not find protime itself: {e}"))?;
    let program = exe.with_file_name(PROGRAM);
    match program.is_file() {
        true => Ok(program),
        false => Err(format!(
            "the calendar sync is a program of its own, {PROGRAM}, and it is not beside protime \
             in {}: install both with `cargo install --locked --path .`, or build both with \
             `cargo build --release`",
            exe.parent().unwrap_or(&exe).display()
        )),
    }
}

/// `protime sync …`: becomes protime-sync with the same arguments, so the rep sees one program.
pub fn hand_over() -> ExitCode {
    use std::os::unix::process::CommandExt;
    let program = match program() {
        Ok(p) => p,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    // argv[0] stays "protime", so usage and error messages name the verb the rep typed.
    let error = Command::new(&program)
        .arg0("protime")
        .args(std::env::args_os().skip(1))
        .exec();
    fail(
        EXIT_JOURNAL,
        format!("could not start {}: {error}", program.display()),
    )
}

/// Starts protime-sync for the dashboard: the days `from`–`to`, settling `keep` if given; its
/// news comes on stdout, a [`News`] a line, and a refusal of its arguments on stderr.
pub fn spawn(
    paths: &Paths,
    (from, to): (NaiveDate, NaiveDate),
    keep: Option<(&str, &str)>,
) -> Result<Child, String> {
    let mut command = Command::new(program()?);
    command.arg("--data-dir").arg(&paths.data_dir);
    if paths.config_explicit {
        command.arg("--config").arg(&paths.config_file);
    }
    let (from, to) = (from.to_string(), to.to_string());
    command.args(["sync", "--dashboard", "--from", &from, "--to", &to]);
    if let Some((side, uid)) = keep {
        command.args(["--keep", side, uid]);
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {PROGRAM}: {e}"))
}

/// One event both sides changed, as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub uid: String,
    pub date: NaiveDate,
    /// Why it is a conflict, in words.
    pub why: String,
    /// The block as the plan has it, if it still does.
    pub mine: Option<String>,
    /// The event's day, times and title as the calendar has it, if it still does.
    pub theirs: Option<String>,
}

/// What protime-sync tells the dashboard, one line each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum News {
    /// What it is doing now.
    Progress(String),
    /// A conflict left to settle.
    Conflict(Conflict),
    /// It ended: what it did.
    Done(String),
    /// It stopped: why, and what to do.
    Failed(String),
}

impl News {
    /// The line protime-sync writes (without its line break).
    pub fn line(&self) -> String {
        let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        match self {
            News::Progress(text) => format!("progress {}", one_line(text)),
            News::Conflict(c) => format!("conflict {}", serde_json::json!(c)),
            News::Done(text) => format!("done {}", one_line(text)),
            News::Failed(text) => format!("failed {}", one_line(text)),
        }
    }

    /// The news a line says; `None` for a line that is none.
    pub fn parse(line: &str) -> Option<News> {
        let (kind, rest) = line.split_once(' ')?;
        let text = rest.to_string();
        match kind {
            "progress" => Some(News::Progress(text)),
            "conflict" => serde_json::from_str(rest).ok().map(News::Conflict),
            "done" => Some(News::Done(text)),
            "failed" => Some(News::Failed(text)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_reads_back_as_written() {
        let conflict = Conflict {
            uid: "2026-11-30-b2@0a1b".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            why: "changed here and in the calendar since the last sync".into(),
            mine: Some("09:00-10:00 Prospecting".into()),
            theirs: None,
        };
        let all = [
            News::Progress("reading the calendar …".into()),
            News::Conflict(conflict),
            News::Done("Calendar synced: nothing had changed.".into()),
            News::Failed("could not reach it".into()),
        ];
        for news in all {
            assert_eq!(News::parse(&news.line()), Some(news));
        }
    }

    #[test]
    fn a_message_of_several_lines_travels_as_one() {
        let news = News::Failed("no calendar is set up:\n  [calendar.caldav]".into());
        assert_eq!(
            news.line(),
            "failed no calendar is set up: [calendar.caldav]"
        );
    }

    #[test]
    fn anything_else_is_no_news() {
        assert_eq!(News::parse("warning: something"), None);
        assert_eq!(News::parse("conflict {not json"), None);
        assert_eq!(News::parse(""), None);
    }
}
