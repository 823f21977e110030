//! Menus (sort, status, classification, determination, yank) and the quit question. The
//! write confirmations and the conflict prompt are in `confirm.rs`, text inputs in `input.rs`.

use super::popup;
use super::safe_text::{fit_line, width};
use super::theme::Theme;
use crate::app::dialog::Menu;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The key reminder under every menu.
const MENU_FOOTER: &str = "↑↓ move · Enter pick · Esc back";

/// Draws a pick-one menu centred in `area`; only the rows that fit are built.
pub fn render_menu(frame: &mut Frame, area: Rect, menu: &Menu, theme: &Theme) {
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

/// Asks before quitting with writes still in the outbox (they are kept and sent next time).
pub fn render_quit(frame: &mut Frame, area: Rect, pending: u32, yes: bool, theme: &Theme) {
    let rect = popup::centered(area, 52, 7);
    let inner = popup::open(frame, rect, "Quit?", theme);
    let lines = vec![
        Line::styled(
            format!("{pending} write(s) not yet confirmed by the service."),
            theme.warning,
        ),
        Line::raw("They stay in the outbox and are sent on next start."),
        Line::raw(""),
        popup::buttons(&["Stay", "Quit"], usize::from(yes), theme),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}
