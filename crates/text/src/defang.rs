//! Indicators shown defanged (`hxxps[:]//evil[.]com`) so a stray click or paste cannot reach
//! them, with the raw value kept for the clipboard.

use super::charclass::{CharClass, classify};
use super::sanitize::sanitize_line;

/// What kind of indicator a value is (the UI knows from the evidence field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indicator {
    /// A URL.
    Url,
    /// An IPv4 or IPv6 address.
    Ip,
    /// A domain or host name.
    Domain,
}

/// Sanitised display of an indicator, defanged when `defanged` (the UI's toggle).
pub fn display_indicator(raw: &str, kind: Indicator, defanged: bool) -> String {
    let safe = sanitize_line(raw).text;
    if !defanged {
        return safe.into_owned();
    }
    match kind {
        Indicator::Url => defang_url(&safe),
        Indicator::Ip => defang_ip(&safe),
        Indicator::Domain => defang_domain(&safe),
    }
}

/// `https://evil.com:8443/a.php` → `hxxps[:]//evil[.]com[:]8443/a.php`. Schemes http, https
/// and ftp get their `t` replaced; dots and colons are bracketed in the host part only.
pub fn defang_url(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (Some(s), r),
        None => (None, url),
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(host_end);
    let mut out = String::with_capacity(url.len() + 16);
    if let Some(s) = scheme {
        let lower = s.to_ascii_lowercase();
        out.push_str(match lower.as_str() {
            "http" => "hxxp",
            "https" => "hxxps",
            "ftp" => "fxp",
            "ftps" => "fxps",
            _ => s,
        });
        out.push_str("[:]//");
    }
    // Bracket userinfo '@' too: `user@host` inside a URL is a classic lure.
    out.push_str(
        &authority
            .replace('.', "[.]")
            .replace(':', "[:]")
            .replace('@', "[@]"),
    );
    out.push_str(tail);
    out
}

/// `10.1.2.3` → `10[.]1[.]2[.]3`; `2001:db8::1` → `2001[:]db8[:][:]1`.
pub fn defang_ip(ip: &str) -> String {
    ip.replace('.', "[.]").replace(':', "[:]")
}

/// `evil.example.com` → `evil[.]example[.]com`.
pub fn defang_domain(domain: &str) -> String {
    domain.replace('.', "[.]")
}

/// The raw value as the yank copies it: control characters (C0, DEL, C1) removed, tabs and
/// line breaks turned into one space each (a pasted line break would run a half-typed command
/// in a shell), everything else (bidi controls included) kept so a hunting query matches the
/// real value.
pub fn for_clipboard(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match classify(c) {
            CharClass::Tab | CharClass::LineFeed => out.push(' '),
            CharClass::CarriageReturn if chars.peek() == Some(&'\n') => {}
            CharClass::CarriageReturn => out.push(' '),
            CharClass::Control(_) => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            defang_url("https://evil.com/a.php?x=1.2"),
            "hxxps[:]//evil[.]com/a.php?x=1.2"
        );
        assert_eq!(
            defang_url("HTTP://1.2.3.4:8080/"),
            "hxxp[:]//1[.]2[.]3[.]4[:]8080/"
        );
        assert_eq!(
            defang_url("http://user@evil.com"),
            "hxxp[:]//user[@]evil[.]com"
        );
        assert_eq!(defang_url("evil.com/path"), "evil[.]com/path");
    }

    #[test]
    fn ips_and_domains() {
        assert_eq!(defang_ip("10.1.2.3"), "10[.]1[.]2[.]3");
        assert_eq!(defang_ip("2001:db8::1"), "2001[:]db8[:][:]1");
        assert_eq!(defang_domain("a.b.example"), "a[.]b[.]example");
    }

    #[test]
    fn display_is_sanitised_and_toggleable() {
        let raw = "http://ev\u{202e}il.com\x1b[2J";
        assert_eq!(
            display_indicator(raw, Indicator::Url, true),
            "hxxp[:]//ev⟨RLO⟩il[.]com␛[2J"
        );
        assert_eq!(
            display_indicator(raw, Indicator::Url, false),
            "http://ev⟨RLO⟩il.com␛[2J"
        );
    }

    #[test]
    fn clipboard_keeps_raw_minus_controls() {
        assert_eq!(for_clipboard("https://evil.com"), "https://evil.com");
        assert_eq!(for_clipboard("a\x1b]52;c;x\x07b\u{9b}\r\n"), "a]52;c;xb ");
        assert_eq!(
            for_clipboard("one\ttwo\r\nthree\rfour"),
            "one two three four"
        );
        assert_eq!(for_clipboard("inv\u{202e}fdp.exe"), "inv\u{202e}fdp.exe");
    }
}
