//! The Graph side of a run: Graph's base URL for the profile and a Graph client signed in by the
//! same method, secret and session as the MDE client (one device-code approval serves both).

use super::context::Context;
use crate::tui::rotation::clients::Clients;
use anyhow::Context as _;
use mde_api::auth::{Audience, PromptCallback};
use mde_api::{ApiHosts, ClientConfig, MdeClient, TokenProvider};
use mde_graph::{GraphClient, graph_base};
use std::sync::Arc;

/// The environment variable naming Graph's base URL (a sovereign cloud, a proxy).
pub const GRAPH_URL_ENV: &str = "MDE_GRAPH_URL";

impl Context {
    /// Graph's base URL: MDE_GRAPH_URL, else the profile's `graph_url`, else the cloud's Graph
    /// for the API host (the API's own URL when that is not a Microsoft host, e.g. the emulator).
    pub fn graph_base(&self) -> anyhow::Result<String> {
        let explicit = std::env::var(GRAPH_URL_ENV)
            .ok()
            .filter(|v| !v.trim().is_empty())
            .or_else(|| self.profile.graph_url.clone());
        match explicit {
            // The same checks as the API URL: https, or http to loopback only.
            Some(url) => Ok(ApiHosts::resolve(&url)
                .with_context(|| format!("the Graph URL {url:?}"))?
                .api),
            None => Ok(graph_base(&self.hosts)),
        }
    }

    /// A Graph client using the same sign-in as `tokens`.
    pub fn graph_client_for(&self, tokens: &Arc<dyn TokenProvider>) -> anyhow::Result<GraphClient> {
        let graph = tokens
            .for_audience(&Audience::graph())
            .context("this sign-in cannot give a token for Microsoft Graph")?;
        Ok(GraphClient::new(
            ClientConfig::new(&self.graph_base()?),
            graph,
        )?)
    }

    /// A Graph client for commands without a console.
    pub fn graph_client(&self, prompt: PromptCallback) -> anyhow::Result<GraphClient> {
        let tokens = self.tokens(prompt)?;
        self.graph_client_for(&tokens)
    }

    /// The profile's clients for the console: the MDE API, and Graph when the sign-in reaches
    /// it (required with `api = "graph"`, where the alert list reads Graph).
    pub fn clients(&self, prompt: PromptCallback) -> anyhow::Result<Clients> {
        let tokens = self.tokens(prompt)?;
        let mde = MdeClient::new(ClientConfig::new(&self.hosts.api), tokens.clone())?;
        let alerts_from_graph = self.profile.api == crate::config::ApiBackend::Graph;
        let graph = match self.graph_client_for(&tokens) {
            Ok(g) => Some(g),
            Err(e) if alerts_from_graph => return Err(e),
            Err(e) => {
                tracing::info!(error = %e, "no Graph client: incidents and hunting are off");
                None
            }
        };
        Ok(Clients {
            mde,
            graph,
            alerts_from_graph,
        })
    }
}
