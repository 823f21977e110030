//! The permissions a token carries, read from its (unverified) claims: `roles` for app tokens,
//! `scp` for delegated ones. Used to refuse an action the token cannot do and to name what is
//! missing before asking; the service still decides.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The roles or scopes of a JWT; None for an opaque token or one without either claim.
pub fn permissions_from_jwt(token: &str) -> Option<Vec<String>> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    if let Some(roles) = claims.get("roles").and_then(|r| r.as_array()) {
        return Some(
            roles
                .iter()
                .filter_map(|r| r.as_str())
                .take(256)
                .map(str::to_string)
                .collect(),
        );
    }
    let scp = claims.get("scp")?.as_str()?;
    Some(
        scp.split_whitespace()
            .take(256)
            .map(str::to_string)
            .collect(),
    )
}

impl crate::client::MdeClient {
    /// The permissions of the current token (signing in if needed); None when unreadable.
    pub async fn granted_permissions(&self) -> Option<Vec<String>> {
        let token = self.inner.tokens.token().await.ok()?;
        permissions_from_jwt(token.bearer())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(claims: serde_json::Value) -> String {
        format!("e30.{}.sig", URL_SAFE_NO_PAD.encode(claims.to_string()))
    }

    #[test]
    fn roles_or_scopes_or_nothing() {
        let app = jwt(serde_json::json!({"roles": ["Machine.Isolate", "Alert.Read.All"]}));
        assert_eq!(
            permissions_from_jwt(&app).unwrap(),
            ["Machine.Isolate", "Alert.Read.All"]
        );
        let user = jwt(serde_json::json!({"scp": "Machine.Read  Machine.Scan"}));
        assert_eq!(
            permissions_from_jwt(&user).unwrap(),
            ["Machine.Read", "Machine.Scan"]
        );
        assert_eq!(
            permissions_from_jwt(&jwt(serde_json::json!({"upn": "a"}))),
            None
        );
        assert_eq!(permissions_from_jwt("opaque"), None);
    }
}
