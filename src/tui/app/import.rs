//! The dashboard's side of an import: reading the export into a review, and writing what the rep
//! accepted. The same reading and writing as `protime import`.

use super::App;
use crate::import::job::{Source, prepare, since_window, write};
use crate::journal::Journal;
use crate::tui::import_review::ImportReview;
use crate::tui::tabs::Tab;
use crate::tui::tabs::month::first_of_month;
use std::path::Path;

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
