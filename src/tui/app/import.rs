//! The dashboard's side of an import: reading the export into a review, and writing what the rep
//! accepted. The same reading and writing as `protime import`.

use super::App;
use crate::config::accounts::CrmTiers;
use crate::import::job::{Failure, Source, checked_window, prepare, since_window, write};
use crate::import::plan_job;
use crate::journal::Journal;
use crate::tui::import_review::ImportReview;
use crate::tui::shared::{Effect, History};
use crate::tui::tabs::Tab;
use crate::tui::tabs::month::first_of_month;
use std::collections::BTreeMap;
use std::path::Path;

/// Carries out an import effect; true when the journal may have changed.
pub fn carry_out(app: &mut App, journal: &Journal, effect: Effect) -> bool {
    match effect {
        Effect::OpenImport { file, since } => {
            open(app, journal, &file, &since);
            false
        }
        Effect::Import => {
            accept(app, journal);
            true
        }
        Effect::PlanMeetings(file) => {
            plan_meetings(app, journal, &file);
            true
        }
        _ => false,
    }
}

/// Reads `file` over the days `since` names and opens the review; a bad file or period is told in
/// the banner and nothing opens.
pub fn open(app: &mut App, journal: &Journal, file: &Path, since: &str) {
    let prepared = Source::of_file(file).and_then(|source| {
        let (now, config) = (app.shared.now, &app.shared.config);
        let window = since_window(since, now, app.shared.zone)?;
        prepare(journal, config, source, file, window, None, now).map_err(|f| f.message().into())
    });
    match prepared {
        Ok(prepared) => {
            let (now, config) = (app.shared.now, &app.shared.config);
            app.import = Some(ImportReview::of(&prepared, file, config, now));
        }
        Err(message) => app.say(format!("Not imported: {message}")),
    }
}

/// Writes the review's accepted items, then shows the Month tab on the imported period. When a
/// day cannot be written the review stays open and says why, so nothing the rep chose is lost.
pub fn accept(app: &mut App, journal: &Journal) {
    let Some(mut review) = app.import.take() else {
        return;
    };
    match write(&review.plan(), journal) {
        Ok(change) => {
            app.say(format!(
                "Imported {}: {}. The Month tab shows {}.",
                review.file,
                change.summary(),
                review.window.to.format("%B %Y")
            ));
            save_tiers(app, &review.tiers);
            app.tab = Tab::Month;
            app.tabs.month.month = first_of_month(review.window.to);
        }
        Err(message) => {
            // Shown inside the review, which stays open so `a` can try again.
            review.failure = Some(message);
            app.import = Some(review);
        }
    }
}

/// A CRM's tiers for the accounts the rep gave none, saved as `T` on the Month tab saves one; the
/// message line says which (and which the rep's tiers kept).
fn save_tiers(app: &mut App, found: &BTreeMap<String, String>) {
    let tiers = CrmTiers::of(&app.shared.config.accounts, found);
    if let Some(setting) = tiers.setting() {
        let names: Vec<String> = tiers.set.iter().map(|(a, t)| format!("{a} {t}")).collect();
        let summary = format!("the CRM's tiers ({})", names.join(", "));
        let settings = vec![setting];
        let save = Effect::SaveSettings {
            settings,
            summary,
            then: "",
        };
        super::welcome::save(app, save);
    }
    let rest = CrmTiers {
        set: vec![],
        ..tiers
    };
    for line in rest.lines("") {
        app.say(line);
    }
}

/// Puts the calendar's meetings of today into the plan, as `protime import calendar --plan`
/// does, and shows the Plan tab; the message line says what changed and names the first overlap.
/// `u` on the Plan tab undoes it.
pub fn plan_meetings(app: &mut App, journal: &Journal, file: &Path) {
    let (now, zone) = (app.shared.now, app.shared.zone);
    let today = now.with_timezone(&zone).date_naive();
    let done = checked_window(today, today, zone)
        .map_err(Failure::Export)
        .and_then(|window| plan_job::prepare(journal, &app.shared.config, file, window, None))
        .map_err(|f| f.message().to_string())
        .and_then(|import| import.write(journal));
    match done {
        Ok(written) => {
            let change = written.change;
            let overlap = change.overlaps.first().map(|o| format!(" Overlap: {o}."));
            let step: Vec<_> = (written.undo.into_iter())
                .filter(|(_, edit)| !edit.is_empty())
                .collect();
            let undo = match step.len() {
                0 => String::new(),
                1 => " u undoes it.".to_string(),
                n => format!(" u undoes it ({n} days changed)."),
            };
            app.tabs.get_mut(Tab::Plan).saved(step, History::New);
            app.say(format!(
                "Planned today's meetings: {}.{}{undo}",
                change.summary(),
                overlap.unwrap_or_default()
            ));
            app.tab = Tab::Plan;
            app.tabs.plan.date = today;
        }
        Err(message) => app.say(format!("Not planned: {message}")),
    }
}
