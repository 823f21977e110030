//! The evidence a response can start from: the node under the evidence cursor when the tree has
//! the focus, else the entity the detection named. A file (or a process's image) gives stop and
//! quarantine its SHA-1 and an indicator its hashes; an IP or a URL (and its domain) an indicator.

use super::state::IndicatorSeed;
use crate::app::detail::evidence::tree::NodeKind;
use crate::app::state::State;
use crate::app::view::state::Pane;
use mde_model::device::{IndicatorType, is_sha1};
use mde_model::search::detected_evidence;
use mde_model::{EntityType, Evidence};

/// A file to stop and quarantine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSeed {
    /// Its name (raw).
    pub name: String,
    /// Its SHA-1, when the evidence has a well-formed one.
    pub sha1: Option<String>,
    /// Its SHA-256, when the evidence has one.
    pub sha256: Option<String>,
}

/// What the evidence at hand offers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seeds {
    /// A file.
    pub file: Option<FileSeed>,
    /// An indicator value.
    pub indicator: Option<IndicatorSeed>,
}

/// The evidence of the alert `alert_id` at hand, if its detail is loaded.
pub fn seeds(state: &State, alert_id: &str) -> Seeds {
    let Some(d) = state.loaded_detail().filter(|d| d.alert.id == alert_id) else {
        return Seeds::default();
    };
    let node = state
        .detail
        .as_ref()
        .filter(|_| state.focus == Pane::Evidence)
        .and_then(|s| s.tree.selected_node())
        .filter(|n| !matches!(n.kind, NodeKind::Group(_)))
        .and_then(|n| n.evidence)
        .and_then(|i| d.alert.evidence.get(i));
    let Some(e) = node.or_else(|| detected_evidence(&d.alert.evidence)) else {
        return Seeds::default();
    };
    Seeds {
        file: file_seed(e),
        indicator: indicator_seed(e, &d.alert.id, &d.alert.title),
    }
}

fn nonempty(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn file_seed(e: &Evidence) -> Option<FileSeed> {
    if !matches!(e.entity_type, EntityType::File | EntityType::Process) {
        return None;
    }
    let sha1 = nonempty(&e.sha1).filter(|h| is_sha1(h));
    let sha256 = nonempty(&e.sha256);
    let name = nonempty(&e.file_name).unwrap_or_else(|| "the file".to_string());
    (sha1.is_some() || sha256.is_some() || e.file_name.is_some()).then_some(FileSeed {
        name,
        sha1,
        sha256,
    })
}

fn indicator_seed(e: &Evidence, alert_id: &str, title: &str) -> Option<IndicatorSeed> {
    let mut values = Vec::new();
    let source = match e.entity_type {
        EntityType::File | EntityType::Process => {
            if let Some(h) = nonempty(&e.sha1).filter(|h| is_sha1(h)) {
                values.push((IndicatorType::FileSha1, h));
            }
            if let Some(h) = nonempty(&e.sha256)
                .filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
            {
                values.push((IndicatorType::FileSha256, h));
            }
            format!("file {}", nonempty(&e.file_name).unwrap_or_default())
        }
        EntityType::Ip => {
            if let Some(ip) = nonempty(&e.ip_address) {
                values.push((IndicatorType::IpAddress, ip.clone()));
            }
            "IP address".to_string()
        }
        EntityType::Url => {
            if let Some(url) = nonempty(&e.url) {
                let host = domain_of(&url);
                values.push((IndicatorType::Url, url));
                if let Some(h) = host {
                    values.push((IndicatorType::DomainName, h));
                }
            }
            "URL".to_string()
        }
        _ => return None,
    };
    (!values.is_empty()).then(|| IndicatorSeed {
        source: source.trim().to_string(),
        values,
        alert_id: Some(alert_id.to_string()),
        alert_title: Some(title.to_string()),
    })
}

/// The host of a URL (`http://evil.example.com:8080/x` → `evil.example.com`), lower-cased;
/// None when it has none or it is an IP address.
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = if host.starts_with('[') {
        return None;
    } else {
        host.split(':').next()?
    };
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    let valid = !host.is_empty()
        && host.contains('.')
        && host.parse::<std::net::IpAddr>().is_err()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    valid.then_some(host)
}

#[cfg(test)]
mod tests {
    use super::domain_of;

    #[test]
    fn domains_of_urls() {
        assert_eq!(
            domain_of("http://Evil.Example.com:8080/x?y").as_deref(),
            Some("evil.example.com")
        );
        assert_eq!(
            domain_of("evil.example.com/path").as_deref(),
            Some("evil.example.com")
        );
        assert_eq!(
            domain_of("https://user@host.example/").as_deref(),
            Some("host.example")
        );
        assert_eq!(domain_of("http://10.1.2.3/x"), None);
        assert_eq!(domain_of("http://[::1]/"), None);
        assert_eq!(domain_of("http://ex\u{1b}ample.com/"), None);
    }
}
