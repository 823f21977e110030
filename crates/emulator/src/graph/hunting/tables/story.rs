//! The processes hunting records around one endpoint alert, consistent with its evidence: each
//! evidence process with its parent (the outermost one included), a console host for each
//! shell, a few benign programs the user ran meanwhile, and one program that used the detected
//! process's pid earlier (pids are reused; a process is its pid and its creation time). Seeded
//! by the alert id, so every query sees the same rows.

use crate::rng::{Rng, name_hash};
use mde_model::{Alert, EntityType, Timestamp};

/// One process.
#[derive(Debug, Clone, PartialEq)]
pub struct Proc {
    /// Process id.
    pub pid: i64,
    /// Creation time.
    pub created: Timestamp,
    /// Image name.
    pub name: String,
    /// Image folder.
    pub folder: String,
    /// Command line.
    pub command_line: String,
    /// Image SHA-1.
    pub sha1: String,
    /// Image SHA-256.
    pub sha256: String,
    /// `DOMAIN`, `account` it ran as.
    pub account: (String, String),
    /// Integrity level.
    pub integrity: &'static str,
    /// Index of its parent in the story, if known.
    pub parent: Option<usize>,
    /// True for the alert's own evidence.
    pub evidence: bool,
}

/// The processes of one alert's device around the alert.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Story {
    /// The processes, parents before children where known.
    pub procs: Vec<Proc>,
    /// The detected (last) evidence process.
    pub leaf: Option<usize>,
}

/// SHA-1 and SHA-256 of an image by name, as the demo tenant's evidence derives them.
pub fn hashes(file_name: &str) -> (String, String) {
    let mut r = Rng::new(name_hash(file_name));
    (r.hex(40), r.hex(64))
}

const SYSTEM32: &str = "C:\\Windows\\System32";

/// The usual parent of a program that has none in the evidence.
fn natural_parent(name: &str) -> (&'static str, &'static str) {
    match name.to_ascii_lowercase().as_str() {
        "explorer.exe" => ("userinit.exe", SYSTEM32),
        "services.exe" => ("wininit.exe", SYSTEM32),
        "svchost.exe" => ("services.exe", SYSTEM32),
        "wmiprvse.exe" => ("svchost.exe", SYSTEM32),
        "userinit.exe" | "wininit.exe" => ("smss.exe", SYSTEM32),
        _ => ("explorer.exe", "C:\\Windows"),
    }
}

fn system(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "services.exe" | "svchost.exe" | "wininit.exe" | "smss.exe" | "wmiprvse.exe"
    )
}

fn shift(t: Timestamp, ms: i64) -> Timestamp {
    Timestamp(t.0 + chrono::Duration::milliseconds(ms))
}

impl Story {
    /// The story of an alert (empty when it has no process evidence or no device).
    pub fn of(a: &Alert) -> Story {
        let mut s = Story::default();
        if a.machine_id.is_none() {
            return s;
        }
        let user = a
            .related_user
            .as_ref()
            .map(|u| {
                (
                    u.domain_name.clone().unwrap_or_default(),
                    u.user_name.clone().unwrap_or_default(),
                )
            })
            .unwrap_or_else(|| ("CONTOSO".into(), "unknown".into()));
        let sys = ("NT AUTHORITY".to_string(), "system".to_string());
        for e in a
            .evidence
            .iter()
            .filter(|e| e.entity_type == EntityType::Process)
        {
            let (Some(pid), Some(created)) = (e.process_id, e.process_creation_time) else {
                continue;
            };
            let name = e.file_name.clone().unwrap_or_default();
            let (sha1, sha256) = hashes(&name);
            let parent = match (e.parent_process_id, e.parent_process_creation_time) {
                (Some(ppid), Some(pct)) => Some(s.parent_of(ppid, pct, e, &user, &sys)),
                _ => None,
            };
            s.procs.push(Proc {
                pid,
                created,
                account: if system(&name) {
                    sys.clone()
                } else {
                    user.clone()
                },
                integrity: if system(&name) { "System" } else { "Medium" },
                command_line: e.process_command_line.clone().unwrap_or_default(),
                folder: e.file_path.clone().unwrap_or_default(),
                sha1: e.sha1.clone().unwrap_or(sha1),
                sha256: e.sha256.clone().unwrap_or(sha256),
                name,
                parent,
                evidence: true,
            });
        }
        s.leaf = s
            .procs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.evidence)
            .max_by_key(|(_, p)| p.created)
            .map(|(i, _)| i);
        s.add_noise(a, &user);
        s
    }

    /// The index of the parent `ppid`/`pct`, adding it when no evidence item is that process.
    fn parent_of(
        &mut self,
        ppid: i64,
        pct: Timestamp,
        child: &mde_model::Evidence,
        user: &(String, String),
        sys: &(String, String),
    ) -> usize {
        if let Some(i) = self.find(ppid, pct) {
            return i;
        }
        let name = child.parent_process_file_name.clone().unwrap_or_default();
        let folder = child.parent_process_file_path.clone().unwrap_or_default();
        let (gp_name, gp_folder) = natural_parent(&name);
        let mut rng = Rng::new(name_hash(&format!("{ppid}|{}", pct.to_wire())));
        let gp_created = shift(pct, -(rng.range(60_000, 3_600_000) as i64));
        let gp_pid = rng.range(100, 2000) as i64 * 4;
        let (gsha1, gsha256) = hashes(gp_name);
        self.procs.push(Proc {
            pid: gp_pid,
            created: gp_created,
            name: gp_name.to_string(),
            folder: gp_folder.to_string(),
            command_line: format!("{gp_folder}\\{gp_name}"),
            sha1: gsha1,
            sha256: gsha256,
            account: if system(gp_name) {
                sys.clone()
            } else {
                user.clone()
            },
            integrity: if system(gp_name) { "System" } else { "Medium" },
            parent: None,
            evidence: false,
        });
        let gp = self.procs.len() - 1;
        let (sha1, sha256) = hashes(&name);
        self.procs.push(Proc {
            pid: ppid,
            created: pct,
            command_line: format!("\"{folder}\\{name}\""),
            account: if system(&name) {
                sys.clone()
            } else {
                user.clone()
            },
            integrity: if system(&name) { "System" } else { "Medium" },
            name,
            folder,
            sha1,
            sha256,
            parent: Some(gp),
            evidence: false,
        });
        self.procs.len() - 1
    }

    fn find(&self, pid: i64, created: Timestamp) -> Option<usize> {
        self.procs
            .iter()
            .position(|p| p.pid == pid && p.created == created)
    }

    fn push(
        &mut self,
        rng: &mut Rng,
        parent: usize,
        name: &str,
        folder: &str,
        cmd: String,
        at: Timestamp,
    ) {
        let (sha1, sha256) = hashes(name);
        let pid = loop {
            let pid = rng.range(100, 16_000) as i64 * 4;
            if !self.procs.iter().any(|p| p.pid == pid) {
                break pid;
            }
        };
        let account = self.procs[parent].account.clone();
        self.procs.push(Proc {
            pid,
            created: at,
            name: name.to_string(),
            folder: folder.to_string(),
            command_line: cmd,
            sha1,
            sha256,
            account,
            integrity: "Medium",
            parent: Some(parent),
            evidence: false,
        });
    }

    fn add_noise(&mut self, a: &Alert, user: &(String, String)) {
        let Some(leaf) = self.leaf else {
            return;
        };
        let mut rng = Rng::new(name_hash(&a.id) ^ 0x6875_6e74);
        // Every shell gets its console host a moment after it starts.
        let shells: Vec<usize> = (0..self.procs.len())
            .filter(|i| {
                self.procs[*i].evidence
                    && matches!(
                        self.procs[*i].name.to_ascii_lowercase().as_str(),
                        "cmd.exe" | "powershell.exe"
                    )
            })
            .collect();
        for sh in shells {
            let at = shift(self.procs[sh].created, rng.range(15, 250) as i64);
            self.push(
                &mut rng,
                sh,
                "conhost.exe",
                SYSTEM32,
                "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1".into(),
                at,
            );
        }
        // The session's shell (the outermost known ancestor) started a few ordinary programs.
        let mut chain = vec![leaf];
        while let Some(p) = self.procs[chain[chain.len() - 1]].parent {
            if chain.contains(&p) || chain.len() > self.procs.len() {
                break;
            }
            chain.push(p);
        }
        let session = chain
            .iter()
            .copied()
            .find(|i| self.procs[*i].name.eq_ignore_ascii_case("explorer.exe"))
            .unwrap_or(chain[chain.len() - 1]);
        let leaf_at = self.procs[leaf].created;
        let benign: &[(&str, &str, &str)] = &[
            (
                "chrome.exe",
                "C:\\Program Files\\Google\\Chrome\\Application",
                "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --profile-directory=Default",
            ),
            (
                "ms-teams.exe",
                "C:\\Program Files\\WindowsApps\\MSTeams_24335.208.3315.1951_x64__8wekyb3d8bbwe",
                "\"ms-teams.exe\" --processStartReason=AppLaunch",
            ),
            (
                "OneDrive.exe",
                "C:\\Program Files\\Microsoft OneDrive",
                "\"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe\" /background",
            ),
            (
                "SnippingTool.exe",
                "C:\\Program Files\\WindowsApps\\Microsoft.ScreenSketch_11.2409.25.0_x64__8wekyb3d8bbwe",
                "\"SnippingTool.exe\"",
            ),
        ];
        let n = rng.range(1, 3) as usize;
        for _ in 0..n {
            let (name, folder, cmd) = *rng.pick(benign);
            let at = shift(leaf_at, rng.range(0, 100 * 60_000) as i64 - 50 * 60_000);
            self.push(&mut rng, session, name, folder, cmd.to_string(), at);
        }
        // Earlier, another program ran under the pid the detected process has now.
        let reused = self.procs[leaf].pid;
        let at = shift(leaf_at, -(rng.range(10 * 60_000, 40 * 60_000) as i64));
        let (sha1, sha256) = hashes("notepad.exe");
        self.procs.push(Proc {
            pid: reused,
            created: at,
            name: "notepad.exe".into(),
            folder: SYSTEM32.into(),
            command_line: "\"C:\\Windows\\system32\\notepad.exe\"".into(),
            sha1,
            sha256,
            account: user.clone(),
            integrity: "Medium",
            parent: Some(session),
            evidence: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo_data::{DemoSpec, generate};

    #[test]
    fn every_evidence_process_is_in_the_story_with_its_parent() {
        let spec = DemoSpec::new(11, Timestamp::parse("2026-03-01T00:00:00Z").unwrap());
        let mut with_reuse = 0;
        for a in generate(&spec).iter().take(120) {
            let s = Story::of(a);
            for e in a
                .evidence
                .iter()
                .filter(|e| e.entity_type == EntityType::Process)
            {
                let i = s
                    .procs
                    .iter()
                    .position(|p| {
                        Some(p.pid) == e.process_id && Some(p.created) == e.process_creation_time
                    })
                    .unwrap_or_else(|| panic!("{}: pid {:?} missing", a.id, e.process_id));
                let parent = &s.procs[s.procs[i].parent.expect("parent")];
                assert_eq!(Some(parent.pid), e.parent_process_id);
                assert_eq!(Some(parent.created), e.parent_process_creation_time);
            }
            if let Some(leaf) = s.leaf {
                let pid = s.procs[leaf].pid;
                if s.procs.iter().filter(|p| p.pid == pid).count() > 1 {
                    with_reuse += 1;
                }
            }
            // Same alert, same story.
            assert_eq!(Story::of(a), s);
        }
        assert!(with_reuse > 10, "reused pids: {with_reuse}");
    }
}
