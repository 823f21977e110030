//! The evidence tree of an alert: the user at the root, processes nested parent→child, and files,
//! registry values, IPs and URLs under the process the data links them to (its image, or a
//! mention in its command line), otherwise grouped by type.
//!
//! Stored as one flat pre-order Vec with depths; expand/collapse flips flags of descendants and
//! the UI skips hidden nodes.

use crate::model::{Alert, DetectionStatus, EntityType, Evidence};
use std::collections::HashMap;

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

/// Identity of a parent process known only from its children: pid, start time, image.
type ParentKey = (Option<i64>, Option<i64>, String);

impl EvidenceTree {
    /// Builds the tree of an alert, fully expanded.
    pub fn build(alert: &Alert) -> Self {
        Builder::new(alert).build()
    }

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

/// Where a non-process item goes.
enum Slot {
    Under(usize),
    Group(&'static str),
}

struct Builder<'a> {
    alert: &'a Alert,
    out: Vec<TreeNode>,
}

impl<'a> Builder<'a> {
    fn new(alert: &'a Alert) -> Self {
        Builder {
            alert,
            out: Vec::new(),
        }
    }

    fn build(mut self) -> EvidenceTree {
        let ev = &self.alert.evidence;
        let procs: Vec<usize> = (0..ev.len())
            .filter(|&i| ev[i].entity_type == EntityType::Process)
            .collect();

        // Root: the related user, else the first user evidence.
        let users: Vec<usize> = (0..ev.len())
            .filter(|&i| ev[i].entity_type == EntityType::User)
            .collect();
        let (root_label, root_ev) = match self.alert.user_display() {
            Some(u) => (
                u,
                users
                    .iter()
                    .copied()
                    .find(|&i| same_user(&ev[i], self.alert)),
            ),
            None => match users.first() {
                Some(&i) => (user_label(&ev[i]), Some(i)),
                None => ("(no user)".to_string(), None),
            },
        };
        self.push(0, NodeKind::User, root_ev, root_label, None);

        // Parent links among the processes; unmatched parents become synthetic nodes.
        let mut parent_of: HashMap<usize, usize> = HashMap::new();
        let mut synthetic: Vec<(ParentKey, Vec<usize>)> = Vec::new();
        for &p in &procs {
            match procs
                .iter()
                .copied()
                .find(|&q| q != p && is_parent(&ev[q], &ev[p]))
            {
                Some(q) => {
                    parent_of.insert(p, q);
                }
                None if ev[p].parent_process_id.is_some()
                    || ev[p].parent_process_file_name.is_some() =>
                {
                    let key = (
                        ev[p].parent_process_id,
                        ev[p].parent_process_creation_time.map(|t| t.millis()),
                        ev[p].parent_process_file_name.clone().unwrap_or_default(),
                    );
                    match synthetic.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, kids)) => kids.push(p),
                        None => synthetic.push((key, vec![p])),
                    }
                }
                None => {}
            }
        }
        let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
        for &p in &procs {
            if let Some(&q) = parent_of.get(&p) {
                children.entry(q).or_default().push(p);
            }
        }
        let in_synthetic: Vec<usize> = synthetic.iter().flat_map(|(_, k)| k.clone()).collect();

        // Attach the other evidence to a process when the data links them.
        let mut attached: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut groups: Vec<(&'static str, Vec<usize>)> = Vec::new();
        for (i, e) in ev.iter().enumerate() {
            if e.entity_type == EntityType::Process || Some(i) == root_ev {
                continue;
            }
            match self.slot_for(&procs, i) {
                Slot::Under(p) => attached.entry(p).or_default().push(i),
                Slot::Group(name) => match groups.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, v)) => v.push(i),
                    None => groups.push((name, vec![i])),
                },
            }
        }

        // Emit: synthetic parents with their children, then root processes, then groups.
        let mut emitted = vec![false; ev.len()];
        let tops: Vec<usize> = procs
            .iter()
            .copied()
            .filter(|p| !parent_of.contains_key(p) && !in_synthetic.contains(p))
            .collect();
        for ((pid, _, name), kids) in &synthetic {
            let label = process_label(name, *pid);
            let node = self.push(1, NodeKind::ParentProcess, None, label, Some(0));
            for &k in kids {
                self.emit_process(k, 2, node, &children, &attached, &mut emitted);
            }
        }
        for p in tops {
            self.emit_process(p, 1, 0, &children, &attached, &mut emitted);
        }
        // Processes caught in a pid cycle were never reached: show them at the top level.
        for &p in &procs {
            if !emitted[p] {
                self.emit_process(p, 1, 0, &children, &attached, &mut emitted);
            }
        }
        groups.sort_by_key(|(n, _)| group_rank(n));
        for (name, items) in groups {
            let label = format!("{name} ({})", items.len());
            let g = self.push(1, NodeKind::Group(name.to_string()), None, label, Some(0));
            for i in items {
                self.push_evidence(i, 2, g);
            }
        }
        self.finish()
    }

    fn emit_process(
        &mut self,
        p: usize,
        depth: u16,
        parent: usize,
        children: &HashMap<usize, Vec<usize>>,
        attached: &HashMap<usize, Vec<usize>>,
        emitted: &mut [bool],
    ) {
        if emitted[p] {
            return;
        }
        emitted[p] = true;
        let node = self.push_evidence(p, depth, parent);
        for &i in attached.get(&p).map(Vec::as_slice).unwrap_or(&[]) {
            self.push_evidence(i, depth + 1, node);
        }
        let mut kids = children.get(&p).cloned().unwrap_or_default();
        let ev = &self.alert.evidence;
        kids.sort_by_key(|&k| ev[k].process_creation_time);
        for k in kids {
            self.emit_process(k, depth + 1, node, children, attached, emitted);
        }
    }

    fn slot_for(&self, procs: &[usize], i: usize) -> Slot {
        let ev = &self.alert.evidence;
        let e = &ev[i];
        let mentions = |needle: &Option<String>| -> Option<usize> {
            let n = needle.as_deref().filter(|n| n.len() >= 3)?;
            procs.iter().copied().find(|&p| {
                ev[p]
                    .process_command_line
                    .as_deref()
                    .is_some_and(|cl| contains_ci(cl, n))
            })
        };
        let found = match &e.entity_type {
            EntityType::File => procs
                .iter()
                .copied()
                .find(|&p| is_image_of(&ev[p], e))
                .or_else(|| mentions(&e.file_name)),
            EntityType::Ip => mentions(&e.ip_address),
            EntityType::Url => mentions(&e.url),
            EntityType::Registry | EntityType::RegistryKey => {
                mentions(&e.registry_value_name).or_else(|| mentions(&e.registry_key))
            }
            _ => None,
        };
        match found {
            Some(p) => Slot::Under(p),
            None => Slot::Group(group_name(&e.entity_type)),
        }
    }

    fn push(
        &mut self,
        depth: u16,
        kind: NodeKind,
        evidence: Option<usize>,
        label: String,
        parent: Option<usize>,
    ) -> usize {
        let detection_status =
            evidence.and_then(|i| self.alert.evidence[i].detection_status.clone());
        if let Some(p) = parent {
            self.out[p].has_children = true;
        }
        self.out.push(TreeNode {
            depth,
            kind,
            evidence,
            label,
            detection_status,
            parent,
            has_children: false,
            expanded: true,
            visible: true,
        });
        self.out.len() - 1
    }

    fn push_evidence(&mut self, i: usize, depth: u16, parent: usize) -> usize {
        let e = &self.alert.evidence[i];
        let kind = match &e.entity_type {
            EntityType::Process => NodeKind::Process,
            EntityType::File => NodeKind::File,
            EntityType::Registry | EntityType::RegistryKey => NodeKind::Registry,
            EntityType::Ip => NodeKind::Ip,
            EntityType::Url => NodeKind::Url,
            EntityType::User => NodeKind::User,
            other => NodeKind::Other(other.clone()),
        };
        let label = evidence_label(e);
        self.push(depth, kind, Some(i), label, Some(parent))
    }

    fn finish(self) -> EvidenceTree {
        EvidenceTree {
            nodes: self.out,
            selected: 0,
        }
    }
}

/// `q` started `p`: pid matches and, when both are known, so does the start time.
fn is_parent(q: &Evidence, p: &Evidence) -> bool {
    let pid_ok = p.parent_process_id.is_some() && q.process_id == p.parent_process_id;
    let time_ok = match (p.parent_process_creation_time, q.process_creation_time) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    pid_ok && time_ok
}

/// The file is the image the process runs.
fn is_image_of(p: &Evidence, f: &Evidence) -> bool {
    let name =
        matches!((&p.file_name, &f.file_name), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b));
    let path = match (&p.file_path, &f.file_path) {
        (Some(a), Some(b)) => a
            .trim_end_matches('\\')
            .eq_ignore_ascii_case(b.trim_end_matches('\\')),
        _ => true,
    };
    let hash = match (&p.sha1, &f.sha1) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => true,
    };
    name && path && hash
}

fn contains_ci(hay: &str, needle: &str) -> bool {
    super::filter::contains_ci(hay, &needle.to_lowercase())
}

fn same_user(e: &Evidence, a: &Alert) -> bool {
    let Some(u) = &a.related_user else {
        return false;
    };
    matches!((&e.account_name, &u.user_name), (Some(x), Some(y)) if x.eq_ignore_ascii_case(y))
}

fn user_label(e: &Evidence) -> String {
    match (&e.domain_name, &e.account_name, &e.user_principal_name) {
        (Some(d), Some(n), _) if !d.is_empty() => format!("{d}\\{n}"),
        (_, Some(n), _) => n.clone(),
        (_, None, Some(upn)) => upn.clone(),
        _ => "(unnamed user)".to_string(),
    }
}

fn process_label(name: &str, pid: Option<i64>) -> String {
    let name = if name.is_empty() {
        "(unknown image)"
    } else {
        name
    };
    match pid {
        Some(pid) => format!("{name} (pid {pid})"),
        None => name.to_string(),
    }
}

/// One line of key fields for an evidence item.
pub fn evidence_label(e: &Evidence) -> String {
    let or = |v: &Option<String>, d: &str| v.clone().unwrap_or_else(|| d.to_string());
    match &e.entity_type {
        EntityType::Process => {
            let mut s = process_label(e.file_name.as_deref().unwrap_or(""), e.process_id);
            if let Some(cl) = &e.process_command_line {
                s.push_str(": ");
                s.extend(cl.chars().take(200));
            }
            s
        }
        EntityType::File => match (&e.file_path, &e.file_name) {
            (Some(p), Some(n)) => format!("{}\\{n}", p.trim_end_matches('\\')),
            (None, Some(n)) => n.clone(),
            _ => or(&e.sha256, "(file)"),
        },
        EntityType::Ip => or(&e.ip_address, "(ip)"),
        EntityType::Url => or(&e.url, "(url)"),
        EntityType::Registry | EntityType::RegistryKey => {
            let mut s = format!(
                "{}\\{}",
                e.registry_hive.as_deref().unwrap_or(""),
                e.registry_key.as_deref().unwrap_or("")
            );
            if let Some(n) = &e.registry_value_name {
                s.push_str(&format!(" [{n}]"));
            }
            if let Some(v) = &e.registry_value {
                s.push_str(" = ");
                s.extend(v.chars().take(200));
            }
            s
        }
        EntityType::User => user_label(e),
        other => format!("{other}"),
    }
}

/// Every known field of an evidence item, one per line, for the full-value view.
pub fn evidence_full_text(e: &Evidence) -> String {
    let mut out = format!("type: {}\n", e.entity_type);
    let mut add = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            out.push_str(k);
            out.push_str(": ");
            out.push_str(&v);
            out.push('\n');
        }
    };
    add("file name", e.file_name.clone());
    add("file path", e.file_path.clone());
    add("sha1", e.sha1.clone());
    add("sha256", e.sha256.clone());
    add("process id", e.process_id.map(|p| p.to_string()));
    add(
        "process created",
        e.process_creation_time.map(|t| t.to_wire()),
    );
    add("command line", e.process_command_line.clone());
    add("parent id", e.parent_process_id.map(|p| p.to_string()));
    add(
        "parent created",
        e.parent_process_creation_time.map(|t| t.to_wire()),
    );
    add("parent file name", e.parent_process_file_name.clone());
    add("parent file path", e.parent_process_file_path.clone());
    add("ip", e.ip_address.clone());
    add("url", e.url.clone());
    add("registry hive", e.registry_hive.clone());
    add("registry key", e.registry_key.clone());
    add("registry value name", e.registry_value_name.clone());
    add("registry value type", e.registry_value_type.clone());
    add("registry value", e.registry_value.clone());
    add("account", e.account_name.clone());
    add("domain", e.domain_name.clone());
    add("sid", e.user_sid.clone());
    add("upn", e.user_principal_name.clone());
    add("aad user id", e.aad_user_id.clone());
    add(
        "detection status",
        e.detection_status.as_ref().map(|d| d.to_string()),
    );
    add(
        "evidence created",
        e.evidence_creation_time.map(|t| t.to_wire()),
    );
    out
}

fn group_name(t: &EntityType) -> &'static str {
    match t {
        EntityType::File => "Files",
        EntityType::Registry | EntityType::RegistryKey => "Registry",
        EntityType::Ip => "IPs",
        EntityType::Url => "URLs",
        EntityType::User => "Users",
        _ => "Other",
    }
}

fn group_rank(n: &str) -> u8 {
    match n {
        "Files" => 0,
        "Registry" => 1,
        "IPs" => 2,
        "URLs" => 3,
        "Users" => 4,
        _ => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RelatedUser, Timestamp};

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
