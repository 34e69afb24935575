//! Command-line definitions (clap derive).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "protime",
    version,
    about = "Plan your day in time blocks and protect your proactive selling time",
    long_about = "protime: plan your day in time blocks, protect proactive selling time, and review \
                  what really happened.\n\nRun without a command to open the dashboard."
)]
pub struct Cli {
    /// Use this config file instead of the one in your config folder.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Keep the journal (and crash reports) in this folder.
    #[arg(long, global = true, value_name = "PATH", env = "PROTIME_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show where the config file is, or check it.
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Add to or show a day's plan.
    #[command(subcommand)]
    Plan(PlanCommand),

    /// Write a deterministic synthetic journal (for benchmarks, demos and tests).
    #[command(hide = true)]
    Generate {
        /// How many days back from --end to fill.
        #[arg(long, default_value_t = 365)]
        days: u32,
        /// The last day to fill (YYYY-MM-DD).
        #[arg(long)]
        end: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },

    /// Save COUNT blocks one by one, printing `ack TITLE` after each (for crash tests).
    #[command(hide = true)]
    DebugSaveLoop {
        /// The day to save into (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        /// Titles are TAG-1, TAG-2, ….
        #[arg(long)]
        tag: String,
        #[arg(long)]
        count: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the path of the config file protime reads.
    Path,
    /// Read the config file and report any problem.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Add a planned block, e.g. `protime plan add 09:00-10:30 proactive "Prospecting calls"`.
    Add {
        /// Start and end, like 09:00-10:30.
        range: String,
        /// proactive, reactive or other (or pro, re, oth).
        category: String,
        /// What the block is for.
        title: String,
        /// The day (YYYY-MM-DD); today if left out.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        account: Option<String>,
        #[arg(long)]
        objective: Option<String>,
    },
    /// Print a day's planned blocks.
    Show {
        /// The day (YYYY-MM-DD); today if left out.
        #[arg(long)]
        date: Option<String>,
    },
}
