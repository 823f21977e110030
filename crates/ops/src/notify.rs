//! New-alert notifications, opt-in: the terminal bell and the desktop-notification escapes
//! (OSC 9, understood by iTerm2, WezTerm, Windows Terminal, kitty; OSC 777, by urxvt, foot,
//! VTE terminals). Nothing is ever emitted unless the config turns it on, and the alert's title
//! is sanitised first: an escape in it cannot end the sequence early or start another.

use mde_model::{AlertRow, Severity};
use mde_text::sanitize_line;

/// Which desktop-notification escape to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DesktopNotify {
    /// None.
    #[default]
    Off,
    /// `ESC ] 9 ; text BEL`.
    Osc9,
    /// `ESC ] 777 ; notify ; title ; body BEL`.
    Osc777,
}

impl DesktopNotify {
    /// Parses `off`, `osc9`, `osc777`.
    pub fn parse(s: &str) -> Result<DesktopNotify, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "off" | "none" | "false" => Ok(DesktopNotify::Off),
            "osc9" | "9" => Ok(DesktopNotify::Osc9),
            "osc777" | "777" => Ok(DesktopNotify::Osc777),
            other => Err(format!(
                "unknown notification escape {other:?} (off, osc9 or osc777)"
            )),
        }
    }
}

/// What to do when a new alert arrives during a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyConfig {
    /// Ring the terminal bell.
    pub bell: bool,
    /// Send a desktop notification escape.
    pub desktop: DesktopNotify,
    /// The lowest severity that notifies.
    pub min_severity: Severity,
}

impl Default for NotifyConfig {
    /// Everything off; High is the threshold once something is turned on.
    fn default() -> Self {
        NotifyConfig {
            bell: false,
            desktop: DesktopNotify::Off,
            min_severity: Severity::High,
        }
    }
}

/// Longest notification text; terminals truncate or drop longer ones anyway.
const MAX_TEXT: usize = 200;

impl NotifyConfig {
    /// True when anything at all is turned on.
    pub fn enabled(&self) -> bool {
        self.bell || self.desktop != DesktopNotify::Off
    }

    /// True when a new row of this severity should notify.
    pub fn wants(&self, row: &AlertRow) -> bool {
        self.enabled()
            && row.severity.rank() >= self.min_severity.rank()
            && self.min_severity.rank() > 0
    }

    /// The bytes to write to the terminal for new alerts (`None` when disabled or none qualify).
    /// `tmux` is `$TMUX`: inside tmux the escape goes through its passthrough.
    pub fn sequence(&self, new_rows: &[&AlertRow], tmux: Option<&str>) -> Option<String> {
        let hits: Vec<&&AlertRow> = new_rows.iter().filter(|r| self.wants(r)).collect();
        let first = hits.first()?;
        let title = if hits.len() == 1 {
            format!("mde-triage: new {} alert", first.severity)
        } else {
            format!("mde-triage: {} new alerts", hits.len())
        };
        let body = clean(&first.title);
        let mut out = String::new();
        if self.bell {
            out.push('\x07');
        }
        let osc = match self.desktop {
            DesktopNotify::Off => None,
            DesktopNotify::Osc9 => Some(format!("\x1b]9;{title}: {body}\x07")),
            DesktopNotify::Osc777 => Some(format!("\x1b]777;notify;{title};{body}\x07")),
        };
        if let Some(osc) = osc {
            match tmux {
                Some(t) if !t.is_empty() => {
                    out.push_str("\x1bPtmux;");
                    out.push_str(&osc.replace('\x1b', "\x1b\x1b"));
                    out.push_str("\x1b\\");
                }
                _ => out.push_str(&osc),
            }
        }
        Some(out)
    }
}

/// One line, no controls, no `;` (OSC 777's separator), bounded.
fn clean(s: &str) -> String {
    sanitize_line(s)
        .text
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == ';' { ',' } else { c })
        .take(MAX_TEXT)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::Alert;

    fn row(sev: Severity, title: &str) -> AlertRow {
        let mut a = Alert::new("da1", title);
        a.severity = sev;
        AlertRow::from_alert(&a)
    }

    #[test]
    fn nothing_is_emitted_unless_turned_on() {
        let high = row(Severity::High, "Ransomware");
        assert_eq!(NotifyConfig::default().sequence(&[&high], None), None);
        let bell = NotifyConfig {
            bell: true,
            ..NotifyConfig::default()
        };
        assert_eq!(bell.sequence(&[&high], None).as_deref(), Some("\x07"));
        let low = row(Severity::Low, "meh");
        assert_eq!(bell.sequence(&[&low], None), None, "below the threshold");
    }

    #[test]
    fn osc_sequences_carry_a_clean_title() {
        let hostile = row(Severity::High, "evil\x07\x1b]9;pwned\x1b\\;x");
        let cfg = NotifyConfig {
            desktop: DesktopNotify::Osc777,
            ..NotifyConfig::default()
        };
        let s = cfg.sequence(&[&hostile], None).unwrap();
        assert!(
            s.starts_with("\x1b]777;notify;mde-triage: new High alert;"),
            "{s:?}"
        );
        assert_eq!(s.matches('\x1b').count(), 1, "{s:?}");
        assert_eq!(s.matches('\x07').count(), 1, "{s:?}");
        assert_eq!(s.matches(';').count(), 3, "{s:?}");
        let nine = NotifyConfig {
            desktop: DesktopNotify::Osc9,
            ..NotifyConfig::default()
        };
        let two = [&hostile, &hostile];
        let s = nine
            .sequence(&two, Some("/tmp/tmux-0/default,1,0"))
            .unwrap();
        assert!(
            s.starts_with("\x1bPtmux;\x1b\x1b]9;mde-triage: 2 new alerts: "),
            "{s:?}"
        );
        assert!(s.ends_with("\x07\x1b\\"));
        assert_eq!(DesktopNotify::parse("OSC9").unwrap(), DesktopNotify::Osc9);
        assert!(DesktopNotify::parse("growl").is_err());
    }
}
