//! A month calendar: each day's number with a mark for its proactive share against the target.
//! Drawn by hand rather than with ratatui's calendar widget: that one styles days by colour only,
//! and here the mark must carry the reading when NO_COLOR is set. The marks (○ ◐ ◕ ●, – for a day
//! off) are not the shades the day bars' legend gives the categories (░ ▒ ▓ █).

use crate::domain::Category;
use crate::domain::report::Figures;
use crate::tui::theme::Theme;
use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// The share marks from far below the target to at or above it, with the fraction of the target
/// each starts at.
const LEVELS: [(&str, f64); 4] = [("○", 0.0), ("◐", 0.4), ("◕", 0.75), ("●", 1.0)];
/// A working day marked off, or a public holiday.
pub const OFF: &str = "–";

/// The mark for a day: none without capacity and tracking (a weekend, a day ahead), `–` for a
/// day off, then ○ ◐ ◕ ● as the proactive share nears and reaches the target.
pub fn mark(f: &Figures, target: f64) -> &'static str {
    match f.share(Category::Proactive) {
        None if f.days_off > 0 => OFF,
        None => " ",
        Some(s) => {
            LEVELS
                .iter()
                .rev()
                .find(|(_, from)| s >= target * from)
                .unwrap_or(&LEVELS[0])
                .0
        }
    }
}

/// Columns: seven days of "DD" and a mark, a space between.
pub const WIDTH: u16 = 27;

/// Rows of the calendar itself: the weekday names and one per week the month touches.
pub fn rows(days: &[(NaiveDate, Figures)]) -> u16 {
    let Some(first) = days.first().map(|(d, _)| *d) else {
        return 1;
    };
    let cells = first.weekday().num_days_from_monday() as usize + days.len();
    1 + cells.div_ceil(7) as u16
}

/// The scale under the calendar, as pieces to pack: what each mark means in percent.
pub fn scale(target: f64, theme: &Theme) -> Vec<(String, Style)> {
    let mut pieces: Vec<(String, Style)> = LEVELS
        .iter()
        .enumerate()
        .map(|(i, (glyph, from))| {
            let text = match LEVELS.get(i + 1) {
                Some((_, next)) => format!("{glyph} <{:.0}%", target * next),
                None => format!("{glyph} ≥{:.0}%", target * from),
            };
            (text, style_of(glyph, theme))
        })
        .collect();
    pieces.push((format!("{OFF} day off"), theme.dim()));
    pieces
}

fn style_of(mark: &str, theme: &Theme) -> Style {
    match mark {
        "●" | "◕" => theme.category(Category::Proactive),
        _ => Style::new(),
    }
}

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
    buf.set_string(area.x, area.y, "Mo  Tu  We  Th  Fr  Sa  Su", theme.dim());
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
        let x = area.x + col as u16 * 4;
        let mark = mark(f, target);
        buf.set_string(x, y, format!("{:>2}", date.day()), Style::new());
        buf.set_string(x + 2, y, mark, style_of(mark, theme));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_follow_the_share_against_the_target() {
        let mut f = Figures {
            capacity: 100,
            ..Figures::default()
        };
        assert_eq!(mark(&Figures::default(), 40.0), " ");
        let off = Figures {
            days_off: 1,
            ..Figures::default()
        };
        assert_eq!(mark(&off, 40.0), OFF);
        assert_eq!(mark(&f, 40.0), "○");
        f.tracked.insert(Category::Proactive, 20);
        assert_eq!(mark(&f, 40.0), "◐");
        f.tracked.insert(Category::Proactive, 30);
        assert_eq!(mark(&f, 40.0), "◕");
        f.tracked.insert(Category::Proactive, 45);
        assert_eq!(mark(&f, 40.0), "●");
    }

    #[test]
    fn no_mark_is_a_glyph_of_the_category_legend() {
        let legend = [
            super::super::stacked::PRO_GLYPH,
            super::super::stacked::RE_GLYPH,
            super::super::stacked::OTH_GLYPH,
            super::super::stacked::UNL_GLYPH,
        ];
        for (glyph, _) in LEVELS {
            assert!(!legend.contains(&glyph), "{glyph}");
        }
        assert!(!legend.contains(&OFF));
    }

    #[test]
    fn the_scale_names_the_percent_each_mark_stands_for() {
        let theme = Theme::new(&crate::config::Config::defaults().theme, true);
        let texts: Vec<String> = scale(40.0, &theme).into_iter().map(|p| p.0).collect();
        assert_eq!(texts, ["○ <16%", "◐ <30%", "◕ <40%", "● ≥40%", "– day off"]);
    }
}
