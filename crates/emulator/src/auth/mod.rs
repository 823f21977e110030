//! Sign-in: an Entra-like token service (client credentials v1/v2, device code, refresh) and the
//! bearer check the API routes sit behind.

pub mod audience;
pub mod bearer;
pub mod device_code;
pub mod device_codes;
pub mod entra_error;
pub mod openid;
pub mod token_endpoint;
pub mod tokens;

use mde_model::Timestamp;

/// Who a token was issued to, and what it may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Tenant id.
    pub tenant: String,
    /// Client id of the app.
    pub app_id: String,
    /// App display name.
    pub app_name: String,
    /// Signed-in user's UPN (delegated tokens only).
    pub upn: Option<String>,
    /// `roles` (app tokens) or `scp` entries (delegated tokens).
    pub permissions: Vec<String>,
    /// The API the token is for (each API refuses the other's tokens).
    pub audience: audience::Audience,
    /// When the access token expires.
    pub expires: Timestamp,
}

impl Identity {
    /// The name written into a comment's `createdBy`: the user for delegated tokens, else the app.
    pub fn display(&self) -> &str {
        self.upn.as_deref().unwrap_or(&self.app_name)
    }

    /// True for user (delegated) tokens.
    pub fn is_delegated(&self) -> bool {
        self.upn.is_some()
    }

    /// The rate-limit key: per application and tenant.
    pub fn quota_key(&self) -> String {
        format!("{}|{}", self.tenant, self.app_id)
    }

    /// Checks a permission; the error names what was missing.
    pub fn require(&self, p: Permission) -> Result<(), super::errors::ApiError> {
        let accepted = p.accepted(self.is_delegated());
        if self
            .permissions
            .iter()
            .any(|have| accepted.iter().any(|a| a == have))
        {
            return Ok(());
        }
        Err(super::errors::ApiError::forbidden(format!(
            "The application does not have any of the required {} permissions ({}) to access the resource.",
            if self.is_delegated() {
                "delegated"
            } else {
                "application"
            },
            accepted.join(", ")
        )))
    }
}

/// What an endpoint needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// List / get alerts.
    AlertRead,
    /// PATCH / batchUpdate.
    AlertWrite,
    /// `/alerts/{id}/files`.
    FileRead,
    /// `/alerts/{id}/ips`.
    IpRead,
    /// `/alerts/{id}/domains`.
    UrlRead,
    /// `/alerts/{id}/machine`.
    MachineRead,
    /// `/alerts/{id}/user`.
    UserRead,
}

impl Permission {
    /// The role (app) or scope (delegated) names that grant this permission.
    pub fn accepted(self, delegated: bool) -> &'static [&'static str] {
        match (self, delegated) {
            (Permission::AlertRead, false) => &["Alert.Read.All", "Alert.ReadWrite.All"],
            (Permission::AlertRead, true) => &["Alert.Read", "Alert.ReadWrite"],
            (Permission::AlertWrite, false) => &["Alert.ReadWrite.All"],
            (Permission::AlertWrite, true) => &["Alert.ReadWrite"],
            (Permission::FileRead, _) => &["File.Read.All"],
            (Permission::IpRead, _) => &["Ip.Read.All"],
            (Permission::UrlRead, _) => &["URL.Read.All"],
            (Permission::MachineRead, false) => &["Machine.Read.All", "Machine.ReadWrite.All"],
            (Permission::MachineRead, true) => &["Machine.Read", "Machine.ReadWrite"],
            (Permission::UserRead, _) => &["User.Read.All"],
        }
    }
}

/// Roles of the read-write app.
pub const WRITE_APP_ROLES: &[&str] = &[
    "Alert.Read.All",
    "Alert.ReadWrite.All",
    "File.Read.All",
    "Ip.Read.All",
    "URL.Read.All",
    "Machine.Read.All",
    "User.Read.All",
    // Device response (issue 10).
    "Machine.ReadWrite.All",
    "Machine.Isolate",
    "Machine.Scan",
    "Machine.RestrictExecution",
    "Machine.CollectForensics",
    "Machine.StopAndQuarantine",
    "Ti.ReadWrite.All",
];
/// Roles of the read-only app.
pub const READ_APP_ROLES: &[&str] = &["Alert.Read.All"];
/// Delegated scopes of a user signed in through the read-write app.
pub const WRITE_USER_SCOPES: &[&str] = &[
    "Alert.Read",
    "Alert.ReadWrite",
    "File.Read.All",
    "Ip.Read.All",
    "URL.Read.All",
    "Machine.Read",
    "User.Read.All",
    // Device response (issue 10).
    "Machine.ReadWrite",
    "Machine.Isolate",
    "Machine.Scan",
    "Machine.RestrictExecution",
    "Machine.CollectForensics",
    "Machine.StopAndQuarantine",
    "Ti.ReadWrite",
];
/// Delegated scopes of a user signed in through the read-only app.
pub const READ_USER_SCOPES: &[&str] = &["Alert.Read"];

/// Resources (audiences) a token can be requested for: the API's current and legacy App ID URIs.
pub const KNOWN_RESOURCES: &[&str] = &[
    "https://api.securitycenter.microsoft.com",
    "https://securitycenter.onmicrosoft.com/windowsatpservice",
    "https://api.security.microsoft.com",
    "https://securitycenter.microsoft.com",
    "fc780465-2017-40d4-a0c5-307022471b92",
];
