//! `mde-triage incidents …` arguments.

use super::args::{ClassificationArg, FormatArgs};
use clap::{Args, Subcommand, ValueEnum};

/// `incidents …`
#[derive(Debug, Subcommand)]
pub enum IncidentsCommand {
    /// List incidents (Microsoft Graph), newest first.
    List(IncidentListArgs),
    /// Show one incident with its alerts.
    Get {
        /// Incident id.
        id: String,
        /// Print the incident's JSON as the service sent it (alerts included).
        #[arg(long)]
        json: bool,
    },
    /// Change an incident: queued in the outbox, then sent. Resolving it resolves its alerts.
    Update(IncidentUpdateArgs),
}

/// Incident statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IncidentStatusArg {
    /// Active.
    Active,
    /// In progress.
    #[value(alias = "inprogress")]
    InProgress,
    /// Resolved.
    Resolved,
    /// Redirected (merged into another).
    Redirected,
}

/// `incidents list` options.
#[derive(Debug, Clone, Default, Args)]
pub struct IncidentListArgs {
    /// A Graph $filter over the documented fields, e.g. "status eq 'active' and severity eq 'high'".
    #[arg(long, value_name = "ODATA")]
    pub filter: Option<String>,
    /// Statuses, comma-separated (active,in-progress,resolved,redirected).
    #[arg(
        long,
        value_delimiter = ',',
        value_enum,
        ignore_case = true,
        value_name = "STATUS"
    )]
    pub status: Vec<IncidentStatusArg>,
    /// Owner: a UPN, `me` (the profile's identity) or `none` (unassigned).
    #[arg(long, value_name = "WHO")]
    pub assigned_to: Option<String>,
    /// At most N incidents.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100000))]
    pub top: Option<u32>,
    /// Output format.
    #[command(flatten)]
    pub format: FormatArgs,
}

/// `incidents update` options.
#[derive(Debug, Clone, Default, Args)]
pub struct IncidentUpdateArgs {
    /// Incident id.
    #[arg(value_name = "ID")]
    pub id: String,
    /// New status.
    #[arg(long, value_enum, ignore_case = true)]
    pub status: Option<IncidentStatusArg>,
    /// New owner: a UPN, or `me` for the profile's identity.
    #[arg(long, value_name = "WHO")]
    pub assign: Option<String>,
    /// Classification (needs --determination).
    #[arg(long, value_enum, ignore_case = true, requires = "determination")]
    pub classification: Option<ClassificationArg>,
    /// Determination valid for the classification (e.g. Malware, MultiStagedAttack, NotMalicious).
    #[arg(long, value_name = "DETERMINATION")]
    pub determination: Option<String>,
    /// Tags: the incident's whole new set (repeat the option; `--tag ''` clears them).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// The comment stored with the resolution.
    #[arg(long, value_name = "TEXT")]
    pub resolving_comment: Option<String>,
    /// A comment to add.
    #[arg(long, value_name = "TEXT")]
    pub comment: Option<String>,
    /// Queue only; leave sending to a later `outbox retry` or the console.
    #[arg(long)]
    pub no_send: bool,
}
