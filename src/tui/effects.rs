//! Carrying out what `App::update` asked for: journal reads and writes, off the update path.

use super::app::{App, DayView, Effect, History};
use super::tabs::plan::{copy_candidates, fitting_blocks};
use crate::domain::Day;
use crate::domain::plan::DayEdit;
use crate::domain::timer::{GapAnswer, TimerEvent, TimerOp, TimerSettings};
use crate::journal::{Journal, JournalError};
use crate::journal::{carry_over, heartbeat};
use crate::notify::{Delivery, Notification, NotificationKind, NotifyEvent, enabled};
use chrono::{Datelike, Duration, NaiveDate};

/// Carries out every effect but `Quit`, then reloads what is shown once if anything changed.
pub fn carry_out(effects: Vec<Effect>, app: &mut App, journal: &Journal) {
    let mut reload = false;
    for effect in effects {
        match effect {
            Effect::Quit => {}
            Effect::ReloadDay => reload = true,
            Effect::Message(text) => app.banner = Some(text),
            Effect::Edit {
                date,
                edit,
                history,
            } => {
                save_edit(app, journal, date, edit, history);
                reload = true;
            }
            Effect::CopyPreviousPlan { to } => {
                copy_previous_plan(app, journal, to);
                reload = true;
            }
            Effect::Timer(op) => {
                run_timer(app, journal, op);
                reload = true;
            }
            Effect::Notify(note) => notify(app, &note),
            Effect::Copy { label, text } => {
                app.banner = Some(match super::clipboard::copy(&mut app.terminal_out, &text) {
                    Ok(()) => format!(
                        "Copied \"{label}\" (OSC 52). protime cannot confirm it arrived: in tmux it needs `set -g set-clipboard on`"
                    ),
                    Err(e) => format!("Could not copy \"{label}\": {e}"),
                });
            }
            Effect::OpenImport { file, since } => {
                super::import_review::apply::open(app, journal, &file, &since);
            }
            Effect::Import => {
                super::import_review::apply::accept(app, journal);
                reload = true;
            }
            Effect::Heartbeat => {
                if let Err(e) = heartbeat::touch(journal, app.now) {
                    app.banner = Some(format!("Could not note that protime is running: {e}"));
                }
            }
        }
    }
    // Everything the notifier says in one tick is shown together: why the desktop fell back is
    // not written over by the notification that follows it.
    let mut said: Vec<String> = vec![];
    while let Some(event) = app.notifier.poll() {
        let shown = match &event {
            NotifyEvent::ShowInApp(n) => Some(format!("{}: {}", n.title, n.body)),
            other => other.banner(),
        };
        said.extend(shown);
    }
    if !said.is_empty() {
        app.banner = Some(said.join(". "));
    }
    if reload {
        reload_days(app, journal);
    }
}

/// Sends a notification the config allows; one that only reached the terminal is shown in the app.
fn notify(app: &mut App, note: &Notification) {
    if enabled(&app.config.notifications, note.kind)
        && app.notifier.notify(note) == Delivery::Terminal
    {
        app.banner = Some(format!("{}: {}", note.title, note.body));
    }
}

fn save_edit(app: &mut App, journal: &Journal, date: NaiveDate, edit: DayEdit, history: History) {
    match journal.update(date, |day| edit.apply(day)) {
        Ok(inverse) => {
            // A block just added (or brought back by undo) is the one the next key acts on.
            if let DayEdit::RemoveBlocks(ids) = &inverse {
                app.plan.selected = ids.first().cloned();
            }
            app.plan.record(date, inverse, history);
            app.banner = None;
        }
        Err(e) => app.banner = Some(save_failure(&e)),
    }
}

fn run_timer(app: &mut App, journal: &Journal, op: TimerOp) {
    let (now, settings) = (app.now, app.config.timer_settings());
    match journal.update(now.date_naive(), |day| op.apply(day, now, &settings)) {
        Ok(events) => {
            for event in &events {
                let (kind, title) = match event {
                    TimerEvent::FocusEnded { .. } => {
                        (NotificationKind::FocusEnd, "Focus round done")
                    }
                    TimerEvent::BreakEnded { .. } => (NotificationKind::BreakEnd, "Break over"),
                    TimerEvent::ClockBehind { .. } => continue,
                };
                notify(
                    app,
                    &Notification::new(kind, title, event_message(event, &settings)),
                );
            }
            if let Some(last) = events.last() {
                app.banner = Some(event_message(last, &settings));
            }
        }
        Err(e) => app.banner = Some(save_failure(&e)),
    }
}

/// What the rep is told when the timer moves on by itself.
pub fn event_message(event: &TimerEvent, settings: &TimerSettings) -> String {
    match event {
        TimerEvent::FocusEnded {
            round,
            long_break: false,
        } => {
            format!(
                "Focus round {round} done: take a {}-minute break",
                settings.break_minutes
            )
        }
        TimerEvent::FocusEnded {
            round,
            long_break: true,
        } => {
            format!(
                "Focus round {round} done: take a long break, {} minutes",
                settings.long_break_minutes
            )
        }
        TimerEvent::BreakEnded { next_round } => {
            format!("Break over: space starts focus round {next_round}")
        }
        TimerEvent::ClockBehind { started } => format!(
            "The clock reads earlier than the session's start ({}): it stepped back. The session \
             was kept, ending at its start; correct its end with `protime log` or by hand",
            started.format("%H:%M")
        ),
    }
}

fn save_failure(e: &JournalError) -> String {
    match e {
        JournalError::Refused(reason) => format!("Not saved: {reason}"),
        other => format!("Not saved: {other}"),
    }
}

fn copy_previous_plan(app: &mut App, journal: &Journal, to: NaiveDate) {
    let source = copy_candidates(to)
        .find_map(|date| journal.load(date).ok().filter(|d| !d.blocks.is_empty()));
    let Some(source) = source else {
        app.banner = Some("no planned day in the last two weeks to copy".into());
        return;
    };
    let existing = journal.load(to).map(|d| d.blocks).unwrap_or_default();
    let blocks = fitting_blocks(&existing, source.blocks);
    if blocks.is_empty() {
        app.banner = Some(format!(
            "{}'s blocks all overlap what is planned; nothing copied",
            source.date
        ));
        return;
    }
    save_edit(app, journal, to, DayEdit::AddBlocks(blocks), History::New);
    if app.banner.is_none() {
        app.banner = Some(format!(
            "copied the plan of {}",
            source.date.format("%a %-d %b")
        ));
    }
}

/// Re-reads today, the Plan and Review tabs' days, and what their headers need; on a new day,
/// first carries a session still running from yesterday over midnight.
pub fn reload_days(app: &mut App, journal: &Journal) {
    let today = app.now.date_naive();
    if app.today.date() != today {
        carry_over_midnight(app, journal);
        carry_parked(app, journal);
    }
    app.today = DayView::from_load(today, journal.load(today));
    let load = |date: NaiveDate| {
        if date == today {
            app.today.clone()
        } else {
            DayView::from_load(date, journal.load(date))
        }
    };
    let (plan_date, review_date) = (app.plan.date, app.review.date);
    let plan_view = load(plan_date);
    app.review.view = load(review_date);
    app.plan.protect = promised_protection(journal, plan_date);
    app.plan.set_view(plan_view, week_of(journal, plan_date));
    if app.tab == super::tabs::Tab::Month {
        load_month(app, journal);
    }
    if app.tab == super::tabs::Tab::Inbox {
        app.inbox.templates = crate::templates::load(&app.templates_dir);
    }
    // The streak reads weeks of files: only when it is shown, or not yet known.
    if app.tab == super::tabs::Tab::Review {
        app.review.history = review_history(journal, &app.config, today, STREAK_DAYS);
    }
}

/// At start-up: when the last working day before today has no review, the Review tab opens on it
/// and a banner says so. Nothing blocks; today's plan is one key away.
pub fn offer_unfinished_review(app: &mut App, journal: &Journal) {
    let today = app.now.date_naive();
    let recent = review_history(journal, &app.config, today, 14);
    let last_working = recent
        .iter()
        .rev()
        .find(|(d, working, _)| *d < today && *working);
    // A day the rep never used protime on is not an unfinished review.
    let used = |date: NaiveDate| journal.load(date).is_ok_and(|d| !d.is_empty());
    if let Some((date, _, false)) = last_working.copied().filter(|(d, _, _)| used(*d)) {
        app.review.date = date;
        app.review.view = DayView::from_load(date, journal.load(date));
        let text = format!(
            "{} has no review yet: press 4 to finish it (t on that tab returns to today)",
            date.format("%a %-d %b")
        );
        add_message(app, text);
    }
}

/// Shows `text` after any message already waiting, so neither is lost.
fn add_message(app: &mut App, text: String) {
    app.banner = Some(match app.banner.take() {
        Some(earlier) => format!("{earlier}. {text}"),
        None => text,
    });
}

/// What the last review before `date` (within a week) said to protect on the next working day.
fn promised_protection(journal: &Journal, date: NaiveDate) -> Option<String> {
    copy_candidates(date)
        .take(7)
        .find_map(|d| {
            journal
                .load(d)
                .ok()
                .and_then(|day| day.review)
                .filter(|r| !r.tomorrow.is_empty())
        })
        .map(|r| r.tomorrow)
}

/// How many days back the review streak looks.
const STREAK_DAYS: i64 = 90;

/// (date, working day, reviewed) for the `days` before `today`, and today.
fn review_history(
    journal: &Journal,
    config: &crate::config::Config,
    today: NaiveDate,
    days: i64,
) -> Vec<(NaiveDate, bool, bool)> {
    let capacity = super::tabs::plan_view::capacity(config);
    let from = today - Duration::days(days);
    let files: std::collections::HashMap<NaiveDate, Day> = journal
        .days_in(from, today)
        .into_iter()
        .filter_map(|(d, day)| day.ok().map(|day| (d, day)))
        .collect();
    from.iter_days()
        .take_while(|d| *d <= today)
        .map(|d| {
            let day = files.get(&d);
            let off = day.is_some_and(|day| day.off.is_some());
            let reviewed =
                day.is_some_and(|day| day.review.as_ref().is_some_and(|r| r.decided.is_some()));
            (d, capacity.of_day(d, off) > 0, reviewed)
        })
        .collect()
}

/// Monday to Sunday around `date`, the days that could be read.
fn week_of(journal: &Journal, date: NaiveDate) -> Vec<Day> {
    let monday = date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
    journal
        .days_in(monday, monday + Duration::days(6))
        .into_iter()
        .filter_map(|(_, d)| d.ok())
        .collect()
}

/// Reads the accounts named in the last 90 days, newest first, for completion. Done after the
/// first frame, so start-up does not wait for 90 files.
pub fn load_known_accounts(app: &mut App, journal: &Journal) {
    let today = app.now.date_naive();
    let mut days = journal.days_in(today - chrono::Duration::days(90), today);
    days.reverse();
    let mut known: Vec<String> = vec![];
    for (_, day) in days {
        let Ok(day) = day else { continue };
        for account in day.sessions.iter().rev().filter_map(|s| s.account.as_ref()) {
            if !known.contains(account) {
                known.push(account.clone());
            }
        }
    }
    app.known_accounts = known;
}

/// Splits whatever still runs in yesterday's file at midnight: yesterday keeps the part before,
/// today continues from 00:00.
pub fn carry_over_midnight(app: &mut App, journal: &Journal) {
    let limits = carry_over::Limits::of(&app.config);
    let today = app.now.date_naive();
    match carry_over::settle_earlier_days(journal, &app.zone, (today, app.now), &limits) {
        Ok(closed) => {
            if let Some(text) = crate::domain::open::closed_message(&closed) {
                add_message(app, capitalised(&text));
            }
        }
        Err(e) => {
            app.banner = Some(format!(
                "Could not settle the session still running from an earlier day: {e}"
            ));
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// At start-up: a session left open with no sign of life for longer than the stale limit is
/// closed at the last sign of life; a shorter gap is asked about once.
pub fn recover_open_session(app: &mut App, journal: &Journal) {
    carry_over_midnight(app, journal);
    carry_parked(app, journal);
    reload_days(app, journal);
    offer_unfinished_review(app, journal);
    app.last_alive = heartbeat::last(journal, app.now);
    let (Some(last), true) = (app.last_alive, app.countdown_visible()) else {
        return;
    };
    let silent = app.now - last;
    if silent.num_hours() >= i64::from(app.config.timer.stale_after_hours) {
        run_timer(app, journal, TimerOp::SettleGap(last, GapAnswer::Break));
        app.banner = Some(format!(
            "A session was left open; it was closed at the last sign of life, {}",
            last.format("%a %H:%M")
        ));
        reload_days(app, journal);
    } else {
        app.gap = app.gap_since(last);
    }
}

/// The shown month's figures and the month before's total, reading only those months' files.
fn load_month(app: &mut App, journal: &Journal) {
    use super::tabs::month::last_of_month;
    use chrono::Months;
    let first = app.month.month;
    let loaded = crate::figures::period_figures(
        journal,
        &app.config,
        first,
        last_of_month(first),
        app.now,
        &app.zone,
    );
    let previous = first.checked_sub_months(Months::new(1)).and_then(|p| {
        let (days, files) = crate::figures::period_figures(
            journal,
            &app.config,
            p,
            last_of_month(p),
            app.now,
            &app.zone,
        )
        .ok()?;
        (files > 0).then(|| crate::domain::report::total(&days))
    });
    match loaded {
        Ok((days, _)) => {
            app.month.days = days;
            app.month.error = None;
        }
        Err(e) => app.month.error = Some(e),
    }
    app.month.previous = previous;
}

/// Mails still parked on the last day that had any (up to two weeks back) move to today.
pub fn carry_parked(app: &mut App, journal: &Journal) {
    let today = app.now.date_naive();
    let waiting = |d: &Day| d.parked.iter().any(|p| p.state.is_waiting());
    let Some(earlier) = copy_candidates(today).find_map(|d| journal.load(d).ok().filter(waiting))
    else {
        return;
    };
    let date = earlier.date;
    let result = journal
        .update(today, |t| {
            crate::domain::inbox::carry_over(&mut earlier.clone(), t);
            Ok(())
        })
        .and_then(|()| {
            journal.update(date, |e| {
                crate::domain::inbox::carry_over(e, &mut Day::new(today));
                Ok(())
            })
        });
    if let Err(e) = result {
        app.banner = Some(format!(
            "Could not carry parked mails over from {date}: {e}"
        ));
    }
}
