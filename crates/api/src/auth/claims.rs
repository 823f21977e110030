//! Who a token speaks for, read from its (unverified) JWT claims: the name the service writes as
//! a comment's `createdBy`, which tells our own comments from someone else's identical text.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The user (`upn`, `preferred_username`, `unique_name`) or, for an app token, `app_displayname`.
/// None for opaque tokens. Not a security decision: the service verifies tokens, we only label.
pub fn identity_from_jwt(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    [
        "upn",
        "preferred_username",
        "unique_name",
        "app_displayname",
    ]
    .iter()
    .find_map(|k| claims.get(*k)?.as_str().filter(|s| !s.is_empty()))
    .map(|s| s.chars().take(256).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(claims: serde_json::Value) -> String {
        format!(
            "eyJhbGciOiJub25lIn0.{}.sig",
            URL_SAFE_NO_PAD.encode(claims.to_string())
        )
    }

    #[test]
    fn user_beats_app_and_opaque_tokens_have_none() {
        let both = jwt(serde_json::json!({"upn": "a@contoso.com", "app_displayname": "app"}));
        assert_eq!(identity_from_jwt(&both).as_deref(), Some("a@contoso.com"));
        let app = jwt(serde_json::json!({"app_displayname": "mde-triage-demo", "upn": ""}));
        assert_eq!(identity_from_jwt(&app).as_deref(), Some("mde-triage-demo"));
        assert_eq!(identity_from_jwt("opaque-token"), None);
        assert_eq!(identity_from_jwt("a.!!!.c"), None);
    }
}
