//! Application sign-in with a client secret (client credentials grant, v2 endpoint).

use super::cache::TokenCache;
use super::entra::Entra;
use super::error::AuthError;
use super::secret::Secret;
use super::secret::{SecretSource, split_command};
use super::token::{AccessToken, TokenFuture, TokenProvider};
use crate::hosts::{API_SCOPE, ApiHosts};
use std::fmt;
use std::path::PathBuf;

/// Settings of an application sign-in.
#[derive(Debug, Clone)]
pub struct CredentialsConfig {
    /// Sign-in host, e.g. `https://login.microsoftonline.com`.
    pub login: String,
    /// Tenant id or domain.
    pub tenant: String,
    /// Application (client) id.
    pub client_id: String,
    /// Where the secret comes from.
    pub secret: SecretSource,
    /// Token scope (the API's `.default`).
    pub scope: String,
}

impl CredentialsConfig {
    /// From AZURE_TENANT_ID / AZURE_CLIENT_ID and, in that order of preference, AZURE_CLIENT_SECRET,
    /// a secret file, or a secret command line (`pass show mde`). `env` reads a variable.
    pub fn from_env(
        hosts: &ApiHosts,
        env: impl Fn(&str) -> Option<String>,
        secret_file: Option<PathBuf>,
        secret_command: Option<&str>,
    ) -> Result<Self, AuthError> {
        let var = |k: &str| {
            env(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let tenant =
            var("AZURE_TENANT_ID").ok_or_else(|| AuthError::Missing("AZURE_TENANT_ID".into()))?;
        let client_id =
            var("AZURE_CLIENT_ID").ok_or_else(|| AuthError::Missing("AZURE_CLIENT_ID".into()))?;
        let secret = if let Some(s) = env("AZURE_CLIENT_SECRET").filter(|s| !s.is_empty()) {
            SecretSource::Value(Secret::new(s))
        } else if let Some(path) = secret_file {
            SecretSource::File(path)
        } else if let Some(cmd) = secret_command {
            SecretSource::Command(split_command(cmd)?)
        } else {
            return Err(AuthError::Missing(
                "a client secret (AZURE_CLIENT_SECRET, secret_file or secret_command)".into(),
            ));
        };
        Ok(CredentialsConfig {
            login: hosts.login.clone(),
            tenant,
            client_id,
            secret,
            scope: API_SCOPE.to_string(),
        })
    }
}

/// Client-credentials token provider.
pub struct ClientCredentials {
    entra: Entra,
    client_id: String,
    secret: SecretSource,
    scope: String,
    cache: TokenCache,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client_id", &self.client_id)
            .field("secret", &self.secret)
            .field("scope", &self.scope)
            .field("cache", &self.cache)
            .finish()
    }
}

impl ClientCredentials {
    /// A provider for these settings (nothing is sent until the first `token()`).
    pub fn new(config: CredentialsConfig) -> Result<Self, AuthError> {
        Ok(ClientCredentials {
            entra: Entra::new(&config.login, &config.tenant)?,
            client_id: config.client_id,
            secret: config.secret,
            scope: config.scope,
            cache: TokenCache::new(),
        })
    }

    async fn fetch(&self) -> Result<AccessToken, AuthError> {
        let secret = self.secret.read().await?;
        let granted = self
            .entra
            .token(&[
                ("grant_type", "client_credentials"),
                ("client_id", &self.client_id),
                ("client_secret", secret.expose()),
                ("scope", &self.scope),
            ])
            .await?;
        tracing::debug!(lifetime = ?granted.expires_in, "signed in with client credentials");
        Ok(AccessToken::new(granted.access_token, granted.expires_in))
    }
}

impl TokenProvider for ClientCredentials {
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
        Some(std::sync::Arc::new(ClientCredentials {
            entra: self.entra.clone(),
            client_id: self.client_id.clone(),
            secret: self.secret.clone(),
            scope: audience.scope.clone(),
            cache: TokenCache::new(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| vars.iter().find(|v| v.0 == k).map(|v| v.1.to_string())
    }

    #[test]
    fn settings_come_from_env_then_file_then_command() {
        let hosts = ApiHosts::default();
        let base = &[("AZURE_TENANT_ID", "t"), ("AZURE_CLIENT_ID", "c")];
        let c = CredentialsConfig::from_env(
            &hosts,
            env(base),
            Some("/f".into()),
            Some("pass show mde"),
        )
        .unwrap();
        assert_eq!(c.secret, SecretSource::File("/f".into()));
        let c =
            CredentialsConfig::from_env(&hosts, env(base), None, Some("pass show mde")).unwrap();
        assert_eq!(
            c.secret,
            SecretSource::Command(vec!["pass".into(), "show".into(), "mde".into()])
        );
        let all = &[
            ("AZURE_TENANT_ID", "t"),
            ("AZURE_CLIENT_ID", "c"),
            ("AZURE_CLIENT_SECRET", "s"),
        ];
        let c = CredentialsConfig::from_env(&hosts, env(all), Some("/f".into()), None).unwrap();
        assert_eq!(c.secret, SecretSource::Value(Secret::new("s")));
        assert_eq!(c.scope, API_SCOPE);
        assert!(matches!(
            CredentialsConfig::from_env(&hosts, env(base), None, None),
            Err(AuthError::Missing(_))
        ));
        assert!(matches!(
            CredentialsConfig::from_env(&hosts, env(&[("AZURE_CLIENT_ID", "c")]), None, None),
            Err(AuthError::Missing(m)) if m.contains("TENANT")
        ));
    }

    #[test]
    fn debug_hides_the_secret() {
        let p = ClientCredentials::new(CredentialsConfig {
            login: "http://127.0.0.1:1".into(),
            tenant: "t".into(),
            client_id: "app".into(),
            secret: SecretSource::Value(Secret::new("hunter2")),
            scope: API_SCOPE.into(),
        })
        .unwrap();
        let shown = format!("{p:?}");
        assert!(
            shown.contains("app") && !shown.contains("hunter2"),
            "{shown}"
        );
    }
}
