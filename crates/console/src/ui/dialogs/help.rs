//! The `?` overlay: every binding of the keymap table, grouped, filtered by what the analyst
//! types (keys, action name or description).

use crate::app::dialogs::help::state::Help;
use crate::app::keymap::{self, Context};
use crate::ui::popup;
use crate::ui::safe_text::fit;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Width of the keys column.
const KEYS: usize = 16;

/// Draws the help overlay over `area`.
pub fn render(frame: &mut Frame, area: Rect, help: &Help, theme: &Theme) {
    let w = area.width.saturating_sub(4).min(96);
    let h = area.height.saturating_sub(2);
    let rect = popup::centered(area, w, h);
    let inner = popup::open(frame, rect, "Keys", theme);
    if inner.height < 3 {
        return;
    }
    let filter = help.filter.text();
    let cols = usize::from(inner.width);
    let mut body: Vec<Line> = Vec::new();
    let groups = keymap::help_groups(filter);
    if groups.is_empty() {
        body.push(Line::styled("No key matches the filter.", theme.muted));
    }
    for (group, binds) in groups {
        body.push(Line::styled(group.label().to_string(), theme.title));
        for b in binds {
            let keys = keymap::keys_label(b);
            let keys = if keys.is_empty() {
                format!(":{}", b.action.name())
            } else {
                keys
            };
            let ctx = if b.context == Context::Global {
                String::new()
            } else {
                format!(" ({})", b.context.label())
            };
            let room = cols.saturating_sub(KEYS + 3);
            let desc = format!("{}{ctx}", b.description);
            body.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{:<KEYS$}", fit(&keys, KEYS)), theme.key),
                Span::raw(" "),
                Span::raw(fit(&desc, room).into_owned()),
            ]));
        }
    }
    let rows = usize::from(inner.height - 2);
    let top = help.scroll.min(body.len().saturating_sub(rows));
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Filter: ", theme.muted),
            Span::raw(fit(filter, cols.saturating_sub(10)).into_owned()),
        ]),
        Line::styled(
            format!(
                "type to filter · ↑↓ scroll · Esc close · {} lines",
                body.len()
            ),
            theme.muted,
        ),
    ];
    lines.extend(body.into_iter().skip(top).take(rows));
    frame.render_widget(Paragraph::new(lines), inner);
    let cursor = u16::try_from(crate::ui::safe_text::width(filter)).unwrap_or(0);
    frame.set_cursor_position(Position::new(
        (inner.x + 8 + cursor).min(inner.right().saturating_sub(1)),
        inner.y,
    ));
}
