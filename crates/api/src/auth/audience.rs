//! Which API a token is for. The MDE API and Microsoft Graph are separate audiences: a client
//! that talks to both holds one token per audience, obtained with the same sign-in method and
//! secret (`TokenProvider::for_audience`).

use crate::hosts::{API_RESOURCE, API_SCOPE};

/// Microsoft Graph's token scope (v2 endpoint).
pub const GRAPH_SCOPE: &str = "https://graph.microsoft.com/.default";
/// Microsoft Graph's resource id (Azure CLI, v1 endpoint).
pub const GRAPH_RESOURCE: &str = "https://graph.microsoft.com";

/// A token audience: the scope the v2 endpoint asks for and the resource the Azure CLI asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience {
    /// `{resource}/.default`.
    pub scope: String,
    /// The resource (App ID URI).
    pub resource: String,
}

impl Audience {
    /// The MDE API (WindowsDefenderATP).
    pub fn mde() -> Self {
        Audience {
            scope: API_SCOPE.to_string(),
            resource: API_RESOURCE.to_string(),
        }
    }

    /// Microsoft Graph (incidents, alerts_v2, hunting).
    pub fn graph() -> Self {
        Audience {
            scope: GRAPH_SCOPE.to_string(),
            resource: GRAPH_RESOURCE.to_string(),
        }
    }
}
