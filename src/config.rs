//! `config/default.toml` (built in) overlaid with the user's file, validated into one [`Config`].

use crate::domain::timefmt::hhmm;
use crate::domain::{BlockKind, Category};
use chrono::{NaiveTime, Weekday};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The defaults, every key commented.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub workday: Workday,
    pub targets: Targets,
    pub timer: Timer,
    pub inbox: Inbox,
    pub review: ReviewConfig,
    pub notifications: Notifications,
    #[serde(default)]
    pub objectives: Vec<Objective>,
    pub import: Import,
    pub theme: ThemeColors,
    pub plan: PlanConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanConfig {
    pub template: Vec<TemplateBlock>,
}

/// One block of the day template (`T` on the Plan tab).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateBlock {
    #[serde(with = "hhmm")]
    pub start: NaiveTime,
    #[serde(with = "hhmm")]
    pub end: NaiveTime,
    pub category: Category,
    pub title: String,
    #[serde(default)]
    pub kind: BlockKind,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workday {
    #[serde(with = "hhmm")]
    pub start: NaiveTime,
    #[serde(with = "hhmm")]
    pub end: NaiveTime,
    pub weekdays: Vec<WeekdayName>,
    pub weekly_capacity_hours: f64,
    pub grid_minutes: u32,
}

/// A weekday as written in the config: `mon` … `sun`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekdayName {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl WeekdayName {
    pub fn weekday(self) -> Weekday {
        match self {
            WeekdayName::Mon => Weekday::Mon,
            WeekdayName::Tue => Weekday::Tue,
            WeekdayName::Wed => Weekday::Wed,
            WeekdayName::Thu => Weekday::Thu,
            WeekdayName::Fri => Weekday::Fri,
            WeekdayName::Sat => Weekday::Sat,
            WeekdayName::Sun => Weekday::Sun,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    pub proactive_share: f64,
    pub realistic_ceiling: f64,
    pub max_objectives_per_day: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timer {
    pub focus_minutes: u32,
    pub break_minutes: u32,
    pub rounds_before_long_break: u32,
    pub long_break_minutes: u32,
    pub stale_after_hours: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inbox {
    pub category: Category,
    pub slots: Vec<Slot>,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    #[serde(with = "hhmm")]
    pub start: NaiveTime,
    #[serde(with = "hhmm")]
    pub end: NaiveTime,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewConfig {
    #[serde(with = "hhmm")]
    pub reminder: NaiveTime,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notifications {
    pub enabled: bool,
    pub focus_end: bool,
    pub break_end: bool,
    pub block_start: bool,
    pub block_start_lead_minutes: u32,
    pub inbox_slot: bool,
    pub review_reminder: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub name: String,
    #[serde(default)]
    pub weekly_hours: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Import {
    /// The rep's own addresses: an event one of them declined is skipped.
    pub me: Vec<String>,
    pub rules: Vec<crate::import::rules::Rule>,
    pub crm: crate::import::crm::Mapping,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeColors {
    pub proactive: String,
    pub reactive: String,
    pub other: String,
    pub unlogged: String,
    pub warning: String,
    pub accent: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "could not read the config file {path}: {source}. Check the path, or run without --config."
    )]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{origin}: {message}")]
    Bad { origin: String, message: String },
    #[error("{origin}: {key} = {value}: {allowed}")]
    Invalid {
        origin: String,
        key: String,
        value: String,
        allowed: String,
    },
}

impl Config {
    /// The focus timer's lengths.
    pub fn timer_settings(&self) -> crate::domain::timer::TimerSettings {
        crate::domain::timer::TimerSettings {
            focus_minutes: self.timer.focus_minutes,
            break_minutes: self.timer.break_minutes,
            long_break_minutes: self.timer.long_break_minutes,
            rounds_before_long_break: self.timer.rounds_before_long_break,
        }
    }

    /// The built-in defaults alone.
    pub fn defaults() -> Config {
        Config::from_user_text(None, "defaults")
            .unwrap_or_else(|e| panic!("built-in config is valid: {e}"))
    }

    /// Reads the user's file if it exists (a missing default-location file means "use defaults").
    pub fn load(path: &Path, must_exist: bool) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::from_user_text(Some(&text), &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
                Ok(Config::defaults())
            }
            Err(source) => Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Overlays `user` (TOML text from `origin`) on the defaults and validates the result.
    pub fn from_user_text(user: Option<&str>, origin: &str) -> Result<Config, ConfigError> {
        let mut merged: toml::Table =
            toml::from_str(DEFAULT_TOML).map_err(|e| syntax(DEFAULT_TOML, "defaults", &e))?;
        if let Some(text) = user {
            let overlay: toml::Table =
                toml::from_str(text).map_err(|e| syntax(text, origin, &e))?;
            overlay_table(&mut merged, overlay);
        }
        // Reading the merged table as it is saves writing and parsing it again; only a config that
        // does not fit is re-read as text, for serde's messages ("unknown field `x`, expected one of …").
        let config = match Config::deserialize(toml::Value::Table(merged.clone())) {
            Ok(config) => config,
            Err(_) => Config::from_merged_text(&merged, user, origin)?,
        };
        config.validate(origin)?;
        Ok(config)
    }

    fn from_merged_text(
        merged: &toml::Table,
        user: Option<&str>,
        origin: &str,
    ) -> Result<Config, ConfigError> {
        let text =
            toml::to_string(merged).map_err(|e| invalid(origin, "config", "", &e.to_string()))?;
        toml::from_str(&text).map_err(|e| {
            let key = e.span().and_then(|span| key_at(&text, span.start));
            unknown_or_bad_key(user.unwrap_or(""), origin, &e, key)
        })
    }

    /// Checks section by section; only the first problem found is reported.
    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        self.workday.validate(origin)?;
        self.targets.validate(origin)?;
        self.timer.validate(origin)?;
        self.inbox.validate(origin)?;
        self.plan.validate(origin)?;
        self.import.validate(origin)?;
        Objective::validate_all(&self.objectives, origin)?;
        self.theme.validate(origin)
    }
}

impl Workday {
    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        check(
            origin,
            self.start < self.end,
            "workday.end",
            self.end.format("%H:%M"),
            "must be later than workday.start",
        )?;
        check(
            origin,
            !self.weekdays.is_empty(),
            "workday.weekdays",
            "[]",
            "name at least one day, like [\"mon\"]",
        )?;
        let hours = self.weekly_capacity_hours;
        check(
            origin,
            hours > 0.0 && hours <= 168.0,
            "workday.weekly_capacity_hours",
            hours,
            "hours between 1 and 168",
        )?;
        check(
            origin,
            [5, 10, 15, 20, 30, 60].contains(&self.grid_minutes),
            "workday.grid_minutes",
            self.grid_minutes,
            "one of 5, 10, 15, 20, 30, 60",
        )
    }
}

impl Targets {
    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        check(
            origin,
            (0.0..=100.0).contains(&self.proactive_share),
            "targets.proactive_share",
            self.proactive_share,
            "a percentage from 0 to 100",
        )?;
        check(
            origin,
            (0.0..=100.0).contains(&self.realistic_ceiling),
            "targets.realistic_ceiling",
            self.realistic_ceiling,
            "a percentage from 0 to 100",
        )?;
        check(
            origin,
            self.proactive_share <= self.realistic_ceiling,
            "targets.proactive_share",
            self.proactive_share,
            &format!(
                "at most targets.realistic_ceiling ({}): a target above what you call realistic \
                 cannot be met; lower it or raise the ceiling",
                self.realistic_ceiling
            ),
        )?;
        check(
            origin,
            self.max_objectives_per_day >= 1,
            "targets.max_objectives_per_day",
            0,
            "at least 1",
        )
    }
}

impl Timer {
    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        for (key, v) in [
            ("timer.focus_minutes", self.focus_minutes),
            ("timer.break_minutes", self.break_minutes),
            ("timer.long_break_minutes", self.long_break_minutes),
        ] {
            check(
                origin,
                (1..=240).contains(&v),
                key,
                v,
                "minutes from 1 to 240",
            )?;
        }
        check(
            origin,
            self.rounds_before_long_break >= 1,
            "timer.rounds_before_long_break",
            0,
            "at least 1",
        )?;
        check(
            origin,
            self.stale_after_hours >= 1,
            "timer.stale_after_hours",
            0,
            "at least 1 hour",
        )
    }
}

impl Inbox {
    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        for (i, s) in self.slots.iter().enumerate() {
            check_ends_after_start(origin, &format!("inbox.slots[{i}].end"), s.start, s.end)?;
        }
        Ok(())
    }
}

impl PlanConfig {
    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        for (i, b) in self.template.iter().enumerate() {
            check_ends_after_start(origin, &format!("plan.template[{i}].end"), b.start, b.end)?;
        }
        Ok(())
    }
}

impl Objective {
    /// Each objective has a name of its own and a weekly target a week can hold.
    fn validate_all(objectives: &[Objective], origin: &str) -> Result<(), ConfigError> {
        let mut seen = std::collections::BTreeSet::new();
        for (i, o) in objectives.iter().enumerate() {
            let name = o.name.trim();
            check(
                origin,
                !name.is_empty(),
                &format!("objectives[{i}].name"),
                format!("\"{}\"", o.name),
                "a name, like \"New logos\"",
            )?;
            check(
                origin,
                seen.insert(name.to_lowercase()),
                &format!("objectives[{i}].name"),
                format!("\"{}\"", o.name),
                "a name no other objective has",
            )?;
            check(
                origin,
                (0.0..=168.0).contains(&o.weekly_hours),
                &format!("objectives[{i}].weekly_hours"),
                o.weekly_hours,
                "hours from 0 to 168",
            )?;
        }
        Ok(())
    }
}

impl Import {
    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        for (i, r) in self.rules.iter().enumerate() {
            let blank = r.words.iter().any(|w| w.trim().is_empty());
            check(
                origin,
                !r.words.is_empty() && !blank,
                &format!("import.rules[{i}].words"),
                format!("{:?}", r.words),
                "list at least one word, none of them blank",
            )?;
        }
        self.crm.validate().map_err(|(key, value, allowed)| {
            invalid(origin, &format!("import.crm.{key}"), &value, &allowed)
        })
    }
}

impl ThemeColors {
    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        let named = [
            ("proactive", &self.proactive),
            ("reactive", &self.reactive),
            ("other", &self.other),
            ("unlogged", &self.unlogged),
            ("warning", &self.warning),
            ("accent", &self.accent),
        ];
        for (key, value) in named {
            let ok = value.parse::<ratatui::style::Color>().is_ok();
            check(
                origin,
                ok,
                &format!("theme.{key}"),
                format!("\"{value}\""),
                "a colour name like \"green\" or \"light-blue\", or \"#rrggbb\"",
            )?;
        }
        Ok(())
    }
}

fn check(
    origin: &str,
    ok: bool,
    key: &str,
    value: impl std::fmt::Display,
    allowed: &str,
) -> Result<(), ConfigError> {
    if ok {
        Ok(())
    } else {
        Err(invalid(origin, key, &value.to_string(), allowed))
    }
}

/// A time span's end (`key`) must come after its start.
fn check_ends_after_start(
    origin: &str,
    key: &str,
    start: NaiveTime,
    end: NaiveTime,
) -> Result<(), ConfigError> {
    check(
        origin,
        start < end,
        key,
        end.format("%H:%M"),
        "must be later than its start",
    )
}

fn invalid(origin: &str, key: &str, value: &str, allowed: &str) -> ConfigError {
    ConfigError::Invalid {
        origin: origin.into(),
        key: key.into(),
        value: value.into(),
        allowed: allowed.into(),
    }
}

fn syntax(text: &str, origin: &str, e: &toml::de::Error) -> ConfigError {
    let offset = e.span().map_or(0, |s| s.start);
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    ConfigError::Syntax {
        origin: origin.into(),
        line,
        column,
        message: e.message().trim_end().into(),
    }
}

/// The merged text has no line numbers the user would recognise, so name the key instead.
/// `section.key` of the value at `offset` in a TOML text: its line's key under the last table
/// header above it. The merged config's error spans point into that text, not the user's file.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next()?;
    let key = line.split_once('=')?.0.trim();
    let section = before[..line_start].lines().rev().find_map(|l| {
        l.trim()
            .strip_prefix('[')
            .map(|h| h.trim_matches(['[', ']']).to_string())
    });
    Some(match section {
        Some(section) => format!("{section}.{key}"),
        None => key.to_string(),
    })
}

fn unknown_or_bad_key(
    user_text: &str,
    origin: &str,
    e: &toml::de::Error,
    key: Option<String>,
) -> ConfigError {
    let message = e.message().trim_end().to_string();
    // Point at the user's line when the offending word appears there.
    let word = message.split('`').nth(1).unwrap_or("");
    let (message, line) = match key.filter(|_| word.is_empty()) {
        // A wrong type ("invalid type: string, expected f64") names no key: say which, and find
        // the line that sets it.
        Some(key) => {
            let name = key.rsplit('.').next().unwrap_or(&key).to_string();
            let line = user_text.lines().position(|l| {
                l.trim_start()
                    .strip_prefix(name.as_str())
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            });
            (format!("{key}: {message}"), line)
        }
        None => {
            let line = user_text
                .lines()
                .position(|l| !word.is_empty() && l.contains(word));
            (message, line)
        }
    };
    match line {
        Some(i) => ConfigError::Syntax {
            origin: origin.into(),
            line: i + 1,
            column: 1,
            message,
        },
        None => ConfigError::Bad {
            origin: origin.into(),
            message,
        },
    }
}

/// Keys in `overlay` replace those in `base`; tables merge key by key.
fn overlay_table(base: &mut toml::Table, overlay: toml::Table) {
    for (key, value) in overlay {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => overlay_table(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_load_and_hold_the_documented_values() {
        let c = Config::defaults();
        assert_eq!(c.workday.weekly_capacity_hours, 40.0);
        assert_eq!(c.timer.focus_minutes, 30);
        assert_eq!(c.timer.break_minutes, 5);
        assert_eq!(c.targets.realistic_ceiling, 60.0);
        assert_eq!(c.inbox.slots.len(), 2);
        assert_eq!(
            c.review.reminder,
            NaiveTime::from_hms_opt(16, 45, 0).unwrap()
        );
    }

    #[test]
    fn user_file_overrides_single_keys() {
        let c = Config::from_user_text(Some("[timer]\nfocus_minutes = 50\n"), "mine.toml").unwrap();
        assert_eq!(c.timer.focus_minutes, 50);
        assert_eq!(c.timer.break_minutes, 5);
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let err = Config::from_user_text(
            Some("[timer]\nfocus_minutes = 50\nfocus_mins = 3\n"),
            "mine.toml",
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("mine.toml:3:"), "{msg}");
        assert!(msg.contains("focus_mins"), "{msg}");
    }

    #[test]
    fn bad_values_name_key_value_and_what_is_allowed() {
        let cases = [
            ("[workday]\nstart = \"18:00\"\n", "workday.end = 17:00"),
            (
                "[targets]\nproactive_share = 70\nrealistic_ceiling = 50\n",
                "at most targets.realistic_ceiling (50)",
            ),
            (
                "[[objectives]]\nname = \"New logos\"\nweekly_hours = -1\n",
                "objectives[0].weekly_hours = -1: hours from 0 to 168",
            ),
            (
                "[[objectives]]\nname = \"New logos\"\n[[objectives]]\nname = \"new logos \"\n",
                "objectives[1].name = \"new logos \": a name no other objective has",
            ),
            (
                "[[inbox.slots]]\nstart = \"10:00\"\nend = \"09:00\"\n",
                "inbox.slots[0].end = 09:00",
            ),
            (
                "# mine\n[targets]\nproactive_share = \"40\"\n",
                "mine.toml:3:1: targets.proactive_share: invalid type: string \"40\"",
            ),
            ("[workday]\ngrid_minutes = 7\n", "one of 5, 10"),
            ("[targets]\nproactive_share = 140\n", "a percentage"),
            (
                "[theme]\nproactive = \"greenish\"\n",
                "theme.proactive = \"greenish\"",
            ),
            ("[review]\nreminder = \"25:00\"\n", "like 09:30"),
            ("[inbox]\ncategory = \"urgent\"\n", "urgent"),
            (
                "[import.crm]\npreset = \"zoho\"\n",
                "import.crm.preset = \"zoho\": one of \"auto\"",
            ),
            (
                "[import.crm]\nslash_dates = \"ymd\"\n",
                "import.crm.slash_dates = \"ymd\"",
            ),
            (
                "[[import.rules]]\nwords = [\"demo\"]\ncategory = \"proactive\"\nfield = \"subject\"\n",
                "unknown variant `subject`, expected one of `title`",
            ),
            (
                "[[import.rules]]\nwords = [\" \"]\ncategory = \"proactive\"\n",
                "import.rules[0].words",
            ),
        ];
        for (text, expect) in cases {
            let msg = Config::from_user_text(Some(text), "mine.toml")
                .unwrap_err()
                .to_string();
            assert!(msg.contains(expect), "{text} → {msg}");
        }
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let msg = Config::from_user_text(Some("[timer]\nfocus_minutes = = 3\n"), "mine.toml")
            .unwrap_err()
            .to_string();
        assert!(msg.starts_with("mine.toml:2:"), "{msg}");
    }
}
