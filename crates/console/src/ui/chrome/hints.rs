//! The hint bar: the most useful keys of the current mode, straight from the keymap table, so
//! the bar can never advertise a key that does something else.

use crate::app::keymap;
use crate::app::keymap::Mode;
use crate::app::state::State;
use crate::app::subject::rule::subject;
use crate::ui::safe_text::fit_line;
use crate::ui::safe_text::width;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The first clause of a keymap description, for the bar ("Open alert / expand node" →
/// "Open alert"); the help shows the whole text.
pub fn short(desc: &str) -> &str {
    let cut = [" / ", " (", ", "]
        .iter()
        .filter_map(|sep| desc.find(sep))
        .min()
        .unwrap_or(desc.len());
    &desc[..cut]
}

/// Draws the hint bar in `row`; entries that do not fit are left out whole.
pub fn render(frame: &mut Frame, row: Rect, state: &State, theme: &Theme) {
    let full_width = usize::from(row.width);
    // What the triage keys act on, at the right end, so the subject is always on screen. The
    // first keys may take up to half the bar; the others only what the whole subject leaves,
    // and the subject takes whatever the keys leave.
    let name = match state.mode() {
        Mode::Normal(_) | Mode::Incidents => subject(state).map(|s| s.name),
        Mode::Dialog(_) => None,
    };
    let wanted = name.as_ref().map_or(0, |n| GAP + width(PREFIX) + width(n));
    let mut spans = Vec::new();
    let mut used = 0;
    if state.config.read_only {
        spans.push(Span::styled("READ-ONLY ", theme.warning));
        used += 10;
    }
    for (i, (keys, full)) in keymap::hints_in(&state.rotation.keymap, state.mode())
        .into_iter()
        .enumerate()
    {
        let desc = short(full);
        let cost = width(&keys) + 1 + width(desc) + 2;
        let claim = if i < FIRST_KEYS {
            wanted.min(GAP + full_width / 2)
        } else {
            wanted
        };
        if used + cost > full_width.saturating_sub(claim) {
            break;
        }
        spans.push(Span::styled(keys, theme.key));
        spans.push(Span::styled(format!(" {desc}  "), theme.muted));
        used += cost;
    }
    if let Some(name) = name {
        let room = full_width
            .saturating_sub(used + GAP + width(PREFIX))
            .max(MIN_NAME);
        let t = format!("{PREFIX}{}", fit_line(&name, room).text);
        spans.push(Span::raw(
            " ".repeat(full_width.saturating_sub(used + width(&t))),
        ));
        spans.push(Span::styled(t, theme.title));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), row);
}

/// What the subject is introduced with.
const PREFIX: &str = "acts on ";
/// Spaces between the keys and the subject, beyond the keys' own two.
const GAP: usize = 2;
/// How many keys may take half the bar whatever the subject's length.
const FIRST_KEYS: usize = 2;
/// The fewest characters of the subject's name shown, however narrow the bar.
const MIN_NAME: usize = 10;

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn descriptions_are_cut_at_their_first_clause() {
        assert_eq!(short("Open alert / expand node / view value"), "Open alert");
        assert_eq!(short("Filter (sev:high …)"), "Filter");
        assert_eq!(short("Copy (id, device)"), "Copy");
        assert_eq!(short("Assign to me"), "Assign to me");
    }
}
