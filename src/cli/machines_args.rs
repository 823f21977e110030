//! `mde-triage machines …`: list and show devices, and send response actions to one.

use clap::{Args, Subcommand, ValueEnum};

/// `machines …`
#[derive(Debug, Subcommand)]
pub enum MachinesCommand {
    /// List devices (OData filters run on the service).
    List(MachinesListArgs),
    /// Show one device: its record, isolation and restriction state, and its recent actions.
    Get {
        /// Machine id or computer name.
        id: String,
        /// Print the machine's JSON as the service sent it.
        #[arg(long)]
        json: bool,
    },
    /// Isolate a device from the network until it is released (asks for --yes).
    Isolate {
        /// The device and the reason.
        #[command(flatten)]
        act: ActionArgs,
        /// How far: full, selective (Outlook, Teams and Skype keep working) or unmanaged
        /// (contain an unmanaged device).
        #[arg(long = "type", value_enum, default_value = "full")]
        isolation: IsolationArg,
        /// Confirm: isolation cuts the device's user off.
        #[arg(long)]
        yes: bool,
    },
    /// Release a device from isolation.
    Release {
        /// The device and the reason.
        #[command(flatten)]
        act: ActionArgs,
    },
    /// Run a Defender Antivirus scan.
    Scan {
        /// The device and the reason.
        #[command(flatten)]
        act: ActionArgs,
        /// Quick or full.
        #[arg(long, value_enum, default_value = "quick")]
        scan: ScanArg,
    },
    /// Allow only Microsoft-signed code to run (asks for --yes).
    Restrict {
        /// The device and the reason.
        #[command(flatten)]
        act: ActionArgs,
        /// Confirm: the device's user may be unable to work.
        #[arg(long)]
        yes: bool,
    },
    /// Remove the app execution restriction.
    Unrestrict {
        /// The device and the reason.
        #[command(flatten)]
        act: ActionArgs,
    },
    /// Collect an investigation package (then `actions package ID` gives its download link).
    Collect {
        /// The device and the reason.
        #[command(flatten)]
        act: ActionArgs,
    },
    /// Stop a file's processes and quarantine it on the device (asks for --yes).
    Quarantine {
        /// The device and the reason.
        #[command(flatten)]
        act: ActionArgs,
        /// The file's SHA-1 (the only hash the service accepts here).
        #[arg(long, value_name = "SHA1")]
        sha1: String,
        /// Confirm: the file's processes are stopped.
        #[arg(long)]
        yes: bool,
    },
}

/// The device an action is for, and why.
#[derive(Debug, Clone, Args)]
pub struct ActionArgs {
    /// Machine id or computer name.
    pub id: String,
    /// Why (required by the service; recorded with the action).
    #[arg(long, value_name = "TEXT")]
    pub comment: String,
    /// The alert this responds to (kept in the audit log).
    #[arg(long, value_name = "ALERT_ID")]
    pub alert: Option<String>,
    /// Follow the action until it succeeds, fails or times out (exit 1 unless it succeeded).
    #[arg(long)]
    pub wait: bool,
    /// Print the machine action as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `machines list` options.
#[derive(Debug, Clone, Default, Args)]
pub struct MachinesListArgs {
    /// An OData $filter over the machine properties, e.g. "riskScore eq 'High'".
    #[arg(long, value_name = "ODATA")]
    pub filter: Option<String>,
    /// Computer name (exact, any case).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Health, comma-separated (active, inactive, impairedcommunication, nosensordata, …).
    #[arg(long, value_delimiter = ',', value_name = "HEALTH")]
    pub health: Vec<String>,
    /// Risk, comma-separated (none, informational, low, medium, high).
    #[arg(long, value_delimiter = ',', value_name = "RISK")]
    pub risk: Vec<String>,
    /// OS platform, e.g. Windows11, WindowsServer2022, Linux.
    #[arg(long, value_name = "PLATFORM")]
    pub os: Option<String>,
    /// Devices carrying this tag (tags are case-sensitive).
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// At most N devices.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10000))]
    pub top: Option<u32>,
    /// JSON, one array of machines.
    #[arg(long)]
    pub json: bool,
}

/// `--type` of `machines isolate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IsolationArg {
    /// Full isolation.
    Full,
    /// Selective isolation.
    Selective,
    /// Containment of an unmanaged device.
    #[value(alias = "unmanageddevice")]
    Unmanaged,
}

/// `--scan` of `machines scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanArg {
    /// Quick scan.
    Quick,
    /// Full scan.
    Full,
}
