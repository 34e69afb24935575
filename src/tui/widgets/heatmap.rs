//! A month calendar whose days are shaded by their proactive share against the target.
//! Drawn by hand rather than with ratatui's calendar widget: that one styles days by colour only,
//! and here the shade glyph must carry the reading when NO_COLOR is set.

use crate::domain::Category;
use crate::domain::report::Figures;
use crate::tui::theme::Theme;
use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// The shade for a day: blank without capacity and tracking, then ░ ▒ ▓ █ as the proactive share
/// nears and passes the target.
pub fn shade(f: &Figures, target: f64) -> &'static str {
    match f.share(Category::Proactive) {
        None => "··",
        Some(s) if s >= target => "██",
        Some(s) if s >= target * 0.75 => "▓▓",
        Some(s) if s >= target * 0.4 => "▒▒",
        Some(_) => "░░",
    }
}

/// Rows needed: a header and up to six weeks.
pub const HEIGHT: u16 = 7;
pub const WIDTH: u16 = 20;

pub fn render(
    days: &[(NaiveDate, Figures)],
    target: f64,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    if area.width < WIDTH || area.height < 2 {
        return;
    }
    buf.set_string(area.x, area.y, "Mo Tu We Th Fr Sa Su", theme.dim());
    let Some(first) = days.first().map(|(d, _)| *d) else {
        return;
    };
    let offset = first.weekday().num_days_from_monday();
    for (date, f) in days {
        let index = offset + date.day0();
        let (row, col) = (index / 7, index % 7);
        let y = area.y + 1 + row as u16;
        if y >= area.bottom() {
            break;
        }
        let style = if f.share(Category::Proactive).is_some() {
            theme.category(Category::Proactive)
        } else {
            Style::new()
        };
        buf.set_string(area.x + col as u16 * 3, y, shade(f, target), style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_follow_the_share_against_the_target() {
        let mut f = Figures {
            capacity: 100,
            ..Figures::default()
        };
        assert_eq!(shade(&Figures::default(), 40.0), "··");
        assert_eq!(shade(&f, 40.0), "░░");
        f.tracked.insert(Category::Proactive, 20);
        assert_eq!(shade(&f, 40.0), "▒▒");
        f.tracked.insert(Category::Proactive, 30);
        assert_eq!(shade(&f, 40.0), "▓▓");
        f.tracked.insert(Category::Proactive, 45);
        assert_eq!(shade(&f, 40.0), "██");
    }
}
