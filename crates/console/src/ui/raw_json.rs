//! The raw JSON of an alert, as received: pretty-printed for reading (the app calls
//! [`pretty`] when it opens the view) and tinted line by line (keys vs values).

use super::theme::Theme;
use ratatui::style::Style;

/// Pretty-prints JSON text; text that is not JSON comes back unchanged.
pub fn pretty(raw: &str) -> String {
    serde_json::from_str::<serde_json::Value>(raw)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|_| raw.to_string())
}

/// True when the text is a JSON object or array (cheap check on the first character).
pub fn looks_like_json(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('{' | '['))
}

/// The style of one pretty-printed line: keys highlighted, structure muted.
pub fn line_style(line: &str, theme: &Theme) -> Style {
    let t = line.trim_start();
    if t.starts_with('"') && t.contains("\":") {
        theme.text
    } else if matches!(t.chars().next(), Some('{' | '}' | '[' | ']')) {
        theme.muted
    } else {
        theme.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_prints_json_and_keeps_other_text() {
        assert_eq!(pretty("{\"a\":1}"), "{\n  \"a\": 1\n}");
        assert_eq!(pretty("not json"), "not json");
        assert!(looks_like_json("  {\"a\":1}"));
        assert!(!looks_like_json("powershell -enc"));
    }
}
