//! Reusable pieces of screen.

pub mod form;
pub mod heatmap;
pub mod stacked;
