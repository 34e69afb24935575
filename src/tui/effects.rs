//! Carrying out what `App::update` asked for: journal reads and writes, off the update path.

use super::app::{App, DayView, Effect, History};
use super::tabs::plan::{copy_candidates, fitting_blocks};
use crate::domain::Day;
use crate::domain::plan::DayEdit;
use crate::journal::{Journal, JournalError};
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
        }
    }
    if reload {
        reload_days(app, journal);
    }
}

fn save_edit(app: &mut App, journal: &Journal, date: NaiveDate, edit: DayEdit, history: History) {
    match journal.update(date, |day| edit.apply(day)) {
        Ok(inverse) => {
            app.plan.record(date, inverse, history);
            app.banner = None;
        }
        Err(e) => app.banner = Some(save_failure(&e)),
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

/// Re-reads today and the Plan tab's day and week.
pub fn reload_days(app: &mut App, journal: &Journal) {
    let today = app.now.date_naive();
    app.today = DayView::from_load(today, journal.load(today));
    let date = app.plan.date;
    let view = if date == today {
        app.today.clone()
    } else {
        DayView::from_load(date, journal.load(date))
    };
    app.plan.set_view(view, week_of(journal, date));
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
