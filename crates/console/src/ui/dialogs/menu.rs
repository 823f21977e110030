//! Pick-one menus (sort, status, classification, determination, copy): the title naming what
//! the menu acts on, hotkeys, the highlighted item and the key reminder. The box is as wide as
//! its widest item and as tall as its items; on a short screen the items scroll around the
//! highlight and the reminder stays.

use crate::app::dialogs::menu::state::{MENU_FOOTER, Menu};
use crate::ui::popup;
use crate::ui::safe_text::{fit_line, width};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Widest label shown before it is cut.
const WIDEST: usize = 96;

/// Draws a pick-one menu centred in `area`; only the rows that fit are built.
pub fn render(frame: &mut Frame, area: Rect, menu: &Menu, theme: &Theme) {
    let room_max = usize::from(area.width.saturating_sub(12)).min(WIDEST);
    let widest = menu
        .items
        .iter()
        .map(|i| width(&fit_line(&i.label, room_max).text))
        .max()
        .unwrap_or(0)
        .max(width(MENU_FOOTER));
    let room = widest.min(room_max);
    // Rows for items: what the screen leaves after borders and the footer.
    let rows = usize::from(area.height.saturating_sub(3))
        .min(menu.items.len())
        .max(1);
    let first = menu.selected.saturating_sub(rows - 1);
    let body: Vec<Line<'static>> = menu
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
    let more = if menu.items.len() > rows {
        format!(" · {}/{}", menu.selected + 1, menu.items.len())
    } else {
        String::new()
    };
    let footer = vec![Line::styled(format!("{MENU_FOOTER}{more}"), theme.muted)];
    let w = u16::try_from(room + 6).unwrap_or(u16::MAX);
    popup::boxed(frame, area, &menu.title, body, footer, w, theme);
}
