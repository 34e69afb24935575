//! Every style in one place, built from the config's colours; `NO_COLOR` turns colour off.

use crate::config::ThemeColors;
use crate::domain::Category;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone)]
pub struct Theme {
    pub color: bool,
    pub proactive: Color,
    pub reactive: Color,
    pub other: Color,
    pub unlogged: Color,
    pub warning: Color,
    pub accent: Color,
}

impl Theme {
    /// `no_color` is true when the `NO_COLOR` environment variable is set to anything non-empty.
    pub fn new(colors: &ThemeColors, no_color: bool) -> Theme {
        let parse = |s: &str| s.parse::<Color>().unwrap_or(Color::Reset);
        Theme {
            color: !no_color,
            proactive: parse(&colors.proactive),
            reactive: parse(&colors.reactive),
            other: parse(&colors.other),
            unlogged: parse(&colors.unlogged),
            warning: parse(&colors.warning),
            accent: parse(&colors.accent),
        }
    }

    pub fn no_color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn category(&self, category: Category) -> Style {
        self.fg(match category {
            Category::Proactive => self.proactive,
            Category::Reactive => self.reactive,
            Category::Other => self.other,
        })
    }

    pub fn unlogged(&self) -> Style {
        self.fg(self.unlogged)
    }

    pub fn warning(&self) -> Style {
        self.fg(self.warning).add_modifier(Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    pub fn tab(&self, selected: bool) -> Style {
        if !selected {
            Style::new()
        } else if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(self.accent)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn key(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
}
