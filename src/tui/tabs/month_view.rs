//! Drawing the Month tab: the shares, the reading, the answers, day bars, the heat map, accounts
//! and objectives; or week by week.

use super::month::MonthTab;
use crate::domain::Category;
use crate::domain::report::{Figures, month_reading, total};
use crate::domain::timefmt::format_minutes;
use crate::tui::shared::Context;
use crate::tui::widgets::{heatmap, pack, scroll, stacked};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub struct MonthView<'a> {
    pub tab: &'a MonthTab,
    /// The clock, the config, today and the last sign of life, as every tab is handed them.
    pub cx: &'a Context<'a>,
}

fn pct(share: Option<f64>) -> String {
    share.map_or("–".into(), |s| format!("{s:.0}%"))
}

/// The rows a chart block takes: the bars, their dates and their legend.
const BARS_EXTRA: u16 = 2;
/// The bars' height: at least this, at most the next.
const BARS_MIN: u16 = 3;
const BARS_MAX: u16 = 10;

/// Where the calendar goes.
#[derive(Clone, Copy)]
enum Heat {
    Shown { beside: bool },
    None,
}

struct ChartLayout {
    chart: Rect,
    slot: (u16, u16),
    heat: Heat,
}

impl MonthView<'_> {
    /// Draws the month; when it is taller than the pane, a window of it from the tab's scroll
    /// offset (nothing is cut). Returns the largest useful scroll offset.
    pub fn render(&self, area: Rect, buf: &mut Buffer) -> u16 {
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
            return 0;
        }
        let sum = total(&self.tab.days);
        // Packed to the width, so the box is as tall as its lines: none is cut.
        let header = self.header(&sum, area.width);
        // Week by week and the what-to-change page are lines; the month is drawn.
        let weeks = if self.tab.weekly {
            Some(super::month_weeks::lines(self.tab, self.cx, area.width))
        } else if self.tab.checkup {
            Some(super::month_page::lines(self.tab, self.cx, area.width))
        } else {
            None
        };
        let body = match &weeks {
            Some(lines) => lines.len() as u16,
            None => self.charts_height(&sum, area.width),
        };
        let height = header.len() as u16 + 1 + body;
        let draw = |area: Rect, buf: &mut Buffer| {
            let top = header.len() as u16;
            Paragraph::new(header).render(
                Rect {
                    height: top,
                    ..area
                },
                buf,
            );
            let rest = Rect {
                y: area.y + top + 1,
                height: area.height.saturating_sub(top + 1),
                ..area
            };
            match weeks {
                Some(lines) => Paragraph::new(lines).render(rest, buf),
                None => self.render_charts(&sum, rest, buf),
            }
        };
        scroll::render_tall(area, buf, height, self.tab.scroll, self.cx.theme, draw)
    }

    fn header(&self, f: &Figures, width: u16) -> Vec<Line<'static>> {
        let t = self.cx.theme;
        let part = |c: Category| {
            let text = format!(
                "{} {} ({})",
                c.tag(),
                format_minutes(f.minutes(c)),
                pct(f.share(c))
            );
            (text, t.category(c))
        };
        let pieces = vec![
            part(Category::Proactive),
            part(Category::Reactive),
            part(Category::Other),
            (
                format!(
                    "UNLOGGED {} ({})",
                    format_minutes(f.unlogged()),
                    pct(f.unlogged_share())
                ),
                t.unlogged(),
            ),
            (
                format!("capacity {}", format_minutes(f.capacity)),
                Style::new(),
            ),
        ];
        let previous = self.tab.previous.as_ref().map(|(n, p)| (n.as_str(), p));
        let mut reading = month_reading(f, previous, self.cx.config.targets.proactive_share);
        if let Some(a) = f.adherence() {
            reading.push_str(&format!(" · kept {a:.0}% of planned proactive time"));
        }
        let d = f.decided;
        let mut decided = format!(
            "decided: yes {} · partly {} · no {} · no review {}",
            d[0], d[1], d[2], d[3]
        );
        decided.push_str(&days_not_counted(f));
        let mut lines = pack::pieces(pieces, width, 2);
        lines.extend(pack::words(&reading, Style::new(), width));
        lines.extend(pack::words(&decided, t.dim(), width));
        lines
    }

    /// The rows the charts and lists need at `width` with the calendar shown and the bars at
    /// their lowest: the height below which render() scrolls instead of cutting.
    fn charts_height(&self, sum: &Figures, width: u16) -> u16 {
        let lists = self.lists(sum, width).len() as u16 + 1;
        let bars = lists + BARS_EXTRA + BARS_MIN;
        if self.tab.days.is_empty() {
            return bars;
        }
        let target = self.cx.config.targets.proactive_share;
        let scale = pack::pieces(heatmap::scale(target, self.cx.theme), heatmap::WIDTH, 1);
        let heat = heatmap::rows(&self.tab.days) + scale.len() as u16;
        if self.beside(width) {
            bars.max(heat + lists)
        } else {
            bars + heat + 1
        }
    }

    fn beside(&self, width: u16) -> bool {
        width >= self.tab.days.len().max(1) as u16 + 3 + heatmap::WIDTH
    }

    /// Where the bars and the calendar go: the calendar beside the bars when both fit across,
    /// else under them.
    fn layout(&self, area: Rect, lists_height: u16, heat_height: u16) -> ChartLayout {
        let n = self.tab.days.len().max(1) as u16;
        let beside = self.beside(area.width);
        let bars_room = if beside {
            area.width - 3 - heatmap::WIDTH
        } else {
            area.width
        };
        let (bar_width, gap) = match bars_room / n {
            3.. => (2, 1),
            2 => (1, 1),
            _ => (1, 0),
        };
        let free = area.height.saturating_sub(lists_height + BARS_EXTRA);
        let stacked_heat = if beside { 0 } else { heat_height + 1 };
        let heat = if self.tab.days.is_empty() {
            Heat::None
        } else if free >= BARS_MIN + stacked_heat
            && (!beside || heat_height <= area.height.saturating_sub(lists_height))
        {
            Heat::Shown { beside }
        } else {
            // Only in a pane under two rows: render() scrolls anything taller.
            Heat::None
        };
        let bars_height = match heat {
            Heat::Shown { .. } => (free - stacked_heat).clamp(BARS_MIN, BARS_MAX),
            Heat::None => free.min(BARS_MAX),
        };
        let chart = Rect {
            width: (n * (bar_width + gap)).min(bars_room),
            height: bars_height,
            ..area
        };
        ChartLayout {
            chart,
            slot: (bar_width, gap),
            heat,
        }
    }

    fn render_charts(&self, sum: &Figures, area: Rect, buf: &mut Buffer) {
        let cx = self.cx;
        let target = cx.config.targets.proactive_share;
        let scale = pack::pieces(heatmap::scale(target, cx.theme), heatmap::WIDTH, 1);
        let heat_height = heatmap::rows(&self.tab.days) + scale.len() as u16;
        let lists = self.lists(sum, area.width);
        let layout = self.layout(area, lists.len() as u16 + 1, heat_height);
        let chart = layout.chart;
        self.render_bars(chart, layout.slot, area, buf);
        let mut y = chart.bottom() + BARS_EXTRA;
        match layout.heat {
            Heat::Shown { beside } => {
                let heat = if beside {
                    let x = area.right() - heatmap::WIDTH;
                    Rect::new(x, area.y, heatmap::WIDTH, heat_height)
                } else {
                    Rect::new(area.x, y + 1, heatmap::WIDTH, heat_height)
                };
                self.render_heat(heat, scale, buf);
                y = y.max(heat.bottom());
            }
            Heat::None => {}
        }
        let rest = area.bottom().saturating_sub(y + 1);
        Paragraph::new(lists).render(Rect::new(area.x, y + 1, area.width, rest), buf);
    }

    /// The day bars, a row of dates under them and the legend.
    fn render_bars(&self, chart: Rect, (bar_width, gap): (u16, u16), area: Rect, buf: &mut Buffer) {
        if chart.height == 0 {
            return;
        }
        let theme = self.cx.theme;
        let figures: Vec<Figures> = self.tab.days.iter().map(|(_, f)| f.clone()).collect();
        stacked::render(&figures, chart, buf, theme, bar_width, gap);
        let room = area.right().saturating_sub(chart.x);
        let dates = stacked::date_row(&self.tab.days, bar_width + gap, room);
        buf.set_string(chart.x, chart.bottom(), dates, theme.dim());
        let legend: Vec<Span> = stacked::legend(theme)
            .into_iter()
            .map(|(text, style)| Span::styled(text, style))
            .collect();
        Line::from(legend).render(Rect::new(area.x, chart.bottom() + 1, area.width, 1), buf);
    }

    fn render_heat(&self, heat: Rect, scale: Vec<Line<'static>>, buf: &mut Buffer) {
        let target = self.cx.config.targets.proactive_share;
        let rows = heatmap::rows(&self.tab.days);
        heatmap::render(
            &self.tab.days,
            target,
            Rect {
                height: rows,
                ..heat
            },
            buf,
            self.cx.theme,
        );
        let below = Rect {
            y: heat.y + rows,
            height: heat.height.saturating_sub(rows),
            ..heat
        };
        Paragraph::new(scale).render(below, buf);
    }

    /// The accounts (with tiers), the inbox, the objectives, then what to change and where the
    /// rest of the checkup is.
    fn lists(&self, sum: &Figures, width: u16) -> Vec<Line<'static>> {
        let mut lines = super::month_checkup::accounts(sum, self.cx, width);
        let mut texts = vec![];
        if sum.inbox + sum.inbox_planned > 0 || sum.parked_handled + sum.parked_waiting > 0 {
            texts.push(format!(
                "inbox: {} in slots of {} planned · {} parked mails handled, {} left waiting",
                format_minutes(sum.inbox),
                format_minutes(sum.inbox_planned),
                sum.parked_handled,
                sum.parked_waiting
            ));
        }
        if !self.cx.config.objectives.is_empty() {
            let parts: Vec<String> = self
                .cx
                .config
                .objectives
                .iter()
                .map(|o| {
                    format!(
                        "{} {} / {}",
                        o.name,
                        format_minutes(crate::config::objectives::minutes_for(o, &sum.objectives)),
                        format_minutes(super::month_checkup::month_target(o, self.tab.days.len()))
                    )
                })
                .collect();
            texts.push(format!("objectives: {}", parts.join(" · ")));
        }
        lines.extend(
            texts
                .iter()
                .flat_map(|t| pack::words(&crate::sanitize::for_terminal(t), Style::new(), width)),
        );
        lines.push(Line::default());
        lines.extend(super::month_checkup::advice(self.tab, self.cx, width));
        let pointer = "a: the trend, the patterns and the objectives";
        lines.extend(pack::words(pointer, self.cx.theme.dim(), width));
        lines
    }
}

/// " · 2 days off · 9 days before you started": the working days that count no capacity.
fn days_not_counted(f: &Figures) -> String {
    let plural = |n: usize| if n == 1 { "day" } else { "days" };
    let mut text = String::new();
    if f.days_off > 0 {
        text.push_str(&format!(" · {} {} off", f.days_off, plural(f.days_off)));
    }
    if f.days_before_start > 0 {
        let n = f.days_before_start;
        text.push_str(&format!(" · {n} {} before you started", plural(n)));
    }
    text
}
