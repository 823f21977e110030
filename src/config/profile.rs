//! One tenant profile: who we are, how we sign in, where the service is, how we poll.

use std::path::PathBuf;

/// How the console obtains a token.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    /// App registration with a client secret (env, secret file or secret command).
    #[default]
    ClientCredentials,
    /// Delegated sign-in in a browser elsewhere: the natural choice over SSH.
    DeviceCode,
    /// The token of a logged-in Azure CLI.
    AzureCli,
}

/// How times are shown.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TimeDisplay {
    /// UTC (the API's zone).
    #[default]
    Utc,
    /// The local zone, with its offset shown.
    Local,
}

/// A profile table, `[profiles.NAME]`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Profile {
    /// Entra tenant id (AZURE_TENANT_ID overrides).
    pub tenant_id: Option<String>,
    /// App (client) id (AZURE_CLIENT_ID overrides).
    pub client_id: Option<String>,
    /// Sign-in method.
    pub auth: AuthMethod,
    /// File holding the client secret (first line).
    pub secret_file: Option<PathBuf>,
    /// Command printing the client secret, run without a shell, e.g. `pass show mde`.
    pub secret_command: Option<String>,
    /// API base URL (MDE_API_URL / `--api-url` override).
    pub api_url: Option<String>,
    /// Login base URL (MDE_LOGIN_URL / `--login-url` override).
    pub login_url: Option<String>,
    /// Regional API host by name (us, eu, uk, …).
    pub region: Option<String>,
    /// The analyst's UPN, for "assign to me".
    pub identity: Option<String>,
    /// Seconds between polls.
    pub poll_interval_secs: u64,
    /// Calls per minute polling may use, out of the service's 100.
    pub poll_calls_per_minute: u32,
    /// UTC or local times.
    pub time_display: TimeDisplay,
    /// Refuse every write.
    pub read_only: bool,
    /// Where alerts come from: `mde` (default) or `graph` (every Defender product's alerts).
    pub api: super::ApiBackend,
    /// Microsoft Graph base URL, when not the cloud's default (`MDE_GRAPH_URL` overrides).
    pub graph_url: Option<String>,
    // Operating on a rotation (issue 12): each overrides the file's top-level setting alone.
    /// The view the console opens with for this tenant.
    pub default_view: Option<String>,
    /// This tenant's time zone (wins over `time_display`).
    pub time_zone: Option<String>,
    /// SLA targets for this tenant, per severity and field.
    pub sla: Option<super::sections::SlaSection>,
    /// Colours for this tenant, per role (e.g. a red border for production).
    pub theme: Option<super::sections::ThemeSection>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            tenant_id: None,
            client_id: None,
            auth: AuthMethod::default(),
            secret_file: None,
            secret_command: None,
            api_url: None,
            login_url: None,
            region: None,
            identity: None,
            poll_interval_secs: 60,
            poll_calls_per_minute: 20,
            time_display: TimeDisplay::default(),
            read_only: false,
            api: super::ApiBackend::default(),
            graph_url: None,
            default_view: None,
            time_zone: None,
            sla: None,
            theme: None,
        }
    }
}

impl Profile {
    /// Checks values serde cannot; the error is (field, problem).
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        if self.poll_interval_secs < 5 {
            return Err((
                "poll_interval_secs",
                format!(
                    "{} is too short; at least 5 seconds",
                    self.poll_interval_secs
                ),
            ));
        }
        // The service allows 100 calls a minute; polling must leave room for the analyst.
        if !(1..=80).contains(&self.poll_calls_per_minute) {
            return Err((
                "poll_calls_per_minute",
                format!("{} is outside 1..=80", self.poll_calls_per_minute),
            ));
        }
        if self.secret_file.is_some() && self.secret_command.is_some() {
            return Err((
                "secret_command",
                "set either secret_file or secret_command, not both".into(),
            ));
        }
        if let Some(cmd) = &self.secret_command
            && cmd.split_whitespace().next().is_none()
        {
            return Err(("secret_command", "is empty".into()));
        }
        Ok(())
    }
}
