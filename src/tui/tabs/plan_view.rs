//! Drawing the Plan tab: the realism header, the timeline with plan against actual, the form.

use super::plan::PlanTab;
use crate::config::Config;
use crate::domain::check::{BlockActual, Limits, block_actuals, unplanned_sessions};
use crate::domain::span::{overlapping_blocks, session_span};
use crate::domain::timefmt::{format_hhmm, format_minutes};
use crate::domain::{Block, Day, Session, SessionKind};
use crate::tui::shared::Context;
use crate::tui::shared::DayView;
use crate::tui::widgets::{read_only_notice, truncate};
use chrono::NaiveTime;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use std::collections::HashMap;

/// Below this width the timeline drops account and objective and folds the header.
pub(super) const WIDE: u16 = 70;

pub struct PlanView<'a> {
    pub tab: &'a PlanTab,
    /// The clock, the config, today and the last sign of life, as every tab is handed them.
    pub cx: &'a Context<'a>,
}

use crate::domain::open;
pub use crate::figures::capacity;

pub fn limits(config: &Config) -> Limits {
    Limits {
        target_share: config.targets.proactive_share,
        ceiling_share: config.targets.realistic_ceiling,
        max_objectives: config.targets.max_objectives_per_day,
    }
}

impl PlanView<'_> {
    /// The capacity rule the Month tab counts with, so the two screens agree on every day.
    pub(super) fn capacity(&self) -> crate::domain::check::Capacity {
        self.tab
            .counted
            .clone()
            .unwrap_or_else(|| capacity(self.cx.config))
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        self.tab.row_hits.borrow_mut().clear();
        let day = match &self.tab.view {
            DayView::Loaded(day) => day,
            DayView::Unreadable { message, .. } => {
                read_only_notice(message, self.cx.theme, area, buf);
                return;
            }
        };
        // The figures count open sessions by the one rule; the timeline still shows them running.
        let counted = open::counted(day, &self.cx.life);
        let header = self.header(&counted, area.width);
        let header_height = (header.len() as u16 + 1).min(area.height);
        Paragraph::new(header).render(
            Rect {
                height: header_height,
                ..area
            },
            buf,
        );
        let timeline = Rect {
            y: area.y + header_height,
            height: area.height - header_height,
            ..area
        };
        match &self.tab.sessions {
            Some(mode) => {
                super::sessions_view::render(mode, day, self.cx.now, self.cx.theme, timeline, buf)
            }
            None => self.render_timeline(day, &counted, timeline, buf),
        }
        // The Plan tab's own form (`m` logs time) shows over the sessions list too.
        if let Some(form) = &self.tab.form {
            let height = form.form.height(area.width).min(area.height);
            let form_area = Rect {
                y: area.bottom() - height,
                height,
                ..area
            };
            form.form.render(form_area, buf, self.cx.theme);
        }
    }

    /// `counted` is `day` with open sessions ended by the one rule, for the blocks' figures.
    fn render_timeline(&self, day: &Day, counted: &Day, mut area: Rect, buf: &mut Buffer) {
        if day.blocks.is_empty() && area.height > 0 {
            let text = "Nothing planned yet: a adds a block, T applies the day template, y copies the last planned day.";
            // As many rows as the words need at this width (one at 120 columns, two at 80).
            let height = (text.chars().count() as u16)
                .div_ceil(area.width.saturating_sub(4).max(1))
                .clamp(1, 3)
                .min(area.height);
            let hint = Paragraph::new(text)
                .style(self.cx.theme.dim())
                .wrap(Wrap { trim: true });
            hint.render(Rect { height, ..area }, buf);
            area = Rect {
                y: area.y + height,
                height: area.height - height,
                ..area
            };
        }
        let rows = self.rows(day, counted);
        let selected_row = rows
            .iter()
            .position(|r| matches!(r, Row::Block { selected: true, .. }))
            .unwrap_or(0);
        let first = scroll_start(selected_row, rows.len(), area.height as usize);
        for (i, row) in rows
            .iter()
            .skip(first)
            .take(area.height as usize)
            .enumerate()
        {
            let y = area.y + i as u16;
            if let Row::Block { block, .. } = row {
                self.tab.row_hits.borrow_mut().push((y, block.id.clone()));
            }
            self.row_line(row, area.width).render(
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
    }

    fn rows<'d>(&self, day: &'d Day, counted: &Day) -> Vec<Row<'d>> {
        let tz = self.cx.zone;
        let actuals = block_actuals(counted, &tz, self.cx.now);
        let overlapping: Vec<String> = overlapping_blocks(&day.blocks)
            .into_iter()
            .flat_map(|(a, b)| [a, b])
            .collect();
        let is_today = day.date == self.cx.now.date_naive();
        let now = self.cx.now.time();
        let blocks = day.blocks_by_start();
        let current = blocks
            .iter()
            .find(|b| is_today && b.start <= now && now < b.end)
            .map(|b| b.id.clone());
        let next = blocks
            .iter()
            .find(|b| is_today && b.start > now)
            .map(|b| b.id.clone());
        let selected = self.tab.selected_block().map(|b| b.id.clone());
        let mut rows: Vec<(NaiveTime, u8, Row<'d>)> = blocks
            .iter()
            .map(|b| {
                let flags = Flags {
                    selected: selected.as_ref() == Some(&b.id),
                    current: current.as_ref() == Some(&b.id),
                    next: next.as_ref() == Some(&b.id),
                    overlap: overlapping.contains(&b.id),
                };
                (b.start, 1, Row::block(b, actual_of(&actuals, b), flags))
            })
            .collect();
        // Time outside the plan, and every interruption: one inside a block is what broke it.
        let outside = unplanned_sessions(day, &tz, self.cx.now);
        let interruptions = day.sessions.iter().filter(|s| {
            s.kind == SessionKind::Interruption && !outside.iter().any(|o| o.id == s.id)
        });
        for s in outside.iter().copied().chain(interruptions) {
            rows.push((s.start.with_timezone(&tz).time(), 2, Row::Session(s)));
        }
        // A day without capacity has no free time to show.
        if self.capacity().of_day(day.date, day.off.is_some()) > 0 {
            rows.extend(
                self.free_rows(&blocks)
                    .into_iter()
                    .map(|(start, minutes)| (start, 0, Row::Free { start, minutes })),
            );
        }
        if is_today {
            rows.push((now, 3, Row::Now(now)));
        }
        rows.sort_by_key(|(t, order, _)| (*t, *order));
        rows.into_iter().map(|(_, _, r)| r).collect()
    }

    /// Unplanned stretches of the working day of at least one grid step.
    fn free_rows(&self, blocks: &[&Block]) -> Vec<(NaiveTime, i64)> {
        let (start, end) = (self.cx.config.workday.start, self.cx.config.workday.end);
        let grid = i64::from(self.cx.config.workday.grid_minutes);
        let mut free = vec![];
        let mut cursor = start;
        for b in blocks.iter().filter(|b| b.end > start && b.start < end) {
            if b.start > cursor && (b.start - cursor).num_minutes() >= grid {
                free.push((cursor, (b.start - cursor).num_minutes()));
            }
            cursor = cursor.max(b.end);
        }
        if end > cursor && (end - cursor).num_minutes() >= grid {
            free.push((cursor, (end - cursor).num_minutes()));
        }
        free
    }

    fn row_line(&self, row: &Row, width: u16) -> Line<'static> {
        match row {
            Row::Block {
                block,
                actual,
                selected,
                current,
                next,
                overlap,
            } => {
                let flags = Flags {
                    selected: *selected,
                    current: *current,
                    next: *next,
                    overlap: *overlap,
                };
                self.block_line(block, actual, flags, width)
            }
            Row::Session(s) => self.session_line(s, width),
            Row::Now(t) => {
                let label = format!("{} ", format_hhmm(*t));
                let rule = "─".repeat((width as usize).saturating_sub(label.len() + 6) / 2);
                Line::styled(format!("{label}{rule} now {rule}"), self.cx.theme.title())
            }
            Row::Free { start, minutes } => Line::styled(
                format!(
                    "{}    · free {}",
                    format_hhmm(*start),
                    format_minutes(*minutes)
                ),
                self.cx.theme.unlogged(),
            ),
        }
    }

    fn session_line(&self, s: &Session, width: u16) -> Line<'static> {
        let span = session_span(s, self.cx.now);
        let tz = self.cx.zone;
        let (start, end) = (
            span.start.with_timezone(&tz).time(),
            span.end.with_timezone(&tz).time(),
        );
        // A session without a title, or titled by its kind, is named once ("focus", not
        // "focus · focus").
        let what = match &s.title {
            Some(title) if *title != s.kind.to_string() => format!("{} · {title}", s.kind),
            _ => s.kind.to_string(),
        };
        let running = if s.end.is_none() { " running" } else { "" };
        let text = format!(
            "{} ░░ {:<4} {what} {}–{} ({}){running}",
            format_hhmm(start),
            s.category.tag(),
            format_hhmm(start),
            format_hhmm(end),
            format_minutes(span.minutes())
        );
        Line::styled(
            truncate(&text, width as usize),
            self.cx.theme.category(s.category),
        )
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Flags {
    pub(super) selected: bool,
    pub(super) current: bool,
    pub(super) next: bool,
    pub(super) overlap: bool,
}

enum Row<'d> {
    Block {
        block: &'d Block,
        actual: BlockActual,
        selected: bool,
        current: bool,
        next: bool,
        overlap: bool,
    },
    Session(&'d Session),
    Now(NaiveTime),
    Free {
        start: NaiveTime,
        minutes: i64,
    },
}

impl<'d> Row<'d> {
    fn block(block: &'d Block, actual: BlockActual, f: Flags) -> Row<'d> {
        Row::Block {
            block,
            actual,
            selected: f.selected,
            current: f.current,
            next: f.next,
            overlap: f.overlap,
        }
    }
}

fn actual_of(actuals: &HashMap<String, BlockActual>, b: &Block) -> BlockActual {
    actuals.get(&b.id).copied().unwrap_or_default()
}

/// The first row to show so that `selected` stays on screen.
fn scroll_start(selected: usize, rows: usize, height: usize) -> usize {
    if rows <= height || height == 0 {
        return 0;
    }
    selected.saturating_sub(height / 2).min(rows - height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("Prospecting", 6), "Prosp…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abc", 0), "");
        // Columns, not characters; sanitised before it is measured.
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("a\u{200B}bc", 3), "a\u{FFFD}…");
    }

    #[test]
    fn scrolling_keeps_the_selection_visible() {
        assert_eq!(scroll_start(3, 5, 10), 0);
        assert_eq!(scroll_start(15, 20, 10), 10);
        assert_eq!(scroll_start(8, 20, 10), 3);
    }
}
