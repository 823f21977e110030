//! Building the evidence tree: parent links by pid and start time, other evidence attached to
//! the process the data links it to, the rest grouped by type.

use super::text::{evidence_label, process_label, user_label};
use super::tree::{EvidenceTree, NodeKind, TreeNode};
use mde_model::{Alert, EntityType, Evidence};
use mde_query::contains_ci as contains_lower_ci;
use std::collections::HashMap;

/// Identity of a parent process known only from its children: pid, start time, image.
type ParentKey = (Option<i64>, Option<i64>, String);

impl EvidenceTree {
    /// Builds the tree of an alert, fully expanded.
    pub fn build(alert: &Alert) -> EvidenceTree {
        Builder::new(alert).build()
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
    contains_lower_ci(hay, &needle.to_lowercase())
}

fn same_user(e: &Evidence, a: &Alert) -> bool {
    let Some(u) = &a.related_user else {
        return false;
    };
    matches!((&e.account_name, &u.user_name), (Some(x), Some(y)) if x.eq_ignore_ascii_case(y))
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
