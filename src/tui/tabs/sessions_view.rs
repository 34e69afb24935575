//! Drawing the sessions list the Plan tab shows instead of its timeline (`v`).

use super::sessions::SessionsMode;
use crate::domain::Day;
use crate::domain::timefmt::format_minutes;
use crate::tui::theme::Theme;
use chrono::{DateTime, FixedOffset};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// One row a session: id, times, length, category and kind, title, account, note, block.
pub fn render(
    mode: &SessionsMode,
    day: &Day,
    now: DateTime<FixedOffset>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut lines = vec![Line::styled(
        "Tracked sessions · e correct · x split · J join · d delete · u undo · v blocks",
        theme.dim(),
    )];
    if day.sessions.is_empty() {
        lines.push(Line::from(
            "Nothing tracked on this day: m logs time that was not timed.",
        ));
    }
    let selected = mode.selected(day).map(|s| s.id.clone());
    for s in &day.sessions {
        let end = s
            .end
            .map_or("running".to_string(), |e| e.format("%H:%M").to_string());
        let length = format_minutes((s.end.unwrap_or(now) - s.start).num_minutes().max(0));
        let text = format!(" {}", crate::domain::correct::details(s));
        let mut row = Line::from(vec![
            Span::raw(format!(
                "{:<4} {}–{end:<7} {length:>5}  ",
                s.id,
                s.start.format("%H:%M")
            )),
            Span::styled(s.category.tag(), theme.category(s.category)),
            Span::raw(format!(" {}", s.kind)),
            Span::raw(text),
        ]);
        if selected.as_deref() == Some(s.id.as_str()) {
            row = row.style(theme.title().add_modifier(Modifier::REVERSED));
        }
        lines.push(row);
    }
    Paragraph::new(lines).render(area, buf);
    if let Some(open) = &mode.form {
        let height = open.form.height(area.width).min(area.height);
        let form_area = Rect {
            y: area.bottom() - height,
            height,
            ..area
        };
        open.form.render(form_area, buf, theme);
    }
}
