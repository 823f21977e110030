//! The evidence tree of an alert: the user at the root, processes nested parent→child, and files,
//! registry values, IPs and URLs under the process the data links them to (its image, or a
//! mention in its command line), otherwise grouped by type.
//!
//! Stored as one flat pre-order Vec with depths; expand/collapse flips flags of descendants and
//! the UI skips hidden nodes.

use mde_model::{DetectionStatus, EntityType};

/// What a node stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// The user the alert is about (root).
    User,
    /// A process from the evidence.
    Process,
    /// A parent known only from a child's parent fields.
    ParentProcess,
    /// A file.
    File,
    /// A registry key or value.
    Registry,
    /// An IP address.
    Ip,
    /// A URL.
    Url,
    /// Any other evidence type.
    Other(EntityType),
    /// A heading grouping evidence of one type that no process claims.
    Group(String),
}

/// One line of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeNode {
    /// Indentation level (root = 0).
    pub depth: u16,
    /// Kind.
    pub kind: NodeKind,
    /// Index into `alert.evidence`, when the node is one evidence item.
    pub evidence: Option<usize>,
    /// Key fields in one line (raw; the UI sanitises).
    pub label: String,
    /// Detection status of the evidence.
    pub detection_status: Option<DetectionStatus>,
    /// Parent node.
    pub parent: Option<usize>,
    /// Whether any node hangs below this one.
    pub has_children: bool,
    /// Children shown.
    pub expanded: bool,
    /// All ancestors expanded.
    pub visible: bool,
}

/// The tree and its cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvidenceTree {
    /// Every node in pre-order.
    pub nodes: Vec<TreeNode>,
    /// The node under the cursor (index into `nodes`).
    pub selected: usize,
}

impl EvidenceTree {
    /// Keeps the cursor and the expanded flags of `old` when it shows the same nodes (the same
    /// alert loaded again, from the service after the cache).
    pub fn carry_over(&mut self, old: &EvidenceTree) {
        let same = self.nodes.len() == old.nodes.len()
            && self
                .nodes
                .iter()
                .zip(&old.nodes)
                .all(|(a, b)| a.depth == b.depth && a.label == b.label);
        if !same {
            return;
        }
        for (n, o) in self.nodes.iter_mut().zip(&old.nodes) {
            n.expanded = o.expanded;
            n.visible = o.visible;
        }
        self.selected = old.selected;
    }

    /// The visible nodes with their indices, in display order.
    pub fn visible(&self) -> impl Iterator<Item = (usize, &TreeNode)> {
        self.nodes.iter().enumerate().filter(|(_, n)| n.visible)
    }

    /// Number of visible nodes.
    pub fn visible_len(&self) -> usize {
        self.nodes.iter().filter(|n| n.visible).count()
    }

    /// Position of the cursor among the visible nodes.
    pub fn selected_visible_pos(&self) -> usize {
        self.visible()
            .position(|(i, _)| i == self.selected)
            .unwrap_or(0)
    }

    /// The node under the cursor.
    pub fn selected_node(&self) -> Option<&TreeNode> {
        self.nodes.get(self.selected)
    }

    /// Moves the cursor by `delta` visible lines, clamped.
    pub fn move_by(&mut self, delta: isize) {
        let vis: Vec<usize> = self.visible().map(|(i, _)| i).collect();
        if vis.is_empty() {
            return;
        }
        let pos = vis.iter().position(|&i| i == self.selected).unwrap_or(0);
        let new = pos.saturating_add_signed(delta).min(vis.len() - 1);
        self.selected = vis[new];
    }

    /// Moves the cursor to the first or last visible node.
    pub fn move_to_end(&mut self, last: bool) {
        let pick = if last {
            self.visible().last().map(|(i, _)| i)
        } else {
            self.visible().next().map(|(i, _)| i)
        };
        if let Some(i) = pick {
            self.selected = i;
        }
    }

    /// Expands or collapses the selected node; false when it has no children.
    pub fn toggle(&mut self) -> bool {
        let i = self.selected;
        match self.nodes.get(i) {
            Some(n) if n.has_children => {
                let e = !n.expanded;
                self.set_expanded(i, e);
                true
            }
            _ => false,
        }
    }

    /// Expands the selected node.
    pub fn expand(&mut self) {
        if self
            .nodes
            .get(self.selected)
            .is_some_and(|n| n.has_children)
        {
            self.set_expanded(self.selected, true);
        }
    }

    /// Collapses the selected node, or moves to its parent when it is already collapsed.
    pub fn collapse(&mut self) {
        let Some(n) = self.nodes.get(self.selected) else {
            return;
        };
        if n.has_children && n.expanded {
            self.set_expanded(self.selected, false);
        } else if let Some(p) = n.parent {
            self.selected = p;
        }
    }

    fn set_expanded(&mut self, i: usize, expanded: bool) {
        self.nodes[i].expanded = expanded;
        let depth = self.nodes[i].depth;
        let mut j = i + 1;
        while j < self.nodes.len() && self.nodes[j].depth > depth {
            if let Some(p) = self.nodes[j].parent {
                self.nodes[j].visible = self.nodes[p].visible && self.nodes[p].expanded;
            }
            j += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Alert, Evidence, RelatedUser, Timestamp};

    fn ts(s: &str) -> Option<Timestamp> {
        Timestamp::parse(s).ok()
    }

    fn process(name: &str, pid: i64, created: &str, ppid: Option<(i64, &str)>) -> Evidence {
        let mut e = Evidence::empty(EntityType::Process);
        e.file_name = Some(name.into());
        e.file_path = Some("C:\\Windows\\System32".into());
        e.process_id = Some(pid);
        e.process_creation_time = ts(created);
        if let Some((p, t)) = ppid {
            e.parent_process_id = Some(p);
            e.parent_process_creation_time = ts(t);
            e.parent_process_file_name = Some("parent.exe".into());
        }
        e
    }

    fn shape(t: &EvidenceTree) -> Vec<(u16, String)> {
        t.visible()
            .map(|(_, n)| (n.depth, n.label.chars().take(24).collect()))
            .collect()
    }

    #[test]
    fn processes_nest_by_pid_and_creation_time() {
        let mut a = Alert::new("a", "t");
        a.related_user = Some(RelatedUser {
            user_name: Some("jdoe".into()),
            domain_name: Some("CONTOSO".into()),
        });
        let t0 = "2024-01-01T00:00:00Z";
        let t1 = "2024-01-01T01:00:00Z";
        // Two processes with pid 10 (pid reuse); the child names the second by start time.
        a.evidence = vec![
            process("old.exe", 10, t0, None),
            process("explorer.exe", 10, t1, None),
            process("cmd.exe", 20, "2024-01-01T02:00:00Z", Some((10, t1))),
            process("orphan.exe", 30, t1, Some((99, t0))),
        ];
        let mut f = Evidence::empty(EntityType::File);
        f.file_name = Some("cmd.exe".into());
        f.file_path = Some("C:\\Windows\\System32\\".into());
        let mut reg = Evidence::empty(EntityType::Registry);
        reg.registry_hive = Some("HKLM".into());
        reg.registry_key = Some("Software\\Run".into());
        a.evidence.push(f);
        a.evidence.push(reg);
        let t = EvidenceTree::build(&a);
        assert_eq!(
            shape(&t),
            [
                (0, "CONTOSO\\jdoe".to_string()),
                (1, "parent.exe (pid 99)".to_string()),
                (2, "orphan.exe (pid 30)".to_string()),
                (1, "old.exe (pid 10)".to_string()),
                (1, "explorer.exe (pid 10)".to_string()),
                (2, "cmd.exe (pid 20)".to_string()),
                (3, "C:\\Windows\\System32\\cmd.".to_string()),
                (1, "Registry (1)".to_string()),
                (2, "HKLM\\Software\\Run".to_string()),
            ]
        );
        assert_eq!(t.nodes[1].kind, NodeKind::ParentProcess);
        assert_eq!(t.nodes[6].kind, NodeKind::File);
    }

    #[test]
    fn a_pid_cycle_still_shows_every_process_once() {
        let mut a = Alert::new("a", "t");
        a.evidence = vec![
            process("a.exe", 1, "2024-01-01T00:00:00Z", Some((2, ""))),
            process("b.exe", 2, "2024-01-01T00:00:00Z", Some((1, ""))),
        ];
        let t = EvidenceTree::build(&a);
        let procs = t
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Process)
            .count();
        assert_eq!(procs, 2);
    }

    #[test]
    fn collapse_hides_descendants_and_moves_to_parent() {
        let mut a = Alert::new("a", "t");
        a.evidence = vec![
            process("p.exe", 1, "2024-01-01T00:00:00Z", None),
            process(
                "c.exe",
                2,
                "2024-01-01T00:01:00Z",
                Some((1, "2024-01-01T00:00:00Z")),
            ),
            process(
                "g.exe",
                3,
                "2024-01-01T00:02:00Z",
                Some((2, "2024-01-01T00:01:00Z")),
            ),
        ];
        let mut t = EvidenceTree::build(&a);
        assert_eq!(t.visible_len(), 4);
        t.move_by(1);
        t.collapse();
        assert_eq!(t.visible_len(), 2);
        t.expand();
        assert_eq!(t.visible_len(), 4);
        t.move_by(1); // c.exe
        t.collapse();
        assert_eq!(t.visible_len(), 3);
        t.collapse(); // already collapsed: go to the parent
        assert_eq!(t.selected, 1);
        t.toggle();
        assert_eq!(t.visible_len(), 2);
        t.toggle();
        assert_eq!(t.visible_len(), 3, "c.exe stays collapsed inside");
        t.move_to_end(true);
        assert_eq!(t.nodes[t.selected].label, "c.exe (pid 2)");
        assert!(!t.toggle() || t.nodes[t.selected].has_children);
    }

    #[test]
    fn empty_alert_has_only_the_root() {
        let t = EvidenceTree::build(&Alert::new("a", "t"));
        assert_eq!(t.nodes.len(), 1);
        assert_eq!(t.nodes[0].label, "(no user)");
    }
}
