//! Chooses the sign-in method from the settings at hand, so the CLI and the console share one rule.

use super::azure_cli::AzureCli;
use super::credentials::{ClientCredentials, CredentialsConfig};
use super::device_code::{DeviceCode, DeviceCodeConfig, PromptCallback};
use super::error::AuthError;
use super::token::TokenProvider;
use crate::hosts::ApiHosts;
use std::path::PathBuf;
use std::sync::Arc;

/// A sign-in method, as named in the config file or on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInMethod {
    /// Pick by what is configured (see `choose_provider`).
    Auto,
    /// Application secret (client credentials).
    ClientSecret,
    /// Device code (delegated).
    DeviceCode,
    /// The Azure CLI's token.
    AzureCli,
}

/// Everything sign-in may use besides the environment. The secret itself is never here.
#[derive(Debug, Clone)]
pub struct SignInSettings {
    /// The method.
    pub method: SignInMethod,
    /// Tenant, when not from AZURE_TENANT_ID.
    pub tenant: Option<String>,
    /// Client id, when not from AZURE_CLIENT_ID.
    pub client_id: Option<String>,
    /// File holding the client secret.
    pub secret_file: Option<PathBuf>,
    /// Command printing the client secret (`pass show mde`).
    pub secret_command: Option<String>,
}

/// Builds the provider. `Auto` takes, in order: client credentials when a secret is available
/// (AZURE_CLIENT_SECRET, a secret file or command); device code when a tenant and client id are
/// known; the Azure CLI when `az` is on PATH. `env` reads a variable; `prompt` shows a device code.
pub fn choose_provider(
    hosts: &ApiHosts,
    settings: &SignInSettings,
    env: impl Fn(&str) -> Option<String>,
    prompt: PromptCallback,
) -> Result<Arc<dyn TokenProvider>, AuthError> {
    // Explicit settings override the environment's tenant and client id.
    let lookup = |k: &str| match k {
        "AZURE_TENANT_ID" => settings.tenant.clone().or_else(|| env(k)),
        "AZURE_CLIENT_ID" => settings.client_id.clone().or_else(|| env(k)),
        _ => env(k),
    };
    let has_secret = lookup("AZURE_CLIENT_SECRET").is_some_and(|s| !s.is_empty())
        || settings.secret_file.is_some()
        || settings.secret_command.is_some();
    let ids = lookup("AZURE_TENANT_ID").zip(lookup("AZURE_CLIENT_ID"));
    let method = match settings.method {
        SignInMethod::Auto if has_secret => SignInMethod::ClientSecret,
        SignInMethod::Auto if ids.is_some() => SignInMethod::DeviceCode,
        SignInMethod::Auto => SignInMethod::AzureCli,
        m => m,
    };
    match method {
        SignInMethod::ClientSecret => {
            let cfg = CredentialsConfig::from_env(
                hosts,
                lookup,
                settings.secret_file.clone(),
                settings.secret_command.as_deref(),
            )?;
            Ok(Arc::new(ClientCredentials::new(cfg)?))
        }
        SignInMethod::DeviceCode => {
            let (tenant, client) = ids.ok_or_else(|| {
                AuthError::Missing("AZURE_TENANT_ID and AZURE_CLIENT_ID for device code".into())
            })?;
            Ok(Arc::new(DeviceCode::new(
                DeviceCodeConfig::new(hosts, &tenant, &client),
                prompt,
            )?))
        }
        SignInMethod::AzureCli | SignInMethod::Auto => {
            let path = env("PATH");
            AzureCli::detect(path.as_deref().map(std::ffi::OsStr::new))
                .map(|p| Arc::new(p) as Arc<dyn TokenProvider>)
                .ok_or_else(|| {
                    AuthError::Missing(
                        "a sign-in: set AZURE_TENANT_ID and AZURE_CLIENT_ID (device code), add a client secret, \
                         or install the Azure CLI"
                            .into(),
                    )
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(method: SignInMethod) -> SignInSettings {
        SignInSettings {
            method,
            tenant: None,
            client_id: None,
            secret_file: None,
            secret_command: None,
        }
    }

    fn kind(p: &Arc<dyn TokenProvider>) -> String {
        format!("{p:?}")
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_string()
    }

    #[test]
    fn auto_prefers_secret_then_device_code_then_cli() {
        let hosts = ApiHosts::default();
        let prompt: PromptCallback = Arc::new(|_| {});
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| vars.iter().find(|v| v.0 == k).map(|v| v.1.to_string())
        };
        let full = env(&[
            ("AZURE_TENANT_ID", "t"),
            ("AZURE_CLIENT_ID", "c"),
            ("AZURE_CLIENT_SECRET", "s"),
        ]);
        let p =
            choose_provider(&hosts, &settings(SignInMethod::Auto), full, prompt.clone()).unwrap();
        assert_eq!(kind(&p), "ClientCredentials");
        let ids_only = env(&[
            ("AZURE_TENANT_ID", "t"),
            ("AZURE_CLIENT_ID", "c"),
            ("PATH", "/nonexistent"),
        ]);
        let p = choose_provider(
            &hosts,
            &settings(SignInMethod::Auto),
            ids_only,
            prompt.clone(),
        )
        .unwrap();
        assert_eq!(kind(&p), "DeviceCode");
        let mut s = settings(SignInMethod::Auto);
        s.tenant = Some("t".into());
        s.client_id = Some("c".into());
        s.secret_command = Some("pass show mde".into());
        let p = choose_provider(&hosts, &s, env(&[]), prompt.clone()).unwrap();
        assert_eq!(kind(&p), "ClientCredentials");
        let nothing = choose_provider(
            &hosts,
            &settings(SignInMethod::Auto),
            env(&[("PATH", "/nonexistent")]),
            prompt,
        );
        assert!(matches!(nothing, Err(AuthError::Missing(_))));
    }
}
