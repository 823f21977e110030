//! The device panel's fields: wrapped under themselves, bounded, badged.

use super::*;

fn ctx(theme: &Theme, cols: usize) -> Ctx<'_> {
    Ctx {
        now: None,
        offset: None,
        cols,
        focused: false,
        theme,
        keys: String::new(),
        retry_key: String::new(),
    }
}

#[test]
fn a_long_value_goes_on_under_itself_and_says_where_it_stops() {
    let theme = Theme::full();
    let c = ctx(&theme, 30);
    let rows: Vec<String> = c
        .field("Tags", Some(&"tag ".repeat(100)), Style::new())
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(rows.len(), VALUE_ROWS, "{rows:?}");
    assert!(rows[0].starts_with("Tags         tag tag"), "{rows:?}");
    assert!(rows[1].starts_with("             tag tag"), "{rows:?}");
    assert!(rows[2].ends_with('…'), "{rows:?}");
    assert!(rows.iter().all(|r| width(r) <= 30), "{rows:?}");
    // A value that fits is one row, uncut; none is a dash.
    let short = c.field("Risk", Some("High"), Style::new());
    assert_eq!(short.len(), 1);
    assert_eq!(short[0].to_string(), "Risk         High");
    assert_eq!(
        c.field("Risk", None, Style::new())[0].to_string(),
        "Risk         -"
    );
}

#[test]
fn a_hostile_value_is_badged_on_its_first_row_only() {
    let theme = Theme::full();
    let c = ctx(&theme, 30);
    let value = format!("evil\u{202e}gpj.exe {}", "word ".repeat(10));
    let rows = c.field("Tags", Some(&value), Style::new());
    assert!(rows.len() > 1);
    assert_eq!(rows[0].spans[1].content, BADGE);
    assert_eq!(rows[0].spans[1].style, theme.warning);
    assert!(rows[1..].iter().all(|r| r.spans.len() == 2), "{rows:?}");
    assert!(!rows.iter().any(|r| r.to_string().contains('\u{202e}')));
}
