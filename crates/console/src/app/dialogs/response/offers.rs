//! What the response menu offers a device: only what makes sense for its state (release when it
//! is isolated, isolate when it is not, both with a caution when nobody knows), what its platform
//! supports, and what the evidence allows (stop and quarantine needs a file's SHA-1; an
//! indicator needs a file, IP or URL). An entry the token lacks the permission for, or whose
//! kind is already pending, stays on the menu and says why picking it is refused.

use super::seed::{FileSeed, Seeds};
use super::state::{Choice, Entry, hotkeys};
use crate::app::device::state::Family;
use crate::app::device::target::Target;
use crate::app::device::words::cap;
use crate::app::list::widths::short_host;
use mde_model::device::{IsolationType, Phase, ResponseAction, ScanType};

/// The indicator permissions: either does.
const TI: [&str; 2] = ["Ti.ReadWrite", "Ti.ReadWrite.All"];

/// The entries and notes of the menu for `target`, limited to `family`.
pub fn entries(target: &Target, seeds: &Seeds, family: Family) -> (Vec<Entry>, Vec<String>) {
    let mut out: Vec<(String, Choice, String, Option<String>)> = Vec::new();
    let mut notes = Vec::new();
    let host = short_host(&target.name).to_string();
    let want = |f: Family| family == Family::All || family == f;
    let action = |out: &mut Vec<_>, label: &str, a: ResponseAction, extra: Option<String>| {
        let mut refusal = extra;
        let perm = a.permission();
        let mut label = label.to_string();
        if target.lacks(perm) {
            label.push_str(&format!("  (needs {perm})"));
            refusal = Some(format!(
                "The token lacks {perm}: grant it to the app (or the role to the user) and sign in again"
            ));
        } else if refusal.is_none() && target.has_pending(&a.action_type()) {
            refusal = Some(format!(
                "{} is already pending on {host}: wait for it, or cancel it (X in the device panel)",
                cap(&a.name())
            ));
        }
        let note = format!("{}: {}", cap(&a.name()), what_happens(&a, None));
        out.push((label, Choice::Action(a), note, refusal));
    };
    // Isolation: one direction, unless nobody knows which.
    let iso = |i| ResponseAction::Isolate { isolation: i };
    let isolating = || {
        Some(format!(
            "An isolation of {host} is on its way: cancel it (X in the device panel) or wait"
        ))
    };
    let releasing = || {
        Some(format!(
            "A release of {host} is on its way: wait for it, or cancel it"
        ))
    };
    if want(Family::Isolate) || want(Family::Release) {
        let (isolate, release) = match target.isolation {
            Phase::Released => (Some(None), None),
            Phase::Applied => (None, Some(None)),
            Phase::Applying => (None, Some(isolating())),
            Phase::Releasing => (Some(releasing()), None),
            Phase::Unknown => (Some(None), Some(None)),
        };
        if target.isolation == Phase::Unknown {
            notes.push(
                "Isolation state unknown (no isolate or release in the device's history): both are offered"
                    .to_string(),
            );
        }
        // An unmanaged device has no sensor to cut it off: the onboarded devices contain it
        // (`UnManagedDevice`); an onboarded one is isolated by its own sensor.
        let unmanaged = target.onboarded == Some(false);
        if unmanaged {
            notes.push(format!(
                "{host} is not onboarded to Defender for Endpoint: it cannot be isolated, only contained by the onboarded devices"
            ));
        }
        if let Some(r) = isolate.filter(|_| want(Family::Isolate)) {
            if unmanaged {
                action(
                    &mut out,
                    "Contain (unmanaged device)",
                    iso(IsolationType::UnManagedDevice),
                    r,
                );
            } else {
                action(
                    &mut out,
                    "Isolate (full)",
                    iso(IsolationType::Full),
                    r.clone(),
                );
                action(
                    &mut out,
                    "Isolate (selective)",
                    iso(IsolationType::Selective),
                    r,
                );
            }
        }
        if let Some(r) = release.filter(|_| want(Family::Release)) {
            action(
                &mut out,
                "Release from isolation",
                ResponseAction::Release,
                r,
            );
        }
    }
    if want(Family::Scan) {
        action(
            &mut out,
            "Antivirus scan (quick)",
            ResponseAction::Scan {
                scan: ScanType::Quick,
            },
            None,
        );
        action(
            &mut out,
            "Antivirus scan (full)",
            ResponseAction::Scan {
                scan: ScanType::Full,
            },
            None,
        );
    }
    let windows = target.windows();
    match windows {
        Some(false) => notes.push(format!(
            "Restricting app execution and stop and quarantine need Windows ({host} runs {})",
            target.os.as_deref().unwrap_or("another system")
        )),
        None => notes.push(
            "Platform unknown: restricting app execution and stop and quarantine work on Windows only"
                .to_string(),
        ),
        Some(true) => {}
    }
    if windows != Some(false) && (want(Family::Restrict) || want(Family::Unrestrict)) {
        let restricting = || {
            Some(format!(
                "A restriction of {host} is on its way: wait for it, or cancel it"
            ))
        };
        let lifting = || {
            Some(format!(
                "A lift of the restriction of {host} is on its way: wait for it, or cancel it"
            ))
        };
        let (restrict, lift) = match target.restriction {
            Phase::Released => (Some(None), None),
            Phase::Applied => (None, Some(None)),
            Phase::Applying => (None, Some(restricting())),
            Phase::Releasing => (Some(lifting()), None),
            Phase::Unknown => (Some(None), Some(None)),
        };
        if target.restriction == Phase::Unknown {
            notes.push(
                "Restriction state unknown (no restrict or remove in the device's history): both are offered"
                    .to_string(),
            );
        }
        if let Some(r) = restrict.filter(|_| want(Family::Restrict)) {
            action(
                &mut out,
                "Restrict app execution",
                ResponseAction::Restrict,
                r,
            );
        }
        if let Some(r) = lift.filter(|_| want(Family::Unrestrict)) {
            action(
                &mut out,
                "Remove app restriction",
                ResponseAction::Unrestrict,
                r,
            );
        }
    }
    if want(Family::Collect) {
        action(
            &mut out,
            "Collect investigation package",
            ResponseAction::CollectPackage,
            None,
        );
    }
    if windows != Some(false) && want(Family::Quarantine) {
        let (label, a, refusal) = quarantine(seeds.file.as_ref());
        action(&mut out, &label, a, refusal);
    }
    if family == Family::All {
        match &seeds.indicator {
            Some(seed) => {
                let value = seed.values.first().map_or("", |(_, v)| v.as_str());
                let mut label = format!("Add an indicator for {}", cut(value, 28));
                let mut refusal = None;
                if let Some(g) = &target.granted
                    && !g.iter().any(|p| TI.iter().any(|t| p.eq_ignore_ascii_case(t)))
                {
                    label.push_str("  (needs Ti.ReadWrite)");
                    refusal = Some("The token lacks Ti.ReadWrite (or Ti.ReadWrite.All): grant it to the app and sign in again".to_string());
                }
                out.push((
                    label,
                    Choice::Indicator(seed.clone()),
                    format!("Block, warn, audit or allow {} tenant-wide ({})", cut(value, 40), seed.source),
                    refusal,
                ));
            }
            None => out.push((
                "Add an indicator…".to_string(),
                Choice::Indicator(super::state::IndicatorSeed {
                    source: String::new(),
                    values: Vec::new(),
                    alert_id: None,
                    alert_title: None,
                }),
                "Block, warn, audit or allow a file, IP or URL of the evidence tenant-wide".to_string(),
                Some("Move to a file, IP or URL in the evidence tree first (Tab to Evidence), then press x".to_string()),
            )),
        }
    }
    let keys = hotkeys(out.iter().map(|(l, ..)| l.as_str()));
    let entries = out
        .into_iter()
        .zip(keys)
        .map(|((label, choice, note, refusal), hotkey)| Entry {
            label,
            hotkey,
            choice,
            note,
            refusal,
        })
        .collect();
    if let Some(o) = &target.offline {
        notes.insert(0, o.clone());
    }
    (entries, notes)
}

/// The stop-and-quarantine entry for the file at hand, refused without a SHA-1.
fn quarantine(file: Option<&FileSeed>) -> (String, ResponseAction, Option<String>) {
    match file {
        Some(f) => {
            let label = format!("Stop and quarantine {}", cut(&f.name, 32));
            match &f.sha1 {
                Some(sha1) => (
                    label,
                    ResponseAction::StopAndQuarantine { sha1: sha1.clone() },
                    None,
                ),
                None => (
                    label,
                    ResponseAction::StopAndQuarantine {
                        sha1: String::new(),
                    },
                    Some(format!(
                        "{} has no SHA-1 in the evidence{}: stop and quarantine accepts a SHA-1 only",
                        cut(&f.name, 32),
                        if f.sha256.is_some() {
                            " (only a SHA-256)"
                        } else {
                            ""
                        }
                    )),
                ),
            }
        }
        None => (
            "Stop and quarantine a file…".to_string(),
            ResponseAction::StopAndQuarantine {
                sha1: String::new(),
            },
            Some(
                "Move to a file in the evidence tree first (Tab to Evidence), then press x"
                    .to_string(),
            ),
        ),
    }
}

/// What an action does to the device, said plainly for the menu and the confirmation.
pub fn what_happens(a: &ResponseAction, file: Option<&str>) -> String {
    match a {
        ResponseAction::Isolate { isolation: IsolationType::Selective } => {
            "it loses network access except to Defender, Outlook, Teams and Skype, until released".into()
        }
        ResponseAction::Isolate { isolation: IsolationType::UnManagedDevice } => {
            "the onboarded devices stop communicating with it, until released".into()
        }
        ResponseAction::Isolate { .. } => {
            "it loses all network access except to Defender, until released".into()
        }
        ResponseAction::Release => "it gets its network access back".into(),
        ResponseAction::Scan { scan: ScanType::Full } => {
            "Defender Antivirus scans every file (it can take hours; its user may notice)".into()
        }
        ResponseAction::Scan { .. } => {
            "Defender Antivirus scans where malware usually hides (minutes; its user may notice)".into()
        }
        ResponseAction::Restrict => {
            "only Microsoft-signed code may run until the restriction is removed; its user is told".into()
        }
        ResponseAction::Unrestrict => "any code may run on it again".into(),
        ResponseAction::CollectPackage => {
            "Defender collects forensic data into a package to download (L in the device panel) once it succeeds".into()
        }
        ResponseAction::StopAndQuarantine { sha1 } => format!(
            "the processes of {} are stopped and the file is quarantined{}",
            file.unwrap_or("the file"),
            if sha1.is_empty() { String::new() } else { format!(" (SHA-1 {})", cut(sha1, 12)) }
        ),
    }
}

/// The first `n` characters, `…` when cut (raw text: the UI sanitises it).
pub fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
    t.push('…');
    t
}
