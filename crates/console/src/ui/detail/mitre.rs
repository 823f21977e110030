//! One line per MITRE ATT&CK technique of an alert: id, name and tactics from the embedded
//! table (`mde_text::mitre`); a revoked id shows the technique that replaced it.

use crate::ui::safe_text::{fit, fit_line};
use crate::ui::theme::Theme;
use mde_text::mitre::{self, Resolved, Technique};
use ratatui::text::{Line, Span};

/// The line for technique `id` (raw from the alert), at most `cols` wide.
pub fn technique_line(id: &str, cols: usize, theme: &Theme) -> Line<'static> {
    let shown_id = fit_line(id, 24).text;
    let (ids, about, note) = match mitre::resolve(id) {
        Resolved::Active(t) => (shown_id, describe(t), None),
        Resolved::Deprecated(t) => (shown_id, describe(t), Some("deprecated".to_string())),
        Resolved::Revoked { original, current } => (
            format!("{} → {}", original.id, current.id),
            describe(current),
            Some(format!("{} revoked", original.id)),
        ),
        Resolved::Unknown => (shown_id, String::new(), Some("not in ATT&CK".to_string())),
    };
    let mut spans = vec![Span::raw("  "), Span::styled(ids.clone(), theme.key)];
    let mut used = 2 + crate::ui::safe_text::width(&ids);
    if !about.is_empty() {
        let room = cols.saturating_sub(used + 2);
        let text = fit(&about, room).into_owned();
        used += 2 + crate::ui::safe_text::width(&text);
        spans.push(Span::raw(format!("  {text}")));
    }
    if let Some(n) = note {
        let room = cols.saturating_sub(used + 3);
        if room > 4 {
            spans.push(Span::styled(
                format!(" ({})", fit(&n, room - 2)),
                theme.warning,
            ));
        }
    }
    Line::from(spans)
}

/// `PowerShell · Execution` (name, then tactics).
fn describe(t: &Technique) -> String {
    let tactics: Vec<&str> = t.tactics.iter().map(|t| t.label()).collect();
    if tactics.is_empty() {
        t.name.to_string()
    } else {
        format!("{} · {}", t.name, tactics.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(l: &Line<'_>) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn names_tactics_and_revoked_replacements_are_shown() {
        let t = Theme::no_color();
        let l = text(&technique_line("T1059.001", 100, &t));
        assert!(l.contains("T1059.001") && l.contains("PowerShell"), "{l}");
        assert!(l.contains("Execution"), "{l}");
        let l = text(&technique_line("T1085", 100, &t));
        assert!(l.contains("T1085 → T1218.011"), "{l}");
        assert!(l.contains("revoked"), "{l}");
        let l = text(&technique_line("T9999\u{1b}[2J", 100, &t));
        assert!(l.contains("not in ATT&CK") && !l.contains('\u{1b}'), "{l}");
    }
}
