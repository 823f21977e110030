//! The process tree around an alert, built from `DeviceProcesses` hunting rows: each row is a
//! process created on the device, naming its parent by `InitiatingProcessId` and
//! `InitiatingProcessCreationTime`. Pids are reused, so a process is its pid and its creation
//! time; a parent outside the window becomes a node of its own from the row's Initiating* fields.

use super::hunt::ProcessKey;
use super::hunting::HuntingResult;
use crate::time::Timestamp;
use std::collections::HashMap;

/// Creation times of one process may differ this much between sources (1 s).
const TOLERANCE_MS: i64 = 1000;

/// One process in the story.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcNode {
    /// Process id.
    pub pid: i64,
    /// When it started (None for a parent known only by pid).
    pub created: Option<Timestamp>,
    /// Image name.
    pub file_name: Option<String>,
    /// Image folder.
    pub folder: Option<String>,
    /// Command line (attacker-controlled).
    pub command_line: Option<String>,
    /// Image SHA-1.
    pub sha1: Option<String>,
    /// `DOMAIN\user` it ran as.
    pub account: Option<String>,
    /// Its parent, by index.
    pub parent: Option<usize>,
    /// Its children, by index, oldest first.
    pub children: Vec<usize>,
    /// True when the row came from the query (false: a parent seen only in a child's row).
    pub seen: bool,
    /// True when the alert's evidence names this process.
    pub evidence: bool,
}

/// The tree.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProcessStory {
    /// Every process, in the order first met.
    pub nodes: Vec<ProcNode>,
    /// Processes without a known parent, oldest first.
    pub roots: Vec<usize>,
}

fn text(r: &HuntingResult, row: &[super::hunting::Cell], col: &str) -> Option<String> {
    r.cell(row, col)
        .and_then(|c| c.as_str())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl ProcessStory {
    /// Builds the tree from the rows of a `DeviceProcesses` query.
    pub fn build(r: &HuntingResult) -> ProcessStory {
        let mut story = ProcessStory::default();
        let mut by_pid: HashMap<i64, Vec<usize>> = HashMap::new();
        for row in &r.rows {
            let Some(pid) = r.cell(row, "ProcessId").and_then(|c| c.as_i64()) else {
                continue;
            };
            let created = r.cell(row, "ProcessCreationTime").and_then(|c| c.as_time());
            let account = match (text(r, row, "AccountDomain"), text(r, row, "AccountName")) {
                (Some(d), Some(n)) => Some(format!("{d}\\{n}")),
                (None, Some(n)) => Some(n),
                _ => None,
            };
            let node = ProcNode {
                pid,
                created,
                file_name: text(r, row, "FileName"),
                folder: text(r, row, "FolderPath"),
                command_line: text(r, row, "ProcessCommandLine"),
                sha1: text(r, row, "SHA1"),
                account,
                parent: None,
                children: Vec::new(),
                seen: true,
                evidence: false,
            };
            let me = match story.find(&by_pid, pid, created) {
                // A parent placeholder made earlier: the row fills it in.
                Some(i) if !story.nodes[i].seen => {
                    let keep = (
                        story.nodes[i].parent,
                        std::mem::take(&mut story.nodes[i].children),
                    );
                    story.nodes[i] = ProcNode {
                        parent: keep.0,
                        children: keep.1,
                        ..node
                    };
                    i
                }
                Some(i) => i,
                None => story.push(&mut by_pid, node),
            };
            if story.nodes[me].parent.is_some() {
                continue;
            }
            let Some(ppid) = r.cell(row, "InitiatingProcessId").and_then(|c| c.as_i64()) else {
                continue;
            };
            let pcreated = r
                .cell(row, "InitiatingProcessCreationTime")
                .and_then(|c| c.as_time());
            let parent = match story.find(&by_pid, ppid, pcreated) {
                Some(p) => p,
                None => story.push(
                    &mut by_pid,
                    ProcNode {
                        pid: ppid,
                        created: pcreated,
                        file_name: text(r, row, "InitiatingProcessFileName"),
                        folder: text(r, row, "InitiatingProcessFolderPath"),
                        command_line: text(r, row, "InitiatingProcessCommandLine"),
                        sha1: text(r, row, "InitiatingProcessSHA1"),
                        account: None,
                        parent: None,
                        children: Vec::new(),
                        seen: false,
                        evidence: false,
                    },
                ),
            };
            if parent != me {
                story.nodes[me].parent = Some(parent);
                story.nodes[parent].children.push(me);
            }
        }
        let key = |n: &ProcNode| (n.created, n.pid);
        let mut roots: Vec<usize> = (0..story.nodes.len())
            .filter(|i| story.nodes[*i].parent.is_none())
            .collect();
        roots.sort_by_key(|i| key(&story.nodes[*i]));
        story.roots = roots;
        let order: Vec<Vec<usize>> = story
            .nodes
            .iter()
            .map(|n| {
                let mut c = n.children.clone();
                c.sort_by_key(|i| key(&story.nodes[*i]));
                c
            })
            .collect();
        for (n, c) in story.nodes.iter_mut().zip(order) {
            n.children = c;
        }
        story
    }

    /// Marks the alert's evidence processes; returns how many were found in the tree.
    pub fn mark_evidence(&mut self, keys: &[ProcessKey]) -> usize {
        let mut found = 0;
        for k in keys {
            let pid = i64::from(k.pid.get());
            if let Some(n) = self.nodes.iter_mut().find(|n| {
                n.pid == pid
                    && n.created
                        .is_some_and(|c| (c.millis() - k.created.millis()).abs() <= TOLERANCE_MS)
            }) {
                n.evidence = true;
                found += 1;
            }
        }
        found
    }

    /// The chain of ancestors of `node`, nearest first.
    pub fn ancestors(&self, node: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = self.nodes.get(node).and_then(|n| n.parent);
        while let Some(p) = at {
            if out.contains(&p) || out.len() > self.nodes.len() {
                break;
            }
            out.push(p);
            at = self.nodes[p].parent;
        }
        out
    }

    fn find(
        &self,
        by_pid: &HashMap<i64, Vec<usize>>,
        pid: i64,
        created: Option<Timestamp>,
    ) -> Option<usize> {
        let candidates = by_pid.get(&pid)?;
        match created {
            Some(t) => candidates
                .iter()
                .copied()
                .filter_map(|i| {
                    let c = self.nodes[i].created?;
                    let d = (c.millis() - t.millis()).abs();
                    (d <= TOLERANCE_MS).then_some((d, i))
                })
                .min()
                .map(|(_, i)| i),
            None => candidates.first().copied(),
        }
    }

    fn push(&mut self, by_pid: &mut HashMap<i64, Vec<usize>>, node: ProcNode) -> usize {
        let i = self.nodes.len();
        by_pid.entry(node.pid).or_default().push(i);
        self.nodes.push(node);
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::hunt::ProcessId;

    fn result(rows: &[(i64, &str, &str, i64, &str, &str)]) -> HuntingResult {
        let results: Vec<serde_json::Value> = rows
            .iter()
            .map(|(pid, ct, name, ppid, pct, pname)| {
                serde_json::json!({"ProcessId": pid, "ProcessCreationTime": ct, "FileName": name,
                    "InitiatingProcessId": ppid, "InitiatingProcessCreationTime": pct,
                    "InitiatingProcessFileName": pname, "AccountDomain": "CONTOSO", "AccountName": "j"})
            })
            .collect();
        let json = serde_json::json!({"schema": [
            {"name":"ProcessId","type":"Int64"},{"name":"ProcessCreationTime","type":"DateTime"},
            {"name":"FileName","type":"String"},{"name":"InitiatingProcessId","type":"Int64"},
            {"name":"InitiatingProcessCreationTime","type":"DateTime"},{"name":"InitiatingProcessFileName","type":"String"},
            {"name":"AccountDomain","type":"String"},{"name":"AccountName","type":"String"}],
            "results": results});
        HuntingResult::parse(&json.to_string()).unwrap()
    }

    #[test]
    fn a_reused_pid_is_two_processes_and_outside_parents_become_nodes() {
        let r = result(&[
            (
                100,
                "2024-01-01T10:00:00Z",
                "winword.exe",
                50,
                "2024-01-01T08:00:00Z",
                "explorer.exe",
            ),
            (
                200,
                "2024-01-01T10:01:00Z",
                "cmd.exe",
                100,
                "2024-01-01T10:00:00.0000003Z",
                "winword.exe",
            ),
            (
                300,
                "2024-01-01T10:02:00Z",
                "powershell.exe",
                200,
                "2024-01-01T10:01:00Z",
                "cmd.exe",
            ),
            // pid 200 reused later by an unrelated process.
            (
                200,
                "2024-01-01T10:30:00Z",
                "notepad.exe",
                50,
                "2024-01-01T08:00:00Z",
                "explorer.exe",
            ),
        ]);
        let mut s = ProcessStory::build(&r);
        assert_eq!(s.nodes.len(), 5);
        assert_eq!(s.roots.len(), 1);
        let explorer = s.roots[0];
        assert_eq!(s.nodes[explorer].file_name.as_deref(), Some("explorer.exe"));
        assert!(!s.nodes[explorer].seen);
        let names = |ix: &[usize]| -> Vec<String> {
            ix.iter()
                .map(|i| s.nodes[*i].file_name.clone().unwrap_or_default())
                .collect()
        };
        assert_eq!(
            names(&s.nodes[explorer].children),
            ["winword.exe", "notepad.exe"]
        );
        let ps = s.nodes.iter().position(|n| n.pid == 300).unwrap();
        assert_eq!(
            names(&s.ancestors(ps)),
            ["cmd.exe", "winword.exe", "explorer.exe"]
        );
        assert_eq!(s.nodes[ps].account.as_deref(), Some("CONTOSO\\j"));
        let marked = s.mark_evidence(&[ProcessKey {
            pid: ProcessId::new(200).unwrap(),
            created: Timestamp::parse("2024-01-01T10:01:00.4Z").unwrap(),
        }]);
        assert_eq!(marked, 1);
        let cmd = s.nodes.iter().position(|n| n.evidence).unwrap();
        assert_eq!(s.nodes[cmd].file_name.as_deref(), Some("cmd.exe"));
    }

    #[test]
    fn a_child_seen_before_its_parent_is_linked_when_the_parent_arrives() {
        let r = result(&[
            (
                300,
                "2024-01-01T10:02:00Z",
                "powershell.exe",
                200,
                "2024-01-01T10:01:00Z",
                "cmd.exe",
            ),
            (
                200,
                "2024-01-01T10:01:00Z",
                "cmd.exe",
                100,
                "2024-01-01T10:00:00Z",
                "winword.exe",
            ),
        ]);
        let s = ProcessStory::build(&r);
        assert_eq!(s.nodes.len(), 3);
        let cmd = s.nodes.iter().position(|n| n.pid == 200).unwrap();
        assert!(s.nodes[cmd].seen);
        assert_eq!(s.nodes[cmd].children.len(), 1);
        assert_eq!(s.roots.len(), 1);
        assert_eq!(
            s.nodes[s.roots[0]].file_name.as_deref(),
            Some("winword.exe")
        );
    }
}
