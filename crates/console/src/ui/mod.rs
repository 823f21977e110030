//! Pure render functions of `&State`. They only read the state; every string that came from the
//! API goes through `safe_text` (the sanitiser) first.
//!
//! The drawing of each feature mirrors `app`: `list`, `detail/`, `dialogs/` (one file per
//! dialog), `chrome/` (status bar, hints, tabs, sign-in). The files at this level without a
//! feature are the kit they share (theme, sanitised text, popups, pane blocks, layout, wrapping,
//! clock formatting); the kit reads nothing of `app` but the time mode.

pub mod block;
pub mod chrome;
pub mod clock;
pub mod detail;
// Issue 10: the device panel.
pub mod device;
pub mod dialogs;
pub mod incidents;
pub mod layout;
pub mod list;
pub mod list_rows;
pub mod popup;
pub mod raw_json;
pub mod rotation;
pub mod safe_text;
pub mod scroll;
pub mod story;
pub mod theme;
pub mod too_small;
pub mod wrap;

use crate::app::dialogs::DialogKind;
use crate::app::state::State;
use crate::app::view::state::Pane;
use layout::Region;
use ratatui::Frame;
use std::sync::OnceLock;
use theme::{ColorSupport, Theme};

/// The theme the environment asks for (`NO_COLOR`, `COLORTERM`, `TERM`), detected once.
pub fn environment_theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| Theme::for_support(ColorSupport::detect(|k| std::env::var(k).ok())))
}

/// Draws the whole console with the theme the environment asks for.
pub fn render(frame: &mut Frame, state: &State) {
    render_with(frame, state, environment_theme());
}

/// Draws the whole console with an explicit theme (tests), the config's theme laid over it.
pub fn render_with(frame: &mut Frame, state: &State, theme: &Theme) {
    // Issue 12: the profile's `[theme]` (NO_COLOR still wins).
    let themed;
    let theme = if state.config.settings.theme.roles.is_empty() {
        theme
    } else {
        themed = rotation::theme::themed(theme, &state.config.settings.theme);
        &themed
    };
    let area = frame.area();
    if !too_small::fits(area) {
        too_small::render(frame, area, theme);
        return;
    }
    // Issue 12: the offline file's banner takes the first row.
    let area = rotation::banner::render(frame, area, state, theme);
    let focus = region(state.focus);
    let prompt = state
        .dialogs
        .iter()
        .any(|d| matches!(d.kind(), DialogKind::Filter | DialogKind::IncidentFilter));
    let screen = layout::screen(
        area,
        layout::Want {
            focus,
            zoom: state.zoom.map(region),
            detail_open: state.detail.is_some(),
            comments_rows: detail::comments::content_rows(state),
            prompt,
            device_open: state.device.panel.is_some(),
        },
    );
    let focused = |r: Region| r == focus;
    if let Some(a) = screen.list {
        // Issue 11: the incident list takes the list's place when shown.
        if state.incidents.active {
            incidents::list::render(frame, a, state, focused(Region::List), theme);
        } else {
            list::render(frame, a, state, focused(Region::List), theme);
        }
    }
    if let Some(a) = screen.detail {
        detail::properties::render(frame, a, state, focused(Region::Detail), theme);
    }
    if let Some(a) = screen.evidence {
        detail::evidence::render(frame, a, state, focused(Region::Evidence), theme);
    }
    if let Some(a) = screen.comments {
        detail::comments::render(frame, a, state, focused(Region::Comments), theme);
    }
    if let Some(a) = screen.device {
        device::panel::render(frame, a, state, focused(Region::Device), theme);
    }
    if screen.tabbed {
        chrome::tabs::render(frame, &screen, theme);
    }
    chrome::status::render(frame, screen.status, state, theme);
    chrome::hints::render(frame, screen.hints, state, theme);
    for d in &state.dialogs {
        dialogs::render(frame, &screen, state, d, theme);
    }
    if let Some((url, code)) = &state.connection.sign_in {
        chrome::sign_in::render(frame, screen.body, url, code, theme);
    }
}

fn region(p: Pane) -> Region {
    match p {
        Pane::List => Region::List,
        Pane::Detail => Region::Detail,
        Pane::Evidence => Region::Evidence,
        Pane::Comments => Region::Comments,
        Pane::Device => Region::Device,
    }
}
