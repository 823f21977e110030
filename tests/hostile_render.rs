//! The hostile corpus rendered through ratatui's widgets and the crossterm backend: the byte
//! stream that would reach the analyst's terminal carries no control sequence from the data,
//! and borders and columns stay where they belong.

use mde_triage::text::corpus::corpus;
use mde_triage::text::{fit, sanitize_line, truncate};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Borders, Cell, List, Paragraph, Row, Table, Wrap};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// Records every side effect a terminal would perform besides drawing.
#[derive(Default)]
struct Recorder {
    events: Vec<String>,
}

impl vt100::Callbacks for Recorder {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.events.push("bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.events.push("visual bell".into());
    }
    fn resize(&mut self, _: &mut vt100::Screen, r: (u16, u16)) {
        self.events.push(format!("resize {r:?}"));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, n: &[u8]) {
        self.events
            .push(format!("icon {}", String::from_utf8_lossy(n)));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, t: &[u8]) {
        self.events
            .push(format!("title {}", String::from_utf8_lossy(t)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], d: &[u8]) {
        self.events
            .push(format!("clipboard {}", String::from_utf8_lossy(d)));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.events.push("paste".into());
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.events.push(format!("control {b:#x}"));
    }
    fn unhandled_escape(&mut self, _: &mut vt100::Screen, _: Option<u8>, _: Option<u8>, b: u8) {
        self.events.push(format!("escape {}", b as char));
    }
    fn unhandled_csi(
        &mut self,
        _: &mut vt100::Screen,
        _: Option<u8>,
        _: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        // crossterm resets the underline colour with SGR 59, which vt100 does not model.
        if c == 'm' && params == [&[59u16][..]] {
            return;
        }
        self.events.push(format!("csi {params:?} {c}"));
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, p: &[&[u8]]) {
        self.events.push(format!(
            "osc {:?}",
            p.first().map(|b| String::from_utf8_lossy(b).into_owned())
        ));
    }
}

/// A writer whose bytes stay readable after the backend took it.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes the crossterm backend writes for a buffer.
fn frame_bytes(buf: &Buffer) -> Vec<u8> {
    let out = Shared::default();
    let mut backend = CrosstermBackend::new(out.clone());
    // The same diff ratatui's Terminal sends on the first frame (it skips the cells a wide
    // character covers).
    let blank = Buffer::empty(buf.area);
    let updates = blank.diff(buf);
    backend.draw(updates.into_iter()).expect("draw into memory");
    Backend::flush(&mut backend).expect("flush");
    drop(backend);
    out.0.take()
}

/// Every escape the backend wrote is its own cursor move (CSI …H) or style (CSI …m); nothing
/// else from the C0/C1 ranges and no bidi or invisible character.
fn assert_only_backend_sequences(name: &str, bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec()).expect("backend writes UTF-8");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let cp = c as u32;
        if c == '\x1b' {
            assert_eq!(chars.next(), Some('['), "{name}: non-CSI escape in frame");
            let mut fin = None;
            for p in chars.by_ref() {
                if !(p.is_ascii_digit() || p == ';' || p == ':') {
                    fin = Some(p);
                    break;
                }
            }
            assert!(
                matches!(fin, Some('H' | 'm')),
                "{name}: CSI ending in {fin:?} in frame"
            );
            continue;
        }
        assert!(
            cp >= 0x20 && cp != 0x7f && !(0x80..=0x9f).contains(&cp),
            "{name}: control U+{cp:04X}"
        );
        assert!(
            !matches!(cp, 0x202A..=0x202E | 0x2066..=0x2069 | 0x200B..=0x200F | 0x061C | 0x2060 | 0xFEFF | 0xAD),
            "{name}: bidi/invisible U+{cp:04X} reached the terminal"
        );
    }
}

/// Feeds the frame to a terminal emulator and returns it with what it recorded.
fn emulate(bytes: &[u8], area: Rect) -> vt100::Parser<Recorder> {
    let mut p = vt100::Parser::new_with_callbacks(area.height, area.width, 0, Recorder::default());
    p.process(bytes);
    p
}

const COLS: u16 = 60;
const ROWS: u16 = 8;

/// A bordered table of rows with the hostile value in the middle column, the way the alert
/// list shows it (text sanitised and fitted by the text module first).
fn render_table(value: &str) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(COLS, ROWS)).expect("terminal");
    term.draw(|f| {
        let rows: Vec<Row> = (0..3)
            .map(|i| {
                Row::new(vec![
                    Cell::from(format!("HIGH{i}")),
                    Cell::from(fit(value, 30).into_owned()),
                    Cell::from("dev01"),
                ])
            })
            .collect();
        let table = Table::new(
            rows,
            [
                Constraint::Length(6),
                Constraint::Length(30),
                Constraint::Length(8),
            ],
        )
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(truncate(value, 40).into_owned()),
        );
        f.render_widget(table, f.area());
    })
    .expect("draw");
    term.backend().buffer().clone()
}

fn render_text_widgets(value: &str) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(COLS, ROWS)).expect("terminal");
    term.draw(|f| {
        let [top, bottom] = f.area().layout(&ratatui::layout::Layout::vertical([
            Constraint::Length(4),
            Constraint::Fill(1),
        ]));
        let list = List::new(vec![truncate(value, 56).into_owned(), "second".to_string()])
            .block(Block::default().borders(Borders::ALL));
        f.render_widget(list, top);
        let para = Paragraph::new(sanitize_line(value).text.into_owned())
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL));
        f.render_widget(para, bottom);
    })
    .expect("draw");
    term.backend().buffer().clone()
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

#[test]
fn corpus_in_a_table_keeps_borders_columns_and_the_terminal() {
    for h in corpus() {
        let buf = render_table(&h.value);
        for y in 1..ROWS - 1 {
            assert_eq!(buf[(0, y)].symbol(), "│", "{}: left border row {y}", h.name);
            assert_eq!(
                buf[(COLS - 1, y)].symbol(),
                "│",
                "{}: right border row {y}",
                h.name
            );
        }
        assert_eq!(buf[(0, 0)].symbol(), "┌", "{}", h.name);
        assert_eq!(buf[(COLS - 1, 0)].symbol(), "┐", "{}", h.name);
        assert_eq!(buf[(COLS - 1, ROWS - 1)].symbol(), "┘", "{}", h.name);
        // The third column starts at 1 + 6 + 1 + 30 + 1 = 39 on every data row.
        for y in 1..4 {
            let row = row_text(&buf, y);
            let third: String = (39..44).map(|x| buf[(x, y)].symbol()).collect();
            assert_eq!(
                third, "dev01",
                "{}: column pushed on row {y}: {row:?}",
                h.name
            );
        }
        let bytes = frame_bytes(&buf);
        assert_only_backend_sequences(&h.name, &bytes);
        let term = emulate(&bytes, buf.area);
        assert!(
            term.callbacks().events.is_empty(),
            "{}: {:?}",
            h.name,
            term.callbacks().events
        );
        assert!(
            !term.screen().alternate_screen() && !term.screen().hide_cursor(),
            "{}",
            h.name
        );
        let rows: Vec<String> = term.screen().rows(0, COLS).collect();
        for line in rows.iter().skip(1).take(ROWS as usize - 2) {
            assert!(
                line.starts_with('│') && line.ends_with('│'),
                "{}: emulated row {line:?}",
                h.name
            );
        }
    }
}

#[test]
fn corpus_in_lists_and_paragraphs_reaches_the_terminal_inert() {
    for h in corpus() {
        let buf = render_text_widgets(&h.value);
        for y in [1, 2, 5, 6] {
            assert_eq!(
                buf[(COLS - 1, y)].symbol(),
                "│",
                "{}: right border row {y}",
                h.name
            );
        }
        let bytes = frame_bytes(&buf);
        assert_only_backend_sequences(&h.name, &bytes);
        let term = emulate(&bytes, buf.area);
        assert!(
            term.callbacks().events.is_empty(),
            "{}: {:?}",
            h.name,
            term.callbacks().events
        );
    }
}

#[test]
fn the_harness_sees_what_raw_data_would_do() {
    // Negative control: a raw OSC 52 and a title written straight into a cell reach the
    // emulator, so the assertions above would catch an unsanitised path.
    let area = Rect::new(0, 0, 20, 2);
    let mut buf = Buffer::empty(area);
    buf[(0, 0)].set_symbol("\x1b]52;c;cHduZWQ=\x07");
    buf[(0, 1)].set_symbol("\x1b]2;spoofed\x07");
    let term = emulate(&frame_bytes(&buf), area);
    let events = &term.callbacks().events;
    assert!(
        events.iter().any(|e| e == "clipboard cHduZWQ="),
        "{events:?}"
    );
    assert!(events.iter().any(|e| e == "title spoofed"), "{events:?}");
}

// ------------------------------------------------- the real console UI (crate::ui::render_with)

use mde_triage::app::detail::evidence::EvidenceTree;
use mde_triage::app::detail::{DetailLoad, DetailState};
use mde_triage::app::dialogs::Dialog;
use mde_triage::app::dialogs::viewer::Viewer;
use mde_triage::app::list::filter::Query;
use mde_triage::app::{AppConfig, Pane, State};
use mde_triage::model::protocol::AlertDetail;
use mde_triage::model::{
    Alert, AlertRow, Comment, EntityType, Evidence, RelatedUser, Severity, Timestamp,
};
use mde_triage::ui::theme::Theme;

const HOSTILE_ID: &str = "da000000000000000001";

/// An alert with the hostile value in every string field a pane shows, evidence of every kind.
fn hostile_alert(v: &str) -> Alert {
    let s = || Some(v.to_string());
    let mut a = Alert::new(HOSTILE_ID, v);
    a.severity = Severity::High;
    a.description = s();
    a.computer_dns_name = s();
    a.assigned_to = s();
    a.category = s();
    a.detection_source = s();
    a.threat_name = s();
    a.threat_family_name = s();
    a.rbac_group_name = s();
    a.related_user = Some(RelatedUser {
        user_name: s(),
        domain_name: s(),
    });
    a.mitre_techniques = vec![v.to_string()];
    a.comments = vec![Comment {
        comment: v.to_string(),
        created_by: s(),
        created_time: None,
    }];
    let mut parent = Evidence::empty(EntityType::Process);
    parent.process_id = Some(100);
    parent.file_name = s();
    parent.file_path = s();
    parent.process_command_line = s();
    let mut child = parent.clone();
    child.process_id = Some(200);
    child.parent_process_id = Some(100);
    child.parent_process_file_name = s();
    let mut file = Evidence::empty(EntityType::File);
    file.file_name = s();
    file.file_path = s();
    let mut ip = Evidence::empty(EntityType::Ip);
    ip.ip_address = s();
    let mut url = Evidence::empty(EntityType::Url);
    url.url = s();
    let mut reg = Evidence::empty(EntityType::Registry);
    reg.registry_key = s();
    reg.registry_value = s();
    reg.registry_value_name = s();
    let mut user = Evidence::empty(EntityType::User);
    user.account_name = s();
    user.domain_name = s();
    user.user_principal_name = s();
    a.evidence = vec![parent, child, file, ip, url, reg, user];
    a
}

/// The list (hostile row between two benign ones) with the hostile alert open.
fn console_state(v: &str, focus: Pane) -> State {
    let mut s = State::new(AppConfig::new("analyst@contoso.com"));
    let alert = hostile_alert(v);
    s.list.rows.upsert(AlertRow::from_alert(&alert));
    for (id, title) in [
        ("da000000000000000002", "Benign neighbour above"),
        ("da000000000000000003", "Benign neighbour below"),
    ] {
        let mut n = Alert::new(id, title);
        n.severity = Severity::High;
        n.computer_dns_name = Some("ws-01.contoso.com".into());
        s.list.rows.upsert(AlertRow::from_alert(&n));
    }
    s.list.rows.resort(&s.list.sort);
    s.list
        .rows
        .refilter(&Query::default(), "analyst@contoso.com");
    s.list.loaded = true;
    s.now = Timestamp::parse("2026-11-26T12:00:00Z").ok();
    s.list.cursor = (0..3)
        .find(|&i| s.list.rows.at(i).is_some_and(|r| r.id == HOSTILE_ID))
        .unwrap_or(0);
    s.list.selected = Some(HOSTILE_ID.to_string());
    s.detail = Some(DetailState {
        alert_id: HOSTILE_ID.to_string(),
        req: 1,
        load: DetailLoad::Loaded(Box::new(AlertDetail {
            raw: serde_json::to_string(&alert).expect("alert serialises"),
            alert,
            draft: None,
        })),
        tree: EvidenceTree::build(&hostile_alert(v)),
        scroll: 0,
        comments_scroll: 0,
    });
    s.focus = focus;
    s
}

fn draw_console(s: &State, w: u16, h: u16) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| mde_triage::ui::render_with(f, s, &Theme::full()))
        .expect("draw");
    term.backend().buffer().clone()
}

/// The outline cells of every box drawn (from each `┌` to its `┐` on the right and `└` below):
/// pane borders, not tree connectors that look the same.
fn box_edges(buf: &Buffer) -> Vec<(u16, u16, String)> {
    let sym = |x: u16, y: u16| buf[(x, y)].symbol().to_string();
    let mut out = Vec::new();
    for y0 in 0..buf.area.height {
        for x0 in 0..buf.area.width {
            if sym(x0, y0) != "┌" {
                continue;
            }
            let Some(x1) = (x0 + 1..buf.area.width).find(|&x| sym(x, y0) == "┐") else {
                continue;
            };
            let Some(y1) = (y0 + 1..buf.area.height).find(|&y| sym(x0, y) == "└") else {
                continue;
            };
            for y in y0..=y1 {
                out.push((x0, y, sym(x0, y)));
                out.push((x1, y, sym(x1, y)));
            }
        }
    }
    out
}

#[test]
fn corpus_in_every_console_field_reaches_the_terminal_inert_with_borders_and_badges() {
    let sizes = [(80u16, 24u16), (160, 48)];
    let panes = [Pane::List, Pane::Detail, Pane::Evidence, Pane::Comments];
    let mut baseline = Vec::new();
    for &(w, h) in &sizes {
        for &p in &panes {
            baseline.push(box_edges(&draw_console(
                &console_state("benign value", p),
                w,
                h,
            )));
        }
    }
    for h in corpus() {
        let mut i = 0;
        for &(w, ht) in &sizes {
            for &p in &panes {
                // 100k values cost the console ~1 s a frame in a debug build: check them where
                // they are shown bounded (list) and in full (detail) at one size.
                let long = h.value.len() > 10_000;
                if long && (w, p) != (160, Pane::List) && (w, p) != (160, Pane::Detail) {
                    i += 1;
                    continue;
                }
                let buf = draw_console(&console_state(&h.value, p), w, ht);
                let borders = box_edges(&buf);
                for cell in &baseline[i] {
                    assert!(
                        borders.contains(cell),
                        "{} at {w}x{ht} {p:?}: border {cell:?} lost",
                        h.name
                    );
                }
                i += 1;
                let bytes = frame_bytes(&buf);
                assert_only_backend_sequences(&h.name, &bytes);
                let term = emulate(&bytes, buf.area);
                assert!(
                    term.callbacks().events.is_empty(),
                    "{} {p:?}: {:?}",
                    h.name,
                    term.callbacks().events
                );
                assert!(
                    !term.screen().alternate_screen() && !term.screen().hide_cursor(),
                    "{}",
                    h.name
                );
                if h.flags.any() && p == Pane::List {
                    let screen: String = (0..buf.area.height).map(|y| row_text(&buf, y)).collect();
                    assert!(screen.contains('⚠'), "{} at {w}x{ht}: no badge", h.name);
                }
            }
        }
    }
}

#[test]
fn corpus_in_the_value_viewer_reaches_the_terminal_inert() {
    for h in corpus() {
        let mut s = console_state(&h.value, Pane::Evidence);
        s.dialogs.push(Dialog::Viewer(Viewer {
            title: h.value.clone(),
            text: h.value.clone(),
            scroll: 0,
            ..Default::default()
        }));
        for (w, ht) in [(80, 24), (160, 48)] {
            let buf = draw_console(&s, w, ht);
            let bytes = frame_bytes(&buf);
            assert_only_backend_sequences(&h.name, &bytes);
            let term = emulate(&bytes, buf.area);
            assert!(
                term.callbacks().events.is_empty(),
                "{}: {:?}",
                h.name,
                term.callbacks().events
            );
        }
    }
}
