//! The month's checkup, as the method asks for it at the end of a month: what to change (the
//! advice), the proactive share over the last 12 months and week by week, where reactive time
//! comes from (weekday, hour of day), which planned proactive time was kept, and reactive time by
//! account and tier. Each part is a list of lines, so the Month tab fits what has room under its
//! charts and the `a` page stacks them all and scrolls.

use super::month::MonthTab;
use crate::domain::Category;
use crate::domain::advice::{Advice, Inputs, advise};
use crate::domain::patterns::{Tiers, kept_by_slot, reactive_by_tier, reactive_by_weekday};
use crate::domain::report::{Figures, counted_weeks, total, week_of};
use crate::domain::timefmt::format_minutes;
use crate::tui::shared::Context;
use crate::tui::widgets::charts::{self, Bar, Column};
use crate::tui::widgets::pack;
use chrono::Weekday;
use ratatui::style::Style;
use ratatui::text::Line;

/// One part of the checkup: a title line and what it shows.
pub type Part = Vec<Line<'static>>;

/// Text from the journal or the config on its way to the screen, packed to the width.
fn words(text: &str, style: Style, width: u16) -> Part {
    pack::words(&crate::sanitize::for_terminal(text), style, width)
}

pub fn title(text: &str, cx: &Context, width: u16) -> Part {
    words(text, cx.theme.title(), width)
}

/// The tiers of the accounts in `sum`, by the config's `[accounts]`.
pub fn tiers(sum: &Figures, cx: &Context) -> Tiers {
    cx.config.accounts.tiers_for(sum.accounts.keys())
}

/// What to change: up to three sentences, or why there are none.
pub fn advice(tab: &MonthTab, cx: &Context, width: u16) -> Part {
    let sum = total(&tab.days);
    let tiers = tiers(&sum, cx);
    let advice = advise(&Inputs {
        days: &tab.days,
        target: cx.config.targets.proactive_share,
        tiers: &tiers,
        weekdays_per_week: cx.config.workday.weekdays.len(),
    });
    let mut lines = title("What to change", cx, width);
    match advice {
        Advice::Sentences(s) if s.is_empty() => lines.extend(words(
            "Nothing the figures show: the share meets the target and no account, weekday or hour stands out.",
            cx.theme.dim(),
            width,
        )),
        Advice::Sentences(s) => {
            for sentence in s {
                lines.extend(words(&format!("• {}.", sentence.text), Style::new(), width));
            }
        }
        Advice::TooLittle(why) => lines.extend(words(&why, cx.theme.dim(), width)),
    }
    lines
}

/// The proactive share of the last 12 months, the shown one last, against the target.
pub fn trend(tab: &MonthTab, cx: &Context, width: u16) -> Part {
    let target = cx.config.targets.proactive_share;
    let cols: Vec<Column> = tab
        .trend
        .iter()
        .map(|(first, f)| Column {
            label: first.format("%b").to_string(),
            value: f.share(Category::Proactive),
        })
        .collect();
    let mut lines = title(
        &format!("Proactive share, last 12 months (┈ target {target:.0}%)"),
        cx,
        width,
    );
    let bar = cx.theme.category(Category::Proactive);
    lines.extend(charts::columns(&cols, target, width, bar, cx.theme.dim()));
    if width < 52 {
        // The columns are too narrow for their values: they follow as text.
        let values: Vec<String> = cols
            .iter()
            .map(|c| match c.value {
                Some(v) => format!("{} {v:.0}%", c.label),
                None => format!("{} –", c.label),
            })
            .collect();
        lines.extend(words(&values.join(" · "), cx.theme.dim(), width));
    }
    if let Some(broken) = &tab.trend_broken {
        lines.extend(words(broken, cx.theme.warning(), width));
    }
    lines
}

/// The proactive share of each week of the month that counts.
pub fn weeks(tab: &MonthTab, cx: &Context, width: u16) -> Part {
    let target = cx.config.targets.proactive_share;
    let rows: Vec<Bar> = counted_weeks(&tab.days)
        .into_iter()
        .map(|(label, f)| {
            let share = f.share(Category::Proactive);
            Bar {
                label: week_of(&label),
                value: share.map_or(0, |s| (s * 10.0).round() as i64),
                shown: share.map_or("–".into(), |s| format!("{s:.0}%")),
            }
        })
        .collect();
    let mut lines = title(
        &format!("Proactive share by week (target {target:.0}%)"),
        cx,
        width,
    );
    let bar = cx.theme.category(Category::Proactive);
    lines.extend(charts::bars(&rows, (target * 10.0) as i64, width, bar));
    lines
}

/// Reactive time by weekday (the working ones, and any other that had some).
pub fn weekdays(tab: &MonthTab, cx: &Context, width: u16) -> Part {
    let minutes = reactive_by_weekday(&tab.days);
    let working: Vec<Weekday> = cx
        .config
        .workday
        .weekdays
        .iter()
        .map(|w| w.weekday())
        .collect();
    let rows: Vec<Bar> = (0..7u8)
        .filter_map(|i| {
            let day = Weekday::try_from(i).ok()?;
            let m = minutes[usize::from(i)];
            (working.contains(&day) || m > 0).then(|| Bar {
                label: day.to_string(),
                value: m,
                shown: format_minutes(m),
            })
        })
        .collect();
    let mut lines = title("Reactive time by weekday", cx, width);
    lines.extend(charts::bars(
        &rows,
        0,
        width,
        cx.theme.category(Category::Reactive),
    ));
    lines
}

/// Reactive time by hour of day over the working day, and the hour with the most.
pub fn hours(tab: &MonthTab, cx: &Context, width: u16) -> Part {
    let by_hour = total(&tab.days).reactive_by_hour;
    let day = &cx.config.workday;
    let busy = |h: &usize| by_hour[*h] > 0;
    let first = (0..24).find(busy).map_or(8, |h| h.min(hour(day.start)));
    let last = (0..24)
        .rev()
        .find(busy)
        .map_or(17, |h| h.max(hour(day.end)));
    let values = &by_hour[first..=last];
    let cells = (usize::from(width) / values.len().max(1)).clamp(1, 3);
    let spark: String = charts::spark(values)
        .chars()
        .flat_map(|c| std::iter::repeat_n(c, cells))
        .collect();
    let mut lines = title("Reactive time by hour of day", cx, width);
    lines.push(Line::styled(spark, cx.theme.category(Category::Reactive)));
    lines.push(Line::styled(
        hour_labels(first..=last, cells),
        cx.theme.dim(),
    ));
    let reactive: i64 = by_hour.iter().sum();
    let peak = (0..24).max_by_key(|h| (by_hour[*h], std::cmp::Reverse(*h)));
    if let Some(h) = peak.filter(|h| by_hour[*h] > 0) {
        let text = format!(
            "most {h:02}:00–{:02}:00: {} of {}",
            (h + 1) % 24,
            format_minutes(by_hour[h]),
            format_minutes(reactive)
        );
        lines.extend(words(&text, cx.theme.dim(), width));
    }
    lines
}

/// The hours under a spark line of `cells` columns an hour: each hour where they are far enough
/// apart, else every second or third.
fn hour_labels(hours: std::ops::RangeInclusive<usize>, cells: usize) -> String {
    let step = match cells {
        3.. => 1,
        2 => 2,
        _ => 3,
    };
    let mut row = String::new();
    for (i, h) in hours.enumerate().step_by(step) {
        let at = i * cells;
        row.push_str(&" ".repeat(at.saturating_sub(row.chars().count())));
        row.push_str(&format!("{h:02}"));
    }
    row
}

fn hour(t: chrono::NaiveTime) -> usize {
    use chrono::Timelike;
    t.hour() as usize
}

/// Planned proactive time kept, by weekday morning and afternoon.
pub fn kept(tab: &MonthTab, cx: &Context, width: u16) -> Part {
    let rows: Vec<Bar> = kept_by_slot(&tab.days)
        .into_iter()
        .map(|s| {
            let kept = s.lost_share().map_or(0.0, |l| 100.0 - l);
            Bar {
                label: format!("{} {}", s.weekday, if s.afternoon { "pm" } else { "am" }),
                value: (kept * 10.0).round() as i64,
                shown: format!("{kept:.0}% of {}", format_minutes(s.planned)),
            }
        })
        .collect();
    let mut lines = title(
        "Planned proactive time kept (am before noon, pm after)",
        cx,
        width,
    );
    if rows.is_empty() {
        lines.extend(words(
            "no proactive block was planned",
            cx.theme.dim(),
            width,
        ));
    }
    lines.extend(charts::bars(
        &rows,
        1000,
        width,
        cx.theme.category(Category::Proactive),
    ));
    lines
}

/// Reactive time by account (with each one's tier) and by tier, the unnamed minutes beside them.
pub fn accounts(sum: &Figures, cx: &Context, width: u16) -> Part {
    let tiers = tiers(sum, cx);
    let mut parts: Vec<String> = sum
        .top_accounts()
        .into_iter()
        .take(3)
        .map(|(a, m)| match tiers.tier_of(&a) {
            Some(t) => format!("{a} ({t}) {}", format_minutes(m)),
            None => format!("{a} {}", format_minutes(m)),
        })
        .collect();
    let unnamed = sum.reactive_unnamed();
    if unnamed > 0 {
        parts.push(format!("no account {}", format_minutes(unnamed)));
    }
    let accounts = if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(" · ")
    };
    let mut lines = words(
        &format!("reactive by account: {accounts}"),
        Style::new(),
        width,
    );
    let by_tier = reactive_by_tier(sum, &tiers);
    if by_tier.iter().any(|(t, _)| t.is_some()) {
        let mut parts: Vec<String> = by_tier
            .into_iter()
            .map(|(t, m)| format!("{} {}", t.unwrap_or("no tier".into()), format_minutes(m)))
            .collect();
        if unnamed > 0 {
            parts.push(format!("no account {}", format_minutes(unnamed)));
        }
        lines.extend(words(
            &format!("by tier: {}", parts.join(" · ")),
            Style::new(),
            width,
        ));
    }
    lines
}

/// An objective's target for the month shown: its weekly hours over the month's days.
pub fn month_target(o: &crate::config::Objective, days: usize) -> i64 {
    (o.weekly_hours * 60.0 * days as f64 / 7.0).round() as i64
}

/// Each objective's proactive hours this month and week by week, against its hours.
pub fn objectives(tab: &MonthTab, cx: &Context, width: u16) -> Part {
    use crate::config::objectives::minutes_for;
    let mut lines = title(
        "Objectives, the month and week by week (o changes them)",
        cx,
        width,
    );
    if cx.config.objectives.is_empty() {
        lines.extend(words("none yet: o adds one", cx.theme.dim(), width));
    }
    let sum = total(&tab.days);
    let weeks = counted_weeks(&tab.days);
    for o in &cx.config.objectives {
        let by_week: Vec<String> = weeks
            .iter()
            .map(|(label, f)| {
                let monday = week_of(label).replace("week of ", "");
                format!("{monday} {}", format_minutes(minutes_for(o, &f.objectives)))
            })
            .collect();
        let text = format!(
            "{}: {} of {} this month · a week (of {}): {}",
            o.name,
            format_minutes(minutes_for(o, &sum.objectives)),
            format_minutes(month_target(o, tab.days.len())),
            format_minutes((o.weekly_hours * 60.0).round() as i64),
            by_week.join(" · ")
        );
        lines.extend(words(&text, Style::new(), width));
    }
    lines
}

/// Every part of the checkup below the advice, in the order the page shows them.
pub fn parts(tab: &MonthTab, cx: &Context, width: u16) -> Vec<Part> {
    vec![
        trend(tab, cx, width),
        weeks(tab, cx, width),
        weekdays(tab, cx, width),
        hours(tab, cx, width),
        kept(tab, cx, width),
        objectives(tab, cx, width),
    ]
}
