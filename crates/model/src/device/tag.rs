//! Adding or removing a device tag (`POST /api/machines/{id}/tags`, `{Value, Action}`): what the
//! console asks, checked before it is sent. Tags are case-sensitive and removal needs the exact
//! value, so the tag is sent as typed (trimmed).

use super::machine::is_machine_id;
use serde::{Deserialize, Serialize};

/// The app permission tagging needs; a user's token carries `Machine.ReadWrite` instead.
pub const TAG_PERMISSION: &str = "Machine.ReadWrite.All";
/// The delegated scope that also allows tagging.
pub const TAG_PERMISSION_DELEGATED: &str = "Machine.ReadWrite";
/// Longest tag sent (the service's limit is undocumented; the portal keeps tags short).
pub const MAX_TAG_CHARS: usize = 200;

/// One tag change on one device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TagRequest {
    /// The device (40-hex machine id).
    pub machine_id: String,
    /// Its name as the analyst saw it (for messages and the audit log).
    #[serde(default)]
    pub device_name: Option<String>,
    /// The tag, exactly as it is sent.
    pub tag: String,
    /// Add (true) or remove (false).
    pub add: bool,
    /// The alert the device was reached from, if any.
    #[serde(default)]
    pub alert_id: Option<String>,
}

impl TagRequest {
    /// `Add` or `Remove`, the body's `Action`.
    pub fn verb(&self) -> &'static str {
        if self.add { "Add" } else { "Remove" }
    }

    /// Checks what can be checked before sending; the message says what to fix.
    pub fn validate(&self) -> Result<(), String> {
        if !is_machine_id(&self.machine_id) {
            return Err(format!(
                "{:?} is not a machine id (40 hexadecimal digits)",
                self.machine_id.chars().take(60).collect::<String>()
            ));
        }
        check_tag(&self.tag)
    }
}

/// A tag the service accepts: not empty or blank, no control characters, bounded.
pub fn check_tag(tag: &str) -> Result<(), String> {
    if tag.trim().is_empty() {
        return Err("a tag cannot be empty".into());
    }
    if tag.chars().any(char::is_control) {
        return Err("a tag cannot hold control characters".into());
    }
    if tag.chars().count() > MAX_TAG_CHARS {
        return Err(format!("a tag is at most {MAX_TAG_CHARS} characters"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_control_and_long_tags_are_refused() {
        assert!(check_tag("  ").is_err());
        assert!(check_tag("a\u{1b}[2Jb").is_err());
        assert!(check_tag(&"x".repeat(MAX_TAG_CHARS + 1)).is_err());
        assert!(check_tag("Contained by SOC").is_ok());
        let r = TagRequest {
            machine_id: "nope".into(),
            device_name: None,
            tag: "ok".into(),
            add: false,
            alert_id: None,
        };
        assert!(r.validate().unwrap_err().contains("machine id"));
        assert_eq!(r.verb(), "Remove");
    }
}
