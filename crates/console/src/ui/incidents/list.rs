//! The incident list: severity word + colour, status, alert count, age, id, name, and as many of
//! devices, owner and users as the width allows; an expanded incident's alerts under it,
//! indented; marker column for the cursor, marks, pending writes and the fold state. Only the
//! visible window of lines is built.

use crate::app::incidents::state::{IncLine, IncidentsState};
use crate::app::list::widths::{short_host, short_owner, short_user};
use crate::app::state::State;
use crate::ui::block;
use crate::ui::clock;
use crate::ui::list::status_word;
use crate::ui::safe_text::{BADGE, fit_line};
use crate::ui::theme::{Theme, severity_word};
use mde_model::AlertRow;
use mde_model::graph::{IncidentRow, IncidentStatus};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

/// A column of the incident list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// Cursor, mark, pending, fold.
    Markers,
    /// Severity word.
    Severity,
    /// Status.
    Status,
    /// Alert count.
    Alerts,
    /// Age.
    Age,
    /// Name (takes what is left).
    Name,
    /// Devices (first, and how many more).
    Devices,
    /// Owner.
    Assigned,
    /// Users (first, and how many more).
    Users,
    /// Incident id.
    Id,
}

impl Col {
    /// Header text.
    pub fn header(self) -> &'static str {
        match self {
            Col::Markers => "",
            Col::Severity => "Sev",
            Col::Status => "Status",
            Col::Alerts => "Alerts",
            Col::Age => "Age",
            Col::Name => "Incident",
            Col::Devices => "Devices",
            Col::Assigned => "Assigned",
            Col::Users => "Users",
            Col::Id => "Id",
        }
    }

    fn width(self) -> u16 {
        match self {
            Col::Markers => 5,
            Col::Severity => 4,
            Col::Status => 8,
            Col::Alerts => 6,
            Col::Age => 4,
            Col::Name => 20,
            Col::Devices => 14,
            Col::Assigned => 12,
            Col::Users => 14,
            Col::Id => 6,
        }
    }
}

/// The columns that fit `inner` columns: the essentials and the name always, then devices,
/// owner, users and id while they fit. What is left goes to the name up to a readable width,
/// then to the extras up to the width their values usually need, then to the name.
pub fn columns_for(inner: u16) -> Vec<(Col, u16)> {
    let mut cols = vec![
        Col::Markers,
        Col::Severity,
        Col::Status,
        Col::Alerts,
        Col::Age,
        Col::Name,
    ];
    let mut used: u16 = cols.iter().map(|c| c.width() + 1).sum();
    // The name keeps a fair share before any extra takes room.
    let reserve = inner.saturating_sub(used) / 3;
    for c in [Col::Devices, Col::Assigned, Col::Users, Col::Id] {
        if used + c.width() + 1 + reserve <= inner {
            used += c.width() + 1;
            cols.push(c);
        }
    }
    let mut widths: Vec<u16> = cols.iter().map(|c| c.width()).collect();
    let mut left = inner.saturating_sub(used);
    let name = cols.iter().position(|c| *c == Col::Name).unwrap_or(0);
    let mut grow = |i: usize, to: u16, widths: &mut [u16]| {
        let add = to.saturating_sub(widths[i]).min(left);
        widths[i] += add;
        left -= add;
    };
    grow(name, 56, &mut widths);
    for (i, c) in cols.iter().enumerate() {
        let want = match c {
            Col::Devices => 24,
            Col::Assigned => 26,
            Col::Users => 22,
            _ => 0,
        };
        grow(i, want, &mut widths);
    }
    widths[name] += left;
    cols.into_iter().zip(widths).collect()
}

/// Draws the incident list in `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &State, focused: bool, theme: &Theme) {
    let inc = &state.incidents;
    let info = format!(
        "{}/{} · {}",
        inc.view.len(),
        inc.rows.len(),
        inc.sort.indicator()
    );
    let mut title = inc.scope.title().to_string();
    if !inc.marks.is_empty() {
        title.push_str(&format!(" · {} marked", inc.marks.len()));
        let hidden = inc.hidden_marks();
        if hidden > 0 {
            title.push_str(&format!(" ({hidden} hidden)"));
        }
    }
    let frame_block = block::pane(&title, &info, focused, theme);
    let inner = frame_block.inner(area);
    frame.render_widget(frame_block, area);
    if inner.height < 2 || inner.width == 0 {
        return;
    }
    if inc.lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(empty_message(inc), theme.muted)).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let cols = columns_for(inner.width);
    let widths: Vec<Constraint> = cols.iter().map(|(_, w)| Constraint::Length(*w)).collect();
    let header = Row::new(cols.iter().map(|(c, _)| Cell::from(c.header()))).style(theme.header);
    let shown = usize::from(inner.height - 1);
    let window = inc.window(shown);
    let first = window.start;
    let rows: Vec<Row> = inc.lines[window]
        .iter()
        .enumerate()
        .map(|(k, line)| {
            let selected = first + k == inc.cursor;
            build(state, line, &cols, selected, focused, theme)
        })
        .collect();
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    frame.render_widget(table, inner);
    crate::ui::scroll::bar(frame, area, first, shown, inc.lines.len(), theme);
}

/// Why the list is empty, in words.
pub fn empty_message(inc: &IncidentsState) -> String {
    if let Some(e) = &inc.error
        && inc.rows.is_empty()
    {
        return format!("Incidents could not be loaded: {}", fit_line(e, 200).text);
    }
    if !inc.loaded {
        return "Loading incidents…".to_string();
    }
    if inc.rows.is_empty() {
        return "No incidents in the cache yet. r refreshes.".to_string();
    }
    let scope = inc.scope.title();
    if inc.filter_text.trim().is_empty() {
        format!(
            "No incident in '{scope}'. {} held: 0 shows them all, 5 the resolved ones.",
            inc.rows.len()
        )
    } else {
        format!(
            "No incident in '{scope}' matches /{} (Esc clears the filter).",
            fit_line(&inc.filter_text, 60).text
        )
    }
}

/// An incident's status as a short word.
pub fn incident_status_word(s: &IncidentStatus) -> &str {
    match s {
        IncidentStatus::Active => "Active",
        IncidentStatus::InProgress => "InProg",
        IncidentStatus::Resolved => "Resolved",
        IncidentStatus::Redirected => "Merged",
        IncidentStatus::AwaitingAction => "Awaiting",
        IncidentStatus::UnknownFutureValue => "-",
        IncidentStatus::Unrecognized(_) => "?",
    }
}

fn build<'a>(
    state: &State,
    line: &IncLine,
    cols: &[(Col, u16)],
    selected: bool,
    focused: bool,
    theme: &Theme,
) -> Row<'a> {
    let inc = &state.incidents;
    let mut flagged = false;
    let mut text = |raw: &str, w: u16| -> String {
        let safe = fit_line(raw, usize::from(w));
        flagged |= safe.flags.any();
        safe.text
    };
    // (cells, marked, pending, fold glyph, row style)
    let (cells, marked, pending, fold_glyph, style) = match line {
        IncLine::Incident(id) => match inc.rows.get(id) {
            Some(r) => {
                let pending = inc.is_pending(id);
                let cells: Vec<Cell<'a>> = cols
                    .iter()
                    .map(|&(c, w)| incident_cell(state, r, c, w, pending, &mut text, theme))
                    .collect();
                let marked = inc.marks.contains(id);
                let style = if marked { theme.marked } else { Style::new() };
                (cells, marked, pending, fold(inc, r), style)
            }
            None => (Vec::new(), false, false, ' ', Style::new()),
        },
        IncLine::Alert { incident, alert } => match alert_row(state, incident, alert) {
            Some(a) => {
                let pending = state.triage.is_pending(alert);
                let cells: Vec<Cell<'a>> = cols
                    .iter()
                    .map(|&(c, w)| alert_cell(state, a, c, w, pending, &mut text, theme))
                    .collect();
                (cells, false, pending, ' ', Style::new())
            }
            None => (Vec::new(), false, false, ' ', Style::new()),
        },
        IncLine::Note { text: note, .. } => {
            let cells = cols
                .iter()
                .map(|&(c, w)| match c {
                    Col::Name => Cell::from(Span::styled(
                        format!(
                            "    {}",
                            fit_line(note, usize::from(w).saturating_sub(4)).text
                        ),
                        theme.muted,
                    )),
                    _ => Cell::from(""),
                })
                .collect();
            (cells, false, false, ' ', Style::new())
        }
    };
    let mut cells = cells;
    if let Some(i) = cols.iter().position(|(c, _)| *c == Col::Markers)
        && i < cells.len()
    {
        cells[i] = markers(selected, marked, pending, fold_glyph, flagged, theme);
    }
    let mut style = style;
    if selected {
        style = if focused {
            style.patch(theme.selected)
        } else {
            style.patch(theme.selected.remove_modifier(Modifier::BOLD))
        };
    }
    Row::new(cells).style(style)
}

/// The alert of an alert line: the list's row (with any pending change) when held there,
/// else the incident's copy.
fn alert_row<'s>(state: &'s State, incident: &str, alert: &str) -> Option<&'s AlertRow> {
    state.list.rows.get(alert).or_else(|| {
        state
            .incidents
            .detail(incident)?
            .alerts
            .iter()
            .find(|a| a.id == alert)
    })
}

/// `▾` expanded, `›` folded with alerts, blank otherwise.
fn fold(inc: &IncidentsState, r: &IncidentRow) -> char {
    if inc.expanded.contains(&r.id) {
        '▾'
    } else if r.alert_count > 0 || inc.detail(&r.id).is_some() {
        '›'
    } else {
        ' '
    }
}

/// Cursor, mark, pending, fold (`▾`/`›`) and the badge of a value that carried a trick.
fn markers<'a>(
    selected: bool,
    marked: bool,
    pending: bool,
    fold: char,
    flagged: bool,
    theme: &Theme,
) -> Cell<'a> {
    let slot = |on: bool, glyph: &'static str, style: Style| {
        if on {
            Span::styled(glyph, style)
        } else {
            Span::raw(" ")
        }
    };
    Cell::from(Line::from(vec![
        slot(selected, "▸", theme.key),
        slot(marked, "*", theme.marked),
        slot(pending, "~", theme.pending),
        Span::styled(fold.to_string(), theme.key),
        slot(flagged, BADGE, theme.warning),
    ]))
}

/// First name plus how many more (`ws-fin-014 +2`), the name whole when that fits `w`.
fn first_and_more(names: &[String], count: u32, w: u16, short: fn(&str) -> &str) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let more = usize::try_from(count).unwrap_or(0).max(names.len()) - 1;
    let tail = if more > 0 {
        format!(" +{more}")
    } else {
        String::new()
    };
    let whole = format!("{first}{tail}");
    if crate::ui::safe_text::width(&whole) <= usize::from(w) {
        whole
    } else {
        format!("{}{tail}", short(first))
    }
}

/// The owner whole when it fits `w`, else without `@domain`.
fn owner(raw: Option<&str>, w: u16) -> String {
    match raw {
        Some(o) if crate::ui::safe_text::width(o) <= usize::from(w) => o.to_string(),
        Some(o) => short_owner(o).to_string(),
        None => String::new(),
    }
}

fn incident_cell<'a>(
    state: &State,
    r: &IncidentRow,
    c: Col,
    w: u16,
    pending: bool,
    text: &mut impl FnMut(&str, u16) -> String,
    theme: &Theme,
) -> Cell<'a> {
    match c {
        Col::Markers => Cell::from(""),
        Col::Severity => Cell::from(Span::styled(
            severity_word(&r.severity),
            theme.severity(&r.severity),
        )),
        Col::Status if pending => Cell::from(Span::styled(
            incident_status_word(&r.status).to_string(),
            theme.pending,
        )),
        Col::Status => Cell::from(text(incident_status_word(&r.status), w)),
        Col::Alerts => Cell::from(state.incidents.alert_count(&r.id).to_string()),
        Col::Age => Cell::from(Span::styled(
            state
                .now
                .map_or(String::new(), |n| clock::age_opt(n, r.created)),
            theme.muted,
        )),
        Col::Name => Cell::from(text(&r.name, w)),
        Col::Devices => Cell::from(text(
            &first_and_more(&r.devices, r.device_count, w, short_host),
            w,
        )),
        Col::Assigned => Cell::from(text(&owner(r.assigned_to.as_deref(), w), w)),
        Col::Users => Cell::from(text(
            &first_and_more(&r.users, r.user_count, w, short_user),
            w,
        )),
        Col::Id => Cell::from(text(&r.id, w)),
    }
}

fn alert_cell<'a>(
    state: &State,
    a: &AlertRow,
    c: Col,
    w: u16,
    pending: bool,
    text: &mut impl FnMut(&str, u16) -> String,
    theme: &Theme,
) -> Cell<'a> {
    match c {
        Col::Severity => Cell::from(Span::styled(
            severity_word(&a.severity),
            theme.severity(&a.severity),
        )),
        Col::Status if pending => Cell::from(Span::styled(
            status_word(&a.status).to_string(),
            theme.pending,
        )),
        Col::Status => Cell::from(text(status_word(&a.status), w)),
        Col::Age => Cell::from(Span::styled(
            state
                .now
                .map_or(String::new(), |n| clock::age_opt(n, a.created)),
            theme.muted,
        )),
        Col::Name => {
            // Another product's alert says which, before the title so a cut keeps it.
            let product = a
                .source
                .as_ref()
                .filter(|p| **p != mde_model::graph::ServiceSource::MicrosoftDefenderForEndpoint)
                .map_or(String::new(), |p| format!("[{}] ", p.short()));
            let room = w.saturating_sub(4);
            Cell::from(format!(
                "  └ {}",
                text(&format!("{product}{}", a.title), room)
            ))
        }
        Col::Devices => Cell::from(text(a.device.as_deref().map_or("", short_host), w)),
        Col::Assigned => Cell::from(text(&owner(a.assigned_to.as_deref(), w), w)),
        Col::Users => Cell::from(text(a.user.as_deref().map_or("", short_user), w)),
        Col::Markers | Col::Alerts | Col::Id => Cell::from(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_essentials_and_the_name_fit_at_80_and_everything_at_160() {
        let narrow = columns_for(78);
        let total: u16 = narrow.iter().map(|(_, w)| w + 1).sum();
        assert_eq!(total, 78, "{narrow:?}");
        let has = |cols: &[(Col, u16)], c: Col| cols.iter().any(|(x, _)| *x == c);
        assert!(has(&narrow, Col::Devices) && has(&narrow, Col::Alerts));
        let name = narrow.iter().find(|(c, _)| *c == Col::Name).unwrap().1;
        assert!(name >= 20, "{narrow:?}");
        let wide = columns_for(158);
        for c in [Col::Devices, Col::Assigned, Col::Users, Col::Id] {
            assert!(has(&wide, c), "{c:?} at 160: {wide:?}");
        }
    }
}
