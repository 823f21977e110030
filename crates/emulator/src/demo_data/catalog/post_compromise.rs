//! After the foothold: credential theft, discovery, lateral movement, ransomware and
//! exfiltration.

use super::kind::{AV, AlertKind, EDR};
use crate::demo_data::artifacts::Artifact;
use crate::demo_data::images::Image;
use crate::demo_data::payloads::Script;

/// Mimikatz caught by antivirus.
pub static MIMIKATZ: AlertKind = AlertKind {
    title: "'Mimikatz' credential theft tool",
    category: "CredentialAccess",
    source: AV,
    description: "The credential theft tool Mimikatz was detected on this device. Mimikatz extracts passwords, hashes and Kerberos tickets from memory and is used for lateral movement.",
    severity: [0, 0, 30, 70],
    threat: Some(("HackTool:Win32/Mimikatz.D", "Mimikatz")),
    techniques: &["T1003.001", "T1003"],
    legacy: &[],
    chain: &[Image::Explorer, Image::Cmd, Image::Mimikatz],
    artifacts: &[],
};

/// LSASS dumped with comsvcs.dll.
pub static LSASS_MINIDUMP: AlertKind = AlertKind {
    title: "Sensitive credential memory read",
    category: "CredentialAccess",
    source: EDR,
    description: "A process read the memory of the Local Security Authority Subsystem Service (lsass.exe) using the MiniDump export of comsvcs.dll. Attackers dump LSASS to extract credentials.",
    severity: [0, 0, 40, 60],
    threat: None,
    techniques: &["T1003.001", "T1218.011"],
    legacy: &["T1085"],
    chain: &[Image::Cmd, Image::Rundll32MiniDump],
    artifacts: &[Artifact::LsassDump],
};

/// LSASS dumped with procdump.
pub static PROCDUMP: AlertKind = AlertKind {
    title: "Process memory dump of LSASS using ProcDump",
    category: "CredentialAccess",
    source: EDR,
    description: "ProcDump was used to dump the memory of lsass.exe. The dump can be taken off the device and credentials extracted offline.",
    severity: [0, 10, 50, 40],
    threat: None,
    techniques: &["T1003.001"],
    legacy: &[],
    chain: &[Image::Explorer, Image::Cmd, Image::Procdump],
    artifacts: &[Artifact::LsassDump],
};

/// Kerberoasting with Rubeus.
pub static KERBEROAST: AlertKind = AlertKind {
    title: "Possible Kerberoasting activity",
    category: "CredentialAccess",
    source: EDR,
    description: "A process requested Kerberos service tickets for many service accounts in a short time. The tickets can be cracked offline to recover service account passwords.",
    severity: [0, 10, 60, 30],
    threat: None,
    techniques: &["T1558.003"],
    legacy: &["T1208"],
    chain: &[Image::Cmd, Image::Rubeus],
    artifacts: &[],
};

/// Domain account enumeration.
pub static ACCOUNT_LOOKUPS: AlertKind = AlertKind {
    title: "Anomalous account lookups",
    category: "Discovery",
    source: EDR,
    description: "A user queried privileged domain groups and accounts in a way that differs from their usual activity. Attackers enumerate accounts to find targets for lateral movement.",
    severity: [20, 50, 30, 0],
    threat: None,
    techniques: &["T1087.002", "T1069.002"],
    legacy: &[],
    chain: &[Image::Explorer, Image::Cmd, Image::Net],
    artifacts: &[],
};

/// A burst of discovery commands.
pub static EXPLORATION: AlertKind = AlertKind {
    title: "Suspicious sequence of exploration activities",
    category: "Discovery",
    source: EDR,
    description: "A process called a set of windows commands that are commonly used by attackers to collect information about the domain, its trusts and the logged-on user.",
    severity: [10, 50, 40, 0],
    threat: None,
    techniques: &["T1482", "T1016", "T1033"],
    legacy: &[],
    chain: &[
        Image::Explorer,
        Image::PowerShell(Script::Recon),
        Image::Cmd,
        Image::Nltest,
    ],
    artifacts: &[],
};

/// AdFind dumping computers.
pub static ADFIND: AlertKind = AlertKind {
    title: "Suspicious LDAP query",
    category: "Discovery",
    source: EDR,
    description: "AdFind was used to enumerate every computer in Active Directory. Ransomware operators commonly run this before deploying to many hosts.",
    severity: [0, 40, 50, 10],
    threat: None,
    techniques: &["T1018", "T1087.002"],
    legacy: &[],
    chain: &[Image::Cmd, Image::AdFind],
    artifacts: &[],
};

/// PsExec to a peer.
pub static PSEXEC: AlertKind = AlertKind {
    title: "PsExec launched a command on a remote device",
    category: "LateralMovement",
    source: EDR,
    description: "PsExec copied an executable to a remote device and ran it as a service. Attackers use PsExec to move laterally and to deploy payloads across the network.",
    severity: [0, 10, 50, 40],
    threat: None,
    techniques: &["T1021.002", "T1569.002", "T1570"],
    legacy: &["T1077", "T1035", "T1050"],
    chain: &[Image::Explorer, Image::Cmd, Image::PsExec],
    artifacts: &[Artifact::PayloadExe, Artifact::ServiceKey],
};

/// Remote WMI process creation.
pub static REMOTE_WMI: AlertKind = AlertKind {
    title: "Suspicious remote WMI execution",
    category: "LateralMovement",
    source: EDR,
    description: "WMIC was used to create a process on a remote device. Remote WMI execution is a common lateral movement technique.",
    severity: [0, 20, 60, 20],
    threat: None,
    techniques: &["T1047", "T1021.002"],
    legacy: &["T1077"],
    chain: &[Image::Explorer, Image::Cmd, Image::Wmic],
    artifacts: &[Artifact::PayloadExe],
};

/// Defender switched off.
pub static DISABLE_DEFENDER: AlertKind = AlertKind {
    title: "Attempt to turn off Microsoft Defender Antivirus protection",
    category: "DefenseEvasion",
    source: EDR,
    description: "An attempt to turn off Microsoft Defender Antivirus real-time protection and add exclusions was detected. Attackers disable protection before running their payloads.",
    severity: [0, 10, 50, 40],
    threat: None,
    techniques: &["T1562.001", "T1112"],
    legacy: &["T1089"],
    chain: &[
        Image::Services,
        Image::PsExeSvc,
        Image::Cmd,
        Image::PowerShell(Script::DisableDefender),
    ],
    artifacts: &[Artifact::DefenderPolicy],
};

/// Shadow copies deleted.
pub static BACKUPS_DELETED: AlertKind = AlertKind {
    title: "File backups were deleted",
    category: "Impact",
    source: EDR,
    description: "Volume shadow copies were deleted. Ransomware deletes backups so that encrypted files cannot be restored.",
    severity: [0, 0, 30, 70],
    threat: None,
    techniques: &["T1490"],
    legacy: &[],
    chain: &[
        Image::Services,
        Image::PsExeSvc,
        Image::Cmd,
        Image::Vssadmin,
    ],
    artifacts: &[],
};

/// Boot recovery disabled.
pub static RECOVERY_TAMPERING: AlertKind = AlertKind {
    title: "System recovery setting tampering",
    category: "Impact",
    source: EDR,
    description: "Windows recovery was disabled and the backup catalog deleted, preventing the device from recovering from an attack.",
    severity: [0, 10, 50, 40],
    threat: None,
    techniques: &["T1490"],
    legacy: &[],
    chain: &[Image::Svchost, Image::WmiPrvSe, Image::Cmd, Image::Bcdedit],
    artifacts: &[],
};

/// Files encrypted en masse.
pub static RANSOMWARE_BEHAVIOR: AlertKind = AlertKind {
    title: "Ransomware behavior detected in the file system",
    category: "Ransomware",
    source: EDR,
    description: "A process rapidly modified and renamed many files and dropped a ransom note. This is typical of ransomware encrypting data.",
    severity: [0, 0, 0, 100],
    threat: None,
    techniques: &["T1486", "T1490"],
    legacy: &[],
    chain: &[
        Image::Wininit,
        Image::Services,
        Image::PsExeSvc,
        Image::Cmd,
        Image::Locker,
    ],
    artifacts: &[Artifact::PayloadExe, Artifact::RansomNote],
};

/// Antivirus stopped the locker.
pub static LOCKBIT: AlertKind = AlertKind {
    title: "'LockBit' ransomware was prevented",
    category: "Ransomware",
    source: AV,
    description: "Ransomware was prevented from running on this device. Ransomware encrypts files and demands payment; other devices in the same incident may be affected.",
    severity: [0, 0, 20, 80],
    threat: Some(("Ransom:Win32/LockBit.MK!MTB", "LockBit")),
    techniques: &["T1486"],
    legacy: &[],
    chain: &[Image::PsExeSvc, Image::Cmd, Image::Locker],
    artifacts: &[Artifact::PayloadExe],
};

/// Archiving a share for exfiltration.
pub static ARCHIVE: AlertKind = AlertKind {
    title: "Suspicious archive creation",
    category: "Collection",
    source: EDR,
    description: "7-Zip created a password-protected archive of files from a network share. Data is often staged this way before exfiltration.",
    severity: [10, 50, 40, 0],
    threat: None,
    techniques: &["T1560.001"],
    legacy: &["T1002"],
    chain: &[Image::Explorer, Image::Cmd, Image::SevenZip],
    artifacts: &[],
};

/// rclone to cloud storage.
pub static RCLONE: AlertKind = AlertKind {
    title: "Possible data exfiltration to cloud storage",
    category: "Exfiltration",
    source: EDR,
    description: "rclone copied a large volume of files from a network share to a cloud storage provider.",
    severity: [0, 10, 50, 40],
    threat: None,
    techniques: &["T1567.002", "T1048"],
    legacy: &[],
    chain: &[Image::Explorer, Image::Cmd, Image::Rclone],
    artifacts: &[Artifact::C2Ip],
};

/// A tenant's own hunting rule.
pub static CUSTOM_RCLONE: AlertKind = AlertKind {
    title: "[Custom] rclone executed on a finance device",
    category: "Exfiltration",
    source: "CustomDetection",
    description: "Custom detection rule 'FIN-EXFIL-01': rclone.exe ran on a device in a finance device group.",
    severity: [0, 20, 60, 20],
    threat: None,
    techniques: &["T1567.002"],
    legacy: &[],
    chain: &[Image::Cmd, Image::Rclone],
    artifacts: &[],
};
