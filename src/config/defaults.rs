//! The built-in defaults as values, so a start-up parses only the user's file. They are the
//! values `config/default.toml` documents; `defaults_are_the_documented_file` checks the two agree.

use super::accounts::Accounts;
use super::calendar::{CalendarConfig, Show};
use super::{
    Import, Inbox, Notifications, PlanConfig, ReviewConfig, Slot, Targets, TemplateBlock,
    ThemeColors, Timer, WeekdayName, Workday,
};
use crate::domain::{BlockKind, Category};
use crate::import::crm::Mapping;
use crate::import::rules::Rule;
use chrono::NaiveTime;

fn at(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).expect("a valid time of day")
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

impl Default for Workday {
    fn default() -> Workday {
        use WeekdayName::{Fri, Mon, Thu, Tue, Wed};
        Workday {
            start: at(8, 30),
            end: at(17, 0),
            weekdays: vec![Mon, Tue, Wed, Thu, Fri],
            weekly_capacity_hours: 40.0,
            grid_minutes: 15,
            tracking_since: None,
            holidays: Vec::new(),
        }
    }
}

impl Default for Targets {
    fn default() -> Targets {
        Targets {
            proactive_share: 40.0,
            realistic_ceiling: 60.0,
            max_objectives_per_day: 3,
        }
    }
}

impl Default for Timer {
    fn default() -> Timer {
        Timer {
            focus_minutes: 30,
            break_minutes: 5,
            rounds_before_long_break: 4,
            long_break_minutes: 15,
            stale_after_hours: 3,
        }
    }
}

impl Default for Inbox {
    fn default() -> Inbox {
        let slot = |start, end| Slot { start, end };
        Inbox {
            category: Category::Reactive,
            slots: vec![slot(at(11, 30), at(12, 0)), slot(at(16, 30), at(17, 0))],
        }
    }
}

impl Default for ReviewConfig {
    fn default() -> ReviewConfig {
        ReviewConfig {
            reminder: at(16, 45),
        }
    }
}

impl Default for Notifications {
    fn default() -> Notifications {
        Notifications {
            enabled: true,
            focus_end: true,
            break_end: true,
            block_start: true,
            block_start_lead_minutes: 2,
            inbox_slot: true,
            review_reminder: true,
        }
    }
}

impl Default for Accounts {
    fn default() -> Accounts {
        Accounts {
            tiers: strings(&["A", "B", "C", "D"]),
            tier: Default::default(),
        }
    }
}

impl Default for Import {
    fn default() -> Import {
        let rule = |words: &[&str], category| Rule {
            words: strings(words),
            category,
            field: None,
        };
        Import {
            me: Vec::new(),
            encoding: "auto".into(),
            rules: vec![
                rule(
                    &[
                        "prospect",
                        "demo",
                        "proposal",
                        "discovery",
                        "qualification",
                        "negotiation",
                        "pitch",
                        "follow-up",
                        "account plan",
                    ],
                    Category::Proactive,
                ),
                rule(
                    &[
                        "support",
                        "escalation",
                        "complaint",
                        "incident",
                        "outage",
                        "request",
                        "issue",
                        "fix",
                        "urgent",
                    ],
                    Category::Reactive,
                ),
                rule(
                    &[
                        "1:1",
                        "one-on-one",
                        "team",
                        "training",
                        "all-hands",
                        "internal",
                        "admin",
                        "lunch",
                        "offsite",
                    ],
                    Category::Other,
                ),
            ],
            crm: Mapping::default(),
        }
    }
}

impl Default for Mapping {
    fn default() -> Mapping {
        Mapping {
            preset: "auto".into(),
            slash_dates: "dmy".into(),
            subject: None,
            kind: None,
            start: None,
            start_time: None,
            end: None,
            duration: None,
            account: None,
            id: None,
            description: None,
            status: None,
            tier: None,
        }
    }
}

impl Default for ThemeColors {
    fn default() -> ThemeColors {
        ThemeColors {
            proactive: "green".into(),
            reactive: "yellow".into(),
            other: "blue".into(),
            unlogged: "gray".into(),
            warning: "red".into(),
            accent: "cyan".into(),
        }
    }
}

impl Default for PlanConfig {
    fn default() -> PlanConfig {
        let block = |start, end, category, title: &str, kind| TemplateBlock {
            start,
            end,
            category,
            title: title.into(),
            kind,
        };
        use Category::{Other, Proactive, Reactive};
        PlanConfig {
            template: vec![
                block(
                    at(8, 30),
                    at(10, 0),
                    Proactive,
                    "Prospecting calls",
                    BlockKind::Work,
                ),
                block(
                    at(11, 30),
                    at(12, 0),
                    Reactive,
                    "Inbox slot",
                    BlockKind::Inbox,
                ),
                block(
                    at(16, 30),
                    at(16, 45),
                    Reactive,
                    "Inbox slot",
                    BlockKind::Inbox,
                ),
                block(
                    at(16, 45),
                    at(17, 0),
                    Other,
                    "Review the day",
                    BlockKind::Review,
                ),
            ],
        }
    }
}

impl Default for CalendarConfig {
    fn default() -> CalendarConfig {
        CalendarConfig {
            feed: String::new(),
            show: Show::Titles,
            categories: vec![Category::Proactive, Category::Reactive, Category::Other],
            caldav: super::calendar::CaldavConfig::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::config::DEFAULT_TOML;

    /// The file a rep reads to learn the keys says what protime really does when a key is left
    /// out: every value in it equals the built-in one.
    #[test]
    fn defaults_are_the_documented_file() {
        let documented: Config = toml::from_str(DEFAULT_TOML).unwrap();
        assert_eq!(documented, Config::default());
    }

    /// An empty file, a file with one section, and one with one key all keep every other default.
    #[test]
    fn a_key_left_out_keeps_its_default() {
        let read = |text| Config::from_user_text(Some(text), "test").unwrap();
        assert_eq!(read(""), Config::default());
        let one_key = read("[timer]\nfocus_minutes = 25\n");
        assert_eq!(one_key.timer.focus_minutes, 25);
        assert_eq!(one_key.timer.break_minutes, Timer::default().break_minutes);
        assert_eq!(one_key.inbox, Inbox::default());
    }
}
