//! The hostile corpus rendered through ratatui's widgets and the crossterm backend: the byte
//! stream that would reach the analyst's terminal carries no control sequence from the data,
//! and borders and columns stay where they belong. Here: the recording terminal every check
//! feeds the bytes to; `widgets` draws the corpus with ratatui's own widgets, `console` with the
//! console's panes and dialogs.

mod console;
mod widgets;

use mde_testkit::corpus::corpus;
use mde_text::{fit, sanitize_line, truncate};
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
pub(crate) struct Recorder {
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
pub(crate) struct Shared(Rc<RefCell<Vec<u8>>>);

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
pub(crate) fn frame_bytes(buf: &Buffer) -> Vec<u8> {
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
pub(crate) fn assert_only_backend_sequences(name: &str, bytes: &[u8]) {
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
pub(crate) fn emulate(bytes: &[u8], area: Rect) -> vt100::Parser<Recorder> {
    let mut p = vt100::Parser::new_with_callbacks(area.height, area.width, 0, Recorder::default());
    p.process(bytes);
    p
}

const COLS: u16 = 60;
const ROWS: u16 = 8;

pub(crate) fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}
