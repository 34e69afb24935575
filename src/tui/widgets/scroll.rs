//! Content taller than its pane, shown a window at a time: nothing is cut, the rest is a key
//! away, and the last row says what is above and below.

use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws content of `height` rows into `area`. When it fits, `draw` gets `area` itself (as tall
/// as the pane, so charts may grow into it); when it does not, it draws into a scratch buffer
/// `height` rows tall, and the rows from `offset` are copied with a last row of guidance.
/// Returns the largest offset that still shows something new (0 when everything fits).
pub fn render_tall(
    area: Rect,
    buf: &mut Buffer,
    height: u16,
    offset: u16,
    theme: &Theme,
    draw: impl FnOnce(Rect, &mut Buffer),
) -> u16 {
    if height <= area.height || area.height < 2 {
        draw(area, buf);
        return 0;
    }
    let window = area.height - 1;
    let max = height - window;
    let offset = offset.min(max);
    let full = Rect::new(0, 0, area.width, height);
    let mut scratch = Buffer::empty(full);
    draw(full, &mut scratch);
    for row in 0..window {
        for col in 0..area.width {
            let cell = scratch[(col, offset + row)].clone();
            buf[(area.x + col, area.y + row)] = cell;
        }
    }
    let note = guidance(offset, max, area.width);
    buf.set_stringn(
        area.x,
        area.bottom() - 1,
        note,
        usize::from(area.width),
        theme.dim(),
    );
    max
}

/// "↓ 7 more rows · j/k ↓/↑ PgDn/PgUp", shortened to the width.
fn guidance(offset: u16, max: u16, width: u16) -> String {
    let below = max - offset;
    let place = match (offset, below) {
        (0, n) => format!("↓ {n} more {}", rows(n)),
        (n, 0) => format!("↑ {n} {} above", rows(n)),
        (above, below) => format!("↑ {above} above · ↓ {below} below"),
    };
    let keys = " · j/k ↓/↑ PgDn/PgUp";
    let fits = |text: &str| crate::tui::widgets::text_width(text) <= usize::from(width);
    if fits(&(place.clone() + keys)) {
        place + keys
    } else if fits(&place) {
        place
    } else {
        format!("↑{offset} ↓{below}")
    }
}

fn rows(n: u16) -> &'static str {
    if n == 1 { "row" } else { "rows" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::{Paragraph, Widget};

    fn theme() -> Theme {
        Theme::new(&crate::config::Config::defaults().theme, true)
    }

    fn numbered(n: u16) -> Paragraph<'static> {
        Paragraph::new(
            (0..n)
                .map(|i| format!("row {i}"))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    }

    fn shown(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn content_that_fits_is_drawn_in_the_pane_itself() {
        let area = Rect::new(0, 0, 30, 4);
        let mut buf = Buffer::empty(area);
        let max = render_tall(area, &mut buf, 3, 5, &theme(), |a, b| {
            numbered(3).render(a, b)
        });
        assert_eq!(max, 0);
        assert_eq!(shown(&buf), ["row 0", "row 1", "row 2", ""]);
    }

    #[test]
    fn taller_content_shows_a_window_and_says_what_is_left() {
        let area = Rect::new(0, 0, 40, 4);
        let mut buf = Buffer::empty(area);
        let draw = |a: Rect, b: &mut Buffer| numbered(10).render(a, b);
        let max = render_tall(area, &mut buf, 10, 0, &theme(), draw);
        assert_eq!(max, 7);
        assert_eq!(
            shown(&buf),
            [
                "row 0",
                "row 1",
                "row 2",
                "↓ 7 more rows · j/k ↓/↑ PgDn/PgUp"
            ]
        );
        let mut buf = Buffer::empty(area);
        render_tall(area, &mut buf, 10, 99, &theme(), draw);
        assert_eq!(
            shown(&buf),
            [
                "row 7",
                "row 8",
                "row 9",
                "↑ 7 rows above · j/k ↓/↑ PgDn/PgUp"
            ]
        );
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 4));
        render_tall(buf.area, &mut buf, 10, 3, &theme(), draw);
        assert_eq!(shown(&buf)[3], "↑3 ↓4");
    }
}
