//! The command-line grammar (clap derive). Secrets are deliberately absent: argv is visible to
//! every local user, so a secret comes from the environment, a file or a command instead.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Terminal console for triaging Microsoft Defender for Endpoint alerts.
#[derive(Debug, Parser)]
#[command(name = "mde-triage", version, about, long_about = None)]
pub struct Cli {
    /// Options shared by the console and every subcommand.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// Open the console on an embedded emulator with demo data (nothing leaves this machine).
    #[cfg(feature = "demo")]
    #[arg(long)]
    pub demo: bool,
    /// With --demo: keep the emulator's alerts in FILE (written on every change and on exit).
    #[cfg(feature = "demo")]
    #[arg(
        long,
        value_name = "FILE",
        env = "MDE_TRIAGE_DEMO_STATE",
        requires = "demo"
    )]
    pub demo_state: Option<PathBuf>,
    /// Views, tenants, offline files, time zone and SLA at start (issue 12).
    #[command(flatten)]
    pub rotation: super::rotation_args::RotationArgs,
    /// What to do; without one, the console opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command understands.
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalArgs {
    /// Profile from the config file.
    #[arg(long, global = true, env = "MDE_TRIAGE_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// Config file (default: the XDG config dir; env MDE_TRIAGE_CONFIG).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// API base URL, e.g. https://api.security.microsoft.com.
    #[arg(long, global = true, env = "MDE_API_URL", value_name = "URL")]
    pub api_url: Option<String>,
    /// Sign-in base URL, e.g. https://login.microsoftonline.com.
    #[arg(long, global = true, env = "MDE_LOGIN_URL", value_name = "URL")]
    pub login_url: Option<String>,
    /// Regional API host by name (us, eu, uk, au, swa, ina, gcc, gcc-high, dod).
    #[arg(long, global = true, value_name = "NAME", value_parser = super::suggest::region)]
    pub region: Option<String>,
    /// Refuse every write (the console unbinds triage keys).
    #[arg(long, global = true)]
    pub read_only: bool,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the MDE API emulator in the foreground.
    #[cfg(feature = "demo")]
    Emulator(super::emulator_args::EmulatorArgs),
    /// Read and triage alerts from scripts.
    #[command(subcommand)]
    Alerts(AlertsCommand),
    /// Inspect and settle queued triage writes.
    Outbox {
        /// What to do with the outbox (default: list).
        #[command(subcommand)]
        action: Option<OutboxCommand>,
    },
    /// Show the config, data and log paths, the profile and the hosts in use (never secrets).
    Info,
    /// Devices: list, show, and respond (isolate, release, scan, restrict, collect, quarantine).
    #[command(subcommand)]
    Machines(super::machines_args::MachinesCommand),
    /// Machine actions: list, show, cancel, package link.
    #[command(subcommand)]
    Actions(super::actions_args::ActionsCommand),
    /// Indicators: list, add, delete.
    #[command(subcommand)]
    Indicators(super::indicators_args::IndicatorsCommand),
    /// Read and triage incidents (Microsoft Graph).
    #[command(subcommand)]
    Incidents(super::incidents_args::IncidentsCommand),
    /// Run an advanced hunting query (Microsoft Graph).
    Hunt(super::hunt_args::HuntArgs),
    /// Print the config file's JSON schema, or check a config file.
    Config {
        /// What to do.
        #[command(subcommand)]
        action: super::rotation_args::ConfigCommand,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(super::rotation_args::CompletionsArgs),
    /// Print the manual page (roff) to stdout.
    Man,
    /// Write the shift handoff report (Markdown).
    Handoff(super::rotation_args::HandoffArgs),
    /// Print the local audit log of every write and action this console sent.
    Audit(super::rotation_args::AuditArgs),
}

/// `alerts …`
#[derive(Debug, Subcommand)]
pub enum AlertsCommand {
    /// List alerts, newest first.
    List(ListArgs),
    /// Show one alert.
    Get {
        /// Alert id.
        id: String,
        /// Print the alert's JSON as the service sent it.
        #[arg(long)]
        json: bool,
    },
    /// Change alerts: queued in the outbox, then sent (several ids go as one batchUpdate).
    Update(UpdateArgs),
    /// Follow new and changed alerts: one line (or JSON object) each, until stopped.
    Watch(super::watch_args::WatchArgs),
}

/// `alerts list` options.
#[derive(Debug, Clone, Default, Args)]
pub struct ListArgs {
    /// An OData $filter, e.g. "severity eq 'High' and status ne 'Resolved'".
    #[arg(long, value_name = "ODATA")]
    pub filter: Option<String>,
    /// The console's filter language, e.g. 'sev:high device:ws01 !status:resolved'.
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
    /// Severities, comma-separated (high,medium,low,informational).
    #[arg(long, value_delimiter = ',', value_name = "SEV")]
    pub severity: Vec<String>,
    /// Statuses, comma-separated (new,inprogress,resolved).
    #[arg(long, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<String>,
    /// Owner: a UPN, `me` (the profile's identity) or `none` (unassigned).
    #[arg(long, value_name = "WHO")]
    pub assigned_to: Option<String>,
    /// Only alerts created within this long, e.g. 30m, 24h, 7d, 2w.
    #[arg(long, value_name = "AGE")]
    pub since: Option<String>,
    /// At most N alerts (one request); without it every match is fetched page by page.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10000))]
    pub top: Option<u32>,
    /// Output format.
    #[command(flatten)]
    pub format: FormatArgs,
    /// Plain table layout.
    #[command(flatten)]
    pub table: super::list_args::TableArgs,
}

/// `--json` / `--csv`.
#[derive(Debug, Clone, Copy, Default, Args)]
#[group(multiple = false)]
pub struct FormatArgs {
    /// JSON as the service sent it (raw strings, valid JSON).
    #[arg(long)]
    pub json: bool,
    /// CSV with formula cells neutralised.
    #[arg(long)]
    pub csv: bool,
}

/// `alerts update` options.
#[derive(Debug, Clone, Default, Args)]
pub struct UpdateArgs {
    /// Alert ids.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// New status.
    #[arg(long, value_enum, ignore_case = true)]
    pub status: Option<StatusArg>,
    /// New owner: a UPN, or `me` for the profile's identity.
    #[arg(long, value_name = "WHO")]
    pub assign: Option<String>,
    /// Classification (needs --determination).
    #[arg(long, value_enum, ignore_case = true, requires = "determination")]
    pub classification: Option<ClassificationArg>,
    /// Determination valid for the classification (e.g. Malware, SecurityTesting, NotMalicious).
    #[arg(long, value_name = "DETERMINATION")]
    pub determination: Option<String>,
    /// A comment to add.
    #[arg(long, value_name = "TEXT")]
    pub comment: Option<String>,
    /// Queue only; leave sending to a later `outbox retry` or the console.
    #[arg(long)]
    pub no_send: bool,
}

/// Settable statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// New.
    New,
    /// In progress.
    #[value(alias = "inprogress")]
    InProgress,
    /// Resolved.
    Resolved,
}

/// Settable classifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClassificationArg {
    /// True positive.
    #[value(alias = "truepositive")]
    TruePositive,
    /// Informational, expected activity.
    #[value(alias = "informationalexpectedactivity", alias = "benign-positive")]
    InformationalExpectedActivity,
    /// False positive.
    #[value(alias = "falsepositive")]
    FalsePositive,
}

/// `outbox …`
#[derive(Debug, Clone, Subcommand)]
pub enum OutboxCommand {
    /// List queued, failed and conflicting writes.
    List {
        /// Include delivered and discarded entries.
        #[arg(long)]
        all: bool,
    },
    /// Send pending writes now; with an id, retry that failed entry (else every failed one).
    Retry {
        /// Outbox id.
        id: Option<i64>,
    },
    /// Discard a queued or failed write.
    Drop {
        /// Outbox id.
        id: i64,
    },
}
