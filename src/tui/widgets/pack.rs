//! Lines packed from pieces that must not break: "UNLOGGED 46h00 (32%)" stays on one row, and the
//! number of rows is known before drawing, so a box can grow with them instead of cutting them.

use super::text_width;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Packs `pieces` (each kept whole) into lines at most `width` columns wide, `gap` spaces
/// between pieces on a line. A piece wider than `width` gets a line of its own.
pub fn pieces(pieces: Vec<(String, Style)>, width: u16, gap: usize) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let mut lines: Vec<Line<'static>> = vec![];
    let mut current: Vec<Span<'static>> = vec![];
    let mut used = 0;
    for (text, style) in pieces {
        let w = text_width(&text);
        if !current.is_empty() && used + gap + w > width {
            lines.push(Line::from(std::mem::take(&mut current)));
            used = 0;
        }
        if !current.is_empty() {
            current.push(Span::raw(" ".repeat(gap)));
            used += gap;
        }
        current.push(Span::styled(text, style));
        used += w;
    }
    if !current.is_empty() {
        lines.push(Line::from(current));
    }
    lines
}

/// Packs the words of `text` into lines at most `width` wide, all in `style`.
pub fn words(text: &str, style: Style, width: u16) -> Vec<Line<'static>> {
    let list = text
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| (w.to_string(), style))
        .collect();
    pieces(list, width, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn a_piece_is_never_split_and_lines_fit() {
        let parts = ["PRO 45h00 (31%)", "RE 46h00 (32%)", "UNLOGGED 36h00 (25%)"]
            .map(|t| (t.to_string(), Style::new()))
            .to_vec();
        assert_eq!(
            texts(&pieces(parts, 38, 2)),
            ["PRO 45h00 (31%)  RE 46h00 (32%)", "UNLOGGED 36h00 (25%)"]
        );
        assert_eq!(
            texts(&words("decided: yes 6 · partly 3", Style::new(), 14)),
            ["decided: yes 6", "· partly 3"]
        );
        assert!(words("", Style::new(), 10).is_empty());
    }
}
