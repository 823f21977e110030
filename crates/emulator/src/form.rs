//! `application/x-www-form-urlencoded` decoding, shared by sign-in bodies and query strings.

use std::collections::HashMap;

/// Parses a form body (`+` is a space, `%XX` decoded); a repeated key keeps its last value.
pub fn parse_form(body: &str) -> HashMap<String, String> {
    parse_form_pairs(body).into_iter().collect()
}

/// The same, keeping order and duplicates (query strings).
pub fn parse_form_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(k), form_decode(v))
        })
        .collect()
}

/// Decodes one form component.
pub fn form_decode(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_decode_plus_and_percent() {
        let f = parse_form("a=1+2&scope=https%3A%2F%2Fx%2F.default&empty=&flag&%24top=3");
        assert_eq!(f["a"], "1 2");
        assert_eq!(f["scope"], "https://x/.default");
        assert_eq!(f["empty"], "");
        assert_eq!(f["flag"], "");
        assert_eq!(f["$top"], "3");
    }
}
