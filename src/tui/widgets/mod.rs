//! Reusable pieces of screen.

pub mod charts;
pub mod form;
pub mod heatmap;
pub mod pack;
pub mod scroll;
pub mod stacked;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// The columns `text` takes on screen, measured as ratatui draws it: grapheme by grapheme, each
/// as wide as unicode-width says (a "👩\u{200D}💻" is one grapheme two columns wide).
pub fn text_width(text: &str) -> usize {
    graphemes(text).map(|g| usize::from(g.cell_width())).sum()
}

/// The graphemes ratatui draws of `text` (it skips those holding a control character).
pub(crate) fn graphemes(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.graphemes(true)
        .filter(|g| !g.contains(char::is_control))
}

/// `text` made safe for the terminal and cut to `max` columns, the cut marked with `…`.
/// Sanitising comes first because it changes widths: a zero-width or direction character takes
/// no column, the placeholder that replaces it one, so a row measured before would be drawn wider.
pub fn truncate(text: &str, max: usize) -> String {
    let text = crate::sanitize::for_terminal(text);
    if text_width(&text) <= max {
        return text.into_owned();
    }
    let mut cut = String::new();
    let mut used = 0;
    for g in graphemes(&text) {
        let w = usize::from(g.cell_width());
        // One column stays for the "…".
        if used + w + 1 > max {
            break;
        }
        cut.push_str(g);
        used += w;
    }
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
