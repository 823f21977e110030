//! `mde-triage actions …`: the machine actions of the tenant.

use clap::Subcommand;

/// `actions …`
#[derive(Debug, Subcommand)]
pub enum ActionsCommand {
    /// List machine actions, newest first.
    List {
        /// Only this device's (machine id or computer name).
        #[arg(long, value_name = "DEVICE")]
        machine: Option<String>,
        /// Only these statuses, comma-separated (pending, inprogress, succeeded, failed, timeout,
        /// cancelled).
        #[arg(long, value_delimiter = ',', value_name = "STATUS")]
        status: Vec<String>,
        /// Only this type (isolate, unisolate, runantivirusscan, …).
        #[arg(long = "type", value_name = "TYPE")]
        action_type: Option<String>,
        /// At most N actions.
        #[arg(long, value_name = "N", default_value_t = 100,
              value_parser = clap::value_parser!(u32).range(1..=10000))]
        top: u32,
        /// JSON, one array of actions.
        #[arg(long)]
        json: bool,
    },
    /// Show one machine action.
    Get {
        /// Action id.
        id: String,
        /// Print it as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Cancel an action that has not reached a final state.
    Cancel {
        /// Action id.
        id: String,
        /// Why (recorded with the cancellation).
        #[arg(long, value_name = "TEXT")]
        comment: String,
        /// Print the cancelled action as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the download link of a collected investigation package.
    Package {
        /// The collection's action id.
        id: String,
        /// Print `{"url": …}`.
        #[arg(long)]
        json: bool,
    },
}
