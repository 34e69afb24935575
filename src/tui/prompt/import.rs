//! The import prompt: an export's path, and whether it brings in a baseline of tracked time (the
//! review opens first) or puts today's meetings into the plan (`protime import calendar --plan`).

use super::{Prompt, PromptKind, Submitted, unquote_path};
use crate::import::job::Source;
use crate::tui::widgets::form::{Field, Form};

impl Prompt {
    pub fn import() -> Prompt {
        let fields = vec![
            Field::new(
                "File",
                "",
                "a calendar .ics or CRM .csv export, like ~/Downloads/calendar.ics",
            ),
            Field::new(
                "Since",
                "14d",
                "how far back: days or weeks, like 14d or 2w",
            ),
            Field::new(
                "Into",
                "baseline",
                "baseline (tracked time, reviewed first) or plan (today's meetings as blocks)",
            ),
        ];
        Prompt {
            kind: PromptKind::Import,
            form: Form::new("Import a baseline or today's meetings", fields)
                .with_enter("opens the review, or plans the meetings"),
        }
    }

    /// The export and period, checked here so a mistake can be mended without typing it again.
    pub(super) fn import_op(&self, file: &str) -> Result<Submitted, String> {
        if file.is_empty() {
            return Err("give the export's path, like ~/Downloads/calendar.ics".into());
        }
        let file = unquote_path(file);
        if !file.exists() {
            return Err(format!(
                "there is no {}: give the full path, like ~/Downloads/calendar.ics",
                file.display()
            ));
        }
        let source = Source::of_file(&file)?;
        match self.form.value("Into").trim().to_lowercase().as_str() {
            "plan" | "p" if source == Source::Calendar => Ok(Submitted::PlanMeetings { file }),
            "plan" | "p" => Err("only a calendar (.ics) has meetings to plan".into()),
            "baseline" | "b" | "" => {
                let since = self.form.value("Since").trim().to_string();
                crate::domain::timefmt::parse_last(&since)?;
                Ok(Submitted::Import { file, since })
            }
            other => Err(format!("Into \"{other}\": type baseline or plan")),
        }
    }
}
