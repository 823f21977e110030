//! One line per MITRE ATT&CK technique of an alert.
//!
//! TODO(mitre): `crate::text::mitre` (names, tactics, revoked → replacement) is being added by
//! the demo-data engineer; until it lands on main only the sanitised ids are shown.

use super::safe_text::fit_line;
use super::theme::Theme;
use ratatui::text::{Line, Span};

/// The line for technique `id`.
pub fn technique_line(id: &str, cols: usize, theme: &Theme) -> Line<'static> {
    let id = fit_line(id, cols.saturating_sub(2).min(24)).text;
    Line::from(vec![Span::raw("  "), Span::styled(id, theme.key)])
}
