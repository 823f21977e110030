//! `mde-triage indicators …`: the tenant's allow/audit/block indicators.

use clap::{Subcommand, ValueEnum};

/// `indicators …`
#[derive(Debug, Subcommand)]
pub enum IndicatorsCommand {
    /// List indicators.
    List {
        /// Only this type.
        #[arg(long = "type", value_enum)]
        kind: Option<IndicatorTypeArg>,
        /// Only this value (a hash, IP, domain or URL).
        #[arg(long, value_name = "VALUE")]
        value: Option<String>,
        /// At most N indicators.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10000))]
        top: Option<u32>,
        /// JSON, one array of indicators.
        #[arg(long)]
        json: bool,
    },
    /// Add an indicator (or update the one with the same value and type).
    Add {
        /// The hash, IP address, domain or URL.
        value: String,
        /// Its type (guessed from the value when absent: hashes by length, IPs, URLs, domains).
        #[arg(long = "type", value_enum)]
        kind: Option<IndicatorTypeArg>,
        /// What the service does when it sees it.
        #[arg(long, value_enum)]
        action: IndicatorActionArg,
        /// Title (default: "mde-triage: VALUE").
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// Description (default: who added it and when).
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,
        /// Expires after this long (e.g. 30d, 12h), or "never".
        #[arg(long, value_name = "AGE", default_value = "30d")]
        expires: String,
        /// Severity of the alerts it raises.
        #[arg(long, value_enum)]
        severity: Option<IndicatorSeverityArg>,
        /// What an analyst should do when it fires.
        #[arg(long, value_name = "TEXT")]
        recommended: Option<String>,
        /// Raise an alert when it matches (required for audit).
        #[arg(long)]
        generate_alert: bool,
        /// Print the stored indicator as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Delete an indicator by id.
    Delete {
        /// Indicator id (a number).
        id: String,
    },
}

/// Indicator types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IndicatorTypeArg {
    /// SHA-1 of a file.
    #[value(alias = "filesha1")]
    Sha1,
    /// SHA-256 of a file.
    #[value(alias = "filesha256")]
    Sha256,
    /// MD5 of a file.
    #[value(alias = "filemd5")]
    Md5,
    /// Certificate thumbprint.
    #[value(alias = "certificatethumbprint")]
    Cert,
    /// External IP address.
    #[value(alias = "ipaddress")]
    Ip,
    /// Domain name.
    #[value(alias = "domainname")]
    Domain,
    /// URL.
    Url,
}

/// Indicator actions the service accepts today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IndicatorActionArg {
    /// Allow.
    #[value(alias = "allow")]
    Allowed,
    /// Audit (raises an alert; implies --generate-alert).
    Audit,
    /// Warn the user (network indicators).
    Warn,
    /// Block.
    Block,
    /// Block and remediate (files only).
    #[value(alias = "blockandremediate")]
    BlockAndRemediate,
}

/// Severities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IndicatorSeverityArg {
    /// Informational.
    Informational,
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}
