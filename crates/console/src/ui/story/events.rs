//! The events of the process under the story's cursor: its network connections and the files it
//! wrote, one line each (time, action, remote address or path), sanitised.

use crate::app::state::State;
use crate::app::story::state::{EventKind, EventsLoad, Story};
use crate::ui::clock;
use crate::ui::safe_text::{fit_line, width};
use crate::ui::theme::Theme;
use mde_model::graph::hunting::HuntingResult;
use mde_text::defang::{Indicator, display_indicator};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Draws the events section in `area` (a rule on top names the process).
pub fn render(frame: &mut Frame, area: Rect, state: &State, story: &Story, theme: &Theme) {
    let node = story
        .selected_node()
        .and_then(|i| story.tree.nodes.get(i).map(|n| (i, n)));
    let title = match node {
        Some((_, n)) => format!(
            " Events of {} ({}) ",
            fit_line(n.file_name.as_deref().unwrap_or("process"), 40).text,
            n.pid
        ),
        None => " Events ".into(),
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(Line::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    match node.and_then(|(i, _)| story.key_of(i)) {
        None => lines.push(Line::styled(
            "Its start time is not known: its events cannot be looked up.",
            theme.muted,
        )),
        Some(key) => {
            for kind in [EventKind::Network, EventKind::Files] {
                let label = match kind {
                    EventKind::Network => "Network",
                    EventKind::Files => "Files",
                };
                match story.events.get(&(key, kind)) {
                    None => lines.push(Line::styled(
                        format!("{label}: Enter loads them"),
                        theme.muted,
                    )),
                    Some(EventsLoad::Loading(_)) => {
                        lines.push(Line::styled(format!("{label}: loading…"), theme.muted))
                    }
                    Some(EventsLoad::Failed(f)) => lines.push(Line::styled(
                        format!("{label}: {}", fit_line(&f.to_string(), cols).text),
                        theme.error,
                    )),
                    Some(EventsLoad::Loaded(r)) if r.rows.is_empty() => {
                        lines.push(Line::styled(format!("{label}: none"), theme.muted))
                    }
                    Some(EventsLoad::Loaded(r)) => {
                        lines.push(Line::styled(
                            format!("{label} ({}):", r.rows.len()),
                            theme.title,
                        ));
                        lines.extend(event_lines(state, r, kind, cols, theme));
                    }
                }
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One line per event: `10:02:11 ConnectionSuccess 203.0.113.7:443 evil.example.com`.
fn event_lines(
    state: &State,
    r: &HuntingResult,
    kind: EventKind,
    cols: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let offset = clock::offset_of(state.time_mode);
    let s = |row: &[mde_model::graph::Cell], c: &str| -> String {
        r.cell(row, c).map(|v| v.to_text()).unwrap_or_default()
    };
    r.rows
        .iter()
        .map(|row| {
            let time = r
                .cell(row, "Timestamp")
                .and_then(|c| c.as_time())
                .map(|t| clock::absolute(t, offset))
                .map(|t| t.get(11..19).unwrap_or(&t).to_string())
                .unwrap_or_default();
            let what = match kind {
                EventKind::Network => {
                    // Addresses as the detail shows them: defanged while the toggle says so.
                    let ind = |raw: String, kind| display_indicator(&raw, kind, state.defang);
                    let port = s(row, "RemotePort");
                    let ip = ind(s(row, "RemoteIP"), Indicator::Ip);
                    let addr = if port.is_empty() {
                        ip
                    } else {
                        format!("{ip}:{port}")
                    };
                    let url = s(row, "RemoteUrl");
                    let kind = if url.contains("://") {
                        Indicator::Url
                    } else {
                        Indicator::Domain
                    };
                    format!("{addr} {}", ind(url, kind))
                }
                EventKind::Files => {
                    let folder = s(row, "FolderPath");
                    let name = s(row, "FileName");
                    if folder.is_empty() {
                        name
                    } else if folder.ends_with(&name) {
                        folder
                    } else {
                        format!("{folder}\\{name}")
                    }
                }
            };
            let action = fit_line(&s(row, "ActionType"), 24).text;
            let head = format!("  {time} {action} ");
            let room = cols.saturating_sub(width(&head));
            Line::from(vec![
                Span::styled(head, theme.muted),
                Span::raw(fit_line(what.trim(), room).text),
            ])
        })
        .collect()
}
