//! The demo tenant's evidence: every process chain a proper tree, hashes that follow the file
//! names, every evidence kind present, encoded PowerShell that decodes (sometimes twice).

use super::*;

#[test]
fn every_process_chain_is_a_proper_tree() {
    let alerts = tenant();
    let mut depths = BTreeSet::new();
    for a in alerts {
        let ps = processes(a);
        if ps.is_empty() {
            continue;
        }
        let key = |pid: Option<i64>, t: Option<Timestamp>| (pid.expect("pid"), t.expect("time"));
        let by_key: HashMap<(i64, Timestamp), &Evidence> = ps
            .iter()
            .map(|p| (key(p.process_id, p.process_creation_time), *p))
            .collect();
        assert_eq!(by_key.len(), ps.len(), "{}: (pid, creation) unique", a.id);
        let mut roots = 0;
        let depth_of = |start: &Evidence| {
            let mut depth = 1;
            let mut cur = start;
            while let (Some(pid), Some(t)) =
                (cur.parent_process_id, cur.parent_process_creation_time)
                && let Some(parent) = by_key.get(&(pid, t))
            {
                assert_eq!(cur.parent_process_file_name, parent.file_name, "{}", a.id);
                assert_eq!(cur.parent_process_file_path, parent.file_path, "{}", a.id);
                assert!(
                    parent.process_creation_time < cur.process_creation_time,
                    "{}",
                    a.id
                );
                depth += 1;
                assert!(depth <= 5, "{}: deeper than 5", a.id);
                cur = parent;
            }
            depth
        };
        for p in &ps {
            depths.insert(depth_of(p));
            let parent = p
                .parent_process_id
                .zip(p.parent_process_creation_time)
                .and_then(|k| by_key.get(&k));
            match parent {
                Some(_) => {}
                None => {
                    roots += 1;
                    // The chain root still names the process that started it.
                    assert!(p.parent_process_id.is_some() && p.parent_process_file_name.is_some());
                }
            }
            assert!(
                p.process_creation_time <= a.first_event_time,
                "{}: process after the first event",
                a.id
            );
        }
        assert_eq!(roots, 1, "{}: one chain root", a.id);
    }
    assert_eq!(depths, (1..=5).collect(), "every depth 1–5 occurs");
}

/// The same file name always carries the same SHA-1 and SHA-256.
pub(super) fn assert_hashes_follow_file_names(alerts: &[Alert]) {
    let mut hashes: HashMap<&str, (&str, &str)> = HashMap::new();
    for e in alerts.iter().flat_map(|a| &a.evidence) {
        if let Some(n) = &e.file_name {
            let (Some(s1), Some(s256)) = (&e.sha1, &e.sha256) else {
                panic!("{n} has no hashes");
            };
            assert_eq!((s1.len(), s256.len()), (40, 64));
            let prev = hashes.entry(n).or_insert((s1, s256));
            assert_eq!(*prev, (s1.as_str(), s256.as_str()), "{n}: hashes differ");
        }
    }
}

#[test]
fn evidence_covers_every_kind_with_consistent_hashes() {
    let alerts = tenant();
    let kinds: HashSet<String> = alerts
        .iter()
        .flat_map(|a| &a.evidence)
        .map(|e| e.entity_type.as_str().to_string())
        .collect();
    for k in ["User", "Process", "File", "Ip", "Url", "Registry"] {
        assert!(kinds.contains(k), "no {k} evidence");
    }
    assert_hashes_follow_file_names(alerts);
    for e in alerts.iter().flat_map(|a| &a.evidence) {
        if e.entity_type == EntityType::Registry {
            assert!(e.registry_key.is_some() && e.registry_hive.is_some());
            assert!(e.registry_value_name.is_some() && e.registry_value_type.is_some());
            assert!(e.registry_value.is_some());
        }
    }
    let statuses: HashSet<Option<String>> = alerts
        .iter()
        .flat_map(|a| &a.evidence)
        .map(|e| e.detection_status.as_ref().map(|s| s.as_str().to_string()))
        .collect();
    for s in [None, Some("Detected"), Some("Blocked"), Some("Prevented")] {
        assert!(statuses.contains(&s.map(str::to_string)), "{s:?} missing");
    }
}

fn decode_utf16le(b64: &str) -> Option<String> {
    let bytes = STANDARD.decode(b64).ok()?;
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16(&units).ok()
}

/// The argument after an `-e…` switch, decoded; `None` if there is none.
fn decode_encoded_command(line: &str) -> Option<String> {
    let mut words = line.split_whitespace();
    while let Some(w) = words.next() {
        let lw = w.to_ascii_lowercase();
        if lw.len() >= 2 && "-encodedcommand".starts_with(&lw) {
            return decode_utf16le(words.next()?);
        }
    }
    None
}

#[test]
fn encoded_powershell_decodes_and_is_sometimes_nested() {
    let mut single = 0;
    let mut nested = 0;
    for line in tenant()
        .iter()
        .flat_map(processes)
        .filter_map(|p| p.process_command_line.as_deref())
    {
        if let Some(text) = decode_encoded_command(line) {
            single += 1;
            if decode_encoded_command(&text).is_some() {
                nested += 1;
            }
        }
    }
    assert!(single > 20, "{single} encoded commands");
    assert!(nested > 3, "{nested} nested twice");
}
