//! Getting in and staying: phishing payloads, loaders, living-off-the-land binaries,
//! persistence and command and control.

use super::kind::{AV, AlertKind, EDR};
use crate::demo_data::artifacts::Artifact;
use crate::demo_data::images::Image;
use crate::demo_data::payloads::Script;

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
