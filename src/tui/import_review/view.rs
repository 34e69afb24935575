//! Drawing the import review: a title, the list of items, the baseline and the keys.

use super::ImportReview;
use crate::domain::Category;
use crate::domain::timefmt::format_minutes;
use crate::import::preview::Proposal;
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;
use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, Borders, Cell, Clear, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap,
};

/// Below this width the "why" and account columns give their room to the title.
const WIDE: u16 = 90;
/// Below this size there is no room for a single item.
const MIN_WIDTH: u16 = 40;
const MIN_HEIGHT: u16 = 12;
/// At most this many notes above the list, on at most this many rows.
const MAX_NOTES: usize = 3;
const MAX_NOTE_ROWS: usize = 4;

impl ImportReview {
    /// Draws the review into `area`: the whole terminal, or the dashboard's body.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        render(self, area, buf, theme);
    }
}

fn render(review: &ImportReview, area: Rect, buf: &mut Buffer, theme: &Theme) {
    Clear.render(area, buf);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let note = format!("Enlarge the terminal to {MIN_WIDTH}×{MIN_HEIGHT} to review the import");
        Paragraph::new(note)
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    }
    let notes_shown = note_lines(review, theme);
    let rows: usize = notes_shown
        .iter()
        .map(|l| l.width().max(1).div_ceil(usize::from(area.width.max(1))))
        .sum();
    let notes = rows.min(MAX_NOTE_ROWS) as u16;
    // A failed write needs room for what went wrong and what was written before it.
    let below = if review.failure.is_some() { 4 } else { 2 };
    let [title, notes, list, baseline, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(notes),
        Constraint::Fill(1),
        Constraint::Length(below),
        Constraint::Length(2),
    ])
    .areas(area);
    let wide = area.width >= WIDE;
    Paragraph::new(title_line(review, theme, wide)).render(title, buf);
    Paragraph::new(notes_shown)
        .wrap(Wrap { trim: true })
        .render(notes, buf);
    render_list(list, buf, review, theme);
    let below = match &review.failure {
        Some(failure) => Text::styled(format!("Not written: {failure}"), theme.warning()),
        None => baseline_line(review, theme, wide).into(),
    };
    Paragraph::new(below)
        .wrap(Wrap { trim: true })
        .render(baseline, buf);
    Paragraph::new(key_line(review, theme, wide))
        .wrap(Wrap { trim: true })
        .render(keys, buf);
    if review.help {
        super::help::render(area, buf, theme);
    }
}

fn title_line(review: &ImportReview, theme: &Theme, wide: bool) -> Line<'static> {
    let w = &review.window;
    let (from, to) = match (wide, w.from.year() == w.to.year()) {
        (true, true) => ("%a %-d %b", "%a %-d %b %Y"),
        (true, false) => ("%a %-d %b %Y", "%a %-d %b %Y"),
        (false, _) => ("%-d %b", "%-d %b"),
    };
    let count = review.proposals.len();
    let mut spans = vec![
        Span::styled(format!("Import {}", review.file), theme.title()),
        Span::raw(format!(
            " · {} – {} · {count} item{}",
            w.from.format(from),
            w.to.format(to),
            if count == 1 { "" } else { "s" }
        )),
    ];
    let unsorted = review.unsorted();
    if unsorted > 0 {
        let text = if wide {
            "without a category"
        } else {
            "unsorted"
        };
        spans.push(Span::styled(
            format!(" · {unsorted} {text}"),
            theme.warning(),
        ));
    }
    Line::from(spans)
}

/// The notes that fit; the last line says how many more there are (all are printed after `a`).
fn note_lines(review: &ImportReview, theme: &Theme) -> Vec<Line<'static>> {
    let notes = &review.notes;
    let mut lines: Vec<Line> = notes
        .iter()
        .take(MAX_NOTES)
        .map(|n| Line::styled(n.clone(), theme.dim()))
        .collect();
    if notes.len() > MAX_NOTES {
        let more = notes.len() - MAX_NOTES + 1;
        lines[MAX_NOTES - 1] = Line::styled(format!("… and {more} more notes"), theme.dim());
    }
    lines
}

fn render_list(area: Rect, buf: &mut Buffer, review: &ImportReview, theme: &Theme) {
    let block = Block::new().borders(Borders::TOP | Borders::BOTTOM);
    if review.proposals.is_empty() {
        let text = "Nothing in this export falls in the period: press q and import a longer \
                    period.";
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(block)
            .render(area, buf);
        return;
    }
    let columns = Columns {
        wide: area.width >= WIDE,
        accounts: review.proposals.iter().any(|p| p.item.account.is_some()),
    };
    let header = header_row(columns).style(theme.dim());
    let rows: Vec<Row> = review
        .proposals
        .iter()
        .map(|p| item_row(p, review, theme, columns))
        .collect();
    let table = Table::new(rows, widths(columns))
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED))
        .highlight_symbol("▶ ");
    let mut state = TableState::new()
        .with_offset(review.offset.get())
        .with_selected(Some(review.selected));
    StatefulWidget::render(table, area, buf, &mut state);
    review.offset.set(state.offset());
}

/// Which columns the list has: "why" and account only when wide, account only when some item
/// names one.
#[derive(Clone, Copy)]
struct Columns {
    wide: bool,
    accounts: bool,
}

impl Columns {
    fn account(self) -> bool {
        self.wide && self.accounts
    }
}

fn widths(columns: Columns) -> Vec<Constraint> {
    let wide = columns.wide;
    let (date, category) = if wide { (10, 10) } else { (6, 4) };
    let mut widths = vec![
        Constraint::Length(date),
        Constraint::Length(11),
        Constraint::Length(5),
        Constraint::Length(category),
    ];
    if wide {
        widths.push(Constraint::Length(12));
    }
    widths.push(Constraint::Fill(2));
    if columns.account() {
        widths.push(Constraint::Fill(1));
    }
    widths
}

fn header_row(columns: Columns) -> Row<'static> {
    let wide = columns.wide;
    let mut cells = vec![
        "date",
        "time",
        " len",
        if wide { "category" } else { "cat" },
    ];
    if wide {
        cells.push("why");
    }
    cells.push("title");
    if columns.account() {
        cells.push("account");
    }
    Row::new(cells)
}

fn item_row<'a>(
    p: &'a Proposal,
    review: &ImportReview,
    theme: &Theme,
    columns: Columns,
) -> Row<'a> {
    let wide = columns.wide;
    let start = p.item.start.with_timezone(&review.window.zone);
    let end = p.item.end.with_timezone(&review.window.zone);
    let (category, style) = match p.category {
        Some(c) if wide => (c.name(), theme.category(c)),
        Some(c) => (c.tag(), theme.category(c)),
        None => ("—", theme.warning()),
    };
    let date = if wide { "%a %d %b" } else { "%d %b" };
    let mut cells = vec![
        Cell::from(start.format(date).to_string()),
        Cell::from(format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"))),
        Cell::from(format!("{:>5}", format_minutes(p.item.minutes()))),
        Cell::from(Span::styled(category, style)),
    ];
    if wide {
        cells.push(Cell::from(Span::styled(
            truncate(p.reason(), 12),
            theme.dim(),
        )));
    }
    cells.push(Cell::from(p.item.title.as_str()));
    if columns.account() {
        cells.push(Cell::from(p.item.account.as_deref().unwrap_or("")));
    }
    Row::new(cells)
}

/// The period's tracked hours and their shares once these choices are written (as the command
/// line's baseline counts them: overlaps once), and what the working time leaves unlogged.
fn baseline_line(review: &ImportReview, theme: &Theme, wide: bool) -> Line<'static> {
    let b = &review.baseline;
    let tracked = b.total();
    let pct = |minutes: i64| match tracked {
        0 => "–".to_string(),
        t => format!("{:.0}%", minutes as f64 * 100.0 / t as f64),
    };
    let lead = if wide {
        "Once written, the period holds"
    } else {
        "Then"
    };
    let mut spans = vec![Span::raw(format!(
        "{lead} {} tracked: ",
        format_minutes(tracked)
    ))];
    for (i, c) in Category::ALL.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" · "));
        }
        let name = if wide { c.name() } else { c.tag() };
        spans.push(Span::styled(name, theme.category(c)));
        spans.push(Span::raw(format!(
            " {} {}",
            format_minutes(b.minutes(c)),
            pct(b.minutes(c))
        )));
    }
    if wide {
        let unlogged = format_minutes(b.unlogged());
        spans.push(Span::styled(
            format!(" ({unlogged} of working time unlogged)"),
            theme.dim(),
        ));
    }
    Line::from(spans)
}

fn key_line(review: &ImportReview, theme: &Theme, wide: bool) -> Line<'static> {
    if let Some(text) = &review.search.typing {
        return Line::from(vec![
            Span::styled(format!("/{text}▏"), theme.key()),
            Span::raw("  Enter finds the next title holding it · Esc cancels"),
        ]);
    }
    if review.kept_corrected {
        let text = "You corrected this one in the journal: the import leaves it as you left it · ";
        let mut line = key_hints(theme, wide);
        line.spans.insert(0, Span::styled(text, theme.warning()));
        return line;
    }
    if review.search.missed {
        let text = format!("No title holds \"{}\" · ", review.search.last);
        let mut line = key_hints(theme, wide);
        line.spans.insert(0, Span::styled(text, theme.warning()));
        return line;
    }
    if review.confirm_abandon {
        return Line::from(vec![
            Span::styled(
                match review.chosen() {
                    1 => "Abandon the category you set? ".to_string(),
                    n => format!("Abandon the {n} categories you set? "),
                },
                theme.warning(),
            ),
            Span::styled("q", theme.key()),
            Span::raw(if review.failure.is_some() {
                " again abandons (nothing more is written) · any other key stays"
            } else {
                " again abandons (nothing is written) · any other key stays"
            }),
        ]);
    }
    if review.failure.is_some() {
        return Line::from(vec![
            Span::styled("a", theme.key()),
            Span::raw(" tries again once it is fixed (nothing is added twice) · "),
            Span::styled("q", theme.key()),
            Span::raw(" abandons"),
        ]);
    }
    key_hints(theme, wide)
}

fn key_hints(theme: &Theme, wide: bool) -> Line<'static> {
    let keys: &[(&str, &str)] = if wide {
        &[
            ("p r o", "proactive/reactive/other"),
            ("P R O", "same for every item of this title"),
            ("x", "leave out"),
            ("Tab", "next without a category"),
            ("u", "undo"),
            ("/ n", "find a title"),
            ("a", "accept and write"),
            ("q", "abandon"),
            ("?", "all keys"),
        ]
    } else {
        &[
            ("p r o", "set"),
            ("P R O", "by title"),
            ("x", "leave out"),
            ("Tab", "next"),
            ("u", "undo"),
            ("/", "find"),
            ("a", "accept"),
            ("q", "abandon"),
            ("?", "keys"),
        ]
    };
    let mut spans = vec![];
    for (i, (key, what)) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" · "));
        }
        spans.push(Span::styled(*key, theme.key()));
        spans.push(Span::raw(format!(" {what}")));
    }
    Line::from(spans)
}
