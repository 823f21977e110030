//! Issued tokens. Access tokens are JWT-shaped (clients may read the claims) but are validated by
//! lookup in this registry, so they cannot be forged, and they stop working at `exp`.

use super::Identity;
use crate::clock::Clock;
use crate::dice::Dice;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use mde_model::Timestamp;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Why a bearer token was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Not issued by this emulator (or issued before a restart).
    #[error("The access token is invalid.")]
    Unknown,
    /// Past its `exp`.
    #[error("The access token has expired.")]
    Expired,
}

/// An access token plus the data the token endpoint answers with.
#[derive(Debug, Clone)]
pub struct Issued {
    /// The bearer token.
    pub access_token: String,
    /// Seconds until expiry.
    pub expires_in: u64,
    /// When it was issued.
    pub issued_at: Timestamp,
    /// A refresh token (delegated sign-ins only).
    pub refresh_token: Option<String>,
}

#[derive(Debug, Default)]
struct Tables {
    access: HashMap<String, Identity>,
    refresh: HashMap<String, Identity>,
}

/// The token registry.
#[derive(Debug)]
pub struct TokenRegistry {
    tables: Mutex<Tables>,
    dice: Dice,
    lifetime: Duration,
    clock: Arc<Clock>,
    /// Roles and scopes left out of tokens issued from now on (to test a missing permission).
    withheld: Mutex<Vec<String>>,
}

impl TokenRegistry {
    /// A registry issuing tokens that live `lifetime`.
    pub fn new(lifetime: Duration, clock: Arc<Clock>) -> Self {
        TokenRegistry {
            tables: Mutex::new(Tables::default()),
            dice: Dice::new(None),
            lifetime,
            clock,
            withheld: Mutex::new(Vec::new()),
        }
    }

    /// Tokens issued from now on lack these roles and scopes.
    pub fn withhold(&self, roles: Vec<String>) {
        *self.withheld.lock().unwrap_or_else(|p| p.into_inner()) = roles;
    }

    fn tables(&self) -> std::sync::MutexGuard<'_, Tables> {
        self.tables.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Issues an access token (and a refresh token when `with_refresh`) for `who`.
    pub fn issue(&self, mut who: Identity, with_refresh: bool) -> Issued {
        let now = self.clock.now();
        {
            let withheld = self.withheld.lock().unwrap_or_else(|p| p.into_inner());
            who.permissions.retain(|p| !withheld.contains(p));
        }
        // An absurd lifetime means "never expires" in practice: cap it at a century.
        let century = chrono::Duration::days(36_600);
        let lifetime = chrono::Duration::from_std(self.lifetime)
            .unwrap_or(century)
            .min(century);
        who.expires = Timestamp(now.0.checked_add_signed(lifetime).unwrap_or(now.0));
        let access_token = self.jwt(&who, now);
        let refresh_token = with_refresh.then(|| format!("0.emu.{}", self.dice.hex(48)));
        let mut t = self.tables();
        t.access.retain(|_, i| i.expires > now);
        t.access.insert(access_token.clone(), who.clone());
        if let Some(r) = &refresh_token {
            t.refresh.insert(r.clone(), who);
        }
        Issued {
            access_token,
            expires_in: self.lifetime.as_secs(),
            issued_at: now,
            refresh_token,
        }
    }

    /// The identity behind a bearer token.
    pub fn validate(&self, token: &str) -> Result<Identity, TokenError> {
        let who = self
            .tables()
            .access
            .get(token)
            .cloned()
            .ok_or(TokenError::Unknown)?;
        if self.clock.now() >= who.expires {
            return Err(TokenError::Expired);
        }
        Ok(who)
    }

    /// Expires every access token (refresh tokens keep working), to test re-authentication.
    pub fn expire_all(&self) {
        let now = self.clock.now();
        for who in self.tables().access.values_mut() {
            who.expires = now;
        }
    }

    /// Redeems a refresh token (it is rotated: the old one stops working).
    pub fn redeem_refresh(&self, token: &str, client_id: &str) -> Option<Issued> {
        self.redeem_refresh_for(token, client_id, |_| {})
    }

    /// Redeems a refresh token, letting `retarget` change the identity first (another audience).
    pub fn redeem_refresh_for(
        &self,
        token: &str,
        client_id: &str,
        retarget: impl FnOnce(&mut Identity),
    ) -> Option<Issued> {
        let mut who = {
            let mut t = self.tables();
            match t.refresh.get(token) {
                Some(w) if w.app_id == client_id => t.refresh.remove(token),
                _ => None,
            }
        }?;
        retarget(&mut who);
        Some(self.issue(who, true))
    }

    fn jwt(&self, who: &Identity, now: Timestamp) -> String {
        let header = serde_json::json!({"typ": "JWT", "alg": "RS256", "kid": "mde-emulator"});
        let iat = now.0.timestamp();
        let mut claims = serde_json::json!({
            "aud": who.audience.claim(),
            "iss": format!("https://sts.windows.net/{}/", who.tenant),
            "iat": iat,
            "nbf": iat,
            "exp": who.expires.0.timestamp(),
            "appid": who.app_id,
            "app_displayname": who.app_name,
            "tid": who.tenant,
            "oid": self.dice.guid(),
            "uti": self.dice.hex(16),
            "ver": "1.0",
        });
        if let Some(obj) = claims.as_object_mut() {
            if let Some(upn) = &who.upn {
                obj.insert("upn".into(), upn.clone().into());
                obj.insert("name".into(), upn.clone().into());
                obj.insert("scp".into(), who.permissions.join(" ").into());
            } else {
                obj.insert("roles".into(), who.permissions.clone().into());
            }
        }
        format!(
            "{}.{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string()),
            URL_SAFE_NO_PAD.encode(self.dice.hex(32))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who() -> Identity {
        Identity {
            tenant: "t".into(),
            app_id: "a".into(),
            app_name: "a".into(),
            upn: None,
            permissions: vec!["Alert.Read.All".into()],
            audience: crate::auth::audience::Audience::Mde,
            expires: Timestamp::now(),
        }
    }

    #[test]
    fn tokens_carry_readable_claims_and_expire() {
        let clock = Arc::new(Clock::default());
        let reg = TokenRegistry::new(Duration::from_secs(60), clock.clone());
        let t = reg.issue(who(), false);
        let payload = t.access_token.split('.').nth(1).unwrap();
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
        assert_eq!(claims["roles"][0], "Alert.Read.All");
        assert_eq!(claims["tid"], "t");
        assert!(reg.validate(&t.access_token).is_ok());
        clock.advance_ms(61_000);
        assert_eq!(reg.validate(&t.access_token), Err(TokenError::Expired));
        assert_eq!(reg.validate("forged"), Err(TokenError::Unknown));
    }

    #[test]
    fn refresh_tokens_rotate() {
        let reg = TokenRegistry::new(Duration::from_secs(60), Arc::new(Clock::default()));
        let t = reg.issue(who(), true);
        let r = t.refresh_token.unwrap();
        assert!(reg.redeem_refresh(&r, "other-app").is_none());
        assert!(reg.redeem_refresh(&r, "a").is_some());
        assert!(reg.redeem_refresh(&r, "a").is_none());
    }
}
