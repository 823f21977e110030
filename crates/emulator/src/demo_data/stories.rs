//! Attack stories: the sequences of alerts one incident raises on one device, how common each
//! story is, and how analysts end up classifying it.

use super::catalog::{self as c, AlertKind};
use mde_model::{Classification, Determination};

/// One kind of incident.
#[derive(Debug)]
pub struct Story {
    /// Short name (also seeds per-story names).
    pub name: &'static str,
    /// Relative frequency.
    pub weight: u32,
    /// Alerts in the order the attack raises them.
    pub kinds: &'static [&'static AlertKind],
    /// Verdicts analysts reach when they resolve it, with weights.
    pub verdicts: &'static [(Classification, Determination, u32)],
}

use Classification::{
    FalsePositive as Fp, InformationalExpectedActivity as Iea, TruePositive as Tp,
};
use Determination as D;

/// Every story.
pub static STORIES: &[Story] = &[
    Story {
        name: "phishing-qakbot",
        weight: 18,
        kinds: &[
            &c::DONOFF,
            &c::WORD_CHILD,
            &c::SUSPICIOUS_POWERSHELL,
            &c::LOW_REP_RUNDLL,
            &c::QAKBOT,
            &c::C2_BEACON,
            &c::ACCOUNT_LOOKUPS,
            &c::MIMIKATZ,
            &c::PSEXEC,
        ],
        verdicts: &[
            (Tp, D::Malware, 5),
            (Tp, D::MultiStagedAttack, 3),
            (Tp, D::Phishing, 3),
            (Fp, D::NoEnoughDataToValidate, 1),
        ],
    },
    Story {
        name: "ransomware",
        weight: 7,
        kinds: &[
            &c::ADFIND,
            &c::PSEXEC,
            &c::REMOTE_WMI,
            &c::DISABLE_DEFENDER,
            &c::BACKUPS_DELETED,
            &c::RECOVERY_TAMPERING,
            &c::RANSOMWARE_BEHAVIOR,
            &c::LOCKBIT,
        ],
        verdicts: &[(Tp, D::MultiStagedAttack, 5), (Tp, D::Malware, 2)],
    },
    Story {
        name: "lolbin-loader",
        weight: 14,
        kinds: &[
            &c::MSHTA,
            &c::CERTUTIL,
            &c::REGSVR32,
            &c::BITS,
            &c::RUN_KEY,
            &c::SCHEDULED_TASK,
            &c::C2_BEACON,
        ],
        verdicts: &[
            (Tp, D::Malware, 4),
            (Tp, D::Other, 1),
            (Fp, D::NotMalicious, 2),
            (Fp, D::Other, 1),
        ],
    },
    Story {
        name: "credential-theft",
        weight: 9,
        kinds: &[
            &c::LSASS_MINIDUMP,
            &c::PROCDUMP,
            &c::MIMIKATZ,
            &c::KERBEROAST,
            &c::ADFIND,
        ],
        verdicts: &[
            (Tp, D::CompromisedAccount, 4),
            (Tp, D::MaliciousUserActivity, 2),
            (Iea, D::ConfirmedActivity, 1),
        ],
    },
    Story {
        name: "exfiltration",
        weight: 5,
        kinds: &[&c::ARCHIVE, &c::RCLONE, &c::CUSTOM_RCLONE],
        verdicts: &[
            (Tp, D::MaliciousUserActivity, 3),
            (Iea, D::ConfirmedActivity, 2),
            (Fp, D::NotMalicious, 1),
        ],
    },
    Story {
        name: "recon",
        weight: 7,
        kinds: &[&c::EXPLORATION, &c::ACCOUNT_LOOKUPS, &c::ADFIND],
        verdicts: &[
            (Tp, D::Other, 1),
            (Iea, D::ConfirmedActivity, 3),
            (Fp, D::NotMalicious, 2),
            (Fp, D::NoEnoughDataToValidate, 1),
        ],
    },
    Story {
        name: "eicar",
        weight: 8,
        kinds: &[&c::EICAR],
        verdicts: &[(Iea, D::SecurityTesting, 5), (Iea, D::Other, 1)],
    },
    Story {
        name: "pua",
        weight: 10,
        kinds: &[&c::PUA],
        verdicts: &[(Tp, D::UnwantedSoftware, 5), (Fp, D::NotMalicious, 1)],
    },
    Story {
        name: "red-team",
        weight: 5,
        kinds: &[&c::ATOMIC_TEST, &c::LSASS_MINIDUMP, &c::RUN_KEY],
        verdicts: &[(Iea, D::SecurityTesting, 1)],
    },
    Story {
        name: "lob-updater",
        weight: 6,
        kinds: &[&c::LOB_UPDATER, &c::SCHEDULED_TASK],
        verdicts: &[
            (Iea, D::LineOfBusinessApplication, 4),
            (Fp, D::NotMalicious, 2),
        ],
    },
    Story {
        name: "phishing-url",
        weight: 7,
        kinds: &[&c::PHISH_URL, &c::CUSTOM_TI, &c::XDR_SIGNIN_POWERSHELL],
        verdicts: &[(Tp, D::Phishing, 4), (Tp, D::CompromisedAccount, 1)],
    },
    Story {
        name: "auto-remediated",
        weight: 5,
        kinds: &[&c::SUSPICIOUS_POWERSHELL, &c::AIR_REMEDIATED],
        verdicts: &[(Tp, D::Malware, 1)],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_follow_the_determination_matrix() {
        for s in STORIES {
            assert!(!s.kinds.is_empty() && !s.verdicts.is_empty(), "{}", s.name);
            for (c, d, _) in s.verdicts {
                assert!(c.determinations().contains(d), "{}: {c} / {d}", s.name);
            }
        }
    }

    #[test]
    fn every_alert_kind_is_used_by_a_story() {
        for k in c::ALL {
            assert!(
                STORIES
                    .iter()
                    .any(|s| s.kinds.iter().any(|x| std::ptr::eq(*x, *k))),
                "{} is never raised",
                k.title
            );
        }
    }
}
