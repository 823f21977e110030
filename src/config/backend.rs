//! Which API a profile reads alerts from: the MDE API (endpoint alerts) or Microsoft Graph's
//! alerts_v2 (every Defender product's). Incidents and hunting always go through Graph.

/// The alerts backend, `api = "mde" | "graph"` in a profile.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ApiBackend {
    /// `GET /api/alerts` (the default).
    #[default]
    Mde,
    /// `GET /v1.0/security/alerts_v2` on Microsoft Graph.
    Graph,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn a_profile_picks_its_alerts_backend_and_graph_url() {
        let c = Config::parse(
            "[profiles.xdr]\napi = \"graph\"\ngraph_url = \"https://dod-graph.microsoft.us\"\n[profiles.plain]\n",
            Path::new("c.toml"),
        )
        .unwrap();
        let (_, p) = c.profile(Some("xdr"), Path::new("c.toml")).unwrap();
        assert_eq!(p.api, ApiBackend::Graph);
        assert_eq!(
            p.graph_url.as_deref(),
            Some("https://dod-graph.microsoft.us")
        );
        let (_, p) = c.profile(Some("plain"), Path::new("c.toml")).unwrap();
        assert_eq!(p.api, ApiBackend::Mde);
        let e = Config::parse("[profiles.p]\napi = \"xdr\"\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 2") && e.contains("graph") && e.contains("mde"),
            "{e}"
        );
    }
}
