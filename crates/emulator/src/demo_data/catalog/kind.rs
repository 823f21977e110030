//! What one kind of alert is made of, and the detection sources the catalog names.

use crate::demo_data::artifacts::Artifact;
use crate::demo_data::images::Image;

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

/// Endpoint detection and response.
pub const EDR: &str = "WindowsDefenderAtp";
/// Antivirus.
pub const AV: &str = "WindowsDefenderAv";
