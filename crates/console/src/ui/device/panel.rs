//! The device panel's pane: its title names the device, its right corner says whether the copy
//! is live, cached or loading; the lines scroll (bar and position on the border), keeping the
//! action under the cursor in sight after the cursor moved.

use super::content::{self, Ctx};
use crate::app::device::lines::of_panel;
use crate::app::device::state::PanelLoad;
use crate::app::keymap::action::Action;
use crate::app::keymap::remap::Keymap;
use crate::app::list::widths::short_host;
use crate::app::state::State;
use crate::ui::block;
use crate::ui::clock;
use crate::ui::safe_text::fit_line;
use crate::ui::scroll;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

/// Draws the device panel in `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &State, focused: bool, theme: &Theme) {
    let Some(panel) = &state.device.panel else {
        return;
    };
    let (name, info) = match &panel.load {
        PanelLoad::Loaded(c) => (
            Some(short_host(c.machine.display_name()).to_string()),
            if c.from_cache { "cached" } else { "live" },
        ),
        PanelLoad::Loading => (
            panel
                .alert_device
                .as_deref()
                .map(|d| short_host(d).to_string()),
            "loading",
        ),
        PanelLoad::Failed(_) => (None, "no device"),
    };
    let title = match name {
        Some(n) => format!(
            "Device · {}",
            fit_line(&n, usize::from(area.width / 2)).text
        ),
        None => "Device".to_string(),
    };
    let b = block::pane(&title, info, focused, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let lines = of_panel(&state.device);
    // Retry is offered only when an action on screen can be sent again.
    let retry = lines
        .as_ref()
        .is_some_and(|l| l.actions.iter().any(|a| a.can_retry));
    let map = &state.rotation.keymap;
    let ctx = Ctx {
        now: state.now,
        offset: clock::offset_of(state.time_mode),
        cols: usize::from(inner.width),
        focused,
        theme,
        keys: panel_keys(map, retry),
        retry_key: map.key_of(Action::RetryAction).unwrap_or_default(),
    };
    let (body, cursor_row) = content::lines(panel, lines.as_ref(), &ctx);
    let shown = usize::from(inner.height);
    let total = body.len();
    let mut first = scroll::clamp(panel.scroll, shown, total);
    if panel.reveal
        && let Some(row) = cursor_row
    {
        if row < first {
            first = row;
        } else if row >= first + shown {
            first = row + 1 - shown;
        }
    }
    let top = u16::try_from(first).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(body).scroll((top, 0)), inner);
    scroll::bar(frame, area, first, shown, total, theme);
}

/// The actions header's keys, as the keymap in force has them; retry only when `retry`.
fn panel_keys(map: &Keymap, retry: bool) -> String {
    let words = [
        (Action::ResponseMenu, "respond"),
        (Action::DeviceTags, "tags"),
        (Action::RetryAction, "retry"),
        (Action::CancelAction, "cancel"),
        (Action::PackageLink, "link"),
    ];
    let parts: Vec<String> = words
        .iter()
        .filter(|(a, _)| retry || *a != Action::RetryAction)
        .filter_map(|(a, w)| map.key_of(*a).map(|k| format!("{k} {w}")))
        .collect();
    format!("  {}", parts.join(" · "))
}
