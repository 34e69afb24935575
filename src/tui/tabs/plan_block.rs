//! One block's row on the Plan tab's timeline: time, category, title, marks, plan against done.

use super::plan_view::{Flags, PlanView, WIDE};
use crate::domain::check::BlockActual;
use crate::domain::timefmt::{format_hhmm, format_minutes};
use crate::domain::{Block, BlockKind};
use crate::tui::widgets::{text_width, truncate};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

impl PlanView<'_> {
    pub(super) fn block_line(
        &self,
        b: &Block,
        actual: &BlockActual,
        f: Flags,
        width: u16,
    ) -> Line<'static> {
        let t = self.cx.theme;
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
        let title = block_title(b, wide);
        let marks = block_marks(f, actual);
        // "← next" is where the day goes, not a warning.
        let next = if f.next { " ← next" } else { "" };
        let right = block_figures(b, actual, wide);
        let left = format!("{} ██ {tag:<4} ", format_hhmm(b.start));
        let room = (width as usize).saturating_sub(
            text_width(&left) + text_width(&marks) + text_width(next) + text_width(&right) + 2,
        );
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
            Span::styled(next, t.dim()),
            Span::raw(" ".repeat(pad + 1)),
            Span::styled(right, t.dim()),
        ]);
        if f.selected {
            line.style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        }
    }
}

/// The title, with account and objective when there is room.
fn block_title(b: &Block, wide: bool) -> String {
    let mut title = b.title.clone();
    if wide {
        for extra in [&b.account, &b.objective].into_iter().flatten() {
            title.push_str(" · ");
            title.push_str(extra);
        }
    }
    title
}

/// " ⚠ overlap hijacked", as they apply.
fn block_marks(f: Flags, actual: &BlockActual) -> String {
    let mut marks = String::new();
    if f.overlap {
        marks.push_str(" ⚠ overlap");
    }
    if actual.hijacked {
        marks.push_str(" hijacked");
    }
    marks
}

/// "planned 1h00 · done 0h40 ████", or "0h40/1h00" when narrow.
fn block_figures(b: &Block, actual: &BlockActual, wide: bool) -> String {
    if wide {
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
    }
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
}
