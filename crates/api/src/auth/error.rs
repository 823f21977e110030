//! Why a sign-in failed, typed so the caller can tell a transient failure from a wrong setting.

/// Sign-in failures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// Entra ID refused: its error code and description (e.g. `AADSTS7000215: Invalid client secret`).
    #[error("{code}: {description}")]
    Entra {
        /// HTTP status of the token endpoint's answer.
        status: u16,
        /// OAuth error (`invalid_client`, `unauthorized_client`, …).
        code: String,
        /// Entra's description, shortened.
        description: String,
    },
    /// The sign-in service could not be reached.
    #[error("cannot reach the sign-in service: {0}")]
    Transport(String),
    /// The sign-in service answered 429 or 5xx.
    #[error("sign-in service unavailable (HTTP {0})")]
    Unavailable(u16),
    /// The sign-in service's answer could not be read.
    #[error("unreadable answer from the sign-in service: {0}")]
    Malformed(String),
    /// Required settings are missing (e.g. AZURE_TENANT_ID).
    #[error("missing sign-in setting: {0}")]
    Missing(String),
    /// The client secret could not be read from its file or command.
    #[error("cannot read the client secret: {0}")]
    Secret(String),
    /// The device code expired before the analyst approved it.
    #[error("the sign-in code expired before it was approved")]
    DeviceCodeExpired,
    /// The analyst declined the sign-in.
    #[error("sign-in was declined")]
    Declined,
    /// The Azure CLI failed.
    #[error("Azure CLI: {0}")]
    AzureCli(String),
}

impl AuthError {
    /// True when trying again later may succeed without a change of settings.
    pub fn is_transient(&self) -> bool {
        matches!(self, AuthError::Transport(_) | AuthError::Unavailable(_))
    }
}
