//! `mde-triage hunt …` arguments.

use super::args::FormatArgs;
use clap::Args;

/// `hunt QUERY`
#[derive(Debug, Clone, Args)]
pub struct HuntArgs {
    /// The KQL query; `-` reads it from stdin.
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// ISO 8601 window: P7D, PT12H, START/END, P1D/END (hunting keeps 30 days).
    #[arg(long, value_name = "TIMESPAN")]
    pub timespan: Option<String>,
    /// Output format.
    #[command(flatten)]
    pub format: FormatArgs,
}
