//! The evidence tree pane: tree guides, expand markers, each node's key fields (sanitised and
//! bounded with their length shown), detection status and a warning badge on tricked names.
//! Only the visible window of nodes becomes `Line`s.

use super::safe_text::{BADGE, bounded_line, merge, width};
use super::theme::Theme;
use crate::app::evidence_tree::{EvidenceTree, NodeKind, TreeNode};
use crate::model::{Alert, DetectionStatus, EntityType};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Tree guide characters for each visible node: `(prefix, is_last)`, computed in one backward
/// pass so a node knows whether any sibling follows it at each ancestor level.
pub fn guides(tree: &EvidenceTree) -> Vec<String> {
    let vis: Vec<&TreeNode> = tree.visible().map(|(_, n)| n).collect();
    let mut more_below: Vec<bool> = Vec::new();
    let mut out = vec![String::new(); vis.len()];
    for (k, n) in vis.iter().enumerate().rev() {
        let d = usize::from(n.depth);
        if more_below.len() <= d {
            more_below.resize(d + 1, false);
        }
        let mut g = String::new();
        for &more in more_below.iter().take(d).skip(1) {
            g.push_str(if more { "│ " } else { "  " });
        }
        if d > 0 {
            g.push_str(if more_below[d] { "├─" } else { "└─" });
        }
        out[k] = g;
        more_below[d] = true;
        more_below.truncate(d + 1);
    }
    out
}

/// The lines of the tree for rows `first..first + rows`, `cols` wide.
pub fn lines(
    tree: &EvidenceTree,
    alert: Option<&Alert>,
    first: usize,
    rows: usize,
    cols: usize,
    focused: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let g = guides(tree);
    tree.visible()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(pos, (idx, n))| {
            let selected = idx == tree.selected;
            node_line(n, &g[pos], alert, cols, selected && focused, theme)
        })
        .collect()
}

fn node_line(
    n: &TreeNode,
    guide: &str,
    alert: Option<&Alert>,
    cols: usize,
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    let marker = match (n.has_children, n.expanded) {
        (false, _) => "  ",
        (true, true) => "▾ ",
        (true, false) => "▸ ",
    };
    let (kind, kind_style) = kind_tag(&n.kind, theme);
    let status = n.detection_status.as_ref().map(|s| status_tag(s, theme));
    let status_cols = status.as_ref().map_or(0, |(t, _)| width(t) + 1);
    let used = width(guide) + 2 + width(kind) + 1 + status_cols + 2;
    let room = cols.saturating_sub(used).max(8);
    let text = node_text(n, alert, room);
    let mut spans = vec![
        Span::styled(guide.to_string(), theme.muted),
        Span::styled(marker, theme.key),
        Span::styled(format!("{kind} "), kind_style),
    ];
    if text.flags.any() {
        spans.push(Span::styled(format!("{BADGE} "), theme.warning));
    }
    spans.push(Span::raw(text.text));
    if let Some((t, s)) = status {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(t, s));
    }
    let line = Line::from(spans);
    if selected {
        line.style(theme.selected)
    } else {
        line
    }
}

/// The node's text: for a process with a long command line, the whole command line bounded
/// with its length (the tree label holds only a prefix).
fn node_text(n: &TreeNode, alert: Option<&Alert>, room: usize) -> super::safe_text::SafeLine {
    let ev = n
        .evidence
        .and_then(|i| alert.and_then(|a| a.evidence.get(i)));
    if let (NodeKind::Process, Some(e)) = (&n.kind, ev)
        && let Some(cl) = &e.process_command_line
    {
        let name = e.file_name.as_deref().unwrap_or("?");
        let head = match e.process_id {
            Some(pid) => format!("{name} ({pid})"),
            None => name.to_string(),
        };
        let head = bounded_line(&head, room);
        let left = room.saturating_sub(width(&head.text) + 1);
        // Too little room for a useful slice of the command line: the view (Enter) has it,
        // but its findings still badge the node.
        if left < 24 {
            let flags = merge(head.flags, crate::text::sanitize_line(cl).flags);
            return super::safe_text::SafeLine {
                text: head.text,
                flags,
            };
        }
        let rest = bounded_line(cl, left);
        return super::safe_text::SafeLine {
            text: format!("{} {}", head.text, rest.text),
            flags: merge(head.flags, rest.flags),
        };
    }
    bounded_line(&n.label, room)
}

fn kind_tag<'a>(k: &'a NodeKind, theme: &Theme) -> (&'a str, Style) {
    match k {
        NodeKind::User => ("user", theme.title),
        NodeKind::Process => ("proc", theme.text),
        NodeKind::ParentProcess => ("proc", theme.muted),
        NodeKind::File => ("file", theme.text),
        NodeKind::Registry => ("reg ", theme.text),
        NodeKind::Ip => ("ip  ", theme.text),
        NodeKind::Url => ("url ", theme.text),
        NodeKind::Other(EntityType::Machine) => ("host", theme.text),
        NodeKind::Other(_) => ("item", theme.text),
        NodeKind::Group(_) => ("▤", theme.title),
    }
}

fn status_tag(s: &DetectionStatus, theme: &Theme) -> (String, Style) {
    let style = match s {
        DetectionStatus::Blocked | DetectionStatus::Prevented => theme.ok,
        DetectionStatus::Detected => theme.warning,
        DetectionStatus::Unrecognized(_) => theme.muted,
    };
    (format!("[{}]", bounded_line(s.as_str(), 16).text), style)
}

/// Draws the evidence pane.
pub fn render(
    frame: &mut ratatui::Frame,
    area: ratatui::layout::Rect,
    state: &crate::app::state::State,
    focused: bool,
    theme: &Theme,
) {
    use ratatui::widgets::Paragraph;
    let loaded = state.loaded_detail();
    let tree = state.detail.as_ref().map(|d| &d.tree);
    let info = match (loaded, tree) {
        (Some(d), Some(_)) => format!("{} items", d.alert.evidence.len()),
        _ => String::new(),
    };
    let b = super::block::pane("Evidence", &info, focused, theme);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let (Some(d), Some(tree)) = (loaded, tree) else {
        let msg = if state.detail.is_some() {
            "Loading…"
        } else {
            "Open an alert to see its evidence."
        };
        frame.render_widget(Paragraph::new(Line::styled(msg, theme.muted)), inner);
        return;
    };
    if tree.nodes.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("No evidence on this alert.", theme.muted)),
            inner,
        );
        return;
    }
    let rows = usize::from(inner.height);
    let pos = tree.selected_visible_pos();
    let first = (pos + 1).saturating_sub(rows);
    let lines = lines(
        tree,
        Some(&d.alert),
        first,
        rows,
        usize::from(inner.width),
        focused,
        theme,
    );
    frame.render_widget(Paragraph::new(lines), inner);
}
