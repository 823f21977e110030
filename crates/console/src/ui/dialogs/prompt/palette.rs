//! The `:` command palette: every action of the keymap found by name or description, with the
//! key that also runs it.

use crate::app::dialogs::prompt::state::Input;
use crate::app::keymap::{self, Keymap};
use crate::ui::popup;
use crate::ui::safe_text::{fit, fit_line, width};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

/// The key hint under the matches.
pub const HINT: &str = "Enter run · ↑↓ choose · Tab complete · Esc close · :filter Q :view V";

/// Draws the palette in the upper part of `area`, with the keys of `map`.
pub fn render(frame: &mut Frame, area: Rect, input: &Input, map: &Keymap, theme: &Theme) {
    let matches = keymap::palette_matches(input.line.text());
    // Issue 12: while `:profile` / `:view` complete, their names are the choices.
    let names = &input.suggestions;
    let count = if names.is_empty() {
        matches.len()
    } else {
        names.len()
    };
    let shown = count.min(12);
    let w = area.width.saturating_sub(4).min(80);
    let h = u16::try_from(shown + 4)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let mut rect = popup::centered(area, w, h);
    rect.y = area.y + area.height.saturating_sub(h) / 4;
    let inner = popup::open(frame, rect, "Command", theme);
    if inner.height == 0 {
        return;
    }
    let cols = usize::from(inner.width.saturating_sub(2));
    let typed = fit_line(input.line.text(), cols.saturating_sub(3)).text;
    let mut lines = vec![Line::from(vec![
        Span::styled(": ", theme.key),
        Span::raw(typed.clone()),
    ])];
    let selected = input.selected.min(count.saturating_sub(1));
    let first = selected.saturating_sub(shown.saturating_sub(1));
    for (i, name) in names.iter().enumerate().skip(first).take(shown) {
        let line = Line::from(vec![
            Span::raw(if i == selected { "▸ " } else { "  " }),
            Span::styled(fit_line(name, cols.saturating_sub(4)).text, theme.text),
        ]);
        lines.push(if i == selected {
            line.style(theme.selected)
        } else {
            line
        });
    }
    let matches = if names.is_empty() {
        matches
    } else {
        Vec::new()
    };
    for (i, b) in matches.iter().enumerate().skip(first).take(shown) {
        let keys = map.keys_label(b);
        let name = b.action.name();
        let room = cols.saturating_sub(22 + 12 + 2);
        let line = Line::from(vec![
            Span::raw(if i == selected { "▸ " } else { "  " }),
            Span::styled(format!("{name:<20} "), theme.text),
            Span::styled(format!("{:<12}", fit(&keys, 11)), theme.key),
            Span::styled(fit(b.description, room).into_owned(), theme.muted),
        ]);
        lines.push(if i == selected {
            line.style(theme.selected)
        } else {
            line
        });
    }
    if count == 0 {
        lines.push(Line::styled("  no action matches", theme.muted));
    }
    let footer = vec![Line::styled(HINT, theme.muted)];
    popup::draw_pinned(frame, inner, lines, footer);
    let col = u16::try_from(width(&typed)).unwrap_or(0);
    frame.set_cursor_position(Position::new(
        (inner.x + 2 + col).min(inner.right().saturating_sub(1)),
        inner.y,
    ));
}
