//! Where Graph lives for a profile: the cloud's Graph host for the known MDE regions, or the
//! profile's own API URL when it names another host (the emulator serves both APIs, as a proxy
//! in front of both would).

use mde_api::ApiHosts;

/// Graph's global host.
pub const GRAPH_GLOBAL: &str = "https://graph.microsoft.com";
/// Graph for US Government (GCC High).
pub const GRAPH_US_GOV: &str = "https://graph.microsoft.us";
/// Graph for the US Department of Defense (set explicitly: its MDE host is GCC High's).
pub const GRAPH_DOD: &str = "https://dod-graph.microsoft.us";

/// The Graph base URL (without `/v1.0`) for the profile's hosts.
pub fn graph_base(hosts: &ApiHosts) -> String {
    let api = hosts.api.trim_end_matches('/');
    let known_commercial = api == "https://api.security.microsoft.com"
        || api == "https://api.securitycenter.microsoft.com"
        || api == "https://api-gcc.securitycenter.microsoft.us"
        || (api.starts_with("https://") && api.ends_with(".api.security.microsoft.com"));
    if known_commercial {
        GRAPH_GLOBAL.to_string()
    } else if api == "https://api-gov.securitycenter.microsoft.us" {
        // GCC High and DoD share the MDE host; DoD tenants set their Graph URL explicitly.
        GRAPH_US_GOV.to_string()
    } else {
        api.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_map_to_their_cloud_and_other_urls_are_kept() {
        for r in ["global", "eu", "uk", "us", "gcc"] {
            assert_eq!(
                graph_base(&ApiHosts::resolve(r).unwrap()),
                GRAPH_GLOBAL,
                "{r}"
            );
        }
        assert_eq!(
            graph_base(&ApiHosts::resolve("gcc-high").unwrap()),
            GRAPH_US_GOV
        );
        let emu = ApiHosts::resolve("http://127.0.0.1:8080").unwrap();
        assert_eq!(graph_base(&emu), "http://127.0.0.1:8080");
    }
}
