//! protime: plan the day in time blocks, protect proactive time, review what really happened.

pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod domain;
pub mod export;
pub mod figures;
pub mod import;
pub mod journal;
pub mod launch;
pub mod names;
pub mod notify;
pub mod paths;
pub mod sanitize;
pub mod sync;
pub mod sync_link;
pub mod synth;
pub mod templates;
pub mod tui;
