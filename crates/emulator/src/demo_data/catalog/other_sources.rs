//! Test files, unwanted software, security tests, line-of-business noise, and alerts from the
//! other detection sources (Office, custom TI, automated investigation, Defender XDR).

use super::kind::{AV, AlertKind, EDR};
use crate::demo_data::artifacts::Artifact;
use crate::demo_data::images::Image;
use crate::demo_data::payloads::Script;

/// The EICAR test file.
pub static EICAR: AlertKind = AlertKind {
    title: "'EICAR_Test_File' malware was prevented",
    category: "Malware",
    source: AV,
    description: "The EICAR anti-malware test file was detected. It is harmless and is used to test that antivirus protection works.",
    severity: [80, 20, 0, 0],
    threat: Some(("Virus:DOS/EICAR_Test_File", "EICAR_Test_File")),
    techniques: &[],
    legacy: &[],
    chain: &[Image::Explorer, Image::Chrome],
    artifacts: &[Artifact::Eicar],
};

/// Bundleware.
pub static PUA: AlertKind = AlertKind {
    title: "'Bundler' unwanted software was detected",
    category: "Malware",
    source: AV,
    description: "Potentially unwanted software was detected. It may install other programs, show ads or change browser settings without clear consent.",
    severity: [30, 60, 10, 0],
    threat: Some(("PUA:Win32/Bundler", "Bundler")),
    techniques: &[],
    legacy: &[],
    chain: &[Image::Explorer, Image::Chrome],
    artifacts: &[Artifact::PuaInstaller],
};

/// A red-team exercise with Atomic Red Team.
pub static ATOMIC_TEST: AlertKind = AlertKind {
    title: "Suspicious process executed PowerShell command",
    category: "Execution",
    source: EDR,
    description: "PowerShell imported an attack-simulation module and ran a test. Confirm whether a security test was scheduled on this device.",
    severity: [20, 50, 30, 0],
    threat: None,
    techniques: &["T1059.001"],
    legacy: &["T1086"],
    chain: &[Image::Explorer, Image::Cmd, Image::AtomicTest],
    artifacts: &[],
};

/// A line-of-business updater that looks like persistence.
pub static LOB_UPDATER: AlertKind = AlertKind {
    title: "An uncommon file was created and added to a Run Key",
    category: "Persistence",
    source: EDR,
    description: "A rarely seen executable added itself to an auto-start registry key.",
    severity: [40, 50, 10, 0],
    threat: None,
    techniques: &["T1547.001"],
    legacy: &["T1060"],
    chain: &[Image::Services, Image::LobUpdater],
    artifacts: &[Artifact::RunKey],
};

/// A phishing URL removed from mailboxes (no device process).
pub static PHISH_URL: AlertKind = AlertKind {
    title: "Email messages containing malicious URL removed after delivery",
    category: "InitialAccess",
    source: "OfficeATP",
    description: "Emails with a malicious URL were delivered and later removed. A user may have clicked the link before removal.",
    severity: [30, 40, 30, 0],
    threat: None,
    techniques: &["T1566.002"],
    legacy: &[],
    chain: &[],
    artifacts: &[Artifact::C2Url],
};

/// The tenant's own indicator matched.
pub static CUSTOM_TI: AlertKind = AlertKind {
    title: "Connection to a custom network indicator",
    category: "CommandAndControl",
    source: "CustomerTI",
    description: "A device connected to an IP address or URL on your organization's indicator list.",
    severity: [10, 30, 50, 10],
    threat: None,
    techniques: &["T1071.001"],
    legacy: &[],
    chain: &[Image::Explorer, Image::Chrome],
    artifacts: &[Artifact::C2Ip, Artifact::C2Url],
};

/// Raised by automated investigation.
pub static AIR_REMEDIATED: AlertKind = AlertKind {
    title: "Malicious file remediated by automated investigation",
    category: "Malware",
    source: "AutomatedInvestigation",
    description: "Automated investigation found a malicious file related to an earlier alert and quarantined it.",
    severity: [10, 40, 40, 10],
    threat: None,
    techniques: &["T1204.002"],
    legacy: &[],
    chain: &[Image::Explorer, Image::Dropper],
    artifacts: &[Artifact::PayloadExe],
};

/// Correlated by Defender XDR across products.
pub static XDR_SIGNIN_POWERSHELL: AlertKind = AlertKind {
    title: "Suspicious PowerShell activity after a risky sign-in",
    category: "SuspiciousActivity",
    source: "MTP",
    description: "Encoded PowerShell ran on a device shortly after the same user signed in from an unfamiliar location.",
    severity: [0, 20, 60, 20],
    threat: None,
    techniques: &["T1078", "T1059.001"],
    legacy: &["T1086"],
    chain: &[Image::Explorer, Image::PowerShell(Script::Cradle)],
    artifacts: &[Artifact::C2Url],
};
