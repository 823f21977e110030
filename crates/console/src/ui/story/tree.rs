//! The story's process tree: guides by depth, the evidence processes marked `◆`, each process's
//! image, pid, account and command line (sanitised and bounded); a parent known only from a
//! child's row is dimmed. Only the visible window is built.

use crate::app::state::State;
use crate::app::story::state::Story;
use crate::ui::detail::evidence::depth_guides;
use crate::ui::safe_text::{BADGE, bounded_line, fit_line, width};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the tree in `area`.
pub fn render(frame: &mut Frame, area: Rect, _state: &State, story: &Story, theme: &Theme) {
    let height = usize::from(area.height);
    if height == 0 {
        return;
    }
    let depths: Vec<usize> = story.lines.iter().map(|l| l.depth).collect();
    let guides = depth_guides(&depths);
    let first = story
        .cursor
        .saturating_sub(height.saturating_sub(1))
        .min(story.lines.len().saturating_sub(height));
    let cols = usize::from(area.width);
    let lines: Vec<Line> = story
        .lines
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, l)| {
            let n = &story.tree.nodes[l.node];
            let selected = i == story.cursor;
            let mark = if n.evidence { "◆ " } else { "  " };
            let name = fit_line(n.file_name.as_deref().unwrap_or("(unknown image)"), 40);
            let mut flagged = name.flags.any();
            let mut spans = vec![
                Span::styled(if selected { "▸" } else { " " }, theme.key),
                Span::styled(guides[i].clone(), theme.muted),
                Span::styled(mark, theme.warning),
            ];
            let name_style = if selected {
                theme.selected
            } else if n.evidence {
                theme.title
            } else if n.seen {
                theme.text
            } else {
                theme.muted
            };
            spans.push(Span::styled(name.text, name_style));
            spans.push(Span::styled(format!(" ({})", n.pid), theme.muted));
            if let Some(acct) = &n.account {
                let a = fit_line(acct, 24);
                flagged |= a.flags.any();
                spans.push(Span::styled(format!(" {}", a.text), theme.muted));
            }
            if !n.seen {
                spans.push(Span::styled(" started before the window", theme.muted));
            }
            let used: usize = spans.iter().map(|s| width(&s.content)).sum();
            let room = cols.saturating_sub(used + 4);
            if let Some(cmd) = n.command_line.as_deref().filter(|_| room > 8) {
                let c = bounded_line(cmd, room);
                flagged |= c.flags.any();
                spans.push(Span::raw(format!("  {}", c.text)));
            }
            if flagged {
                spans.push(Span::styled(format!(" {BADGE}"), theme.warning));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
