//! The confirmation of one response action: what happens, to which device (its full name, its
//! platform, its isolation), from which alert, the cautions; the comment; for a disruptive
//! action the device's name to type; the last refusal; the choices.

use super::frame::{Editor, Form, draw};
use super::{choices, field_line, wrapped};
use crate::app::dialogs::response::offers::{cut, what_happens};
use crate::app::dialogs::response::state::{ActionForm, Field};
use crate::app::subject::quote::quote;
use crate::ui::theme::Theme;
use mde_model::device::{IsolationType, Phase, ResponseAction, ScanType};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// `Isolate ws-eng-194 (Full)`: the action on the device, in the analyst's words.
pub fn headline(a: &ResponseAction, host: &str, file: Option<&str>) -> String {
    match a {
        ResponseAction::Isolate {
            isolation: IsolationType::UnManagedDevice,
        } => format!("Contain {host} (unmanaged device)"),
        ResponseAction::Isolate { isolation } => format!("Isolate {host} ({})", isolation.as_str()),
        ResponseAction::Release => format!("Release {host} from isolation"),
        ResponseAction::Scan { scan } => format!(
            "{} antivirus scan of {host}",
            if *scan == ScanType::Full {
                "Full"
            } else {
                "Quick"
            }
        ),
        ResponseAction::Restrict => format!("Restrict app execution on {host}"),
        ResponseAction::Unrestrict => format!("Remove the app restriction on {host}"),
        ResponseAction::CollectPackage => format!("Collect an investigation package from {host}"),
        ResponseAction::StopAndQuarantine { .. } => {
            format!(
                "Stop and quarantine {} on {host}",
                cut(file.unwrap_or("the file"), 40)
            )
        }
    }
}

/// The verb on the send button.
pub fn verb(a: &ResponseAction) -> &'static str {
    match a {
        ResponseAction::Isolate {
            isolation: IsolationType::UnManagedDevice,
        } => "Contain",
        ResponseAction::Isolate { .. } => "Isolate",
        ResponseAction::Release => "Release",
        ResponseAction::Scan { .. } => "Scan",
        ResponseAction::Restrict => "Restrict",
        ResponseAction::Unrestrict => "Remove restriction",
        ResponseAction::CollectPackage => "Collect",
        ResponseAction::StopAndQuarantine { .. } => "Stop and quarantine",
    }
}

fn phase_words(p: Phase) -> &'static str {
    match p {
        Phase::Applied => "isolated",
        Phase::Released => "not isolated",
        Phase::Applying => "isolating…",
        Phase::Releasing => "releasing…",
        Phase::Unknown => "isolation unknown",
    }
}

/// Draws the form.
pub fn render(frame: &mut Frame, area: Rect, f: &ActionForm, theme: &Theme) {
    let cols = usize::from(area.width.saturating_sub(8)).min(90);
    let host = f.target.short().to_string();
    let head = format!(
        "{}: {}.",
        headline(&f.action, &host, f.file.as_deref()),
        what_happens(&f.action, f.file.as_deref())
    );
    let mut top = wrapped(&head, cols, theme.title);
    let mut device = format!("Device: {}", f.target.name);
    if let Some(os) = &f.target.os {
        device.push_str(&format!(" · {os}"));
    }
    device.push_str(&format!(" · {}", phase_words(f.target.isolation)));
    top.extend(wrapped(&device, cols, theme.text));
    if let Some(t) = &f.target.alert_title {
        let id = f.target.alert_id.as_deref().unwrap_or_default();
        top.extend(wrapped(
            &format!("From alert {} ({id})", quote(t, 60)),
            cols,
            theme.muted,
        ));
    }
    for w in &f.warnings {
        top.extend(wrapped(&format!("• {w}"), cols, theme.warning));
    }
    let mut below = Vec::new();
    if let Some(c) = &f.confirm {
        below.push(Line::styled(
            format!("Type the device name to confirm ({host}, any case):"),
            theme.warning,
        ));
        below.push(field_line(">", c, f.field == Field::Confirm, cols, theme));
    }
    if let Some(e) = &f.error {
        below.extend(wrapped(e, cols, theme.error));
    }
    let title = headline(&f.action, &host, f.file.as_deref());
    draw(
        frame,
        area,
        Form {
            title: &title,
            top,
            editor: Some(Editor {
                area: &f.comment,
                label: "Comment (required, recorded with the action)",
                focused: f.field == Field::Comment,
                rows: 3,
            }),
            below,
            footer: choices("Cancel", verb(&f.action), theme),
        },
        theme,
    );
}
