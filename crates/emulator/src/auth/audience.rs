//! Token audiences: the MDE API (WindowsDefenderATP) and Microsoft Graph. A token is issued for
//! one of them and only that API accepts it, as Entra and the services do; a refresh token may
//! be redeemed for either (Entra's refresh tokens serve every resource the app is consented to).

/// The API a token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// `https://api.securitycenter.microsoft.com` (and its aliases).
    Mde,
    /// `https://graph.microsoft.com`.
    Graph,
}

/// Microsoft Graph's App ID URI and application id.
pub const GRAPH_RESOURCES: &[&str] = &[
    "https://graph.microsoft.com",
    "00000003-0000-0000-c000-000000000000",
];

/// Graph application roles of the read-write app.
pub const GRAPH_WRITE_ROLES: &[&str] = &[
    "SecurityAlert.Read.All",
    "SecurityAlert.ReadWrite.All",
    "SecurityIncident.Read.All",
    "SecurityIncident.ReadWrite.All",
    "ThreatHunting.Read.All",
];
/// Graph application roles of the read-only app.
pub const GRAPH_READ_ROLES: &[&str] = &[
    "SecurityAlert.Read.All",
    "SecurityIncident.Read.All",
    "ThreatHunting.Read.All",
];

/// True for Graph's App ID URI or id (any case, trailing slash ignored).
pub fn is_graph_resource(r: &str) -> bool {
    let r = r.trim_end_matches('/');
    GRAPH_RESOURCES.iter().any(|g| g.eq_ignore_ascii_case(r))
}

/// The audience a scope string (`{resource}/.default offline_access`, `{resource}/Scope.Name`)
/// names: Graph when any of its scopes is Graph's, else MDE.
pub fn audience_of_scope(scope: &str) -> Audience {
    let graph = scope.split_whitespace().any(|s| {
        s.rsplit_once('/')
            .is_some_and(|(res, _)| is_graph_resource(res))
    });
    if graph {
        Audience::Graph
    } else {
        Audience::Mde
    }
}

impl Audience {
    /// The `aud` claim of its tokens.
    pub fn claim(self) -> &'static str {
        match self {
            Audience::Mde => "https://api.securitycenter.microsoft.com",
            Audience::Graph => "https://graph.microsoft.com",
        }
    }

    /// The resource prefix of granted delegated scopes.
    pub fn scope_prefix(self) -> &'static str {
        self.claim()
    }

    /// Graph's roles for an app (None: the MDE ones decide).
    pub fn graph_roles(self, can_write: bool) -> Option<&'static [&'static str]> {
        match self {
            Audience::Mde => None,
            Audience::Graph if can_write => Some(GRAPH_WRITE_ROLES),
            Audience::Graph => Some(GRAPH_READ_ROLES),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_name_their_audience() {
        assert_eq!(
            audience_of_scope("https://graph.microsoft.com/.default"),
            Audience::Graph
        );
        assert_eq!(
            audience_of_scope("https://GRAPH.microsoft.com//.default offline_access"),
            Audience::Graph
        );
        assert_eq!(
            audience_of_scope("https://api.securitycenter.microsoft.com/.default offline_access"),
            Audience::Mde
        );
        assert!(is_graph_resource("00000003-0000-0000-c000-000000000000"));
        assert!(!is_graph_resource("https://graph.microsoft.com.evil"));
    }
}
