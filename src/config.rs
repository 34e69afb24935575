//! The user's file over the built-in defaults (`config/default.toml`, the same values as
//! [`defaults`] holds), validated into one [`Config`].

use crate::domain::timefmt::hhmm;
use crate::domain::{BlockKind, Category};
use chrono::{NaiveTime, Weekday};
use serde::Deserialize;
use std::path::Path;

pub mod accounts;
pub mod calendar;
mod defaults;
mod errors;
pub mod objectives;
pub use objectives::Objective;
pub mod writer;
pub use errors::{ConfigError, Place};

/// The defaults, every key commented.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub workday: Workday,
    pub targets: Targets,
    pub timer: Timer,
    pub inbox: Inbox,
    pub review: ReviewConfig,
    pub notifications: Notifications,
    pub objectives: Vec<Objective>,
    pub import: Import,
    pub theme: ThemeColors,
    pub plan: PlanConfig,
    pub calendar: calendar::CalendarConfig,
    pub accounts: accounts::Accounts,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanConfig {
    pub template: Vec<TemplateBlock>,
}

/// One block of the day template (`T` on the Plan tab).
#[derive(Debug, Clone, PartialEq, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Workday {
    #[serde(with = "hhmm")]
    pub start: NaiveTime,
    #[serde(with = "hhmm")]
    pub end: NaiveTime,
    pub weekdays: Vec<WeekdayName>,
    pub weekly_capacity_hours: f64,
    pub grid_minutes: u32,
    /// The first day that counts, "YYYY-MM-DD"; without it, the journal's first day.
    pub tracking_since: Option<String>,
    /// Public holidays every year, "MM-DD".
    pub holidays: Vec<String>,
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

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Targets {
    pub proactive_share: f64,
    pub realistic_ceiling: f64,
    pub max_objectives_per_day: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Timer {
    pub focus_minutes: u32,
    pub break_minutes: u32,
    pub rounds_before_long_break: u32,
    pub long_break_minutes: u32,
    pub stale_after_hours: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
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

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReviewConfig {
    #[serde(with = "hhmm")]
    pub reminder: NaiveTime,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Notifications {
    pub enabled: bool,
    pub focus_end: bool,
    pub break_end: bool,
    pub block_start: bool,
    pub block_start_lead_minutes: u32,
    pub inbox_slot: bool,
    pub review_reminder: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Import {
    /// The rep's own addresses: an event one of them declined is skipped.
    pub me: Vec<String>,
    /// "auto" (detect) or the name of the encoding exports are in.
    pub encoding: String,
    pub rules: Vec<crate::import::rules::Rule>,
    pub crm: crate::import::crm::Mapping,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThemeColors {
    pub proactive: String,
    pub reactive: String,
    pub other: String,
    pub unlogged: String,
    pub warning: String,
    pub accent: String,
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
        Config::default()
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

    /// `user` (TOML text from `origin`) over the defaults, validated. A key the user left out
    /// keeps its default (every section is `serde(default)`), so only the user's text is parsed:
    /// parsing the commented defaults cost about a third of `protime status`.
    pub fn from_user_text(user: Option<&str>, origin: &str) -> Result<Config, ConfigError> {
        let config = match user {
            None => Config::default(),
            Some(text) => Config::read(text, origin)?,
        };
        config
            .validate(origin)
            .map_err(|e| errors::UserFile::new(origin, user).place_invalid(e))?;
        Ok(config)
    }

    /// Reads `text` as it is; only a config that does not fit is read a second time, noting the
    /// path to the key serde stopped at.
    fn read(text: &str, origin: &str) -> Result<Config, ConfigError> {
        let document = || toml::Deserializer::parse(text).map_err(|e| syntax(text, origin, &e));
        match Config::deserialize(document()?) {
            Ok(config) => Ok(config),
            Err(_) => serde_path_to_error::deserialize(document()?)
                .map_err(|e| errors::UserFile::new(origin, Some(text)).explain(e)),
        }
    }

    /// Checks the numbers, then section by section; only the first problem found is reported.
    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        self.check_numbers(origin)?;
        self.workday.validate(origin)?;
        self.targets.validate(origin)?;
        self.inbox.validate(origin)?;
        self.plan.validate(origin)?;
        self.import.validate(origin)?;
        Objective::validate_all(&self.objectives, origin)?;
        self.calendar.validate(origin)?;
        self.accounts.validate(origin)?;
        self.theme.validate(origin)
    }

    /// Every number against its rule in [`NUMBER_RULES`].
    fn check_numbers(&self, origin: &str) -> Result<(), ConfigError> {
        for rule in NUMBER_RULES {
            for (i, value) in (rule.values)(self).into_iter().enumerate() {
                let key = rule.key.replace("[]", &format!("[{i}]"));
                check(origin, (rule.ok)(value), &key, value, rule.allowed)?;
            }
        }
        Ok(())
    }
}

/// What one number in the config may be. Validation checks it, and a value of the wrong type
/// (`focus_minutes = 1e9` or `-5`) is told the same words, so each rule is written once.
struct NumberRule {
    /// The key's path; `[]` stands for each entry of a list.
    key: &'static str,
    values: fn(&Config) -> Vec<f64>,
    ok: fn(f64) -> bool,
    allowed: &'static str,
}

const TIMER_MINUTES: &str = "minutes from 1 to 240";

const NUMBER_RULES: &[NumberRule] = &[
    NumberRule {
        key: "workday.weekly_capacity_hours",
        values: |c| vec![c.workday.weekly_capacity_hours],
        ok: |h| h > 0.0 && h <= 168.0,
        allowed: "hours between 1 and 168",
    },
    NumberRule {
        key: "workday.grid_minutes",
        values: |c| vec![f64::from(c.workday.grid_minutes)],
        ok: |m| [5.0, 10.0, 15.0, 20.0, 30.0, 60.0].contains(&m),
        allowed: "one of 5, 10, 15, 20, 30, 60",
    },
    NumberRule {
        key: "targets.proactive_share",
        values: |c| vec![c.targets.proactive_share],
        ok: |p| (0.0..=100.0).contains(&p),
        allowed: "a percentage from 0 to 100",
    },
    NumberRule {
        key: "targets.realistic_ceiling",
        values: |c| vec![c.targets.realistic_ceiling],
        ok: |p| (0.0..=100.0).contains(&p),
        allowed: "a percentage from 0 to 100",
    },
    NumberRule {
        key: "targets.max_objectives_per_day",
        values: |c| vec![f64::from(c.targets.max_objectives_per_day)],
        ok: |n| n >= 1.0,
        allowed: "at least 1",
    },
    NumberRule {
        key: "timer.focus_minutes",
        values: |c| vec![f64::from(c.timer.focus_minutes)],
        ok: |m| (1.0..=240.0).contains(&m),
        allowed: TIMER_MINUTES,
    },
    NumberRule {
        key: "timer.break_minutes",
        values: |c| vec![f64::from(c.timer.break_minutes)],
        ok: |m| (1.0..=240.0).contains(&m),
        allowed: TIMER_MINUTES,
    },
    NumberRule {
        key: "timer.long_break_minutes",
        values: |c| vec![f64::from(c.timer.long_break_minutes)],
        ok: |m| (1.0..=240.0).contains(&m),
        allowed: TIMER_MINUTES,
    },
    NumberRule {
        key: "timer.rounds_before_long_break",
        values: |c| vec![f64::from(c.timer.rounds_before_long_break)],
        ok: |n| n >= 1.0,
        allowed: "at least 1",
    },
    NumberRule {
        key: "timer.stale_after_hours",
        values: |c| vec![f64::from(c.timer.stale_after_hours)],
        ok: |h| h >= 1.0,
        allowed: "at least 1 hour",
    },
    NumberRule {
        key: "notifications.block_start_lead_minutes",
        values: |c| vec![f64::from(c.notifications.block_start_lead_minutes)],
        ok: |m| m >= 0.0,
        allowed: "0 or more minutes",
    },
    NumberRule {
        key: "objectives[].weekly_hours",
        values: |c| c.objectives.iter().map(|o| o.weekly_hours).collect(),
        ok: |h| (0.0..=168.0).contains(&h),
        allowed: "hours from 0 to 168",
    },
];

/// The rule for a key's path (`objectives[2].weekly_hours` finds `objectives[].weekly_hours`).
fn number_rule(key: &str) -> Option<&'static NumberRule> {
    let mut general = String::with_capacity(key.len());
    let mut in_index = false;
    for c in key.chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if in_index => continue,
            _ => {}
        }
        general.push(c);
    }
    NUMBER_RULES.iter().find(|r| r.key == general)
}

/// A recurring holiday as written in the config: `"12-25"` → (12, 25); any day of a leap year.
fn month_day(text: &str) -> Option<(u32, u32)> {
    let (m, d) = text.trim().split_once('-')?;
    let digits = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(m) || !digits(d) {
        return None;
    }
    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
    chrono::NaiveDate::from_ymd_opt(2000, m, d).map(|_| (m, d))
}

impl Workday {
    /// `tracking_since` as a date (`None` when unset; validation refuses one that is not a date).
    pub fn since(&self) -> Option<chrono::NaiveDate> {
        let text = self.tracking_since.as_deref()?;
        chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
    }

    /// The recurring public holidays, as (month, day).
    pub fn holiday_dates(&self) -> Vec<(u32, u32)> {
        self.holidays.iter().filter_map(|h| month_day(h)).collect()
    }

    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        if let Some(text) = &self.tracking_since {
            check(
                origin,
                self.since()
                    .is_some_and(|d| (1970..=2100).contains(&chrono::Datelike::year(&d))),
                "workday.tracking_since",
                format!("\"{text}\""),
                "a date in quotes, like \"2026-10-14\": the first day protime counts",
            )?;
        }
        for (i, h) in self.holidays.iter().enumerate() {
            check(
                origin,
                month_day(h).is_some(),
                &format!("workday.holidays[{i}]"),
                format!("\"{h}\""),
                "a month and day in quotes, like \"12-25\" or \"01-01\"",
            )?;
        }
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
        )
    }
}

impl Targets {
    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
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

impl Import {
    /// The encoding named by `encoding`; `None` for "auto" (detect each file's).
    pub fn encoding(&self) -> Option<&'static encoding_rs::Encoding> {
        crate::import::input::encoding_named(&self.encoding)
            .ok()
            .flatten()
    }

    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        check(
            origin,
            crate::import::input::encoding_named(&self.encoding).is_ok(),
            "import.encoding",
            format!("\"{}\"", self.encoding),
            "\"auto\" (detect it) or an encoding name like \"windows-1250\", \"windows-1251\", \
             \"iso-8859-2\" or \"utf-8\"",
        )?;
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

/// A bad value; [`errors::UserFile::place_invalid`] adds its line.
fn invalid(origin: &str, key: &str, value: &str, allowed: &str) -> ConfigError {
    ConfigError::Invalid {
        at: Place {
            origin: origin.into(),
            line_column: None,
        },
        key: key.into(),
        value: value.into(),
        allowed: allowed.into(),
    }
}

fn syntax(text: &str, origin: &str, e: &toml::de::Error) -> ConfigError {
    let (line, column) = errors::line_column(text, e.span().map_or(0, |s| s.start));
    ConfigError::Syntax {
        origin: origin.into(),
        line,
        column,
        message: e.message().trim_end().into(),
    }
}

#[cfg(test)]
mod tests;
