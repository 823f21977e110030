//! Screen snapshots of every pane, dialog and the help at 80×24 and 160×48, rendered from a
//! deterministic state (fixed clock, handcrafted alerts) into a `TestBackend`, plus explicit
//! style assertions that text snapshots cannot see (severity colour, selection, NO_COLOR) and
//! the too-small and hostile-text cases.
//!
//! One file per kind of screen; the fixture is in `fixture.rs`, and the helpers that draw and
//! snapshot are here (insta names a snapshot after the module of its macro call, so every
//! snapshot is taken here and keeps its name).

mod demo_status;
mod device;
mod device_choices;
mod dialogs;
mod drive;
mod fit;
mod fixture;
mod help_fit;
mod hostile;
mod incidents;
mod panes;
mod rotation;
mod style;

use drive::{key, keys};
use fixture::*;
use mde_console::app::chrome::{Level, Toast};
use mde_console::app::detail::evidence::EvidenceTree;
use mde_console::app::detail::{DetailLoad, DetailState};
use mde_console::app::dialogs::Dialog;
use mde_console::app::dialogs::confirm::Confirm;
use mde_console::app::dialogs::confirm::state::Confirmed;
use mde_console::app::dialogs::conflict::ConflictPrompt;
use mde_console::app::dialogs::editor::Editor;
use mde_console::app::dialogs::help::Help;
use mde_console::app::dialogs::line_input::LineInput;
use mde_console::app::dialogs::menu::{Menu, MenuItem, MenuKind, MenuValue};
use mde_console::app::dialogs::prompt::{Input, InputKind};
use mde_console::app::dialogs::viewer::Viewer;
use mde_console::app::list::sort::SortKey;
use mde_console::app::triage::Pending;
use mde_console::app::{AppConfig, Pane, State, TimeMode};
use mde_console::ui::{self, theme::Theme};
use mde_model::protocol::{AlertDetail, SyncStatus, TriageChange, TriageWrite};
use mde_model::{
    Alert, AlertRow, Classification, Comment, DetectionStatus, Determination, EntityType, Evidence,
    RelatedUser, Severity, Status, Timestamp,
};
use mde_query::Query;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui_textarea::TextArea;

/// The snapshots, next to the other test files' (relative to this file).
const SNAPSHOTS: &str = "../snapshots";

fn draw(state: &State, w: u16, h: u16, theme: &Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::render_with(f, state, theme)).unwrap();
    t
}

/// Snapshots `state` at 80×24 and 160×48 under `name`.
fn snap(name: &str, state: &State) {
    for (w, h) in [(80, 24), (160, 48)] {
        let t = draw(state, w, h, &Theme::full());
        assert_no_controls(t.backend().buffer());
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(SNAPSHOTS);
        settings.set_snapshot_suffix(format!("{w}x{h}"));
        // Nothing in the fixture depends on the wall clock; this filter only guards against a
        // real build id or version string ever reaching the screen.
        settings.add_filter(r"v\d+\.\d+\.\d+", "vX.Y.Z");
        settings.bind(|| insta::assert_snapshot!(name, t.backend()));
    }
}

/// Snapshots one drawn terminal under `name`, as it is.
fn snap_backend(name: &str, t: &Terminal<TestBackend>) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(SNAPSHOTS);
    settings.bind(|| insta::assert_snapshot!(name, t.backend()));
}

fn text_of(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// No C0/C1 control character or DEL reaches a cell.
fn assert_no_controls(buf: &Buffer) {
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "cell holds {:?}",
            cell.symbol()
        );
    }
}

/// No control character and no bidi or invisible character from the data reaches a cell.
fn assert_clean(buf: &Buffer) {
    for cell in buf.content() {
        for c in cell.symbol().chars() {
            let bad = c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
                || ('\u{200b}'..='\u{200f}').contains(&c)
                || c == '\u{feff}';
            assert!(!bad, "cell holds {:?}", c);
        }
    }
}

/// The (x, y) of the first occurrence of `needle` on a row of the buffer. The cell after a
/// wide character is a placeholder and is skipped, as a terminal does.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut xs = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            for _ in sym.chars() {
                xs.push(x);
            }
            line.push_str(sym);
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(sym).max(1)).unwrap();
        }
        if let Some(i) = line.find(needle) {
            let ci = line[..i].chars().count();
            return Some((xs[ci], y));
        }
    }
    None
}
