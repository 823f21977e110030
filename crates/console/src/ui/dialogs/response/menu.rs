//! The response menu: its title names the device (or the marked set); each entry with its
//! hotkey, one refused marked so; under them the notes on the device (offline, state unknown,
//! platform); pinned to the bottom, what the highlighted entry does — or why it is refused —
//! and the key hint. Notes give way before entries on a short screen.

use crate::app::dialogs::menu::state::MENU_FOOTER;
use crate::app::dialogs::response::state::ResponseMenu;
use crate::ui::popup;
use crate::ui::safe_text::{fit_line, width};
use crate::ui::theme::Theme;
use crate::ui::wrap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Widest the menu's text gets.
const WIDEST: usize = 76;

/// Draws the response menu centred in `area`.
pub fn render(frame: &mut Frame, area: Rect, m: &ResponseMenu, theme: &Theme) {
    let room = usize::from(area.width.saturating_sub(10)).min(WIDEST);
    let labels: Vec<String> = m
        .entries
        .iter()
        .map(|e| fit_line(&e.label, room.saturating_sub(6)).text)
        .collect();
    let widest = labels
        .iter()
        .map(|l| width(l) + 6)
        .max()
        .unwrap_or(0)
        .max(width(MENU_FOOTER))
        .max(44)
        .min(room);
    let wrapped = |text: &str, style, out: &mut Vec<Line<'static>>, max: usize| {
        let safe = fit_line(text, 2_000).text;
        for r in wrap::words(&safe, widest).into_iter().take(max) {
            out.push(Line::styled(r, style));
        }
    };
    let mut body: Vec<Line<'static>> = Vec::new();
    for (i, (e, label)) in m.entries.iter().zip(&labels).enumerate() {
        let selected = i == m.selected;
        let key = e.hotkey.map_or("   ".to_string(), |k| format!("[{k}]"));
        let style = match (selected, e.refusal.is_some()) {
            (true, _) => theme.selected,
            (false, true) => theme.muted,
            (false, false) => theme.text,
        };
        let marker = if selected { "▸" } else { " " };
        let pad = widest.saturating_sub(5);
        body.push(Line::from(vec![
            Span::styled(format!("{marker}{key} "), theme.key),
            Span::styled(format!("{label:<pad$}"), style),
        ]));
    }
    for n in &m.notes {
        wrapped(&format!("• {n}"), theme.warning, &mut body, 3);
    }
    let mut footer = Vec::new();
    if let Some(e) = m.entries.get(m.selected) {
        match &e.refusal {
            Some(why) => wrapped(&format!("Refused: {why}"), theme.error, &mut footer, 3),
            None => wrapped(&e.note, theme.muted, &mut footer, 3),
        }
    }
    footer.push(Line::styled(MENU_FOOTER.to_string(), theme.muted));
    let w = u16::try_from(widest + 2).unwrap_or(u16::MAX);
    popup::boxed(frame, area, &m.title, body, footer, w, theme);
}
