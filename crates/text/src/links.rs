//! Links the console offers, built only by the console from validated values: Defender portal
//! pages and VirusTotal lookups (a link to a page, never an upload). An attacker's URL from an
//! alert is never turned into a link.

use std::fmt;
use std::net::IpAddr;

const PORTAL: &str = "https://security.microsoft.com";
const VT: &str = "https://www.virustotal.com/gui";

/// A URL the console built itself from a validated value; nothing else can construct one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeLink(String);

impl SafeLink {
    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An OSC 8 hyperlink around `label` (already sanitised by the caller's renderer path,
    /// sanitised again here so a raw label cannot break out).
    pub fn osc8(&self, label: &str) -> String {
        let label = super::sanitize_line(label);
        format!("\x1b]8;;{}\x1b\\{}\x1b]8;;\x1b\\", self.0, label.text)
    }
}

impl fmt::Display for SafeLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_hex_of(s: &str, lens: &[usize]) -> bool {
    lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Alert ids are letters, digits, `_` and `-` (`da637308392288907382_-880718168`).
fn is_alert_id(s: &str) -> bool {
    (1..=128).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Portal page of an alert.
pub fn alert_portal(alert_id: &str) -> Option<SafeLink> {
    is_alert_id(alert_id).then(|| SafeLink(format!("{PORTAL}/alerts/{alert_id}")))
}

/// Portal page of a device (machine ids are 40 hex digits).
pub fn device_portal(machine_id: &str) -> Option<SafeLink> {
    is_hex_of(machine_id, &[40]).then(|| {
        SafeLink(format!(
            "{PORTAL}/machines/{}",
            machine_id.to_ascii_lowercase()
        ))
    })
}

/// Portal page of a file, by SHA-1 or SHA-256.
pub fn file_portal(hash: &str) -> Option<SafeLink> {
    is_hex_of(hash, &[40, 64])
        .then(|| SafeLink(format!("{PORTAL}/file/{}", hash.to_ascii_lowercase())))
}

/// VirusTotal page of a file, by MD5, SHA-1 or SHA-256.
pub fn vt_file(hash: &str) -> Option<SafeLink> {
    is_hex_of(hash, &[32, 40, 64])
        .then(|| SafeLink(format!("{VT}/file/{}", hash.to_ascii_lowercase())))
}

/// VirusTotal page of a public IP address (private, loopback and link-local addresses have no
/// reputation worth a lookup and are not leaked to a third party).
pub fn vt_ip(ip: &str) -> Option<SafeLink> {
    let addr: IpAddr = ip.trim().parse().ok()?;
    is_public(&addr).then(|| SafeLink(format!("{VT}/ip-address/{addr}")))
}

fn is_public(addr: &IpAddr) -> bool {
    match addr {
        IpAddr::V4(v4) => {
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.octets()[0] == 100 && (64..128).contains(&v4.octets()[1]))
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8)
        }
    }
}

/// True for an ASCII host name: labels of letters, digits and inner hyphens, 1–63 long, at
/// least two labels, 253 characters at most, an alphabetic (or punycode) top-level label.
pub fn is_valid_domain(d: &str) -> bool {
    let d = d.strip_suffix('.').unwrap_or(d);
    if d.is_empty() || d.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = d.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let tld = labels.last().copied().unwrap_or("");
    labels.len() >= 2
        && labels.iter().all(label_ok)
        && (tld.bytes().all(|b| b.is_ascii_alphabetic())
            || tld.to_ascii_lowercase().starts_with("xn--"))
}

/// VirusTotal page of a domain.
pub fn vt_domain(domain: &str) -> Option<SafeLink> {
    is_valid_domain(domain).then(|| {
        let d = domain
            .strip_suffix('.')
            .unwrap_or(domain)
            .to_ascii_lowercase();
        SafeLink(format!("{VT}/domain/{d}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA256: &str = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
    const SHA1: &str = "3395856ce81f2b7382dee72602f798b642f14140";

    #[test]
    fn portal_links() {
        assert_eq!(
            alert_portal("da637308392288907382_-880718168")
                .map(|l| l.to_string())
                .as_deref(),
            Some("https://security.microsoft.com/alerts/da637308392288907382_-880718168")
        );
        assert_eq!(
            device_portal("1E5BC9D7E413DDD7902C2932E418702B84D0CC07")
                .map(|l| l.to_string())
                .as_deref(),
            Some(
                "https://security.microsoft.com/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07"
            )
        );
        assert!(file_portal(SHA1).is_some() && file_portal(SHA256).is_some());
        assert!(file_portal("d41d8cd98f00b204e9800998ecf8427e").is_none());
    }

    #[test]
    fn hostile_values_give_no_link() {
        assert!(alert_portal("x/../../evil").is_none());
        assert!(alert_portal("id?redirect=https://evil").is_none());
        assert!(alert_portal("").is_none());
        assert!(device_portal("zz5bc9d7e413ddd7902c2932e418702b84d0cc07").is_none());
        assert!(vt_file(&format!("{SHA1}\x1b]52")).is_none());
        assert!(vt_domain("evil.com/../../upload").is_none());
        assert!(vt_domain("ev\u{202e}il.com").is_none());
        assert!(vt_domain("xn--80ak6aa92e.com").is_some());
        assert!(vt_domain("localhost").is_none());
    }

    #[test]
    fn vt_links() {
        assert_eq!(
            vt_file(SHA256).map(|l| l.to_string()).as_deref(),
            Some(format!("https://www.virustotal.com/gui/file/{SHA256}").as_str())
        );
        assert_eq!(
            vt_ip("8.8.8.8").map(|l| l.to_string()).as_deref(),
            Some("https://www.virustotal.com/gui/ip-address/8.8.8.8")
        );
        assert_eq!(
            vt_domain("Evil.Example.COM.")
                .map(|l| l.to_string())
                .as_deref(),
            Some("https://www.virustotal.com/gui/domain/evil.example.com")
        );
        assert!(
            vt_ip("10.0.0.1").is_none()
                && vt_ip("127.0.0.1").is_none()
                && vt_ip("fe80::1").is_none()
        );
        assert!(vt_ip("2606:4700::1111").is_some());
        assert!(vt_ip("8.8.8.8; rm").is_none());
    }

    #[test]
    fn osc8_label_cannot_break_out() {
        let l = vt_ip("8.8.8.8").expect("link");
        let s = l.osc8("x\x1b]8;;http://evil\x07");
        assert_eq!(s.matches('\x1b').count(), 4);
        assert!(s.contains("x␛]8;;http://evil␇"));
    }
}
