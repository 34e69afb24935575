//! Stacked day bars: PROACTIVE, REACTIVE, OTHER and UNLOGGED from the bottom up, each drawn with
//! its own glyph as well as its colour so the chart reads without colour too.

use crate::domain::Category;
use crate::domain::report::Figures;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

pub const PRO_GLYPH: &str = "█";
pub const RE_GLYPH: &str = "▓";
pub const OTH_GLYPH: &str = "▒";
pub const UNL_GLYPH: &str = "░";

/// Cells of each part in a column `height` tall, scaled so `scale` minutes fill it.
pub fn column_cells(f: &Figures, scale: i64, height: u16) -> [u16; 4] {
    let parts = [
        f.minutes(Category::Proactive),
        f.minutes(Category::Reactive),
        f.minutes(Category::Other),
        f.unlogged(),
    ];
    if scale <= 0 {
        return [0; 4];
    }
    // Largest-remainder rounding so the parts add up to the column's rounded total.
    let exact: Vec<f64> = parts
        .iter()
        .map(|m| *m as f64 * f64::from(height) / scale as f64)
        .collect();
    let total = exact.iter().sum::<f64>().round() as u16;
    let mut cells: Vec<u16> = exact.iter().map(|e| e.floor() as u16).collect();
    let mut order: Vec<usize> = (0..4).collect();
    order.sort_by(|a, b| {
        (exact[*b] - exact[*b].floor()).total_cmp(&(exact[*a] - exact[*a].floor()))
    });
    let mut missing = total.saturating_sub(cells.iter().sum());
    for i in order {
        if missing == 0 {
            break;
        }
        cells[i] += 1;
        missing -= 1;
    }
    [cells[0], cells[1], cells[2], cells[3]]
}

/// Draws one column per day, `width` cells wide with `gap` blank cells after each.
pub fn render(days: &[Figures], area: Rect, buf: &mut Buffer, theme: &Theme, width: u16, gap: u16) {
    let scale = days.iter().map(Figures::base).max().unwrap_or(0);
    let styles = [
        theme.category(Category::Proactive),
        theme.category(Category::Reactive),
        theme.category(Category::Other),
        theme.unlogged(),
    ];
    let glyphs = [PRO_GLYPH, RE_GLYPH, OTH_GLYPH, UNL_GLYPH];
    for (i, f) in days.iter().enumerate() {
        let x = area.x + i as u16 * (width + gap);
        if x + width > area.right() {
            break;
        }
        let mut y = area.bottom();
        for (part, cells) in column_cells(f, scale, area.height).iter().enumerate() {
            for _ in 0..*cells {
                if y <= area.y {
                    break;
                }
                y -= 1;
                for dx in 0..width {
                    buf[(x + dx, y)]
                        .set_symbol(glyphs[part])
                        .set_style(styles[part]);
                }
            }
        }
    }
}

/// The dates under the bars, each under its own bar: every day where a bar is three cells or
/// more apart, else the 1st and the Mondays (weeks, as a calendar reads).
pub fn date_row(days: &[(chrono::NaiveDate, Figures)], slot: u16, width: u16) -> String {
    use chrono::Datelike;
    let mut row = String::new();
    for (i, (date, _)) in days.iter().enumerate() {
        let x = i * usize::from(slot);
        let label = date.day().to_string();
        let wanted = slot >= 3 || date.day() == 1 || date.weekday() == chrono::Weekday::Mon;
        let fits = x + label.len() <= usize::from(width);
        // A space before each label but the first keeps two numbers from reading as one.
        let free = row.is_empty() || x > row.len();
        if wanted && fits && free {
            row.push_str(&" ".repeat(x - row.len()));
            row.push_str(&label);
        }
    }
    row
}

/// A legend line for the chart.
pub fn legend(theme: &Theme) -> Vec<(String, Style)> {
    vec![
        (
            format!("{PRO_GLYPH} PRO "),
            theme.category(Category::Proactive),
        ),
        (
            format!("{RE_GLYPH} RE "),
            theme.category(Category::Reactive),
        ),
        (format!("{OTH_GLYPH} OTH "), theme.category(Category::Other)),
        (format!("{UNL_GLYPH} UNLOGGED"), theme.unlogged()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(pro: i64, re: i64, oth: i64, capacity: i64) -> Figures {
        let mut f = Figures {
            capacity,
            ..Figures::default()
        };
        f.tracked.insert(Category::Proactive, pro);
        f.tracked.insert(Category::Reactive, re);
        f.tracked.insert(Category::Other, oth);
        f
    }

    #[test]
    fn bars_are_dated() {
        let days: Vec<(chrono::NaiveDate, Figures)> = (1..=30)
            .map(|d| {
                let date = chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
                (date, Figures::default())
            })
            .collect();
        // November 2026 starts on a Sunday: the 1st, then the Mondays 2, 9, 16, 23, 30.
        let expected = format!(
            "1{}9{}16{}23{}30",
            " ".repeat(7),
            " ".repeat(6),
            " ".repeat(5),
            " ".repeat(5)
        );
        assert_eq!(date_row(&days, 1, 40), expected);
        let wide = date_row(&days, 3, 90);
        assert!(wide.starts_with("1  2  3  4"), "{wide}");
        assert!(wide.ends_with("29 30"), "{wide}");
    }

    #[test]
    fn parts_add_up_to_the_rounded_column() {
        assert_eq!(
            column_cells(&figures(240, 120, 60, 480), 480, 8),
            [4, 2, 1, 1]
        );
        assert_eq!(
            column_cells(&figures(100, 100, 100, 480), 480, 8),
            [2, 2, 1, 3]
        );
        assert_eq!(column_cells(&figures(0, 0, 0, 0), 480, 8), [0, 0, 0, 0]);
        assert_eq!(column_cells(&figures(60, 0, 0, 0), 480, 8), [1, 0, 0, 0]);
        assert_eq!(column_cells(&figures(1, 1, 1, 0), 0, 8), [0, 0, 0, 0]);
    }
}
