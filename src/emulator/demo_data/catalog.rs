//! The alert kinds the demo tenant raises: title, category, detection source, description,
//! threat names, ATT&CK techniques and the process tree and artifacts each one carries, paired
//! the way the real service pairs them.

use super::artifacts::Artifact;
use super::images::Image;
use super::payloads::Script;

/// One kind of alert.
#[derive(Debug)]
pub struct AlertKind {
    /// Title.
    pub title: &'static str,
    /// Category (ATT&CK tactic name or a legacy category).
    pub category: &'static str,
    /// `detectionSource`.
    pub source: &'static str,
    /// Description.
    pub description: &'static str,
    /// Severity weights: Informational, Low, Medium, High.
    pub severity: [u32; 4],
    /// `threatName` and `threatFamilyName` for antivirus detections.
    pub threat: Option<(&'static str, &'static str)>,
    /// Current ATT&CK IDs.
    pub techniques: &'static [&'static str],
    /// Older (revoked or deprecated) IDs the same detection carries on some alerts.
    pub legacy: &'static [&'static str],
    /// Process images from the outermost ancestor to the detected process (may be empty).
    pub chain: &'static [Image],
    /// Other evidence.
    pub artifacts: &'static [Artifact],
}

const EDR: &str = "WindowsDefenderAtp";
const AV: &str = "WindowsDefenderAv";

/// Word spawned a shell that ran PowerShell.
pub static WORD_CHILD: AlertKind = AlertKind {
    title: "Suspicious behavior by Microsoft Word was observed",
    category: "InitialAccess",
    source: EDR,
    description: "Microsoft Word started a command shell that launched PowerShell. Macros in documents received by email are a common way to get a first foothold on a device.",
    severity: [0, 10, 60, 30],
    threat: None,
    techniques: &["T1566.001", "T1204.002", "T1059.001"],
    legacy: &["T1193", "T1086", "T1064"],
    chain: &[
        Image::Explorer,
        Image::Outlook,
        Image::Winword,
        Image::Cmd,
        Image::PowerShell(Script::Cradle),
    ],
    artifacts: &[Artifact::Lure, Artifact::C2Url],
};

/// Antivirus caught the macro downloader.
pub static DONOFF: AlertKind = AlertKind {
    title: "'Donoff' malware was detected",
    category: "Malware",
    source: AV,
    description: "Malware and unwanted software are undesirable applications that perform annoying, disruptive, or harmful actions on affected machines. This detection might indicate that the malware was stopped from delivering its payload.",
    severity: [0, 20, 60, 20],
    threat: Some(("TrojanDownloader:O97M/Donoff.SR!MTB", "Donoff")),
    techniques: &["T1566.001", "T1204.002"],
    legacy: &["T1193"],
    chain: &[Image::Outlook, Image::Winword],
    artifacts: &[Artifact::Lure],
};

/// An encoded PowerShell download cradle.
pub static SUSPICIOUS_POWERSHELL: AlertKind = AlertKind {
    title: "Suspicious PowerShell command line",
    category: "Execution",
    source: EDR,
    description: "A suspicious PowerShell activity was observed on the machine. This behavior may indicate that PowerShell was used during installation, exploration, or in some cases in lateral movement activities which are used by attackers to invoke modules, download external payloads, or get more information about the system.",
    severity: [0, 20, 65, 15],
    threat: None,
    techniques: &["T1059.001", "T1027.010", "T1105"],
    legacy: &["T1086", "T1064"],
    chain: &[
        Image::Explorer,
        Image::Cmd,
        Image::PowerShell(Script::Cradle),
    ],
    artifacts: &[Artifact::C2Url],
};

/// rundll32 loading the freshly downloaded DLL (the documentation's example alert).
pub static LOW_REP_RUNDLL: AlertKind = AlertKind {
    title: "Low-reputation arbitrary code executed by signed executable",
    category: "Execution",
    source: EDR,
    description: "Binaries signed by Microsoft can be used to run low-reputation arbitrary code. This technique hides the execution of malicious code within a trusted process. As a result, the trusted process might exhibit suspicious behaviors, such as opening a listening port or connecting to a command-and-control (C&C) server.",
    severity: [0, 50, 40, 10],
    threat: None,
    techniques: &["T1218.011", "T1204.002"],
    legacy: &["T1085", "T1064"],
    chain: &[
        Image::Outlook,
        Image::Winword,
        Image::Cmd,
        Image::PowerShell(Script::Cradle),
        Image::Rundll32Loader,
    ],
    artifacts: &[Artifact::PayloadDll],
};

/// Antivirus blocked the banking trojan DLL.
pub static QAKBOT: AlertKind = AlertKind {
    title: "'Qakbot' malware was prevented",
    category: "Malware",
    source: AV,
    description: "Malware and unwanted software are undesirable applications that perform annoying, disruptive, or harmful actions on affected machines. Qakbot steals credentials and is often used to deliver ransomware.",
    severity: [0, 10, 50, 40],
    threat: Some(("Trojan:Win32/Qakbot.RPX!MTB", "Qakbot")),
    techniques: &["T1218.011"],
    legacy: &["T1085"],
    chain: &[Image::Cmd, Image::Rundll32Loader],
    artifacts: &[Artifact::PayloadDll],
};

/// Injected rundll32 beaconing out.
pub static C2_BEACON: AlertKind = AlertKind {
    title: "Possible Cobalt Strike command and control beacon",
    category: "CommandAndControl",
    source: EDR,
    description: "A process without command-line arguments made periodic HTTPS connections to a remote host. This pattern matches a Cobalt Strike beacon injected into a signed system binary.",
    severity: [0, 0, 30, 70],
    threat: None,
    techniques: &["T1071.001", "T1573", "T1055"],
    legacy: &["T1032", "T1043"],
    chain: &[
        Image::Explorer,
        Image::PowerShell(Script::Beacon),
        Image::Rundll32Bare,
    ],
    artifacts: &[Artifact::C2Ip, Artifact::C2Url],
};

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

/// mshta running remote script.
pub static MSHTA: AlertKind = AlertKind {
    title: "Suspicious mshta process launched",
    category: "DefenseEvasion",
    source: EDR,
    description: "mshta.exe ran a script from a remote location. The HTML Application host is abused to run code through a signed binary.",
    severity: [0, 20, 60, 20],
    threat: None,
    techniques: &["T1218.005", "T1059.005"],
    legacy: &["T1170", "T1064"],
    chain: &[Image::Outlook, Image::Mshta],
    artifacts: &[Artifact::C2Url],
};

/// certutil downloading a payload.
pub static CERTUTIL: AlertKind = AlertKind {
    title: "Use of living-off-the-land binary to download a file",
    category: "CommandAndControl",
    source: EDR,
    description: "certutil.exe downloaded a file from the internet. Attackers use built-in tools to bring payloads onto a device without raising suspicion.",
    severity: [0, 30, 60, 10],
    threat: None,
    techniques: &["T1105", "T1140"],
    legacy: &[],
    chain: &[
        Image::Explorer,
        Image::Chrome,
        Image::Wscript,
        Image::Cmd,
        Image::Certutil,
    ],
    artifacts: &[Artifact::PayloadDll, Artifact::C2Ip, Artifact::C2Url],
};

/// BITS job fetching the payload.
pub static BITS: AlertKind = AlertKind {
    title: "Suspicious BITS job created",
    category: "DefenseEvasion",
    source: EDR,
    description: "bitsadmin created a transfer job that downloaded an executable. BITS jobs can download and persist payloads in the background.",
    severity: [10, 50, 40, 0],
    threat: None,
    techniques: &["T1197", "T1105"],
    legacy: &[],
    chain: &[Image::Cmd, Image::Bitsadmin],
    artifacts: &[Artifact::PayloadExe, Artifact::C2Url],
};

/// Squiblydoo.
pub static REGSVR32: AlertKind = AlertKind {
    title: "Possible Squiblydoo attack",
    category: "DefenseEvasion",
    source: EDR,
    description: "regsvr32.exe loaded scrobj.dll to run a remote scriptlet. This bypasses application control by proxying execution through a signed binary.",
    severity: [0, 20, 60, 20],
    threat: None,
    techniques: &["T1218.010"],
    legacy: &["T1117"],
    chain: &[Image::Excel, Image::Cmd, Image::Regsvr32],
    artifacts: &[Artifact::C2Url],
};

/// Run-key persistence.
pub static RUN_KEY: AlertKind = AlertKind {
    title: "Anomaly detected in ASEP registry",
    category: "Persistence",
    source: EDR,
    description: "A process registered a suspicious command or file in an auto-start registry key. The program will run every time the user signs in.",
    severity: [10, 40, 50, 0],
    threat: None,
    techniques: &["T1547.001", "T1112"],
    legacy: &["T1060"],
    chain: &[Image::Explorer, Image::Cmd, Image::Reg],
    artifacts: &[Artifact::RunKey, Artifact::PayloadExe],
};

/// Scheduled-task persistence.
pub static SCHEDULED_TASK: AlertKind = AlertKind {
    title: "Suspicious Task Scheduler activity",
    category: "Persistence",
    source: EDR,
    description: "A scheduled task was created that runs a DLL from a user-writable folder at every logon, with SYSTEM privileges.",
    severity: [20, 40, 40, 0],
    threat: None,
    techniques: &["T1053.005"],
    legacy: &[],
    chain: &[
        Image::Explorer,
        Image::PowerShell(Script::Cradle),
        Image::Schtasks,
    ],
    artifacts: &[Artifact::PayloadDll],
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
    use super::*;
    use crate::text::mitre::{self, Resolved, Tactic, TechniqueStatus};

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
