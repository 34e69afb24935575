//! Drawing the Month tab: the shares, the reading, the answers, day bars, the heat map, accounts
//! and objectives; or week by week.

use super::month::MonthTab;
use crate::domain::Category;
use crate::domain::report::{Figures, Grouping, group, month_reading, total};
use crate::domain::timefmt::format_minutes;
use crate::tui::shared::Context;
use crate::tui::widgets::{heatmap, stacked};
use chrono::Months;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub struct MonthView<'a> {
    pub tab: &'a MonthTab,
    /// The clock, the config, today and the last sign of life, as every tab is handed them.
    pub cx: &'a Context<'a>,
}

fn h(minutes: i64) -> String {
    format!("{}h", (minutes as f64 / 60.0).round() as i64)
}

/// Whole hours of parts that add up to their rounded sum (largest remainder first): rounding each
/// on its own shows 1h30 reactive and 158h30 unlogged as 2h + 159h of a 160h month.
fn hours_adding_up<const N: usize>(minutes: [i64; N]) -> [i64; N] {
    let total = (minutes.iter().sum::<i64>() as f64 / 60.0).round() as i64;
    let mut hours = minutes.map(|m| m.div_euclid(60));
    let mut by_remainder: Vec<usize> = (0..N).collect();
    by_remainder.sort_by_key(|&i| std::cmp::Reverse(minutes[i].rem_euclid(60)));
    let short = (total - hours.iter().sum::<i64>()).max(0) as usize;
    for &i in by_remainder.iter().take(short) {
        hours[i] += 1;
    }
    hours
}

fn pct(share: Option<f64>) -> String {
    share.map_or("–".into(), |s| format!("{s:.0}%"))
}

impl MonthView<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        if let Some(error) = &self.tab.error {
            let lines = vec![
                Line::styled(
                    "This month's figures could not be read:",
                    self.cx.theme.warning(),
                ),
                Line::from(error.as_str()),
            ];
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .render(area, buf);
            return;
        }
        let sum = total(&self.tab.days);
        let header = self.header(&sum, area.width);
        let height = (header.len() as u16).min(area.height);
        Paragraph::new(header)
            .wrap(Wrap { trim: true })
            .render(Rect { height, ..area }, buf);
        let rest = Rect {
            y: area.y + height + 1,
            height: area.height.saturating_sub(height + 1),
            ..area
        };
        if self.tab.weekly {
            self.render_weeks(rest, buf);
        } else {
            self.render_charts(&sum, rest, buf);
        }
    }

    fn header(&self, f: &Figures, width: u16) -> Vec<Line<'static>> {
        let t = self.cx.theme;
        let [pro, re, oth, unlogged] = hours_adding_up([
            f.minutes(Category::Proactive),
            f.minutes(Category::Reactive),
            f.minutes(Category::Other),
            f.unlogged(),
        ]);
        let part = |c: Category, hours: i64| {
            Span::styled(
                format!("{} {hours}h ({})  ", c.tag(), pct(f.share(c))),
                t.category(c),
            )
        };
        let mut first = vec![
            part(Category::Proactive, pro),
            part(Category::Reactive, re),
            part(Category::Other, oth),
        ];
        first.push(Span::styled(
            format!("UNLOGGED {unlogged}h ({})  ", pct(f.unlogged_share())),
            t.unlogged(),
        ));
        first.push(Span::raw(format!("capacity {}", h(f.capacity))));
        let previous_name = self
            .tab
            .month
            .checked_sub_months(Months::new(1))
            .map(|d| d.format("%B").to_string())
            .unwrap_or_default();
        let previous = self
            .tab
            .previous
            .as_ref()
            .map(|p| (previous_name.as_str(), p));
        let mut reading = month_reading(f, previous, self.cx.config.targets.proactive_share);
        if let Some(a) = f.adherence() {
            reading.push_str(&format!(" · kept {a:.0}% of planned proactive time"));
        }
        let d = f.decided;
        let decided = format!(
            "decided: yes {} · partly {} · no {} · no review {}",
            d[0], d[1], d[2], d[3]
        );
        let mut lines = vec![
            Line::from(first),
            Line::from(reading),
            Line::styled(decided, t.dim()),
        ];
        if width < 60 {
            lines.truncate(3);
        }
        lines
    }

    fn render_charts(&self, sum: &Figures, area: Rect, buf: &mut Buffer) {
        let target = self.cx.config.targets.proactive_share;
        let wide = area.width >= 70;
        let days = self.tab.days.len().max(1) as u16;
        let (bar_width, gap) = match area.width / days {
            3.. => (2, 1),
            2 => (1, 1),
            _ => (1, 0),
        };
        let chart_width = days * (bar_width + gap);
        let chart_height = area.height.saturating_sub(4).clamp(0, 10);
        let chart = Rect {
            width: chart_width.min(area.width),
            height: chart_height,
            ..area
        };
        let figures: Vec<Figures> = self.tab.days.iter().map(|(_, f)| f.clone()).collect();
        stacked::render(&figures, chart, buf, self.cx.theme, bar_width, gap);
        let legend: Vec<Span> = stacked::legend(self.cx.theme)
            .into_iter()
            .map(|(text, style)| Span::styled(text, style))
            .collect();
        if chart_height > 0 {
            Line::from(legend).render(
                Rect {
                    y: chart.bottom(),
                    height: 1,
                    ..area
                },
                buf,
            );
        }
        if wide && area.width >= chart_width + 4 + heatmap::WIDTH {
            let heat = Rect {
                x: area.x + chart_width + 4,
                width: heatmap::WIDTH,
                height: heatmap::HEIGHT.min(area.height),
                ..area
            };
            heatmap::render(&self.tab.days, target, heat, buf, self.cx.theme);
            let caption = Rect {
                y: heat.bottom(),
                height: 1,
                ..heat
            };
            if caption.bottom() <= area.bottom() {
                Line::styled(format!("proactive vs {target:.0}%"), self.cx.theme.dim())
                    .render(caption, buf);
            }
        }
        let below = Rect {
            y: chart.bottom() + 2,
            height: area.bottom().saturating_sub(chart.bottom() + 2),
            ..area
        };
        Paragraph::new(self.lists(sum))
            .wrap(Wrap { trim: true })
            .render(below, buf);
    }

    fn lists(&self, sum: &Figures) -> Vec<Line<'static>> {
        let mut accounts: Vec<String> = sum
            .top_accounts()
            .into_iter()
            .take(3)
            .map(|(a, m)| format!("{a} {}", format_minutes(m)))
            .collect();
        if sum.reactive_unnamed() > 0 {
            accounts.push(format!(
                "no account {}",
                format_minutes(sum.reactive_unnamed())
            ));
        }
        let mut lines = vec![Line::from(format!(
            "reactive by account: {}",
            if accounts.is_empty() {
                "none".to_string()
            } else {
                accounts.join(" · ")
            }
        ))];
        if sum.inbox + sum.inbox_planned > 0 || sum.parked_handled + sum.parked_waiting > 0 {
            lines.push(Line::from(format!(
                "inbox: {} in slots of {} planned · {} parked mails handled, {} left waiting",
                format_minutes(sum.inbox),
                format_minutes(sum.inbox_planned),
                sum.parked_handled,
                sum.parked_waiting
            )));
        }
        if !self.cx.config.objectives.is_empty() {
            let weeks = self.tab.days.len() as f64 / 7.0;
            let parts: Vec<String> = self
                .cx
                .config
                .objectives
                .iter()
                .map(|o| {
                    format!(
                        "{} {} / {}",
                        o.name,
                        h(sum.objectives.get(&o.name).copied().unwrap_or(0)),
                        h((o.weekly_hours * 60.0 * weeks) as i64)
                    )
                })
                .collect();
            lines.push(Line::from(format!("objectives: {}", parts.join(" · "))));
        }
        lines
    }

    fn render_weeks(&self, area: Rect, buf: &mut Buffer) {
        let mut lines = vec![Line::styled(
            format!(
                "{:<14} {:>10} {:>10} {:>10} {:>10} {:>9}",
                "", "PRO", "RE", "OTH", "UNLOGGED", "capacity"
            ),
            self.cx.theme.dim(),
        )];
        for (label, f) in group(&self.tab.days, Grouping::Week) {
            let cell =
                |hours: i64, s: Option<f64>| format!("{:>4} {:>5}", format!("{hours}h"), pct(s));
            let [pro, re, oth, unlogged] = hours_adding_up([
                f.minutes(Category::Proactive),
                f.minutes(Category::Reactive),
                f.minutes(Category::Other),
                f.unlogged(),
            ]);
            let label = week_of(&label);
            lines.push(Line::from(format!(
                "{label:<14} {:>10} {:>10} {:>10} {:>10} {:>9}",
                cell(pro, f.share(Category::Proactive)),
                cell(re, f.share(Category::Reactive)),
                cell(oth, f.share(Category::Other)),
                cell(unlogged, f.unlogged_share()),
                h(f.capacity)
            )));
        }
        Paragraph::new(lines).render(area, buf);
    }
}

/// "2026-W45" → "week of 2 Nov": the Monday a rep's calendar shows, not the ISO number.
fn week_of(iso: &str) -> String {
    let monday = iso.split_once("-W").and_then(|(year, week)| {
        let (year, week) = (year.parse().ok()?, week.parse().ok()?);
        chrono::NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)
    });
    monday.map_or(iso.to_string(), |m| {
        format!("week of {}", m.format("%-d %b"))
    })
}

#[cfg(test)]
mod tests {
    use super::hours_adding_up;

    #[test]
    fn weeks_are_named_by_their_monday() {
        assert_eq!(super::week_of("2026-W45"), "week of 2 Nov");
        assert_eq!(super::week_of("2027-W01"), "week of 4 Jan");
    }

    #[test]
    fn rounded_parts_add_up_to_the_rounded_whole() {
        // 1h30 reactive and 158h30 unlogged of a 160h month; a month of the generator's.
        for (parts, whole) in [([0, 90, 0, 9510], 160), ([2679, 2768, 1013, 2180], 144)] {
            let hours = hours_adding_up(parts);
            assert_eq!(hours.iter().sum::<i64>(), whole, "{parts:?}");
            for (h, m) in hours.iter().zip(parts) {
                assert!((h * 60 - m).abs() < 60, "{h}h for {m} min");
            }
        }
        assert_eq!(hours_adding_up([0, 0, 0, 0]), [0, 0, 0, 0]);
    }
}
