//! Pure render functions of `&State`, one file per pane or dialog. They only read the state;
//! every string that came from the API goes through `safe_text` (the sanitiser) first.

pub mod block;
pub mod clock;
pub mod comment_editor;
pub mod comments;
pub mod confirm;
pub mod detail;
pub mod dialog;
pub mod evidence;
pub mod help;
pub mod hints;
pub mod input;
pub mod layout;
pub mod list;
pub mod mitre_view;
pub mod palette;
pub mod popup;
pub mod raw_json;
pub mod safe_text;
pub mod status;
pub mod theme;
pub mod too_small;
pub mod value_view;
pub mod wrap;

use crate::app::dialog::{Dialog, InputKind};
use crate::app::state::{Pane, State};
use layout::Region;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::sync::OnceLock;
use theme::{ColorSupport, Theme};

/// Draws the whole console with the theme the environment asks for (`NO_COLOR`, `COLORTERM`,
/// `TERM`), detected once.
pub fn render(frame: &mut Frame, state: &State) {
    static THEME: OnceLock<Theme> = OnceLock::new();
    let theme =
        THEME.get_or_init(|| Theme::for_support(ColorSupport::detect(|k| std::env::var(k).ok())));
    render_with(frame, state, theme);
}

/// Draws the whole console with an explicit theme (tests, config overrides).
pub fn render_with(frame: &mut Frame, state: &State, theme: &Theme) {
    let area = frame.area();
    if !too_small::fits(area) {
        too_small::render(frame, area, theme);
        return;
    }
    let focus = region(state.focus);
    let zoom = state.zoom.map(region);
    let screen = layout::screen(area, focus, zoom, state.detail.is_some());
    let focused = |r: Region| r == focus;
    if let Some(a) = screen.list {
        list::render(frame, a, state, focused(Region::List), theme);
    }
    if let Some(a) = screen.detail {
        detail::render(frame, a, state, focused(Region::Detail), theme);
    }
    if let Some(a) = screen.evidence {
        evidence::render(frame, a, state, focused(Region::Evidence), theme);
    }
    if let Some(a) = screen.comments {
        comments::render(frame, a, state, focused(Region::Comments), theme);
    }
    if screen.tabbed {
        draw_tabs(frame, &screen, theme);
    }
    status::render(frame, screen.status, state, theme);
    hints::render(frame, screen.hints, state, theme);
    for d in &state.dialogs {
        draw_dialog(frame, &screen, state, d, theme);
    }
    if let Some((url, code)) = &state.sign_in {
        draw_sign_in(frame, screen.body, url, code, theme);
    }
}

fn region(p: Pane) -> Region {
    match p {
        Pane::List => Region::List,
        Pane::Detail => Region::Detail,
        Pane::Evidence => Region::Evidence,
        Pane::Comments => Region::Comments,
    }
}

/// On narrow screens the lower slot shows one pane; the strip on its border says which, and
/// that Tab reaches the others.
fn draw_tabs(frame: &mut Frame, screen: &layout::Screen, theme: &Theme) {
    let shown = [
        (Region::Detail, "Detail"),
        (Region::Evidence, "Evidence"),
        (Region::Comments, "Comments"),
    ];
    let Some((active, rect)) = shown
        .iter()
        .find_map(|(r, _)| screen.rect(*r).map(|rect| (*r, rect)))
    else {
        return;
    };
    let mut spans = vec![Span::raw(" ")];
    for (i, (r, name)) in shown.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" │ ", theme.muted));
        }
        let style = if *r == active {
            theme.selected
        } else {
            theme.muted
        };
        spans.push(Span::styled(*name, style));
    }
    spans.push(Span::styled(" (Tab) ", theme.muted));
    let row = Rect::new(rect.x + 1, rect.y, rect.width.saturating_sub(2), 1);
    frame.render_widget(Paragraph::new(Line::from(spans)), row);
}

fn draw_dialog(
    frame: &mut Frame,
    screen: &layout::Screen,
    state: &State,
    d: &Dialog,
    theme: &Theme,
) {
    let body = screen.body;
    match d {
        Dialog::Menu(m) => dialog::render_menu(frame, body, m, theme),
        Dialog::Confirm(c) => confirm::render_confirm(frame, body, c, theme),
        Dialog::Input(i) => match i.kind {
            InputKind::Filter => {
                let err = state.filter_error.as_ref().map(ToString::to_string);
                input::render_filter(frame, screen.hints, i, err.as_deref(), theme);
            }
            InputKind::AssignTo => input::render_assign(frame, body, i, theme),
            InputKind::Palette => palette::render(frame, body, i, theme),
        },
        Dialog::Editor(e) => comment_editor::render(frame, body, e, theme),
        Dialog::Conflict(p) => {
            confirm::render_conflict(frame, body, p, detail::offset_of(state.time_mode), theme);
        }
        Dialog::Viewer(v) => {
            let search = Some(v.search.text()).filter(|q| !q.is_empty());
            let current = (search.is_some() && !v.searching).then_some(v.current_match);
            value_view::render(frame, body, v, search, current, theme)
        }
        Dialog::Help(h) => help::render(frame, body, h, theme),
        Dialog::QuitConfirm {
            pending,
            yes_selected,
        } => dialog::render_quit(frame, body, *pending, *yes_selected, theme),
    }
}

fn draw_sign_in(frame: &mut Frame, area: Rect, url: &str, code: &str, theme: &Theme) {
    let rect = popup::centered(area, 70, 7);
    let inner = popup::open(frame, rect, "Sign in", theme);
    let room = usize::from(inner.width).saturating_sub(2);
    let lines = vec![
        Line::raw("Open this page in a browser:"),
        Line::styled(safe_text::fit_line(url, room).text, theme.key),
        Line::raw("and enter the code:"),
        Line::styled(safe_text::fit_line(code, room).text, theme.title),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}
