//! The alert list: severity word + colour, status, age, title and as many of device, user,
//! owner, category and incident as the width allows; sort indicator in the header; marker
//! column for marks, pending writes, new arrivals and hostile-text badges. Only the visible
//! window of rows is built, whatever the number of alerts.

use super::block;
use super::clock;
use super::list_rows::{self, Content, Drawn};
use super::safe_text::{BADGE, fit_line};
use super::theme::{Theme, severity_word};
use crate::app::list::sort::SortKey;
use crate::app::list::state::RowView;
use crate::app::list::widths::{ContentWidths, short_host, short_owner, short_user};
use crate::app::state::State;
use mde_model::{AlertRow, Status};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

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
    /// The tenant (profile) of the row, with `--all-profiles` (issue 12).
    Tenant,
    // Issue 11 (Graph backend).
    /// The Defender product that raised the alert (only when rows name one).
    Source,
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
            Column::Tenant => "Tenant",
            Column::Source => "Source",
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
            Column::Markers | Column::Tenant | Column::Source => return None,
        })
    }

    /// The width a column never goes below (at least its header's).
    fn min_width(self) -> u16 {
        match self {
            Column::Markers => 5,
            Column::Severity => 4,
            Column::Status => 8,
            Column::Age => 4,
            Column::Title => 24,
            Column::Device => 10,
            Column::User => 10,
            Column::AssignedTo => 9,
            Column::Category => 10,
            Column::Incident => 9,
            Column::Tenant => 6,
            Column::Source => 6,
        }
    }

    /// What the column holds at its widest: in its short form, and whole.
    fn wanted(self, w: &ContentWidths) -> (u16, u16) {
        let at_least = |v: u16| v.max(self.min_width());
        match self {
            Column::Title => (at_least(w.title), at_least(w.title)),
            Column::Device => (at_least(w.device_short), at_least(w.device)),
            Column::User => (at_least(w.user_short), at_least(w.user)),
            Column::AssignedTo => (at_least(w.assigned_short), at_least(w.assigned)),
            Column::Category => (at_least(w.category), at_least(w.category)),
            Column::Incident => (at_least(w.incident), at_least(w.incident)),
            Column::Source => (at_least(w.source), at_least(w.source)),
            c => (c.min_width(), c.min_width()),
        }
    }
}

/// The columns shown in a pane `inner_width` columns wide and their widths, sized from what the
/// rows hold: the essentials always; then title, device, owner, user, category and incident
/// while their minimums fit. The room left goes to the title up to a fair share, then to the
/// others' short forms (host without domain, owner without @domain), then to the title, then to
/// the whole forms; what remains goes to the title.
pub fn columns_for(inner_width: u16, widths: &ContentWidths) -> Vec<(Column, u16)> {
    // Issue 12: rows of several tenants say whose they are, right after the markers.
    let tenant_w = tenant_width(widths);
    let essentials: &[Column] = if tenant_w > 0 {
        &[
            Column::Markers,
            Column::Tenant,
            Column::Severity,
            Column::Status,
            Column::Age,
        ]
    } else {
        &[
            Column::Markers,
            Column::Severity,
            Column::Status,
            Column::Age,
        ]
    };
    let essential_w = |c: Column| {
        if c == Column::Tenant {
            tenant_w
        } else {
            c.min_width()
        }
    };
    let fixed: u16 = essentials.iter().map(|c| essential_w(*c) + 1).sum();
    // The title's fair share of what the essentials leave: a column is only added while the
    // title can still have it.
    let (title_want, _) = Column::Title.wanted(widths);
    let fair = (inner_width.saturating_sub(fixed) * 3 / 5)
        .max(Column::Title.min_width())
        .min(title_want);
    let mut used = fixed + Column::Title.min_width() + 1;
    let reserve = fair - Column::Title.min_width();
    let mut extras: Vec<Column> = vec![Column::Title];
    // The product first when rows name one (Graph backend): it says what kind of alert it is.
    let source = (widths.source > 0).then_some(Column::Source);
    for c in source.into_iter().chain([
        Column::Device,
        Column::AssignedTo,
        Column::User,
        Column::Category,
        Column::Incident,
    ]) {
        if used + c.min_width() + 1 + reserve <= inner_width {
            used += c.min_width() + 1;
            extras.push(c);
        }
    }
    let mut width: Vec<u16> = extras.iter().map(|c| c.min_width()).collect();
    let mut left = inner_width.saturating_sub(used);
    let grow = |i: usize, to: u16, width: &mut [u16], left: &mut u16| {
        let add = to.saturating_sub(width[i]).min(*left);
        width[i] += add;
        *left -= add;
    };
    grow(0, fair, &mut width, &mut left);
    for (i, c) in extras.iter().enumerate().skip(1) {
        grow(i, c.wanted(widths).0, &mut width, &mut left);
    }
    grow(0, title_want, &mut width, &mut left);
    for (i, c) in extras.iter().enumerate().skip(1) {
        grow(i, c.wanted(widths).1, &mut width, &mut left);
    }
    width[0] += left;
    essentials
        .iter()
        .map(|c| (*c, essential_w(*c)))
        .chain(extras.into_iter().zip(width))
        .collect()
}

/// The tenant column's width: what the names need, between 6 and 14; 0 without tenants.
fn tenant_width(widths: &ContentWidths) -> u16 {
    match widths.tenant {
        0 => 0,
        w => w.clamp(Column::Tenant.min_width(), 14),
    }
}

/// Draws the list pane.
pub fn render(frame: &mut Frame, area: Rect, state: &State, focused: bool, theme: &Theme) {
    let list = &state.list;
    let info = format!(
        "{}/{} · {}",
        list.match_count(),
        list.total_count(),
        list.sort.indicator()
    );
    let mut title = list.view_title().to_string();
    if !list.marks.is_empty() {
        title.push_str(&format!(" · {} marked", list.marks.len()));
        let hidden = list.hidden_marks();
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
    if list.match_count() == 0 {
        frame.render_widget(
            Paragraph::new(Line::styled(empty_message(state), theme.muted))
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let cols = columns_for(inner.width, list.rows.widths());
    let widths: Vec<u16> = cols.iter().map(|(_, w)| *w).collect();
    let header = Drawn {
        style: theme.header,
        cells: cols
            .iter()
            .map(|(c, _)| {
                let mut h = c.header().to_string();
                if c.sort_key() == Some(list.sort.key) {
                    h.push(if list.sort.descending { '↓' } else { '↑' });
                }
                Content::Text(h, Style::new())
            })
            .collect(),
    };
    let shown = usize::from(inner.height - 1);
    let window = list.window(shown);
    let first = window.start;
    let now = state.now;
    let rows: Vec<Drawn> = state
        .visible_rows(window)
        .map(|v| build_row(&v, &cols, now, focused, theme))
        .collect();
    list_rows::draw(frame, inner, &widths, header, rows);
    super::scroll::bar(frame, area, first, shown, list.match_count(), theme);
}

/// Why the list is empty, in words: loading, nothing cached, or which view and filter hide
/// what, with the keys that show more.
pub fn empty_message(state: &State) -> String {
    let list = &state.list;
    if !list.loaded {
        return "Loading alerts…".to_string();
    }
    let view = list.view_title();
    let window = match state.connection.status.window_days {
        0 => String::new(),
        d => format!(" The first sync reached back {d} days."),
    };
    if list.total_count() == 0 {
        return format!("No alerts in the cache yet.{window} r refreshes.");
    }
    let total = list.total_count();
    let filter = fit_line(&list.filter_text, 60).text;
    match list.empty {
        Some(e) if e.in_view > 0 => format!(
            "No alert in the view '{view}' matches the filter /{filter} ({} in the view; Esc clears the filter).",
            e.in_view
        ),
        _ if !list.filter_text.trim().is_empty() => format!(
            "No alert in the view '{view}', even without the filter /{filter}. {total} alerts in the cache: 0 shows them all, 5 the resolved ones.{window}"
        ),
        _ => format!(
            "No alert in the view '{view}'. {total} alerts in the cache: 0 shows them all, 5 the resolved ones.{window}"
        ),
    }
}

fn build_row<'a>(
    v: &RowView<'_>,
    cols: &[(Column, u16)],
    now: Option<mde_model::Timestamp>,
    focused: bool,
    theme: &Theme,
) -> Drawn<'a> {
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
    // A value wider than its column shows its short form (host, user or owner name alone).
    let cells: Vec<(Column, String)> = cols
        .iter()
        .map(|&(c, w)| {
            let s = match c {
                Column::Markers => String::new(),
                Column::Severity => severity_word(&r.severity).to_string(),
                Column::Status => status_word(&r.status).to_string(),
                Column::Age => now.map_or(String::new(), |n| clock::age_opt(n, r.created)),
                Column::Title => text(Some(&r.title), w),
                Column::Device => text(fitting(r.device.as_deref(), w, short_host), w),
                Column::User => text(fitting(r.user.as_deref(), w, short_user), w),
                Column::AssignedTo => text(fitting(r.assigned_to.as_deref(), w, short_owner), w),
                Column::Category => text(r.category.as_deref(), w),
                Column::Incident => r.incident_id.map_or(String::new(), |i| i.to_string()),
                Column::Tenant => text(r.tenant.as_deref(), w),
                Column::Source => text(r.source.as_ref().map(|p| p.short()), w),
            };
            (c, s)
        })
        .collect();
    // The title is the most visible field; flag the row for any hidden field too.
    let shown: Vec<Column> = cols.iter().map(|(c, _)| *c).collect();
    flagged |= hidden_fields_flagged(r, &shown);

    let row_cells = cells.into_iter().map(|(c, s)| match c {
        Column::Markers => Content::Line(markers(v, flagged, theme)),
        Column::Severity => Content::Text(s, theme.severity(&r.severity)),
        Column::Status if v.pending => Content::Text(s, theme.pending),
        Column::Age => Content::Text(s, super::rotation::sla::age_style(v.sla, theme)),
        Column::Tenant => Content::Text(s, theme.tenant),
        _ => Content::Text(s, Style::new()),
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
    Drawn {
        style,
        cells: row_cells.collect(),
    }
}

/// The value whole when it fits `w` columns, else its short form.
fn fitting(raw: Option<&str>, w: u16, short: fn(&str) -> &str) -> Option<&str> {
    raw.map(|s| {
        if s.width() <= usize::from(w) {
            s
        } else {
            short(s)
        }
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn widths() -> ContentWidths {
        ContentWidths {
            title: 60,
            device: 27,
            device_short: 10,
            user: 18,
            user_short: 10,
            assigned: 25,
            assigned_short: 13,
            category: 17,
            incident: 3,
            tenant: 0,
            source: 0,
        }
    }

    fn w(cols: &[(Column, u16)], c: Column) -> Option<u16> {
        cols.iter().find(|(x, _)| *x == c).map(|(_, w)| *w)
    }

    #[test]
    fn beside_an_open_alert_at_160_title_device_and_owner_stay_readable() {
        // 160 columns, 60% for the list: 94 inside.
        let cols = columns_for(94, &widths());
        assert!(w(&cols, Column::Title).unwrap() >= 40, "{cols:?}");
        assert!(w(&cols, Column::Device).unwrap() >= 10, "{cols:?}");
        assert!(w(&cols, Column::AssignedTo).unwrap() >= 13, "{cols:?}");
        let total: u16 = cols.iter().map(|(_, w)| w + 1).sum();
        assert_eq!(total, 94, "the table fills the pane: {cols:?}");
    }

    #[test]
    fn the_source_column_comes_only_with_rows_that_name_a_product() {
        assert!(w(&columns_for(120, &widths()), Column::Source).is_none());
        let graph = ContentWidths {
            source: 3,
            ..widths()
        };
        assert_eq!(w(&columns_for(78, &graph), Column::Source), Some(6));
        assert!(w(&columns_for(78, &graph), Column::Title).unwrap() >= 24);
    }

    #[test]
    fn columns_are_sized_from_what_they_hold() {
        let cols = columns_for(198, &widths());
        // The whole names fit: device 27 wide, not a fixed 16; the title takes what it needs.
        assert_eq!(w(&cols, Column::Device), Some(27), "{cols:?}");
        assert_eq!(w(&cols, Column::AssignedTo), Some(25), "{cols:?}");
        assert!(w(&cols, Column::Title).unwrap() >= 60, "{cols:?}");
        assert!(w(&cols, Column::Incident).is_some());
        let narrow = columns_for(78, &widths());
        assert!(w(&narrow, Column::Device).is_some() && w(&narrow, Column::AssignedTo).is_some());
        assert!(w(&narrow, Column::Title).unwrap() >= 28, "{narrow:?}");
    }
}
