//! Small charts made of lines, so a page can wrap, stack and scroll them like text: a column chart
//! with a target line (the proactive share month by month), horizontal bars with their figure, and
//! a one-row spark line (reactive time by hour of day).

use super::text_width;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Eighths of a cell, from nothing to full.
const EIGHTHS_UP: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const EIGHTHS_ACROSS: [char; 9] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
/// The target line, where a column does not reach it.
const TARGET: char = '┈';
/// The column chart's height in rows.
pub const COLUMN_ROWS: usize = 5;
/// The column chart's axis labels ("40% ").
const AXIS: usize = 4;

/// One column: its label under it ("Oct") and its value in percent, if it has one.
pub struct Column {
    pub label: String,
    pub value: Option<f64>,
}

/// The column chart: one column per entry, scaled so the larger of the highest value and the
/// target fills it, the target drawn across as `┈` with its value on the axis; the labels (cut to
/// what fits) and, where there is room, each value under the columns.
pub fn columns(
    cols: &[Column],
    target: f64,
    width: u16,
    bar: Style,
    dim: Style,
) -> Vec<Line<'static>> {
    let n = cols.len().max(1);
    let cw = (usize::from(width).saturating_sub(AXIS) / n).clamp(1, 6);
    let bar_w = if cw > 1 { (cw - 1).min(3) } else { 1 };
    let top = cols
        .iter()
        .filter_map(|c| c.value)
        .fold(target, f64::max)
        .max(10.0);
    let top = (top / 10.0).ceil() * 10.0;
    let target_row = target_row(target, top);
    let mut lines = vec![];
    for row in 0..COLUMN_ROWS {
        let label = match row {
            _ if row == target_row => format!("{target:.0}%"),
            0 => format!("{top:.0}%"),
            _ => String::new(),
        };
        let mut spans = vec![Span::styled(format!("{label:>3} "), dim)];
        for c in cols {
            let eighths = c.value.map_or(0, |v| cell_eighths(v, top, row));
            let fill = EIGHTHS_UP[eighths].to_string().repeat(bar_w);
            let blank = if row == target_row { TARGET } else { ' ' };
            let fill = if eighths == 0 && row == target_row {
                TARGET.to_string().repeat(bar_w)
            } else {
                fill
            };
            spans.push(Span::styled(fill, bar));
            spans.push(Span::styled(blank.to_string().repeat(cw - bar_w), dim));
        }
        lines.push(Line::from(spans));
    }
    lines.push(under(cols, cw, |c| c.label.clone(), dim));
    if cw >= 4 {
        let value = |c: &Column| c.value.map_or("–".into(), |v| format!("{v:.0}%"));
        lines.push(under(cols, cw, value, dim));
    }
    lines
}

/// The row (0 at the top) whose cells hold `target`.
fn target_row(target: f64, top: f64) -> usize {
    // The row whose cells run up to the target: a full cell there is at or above it.
    let from_bottom = ((target / top * COLUMN_ROWS as f64).ceil() as usize).saturating_sub(1);
    COLUMN_ROWS - 1 - from_bottom.min(COLUMN_ROWS - 1)
}

/// How many eighths of the cell in `row` (0 at the top) a value fills.
fn cell_eighths(value: f64, top: f64, row: usize) -> usize {
    let cells = value.max(0.0) / top * COLUMN_ROWS as f64;
    let below = (COLUMN_ROWS - 1 - row) as f64;
    ((cells - below).clamp(0.0, 1.0) * 8.0).round() as usize
}

/// A row of text under the columns, each cut to its column.
fn under(
    cols: &[Column],
    cw: usize,
    text: impl Fn(&Column) -> String,
    style: Style,
) -> Line<'static> {
    let mut row = " ".repeat(AXIS);
    for c in cols {
        let t: String = text(c).chars().take(cw.saturating_sub(1).max(1)).collect();
        row.push_str(&format!("{t:<cw$}"));
    }
    Line::styled(row.trim_end().to_string(), style)
}

/// One horizontal bar: a label, the bar, and the figure it stands for.
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub shown: String,
}

/// Bars scaled so `max` (or the largest value) fills the room left by the labels and figures.
pub fn bars(rows: &[Bar], max: i64, width: u16, bar: Style) -> Vec<Line<'static>> {
    let label_w = rows.iter().map(|r| text_width(&r.label)).max().unwrap_or(0);
    let shown_w = rows.iter().map(|r| text_width(&r.shown)).max().unwrap_or(0);
    let room = usize::from(width)
        .saturating_sub(label_w + shown_w + 2)
        .max(1);
    let max = rows.iter().map(|r| r.value).fold(max, i64::max).max(1);
    rows.iter()
        .map(|r| {
            let eighths = (r.value.max(0) as f64 * (room * 8) as f64 / max as f64).round() as usize;
            let mut cells = "█".repeat(eighths / 8);
            if !eighths.is_multiple_of(8) {
                cells.push(EIGHTHS_ACROSS[eighths % 8]);
            }
            let pad = room.saturating_sub(cells.chars().count());
            Line::from(vec![
                Span::raw(format!("{:<label_w$} ", r.label)),
                Span::styled(cells, bar),
                Span::raw(format!("{} {:>shown_w$}", " ".repeat(pad), r.shown)),
            ])
        })
        .collect()
}

/// One cell per value, its height in eighths of the largest.
pub fn spark(values: &[i64]) -> String {
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    values
        .iter()
        .map(|v| {
            let e = (v.max(&0) * 8 + max - 1) / max;
            EIGHTHS_UP[e.clamp(0, 8) as usize]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.to_string().trim_end().to_string())
            .collect()
    }

    #[test]
    fn columns_reach_their_value_and_the_target_line_crosses_the_gaps() {
        let cols = [("Sep", Some(20.0)), ("Oct", Some(50.0)), ("Nov", None)].map(|(l, v)| Column {
            label: l.into(),
            value: v,
        });
        let lines = texts(&columns(&cols, 40.0, 16, Style::new(), Style::new()));
        assert_eq!(
            lines,
            [
                "50%     ███",
                "40% ┈┈┈┈███┈┈┈┈┈",
                "        ███",
                "    ███ ███",
                "    ███ ███",
                "    Sep Oct Nov",
                "    20% 50% –",
            ]
        );
    }

    #[test]
    fn bars_scale_to_the_largest_and_keep_their_figures() {
        let rows = [("Mon", 120, "2h00"), ("Tue", 60, "1h00")].map(|(l, v, s)| Bar {
            label: l.into(),
            value: v,
            shown: s.into(),
        });
        assert_eq!(
            texts(&bars(&rows, 0, 16, Style::new())),
            ["Mon ███████ 2h00", "Tue ███▌    1h00"]
        );
        assert_eq!(spark(&[0, 1, 4, 8]), " ▁▄█");
    }
}
