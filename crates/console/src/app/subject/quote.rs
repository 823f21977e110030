//! How a title is quoted wherever a subject is named (dialogs, the hint bar, the palette,
//! toasts): one function, so a title that has quotes of its own reads right everywhere.

/// `title` trimmed, cut to `max` characters (with `…`) and quoted: `'Title'`, or `“Title”`
/// when the title has a `'` of its own (`“'Qakbot' malware was detected”`, never
/// `''Qakbot' malware was detected'`).
pub fn quote(title: &str, max: usize) -> String {
    let t = title.trim();
    let body = if t.chars().count() <= max {
        t.to_string()
    } else {
        let cut: String = t.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    };
    if t.contains('\'') {
        format!("“{body}”")
    } else {
        format!("'{body}'")
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn a_title_reads_right_whatever_quotes_it_has() {
        assert_eq!(
            quote(" Mimikatz credential theft ", 48),
            "'Mimikatz credential theft'"
        );
        assert_eq!(
            quote("'Qakbot' malware was detected", 48),
            "“'Qakbot' malware was detected”"
        );
        assert_eq!(quote("Run 'x'", 48), "“Run 'x'”");
        assert_eq!(quote("Say \"hi\"", 48), "'Say \"hi\"'");
        // A quote that the cut removes still picks the quotes: the title has one.
        assert_eq!(quote("abcdef 'g'", 5), "“abcd…”");
        assert_eq!(quote("abcdefgh", 5), "'abcd…'");
    }
}
