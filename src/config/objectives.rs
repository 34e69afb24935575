//! `[[objectives]]`: what the rep's proactive time is for, with the hours a week each should get.
//! A renamed objective keeps its old names in `aliases`, so the day files that name it the old way
//! still count for it. Edits made in the dashboard are worked out here and written by the one
//! config writer.

use super::writer::{Setting, SettingValue};
use super::{ConfigError, check};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub name: String,
    #[serde(default)]
    pub weekly_hours: f64,
    /// Names it had before: blocks that name one of them count for it.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One change to the objectives, from the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveEdit {
    /// The objective to change (by its name or an old one), or a new one's name.
    pub name: String,
    /// Its new name, if it is renamed.
    pub rename: Option<String>,
    /// Its new hours a week, if they change.
    pub weekly_hours: Option<f64>,
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Objective {
    /// Whether a block naming `name` works for this objective (its name now, or an old one).
    pub fn answers_to(&self, name: &str) -> bool {
        same(&self.name, name) || self.aliases.iter().any(|a| same(a, name))
    }

    /// Each objective has a name of its own, and no old name is another's (its weekly hours have
    /// a rule in the config's number rules).
    pub(super) fn validate_all(objectives: &[Objective], origin: &str) -> Result<(), ConfigError> {
        let mut seen = std::collections::BTreeSet::new();
        for (i, o) in objectives.iter().enumerate() {
            let names = std::iter::once(&o.name).chain(&o.aliases);
            for (j, name) in names.enumerate() {
                let key = match j {
                    0 => format!("objectives[{i}].name"),
                    _ => format!("objectives[{i}].aliases[{}]", j - 1),
                };
                let shown = format!("\"{name}\"");
                check(
                    origin,
                    !name.trim().is_empty(),
                    &key,
                    &shown,
                    "a name, like \"New logos\"",
                )?;
                let allowed = "a name no other objective has (now or before)";
                check(
                    origin,
                    seen.insert(name.trim().to_lowercase()),
                    &key,
                    &shown,
                    allowed,
                )?;
            }
        }
        Ok(())
    }
}

/// The minutes of `by_name` (keyed by the objective names blocks carry) that count for `o`.
pub fn minutes_for(o: &Objective, by_name: &std::collections::BTreeMap<String, i64>) -> i64 {
    by_name
        .iter()
        .filter(|(name, _)| o.answers_to(name))
        .map(|(_, m)| m)
        .sum()
}

/// `objectives` with `edit` made: a new objective added, or one renamed (its old name kept as an
/// alias) or given new weekly hours. Refused with why when a name is empty or taken.
pub fn apply(objectives: &[Objective], edit: &ObjectiveEdit) -> Result<Vec<Objective>, String> {
    let mut list = objectives.to_vec();
    let name = edit.name.trim();
    if name.is_empty() {
        return Err("give the objective's name, like \"New logos Q4\"".into());
    }
    let index = match list.iter().position(|o| o.answers_to(name)) {
        Some(i) => i,
        None => {
            list.push(Objective {
                name: name.to_string(),
                weekly_hours: 0.0,
                aliases: vec![],
            });
            list.len() - 1
        }
    };
    if let Some(new) = edit
        .rename
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        if list
            .iter()
            .enumerate()
            .any(|(i, o)| i != index && o.answers_to(new))
        {
            return Err(format!(
                "\"{new}\" is another objective's name, now or before"
            ));
        }
        let o = &mut list[index];
        if !same(&o.name, new) {
            let old = std::mem::replace(&mut o.name, new.to_string());
            o.aliases.retain(|a| !same(a, new));
            o.aliases.push(old);
        }
    }
    if let Some(hours) = edit.weekly_hours {
        if !(0.0..=168.0).contains(&hours) {
            return Err(format!("{hours} hours a week: give 0 to 168"));
        }
        list[index].weekly_hours = hours;
    }
    Ok(list)
}

/// The whole list as the one setting the config writer writes.
pub fn setting(objectives: &[Objective]) -> Setting {
    let tables = objectives
        .iter()
        .map(|o| {
            vec![
                ("name", SettingValue::Text(o.name.clone())),
                ("weekly_hours", SettingValue::Number(o.weekly_hours)),
                ("aliases", SettingValue::List(o.aliases.clone())),
            ]
        })
        .collect();
    Setting {
        key: "objectives",
        value: SettingValue::Tables(tables),
    }
}

#[cfg(test)]
#[path = "objectives_test.rs"]
mod tests;
