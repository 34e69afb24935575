//! Drawing the welcome over the body, and its keys on the hint line.

use super::{Step, Welcome};
use crate::domain::Category;
use crate::tui::theme::Theme;
use crate::tui::ui::wrap_words;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

/// The four words of the method, each with its one-line meaning and sales examples.
const WORDS: [(&str, &str); 4] = [
    (
        "PROACTIVE",
        "customer work from your own sales plan: prospecting calls, account plans, a proposal \
         you chose to push",
    ),
    (
        "REACTIVE",
        "work a customer started: a request, a support question, firefighting. A demo the \
         customer asked for is reactive.",
    ),
    (
        "OTHER",
        "not customer work: admin, internal meetings, training",
    ),
    (
        "UNLOGGED",
        "whatever your working week holds beyond what is logged",
    ),
];

const METHOD_INTRO: &str = "Every hour of your working week counts as one of:";
const METHOD_OUTRO: &str = "Plan proactive blocks, protect them with the timer, and end each \
                            day asking: did I decide what to do today, or did someone else?";
const NUMBERS_INTRO: &str = "Three numbers set what protime measures you against: your capacity \
                             (the hours of your week over its working days) and the share of it \
                             you aim to spend on PROACTIVE work.";
const IMPORT_INTRO: &str = "Where does your time go today? Start from your last two weeks: \
                            import a calendar (.ics) or CRM activity (.csv) export, and check \
                            each item's category before anything is written.";

/// Below this width a word's meaning starts under it rather than beside it.
const SIDE_BY_SIDE: u16 = 60;

impl Welcome {
    /// Draws the step over `body` and its keys on `hints`.
    pub fn render(&self, body: Rect, hints: Rect, buf: &mut Buffer, theme: &Theme) {
        Clear.render(body, buf);
        let block = Block::bordered().title(Span::styled(self.title(body.width), theme.title()));
        let inner = block.inner(body);
        block.render(body, buf);
        let width = usize::from(inner.width.saturating_sub(1));
        match self.step {
            Step::Method => {
                Paragraph::new(method_lines(width, inner.height, theme)).render(inner, buf);
            }
            Step::Numbers => self.render_numbers(inner, buf, theme),
            Step::Import => {
                Paragraph::new(self.import_lines(width, theme)).render(inner, buf);
            }
        }
        Clear.render(hints, buf);
        Line::from(self.hint_spans(theme, usize::from(hints.width))).render(hints, buf);
    }

    /// The longest title that fits.
    fn title(&self, width: u16) -> String {
        let n = self.step_number();
        let what = match self.step {
            Step::Method => "what counts as what",
            Step::Numbers => "your three numbers",
            Step::Import => "your last two weeks",
        };
        [
            format!(" Welcome to protime · {n} of 3: {what} "),
            format!(" Welcome · {n} of 3: {what} "),
            format!(" Welcome · {n} of 3 "),
        ]
        .into_iter()
        .find(|t| t.chars().count() + 2 <= usize::from(width))
        .unwrap_or_default()
    }

    fn render_numbers(&self, inner: Rect, buf: &mut Buffer, theme: &Theme) {
        let width = usize::from(inner.width.saturating_sub(1));
        let mut lines = indented(NUMBERS_INTRO, width, Style::default());
        lines.push(Line::raw(""));
        let intro = (lines.len() as u16).min(inner.height);
        Paragraph::new(lines).render(inner, buf);
        let room = inner.height - intro;
        let height = self.numbers.height(inner.width).min(room);
        let area = Rect {
            y: inner.y + intro,
            height,
            ..inner
        };
        self.numbers.render(area, buf, theme);
    }

    fn import_lines(&self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let mut lines = indented(IMPORT_INTRO, width, Style::default());
        lines.push(Line::raw(""));
        let choices = [
            ("Enter", "import an export now (the last 14 days)"),
            ("s", "start without one; I on the Month tab imports later"),
            ("Esc", "skip the welcome: your answers are not saved"),
        ];
        for (key, what) in choices {
            lines.extend(hanging(key, theme.key(), what, 6, width));
        }
        if let Some(answers) = &self.answers {
            lines.push(Line::raw(""));
            let saving = format!("Enter or s saves: {}.", answers.summary());
            lines.extend(indented(&saving, width, theme.dim()));
        }
        lines
    }

    /// The step's keys, as many whole ones as fit in `width`, most needed first.
    fn hint_spans(&self, theme: &Theme, width: usize) -> Vec<Span<'static>> {
        let keys: &[(&str, &str)] = match self.step {
            Step::Method => &[
                ("Enter", "next"),
                ("Esc", "skip the welcome"),
                ("q", "quit"),
            ],
            Step::Numbers => &[
                ("Enter", "next"),
                ("Esc", "skip the welcome"),
                ("Tab", "next field"),
                ("S-Tab", "back"),
            ],
            Step::Import => &[
                ("Enter", "import"),
                ("s", "start without"),
                ("Esc", "skip"),
                ("S-Tab", "back"),
            ],
        };
        let mut spans = vec![];
        let mut used = 0;
        for (key, what) in keys {
            let needed = key.chars().count() + what.chars().count() + 3;
            if used + needed > width {
                break;
            }
            used += needed;
            spans.push(Span::styled(format!(" {key}"), theme.key()));
            spans.push(Span::raw(format!(" {what} ")));
        }
        spans
    }
}

/// The four words with their meaning, between an introduction and the method in one sentence;
/// blank lines and then the last sentence give way when the pane is short.
fn method_lines(width: usize, height: u16, theme: &Theme) -> Vec<Line<'static>> {
    let styles = [
        theme.category(Category::Proactive),
        theme.category(Category::Reactive),
        theme.category(Category::Other),
        theme.unlogged(),
    ];
    let column = if width + 1 >= usize::from(SIDE_BY_SIDE) {
        10
    } else {
        0
    };
    let mut words = vec![];
    for ((word, meaning), style) in WORDS.iter().zip(styles) {
        words.extend(hanging(word, style.bold(), meaning, column, width));
    }
    let intro = indented(METHOD_INTRO, width, Style::default());
    let outro = indented(METHOD_OUTRO, width, Style::default());
    let height = usize::from(height);
    let text = intro.len() + words.len() + outro.len();
    let with_outro = text <= height;
    let gaps = if with_outro { height - text } else { 0 };
    let mut lines = intro;
    if gaps >= 1 {
        lines.push(Line::raw(""));
    }
    lines.extend(words);
    if with_outro {
        if gaps >= 2 {
            lines.push(Line::raw(""));
        }
        lines.extend(outro);
    }
    lines
}

/// `text` wrapped at `width` after a one-column margin.
fn indented(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap_words(text, width.saturating_sub(1))
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), style))
        .collect()
}

/// `label` in its own style, then `text`: beside it in a `column`-wide label column, or (with
/// `column` 0) on the same line after it, wrapped lines indented by two.
fn hanging(
    label: &str,
    style: Style,
    text: &str,
    column: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let label_width = label.chars().count();
    let (first_room, rest_indent) = if column > 0 {
        (width.saturating_sub(column + 2), column + 2)
    } else {
        (width.saturating_sub(label_width + 2), 3)
    };
    let first_room = first_room.max(1);
    let mut first = wrap_words(text, first_room);
    let rest_text = first.split_off(1.min(first.len())).join(" ");
    let rest_room = width.saturating_sub(rest_indent).max(1);
    let rest = if rest_text.is_empty() {
        vec![]
    } else {
        wrap_words(&rest_text, rest_room)
    };
    let pad = column.saturating_sub(label_width);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!(" {label}"), style),
        Span::raw(format!("{:pad$} {}", "", first.concat())),
    ])];
    lines.extend(
        rest.into_iter()
            .map(|l| Line::raw(format!("{:rest_indent$}{l}", ""))),
    );
    lines
}
