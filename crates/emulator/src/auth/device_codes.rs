//! The device codes waiting for approval, and redeeming one for a token once the analyst
//! approved it.

use super::audience::{Audience, audience_of_scope};
use super::entra_error::EntraError;
use super::tokens::{Issued, TokenRegistry};
use super::{Identity, READ_USER_SCOPES, WRITE_USER_SCOPES};
use crate::config::ClientApp;
use mde_model::Timestamp;
use std::collections::HashMap;
use std::sync::Mutex;

/// A sign-in waiting for the analyst's approval.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The code the analyst types.
    pub user_code: String,
    /// The app that asked.
    pub client_id: String,
    /// The scopes it asked for.
    pub scope: String,
    /// When the code stops working.
    pub expires: Timestamp,
    /// Who approved it, once approved.
    pub approved_by: Option<String>,
}

/// Outstanding device codes.
#[derive(Debug, Default)]
pub struct DeviceCodes {
    pending: Mutex<HashMap<String, Pending>>,
}

impl DeviceCodes {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Pending>> {
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Records a new sign-in under its device code.
    pub fn insert(&self, device_code: String, pending: Pending) {
        self.lock().insert(device_code, pending);
    }

    /// Approves the sign-in waiting on `user_code` as `upn`; false if no such code is pending.
    pub fn approve(&self, user_code: &str, upn: &str) -> bool {
        let wanted = normalise(user_code);
        let mut t = self.lock();
        match t.values_mut().find(|p| normalise(&p.user_code) == wanted) {
            Some(p) => {
                p.approved_by = Some(upn.to_string());
                true
            }
            None => false,
        }
    }

    /// Answers a token poll at `now`: a token of `tenant` once approved, otherwise the Entra
    /// error a client expects.
    pub fn redeem(
        &self,
        now: Timestamp,
        tenant: &str,
        tokens: &TokenRegistry,
        device_code: &str,
        app: &ClientApp,
    ) -> Result<(Issued, String), EntraError> {
        let p = {
            let mut t = self.lock();
            let p = t.get(device_code).cloned().ok_or_else(|| {
                EntraError::bad(
                    "invalid_grant",
                    70000,
                    "Provided grant is invalid or malformed.",
                )
            })?;
            if p.client_id != app.client_id {
                return Err(EntraError::bad(
                    "invalid_grant",
                    70000,
                    "The device code was issued to a different client.",
                ));
            }
            if now >= p.expires {
                t.remove(device_code);
                return Err(EntraError::bad(
                    "expired_token",
                    70020,
                    "The provided value for the input parameter 'device_code' is not valid. This device code has expired.",
                ));
            }
            if p.approved_by.is_none() {
                return Err(EntraError::bad(
                    "authorization_pending",
                    70016,
                    "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
                ));
            }
            t.remove(device_code);
            p
        };
        let audience = audience_of_scope(&p.scope);
        let scopes = user_scopes(audience, app.can_write);
        let who = Identity {
            tenant: tenant.to_string(),
            app_id: app.client_id.clone(),
            app_name: app.name.clone(),
            upn: p.approved_by.clone(),
            permissions: scopes.clone(),
            audience,
            expires: now,
        };
        let offline = p.scope.split_whitespace().any(|s| s == "offline_access");
        let granted = scopes
            .iter()
            .map(|s| format!("{}/{s}", audience.scope_prefix()))
            .chain(offline.then(|| "offline_access".to_string()))
            .collect::<Vec<_>>()
            .join(" ");
        Ok((tokens.issue(who, offline), granted))
    }
}

/// The delegated scopes a user signed in through an app gets for `audience`.
pub fn user_scopes(audience: Audience, can_write: bool) -> Vec<String> {
    let scopes: &[&str] = match audience.graph_roles(can_write) {
        // Graph's delegated permissions carry the same names as its application roles.
        Some(graph) => graph,
        None if can_write => WRITE_USER_SCOPES,
        None => READ_USER_SCOPES,
    };
    scopes.iter().map(|s| s.to_string()).collect()
}

fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}
