//! Drawing the Plan tab: the realism header, the timeline with plan against actual, the form.

use super::plan::PlanTab;
use crate::clock::Zone;
use crate::config::Config;
use crate::domain::check::{
    BlockActual, Limits, PlanSummary, PlanWarning, block_actuals, check_plan, objective_minutes,
    unplanned_sessions,
};
use crate::domain::span::{overlapping_blocks, session_span};
use crate::domain::timefmt::{format_hhmm, format_minutes};
use crate::domain::{Block, BlockKind, Category, Day, Session};
use crate::tui::app::DayView;
use crate::tui::theme::Theme;
use crate::tui::widgets::{read_only_notice, text_width, truncate};
use chrono::{DateTime, FixedOffset, NaiveTime};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use std::collections::HashMap;

/// Below this width the timeline drops account and objective and folds the header.
const WIDE: u16 = 70;

pub struct PlanView<'a> {
    pub tab: &'a PlanTab,
    pub config: &'a Config,
    pub theme: &'a Theme,
    pub now: DateTime<FixedOffset>,
    pub zone: Zone,
    /// The last sign of life: open sessions count up to it (the rule of `domain::open`).
    pub life: Liveness,
}

use crate::domain::open::{self, Liveness};
pub use crate::figures::capacity;

pub fn limits(config: &Config) -> Limits {
    Limits {
        target_share: config.targets.proactive_share,
        ceiling_share: config.targets.realistic_ceiling,
        max_objectives: config.targets.max_objectives_per_day,
    }
}

impl PlanView<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        self.tab.row_hits.borrow_mut().clear();
        let day = match &self.tab.view {
            DayView::Loaded(day) => day,
            DayView::Unreadable { message, .. } => {
                read_only_notice(message, self.theme, area, buf);
                return;
            }
        };
        // The figures count open sessions by the one rule; the timeline still shows them running.
        let counted = open::counted(day, &self.life);
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
        if let Some(mode) = &self.tab.sessions {
            super::sessions_view::render(mode, day, self.now, self.theme, timeline, buf);
            return;
        }
        self.render_timeline(day, &counted, timeline, buf);
        if let Some(form) = &self.tab.form {
            let height = form.form.height(area.width).min(area.height);
            let form_area = Rect {
                y: area.bottom() - height,
                height,
                ..area
            };
            form.form.render(form_area, buf, self.theme);
        }
    }

    fn header(&self, day: &Day, width: u16) -> Vec<Line<'static>> {
        let capacity = capacity(self.config).of_day(day.date, day.off.is_some());
        let summary = check_plan(day, capacity, &limits(self.config));
        let wide = width >= WIDE;
        let mut lines = self.planned_lines(&summary, width);
        if let Some(done) = self.done_line(day, wide) {
            lines.push(done);
        }
        lines.extend(self.warning_lines(day, &summary, wide));
        if wide {
            lines.extend(self.objectives_line(width));
        }
        let no_proactive = !day.blocks.iter().any(|b| b.category == Category::Proactive);
        if let Some(promise) = self.tab.protect.as_deref().filter(|_| no_proactive) {
            let text = format!("You promised to protect: {promise} — a plans it");
            lines.push(Line::styled(text, self.theme.category(Category::Proactive)));
        }
        lines
    }

    fn planned_lines(&self, s: &PlanSummary, width: u16) -> Vec<Line<'static>> {
        let t = self.theme;
        let pro = s.planned[&Category::Proactive];
        let share = s
            .proactive_share
            .map_or(String::new(), |p| format!(" ({p:.0}%)"));
        let target = self.config.targets.proactive_share;
        let ceiling = self.config.targets.realistic_ceiling;
        let mark = |ok: bool| if ok { "✓" } else { "✗" };
        let on_target = s.proactive_share.is_some_and(|p| p >= target);
        let below_ceiling = s.proactive_share.is_none_or(|p| p <= ceiling);
        if width < WIDE {
            let pct = s.proactive_share.map_or("–".into(), |p| format!("{p:.0}%"));
            return vec![Line::from(vec![
                Span::styled(
                    format!("PRO {pct} {}", mark(on_target)),
                    t.category(Category::Proactive),
                ),
                Span::raw(" · "),
                Span::styled(
                    format!("RE {}", format_minutes(s.planned[&Category::Reactive])),
                    t.category(Category::Reactive),
                ),
                Span::raw(" · "),
                Span::styled(
                    format!("OTH {}", format_minutes(s.planned[&Category::Other])),
                    t.category(Category::Other),
                ),
            ])];
        }
        let max = self.config.targets.max_objectives_per_day;
        let mut line = Line::from(vec![
            Span::styled("Planned  ", t.dim()),
            Span::styled(
                format!("PRO {}{share}", format_minutes(pro)),
                t.category(Category::Proactive),
            ),
            Span::styled(
                format!("  RE {}", format_minutes(s.planned[&Category::Reactive])),
                t.category(Category::Reactive),
            ),
            Span::styled(
                format!("  OTH {}", format_minutes(s.planned[&Category::Other])),
                t.category(Category::Other),
            ),
            // "unplanned", not "free": the timeline's "free" rows are gaps between blocks in
            // the working day, this is capacity no block takes yet.
            Span::styled(
                format!("  unplanned {}", format_minutes(s.free)),
                t.unlogged(),
            ),
        ]);
        let targets = format!(
            "target {target:.0}% {}  ceiling {ceiling:.0}% {}  goals {}/{max}",
            mark(on_target),
            mark(below_ceiling),
            s.objectives
        );
        // Below the width both need, the targets go on a line of their own instead of being cut.
        if usize::from(width.saturating_sub(2))
            >= line.width() + 3 + Line::from(targets.as_str()).width()
        {
            line.spans.push(Span::raw(format!("   {targets}")));
            vec![line]
        } else {
            vec![line, Line::from(format!("         {targets}"))]
        }
    }

    /// Tracked time per category, once anything was tracked.
    fn done_line(&self, day: &Day, wide: bool) -> Option<Line<'static>> {
        if day.sessions.is_empty() {
            return None;
        }
        let window = crate::domain::span::day_bounds(&self.zone, day.date);
        let done = crate::domain::span::tracked_minutes(&day.sessions, &window, self.now);
        let (label, gap) = if wide {
            ("Done     ", "  ")
        } else {
            ("done ", " ")
        };
        let mut spans = vec![Span::styled(label, self.theme.dim())];
        for c in Category::ALL {
            let text = format!("{} {}{gap}", c.tag(), format_minutes(done[&c]));
            spans.push(Span::styled(text, self.theme.category(c)));
        }
        Some(Line::from(spans))
    }

    /// Every warning on its own line in a wide pane; the first, in a few words, in a narrow one.
    fn warning_lines(&self, day: &Day, s: &PlanSummary, wide: bool) -> Vec<Line<'static>> {
        if let Some(off) = &day.off {
            let hint = if wide {
                " o marks it a working day again."
            } else {
                ""
            };
            let text = format!("Day off ({off}): no capacity.{hint}");
            return vec![Line::styled(text, self.theme.dim())];
        }
        if s.warnings.is_empty() {
            if s.capacity == 0 {
                return vec![Line::styled("Not a working day.", self.theme.dim())];
            }
            let ok = self.theme.category(Category::Proactive);
            return vec![Line::styled("✓ a realistic plan", ok)];
        }
        if !wide {
            return vec![Line::styled(
                format!("⚠ {}", s.warnings[0].short()),
                self.theme.warning(),
            )];
        }
        let warning = |w: &PlanWarning| Line::styled(format!("⚠ {w}"), self.theme.warning());
        s.warnings.iter().map(warning).collect()
    }

    fn objectives_line(&self, width: u16) -> Option<Line<'static>> {
        if self.config.objectives.is_empty() {
            return None;
        }
        let totals = objective_minutes(&self.tab.week, &self.zone, self.now);
        let parts: Vec<String> = self
            .config
            .objectives
            .iter()
            .map(|o| {
                let (planned, done) = totals.get(&o.name).copied().unwrap_or_default();
                format!(
                    "{} {} planned · {} done / {:.0}h",
                    o.name,
                    format_minutes(planned),
                    format_minutes(done),
                    o.weekly_hours
                )
            })
            .collect();
        let label = "This week  ";
        // Cut with "…" where the pane ends, not in the middle of a word without a sign.
        let room = usize::from(width.saturating_sub(2)).saturating_sub(text_width(label));
        Some(Line::from(vec![
            Span::styled(label, self.theme.dim()),
            Span::raw(truncate(&parts.join("  ·  "), room)),
        ]))
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
                .style(self.theme.dim())
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
        let tz = self.zone;
        let actuals = block_actuals(counted, &tz, self.now);
        let overlapping: Vec<String> = overlapping_blocks(&day.blocks)
            .into_iter()
            .flat_map(|(a, b)| [a, b])
            .collect();
        let is_today = day.date == self.now.date_naive();
        let now = self.now.time();
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
        for s in unplanned_sessions(day, &tz, self.now) {
            rows.push((s.start.with_timezone(&tz).time(), 2, Row::Session(s)));
        }
        rows.extend(
            self.free_rows(&blocks)
                .into_iter()
                .map(|(start, minutes)| (start, 0, Row::Free { start, minutes })),
        );
        if is_today {
            rows.push((now, 3, Row::Now(now)));
        }
        rows.sort_by_key(|(t, order, _)| (*t, *order));
        rows.into_iter().map(|(_, _, r)| r).collect()
    }

    /// Unplanned stretches of the working day of at least one grid step.
    fn free_rows(&self, blocks: &[&Block]) -> Vec<(NaiveTime, i64)> {
        let (start, end) = (self.config.workday.start, self.config.workday.end);
        let grid = i64::from(self.config.workday.grid_minutes);
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
                Line::styled(format!("{label}{rule} now {rule}"), self.theme.title())
            }
            Row::Free { start, minutes } => Line::styled(
                format!(
                    "{}    · free {}",
                    format_hhmm(*start),
                    format_minutes(*minutes)
                ),
                self.theme.unlogged(),
            ),
        }
    }

    fn block_line(&self, b: &Block, actual: &BlockActual, f: Flags, width: u16) -> Line<'static> {
        let t = self.theme;
        let mut style = t.category(b.category);
        if f.current {
            style = style.add_modifier(Modifier::BOLD);
        }
        let tag = match b.kind {
            BlockKind::Inbox => "INB",
            BlockKind::Review => "REV",
            BlockKind::Work => b.category.tag(),
        };
        let wide = width >= WIDE;
        let mut title = b.title.clone();
        if wide {
            for extra in [&b.account, &b.objective].into_iter().flatten() {
                title.push_str(" · ");
                title.push_str(extra);
            }
        }
        let mut marks = String::new();
        if f.overlap {
            marks.push_str(" ⚠ overlap");
        }
        if actual.hijacked {
            marks.push_str(" hijacked");
        }
        if f.next {
            marks.push_str(" ← next");
        }
        let right = if wide {
            format!(
                "planned {} · done {} {}",
                format_minutes(b.minutes()),
                format_minutes(actual.done),
                done_bar(actual.done, b.minutes())
            )
        } else {
            format!(
                "{}/{}",
                format_minutes(actual.done),
                format_minutes(b.minutes())
            )
        };
        let left = format!("{} ██ {tag:<4} ", format_hhmm(b.start));
        let room = (width as usize)
            .saturating_sub(text_width(&left) + text_width(&marks) + text_width(&right) + 2);
        let title = truncate(&title, room);
        let pad = room.saturating_sub(text_width(&title));
        let line = Line::from(vec![
            Span::styled(left, style),
            Span::styled(
                title,
                if f.current {
                    Style::new().add_modifier(Modifier::BOLD)
                } else {
                    Style::new()
                },
            ),
            Span::styled(marks, t.warning()),
            Span::raw(" ".repeat(pad + 1)),
            Span::styled(right, t.dim()),
        ]);
        if f.selected {
            line.style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        }
    }

    fn session_line(&self, s: &Session, width: u16) -> Line<'static> {
        let span = session_span(s, self.now);
        let tz = self.zone;
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
            self.theme.category(s.category),
        )
    }
}

#[derive(Debug, Clone, Copy)]
struct Flags {
    selected: bool,
    current: bool,
    next: bool,
    overlap: bool,
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

/// Six cells filled in proportion to done ÷ planned.
fn done_bar(done: i64, planned: i64) -> String {
    let filled = if planned <= 0 {
        0
    } else {
        ((done * 6 + planned / 2) / planned).clamp(0, 6) as usize
    };
    format!("{}{}", "▮".repeat(filled), "▯".repeat(6 - filled))
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
    fn done_bar_fills_in_sixths() {
        assert_eq!(done_bar(0, 90), "▯▯▯▯▯▯");
        assert_eq!(done_bar(84, 90), "▮▮▮▮▮▮");
        assert_eq!(done_bar(45, 90), "▮▮▮▯▯▯");
        assert_eq!(done_bar(200, 90), "▮▮▮▮▮▮");
        assert_eq!(done_bar(10, 0), "▯▯▯▯▯▯");
    }

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
