//! The Azure CLI's cached sign-in: `az account get-access-token --resource …`, used only when
//! `az` is on PATH.

use super::cache::TokenCache;
use super::error::AuthError;
use super::secret::Secret;
use super::token::{AccessToken, TokenFuture, TokenProvider};
use crate::hosts::API_RESOURCE;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long `az` may take (it may refresh its own token over the network).
const AZ_TIMEOUT: Duration = Duration::from_secs(60);

/// Token provider backed by the Azure CLI.
#[derive(Debug)]
pub struct AzureCli {
    az: PathBuf,
    resource: String,
    cache: TokenCache,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AzToken {
    access_token: String,
    /// Unix seconds (newer CLIs); `expiresOn` is local time without zone and is not used.
    #[serde(default, rename = "expires_on")]
    expires_on: Option<serde_json::Value>,
}

impl AzureCli {
    /// The provider, when `az` is on `path` (the value of PATH).
    pub fn detect(path: Option<&std::ffi::OsStr>) -> Option<Self> {
        let az = std::env::split_paths(path?)
            .map(|d| d.join("az"))
            .find(|p| is_executable(p))?;
        Some(AzureCli {
            az,
            resource: API_RESOURCE.to_string(),
            cache: TokenCache::new(),
        })
    }

    async fn fetch(&self) -> Result<AccessToken, AuthError> {
        let child = tokio::process::Command::new(&self.az)
            .args([
                "account",
                "get-access-token",
                "--resource",
                &self.resource,
                "--output",
                "json",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| AuthError::AzureCli(format!("cannot run az: {e}")))?;
        let out = tokio::time::timeout(AZ_TIMEOUT, child.wait_with_output())
            .await
            .map_err(|_| AuthError::AzureCli("az did not answer in time".into()))?
            .map_err(|e| AuthError::AzureCli(e.to_string()))?;
        if !out.status.success() {
            let err: String = String::from_utf8_lossy(&out.stderr)
                .trim()
                .chars()
                .take(300)
                .collect();
            return Err(AuthError::AzureCli(err));
        }
        parse_az_output(&out.stdout, SystemTime::now())
    }
}

/// Reads `az account get-access-token` JSON; `now` converts the absolute expiry to a lifetime.
fn parse_az_output(stdout: &[u8], now: SystemTime) -> Result<AccessToken, AuthError> {
    let t: AzToken = serde_json::from_slice(stdout)
        .map_err(|e| AuthError::AzureCli(format!("unreadable output: {e}")))?;
    let expires_on = match t.expires_on {
        Some(serde_json::Value::Number(n)) => n.as_u64(),
        Some(serde_json::Value::String(s)) => s.parse().ok(),
        _ => None,
    };
    let now_secs = now
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // Without a usable expiry, assume a short life so the CLI is asked again soon.
    let lifetime = expires_on
        .map(|e| Duration::from_secs(e.saturating_sub(now_secs)))
        .unwrap_or(Duration::from_secs(300));
    Ok(AccessToken::new(Secret::new(t.access_token), lifetime))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

impl TokenProvider for AzureCli {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.cache.get_or_fetch(|| self.fetch()))
    }

    fn invalidate(&self) {
        self.cache.invalidate();
    }

    fn for_audience(
        &self,
        audience: &super::Audience,
    ) -> Option<std::sync::Arc<dyn TokenProvider>> {
        Some(std::sync::Arc::new(AzureCli {
            az: self.az.clone(),
            resource: audience.resource.clone(),
            cache: TokenCache::new(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn output_is_parsed_with_absolute_expiry() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let json = br#"{"accessToken":"eyJ","expiresOn":"2023-11-14 22:13:20.000000","expires_on":1700003600,"tenant":"t","tokenType":"Bearer"}"#;
        let t = parse_az_output(json, now).unwrap();
        assert_eq!(t.bearer(), "eyJ");
        let life = t.expires_at - t.issued_at;
        assert_eq!(life, Duration::from_secs(3600));
        let older = br#"{"accessToken":"x","expiresOn":"2023-11-14 22:13:20.000000"}"#;
        let t = parse_az_output(older, now).unwrap();
        assert_eq!(t.expires_at - t.issued_at, Duration::from_secs(300));
        assert!(matches!(
            parse_az_output(b"ERROR", now),
            Err(AuthError::AzureCli(_))
        ));
    }

    #[tokio::test]
    async fn detects_az_on_path_and_runs_it_without_a_shell() {
        let dir = tempfile::tempdir().unwrap();
        assert!(AzureCli::detect(Some(dir.path().as_os_str())).is_none());
        let az = dir.path().join("az");
        // A stand-in `az` that checks it was asked for the MDE resource.
        std::fs::write(
            &az,
            "#!/bin/sh\n[ \"$4\" = https://api.securitycenter.microsoft.com ] || exit 3\n\
             echo '{\"accessToken\":\"from-az\",\"expires_on\":9999999999}'\n",
        )
        .unwrap();
        std::fs::set_permissions(&az, std::fs::Permissions::from_mode(0o755)).unwrap();
        let p = AzureCli::detect(Some(dir.path().as_os_str())).unwrap();
        assert_eq!(p.token().await.unwrap().bearer(), "from-az");
        assert!(!format!("{p:?}").contains("from-az"));
    }
}
