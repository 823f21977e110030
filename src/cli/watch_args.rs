//! `alerts watch` options.

use clap::Args;

/// A live feed of new and changed alerts.
#[derive(Debug, Clone, Default, Args)]
pub struct WatchArgs {
    /// Only alerts matching the console's filter language, e.g. 'sev:high !status:resolved'.
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
    /// One JSON object per line (the service's JSON of the alert, with "event" added).
    #[arg(long)]
    pub json: bool,
    /// Where a watch with no saved position starts, e.g. 1h (default: now).
    #[arg(long, value_name = "AGE")]
    pub since: Option<String>,
    /// Seconds between polls (default: the profile's poll_interval_secs).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub interval: Option<u64>,
    /// Name of the saved position, for several watches on one profile (default: the query).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}
