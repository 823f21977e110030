//! The alert list: severity word + colour, status, age, title and as many of device, user,
//! owner, category and incident as the width allows; sort indicator in the header; marker
//! column for marks, pending writes, new arrivals and hostile-text badges. Only the visible
//! window of rows is built, whatever the number of alerts.

use super::block;
use super::clock;
use super::safe_text::{BADGE, fit_line};
use super::theme::{Theme, severity_word};
use crate::app::list::sort::SortKey;
use crate::app::list::state::RowView;
use crate::app::state::State;
use mde_model::{AlertRow, Status};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

/// A list column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Mark / pending / new / badge markers.
    Markers,
    /// Severity word.
    Severity,
    /// Status.
    Status,
    /// Age of the alert.
    Age,
    /// Title (takes the remaining width).
    Title,
    /// Device name.
    Device,
    /// Related user.
    User,
    /// Owner.
    AssignedTo,
    /// Category.
    Category,
    /// Incident id.
    Incident,
}

impl Column {
    fn header(self) -> &'static str {
        match self {
            Column::Markers => "",
            Column::Severity => "Sev",
            Column::Status => "Status",
            Column::Age => "Age",
            Column::Title => "Title",
            Column::Device => "Device",
            Column::User => "User",
            Column::AssignedTo => "Assigned",
            Column::Category => "Category",
            Column::Incident => "Incident",
        }
    }

    fn sort_key(self) -> Option<SortKey> {
        Some(match self {
            Column::Severity => SortKey::Severity,
            Column::Status => SortKey::Status,
            Column::Age => SortKey::Created,
            Column::Title => SortKey::Title,
            Column::Device => SortKey::Device,
            Column::User => SortKey::User,
            Column::AssignedTo => SortKey::AssignedTo,
            Column::Category => SortKey::Category,
            Column::Incident => SortKey::Incident,
            Column::Markers => return None,
        })
    }

    /// Fixed width; the title takes what is left.
    fn width(self) -> u16 {
        match self {
            Column::Markers => 5,
            Column::Severity => 5,
            Column::Status => 8,
            Column::Age => 5,
            Column::Title => 0,
            Column::Device => 16,
            Column::User => 16,
            Column::AssignedTo => 18,
            Column::Category => 16,
            Column::Incident => 9,
        }
    }
}

/// The columns shown in a pane `inner_width` columns wide: the essentials always, the others
/// in order of triage value while the title keeps at least 24 columns.
pub fn columns_for(inner_width: u16) -> Vec<Column> {
    let mut cols = vec![
        Column::Markers,
        Column::Severity,
        Column::Status,
        Column::Age,
        Column::Title,
    ];
    let mut used: u16 = cols.iter().map(|c| c.width() + 1).sum();
    for extra in [
        Column::Device,
        Column::AssignedTo,
        Column::User,
        Column::Category,
        Column::Incident,
    ] {
        if used + extra.width() + 1 + 24 <= inner_width {
            used += extra.width() + 1;
            cols.push(extra);
        }
    }
    cols
}

/// Draws the list pane.
pub fn render(frame: &mut Frame, area: Rect, state: &State, focused: bool, theme: &Theme) {
    let info = format!(
        "{}/{} · {}",
        state.list.match_count(),
        state.list.total_count(),
        state.list.sort.indicator()
    );
    let marks = if state.list.marks.is_empty() {
        "Alerts".to_string()
    } else {
        format!("Alerts · {} marked", state.list.marks.len())
    };
    let frame_block = block::pane(&marks, &info, focused, theme);
    let inner = frame_block.inner(area);
    frame.render_widget(frame_block, area);
    if inner.height < 2 || inner.width == 0 {
        return;
    }
    if state.list.match_count() == 0 {
        let msg = if !state.list.loaded {
            "Loading alerts…".to_string()
        } else if state.list.total_count() == 0 {
            "No alerts.".to_string()
        } else {
            format!(
                "No alert matches the filter “{}” (Esc clears it).",
                fit_line(&state.list.filter_text, 60).text
            )
        };
        frame.render_widget(Paragraph::new(Line::styled(msg, theme.muted)), inner);
        return;
    }
    let cols = columns_for(inner.width);
    let title_w = title_width(&cols, inner.width);
    let widths: Vec<Constraint> = cols
        .iter()
        .map(|c| match c {
            Column::Title => Constraint::Length(title_w),
            c => Constraint::Length(c.width()),
        })
        .collect();
    let header = Row::new(cols.iter().map(|c| {
        let mut h = c.header().to_string();
        if c.sort_key() == Some(state.list.sort.key) {
            h.push(if state.list.sort.descending {
                '↓'
            } else {
                '↑'
            });
        }
        Cell::from(h)
    }))
    .style(theme.header);
    let window = state.list.window(usize::from(inner.height - 1));
    let now = state.now;
    let rows: Vec<Row> = state
        .visible_rows(window)
        .map(|v| build_row(&v, &cols, title_w, now, focused, theme))
        .collect();
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    frame.render_widget(table, inner);
}

fn title_width(cols: &[Column], inner_width: u16) -> u16 {
    let fixed: u16 = cols
        .iter()
        .filter(|c| **c != Column::Title)
        .map(|c| c.width() + 1)
        .sum();
    inner_width.saturating_sub(fixed).max(8)
}

fn build_row<'a>(
    v: &RowView<'_>,
    cols: &[Column],
    title_w: u16,
    now: Option<mde_model::Timestamp>,
    focused: bool,
    theme: &Theme,
) -> Row<'a> {
    let r = v.row;
    let mut flagged = false;
    let mut text = |raw: Option<&str>, w: u16| -> String {
        match raw {
            Some(s) => {
                let safe = fit_line(s, usize::from(w));
                flagged |= safe.flags.any();
                safe.text
            }
            None => String::new(),
        }
    };
    let cells: Vec<(Column, String)> = cols
        .iter()
        .map(|c| {
            let s = match c {
                Column::Markers => String::new(),
                Column::Severity => severity_word(&r.severity).to_string(),
                Column::Status => status_word(&r.status).to_string(),
                Column::Age => now.map_or(String::new(), |n| clock::age_opt(n, r.created)),
                Column::Title => text(Some(&r.title), title_w),
                Column::Device => text(r.device.as_deref(), c.width()),
                Column::User => text(r.user.as_deref(), c.width()),
                Column::AssignedTo => text(r.assigned_to.as_deref(), c.width()),
                Column::Category => text(r.category.as_deref(), c.width()),
                Column::Incident => r.incident_id.map_or(String::new(), |i| i.to_string()),
            };
            (*c, s)
        })
        .collect();
    // The title is the most visible field; flag the row for any hidden field too.
    flagged |= hidden_fields_flagged(r, cols);
    let row_cells = cells.into_iter().map(|(c, s)| match c {
        Column::Markers => Cell::from(markers(v, flagged, theme)),
        Column::Severity => Cell::from(Span::styled(s, theme.severity(&r.severity))),
        Column::Status if v.pending => Cell::from(Span::styled(s, theme.pending)),
        Column::Age => Cell::from(Span::styled(s, theme.muted)),
        _ => Cell::from(s),
    });
    let mut style = Style::new();
    if v.new {
        style = style.patch(theme.new_alert);
    }
    if v.marked {
        style = style.patch(theme.marked);
    }
    if v.selected {
        // An unfocused list keeps the cursor visible, just less loudly.
        style = if focused {
            style.patch(theme.selected)
        } else {
            style.patch(
                theme
                    .selected
                    .remove_modifier(ratatui::style::Modifier::BOLD),
            )
        };
    }
    Row::new(row_cells).style(style)
}

fn hidden_fields_flagged(r: &AlertRow, shown: &[Column]) -> bool {
    let fields = [
        (Column::Device, r.device.as_deref()),
        (Column::User, r.user.as_deref()),
        (Column::AssignedTo, r.assigned_to.as_deref()),
        (Column::Category, r.category.as_deref()),
    ];
    fields
        .iter()
        .filter(|(c, _)| !shown.contains(c))
        .filter_map(|(_, v)| *v)
        .any(|v| mde_text::sanitize_line(v).flags.any())
}

fn markers(v: &RowView<'_>, flagged: bool, theme: &Theme) -> Line<'static> {
    let slot = |on: bool, glyph: &'static str, style: Style| {
        if on {
            Span::styled(glyph, style)
        } else {
            Span::raw(" ")
        }
    };
    Line::from(vec![
        slot(v.selected, "▸", theme.key),
        slot(v.marked, "*", theme.marked),
        slot(v.pending, "~", theme.pending),
        slot(v.new, "+", theme.ok),
        slot(flagged, BADGE, theme.warning),
    ])
}

/// Status as a short word.
pub fn status_word(s: &Status) -> &str {
    match s {
        Status::New => "New",
        Status::InProgress => "InProg",
        Status::Resolved => "Resolved",
        Status::Hidden => "Hidden",
        Status::Unknown | Status::Unspecified => "-",
        Status::Unrecognized(_) => "?",
    }
}
