//! The timer verbs (`start`, `pause`, `resume`, `stop`, `interrupt`, `pass`) and `log`, through the
//! same journal store and the same rules as the TUI.

use super::plan::parse_range;
use super::status::StatusLine;
use super::{EXIT_JOURNAL, EXIT_OK, EXIT_REFUSED, fail, parse_date};
use crate::clock::Zone;
use crate::config::Config;
use crate::domain::plan::DayEdit;
use crate::domain::span::local_instant;
use crate::domain::timer::{FocusTarget, TimerEvent, TimerOp};
use crate::domain::{Category, Day, Session, SessionKind};
use crate::journal::{Journal, JournalError};
use chrono::{DateTime, FixedOffset};
use std::process::ExitCode;

/// Which focus `protime start` means.
pub struct StartArgs<'a> {
    pub block: Option<&'a str>,
    pub category: Option<&'a str>,
    pub title: Option<&'a str>,
}

/// The focus target named on the command line, checked against today's plan.
fn target(day: &Day, now: DateTime<FixedOffset>, args: &StartArgs) -> Result<FocusTarget, String> {
    if let Some(category) = args.category {
        let category: Category = category
            .parse()
            .map_err(|e: crate::domain::category::UnknownCategory| e.to_string())?;
        return Ok(FocusTarget {
            category,
            title: args.title.map(str::to_string),
            block: None,
            account: None,
        });
    }
    let blocks = day.blocks_by_start();
    let found = match args.block {
        Some(name) => {
            let name_lower = name.to_lowercase();
            blocks.iter().find(|b| b.id == name).or_else(|| {
                blocks
                    .iter()
                    .find(|b| b.title.to_lowercase().starts_with(&name_lower))
            })
        }
        None => day
            .block_at(now.time())
            .and_then(|b| blocks.iter().find(|x| x.id == b.id)),
    };
    match (found, args.block) {
        (Some(b), _) => Ok(FocusTarget::block(b)),
        (None, Some(name)) => Err(format!(
            "no block today is called \"{name}\": see `protime plan show`, or use --category"
        )),
        (None, None) => Err(
            "no block is planned for now: name one (see `protime plan show`) or give --category"
                .into(),
        ),
    }
}

/// Runs a timer command on today's day and prints the timer afterwards.
pub fn run(
    journal: &Journal,
    config: &Config,
    (now, zone): (DateTime<FixedOffset>, &Zone),
    op: TimerOp,
    json: bool,
) -> ExitCode {
    let settings = config.timer_settings();
    let passing = matches!(op, TimerOp::PassOn { .. });
    let stopping = matches!(op, TimerOp::Stop);
    let result = super::settle_earlier(journal, config, zone, now).and_then(|closed| {
        // `interrupt` or `stop` pressed for what was left running on an earlier day ends it
        // (just done, at its last sign of life) rather than opening another or failing.
        let ended_forgotten = closed.iter().any(|s| match op {
            TimerOp::Interrupt(None) => s.kind == SessionKind::Interruption,
            TimerOp::Stop => s.kind == SessionKind::Focus,
            _ => false,
        });
        if ended_forgotten {
            return journal.load(now.date_naive());
        }
        let date = day_of_the_running(journal, now, &op);
        let act = DayEdit::Timer {
            op: op.clone(),
            at: now,
            settings,
        };
        journal.update(date, |day| {
            let (_, outcome) = act.clone().apply_reporting(day)?;
            for event in outcome
                .events
                .iter()
                .filter(|e| matches!(e, TimerEvent::ClockBehind { .. }))
            {
                let text = crate::tui::effects::event_message(event, &settings);
                crate::say_err!("protime: note: {text}");
            }
            Ok(day.clone())
        })
    });
    match result {
        // `pass` confirms what it logged; the timer it left alone is `protime status`'s to show.
        Ok(day) if passing && !json => match passed_on(&day, now) {
            Some(line) => {
                crate::say!("{line}");
                ExitCode::from(EXIT_OK)
            }
            None => fail(EXIT_JOURNAL, "the request passed on was not saved"),
        },
        Ok(day) if stopping && !json => {
            if let Some(line) = stopped(&day, now) {
                crate::say!("{line}");
            }
            report(journal, Ok(day), config, now, json)
        }
        result => report(journal, result, config, now, json),
    }
}

/// "Stopped: Calls, 09:00–09:20 (0h20 proactive)": the focus session `stop` just ended at `now`.
fn stopped(day: &Day, now: DateTime<FixedOffset>) -> Option<String> {
    let s = day
        .sessions
        .iter()
        .rev()
        .find(|s| s.kind == SessionKind::Focus && s.end == Some(now))?;
    let minutes = (now - s.start).num_minutes();
    Some(format!(
        "Stopped: {}, {}–{} ({} {})",
        s.title.as_deref().unwrap_or("focus").trim(),
        s.start.format("%H:%M"),
        now.format("%H:%M"),
        crate::domain::timefmt::format_minutes(minutes),
        s.category
    ))
}

/// "Passed on: invoice to finance (ACME), logged 10:25 as 1 min reactive": the entry `pass` just
/// logged at `now`.
fn passed_on(day: &Day, now: DateTime<FixedOffset>) -> Option<String> {
    let s = day.sessions.iter().rev().find(|s| {
        s.kind == SessionKind::Interruption
            && s.note.as_deref() == Some("passed on")
            && s.start == now
    })?;
    let minutes = s.end.map_or(0, |end| (end - s.start).num_minutes());
    let account = s
        .account
        .as_deref()
        .map_or(String::new(), |a| format!(" ({a})"));
    Some(format!(
        "Passed on: {}{account}, logged {} as {minutes} min {}",
        s.title.as_deref().unwrap_or("").trim(),
        s.start.format("%H:%M"),
        s.category
    ))
}

/// The day file `op` acts on: today's, unless what runs was started on the next local date (the
/// rep flew west since: Tokyo's morning is New York's evening before), then that one, so a
/// session is found by its instant and not hidden by a zone change. Starting something new
/// always goes to today.
fn day_of_the_running(
    journal: &Journal,
    now: DateTime<FixedOffset>,
    op: &TimerOp,
) -> chrono::NaiveDate {
    let today = now.date_naive();
    let starts_new = matches!(
        op,
        TimerOp::Start(_) | TimerOp::PassOn { .. } | TimerOp::Park(_)
    );
    if starts_new || journal.load(today).is_ok_and(|d| d.is_running()) {
        return today;
    }
    crate::journal::carry_over::running_ahead(journal, today).unwrap_or(today)
}

/// `stop --at` / `interrupt --at`: the rep's answer after a silence. The command is applied at
/// that time on the day something runs on (an earlier day's forgotten session, else today), before
/// anything else is settled.
pub fn run_at(
    journal: &Journal,
    config: &Config,
    (now, zone): (DateTime<FixedOffset>, &Zone),
    (op, at): (TimerOp, &str),
    json: bool,
) -> ExitCode {
    let settings = config.timer_settings();
    let stopping = matches!(op, TimerOp::Stop);
    let day = crate::journal::carry_over::running_earlier(journal, zone, now)
        .filter(|_| !journal.load(now.date_naive()).is_ok_and(|d| d.is_running()))
        .map_or(now.date_naive(), |d| d.date);
    let instant = match answer_instant(at, day, zone, now) {
        Ok(instant) => instant,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let result = journal
        .update(day, |d| {
            if let Some(start) = crate::domain::timer::newest_open_start(d).filter(|s| instant < *s)
            {
                return Err(format!(
                    "--at {at} is before it began ({}): give a later time",
                    start.format("%H:%M")
                ));
            }
            op.apply(d, instant, &settings).map(|_| ())
        })
        .and_then(|()| super::settle_earlier(journal, config, zone, now))
        .and_then(|_| journal.load(day));
    if let (Ok(day), true, false) = (&result, stopping, json)
        && let Some(line) = stopped(day, instant)
    {
        crate::say!("{line}");
    }
    // The timer line is today's; the day the stop was answered on is usually today already.
    let today = now.date_naive();
    let result = result.and_then(|d| {
        if d.date == today {
            Ok(d)
        } else {
            journal.load(today)
        }
    });
    report(journal, result, config, now, json)
}

/// `HH:MM` on `day`, refused when it is still to come.
fn answer_instant(
    at: &str,
    day: chrono::NaiveDate,
    zone: &Zone,
    now: DateTime<FixedOffset>,
) -> Result<DateTime<FixedOffset>, String> {
    let time = crate::domain::timefmt::parse_hhmm(at)?;
    let instant = local_instant(zone, day, time);
    if instant > now {
        return Err(format!(
            "--at {at} is still to come: give a time that has passed"
        ));
    }
    Ok(instant)
}

pub fn start(
    journal: &Journal,
    config: &Config,
    (now, zone): (DateTime<FixedOffset>, &Zone),
    args: StartArgs,
    json: bool,
) -> ExitCode {
    let settings = config.timer_settings();
    let result = super::settle_earlier(journal, config, zone, now).and_then(|_| {
        journal.update(now.date_naive(), |day| {
            let op = TimerOp::Start(target(day, now, &args)?);
            DayEdit::Timer {
                op,
                at: now,
                settings,
            }
            .apply(day)?;
            Ok(day.clone())
        })
    });
    report(journal, result, config, now, json)
}

fn report(
    journal: &Journal,
    result: Result<Day, JournalError>,
    config: &Config,
    now: DateTime<FixedOffset>,
    json: bool,
) -> ExitCode {
    match result {
        Ok(day) => {
            StatusLine::observed(journal, (&day, &day), config, now)
                .print(json, "{icon} {state} {left} {title}");
            ExitCode::from(EXIT_OK)
        }
        Err(JournalError::Refused(reason)) => fail(EXIT_REFUSED, reason),
        Err(e) => fail(EXIT_JOURNAL, e),
    }
}

pub struct LogArgs<'a> {
    pub range: &'a str,
    pub category: &'a str,
    pub title: &'a str,
    pub account: Option<&'a str>,
    pub date: Option<&'a str>,
}

/// `protime log 09:00-09:40 reactive "ACME outage"`: a manual entry for time that was not timed.
pub fn log(
    journal: &Journal,
    now: DateTime<FixedOffset>,
    zone: &crate::clock::Zone,
    args: LogArgs,
    json: bool,
) -> ExitCode {
    let session = match manual_session(now, zone, &args)
        .and_then(|s| crate::domain::plan::already_happened(&s, now).map(|()| s))
    {
        Ok(s) => s,
        Err(message) => return fail(EXIT_REFUSED, message),
    };
    let date = session.start.date_naive();
    match journal.update(date, |day| {
        // The entry takes its place in time order: found by the id its inverse names.
        DayEdit::AddSession(session.clone())
            .apply(day)
            .map(|undo| match undo {
                DayEdit::RemoveSession(id) => day.sessions.iter().find(|s| s.id == id).cloned(),
                _ => None,
            })
    }) {
        Ok(Some(saved)) => {
            if json {
                crate::say!(
                    "{}",
                    serde_json::json!({ "date": date.to_string(), "session": saved })
                );
            } else {
                crate::say!(
                    "{date} {} {} {} ({})",
                    args.range,
                    saved.category.tag(),
                    args.title,
                    saved.id
                );
            }
            ExitCode::from(EXIT_OK)
        }
        Ok(None) => fail(EXIT_JOURNAL, "the entry was not saved"),
        Err(JournalError::Refused(reason)) => fail(EXIT_REFUSED, reason),
        Err(e) => fail(EXIT_JOURNAL, e),
    }
}

fn manual_session(
    now: DateTime<FixedOffset>,
    zone: &crate::clock::Zone,
    args: &LogArgs,
) -> Result<Session, String> {
    let date = args.date.map_or(Ok(now.date_naive()), parse_date)?;
    let (start, end) = parse_range(args.range)?;
    let category: Category = args
        .category
        .parse()
        .map_err(|e: crate::domain::category::UnknownCategory| e.to_string())?;
    crate::domain::plan::validate(start, end, args.title)
        .map_err(|e| e.replace("block", "entry"))?;
    Ok(Session {
        id: String::new(),
        start: local_instant(zone, date, start),
        end: Some(local_instant(zone, date, end)),
        category,
        kind: SessionKind::Manual,
        title: Some(args.title.trim().to_string()),
        block: None,
        account: args.account.map(str::to_string),
        note: None,
        source: None,
    })
}
