//! How wide the list's text columns need to be, measured from the rows as they arrive (not per
//! frame): the longest title, device, user, owner and category, whole and in their short form
//! (host name without its domain, user without `DOMAIN\`, owner without `@domain`).

use mde_model::AlertRow;
use unicode_width::UnicodeWidthStr;

/// Widest a measurement goes; a longer value is cut when drawn anyway.
const CAP: u16 = 120;

/// The widest value seen per column, whole and short.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContentWidths {
    /// Title.
    pub title: u16,
    /// Device name, whole.
    pub device: u16,
    /// Device name without its domain.
    pub device_short: u16,
    /// Related user, whole.
    pub user: u16,
    /// Related user without the domain.
    pub user_short: u16,
    /// Owner, whole.
    pub assigned: u16,
    /// Owner without `@domain`.
    pub assigned_short: u16,
    /// Category.
    pub category: u16,
    /// Incident id digits.
    pub incident: u16,
    /// Tenant (profile) name, in a list of several tenants (issue 12); 0: no row has one.
    pub tenant: u16,
    // Issue 11 (Graph backend): 0 while no row names its product, so the column stays away.
    /// Short product name (`MDE`, `MDO`, …).
    pub source: u16,
}

impl ContentWidths {
    /// Takes a row into account.
    pub fn observe(&mut self, r: &AlertRow) {
        let w = |s: &str| u16::try_from(width(s)).unwrap_or(CAP).min(CAP);
        let grow = |slot: &mut u16, v: u16| *slot = (*slot).max(v);
        grow(&mut self.title, w(&r.title));
        if let Some(d) = &r.device {
            grow(&mut self.device, w(d));
            grow(&mut self.device_short, w(short_host(d)));
        }
        if let Some(u) = &r.user {
            grow(&mut self.user, w(u));
            grow(&mut self.user_short, w(short_user(u)));
        }
        if let Some(a) = &r.assigned_to {
            grow(&mut self.assigned, w(a));
            grow(&mut self.assigned_short, w(short_owner(a)));
        }
        if let Some(c) = &r.category {
            grow(&mut self.category, w(c));
        }
        if let Some(i) = r.incident_id {
            grow(&mut self.incident, digits(i));
        }
        if let Some(t) = &r.tenant {
            grow(&mut self.tenant, w(t));
        }
        if let Some(p) = &r.source {
            grow(&mut self.source, w(p.short()));
        }
    }
}

/// The display width of a value. Printable ASCII (nearly every value) is one column a byte,
/// which skips the per-character table lookups that were most of this file's cost in a 100k sync.
fn width(s: &str) -> usize {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        s.len()
    } else {
        s.width()
    }
}

/// Decimal digits of an incident id (its minus sign counted), without formatting it.
fn digits(n: i64) -> u16 {
    let sign = u16::from(n < 0);
    let mut n = n.unsigned_abs();
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d + sign
}

/// `ws-fin-014.corp.contoso.com` → `ws-fin-014`; an IP address stays whole.
pub fn short_host(name: &str) -> &str {
    if name.parse::<std::net::IpAddr>().is_ok() {
        return name;
    }
    name.split('.')
        .next()
        .filter(|h| !h.is_empty())
        .unwrap_or(name)
}

/// `CONTOSO\jdoe` → `jdoe`.
pub fn short_user(name: &str) -> &str {
    name.rsplit('\\').next().unwrap_or(name)
}

/// `alice.analyst@contoso.com` → `alice.analyst`.
pub fn short_owner(name: &str) -> &str {
    name.split('@')
        .next()
        .filter(|h| !h.is_empty())
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_the_unicode_widths() {
        let all_ascii: String = (0u8..128).map(char::from).collect();
        for v in [
            "ws-fin-014",
            "",
            "tab\there",
            "東京-pc",
            "é\u{301}",
            &all_ascii,
        ] {
            assert_eq!(width(v), v.width(), "{v:?}");
        }
        for n in [0, 7, 10, 99, 100, 12_345, -1, -10, i64::MAX, i64::MIN] {
            assert_eq!(usize::from(digits(n)), n.to_string().len(), "{n}");
        }
    }

    #[test]
    fn short_forms() {
        assert_eq!(short_host("ws-fin-014.corp.contoso.com"), "ws-fin-014");
        assert_eq!(short_host("10.1.2.3"), "10.1.2.3");
        assert_eq!(short_host(".x"), ".x");
        assert_eq!(short_user("CONTOSO\\jdoe"), "jdoe");
        assert_eq!(short_owner("alice@contoso.com"), "alice");
    }
}
