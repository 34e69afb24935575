//! Carrying out what a key asked for: journal reads and writes, notifications, the clipboard.
//! Results go to the message line or back to the tab that asked.

use super::App;
use crate::domain::Day;
use crate::domain::plan::DayEdit;
use crate::domain::timer::{GapAnswer, TimerEvent, TimerOp, TimerSettings};
use crate::journal::{Journal, JournalError};
use crate::journal::{carry_over, heartbeat};
use crate::notify::{Notification, NotificationKind};
use crate::tui::shared::{DayView, Effect, History, Origin, Reader};
use crate::tui::tabs::Tab;
use crate::tui::tabs::plan_edit::copy_candidates;
use crate::tui::tabs::review::review_history;
use chrono::NaiveDate;

/// Carries out every effect but `Quit`, then reloads what is shown once if anything changed.
pub fn carry_out(effects: Vec<Effect>, app: &mut App, journal: &Journal) {
    let mut reload = false;
    // A confirmation after an edit that was not saved would tell an untruth.
    let mut refused = false;
    for effect in effects {
        match effect {
            Effect::Quit => {}
            Effect::ReloadDay => reload = true,
            Effect::Message(_) if std::mem::take(&mut refused) => {}
            Effect::Message(text) => app.say(text),
            Effect::Prompt(prompt) => app.prompt = Some(prompt),
            effect @ (Effect::Edit { .. } | Effect::EditDays { .. }) => {
                refused = !save_edits(app, journal, effect);
                reload = true;
            }
            effect @ (Effect::DaysOff { .. } | Effect::CopyPreviousPlan { .. }) => {
                super::days::carry_out(app, journal, effect);
                reload = true;
            }
            Effect::Timer(op) => {
                refused = !run_timer(app, journal, op);
                reload = true;
            }
            Effect::Notify(note) => app.notify(&note),
            Effect::Copy { label, text } => copy(app, &label, &text),
            effect @ (Effect::OpenImport { .. } | Effect::Import | Effect::PlanMeetings(_)) => {
                reload |= super::import::carry_out(app, journal, effect);
            }
            effect @ Effect::SaveSettings { .. } => {
                super::welcome::save(app, effect);
                reload = true;
            }
            Effect::Sync => super::sync::start(app, None),
            Effect::ShowConflicts => super::sync::show_conflicts(app),
            Effect::Heartbeat => {
                if let Err(e) = heartbeat::touch(journal, app.shared.now) {
                    app.say(format!("Could not note that protime is running: {e}"));
                }
            }
        }
    }
    let acted = app.hear_notifier();
    app.hear_feed();
    if reload {
        reload_days(app, journal);
    }
    if !acted.is_empty() {
        carry_out(acted, app, journal);
    }
}

/// Puts `text` on the clipboard through the terminal, and says so.
fn copy(app: &mut App, label: &str, text: &str) {
    let copied = crate::tui::clipboard::copy(&mut app.outside.terminal_out, text);
    app.say(match copied {
        Ok(()) => format!(
            "Sent \"{label}\" to the clipboard through the terminal; it cannot confirm it arrived (in tmux it needs `set -g set-clipboard on`)"
        ),
        Err(e) => format!("Could not copy \"{label}\": {e}"),
    });
}

/// Saves `edit` to `date`; its inverse goes back to the tab that asked, for undo. False when
/// it was not saved (the message line says why).
/// Saves one act's edits, a day at a time; their inverses go back to the tab that asked, as one
/// step. False when a day refused: what was saved before it is one step, and the refused rest
/// of an undo or redo stays where it was, to be tried again.
fn save_edits(app: &mut App, journal: &Journal, effect: Effect) -> bool {
    let (edits, history, from) = match effect {
        Effect::Edit {
            date,
            edit,
            history,
            from,
        } => (vec![(date, edit)], history, from),
        Effect::EditDays {
            edits,
            history,
            from,
        } => (edits, history, from),
        _ => return true,
    };
    let mut inverses = vec![];
    let mut edits = edits.into_iter();
    let mut refused = vec![];
    for (date, edit) in edits.by_ref() {
        let kept = edit.clone();
        match journal.update(date, |day| edit.apply(day)) {
            Ok(inverse) => inverses.push((date, inverse)),
            Err(e) => {
                app.say(save_failure(&e));
                refused.push((date, kept));
                break;
            }
        }
    }
    refused.extend(edits);
    let tab = app.tabs.get_mut(origin_tab(from));
    tab.saved(inverses, history);
    let back = match history {
        History::Undo => Some(History::Redo),
        History::Redo => Some(History::Undo),
        History::New => None,
    };
    if let Some(back) = back.filter(|_| !refused.is_empty()) {
        tab.saved(std::mem::take(&mut refused), back);
    }
    refused.is_empty()
}

fn origin_tab(from: Origin) -> Tab {
    match from {
        Origin::Plan => Tab::Plan,
        Origin::Review => Tab::Review,
        Origin::Inbox => Tab::Inbox,
        Origin::Timer => Tab::Timer,
    }
}

/// Carries out a timer act; false when it was not saved (the message line says why).
fn run_timer(app: &mut App, journal: &Journal, op: TimerOp) -> bool {
    let (now, settings) = (app.shared.now, app.shared.config.timer_settings());
    // Time moving on by itself is no act of the rep's: nothing to undo.
    let by_rep = op != TimerOp::Advance;
    let stops = op == TimerOp::Stop;
    let act = DayEdit::Timer {
        op,
        at: now,
        settings,
    };
    let applied = journal.update(now.date_naive(), |day| act.clone().apply_reporting(day));
    match applied {
        Ok((inverse, outcome)) => {
            let events = outcome.events;
            let changed = !inverse.is_empty();
            if by_rep && changed {
                let timer = app.tabs.get_mut(Tab::Timer);
                timer.saved(vec![(now.date_naive(), inverse)], History::New);
                if stops {
                    // `s` ends what runs, a break included: say so, and how to take it back.
                    app.say("Timer stopped — u on the Timer tab undoes".to_string());
                }
            }
            for event in &events {
                let kind = match event {
                    TimerEvent::FocusEnded { .. } => NotificationKind::FocusEnd,
                    TimerEvent::BreakEnded { .. } => NotificationKind::BreakEnd,
                    TimerEvent::ClockBehind { .. } => continue,
                };
                // "Break over: space starts focus round 2" → title and body, neither repeating.
                let text = event_message(event, &settings);
                let (title, body) = text.split_once(": ").unwrap_or((&text, ""));
                app.notify(&Notification::new(kind, title, body));
            }
            if let Some(last) = events.last() {
                app.say(event_message(last, &settings));
            }
            true
        }
        Err(e) => {
            app.say(save_failure(&e));
            false
        }
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

pub(super) fn save_failure(e: &JournalError) -> String {
    match e {
        JournalError::Refused(reason) => format!("Not saved: {reason}"),
        other => format!("Not saved: {other}"),
    }
}

/// Re-reads today, then lets every tab read what it shows (the shown tab all of it); on a new
/// day, first carries a session still running from yesterday over midnight.
pub fn reload_days(app: &mut App, journal: &Journal) {
    let today = app.shared.now.date_naive();
    if app.shared.today.date() != today {
        carry_over_midnight(app, journal);
        carry_parked(app, journal);
    }
    app.shared.today = DayView::from_load(today, journal.load(today));
    let reader = Reader {
        journal,
        today: &app.shared.today,
        templates_dir: &app.outside.templates_dir,
    };
    let cx = app.shared.context();
    for tab in Tab::ALL {
        app.tabs.get_mut(tab).reload(&reader, &cx, tab == app.tab);
    }
}

/// At start-up: when the last working day before today has no review, the Review tab opens on it
/// and a banner says so. Nothing blocks; today's plan is one key away.
pub fn offer_unfinished_review(app: &mut App, journal: &Journal) {
    let today = app.shared.now.date_naive();
    let recent = review_history(journal, &app.shared.config, today, 14);
    let last_working = recent
        .iter()
        .rev()
        .find(|(d, working, _)| *d < today && *working);
    // A day the rep never used protime on is not an unfinished review.
    let used = |date: NaiveDate| journal.load(date).is_ok_and(|d| !d.is_empty());
    if let Some((date, _, false)) = last_working.copied().filter(|(d, _, _)| used(*d)) {
        app.tabs.review.date = date;
        app.tabs.review.view = DayView::from_load(date, journal.load(date));
        app.say(format!(
            "{} has no review yet: press 4 to finish it (t on that tab returns to today)",
            date.format("%a %-d %b")
        ));
    }
}

/// Reads the accounts named in the last 90 days, newest first, for completion. Done after the
/// first frame, so start-up does not wait for 90 files.
pub fn load_known_accounts(app: &mut App, journal: &Journal) {
    let today = app.shared.now.date_naive();
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
    app.shared.known_accounts = known;
}

/// Splits whatever still runs in yesterday's file at midnight: yesterday keeps the part before,
/// today continues from 00:00.
pub fn carry_over_midnight(app: &mut App, journal: &Journal) {
    let limits = carry_over::Limits::of(&app.shared.config);
    let (today, now) = (app.shared.now.date_naive(), app.shared.now);
    match carry_over::settle_earlier_days(journal, &app.shared.zone, (today, now), &limits) {
        Ok(closed) => {
            if let Some(text) = crate::domain::open::closed_message(&closed) {
                app.say(super::notes::capitalised(&text));
            }
        }
        Err(e) => app.say(format!(
            "Could not settle the session still running from an earlier day: {e}"
        )),
    }
}

/// At start-up: a session left open with no sign of life for longer than the stale limit is
/// closed at the last sign of life; a shorter gap is asked about once.
pub fn recover_open_session(app: &mut App, journal: &Journal) {
    carry_over_midnight(app, journal);
    carry_parked(app, journal);
    reload_days(app, journal);
    offer_unfinished_review(app, journal);
    app.shared.last_alive = heartbeat::last(journal, app.shared.now);
    let (Some(last), true) = (app.shared.last_alive, app.countdown_visible()) else {
        return;
    };
    let silent = app.shared.now - last;
    if silent.num_hours() >= i64::from(app.shared.config.timer.stale_after_hours) {
        if !run_timer(app, journal, TimerOp::SettleGap(last, GapAnswer::Break)) {
            return;
        }
        app.say(format!(
            "A session was left open; it was closed at the last sign of life, {}",
            last.format("%a %H:%M")
        ));
        reload_days(app, journal);
    } else {
        app.gap = app.gap_since(last);
    }
}

/// Mails still parked on the last day that had any (up to two weeks back) move to today.
pub fn carry_parked(app: &mut App, journal: &Journal) {
    let today = app.shared.now.date_naive();
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
        app.say(format!(
            "Could not carry parked mails over from {date}: {e}"
        ));
    }
}
