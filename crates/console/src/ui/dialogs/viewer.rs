//! The full-screen view of one long value (a 100,000-character command line, a registry value,
//! the raw JSON): sanitised once, hard-wrapped to the width, only the visible rows built, with
//! search matches highlighted and the match count shown.

use crate::app::dialogs::viewer::state::Viewer;
use crate::ui::block;
use crate::ui::raw_json;
use crate::ui::safe_text::{fit_line, group_thousands};
use crate::ui::theme::Theme;
use crate::ui::wrap;
use mde_text::sanitize_multiline;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The key hint of the viewer.
pub const HINT: &str = "↑↓ PgUp PgDn scroll · / search · y copy · Esc close";

/// Draws `viewer` over `area`. `search` highlights matches; when `current` is set, the view
/// scrolls to that match instead of `viewer.scroll`.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    viewer: &Viewer,
    search: Option<&str>,
    current: Option<i64>,
    theme: &Theme,
) {
    frame.render_widget(Clear, area);
    let safe = sanitize_multiline(&viewer.text);
    let flagged = safe.flags.any();
    let (shown, layers) = with_decoded_layers(safe.text, &viewer.text);
    let total_chars = viewer.text.chars().count();
    let b = block::pane(
        &fit_line(&viewer.title, usize::from(area.width) / 2).text,
        "",
        true,
        theme,
    );
    let inner = b.inner(area);
    if inner.height < 2 {
        frame.render_widget(b, area);
        return;
    }
    let note_rows = u16::from(viewer.note.is_some() && inner.height > 4) * 2;
    let text_area = Rect::new(inner.x, inner.y, inner.width, inner.height - 1 - note_rows);
    let rows = wrap::rows(&shown, usize::from(text_area.width));
    let matches = search.map_or_else(Vec::new, |q| wrap::find_all(&shown, q));
    // `n`/`N` step without knowing the count; wrap here, where the matches are counted.
    let current = current
        .filter(|_| !matches.is_empty())
        .map(|c| c.rem_euclid(matches.len() as i64) as usize);
    let height = usize::from(text_area.height);
    let max_top = rows.len().saturating_sub(height);
    let top = match current.and_then(|i| matches.get(i)) {
        Some(&(start, _)) => wrap::row_of(&rows, start).saturating_sub(height / 3),
        None => viewer.scroll,
    }
    .min(max_top);
    let json = raw_json::looks_like_json(&viewer.text);
    let lines: Vec<Line> = rows
        .iter()
        .skip(top)
        .take(height)
        .map(|r| {
            let base = if json {
                raw_json::line_style(r.text, theme)
            } else {
                theme.text
            };
            highlight(r, &matches, base, theme.search_match)
        })
        .collect();
    let info = format!(
        "{} chars · row {}/{}",
        group_thousands(total_chars),
        (top + 1).min(rows.len()),
        rows.len()
    );
    let b = b.title(Line::styled(format!(" {info} "), theme.muted).right_aligned());
    frame.render_widget(b, area);
    frame.render_widget(Paragraph::new(lines), text_area);
    // The search's count first, then the keys; the notes after them when there is room.
    let mut foot = Vec::new();
    if let Some(q) = search {
        foot.push(Span::styled(
            format!("/{} ", fit_line(q, 30).text),
            theme.key,
        ));
        foot.push(Span::raw(match (current, matches.len()) {
            (_, 0) => "no match  ".to_string(),
            (Some(i), n) => format!("match {}/{n}  ", i + 1),
            (None, n) => format!("{n} matches  "),
        }));
    }
    foot.push(Span::styled(format!("{HINT}  "), theme.muted));
    if flagged {
        foot.push(Span::styled(
            "⚠ hidden or control characters are shown as symbols  ",
            theme.warning,
        ));
    }
    if layers > 0 {
        foot.push(Span::styled(
            format!("⤓ {layers} decoded layer(s) at the end (G)  "),
            theme.key,
        ));
    }
    let foot_row = Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1);
    frame.render_widget(Paragraph::new(Line::from(foot)), foot_row);
    if let Some(note) = viewer.note.as_deref().filter(|_| note_rows > 0) {
        let r = Rect::new(inner.x, foot_row.y - note_rows, inner.width, note_rows);
        frame.render_widget(
            Paragraph::new(Line::styled(note.to_string(), theme.warning))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            r,
        );
    }
    crate::ui::scroll::bar(frame, area, top, height, rows.len(), theme);
}

/// The largest useful `Viewer::scroll` for `text` on a terminal of `size` (width, height):
/// the app cannot know how the text wraps, so it clamps its scroll with this.
pub fn max_scroll(text: &str, size: (u16, u16)) -> usize {
    // Body = terminal minus status and hint rows; inside = minus borders; minus the footer.
    let cols = usize::from(size.0.saturating_sub(2)).max(1);
    let rows = usize::from(size.1.saturating_sub(2 + 2 + 1)).max(1);
    let (shown, _) = with_decoded_layers(sanitize_multiline(text).text, text);
    wrap::rows(&shown, cols).len().saturating_sub(rows)
}

/// The sanitised value followed, for an encoded PowerShell command line, by each decoded
/// layer (sanitised by `mde_text::powershell`) under a heading; an undecodable payload shows
/// its error instead of text.
/// Returns the text and the number of layers appended.
pub fn with_decoded_layers(safe: std::borrow::Cow<'_, str>, raw: &str) -> (String, usize) {
    let mut out = safe.into_owned();
    let Some(decoding) = mde_text::powershell::decode(raw) else {
        return (out, 0);
    };
    for layer in &decoding.layers {
        out.push_str("\n\n── ");
        out.push_str(&layer.heading());
        out.push_str(" ──\n");
        if let Some(text) = layer.display() {
            out.push_str(&text.text);
        }
    }
    if decoding.truncated {
        out.push_str("\n\n── decoding stopped: too many layers or too much output ──");
    }
    (out, decoding.layers.len())
}

/// One wrapped row with the parts inside search matches highlighted.
fn highlight(
    row: &wrap::Row<'_>,
    matches: &[(usize, usize)],
    base: Style,
    hit: Style,
) -> Line<'static> {
    let (start, end) = (row.start, row.start + row.text.len());
    let first = matches.partition_point(|&(_, e)| e <= start);
    let mut spans = Vec::new();
    let mut at = start;
    for &(ms, me) in matches[first..].iter().take_while(|&&(s, _)| s < end) {
        let (ms, me) = (ms.max(start), me.min(end));
        if ms > at {
            spans.push(Span::styled(
                row.text[at - start..ms - start].to_string(),
                base,
            ));
        }
        spans.push(Span::styled(
            row.text[ms - start..me - start].to_string(),
            hit,
        ));
        at = me;
    }
    if at < end {
        spans.push(Span::styled(row.text[at - start..].to_string(), base));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_split_rows_into_highlighted_spans() {
        let text = "abc IEX def iex";
        let rows = wrap::rows(text, 8);
        let m = wrap::find_all(text, "iex");
        let hit = Style::new().add_modifier(ratatui::style::Modifier::REVERSED);
        let l0 = highlight(&rows[0], &m, Style::new(), hit);
        let parts: Vec<(&str, bool)> = l0
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == hit))
            .collect();
        assert_eq!(parts, [("abc ", false), ("IEX", true), (" ", false)]);
        let l1 = highlight(&rows[1], &m, Style::new(), hit);
        assert_eq!(
            l1.spans.last().map(|s| (s.content.as_ref(), s.style)),
            Some(("iex", hit))
        );
    }

    #[test]
    fn encoded_powershell_shows_its_decoded_layer_under_the_original() {
        use base64::Engine;
        let script: Vec<u8> = "Write-Host pwned\u{1b}[2J"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let b64 = base64::engine::general_purpose::STANDARD.encode(script);
        let raw = format!("powershell.exe -NoP -eNc {b64}");
        let (shown, layers) = with_decoded_layers(sanitize_multiline(&raw).text, &raw);
        assert_eq!(layers, 1);
        assert!(shown.starts_with(&raw), "{shown}");
        assert!(shown.contains("layer 1"), "{shown}");
        assert!(shown.contains("Write-Host pwned"), "{shown}");
        assert!(
            !shown.contains('\u{1b}'),
            "decoded text is sanitised: {shown}"
        );
        let plain = "cmd.exe /c whoami";
        assert_eq!(
            with_decoded_layers(plain.into(), plain),
            (plain.to_string(), 0)
        );
    }

    #[test]
    fn search_counts_matches_and_n_steps_wrap_around() {
        let viewer = Viewer::new("cmd", "IEX one iex two Iex three");
        let screen = |current: i64| {
            let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 8)).unwrap();
            t.draw(|f| {
                let area = f.area();
                render(
                    f,
                    area,
                    &viewer,
                    Some("iex"),
                    Some(current),
                    &Theme::no_color(),
                )
            })
            .unwrap();
            format!("{}", t.backend())
        };
        assert!(screen(0).contains("match 1/3"), "{}", screen(0));
        assert!(screen(4).contains("match 2/3"));
        assert!(
            screen(-1).contains("match 3/3"),
            "N from the first goes to the last"
        );
    }

    #[test]
    fn max_scroll_leaves_the_last_page_on_screen() {
        // 80×24: 78 columns inside, 24 - 5 = 19 text rows.
        let text = "x".repeat(78 * 100);
        assert_eq!(max_scroll(&text, (80, 24)), 100 - 19);
        assert_eq!(max_scroll("short", (80, 24)), 0);
    }
}
