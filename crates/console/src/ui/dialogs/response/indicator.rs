//! The indicator form: where the value came from and that it applies tenant-wide; each choice
//! row with all its options on screen (the current one highlighted); the title; the description;
//! the last refusal; the choices.

use super::frame::{Editor, Form, draw};
use super::{choices, field_line, wrapped};
use crate::app::dialogs::response::offers::cut;
use crate::app::dialogs::response::state::{EXPIRIES, IndicatorField, IndicatorForm, SEVERITIES};
use crate::ui::safe_text::fit_line;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// One choice row: `▸ Action    Block  Audit  Allow`, the current option highlighted.
fn choice_row(
    label: &str,
    options: &[String],
    current: usize,
    focused: bool,
    theme: &Theme,
) -> Line<'static> {
    let marker = if focused { "▸ " } else { "  " };
    let mut spans = vec![
        Span::styled(marker.to_string(), theme.key),
        Span::styled(
            format!("{label:<10}"),
            if focused { theme.title } else { theme.muted },
        ),
    ];
    for (i, o) in options.iter().enumerate() {
        let style = if i == current {
            theme.selected
        } else {
            theme.text
        };
        let text = if i == current {
            format!("[{o}]")
        } else {
            format!(" {o} ")
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

/// Draws the form.
pub fn render(frame: &mut Frame, area: Rect, f: &IndicatorForm, theme: &Theme) {
    let cols = usize::from(area.width.saturating_sub(8)).min(90);
    let mut top = wrapped(
        &format!(
            "An indicator for the {} applies tenant-wide, on every device (it can take up to 48 hours).",
            f.seed.source
        ),
        cols,
        theme.title,
    );
    let values: Vec<String> = f
        .seed
        .values
        .iter()
        .map(|(k, v)| format!("{}: {}", k.as_str(), fit_line(&cut(v, 24), 24).text))
        .collect();
    let on = |x: IndicatorField| f.field == x;
    top.push(choice_row(
        "Value",
        &values,
        f.value,
        on(IndicatorField::Value),
        theme,
    ));
    let actions: Vec<String> = f.actions().iter().map(|(_, w)| w.to_string()).collect();
    top.push(choice_row(
        "Action",
        &actions,
        f.action,
        on(IndicatorField::Action),
        theme,
    ));
    let expiries: Vec<String> = EXPIRIES.iter().map(|(_, w)| w.to_string()).collect();
    top.push(choice_row(
        "Expires",
        &expiries,
        f.expiry,
        on(IndicatorField::Expiry),
        theme,
    ));
    let severities: Vec<String> = SEVERITIES.iter().map(|s| s.as_str().to_string()).collect();
    top.push(choice_row(
        "Severity",
        &severities,
        f.severity,
        on(IndicatorField::Severity),
        theme,
    ));
    top.push(field_line(
        "  Title     ",
        &f.title,
        on(IndicatorField::Title),
        cols,
        theme,
    ));
    top.push(Line::styled(
        "  ←/→ change a choice · Tab moves between fields",
        theme.muted,
    ));
    let below = f
        .error
        .as_deref()
        .map(|e| wrapped(e, cols, theme.error))
        .unwrap_or_default();
    let value = f
        .seed
        .values
        .get(f.value)
        .map_or(String::new(), |(_, v)| cut(v, 40));
    let title = format!("Add an indicator for {value}");
    draw(
        frame,
        area,
        Form {
            title: &title,
            top,
            editor: Some(Editor {
                area: &f.description,
                label: "Description (required)",
                focused: on(IndicatorField::Description),
                rows: 2,
            }),
            below,
            footer: choices("Cancel", "Add the indicator", theme),
        },
        theme,
    );
}
