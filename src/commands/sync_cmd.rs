//! `protime sync`: the plan and the CalDAV calendar of `[calendar.caldav]` in step.

use super::export_plan::plan_period;
use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail};
use crate::cli::PeriodArgs;
use crate::clock::Zone;
use crate::config::Config;
use crate::journal::Journal;
use crate::sync::{Conflict, Keep, Outcome, Request, SyncError};
use crate::sync_link::News;
use chrono::{DateTime, FixedOffset};
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

pub struct Args<'a> {
    pub period: &'a PeriodArgs,
    /// `--keep mine|theirs UID`
    pub keep: Option<&'a [String]>,
    /// `--save-password`: store it in the keyring instead of syncing.
    pub save_password: bool,
    /// Named in the message when no calendar is set up.
    pub config_file: &'a str,
}

pub fn run(
    journal: &Journal,
    config: &Config,
    (now, zone): (DateTime<FixedOffset>, &Zone),
    args: &Args<'_>,
    json: bool,
) -> ExitCode {
    if args.save_password {
        return save_password(config, args.config_file, json);
    }
    let request = match request(journal, config, (now, zone), args, &|_| {}) {
        Ok(r) => r,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    match crate::sync::sync(&request) {
        Ok(outcome) if json => print_json(&outcome),
        Ok(outcome) => print_text(&outcome, &config.calendar.caldav.url),
        Err(e @ SyncError::Journal(_)) => return fail(EXIT_JOURNAL, e),
        Err(e) => return fail(EXIT_REFUSED, e),
    }
    ExitCode::from(EXIT_OK)
}

/// `protime sync --dashboard`: the same sync, its progress, conflicts and end told to the
/// dashboard as [`News`] lines on stdout.
pub fn for_dashboard(
    journal: &Journal,
    config: &Config,
    moment: (DateTime<FixedOffset>, &Zone),
    args: &Args<'_>,
) -> ExitCode {
    // A dashboard that went away must not stop a sync half-way: its news is then lost, not fatal.
    let tell = |news: News| {
        let _ = writeln!(std::io::stdout().lock(), "{}", news.line());
    };
    let progress = |line: &str| tell(News::Progress(line.to_string()));
    let request = match request(journal, config, moment, args, &progress) {
        Ok(r) => r,
        Err(message) => {
            tell(News::Failed(format!("Calendar sync: {message}")));
            return ExitCode::from(EXIT_REFUSED);
        }
    };
    match crate::sync::sync(&request) {
        Ok(outcome) => {
            for conflict in &outcome.conflicts {
                tell(News::Conflict(conflict.clone()));
            }
            tell(News::Done(crate::sync::told(&outcome)));
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            // In the dashboard, trying again is a key, not a command.
            let text = (e.to_string())
                .replace("run `protime sync` again", "press S again")
                .replace("try `protime sync` again", "press S again");
            tell(News::Failed(format!("Calendar sync: {text}")));
            let journal_error = matches!(e, SyncError::Journal(_));
            ExitCode::from(if journal_error {
                EXIT_JOURNAL
            } else {
                EXIT_REFUSED
            })
        }
    }
}

/// What one sync is asked, from the verb's arguments; `Err` says what to change.
fn request<'a>(
    journal: &'a Journal,
    config: &'a Config,
    (now, zone): (DateTime<FixedOffset>, &Zone),
    args: &Args<'_>,
    progress: &'a dyn Fn(&str),
) -> Result<Request<'a>, String> {
    let today = now.with_timezone(zone).date_naive();
    let (from, to) = plan_period(args.period, today)?;
    let keep = keep(args.keep)?;
    let password = crate::sync::password(config, args.config_file).map_err(|e| e.to_string())?;
    Ok(Request {
        journal,
        config,
        now,
        window: (from, to, *zone),
        password,
        keep,
        progress,
    })
}

/// `protime sync --save-password`: reads the password, stores it in the keyring, says where.
fn save_password(config: &Config, config_file: &str, json: bool) -> ExitCode {
    let caldav = &config.calendar.caldav;
    if caldav.url.trim().is_empty() {
        let config = config_file.to_string();
        return fail(EXIT_REFUSED, SyncError::NotSetUp { config });
    }
    let prompt = format!("Password of \"{}\" on {}: ", caldav.user, caldav.url);
    let password = match read_password(&prompt) {
        Ok(p) if !p.is_empty() => p,
        Ok(_) => return fail(EXIT_REFUSED, "no password given: nothing was stored"),
        Err(e) => return fail(EXIT_REFUSED, format!("could not read the password: {e}")),
    };
    let saved = match crate::sync::save_password(config, config_file, &password) {
        Ok(saved) => saved,
        Err(e) => return fail(EXIT_REFUSED, e),
    };
    if json {
        let doc = json!({"collection": saved.collection, "label": saved.label});
        crate::say_json!("{doc:#}");
    } else {
        crate::say!(
            "Stored in your keyring, collection \"{}\", as \"{}\". `protime sync` uses it \
             whenever {} is not set.",
            saved.collection,
            saved.label,
            crate::sync::PASSWORD_VAR
        );
    }
    ExitCode::from(EXIT_OK)
}

/// From the terminal without echo when stdin is one; else the first line of stdin.
fn read_password(prompt: &str) -> std::io::Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(prompt);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn keep(args: Option<&[String]>) -> Result<Option<(Keep, String)>, String> {
    let Some([side, uid]) = args else {
        return Ok(None);
    };
    let side = match side.as_str() {
        "mine" => Keep::Mine,
        "theirs" => Keep::Theirs,
        other => {
            return Err(format!(
                "--keep {other}: say which side to keep, mine (your block) or theirs (the \
                 calendar's event), then the UID"
            ));
        }
    };
    Ok(Some((side, uid.clone())))
}

fn print_text(out: &Outcome, url: &str) {
    if let (Some(from), Some(to)) = (out.from, out.to) {
        crate::say!("Synced with {url}, {from} – {to}:");
    }
    crate::say!("  From the calendar: {}.", out.change.summary());
    crate::say!("  {}", crate::sync::summary(out));
    for p in &out.problems {
        crate::say_err!("protime: not read: {p}");
    }
    if out.conflicts.is_empty() {
        return;
    }
    crate::say!(
        "\n{} conflict{} (left as they are on both sides; settle each):",
        out.conflicts.len(),
        if out.conflicts.len() == 1 { "" } else { "s" }
    );
    for c in &out.conflicts {
        print_conflict(c);
    }
}

fn print_conflict(c: &Conflict) {
    let mine = match &c.mine {
        Some(block) => format!("{} {block}", c.date),
        None => "deleted".to_string(),
    };
    let theirs = c.theirs.as_deref().unwrap_or("deleted");
    crate::say!("  {}: {}", c.uid, c.why);
    crate::say!("    here: {mine}; in the calendar: {theirs}");
    crate::say!(
        "    keep yours:            protime sync --keep mine {}",
        c.uid
    );
    crate::say!(
        "    keep the calendar's:   protime sync --keep theirs {}",
        c.uid
    );
}

fn print_json(out: &Outcome) {
    let conflicts: Vec<serde_json::Value> = out
        .conflicts
        .iter()
        .map(|c| {
            json!({
                "uid": c.uid, "date": c.date.to_string(), "why": c.why,
                "mine": c.mine, "theirs": c.theirs,
            })
        })
        .collect();
    let ch = &out.change;
    let doc = json!({
        "from": out.from.map(|d| d.to_string()),
        "to": out.to.map(|d| d.to_string()),
        "meetings": {
            "added": ch.added, "moved": ch.moved, "updated": ch.updated, "removed": ch.removed,
            "unchanged": ch.unchanged, "kept": ch.kept, "deleted_by_you": ch.deleted,
        },
        "blocks": {
            "moved_by_calendar": ch.returned, "removed_by_calendar": out.removed,
            "renamed_by_calendar": out.renamed,
            "created": out.created, "updated": out.updated, "deleted": out.deleted,
        },
        "conflicts": conflicts,
        "problems": out.problems,
    });
    crate::say_json!("{doc:#}");
}
