//! Where the API and the sign-in service live: the global defaults, the regional and government
//! hosts by name, or an explicit URL (the emulator, a proxy).

use reqwest::Url;

/// The global API host.
pub const DEFAULT_API: &str = "https://api.security.microsoft.com";
/// The global sign-in host.
pub const DEFAULT_LOGIN: &str = "https://login.microsoftonline.com";
/// The token scope of the API (v2 endpoint), the same for every commercial region.
pub const API_SCOPE: &str = "https://api.securitycenter.microsoft.com/.default";
/// The resource id the Azure CLI asks a token for.
pub const API_RESOURCE: &str = "https://api.securitycenter.microsoft.com";

/// Region names and their (API, sign-in) hosts, from the fact sheet.
const REGIONS: &[(&str, &str, &str)] = &[
    ("global", DEFAULT_API, DEFAULT_LOGIN),
    ("us", "https://us.api.security.microsoft.com", DEFAULT_LOGIN),
    ("eu", "https://eu.api.security.microsoft.com", DEFAULT_LOGIN),
    ("uk", "https://uk.api.security.microsoft.com", DEFAULT_LOGIN),
    ("au", "https://au.api.security.microsoft.com", DEFAULT_LOGIN),
    (
        "swa",
        "https://swa.api.security.microsoft.com",
        DEFAULT_LOGIN,
    ),
    (
        "ina",
        "https://ina.api.security.microsoft.com",
        DEFAULT_LOGIN,
    ),
    (
        "gcc",
        "https://api-gcc.securitycenter.microsoft.us",
        DEFAULT_LOGIN,
    ),
    (
        "gcc-high",
        "https://api-gov.securitycenter.microsoft.us",
        "https://login.microsoftonline.us",
    ),
    (
        "dod",
        "https://api-gov.securitycenter.microsoft.us",
        "https://login.microsoftonline.us",
    ),
];

/// A host setting that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HostsError {
    /// Neither a known region nor a URL.
    #[error("unknown region {0:?} (known: {known})", known = region_names().join(", "))]
    UnknownRegion(String),
    /// Not a usable http(s) URL.
    #[error("invalid URL {0:?}: {1}")]
    InvalidUrl(String, String),
    /// Plain http to a non-loopback host would send tokens and secrets in clear text.
    #[error("refusing plain http to non-loopback host in {0:?}; use https")]
    InsecureUrl(String),
}

/// The names `ApiHosts::resolve` accepts.
pub fn region_names() -> Vec<&'static str> {
    REGIONS.iter().map(|r| r.0).collect()
}

/// The API and sign-in base URLs, without trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiHosts {
    /// API base, e.g. `https://api.security.microsoft.com`; paths `/api/...` are appended.
    pub api: String,
    /// Sign-in base, e.g. `https://login.microsoftonline.com`; `/{tenant}/oauth2/v2.0/...` appended.
    pub login: String,
}

impl Default for ApiHosts {
    fn default() -> Self {
        ApiHosts {
            api: DEFAULT_API.to_string(),
            login: DEFAULT_LOGIN.to_string(),
        }
    }
}

impl ApiHosts {
    /// Resolves a region name (`eu`, `gcc-high`, …; case-insensitive) or an API URL. A URL keeps
    /// the default sign-in host; use `with_login` to change it.
    pub fn resolve(name_or_url: &str) -> Result<Self, HostsError> {
        let s = name_or_url.trim();
        if s.contains("://") {
            return Ok(ApiHosts {
                api: check_url(s)?,
                login: DEFAULT_LOGIN.to_string(),
            });
        }
        let name = if s.is_empty() { "global" } else { s };
        REGIONS
            .iter()
            .find(|r| r.0.eq_ignore_ascii_case(name))
            .map(|r| ApiHosts {
                api: r.1.to_string(),
                login: r.2.to_string(),
            })
            .ok_or_else(|| HostsError::UnknownRegion(s.chars().take(40).collect()))
    }

    /// Replaces the sign-in host with an explicit URL.
    pub fn with_login(mut self, url: &str) -> Result<Self, HostsError> {
        self.login = check_url(url.trim())?;
        Ok(self)
    }

    /// Applies the overrides in precedence order: explicit flag, then environment, then region.
    /// `env` is how variables are read (`|k| std::env::var(k).ok()` in the program).
    pub fn from_settings(
        region: Option<&str>,
        api_url: Option<&str>,
        login_url: Option<&str>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, HostsError> {
        let mut hosts = ApiHosts::resolve(region.unwrap_or(""))?;
        if let Some(api) = api_url.map(str::to_string).or_else(|| env("MDE_API_URL")) {
            hosts.api = check_url(api.trim())?;
        }
        if let Some(login) = login_url
            .map(str::to_string)
            .or_else(|| env("MDE_LOGIN_URL"))
        {
            hosts = hosts.with_login(&login)?;
        }
        Ok(hosts)
    }
}

/// Validates a base URL and returns it without trailing slash.
fn check_url(s: &str) -> Result<String, HostsError> {
    let url = Url::parse(s).map_err(|e| HostsError::InvalidUrl(s.to_string(), e.to_string()))?;
    let Some(host) = url.host_str() else {
        return Err(HostsError::InvalidUrl(s.to_string(), "no host".into()));
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = host.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return Err(HostsError::InsecureUrl(s.to_string())),
        other => {
            return Err(HostsError::InvalidUrl(
                s.to_string(),
                format!("scheme {other} is not http(s)"),
            ));
        }
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(HostsError::InvalidUrl(
            s.to_string(),
            "query, fragment or user info not allowed".into(),
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_resolve_to_the_documented_hosts() {
        assert_eq!(ApiHosts::resolve("").unwrap(), ApiHosts::default());
        let eu = ApiHosts::resolve("EU").unwrap();
        assert_eq!(eu.api, "https://eu.api.security.microsoft.com");
        assert_eq!(eu.login, DEFAULT_LOGIN);
        let gcc = ApiHosts::resolve("gcc").unwrap();
        assert_eq!(gcc.api, "https://api-gcc.securitycenter.microsoft.us");
        assert_eq!(gcc.login, DEFAULT_LOGIN);
        for gov in ["gcc-high", "dod"] {
            let h = ApiHosts::resolve(gov).unwrap();
            assert_eq!(h.api, "https://api-gov.securitycenter.microsoft.us");
            assert_eq!(h.login, "https://login.microsoftonline.us");
        }
        assert!(matches!(
            ApiHosts::resolve("mars"),
            Err(HostsError::UnknownRegion(_))
        ));
    }

    #[test]
    fn urls_are_checked() {
        let h = ApiHosts::resolve("http://127.0.0.1:8080/").unwrap();
        assert_eq!(h.api, "http://127.0.0.1:8080");
        assert!(ApiHosts::resolve("http://localhost:9").is_ok());
        assert!(matches!(
            ApiHosts::resolve("http://evil.example"),
            Err(HostsError::InsecureUrl(_))
        ));
        assert!(matches!(
            ApiHosts::resolve("ftp://x.example"),
            Err(HostsError::InvalidUrl(..))
        ));
        assert!(matches!(
            ApiHosts::resolve("https://u:p@x.example"),
            Err(HostsError::InvalidUrl(..))
        ));
        assert_eq!(
            ApiHosts::resolve("https://proxy.example/mde/").unwrap().api,
            "https://proxy.example/mde"
        );
    }

    #[test]
    fn flags_beat_environment_beats_region() {
        let env = |k: &str| match k {
            "MDE_API_URL" => Some("http://127.0.0.1:1".to_string()),
            "MDE_LOGIN_URL" => Some("http://127.0.0.1:2".to_string()),
            _ => None,
        };
        let h = ApiHosts::from_settings(Some("eu"), None, None, env).unwrap();
        assert_eq!(
            (h.api.as_str(), h.login.as_str()),
            ("http://127.0.0.1:1", "http://127.0.0.1:2")
        );
        let h = ApiHosts::from_settings(Some("eu"), Some("http://127.0.0.1:3"), None, env).unwrap();
        assert_eq!(h.api, "http://127.0.0.1:3");
        let h = ApiHosts::from_settings(Some("uk"), None, None, |_| None).unwrap();
        assert_eq!(h.api, "https://uk.api.security.microsoft.com");
    }
}
