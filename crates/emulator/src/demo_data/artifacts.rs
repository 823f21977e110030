//! Non-process evidence: files with hashes that stay the same for the same file name across the
//! tenant, IPs, URLs, registry values and the user.

use super::clock::{self, Precision};
use super::images::Scene;
use super::tenant::{DOMAIN, User};
use crate::rng::{Rng, name_hash};
use mde_model::{DetectionStatus, EntityType, Evidence};

/// SHA-1 and SHA-256 (hex) of a file: derived from its name so the same name always carries the
/// same hashes (a pivot an analyst expects to work across alerts).
pub fn hashes(file_name: &str) -> (String, String) {
    let mut r = Rng::new(name_hash(file_name));
    (r.hex(40), r.hex(64))
}

const PUA_INSTALLERS: &[&str] = &[
    "FreePDFConverterSetup.exe",
    "WinZipDriverUpdater.exe",
    "KMSpico.exe",
];
const RUN_VALUE_NAMES: &[&str] = &["SecurityHealth", "OneDrive Sync", "AdobeUpdater"];

/// An evidence item an alert kind carries besides its process chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// The second-stage DLL.
    PayloadDll,
    /// The dropped executable.
    PayloadExe,
    /// The lure document from the mail.
    Lure,
    /// An LSASS dump on disk.
    LsassDump,
    /// A Run-key value pointing at the payload.
    RunKey,
    /// Defender turned off by policy.
    DefenderPolicy,
    /// A service installed for the payload.
    ServiceKey,
    /// The C2 address.
    C2Ip,
    /// The C2 URL.
    C2Url,
    /// The ransom note.
    RansomNote,
    /// The EICAR test file.
    Eicar,
    /// A bundleware installer.
    PuaInstaller,
}

/// The evidence item for `artifact` in this scene.
pub fn evidence(
    rng: &mut Rng,
    artifact: Artifact,
    scene: &Scene,
    recorded: i64,
    status: Option<DetectionStatus>,
) -> Evidence {
    let temp = format!("C:\\Users\\{}\\AppData\\Local\\Temp", scene.user);
    let mut e = match artifact {
        Artifact::PayloadDll => file(&scene.payload_dll, &temp),
        Artifact::PayloadExe => file(&scene.payload_exe, "C:\\ProgramData"),
        Artifact::Lure => file(
            &scene.lure,
            &format!(
                "C:\\Users\\{}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook",
                scene.user
            ),
        ),
        Artifact::LsassDump => file("lsass.dmp", "C:\\Windows\\Temp"),
        Artifact::RansomNote => file("RESTORE-MY-FILES.txt", "C:\\Users\\Public\\Desktop"),
        Artifact::Eicar => file(
            "eicar.com.txt",
            &format!("C:\\Users\\{}\\Downloads", scene.user),
        ),
        Artifact::PuaInstaller => file(
            PUA_INSTALLERS[rng.index(PUA_INSTALLERS.len())],
            &format!("C:\\Users\\{}\\Downloads", scene.user),
        ),
        Artifact::RunKey => registry(
            "HKEY_CURRENT_USER",
            "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run",
            RUN_VALUE_NAMES[rng.index(RUN_VALUE_NAMES.len())],
            "String",
            &format!(
                "C:\\Users\\{}\\AppData\\Roaming\\{}",
                scene.user, scene.payload_exe
            ),
        ),
        Artifact::DefenderPolicy => registry(
            "HKEY_LOCAL_MACHINE",
            "SOFTWARE\\Policies\\Microsoft\\Windows Defender",
            "DisableAntiSpyware",
            "Dword",
            "1",
        ),
        Artifact::ServiceKey => registry(
            "HKEY_LOCAL_MACHINE",
            &format!("SYSTEM\\CurrentControlSet\\Services\\{}", rng.hex(7)),
            "ImagePath",
            "ExpandString",
            &format!("%SystemRoot%\\{}", scene.payload_exe),
        ),
        Artifact::C2Ip => {
            let mut e = Evidence::empty(EntityType::Ip);
            // Real captures include Ip items whose address is null.
            e.ip_address = (!rng.chance(0.05)).then(|| scene.c2_ip.clone());
            e
        }
        Artifact::C2Url => {
            let mut e = Evidence::empty(EntityType::Url);
            e.url = Some(format!(
                "{}://{}/{}",
                if rng.chance(0.7) { "https" } else { "http" },
                scene.c2_host,
                rng.pick(&[
                    "jquery-3.3.1.min.js",
                    "api/v2/updates",
                    "wp-content/s.php",
                    "a.ps1"
                ])
            ));
            e
        }
    };
    e.evidence_creation_time = Some(clock::with_precision(rng, recorded, Precision::Stored));
    if matches!(e.entity_type, EntityType::File) {
        e.detection_status = status;
    }
    e
}

/// A File item with hashes.
pub fn file(name: &str, folder: &str) -> Evidence {
    let (sha1, sha256) = hashes(name);
    let mut e = Evidence::empty(EntityType::File);
    e.sha1 = Some(sha1);
    e.sha256 = Some(sha256);
    e.file_name = Some(name.to_string());
    e.file_path = Some(folder.to_string());
    e
}

fn registry(hive: &str, key: &str, name: &str, kind: &str, value: &str) -> Evidence {
    let mut e = Evidence::empty(EntityType::Registry);
    e.registry_hive = Some(hive.to_string());
    e.registry_key = Some(key.to_string());
    e.registry_value_name = Some(name.to_string());
    e.registry_value_type = Some(kind.to_string());
    e.registry_value = Some(value.to_string());
    e
}

/// The User item for an account.
pub fn user(rng: &mut Rng, u: &User, recorded: i64) -> Evidence {
    let mut e = Evidence::empty(EntityType::User);
    e.evidence_creation_time = Some(clock::with_precision(rng, recorded, Precision::Stored));
    e.account_name = Some(u.account.clone());
    e.domain_name = Some(DOMAIN.to_string());
    e.user_sid = Some(u.sid.clone());
    e.aad_user_id = Some(u.aad_id.clone());
    e.user_principal_name = Some(u.upn.clone());
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_name_same_hashes() {
        let (a1, a256) = hashes("update.dll");
        let (b1, b256) = hashes("update.dll");
        assert_eq!((a1.as_str(), a256.as_str()), (b1.as_str(), b256.as_str()));
        assert_eq!((a1.len(), a256.len()), (40, 64));
        assert_ne!(hashes("other.dll").0, a1);
    }

    #[test]
    fn registry_items_fill_every_registry_field() {
        let s = super::super::images::Scene {
            user: "jsmith".into(),
            peer: "srv-file-01".into(),
            c2_host: "c2.example".into(),
            c2_ip: "203.0.113.9".into(),
            payload_dll: "a.dll".into(),
            payload_exe: "a.exe".into(),
            lure: "x.docm".into(),
        };
        let e = evidence(
            &mut Rng::new(1),
            Artifact::RunKey,
            &s,
            17_000_000_000_000_000,
            None,
        );
        assert_eq!(e.entity_type, EntityType::Registry);
        assert!(e.registry_key.is_some() && e.registry_hive.is_some());
        assert_eq!(e.registry_value_type.as_deref(), Some("String"));
        assert!(
            e.registry_value
                .as_deref()
                .is_some_and(|v| v.ends_with("a.exe"))
        );
        assert!(e.registry_value_name.is_some());
    }
}
