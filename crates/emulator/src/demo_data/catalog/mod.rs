//! The alert kinds the demo tenant raises: title, category, detection source, description,
//! threat names, ATT&CK techniques and the process tree and artifacts each one carries, paired
//! the way the real service pairs them.

mod intrusion;
mod kind;
mod other_sources;
mod post_compromise;

pub use intrusion::*;
pub use kind::AlertKind;
pub use other_sources::*;
pub use post_compromise::*;

/// Every alert kind, for the consistency tests.
#[cfg(test)]
pub static ALL: &[&AlertKind] = &[
    &WORD_CHILD,
    &DONOFF,
    &SUSPICIOUS_POWERSHELL,
    &LOW_REP_RUNDLL,
    &QAKBOT,
    &C2_BEACON,
    &MIMIKATZ,
    &LSASS_MINIDUMP,
    &PROCDUMP,
    &KERBEROAST,
    &ACCOUNT_LOOKUPS,
    &EXPLORATION,
    &ADFIND,
    &PSEXEC,
    &REMOTE_WMI,
    &DISABLE_DEFENDER,
    &BACKUPS_DELETED,
    &RECOVERY_TAMPERING,
    &RANSOMWARE_BEHAVIOR,
    &LOCKBIT,
    &MSHTA,
    &CERTUTIL,
    &BITS,
    &REGSVR32,
    &RUN_KEY,
    &SCHEDULED_TASK,
    &ARCHIVE,
    &RCLONE,
    &CUSTOM_RCLONE,
    &EICAR,
    &PUA,
    &ATOMIC_TEST,
    &LOB_UPDATER,
    &PHISH_URL,
    &CUSTOM_TI,
    &AIR_REMEDIATED,
    &XDR_SIGNIN_POWERSHELL,
];

#[cfg(test)]
mod tests {
    use super::kind::AV;
    use super::*;
    use mde_text::mitre::{self, Resolved, Tactic, TechniqueStatus};

    #[test]
    fn every_technique_is_in_the_attack_table() {
        for k in ALL {
            for id in k.techniques {
                let t = mitre::lookup(id).unwrap_or_else(|| panic!("{}: {id}", k.title));
                assert_eq!(t.status, TechniqueStatus::Active, "{}: {id}", k.title);
            }
            for id in k.legacy {
                assert!(
                    matches!(
                        mitre::resolve(id),
                        Resolved::Revoked { .. } | Resolved::Deprecated(_)
                    ),
                    "{}: {id} should be an old ID",
                    k.title
                );
            }
        }
    }

    #[test]
    fn techniques_match_the_category_tactic() {
        for k in ALL {
            let Some(tactic) = Tactic::from_category(k.category) else {
                continue;
            };
            if k.techniques.is_empty() {
                continue;
            }
            let matched = k
                .techniques
                .iter()
                .any(|id| mitre::lookup(id).is_some_and(|t| t.tactics.contains(&tactic)));
            // Ransomware/Malware categories name no tactic; a tactic category should match one.
            assert!(
                matched,
                "{} ({}) has no {tactic} technique",
                k.title, k.category
            );
        }
    }

    #[test]
    fn antivirus_detections_name_a_threat_and_titles_are_unique() {
        for k in ALL {
            assert_eq!(k.source == AV, k.threat.is_some(), "{}", k.title);
            assert!(k.severity.iter().sum::<u32>() > 0, "{}", k.title);
        }
        let mut titles: Vec<&str> = ALL.iter().map(|k| k.title).collect();
        titles.sort_unstable();
        titles.dedup();
        assert_eq!(titles.len(), ALL.len());
    }
}
