//! The pure core: no files, no terminal, no clock reads.

pub mod advice;
pub mod category;
pub mod check;
pub mod correct;
pub mod day;
pub mod imported;
pub mod inbox;
pub mod merge;
pub mod open;
pub mod patterns;
pub mod plan;
pub mod planned;
pub mod report;
pub mod revert;
pub mod review;
pub mod span;
#[cfg(test)]
pub mod test_support;
pub mod timefmt;
pub mod timer;

pub use category::{Category, SessionKind};
pub use day::{Block, BlockKind, Day, Decision, Review, SCHEMA, Session};
