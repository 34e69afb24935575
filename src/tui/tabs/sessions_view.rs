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

/// The narrowest pane that keeps a session on one line.
const NARROW: u16 = 64;

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
    // Below this width the title, account and note go on a line of their own, not off the edge.
    let narrow = area.width < NARROW;
    for s in &day.sessions {
        let end = s
            .end
            .map_or("running".to_string(), |e| e.format("%H:%M").to_string());
        let length = format_minutes((s.end.unwrap_or(now) - s.start).num_minutes().max(0));
        let details = crate::domain::correct::details(s);
        let mut row = vec![Line::from(vec![
            Span::raw(format!(
                "{:<4} {}–{end:<7} {length:>5}  ",
                s.id,
                s.start.format("%H:%M")
            )),
            Span::styled(s.category.tag(), theme.category(s.category)),
            Span::raw(format!(" {}", s.kind)),
        ])];
        match (narrow, details.trim().is_empty()) {
            (_, true) => {}
            (true, false) => row.push(Line::from(format!("     {}", details.trim()))),
            (false, false) => row[0].push_span(Span::raw(format!(" {details}"))),
        }
        if selected.as_deref() == Some(s.id.as_str()) {
            let style = theme.title().add_modifier(Modifier::REVERSED);
            row = row.into_iter().map(|line| line.style(style)).collect();
        }
        lines.extend(row);
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
