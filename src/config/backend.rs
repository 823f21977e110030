//! Which API a profile reads alerts from: the MDE API (endpoint alerts) or Microsoft Graph's
//! alerts_v2 (every Defender product's). Incidents and hunting always go through Graph.

/// The alerts backend, `api = "mde" | "graph"` in a profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiBackend {
    /// `GET /api/alerts` (the default).
    #[default]
    Mde,
    /// `GET /v1.0/security/alerts_v2` on Microsoft Graph.
    Graph,
}
