//! The Month tab week by week (`w`): one row per week of the month that counts, in h:mm; in a
//! narrow pane each week's figures wrap under its name instead of running off the edge.

use super::month::MonthTab;
use crate::domain::Category;
use crate::domain::report::{Figures, counted_weeks as weeks, week_of};
use crate::domain::timefmt::format_minutes;
use crate::tui::shared::Context;
use crate::tui::widgets::pack;
use ratatui::style::Style;
use ratatui::text::Line;

/// The width the table needs; narrower panes get a week per block of packed lines.
const TABLE_WIDTH: u16 = 72;

fn pct(share: Option<f64>) -> String {
    share.map_or("–".into(), |s| format!("{s:.0}%"))
}

/// The week-by-week lines at `width`, packed: as many as the rows they take.
pub fn lines(tab: &MonthTab, cx: &Context, width: u16) -> Vec<Line<'static>> {
    let rows = weeks(&tab.days);
    let mut lines = vec![];
    if rows.is_empty() {
        lines.push(Line::styled(
            "no week of this month counts yet",
            cx.theme.dim(),
        ));
    } else if width >= TABLE_WIDTH {
        lines.push(Line::styled(
            format!(
                "{:<14} {:>11} {:>11} {:>11} {:>11} {:>9}",
                "", "PRO", "RE", "OTH", "UNLOGGED", "capacity"
            ),
            cx.theme.dim(),
        ));
        for (label, f) in &rows {
            let cell = |m: i64, s: Option<f64>| format!("{:>6} {:>4}", format_minutes(m), pct(s));
            lines.push(Line::from(format!(
                "{:<14} {:>11} {:>11} {:>11} {:>11} {:>9}{}",
                week_of(label),
                cell(f.minutes(Category::Proactive), f.share(Category::Proactive)),
                cell(f.minutes(Category::Reactive), f.share(Category::Reactive)),
                cell(f.minutes(Category::Other), f.share(Category::Other)),
                cell(f.unlogged(), f.unlogged_share()),
                format_minutes(f.capacity),
                off_note(f)
            )));
        }
    } else {
        for (label, f) in &rows {
            lines.extend(narrow_week(label, f, cx, width));
        }
    }
    lines
}

fn off_note(f: &Figures) -> String {
    match f.days_off {
        0 => String::new(),
        1 => "  1 day off".into(),
        n => format!("  {n} days off"),
    }
}

fn narrow_week(label: &str, f: &Figures, cx: &Context, width: u16) -> Vec<Line<'static>> {
    let t = cx.theme;
    let part = |c: Category| {
        let text = format!(
            "{} {} {}",
            c.tag(),
            format_minutes(f.minutes(c)),
            pct(f.share(c))
        );
        (text, t.category(c))
    };
    let mut pieces = vec![
        (week_of(label), Style::new()),
        (format!("capacity {}", format_minutes(f.capacity)), t.dim()),
        part(Category::Proactive),
        part(Category::Reactive),
        part(Category::Other),
        (
            format!(
                "UNLOGGED {} {}",
                format_minutes(f.unlogged()),
                pct(f.unlogged_share())
            ),
            t.unlogged(),
        ),
    ];
    let off = off_note(f);
    if !off.is_empty() {
        pieces.push((off.trim().to_string(), t.dim()));
    }
    pack::pieces(pieces, width, 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn weeks_are_named_by_their_monday() {
        assert_eq!(week_of("2026-W45"), "week of 2 Nov");
        assert_eq!(week_of("2027-W01"), "week of 4 Jan");
    }

    /// Issue #20, case 3: no all-zero rows for weeks that do not count (ahead of today).
    #[test]
    fn weeks_without_capacity_tracking_or_days_off_have_no_row() {
        let day = |d: u32, capacity: i64, days_off: usize| {
            let f = Figures {
                capacity,
                days_off,
                ..Figures::default()
            };
            (NaiveDate::from_ymd_opt(2026, 11, d).unwrap(), f)
        };
        // Week of 2 Nov counted, week of 9 Nov wholly off, week of 16 Nov ahead of today.
        let days = vec![day(2, 480, 0), day(9, 0, 1), day(16, 0, 0), day(17, 0, 0)];
        let labels: Vec<String> = weeks(&days).into_iter().map(|(l, _)| l).collect();
        assert_eq!(labels, ["2026-W45", "2026-W46"]);
    }
}
