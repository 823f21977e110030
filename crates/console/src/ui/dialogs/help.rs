//! The `?` overlay: every binding of the keymap table grouped (the keys inside dialogs one line
//! per dialog), every filter field with an example, the `:` commands that take an argument and
//! the views without a number key, and the subject rule — in as many columns as the width allows
//! (three at 160 columns, all of it on one screen at 160×48), filtered by what the analyst types.
//! Every row is content: the key hint and the scroll position sit on the bottom border, and the
//! filter's line shows only while one is typed.

use crate::app::dialogs::help::state::Help;
use crate::app::dialogs::prompt::palette::ARG_COMMANDS;
use crate::app::keymap::{self, Action, Binding, Context, Group, Keymap};
use crate::app::list::views::ViewDef;
use crate::ui::popup;
use crate::ui::safe_text::{fit, width};
use crate::ui::theme::Theme;
use mde_query::FIELDS;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::collections::HashSet;

/// Width of the keys column.
const KEYS: usize = 13;
/// Width of one column of the overlay.
const COLUMN: usize = 50;
// At 160 columns three columns of about 51 fit; the keys column takes 13 of them.
/// The key hint at the top of the overlay.
pub const HINT: &str = "type to filter · ↑↓ PgUp PgDn scroll · Esc close";

/// The dialog contexts, in the order their line appears. The help's own keys are its hint (on
/// its border) and the hint bar's.
const DIALOGS: &[Context] = &[
    Context::Menu,
    Context::Confirm,
    Context::Conflict,
    Context::Input,
    Context::Editor,
    Context::Viewer,
    // Issue 11.
    Context::Story,
    // Issue 10.
    Context::Response,
];

/// One row of the overlay: a heading or an entry (key part, text part).
enum Entry {
    Heading(String),
    Item(String, String),
}

/// Every entry the overlay can show, with the keys of `map` and the views `views`, filtered by
/// `filter` (lower-cased substring of any part).
fn entries(map: &Keymap, views: &[ViewDef], filter: &str) -> Vec<Entry> {
    let f = filter.trim().to_lowercase();
    let hit = |parts: &[&str]| f.is_empty() || parts.iter().any(|p| p.to_lowercase().contains(&f));
    let mut out = Vec::new();
    let section = |title: &str, items: Vec<(String, String)>, out: &mut Vec<Entry>| {
        let items: Vec<(String, String)> = items
            .into_iter()
            .filter(|(k, d)| hit(&[k, d, title]))
            .collect();
        if !items.is_empty() {
            out.push(Entry::Heading(title.to_string()));
            out.extend(items.into_iter().map(|(k, d)| Entry::Item(k, d)));
        }
    };
    for (group, binds) in keymap::help_groups_in(map, "") {
        if group == Group::Dialogs {
            continue;
        }
        let items = binds
            .iter()
            .filter(|b| !DIALOGS.contains(&b.context) && b.context != Context::Help)
            .map(|b| binding_item(map, b))
            .collect();
        section(group.label(), items, &mut out);
    }
    let dialogs = DIALOGS
        .iter()
        .map(|ctx| {
            let keys: Vec<String> = keymap::BINDINGS
                .iter()
                .filter(|b| b.context == *ctx && !map.keys(b).is_empty())
                .map(|b| {
                    format!(
                        "{} {}",
                        map.keys_label(b),
                        crate::ui::chrome::hints::short(b.description).to_lowercase()
                    )
                })
                .collect();
            (ctx.label().to_string(), keys.join(" · "))
        })
        .collect();
    section("Inside dialogs", dialogs, &mut out);
    let mut fields: Vec<(String, String)> = FIELDS
        .iter()
        .map(|d| {
            (
                format!("{}:", d.names[0]),
                format!("{} — {}", d.what, d.example),
            )
        })
        .collect();
    fields.insert(
        0,
        (
            "text".into(),
            "title, evidence, description… anywhere".into(),
        ),
    );
    fields.push(("a,b  !x".into(), "either value · not x; terms AND".into()));
    section("Filter (/) fields", fields, &mut out);
    let subject = vec![
        ("detail".into(), "focus in the detail: its alert".into()),
        (
            "list".into(),
            "marked alerts, else the open or cursor alert".into(),
        ),
        (
            "incidents".into(),
            "incident list: marked incidents, else the cursor's line".into(),
        ),
    ];
    section(
        "What keys act on (every dialog names it)",
        subject,
        &mut out,
    );
    // The views a number key opens are named on that key's line already; the others here,
    // last, so a long list of config views is what scrolls.
    let quick = quick_views(map);
    let mut commands: Vec<(String, String)> = ARG_COMMANDS
        .iter()
        .map(|(k, d)| (k.to_string(), d.to_string()))
        .collect();
    commands.extend(
        views
            .iter()
            .enumerate()
            .filter(|(i, _)| !quick.contains(i))
            .map(|(_, v)| {
                (
                    format!("view {}", v.name),
                    format!("{}: {}", v.title, v.query),
                )
            }),
    );
    section("Commands (:)", commands, &mut out);
    out
}

/// The positions of the views a key of `map` opens (`1` the open queue…).
fn quick_views(map: &Keymap) -> HashSet<usize> {
    keymap::BINDINGS
        .iter()
        .filter(|b| !map.keys(b).is_empty())
        .filter_map(|b| match b.action {
            Action::QuickView(v) => Some(usize::from(v.0)),
            _ => None,
        })
        .collect()
}

fn binding_item(map: &Keymap, b: &'static Binding) -> (String, String) {
    let keys = map.keys_label(b);
    let keys = if keys.is_empty() {
        format!(":{}", b.action.name())
    } else {
        keys
    };
    // The list's and the tree's own keys say where they work, briefly.
    let ctx = match b.context {
        Context::Global | Context::List => "",
        Context::Evidence => " (tree)",
        Context::Incidents => " (incident list)",
        _ => "",
    };
    (keys, format!("{}{ctx}", b.description))
}

/// Draws the help overlay over `area`, with the keys of `map` and the views `views`.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    help: &Help,
    (map, views): (&Keymap, &[ViewDef]),
    theme: &Theme,
) {
    let filter = help.filter.text();
    let list = entries(map, views, filter);
    let avail = usize::from(area.width.saturating_sub(6)).max(1);
    let ncols = (avail / COLUMN).clamp(1, 3);
    let colw = if ncols == 1 { avail } else { avail / ncols };
    // The filter's line while one is typed, and the line saying nothing matches.
    let head = usize::from(!filter.is_empty());
    let rows_needed = head + list.len().div_ceil(ncols).max(1);
    let w = u16::try_from(colw * ncols + 2).unwrap_or(u16::MAX);
    let h = u16::try_from(rows_needed + 2).unwrap_or(u16::MAX);
    // Nearly as wide as the screen: take all of it, so no sliver of the panes beneath (their
    // borders, scroll bars) shows beside the overlay's own border.
    let w = if area.width.saturating_sub(w + 2) < 4 {
        area.width
    } else {
        w + 2
    };
    let rect = popup::centered(area, w, h);
    let inner = popup::open(frame, rect, "Keys and filter fields", theme);
    if usize::from(inner.height) <= head {
        return;
    }
    let rows = usize::from(inner.height) - head;
    let per_page = rows * ncols;
    let top = help.scroll.min(list.len().saturating_sub(per_page));
    bottom_border(
        frame,
        rect,
        crate::ui::scroll::position(top, per_page, list.len()),
        theme,
    );
    if head > 0 {
        let room = usize::from(inner.width).saturating_sub(10);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Filter: ", theme.muted),
                Span::raw(fit(filter, room).into_owned()),
            ])),
            inner,
        );
        let cursor = u16::try_from(width(filter)).unwrap_or(0);
        frame.set_cursor_position(Position::new(
            (inner.x + 8 + cursor).min(inner.right().saturating_sub(1)),
            inner.y,
        ));
    }
    let body_y = inner.y + u16::try_from(head).unwrap_or(0);
    let body_h = inner.height - u16::try_from(head).unwrap_or(0);
    if list.is_empty() {
        let none = Line::styled("Nothing matches the filter.", theme.muted);
        frame.render_widget(
            Paragraph::new(none),
            Rect::new(inner.x, body_y, inner.width, 1),
        );
        return;
    }
    let shown: Vec<&Entry> = list.iter().skip(top).take(per_page).collect();
    for (c, chunk) in shown.chunks(rows).enumerate() {
        let x = inner.x + u16::try_from(c * colw).unwrap_or(0);
        let r = Rect::new(
            x,
            body_y,
            u16::try_from(colw.saturating_sub(1)).unwrap_or(0),
            body_h,
        );
        let lines: Vec<Line> = chunk
            .iter()
            .map(|e| entry_line(e, colw.saturating_sub(1), theme))
            .collect();
        frame.render_widget(Paragraph::new(lines), r);
    }
}

/// The key hint at the left of the bottom border, the position (when it scrolls) at its right.
fn bottom_border(frame: &mut Frame, rect: Rect, pos: Option<String>, theme: &Theme) {
    if rect.height < 2 || rect.width < 8 {
        return;
    }
    let room = usize::from(rect.width - 4);
    let pos = pos.map(|p| format!(" {p} ")).unwrap_or_default();
    let hint = format!(" {} ", fit(HINT, room.saturating_sub(width(&pos) + 3)));
    let y = rect.bottom() - 1;
    let hw = u16::try_from(width(&hint)).unwrap_or(0);
    frame.render_widget(
        Paragraph::new(Line::styled(hint, theme.muted)),
        Rect::new(rect.x + 2, y, hw.min(rect.width - 4), 1),
    );
    let pw = u16::try_from(width(&pos)).unwrap_or(0);
    if pw > 0 && pw + hw + 4 <= rect.width {
        frame.render_widget(
            Paragraph::new(Line::styled(pos, theme.muted)),
            Rect::new(rect.right() - 2 - pw, y, pw, 1),
        );
    }
}

fn entry_line(e: &Entry, cols: usize, theme: &Theme) -> Line<'static> {
    match e {
        Entry::Heading(t) => Line::styled(fit(t, cols).into_owned(), theme.title),
        Entry::Item(k, d) => {
            let keys = fit(k, KEYS).into_owned();
            let room = cols.saturating_sub(KEYS + 2);
            Line::from(vec![
                Span::raw(" "),
                Span::styled(format!("{keys:<KEYS$}"), theme.key),
                Span::raw(" "),
                Span::styled(fit(d, room).into_owned(), Style::new()),
            ])
        }
    }
}

/// How many entries the overlay holds for a filter with the built-in keys and views.
pub fn entry_count(filter: &str) -> usize {
    let views = crate::app::list::views::built_in();
    entries(&Keymap::default(), &views, filter).len()
}
