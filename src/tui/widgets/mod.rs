//! Reusable pieces of screen.

pub mod form;
pub mod heatmap;
pub mod stacked;

/// `text` cut to `max` characters, the cut marked with `…`.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    if max > 0 {
        cut.push('…');
    }
    cut
}
