//! What to change next month: at most three plain sentences, each built from figures it names,
//! so a rep (or a manager in a one-on-one) can check it against the numbers beside it. A month
//! with too little tracked time gets none, and says why: advice from a thin month would be noise.

use super::Category;
use super::patterns::{Slot, Tiers, kept_by_slot};
use super::report::{Figures, total};
use super::timefmt::format_minutes;
use chrono::NaiveDate;

/// Advice needs this many working days with tracked time…
pub const MIN_DAYS: usize = 10;
/// …and this many minutes tracked (20 h).
pub const MIN_MINUTES: i64 = 20 * 60;
/// At most this many sentences: more would not be acted on.
pub const MAX_SENTENCES: usize = 3;

/// What a month's figures are read against.
pub struct Inputs<'a> {
    /// The month's days with their figures.
    pub days: &'a [(NaiveDate, Figures)],
    /// The proactive share target, in percent.
    pub target: f64,
    pub tiers: &'a Tiers,
    /// Working weekdays in a week (5 for Monday to Friday), to say "a week".
    pub weekdays_per_week: usize,
}

/// Which rule a sentence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A small (low-tier) account takes a large part of the reactive time.
    LowTierAccount,
    /// A weekday morning or afternoon loses most of its planned proactive time.
    LostSlot,
    /// The proactive share is below the target.
    ShareGap,
    /// Reactive work comes mostly in one hour of the day.
    ReactivePeak,
    /// Most reactive time named no account, so the rest cannot say who takes it.
    UnnamedReactive,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Sentence {
    pub rule: Rule,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Advice {
    /// Up to [`MAX_SENTENCES`]; empty when no rule found anything to change.
    Sentences(Vec<Sentence>),
    /// Too little tracked for advice, and why.
    TooLittle(String),
}

/// The month's advice, rules in the order of the method: who takes the time, when it is lost,
/// how far from the target, when it comes, and what is not known.
pub fn advise(inputs: &Inputs) -> Advice {
    let sum = total(inputs.days);
    if let Some(why) = too_little(inputs.days, &sum) {
        return Advice::TooLittle(why);
    }
    let weeks = working_weeks(inputs);
    let rules = [
        low_tier_account(&sum, inputs.tiers, weeks),
        lost_slot(&kept_by_slot(inputs.days)),
        share_gap(&sum, inputs.target, weeks),
        reactive_peak(&sum),
        unnamed_reactive(&sum),
    ];
    Advice::Sentences(rules.into_iter().flatten().take(MAX_SENTENCES).collect())
}

/// Why a month is too thin for advice, if it is.
fn too_little(days: &[(NaiveDate, Figures)], sum: &Figures) -> Option<String> {
    let tracked_days = days
        .iter()
        .filter(|(_, f)| f.capacity > 0 && f.total() > 0)
        .count();
    let mut why = vec![];
    if tracked_days < MIN_DAYS {
        let days = if tracked_days == 1 { "day" } else { "days" };
        why.push(format!(
            "{tracked_days} working {days} with tracked time (advice needs {MIN_DAYS})"
        ));
    }
    if sum.total() < MIN_MINUTES {
        why.push(format!(
            "{} tracked (advice needs {})",
            format_minutes(sum.total()),
            format_minutes(MIN_MINUTES)
        ));
    }
    (!why.is_empty()).then(|| format!("No advice yet: {}.", why.join(" and ")))
}

/// The working weeks the month counted: its days with capacity over the working weekdays.
fn working_weeks(inputs: &Inputs) -> f64 {
    let days = inputs.days.iter().filter(|(_, f)| f.capacity > 0).count();
    days as f64 / inputs.weekdays_per_week.max(1) as f64
}

/// "3 interruptions a week", or the month's count when it is less than one a week.
fn how_often(sessions: usize, weeks: f64) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let rate = sessions as f64 / weeks.max(1.0);
    if rate >= 1.0 {
        let n = rate.round() as usize;
        format!("{n} interruption{} a week", plural(n))
    } else {
        format!("{sessions} interruption{} this month", plural(sessions))
    }
}

fn low_tier_account(sum: &Figures, tiers: &Tiers, weeks: f64) -> Option<Sentence> {
    let reactive = sum.minutes(Category::Reactive);
    let (account, minutes) = sum.top_accounts().into_iter().find(|(a, m)| {
        tiers.tier_of(a).is_some_and(|t| tiers.is_low(t)) && *m >= 120 && m * 10 >= reactive
    })?;
    let tier = tiers.tier_of(&account)?;
    let sessions = sum.account_sessions.get(&account).copied().unwrap_or(0);
    Some(Sentence {
        rule: Rule::LowTierAccount,
        text: format!(
            "{account} (tier {tier}) took {} of reactive time, {}: pass its requests to support",
            format_minutes(minutes),
            how_often(sessions, weeks)
        ),
    })
}

fn lost_slot(slots: &[Slot]) -> Option<Sentence> {
    let slot = slots
        .iter()
        .filter(|s| s.days >= 2 && s.planned >= 120)
        .filter(|s| s.lost_share().is_some_and(|p| p >= 50.0))
        .max_by_key(|s| (s.lost(), s.planned))?;
    Some(Sentence {
        rule: Rule::LostSlot,
        text: format!(
            "{} lost {:.0}% of planned proactive time ({} of {}): move those blocks to a time that holds",
            slot.name(),
            slot.lost_share()?,
            format_minutes(slot.lost()),
            format_minutes(slot.planned)
        ),
    })
}

fn share_gap(sum: &Figures, target: f64, weeks: f64) -> Option<Sentence> {
    let share = sum.share(Category::Proactive)?;
    if share >= target || weeks <= 0.0 {
        return None;
    }
    let wanted = (sum.base() as f64 * target / 100.0).ceil() as i64;
    let missing = (wanted - sum.minutes(Category::Proactive)).max(0);
    let a_week = (missing as f64 / weeks.max(1.0)).ceil() as i64;
    Some(Sentence {
        rule: Rule::ShareGap,
        text: format!(
            "Proactive share {share:.0}%, target {target:.0}%: {} a week more would reach it",
            format_minutes(a_week)
        ),
    })
}

fn reactive_peak(sum: &Figures) -> Option<Sentence> {
    let reactive: i64 = sum.reactive_by_hour.iter().sum();
    let (hour, minutes) = sum
        .reactive_by_hour
        .iter()
        .enumerate()
        .max_by_key(|(h, m)| (**m, std::cmp::Reverse(*h)))?;
    if reactive < 300 || minutes * 10 < reactive * 3 {
        return None;
    }
    Some(Sentence {
        rule: Rule::ReactivePeak,
        text: format!(
            "Reactive work peaks {hour:02}:00–{:02}:00 ({} of {}, {:.0}%): keep a reactive buffer there, not a proactive block",
            (hour + 1) % 24,
            format_minutes(*minutes),
            format_minutes(reactive),
            *minutes as f64 * 100.0 / reactive as f64
        ),
    })
}

fn unnamed_reactive(sum: &Figures) -> Option<Sentence> {
    let reactive = sum.minutes(Category::Reactive);
    let unnamed = sum.reactive_unnamed();
    if reactive < 300 || unnamed * 2 < reactive {
        return None;
    }
    Some(Sentence {
        rule: Rule::UnnamedReactive,
        text: format!(
            "{} of {} reactive time named no account: name who broke in, so next month shows which customers take it",
            format_minutes(unnamed),
            format_minutes(reactive)
        ),
    })
}

#[cfg(test)]
#[path = "advice_test.rs"]
mod tests;
