//! What the analyst asks a device to do: the response action, the device, the comment the API
//! requires, and the alert it came from. Pure data plus the facts every layer needs about each
//! action (its MachineAction type, the permission it needs, what it does to the device).

use super::enums::{ActionType, IsolationType, ScanType};
use super::machine::is_machine_id;
use serde::{Deserialize, Serialize};

/// One response action and its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ResponseAction {
    /// Cut the device off the network (Full, Selective, or containment of an unmanaged device).
    Isolate {
        /// How far.
        isolation: IsolationType,
    },
    /// Release it from isolation.
    Release,
    /// Run a Defender Antivirus scan.
    Scan {
        /// Quick or full.
        scan: ScanType,
    },
    /// Allow only Microsoft-signed code to run.
    Restrict,
    /// Lift the execution restriction.
    Unrestrict,
    /// Collect an investigation package (download it once the action succeeded).
    CollectPackage,
    /// Stop the processes of a file and quarantine it everywhere on the device.
    StopAndQuarantine {
        /// The file's SHA-1 (the only hash the service accepts here).
        sha1: String,
    },
}

impl ResponseAction {
    /// The MachineAction `type` the service creates for it.
    pub fn action_type(&self) -> ActionType {
        match self {
            ResponseAction::Isolate { .. } => ActionType::Isolate,
            ResponseAction::Release => ActionType::Unisolate,
            ResponseAction::Scan { .. } => ActionType::RunAntiVirusScan,
            ResponseAction::Restrict => ActionType::RestrictCodeExecution,
            ResponseAction::Unrestrict => ActionType::UnrestrictCodeExecution,
            ResponseAction::CollectPackage => ActionType::CollectInvestigationPackage,
            ResponseAction::StopAndQuarantine { .. } => ActionType::StopAndQuarantineFile,
        }
    }

    /// The permission (app role and delegated scope have the same name) the token needs.
    pub fn permission(&self) -> &'static str {
        permission_for(&self.action_type()).unwrap_or("Machine.ReadWrite.All")
    }

    /// The path segment after `/api/machines/{id}/`.
    pub fn path(&self) -> &'static str {
        match self {
            ResponseAction::Isolate { .. } => "isolate",
            ResponseAction::Release => "unisolate",
            ResponseAction::Scan { .. } => "runAntiVirusScan",
            ResponseAction::Restrict => "restrictCodeExecution",
            ResponseAction::Unrestrict => "unrestrictCodeExecution",
            ResponseAction::CollectPackage => "collectInvestigationPackage",
            ResponseAction::StopAndQuarantine { .. } => "StopAndQuarantineFile",
        }
    }

    /// A short name for menus and logs: `isolate (full)`, `antivirus scan (quick)`, …
    pub fn name(&self) -> String {
        match self {
            ResponseAction::Isolate { isolation } => match isolation {
                IsolationType::Full => "isolate (full)".into(),
                IsolationType::Selective => "isolate (selective)".into(),
                IsolationType::UnManagedDevice => "contain (unmanaged device)".into(),
                IsolationType::Unrecognized(s) => format!("isolate ({s})"),
            },
            ResponseAction::Release => "release from isolation".into(),
            ResponseAction::Scan { scan } => {
                format!("antivirus scan ({})", scan.as_str().to_ascii_lowercase())
            }
            ResponseAction::Restrict => "restrict app execution".into(),
            ResponseAction::Unrestrict => "remove app restriction".into(),
            ResponseAction::CollectPackage => "collect investigation package".into(),
            ResponseAction::StopAndQuarantine { .. } => "stop and quarantine file".into(),
        }
    }

    /// What happens to the device, for the confirmation dialog.
    pub fn consequence(&self) -> &'static str {
        match self {
            ResponseAction::Isolate {
                isolation: IsolationType::Selective,
            } => "cut off from the network except Outlook, Teams and Skype, until released",
            ResponseAction::Isolate { .. } => {
                "cut off from the network (only the Defender service can reach it) until released"
            }
            ResponseAction::Release => "reconnected to the network",
            ResponseAction::Scan { .. } => "scanned by Defender Antivirus (its user may notice)",
            ResponseAction::Restrict => {
                "only Microsoft-signed code may run until the restriction is removed"
            }
            ResponseAction::Unrestrict => "allowed to run any code again",
            ResponseAction::CollectPackage => {
                "searched for forensic data, collected into a package to download"
            }
            ResponseAction::StopAndQuarantine { .. } => {
                "has the file's processes stopped and the file quarantined"
            }
        }
    }

    /// Actions that disrupt the device's user: the console asks to type the device name.
    pub fn is_disruptive(&self) -> bool {
        matches!(
            self,
            ResponseAction::Isolate { .. }
                | ResponseAction::Restrict
                | ResponseAction::StopAndQuarantine { .. }
        )
    }

    /// A default comment in the style of the documentation's examples.
    pub fn default_comment(&self, alert_id: Option<&str>, title: Option<&str>) -> String {
        let what = self.name();
        let mut what = what.chars();
        let head: String = what
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        let verb = format!("{head}{}", what.as_str());
        match (alert_id, title) {
            (Some(id), Some(t)) => format!("{verb} due to alert {id} ({t})"),
            (Some(id), None) => format!("{verb} due to alert {id}"),
            _ => format!("{verb} (mde-triage)"),
        }
    }
}

/// The permission an action type needs, for the types this build can send.
pub fn permission_for(t: &ActionType) -> Option<&'static str> {
    Some(match t {
        ActionType::Isolate | ActionType::Unisolate => "Machine.Isolate",
        ActionType::RunAntiVirusScan => "Machine.Scan",
        ActionType::RestrictCodeExecution | ActionType::UnrestrictCodeExecution => {
            "Machine.RestrictExecution"
        }
        ActionType::CollectInvestigationPackage => "Machine.CollectForensics",
        ActionType::StopAndQuarantineFile => "Machine.StopAndQuarantine",
        ActionType::Offboard => "Machine.Offboard",
        ActionType::LiveResponse => "Machine.LiveResponse",
        ActionType::Unrecognized(_) => return None,
    })
}

/// A response action for one device, as the analyst confirmed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionRequest {
    /// The device (40-hex machine id).
    pub machine_id: String,
    /// Its name as the analyst saw it (for dialogs, messages and the audit log).
    #[serde(default)]
    pub device_name: Option<String>,
    /// What to do.
    pub action: ResponseAction,
    /// Why (the API requires it).
    pub comment: String,
    /// The alert it was started from, if any.
    #[serde(default)]
    pub alert_id: Option<String>,
}

/// Longest comment sent (the service's limit is undocumented; this keeps a paste bounded).
pub const MAX_COMMENT_CHARS: usize = 1000;

impl ActionRequest {
    /// Checks what can be checked before sending; the message says what to fix.
    pub fn validate(&self) -> Result<(), String> {
        if !is_machine_id(&self.machine_id) {
            return Err(format!(
                "{:?} is not a machine id (40 hexadecimal digits)",
                self.machine_id.chars().take(60).collect::<String>()
            ));
        }
        if self.comment.trim().is_empty() {
            return Err("a comment is required: say why (it is recorded with the action)".into());
        }
        if self.comment.chars().count() > MAX_COMMENT_CHARS {
            return Err(format!(
                "the comment is longer than {MAX_COMMENT_CHARS} characters"
            ));
        }
        if let ResponseAction::StopAndQuarantine { sha1 } = &self.action
            && !is_sha1(sha1)
        {
            return Err(format!(
                "stop and quarantine needs the file's SHA-1 (40 hexadecimal digits), not {:?}",
                sha1.chars().take(80).collect::<String>()
            ));
        }
        if let ResponseAction::Isolate {
            isolation: IsolationType::Unrecognized(s),
        } = &self.action
        {
            return Err(format!(
                "isolation type {s:?} is unknown: use Full, Selective or UnManagedDevice"
            ));
        }
        if let ResponseAction::Scan {
            scan: ScanType::Unrecognized(s),
        } = &self.action
        {
            return Err(format!("scan type {s:?} is unknown: use Quick or Full"));
        }
        Ok(())
    }

    /// The device's name, else its id.
    pub fn device_label(&self) -> &str {
        self.device_name
            .as_deref()
            .filter(|n| !n.is_empty())
            .unwrap_or(&self.machine_id)
    }
}

/// True for a 40-hex SHA-1.
pub fn is_sha1(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(action: ResponseAction, comment: &str) -> ActionRequest {
        ActionRequest {
            machine_id: "1e5bc9d7e413ddd7902c2932e418702b84d0cc07".into(),
            device_name: Some("ws-fin-001.corp.contoso.com".into()),
            action,
            comment: comment.into(),
            alert_id: None,
        }
    }

    #[test]
    fn each_action_knows_its_type_path_and_permission() {
        let iso = ResponseAction::Isolate {
            isolation: IsolationType::Selective,
        };
        assert_eq!(iso.action_type(), ActionType::Isolate);
        assert_eq!(iso.path(), "isolate");
        assert_eq!(iso.permission(), "Machine.Isolate");
        assert_eq!(ResponseAction::Release.permission(), "Machine.Isolate");
        assert_eq!(
            ResponseAction::Scan {
                scan: ScanType::Quick
            }
            .permission(),
            "Machine.Scan"
        );
        assert_eq!(
            ResponseAction::Unrestrict.permission(),
            "Machine.RestrictExecution"
        );
        assert_eq!(
            ResponseAction::CollectPackage.permission(),
            "Machine.CollectForensics"
        );
        let sq = ResponseAction::StopAndQuarantine {
            sha1: "a".repeat(40),
        };
        assert_eq!(sq.path(), "StopAndQuarantineFile");
        assert_eq!(sq.permission(), "Machine.StopAndQuarantine");
        assert!(iso.is_disruptive() && !ResponseAction::Release.is_disruptive());
        assert_eq!(
            iso.default_comment(Some("da1"), Some("Mimikatz")),
            "Isolate (selective) due to alert da1 (Mimikatz)"
        );
    }

    #[test]
    fn validation_names_what_to_fix() {
        assert!(req(ResponseAction::Release, "why").validate().is_ok());
        assert!(
            req(ResponseAction::Release, "  ")
                .validate()
                .unwrap_err()
                .contains("comment")
        );
        let bad_hash = req(
            ResponseAction::StopAndQuarantine {
                sha1: "b".repeat(64),
            },
            "x",
        );
        assert!(bad_hash.validate().unwrap_err().contains("SHA-1"));
        let mut r = req(ResponseAction::Release, "x");
        r.machine_id = "ws-01".into();
        assert!(r.validate().unwrap_err().contains("machine id"));
        let odd = req(
            ResponseAction::Isolate {
                isolation: IsolationType::parse("Partial"),
            },
            "x",
        );
        assert!(odd.validate().unwrap_err().contains("Selective"));
    }

    #[test]
    fn requests_round_trip_through_json() {
        let r = req(
            ResponseAction::Scan {
                scan: ScanType::Full,
            },
            "scan it",
        );
        let text = serde_json::to_string(&r).unwrap();
        assert!(text.contains(r#""kind":"scan""#), "{text}");
        assert_eq!(serde_json::from_str::<ActionRequest>(&text).unwrap(), r);
    }
}
