//! Pick-one menus (sort, status, classification, determination, yank): hotkeys, the
//! highlighted item, and the key reminder.

use crate::app::dialogs::menu::state::Menu;
use crate::ui::popup;
use crate::ui::safe_text::{fit_line, width};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The key reminder under every menu.
const MENU_FOOTER: &str = "↑↓ move · Enter pick · Esc back";

/// Draws a pick-one menu centred in `area`; only the rows that fit are built.
pub fn render(frame: &mut Frame, area: Rect, menu: &Menu, theme: &Theme) {
    let widest = menu
        .items
        .iter()
        .map(|i| width(&fit_line(&i.label, 70).text))
        .max()
        .unwrap_or(0)
        .max(width(&menu.title) + 2)
        .max(width(MENU_FOOTER) - 6);
    let w = u16::try_from(widest + 10).unwrap_or(u16::MAX);
    let h = u16::try_from(menu.items.len() + 3).unwrap_or(u16::MAX);
    let rect = popup::centered(area, w, h);
    let inner = popup::open(frame, rect, &menu.title, theme);
    if inner.height == 0 {
        return;
    }
    let rows = usize::from(inner.height.saturating_sub(1)).max(1);
    let first = menu.selected.saturating_sub(rows - 1);
    let room = usize::from(inner.width).saturating_sub(6);
    let mut lines: Vec<Line> = menu
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, item)| {
            let key = item.hotkey.map_or("   ".to_string(), |k| format!("[{k}]"));
            let label = fit_line(&item.label, room).text;
            let style = if i == menu.selected {
                theme.selected
            } else {
                theme.text
            };
            let marker = if i == menu.selected { "▸" } else { " " };
            Line::from(vec![
                Span::styled(format!("{marker}{key} "), theme.key),
                Span::styled(format!("{label:<room$}"), style),
            ])
        })
        .collect();
    lines.push(Line::styled(MENU_FOOTER, theme.muted));
    frame.render_widget(Paragraph::new(lines), inner);
}
