//! Objectives set where they are used: `o` on the Month tab asks for an objective (one of the
//! config's, by its name now or before, or a new one), an optional new name and optional hours a
//! week; the change is worked out by `config::objectives` and saved by the one config writer.

use super::prompt::{Prompt, PromptKind, Submitted};
use super::shared::Effect;
use super::widgets::form::{Field, Form};
use crate::config::Config;
use crate::config::objectives::{self, ObjectiveEdit};
use crate::domain::timefmt::parse_duration_minutes;

/// The form's fields, in order.
const NAME: usize = 0;
const RENAME: usize = 1;
const HOURS: usize = 2;

impl Prompt {
    /// Asks which objective to add or change; `names` are the config's, for the hint.
    pub fn objective(names: &[String]) -> Prompt {
        let hint = if names.is_empty() {
            "a new one, like \"New logos Q4\"".to_string()
        } else {
            format!("one of {} or a new one", names.join(", "))
        };
        let fields = vec![
            Field::new("Objective", "", hint),
            Field::new(
                "Rename to",
                "",
                "optional: its new name (days that named the old one still count)",
            ),
            Field::new(
                "Hours a week",
                "",
                "optional: proactive hours a week for it, like 6 or 1h30",
            ),
        ];
        Prompt {
            kind: PromptKind::Objective,
            form: Form::new("Add an objective, or rename one or set its hours", fields)
                .with_enter("saves it in your config file"),
        }
    }

    /// The edit the form asks for; a bad number keeps the form open saying what to type.
    pub(super) fn objective_op(&self) -> Result<Submitted, String> {
        let value = |i: usize| self.form.fields.get(i).map_or("", |f| f.value.trim());
        let hours = match value(HOURS) {
            "" => None,
            text => Some(hours(text)?),
        };
        let rename = Some(value(RENAME).to_string()).filter(|r| !r.is_empty());
        if value(NAME).is_empty() {
            return Err("give the objective's name, like \"New logos Q4\"".into());
        }
        Ok(Submitted::Objective(ObjectiveEdit {
            name: value(NAME).to_string(),
            rename,
            weekly_hours: hours,
        }))
    }
}

/// "6", "2.5" or "1h30" as hours.
fn hours(text: &str) -> Result<f64, String> {
    let bad = || format!("\"{text}\" hours a week: give a number like 6, 2.5 or 1h30");
    match text.replace(',', ".").parse::<f64>() {
        Ok(h) if h.is_finite() => Ok(h),
        Ok(_) => Err(bad()),
        Err(_) => parse_duration_minutes(text)
            .map(|m| m as f64 / 60.0)
            .map_err(|_| bad()),
    }
}

/// The effects of a submitted edit: the new list saved through the config writer, or why not.
pub fn save(config: &Config, edit: &ObjectiveEdit) -> Vec<Effect> {
    match objectives::apply(&config.objectives, edit) {
        Ok(list) => {
            let name = edit.rename.as_deref().unwrap_or(&edit.name);
            let hours = list
                .iter()
                .find(|o| o.answers_to(name))
                .map_or(0.0, |o| o.weekly_hours);
            let hours = crate::domain::timefmt::format_minutes((hours * 60.0).round() as i64);
            vec![Effect::SaveSettings {
                settings: vec![objectives::setting(&list)],
                summary: format!("the objective “{}” ({hours} a week)", name.trim()),
                then: "",
            }]
        }
        Err(message) => vec![Effect::Message(message)],
    }
}
