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
