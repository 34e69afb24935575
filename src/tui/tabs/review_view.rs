//! Drawing the Review tab.

use super::plan_view::capacity;
use super::review::ReviewTab;
use crate::domain::review::{day_facts, review_streak};
use crate::domain::{Day, Decision};
use crate::tui::shared::Context;
use crate::tui::shared::DayView;
use crate::tui::widgets::read_only_notice;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub struct ReviewView<'a> {
    pub tab: &'a ReviewTab,
    /// The clock, the config, today and the last sign of life, as every tab is handed them.
    pub cx: &'a Context<'a>,
}

impl ReviewView<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let day = match &self.tab.view {
            DayView::Loaded(day) => day,
            DayView::Unreadable { message, .. } => {
                read_only_notice(message, self.cx.theme, area, buf);
                return;
            }
        };
        let mut lines = self.facts(&crate::domain::open::counted(day, &self.cx.life));
        lines.push(Line::from(""));
        lines.extend(self.question(day));
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(area, buf);
        let streak = review_streak(&self.tab.streak, self.cx.now.date_naive());
        if streak > 0 && area.height > 1 {
            let text = format!("streak {streak} ");
            let width = text.chars().count() as u16;
            let at = Rect {
                x: area.right().saturating_sub(width),
                y: area.bottom() - 1,
                width: width.min(area.width),
                height: 1,
            };
            Line::styled(text, self.cx.theme.title()).render(at, buf);
        }
        if let Some(form) = &self.tab.form {
            let height = form.height(area.width).min(area.height);
            form.render(
                Rect {
                    y: area.bottom() - height,
                    height,
                    ..area
                },
                buf,
                self.cx.theme,
            );
        }
    }

    fn facts(&self, day: &Day) -> Vec<Line<'static>> {
        let local_now = self.cx.now.with_timezone(&self.cx.zone).naive_local();
        let rule = self
            .tab
            .counted
            .clone()
            .unwrap_or_else(|| capacity(self.cx.config));
        let capacity = rule.so_far(day.date, day.off.is_some(), local_now);
        let facts = day_facts(day, capacity, &self.cx.zone, self.cx.now);
        let target = self.cx.config.targets.proactive_share;
        let mut lines: Vec<Line> = facts.reading(target).into_iter().map(Line::from).collect();
        if let Some(share) = facts.proactive_share.filter(|_| capacity > 0) {
            let style = if share >= target {
                self.cx.theme.category(crate::domain::Category::Proactive)
            } else {
                self.cx.theme.warning()
            };
            if let Some(last) = lines.last_mut() {
                *last = last.clone().style(style);
            }
        }
        lines
    }

    fn question(&self, day: &Day) -> Vec<Line<'static>> {
        let review = self.tab.review_or_default();
        let answer = |key: &'static str, label: &'static str, d: Decision| {
            let chosen = day.review.as_ref().and_then(|r| r.decided) == Some(d);
            let style = if chosen {
                self.cx.theme.tab(true)
            } else {
                Style::new()
            };
            vec![
                Span::styled(format!(" [{key}] "), self.cx.theme.key()),
                Span::styled(label, style),
                Span::raw("  "),
            ]
        };
        let mut choices = vec![Span::raw(" ")];
        choices.extend(answer("y", "Yes", Decision::Yes));
        choices.extend(answer("P", "Partly", Decision::Partly));
        choices.extend(answer("N", "No, someone else did", Decision::No));
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let blank = |s: &str| {
            if s.is_empty() {
                "—".to_string()
            } else {
                s.to_string()
            }
        };
        // An earlier day is asked about as that day, so it is not answered as today's by mistake.
        let question = if day.date == self.cx.now.date_naive() {
            "Did I decide what to do today, or did someone else?".to_string()
        } else {
            format!(
                "On {}, did I decide what to do, or did someone else?",
                day.date.format("%a %-d %b")
            )
        };
        vec![
            Line::styled(question, bold),
            Line::from(choices),
            Line::from(vec![
                Span::styled("Note: ", self.cx.theme.dim()),
                Span::raw(blank(&review.note)),
            ]),
            Line::from(vec![
                Span::styled("Tomorrow I protect: ", self.cx.theme.dim()),
                Span::raw(blank(&review.tomorrow)),
            ]),
        ]
    }
}
