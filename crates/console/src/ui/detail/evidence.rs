//! The evidence tree pane: tree guides, expand markers, each node's key fields (sanitised and
//! bounded with their length shown), detection status and a warning badge on tricked names.
//! Only the visible window of nodes becomes `Line`s.

use crate::app::detail::evidence::tree::{EvidenceTree, NodeKind, TreeNode};
use crate::app::state::State;
use crate::ui::safe_text::{BADGE, SafeLine, bounded_line, fit, width};
use crate::ui::theme::Theme;
use mde_model::{Alert, DetectionStatus, EntityType, Evidence};
use mde_text::defang::{Indicator, display_indicator};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Tree guide characters for each visible node: `(prefix, is_last)`, computed in one backward
/// pass so a node knows whether any sibling follows it at each ancestor level.
pub fn guides(tree: &EvidenceTree) -> Vec<String> {
    let depths: Vec<usize> = tree.visible().map(|(_, n)| usize::from(n.depth)).collect();
    depth_guides(&depths)
}

/// Tree guides for lines at these depths, in order (the process story draws with it too).
pub fn depth_guides(depths: &[usize]) -> Vec<String> {
    let mut more_below: Vec<bool> = Vec::new();
    let mut out = vec![String::new(); depths.len()];
    for (k, &d) in depths.iter().enumerate().rev() {
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

/// What the tree lines need besides the tree.
pub struct View<'a> {
    /// The alert whose evidence the nodes point into.
    pub alert: Option<&'a Alert>,
    /// Width of the pane's inside.
    pub cols: usize,
    /// Whether the pane has the focus (the cursor is drawn only then).
    pub focused: bool,
    /// Show IPs and URLs defanged.
    pub defang: bool,
    /// Styles.
    pub theme: &'a Theme,
}

/// The lines of the tree for visible rows `first..first + rows`.
pub fn lines(tree: &EvidenceTree, first: usize, rows: usize, v: &View<'_>) -> Vec<Line<'static>> {
    let g = guides(tree);
    tree.visible()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(pos, (idx, n))| node_line(n, &g[pos], idx == tree.selected && v.focused, v))
        .collect()
}

fn node_line(n: &TreeNode, guide: &str, selected: bool, v: &View<'_>) -> Line<'static> {
    let theme = v.theme;
    let marker = match (n.has_children, n.expanded) {
        (false, _) => "  ",
        (true, true) => "▾ ",
        (true, false) => "▸ ",
    };
    let (kind, kind_style) = kind_tag(&n.kind, theme);
    let status = n.detection_status.as_ref().map(|s| status_tag(s, theme));
    let status_cols = status.as_ref().map_or(0, |(t, _)| width(t) + 1);
    let used = width(guide) + 2 + width(kind) + 1 + status_cols + 2;
    let room = v.cols.saturating_sub(used).max(8);
    let text = node_text(n, v, room);
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

/// The evidence item a node stands for.
fn evidence_of<'a>(n: &TreeNode, alert: Option<&'a Alert>) -> Option<&'a Evidence> {
    n.evidence
        .and_then(|i| alert.and_then(|a| a.evidence.get(i)))
}

/// The node's text: a process shows its whole command line bounded with its length (the tree
/// label holds only a prefix); IPs and URLs are defanged when the toggle is on.
fn node_text(n: &TreeNode, v: &View<'_>, room: usize) -> SafeLine {
    let ev = evidence_of(n, v.alert);
    match (&n.kind, ev) {
        (NodeKind::Process, Some(e)) => {
            if let Some(cl) = &e.process_command_line {
                return process_text(e, cl, room);
            }
        }
        (NodeKind::Ip, Some(e)) => {
            if let Some(ip) = &e.ip_address {
                return indicator(ip, Indicator::Ip, v.defang, room);
            }
        }
        (NodeKind::Url, Some(e)) => {
            if let Some(url) = &e.url {
                return indicator(url, Indicator::Url, v.defang, room);
            }
        }
        _ => {}
    }
    bounded_line(&n.label, room)
}

fn process_text(e: &Evidence, cl: &str, room: usize) -> SafeLine {
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
        return SafeLine {
            flags: head.flags.union(mde_text::inspect(cl)),
            text: head.text,
        };
    }
    let rest = bounded_line(cl, left);
    SafeLine {
        text: format!("{} {}", head.text, rest.text),
        flags: head.flags.union(rest.flags),
    }
}

fn indicator(raw: &str, kind: Indicator, defang: bool, room: usize) -> SafeLine {
    let shown = display_indicator(raw, kind, defang);
    SafeLine {
        text: mde_text::bounded(&shown, room).into_owned(),
        flags: mde_text::inspect(raw),
    }
}

/// What the selected node's text really is, when it carries a trick (the badge's words).
pub fn node_warning(n: &TreeNode, alert: Option<&Alert>) -> Option<String> {
    let Some(e) = evidence_of(n, alert) else {
        return mde_text::warning(&n.label);
    };
    [
        ("file name", &e.file_name),
        ("path", &e.file_path),
        ("command line", &e.process_command_line),
        ("parent", &e.parent_process_file_name),
        ("URL", &e.url),
        ("IP", &e.ip_address),
        ("registry key", &e.registry_key),
        ("value name", &e.registry_value_name),
        ("value", &e.registry_value),
        ("account", &e.account_name),
        ("domain", &e.domain_name),
    ]
    .into_iter()
    .find_map(|(what, v)| {
        v.as_deref()
            .and_then(mde_text::warning)
            .map(|w| format!("{what}: {w}"))
    })
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
pub fn render(frame: &mut Frame, area: Rect, state: &State, focused: bool, theme: &Theme) {
    let loaded = state.loaded_detail();
    let tree = state.detail.as_ref().map(|d| &d.tree);
    let info = match (loaded, tree) {
        (Some(d), Some(_)) => format!("{} items", d.alert.evidence.len()),
        _ => String::new(),
    };
    let b = crate::ui::block::pane("Evidence", &info, focused, theme);
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
    let v = View {
        alert: Some(&d.alert),
        cols: usize::from(inner.width),
        focused,
        defang: state.defang,
        theme,
    };
    // The words behind the selected node's badge take the last row.
    let warning = tree
        .selected_node()
        .and_then(|n| node_warning(n, Some(&d.alert)));
    let rows = usize::from(inner.height) - usize::from(warning.is_some() && inner.height > 2);
    let pos = tree.selected_visible_pos();
    let first = (pos + 1).saturating_sub(rows);
    frame.render_widget(Paragraph::new(lines(tree, first, rows, &v)), inner);
    let total = tree.visible().count();
    crate::ui::scroll::bar(frame, area, first, rows, total, theme);
    if let Some(w) = warning.filter(|_| inner.height > 2) {
        let row = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        let text = fit(&w, usize::from(inner.width).saturating_sub(2)).into_owned();
        frame.render_widget(
            Paragraph::new(Line::styled(format!("{BADGE} {text}"), theme.warning)),
            row,
        );
    }
}
