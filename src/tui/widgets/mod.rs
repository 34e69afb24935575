//! Reusable pieces of screen.

pub mod form;
pub mod heatmap;
pub mod stacked;

/// `text` cut to `max` characters, the cut marked with `…`.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    if max > 0 {
        cut.push('…');
    }
    cut
}

/// What a tab shows for a day whose file could not be read.
pub fn read_only_notice(
    message: &str,
    theme: &crate::tui::theme::Theme,
    area: ratatui::layout::Rect,
    buf: &mut ratatui::buffer::Buffer,
) {
    use ratatui::text::Line;
    use ratatui::widgets::{Paragraph, Widget, Wrap};
    let lines = vec![
        Line::styled(
            "This day is read-only: its file could not be read.",
            theme.warning(),
        ),
        Line::from(message),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
