//! Acts over more than one day's edit: a range of days off, the last planned day's blocks
//! copied.

use super::App;
use super::effects::save_failure;
use crate::domain::plan::DayEdit;
use crate::journal::Journal;
use crate::tui::shared::{Effect, History};
use crate::tui::tabs::Tab;
use crate::tui::tabs::plan_edit::{copy_candidates, count, fitting_blocks};
use chrono::NaiveDate;

pub(super) fn carry_out(app: &mut App, journal: &Journal, effect: Effect) {
    match effect {
        Effect::DaysOff { from, to, reason } => mark_days_off(app, journal, (from, to), &reason),
        Effect::CopyPreviousPlan { to } => copy_previous_plan(app, journal, to),
        _ => {}
    }
}

/// `O` on the Plan tab: the days marked as `protime off` marks them, and what that did.
fn mark_days_off(
    app: &mut App,
    journal: &Journal,
    (from, to): (NaiveDate, NaiveDate),
    reason: &str,
) {
    use crate::journal::days_off;
    let capacity = crate::figures::capacity(&app.shared.config);
    let wanted = days_off::each_day(from, to, reason);
    let (done, failure) = match days_off::mark(journal, &capacity, wanted) {
        Ok(done) => (done, None),
        Err((e, done)) => (done, Some(e)),
    };
    let kept = match done.not_working.len() {
        0 => String::new(),
        n => format!("; {} not a working day left as is", count(n, "day")),
    };
    let marked = count(done.days.len(), "day");
    app.say(format!(
        "Marked {marked} off ({reason}), {} – {}{kept}; o on a day makes it a working day again",
        from.format("%a %-d %b"),
        to.format("%a %-d %b")
    ));
    if let Some(e) = failure {
        app.say(save_failure(&e));
    }
}

fn copy_previous_plan(app: &mut App, journal: &Journal, to: NaiveDate) {
    let source = copy_candidates(to)
        .find_map(|date| journal.load(date).ok().filter(|d| !d.blocks.is_empty()));
    let Some(source) = source else {
        app.say("no planned day in the last two weeks to copy".into());
        return;
    };
    let existing = journal.load(to).map(|d| d.blocks).unwrap_or_default();
    let offered = source.blocks.len();
    let blocks = fitting_blocks(&existing, source.blocks);
    let from = source.date.format("%a %-d %b");
    if blocks.is_empty() {
        app.say(format!(
            "{from}'s blocks all overlap what is planned; nothing copied"
        ));
        return;
    }
    let skipped = offered - blocks.len();
    let copied = count(blocks.len(), "block");
    let added = DayEdit::AddBlocks(blocks);
    match journal.update(to, |day| added.apply(day)) {
        Ok(inverse) => {
            app.tabs
                .get_mut(Tab::Plan)
                .saved(vec![(to, inverse)], History::New);
            let left = match skipped {
                0 => String::new(),
                n => format!(
                    " ({} overlapped what is planned: not copied)",
                    count(n, "block")
                ),
            };
            app.say(format!("Copied {copied} of {from}{left} — u undoes"));
        }
        Err(e) => app.say(save_failure(&e)),
    }
}
