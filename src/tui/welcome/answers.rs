//! The welcome's three answers: read from what was typed, checked by the config's own parser,
//! and turned into the settings the config writer saves.

use crate::config::writer::{Setting, apply};
use crate::config::{Config, ConfigError, WeekdayName};

const DAYS: [(&str, WeekdayName); 7] = [
    ("mon", WeekdayName::Mon),
    ("tue", WeekdayName::Tue),
    ("wed", WeekdayName::Wed),
    ("thu", WeekdayName::Thu),
    ("fri", WeekdayName::Fri),
    ("sat", WeekdayName::Sat),
    ("sun", WeekdayName::Sun),
];

pub const HOURS: &str = "Hours a week";
pub const DAYS_LABEL: &str = "Working days";
pub const TARGET: &str = "Proactive %";

/// The three numbers that matter, as answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    pub weekly_hours: f64,
    pub weekdays: Vec<WeekdayName>,
    pub target: f64,
}

impl Answers {
    /// Reads the typed answers and checks them as protime checks its config, against the
    /// realistic ceiling in force; the error names the field to fix.
    pub fn read(hours: &str, days: &str, target: &str, config: &Config) -> Result<Answers, String> {
        let weekly_hours = number(hours).ok_or_else(|| format!("{HOURS}: a number, like 40"))?;
        let weekdays = weekdays(days)?;
        let target = number(target.trim_end_matches('%'))
            .ok_or_else(|| format!("{TARGET}: a percentage, like 40"))?;
        let answers = Answers {
            weekly_hours,
            weekdays,
            target,
        };
        let mut check = answers.settings();
        check.push(Setting::number(
            "targets.realistic_ceiling",
            config.targets.realistic_ceiling,
        ));
        let text = apply("", &check)?;
        match Config::from_user_text(Some(&text), "your answers") {
            Ok(_) => Ok(answers),
            Err(e) => Err(explain(&e)),
        }
    }

    /// The keys the config writer sets.
    pub fn settings(&self) -> Vec<Setting> {
        vec![
            Setting::number("workday.weekly_capacity_hours", self.weekly_hours),
            Setting::list("workday.weekdays", names(&self.weekdays)),
            Setting::number("targets.proactive_share", self.target),
        ]
    }

    /// "40 hours a week, mon-fri, target 40% proactive".
    pub fn summary(&self) -> String {
        format!(
            "{} hours a week, {}, target {}% proactive",
            self.weekly_hours,
            days_text(&self.weekdays),
            self.target
        )
    }
}

/// The config's words for what is wrong, under the field's own label.
fn explain(e: &ConfigError) -> String {
    let (key, allowed) = match e {
        ConfigError::Invalid { key, allowed, .. } => (key.as_str(), allowed.clone()),
        other => return other.to_string(),
    };
    let label = match key {
        "workday.weekly_capacity_hours" => HOURS,
        "workday.weekdays" => DAYS_LABEL,
        _ => TARGET,
    };
    format!("{label}: {allowed}")
}

fn number(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}

fn day(word: &str) -> Option<usize> {
    let word = word.trim().to_lowercase();
    let short: String = word.chars().take(3).collect();
    DAYS.iter().position(|(name, _)| *name == short)
}

/// "mon-fri", "mon tue thu", "Mon, Wed" or "sat-mon" (a range may wrap past Sunday).
pub fn weekdays(text: &str) -> Result<Vec<WeekdayName>, String> {
    let bad = |w: &str| {
        format!("{DAYS_LABEL}: \"{w}\" is not a day; write days like mon-fri or mon tue thu")
    };
    let mut chosen = [false; 7];
    for word in text.split([' ', ',', ';']).filter(|w| !w.trim().is_empty()) {
        let ends: Vec<&str> = word.split(['-', '–']).collect();
        match ends.as_slice() {
            [one] => chosen[day(one).ok_or_else(|| bad(word))?] = true,
            [from, to] => {
                let (from, to) = (
                    day(from).ok_or_else(|| bad(word))?,
                    day(to).ok_or_else(|| bad(word))?,
                );
                let mut d = from;
                loop {
                    chosen[d] = true;
                    if d == to {
                        break;
                    }
                    d = (d + 1) % 7;
                }
            }
            _ => return Err(bad(word)),
        }
    }
    let days: Vec<WeekdayName> = (0..7).filter(|&i| chosen[i]).map(|i| DAYS[i].1).collect();
    if days.is_empty() {
        return Err(format!("{DAYS_LABEL}: name at least one, like mon-fri"));
    }
    Ok(days)
}

fn names(days: &[WeekdayName]) -> Vec<String> {
    days.iter()
        .filter_map(|d| DAYS.iter().find(|(_, w)| w == d))
        .map(|(name, _)| (*name).to_string())
        .collect()
}

/// "mon-fri" for three or more days in a row, else the days one by one ("mon tue thu").
pub fn days_text(days: &[WeekdayName]) -> String {
    let index: Vec<usize> = days
        .iter()
        .filter_map(|d| DAYS.iter().position(|(_, w)| w == d))
        .collect();
    let in_a_row = index.windows(2).all(|w| w[1] == w[0] + 1);
    match (index.first(), index.last()) {
        (Some(&first), Some(&last)) if in_a_row && index.len() >= 3 => {
            format!("{}-{}", DAYS[first].0, DAYS[last].0)
        }
        _ => names(days).join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(h: &str, d: &str, t: &str) -> Result<Answers, String> {
        Answers::read(h, d, t, &Config::defaults())
    }

    #[test]
    fn the_defaults_read_back_as_typed() {
        let a = read("40", "mon-fri", "40").unwrap();
        assert_eq!(
            a.summary(),
            "40 hours a week, mon-fri, target 40% proactive"
        );
        assert_eq!(days_text(&Config::defaults().workday.weekdays), "mon-fri");
        let a = read("37,5", "Mon, Tue Thursday", "35%").unwrap();
        assert_eq!(
            a.summary(),
            "37.5 hours a week, mon tue thu, target 35% proactive"
        );
        assert_eq!(weekdays("sat-mon").unwrap().len(), 3);
    }

    #[test]
    fn a_wrong_answer_names_its_field_and_what_it_may_be() {
        assert_eq!(
            read("lots", "mon-fri", "40").unwrap_err(),
            "Hours a week: a number, like 40"
        );
        assert_eq!(
            read("0", "mon-fri", "40").unwrap_err(),
            "Hours a week: hours between 1 and 168"
        );
        assert!(
            read("40", "mon-fry", "40")
                .unwrap_err()
                .starts_with("Working days: \"mon-fry\"")
        );
        assert!(
            read("40", "", "40")
                .unwrap_err()
                .starts_with("Working days: name at least one")
        );
        let above = read("40", "mon-fri", "75").unwrap_err();
        assert!(
            above.starts_with("Proactive %: at most targets.realistic_ceiling (60)"),
            "{above}"
        );
    }
}
