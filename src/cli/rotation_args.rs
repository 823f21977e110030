//! The command line of issue 12 (operating on a rotation): start-up options of the console
//! (`--view`, `--all-profiles`, `--file`, `--time-zone`, `--sla`) and the `config`,
//! `completions`, `man`, `handoff` and `audit` subcommands.

use clap::{Args, Subcommand};
use std::path::PathBuf;

/// Console start-up options.
#[derive(Debug, Clone, Default, Args)]
pub struct RotationArgs {
    /// Open the console on a saved view (built-in: open, mine, unassigned, new-high,
    /// in-progress, resolved-today, resolved, all; env MDE_TRIAGE_VIEW).
    #[arg(long, value_name = "NAME")]
    pub view: Option<String>,
    /// Show times in this zone: utc, local, +02:00 or an IANA name (env MDE_TRIAGE_TIME_ZONE).
    #[arg(long, global = true, value_name = "TZ")]
    pub time_zone: Option<String>,
    /// Override an SLA target for this run, e.g. high=15m or medium.resolve=8h (repeatable).
    #[arg(long, global = true, value_name = "SEV=SPAN")]
    pub sla: Vec<String>,
    /// Every profile's open queue in one list with a tenant column, each tenant synced within
    /// its own rate budget.
    #[arg(long, conflicts_with = "file")]
    pub all_profiles: bool,
    /// Open an API export read-only: a {"value": [...]} page, a bare array or NDJSON, gzip too.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// `config …`
#[derive(Debug, Clone, Subcommand)]
pub enum ConfigCommand {
    /// Print the JSON schema of the config file.
    Schema,
    /// Check a config file (default: the one in use) and list every mistake with its line.
    Check {
        /// The file to check.
        file: Option<PathBuf>,
    },
}

/// `completions SHELL`
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `handoff …`
#[derive(Debug, Clone, Args)]
pub struct HandoffArgs {
    /// The shift's length, e.g. 8h, 12h, 1d.
    #[arg(long, default_value = "12h", value_name = "AGE")]
    pub since: String,
    /// Write the report here instead of to stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `audit …`
#[derive(Debug, Clone, Args)]
pub struct AuditArgs {
    /// How far back, e.g. 24h, 7d.
    #[arg(long, default_value = "24h", value_name = "AGE")]
    pub since: String,
    /// One JSON object per entry, one per line.
    #[arg(long)]
    pub json: bool,
}
