//! Synchronized output (DEC mode 2026): the terminal shows a frame only when it is complete,
//! so a slow SSH link never shows half-drawn screens. Terminals that do not know the mode
//! ignore it.

use ratatui::{Frame, Terminal, backend::Backend};
use std::io::{self, Write};

/// Begins a synchronized update.
pub const BEGIN: &[u8] = b"\x1b[?2026h";
/// Ends a synchronized update.
pub const END: &[u8] = b"\x1b[?2026l";

/// Draws one frame wrapped in begin/end synchronized update. The end marker is written even
/// when drawing fails, so the terminal never stays frozen.
pub fn draw_synchronized<B, F>(terminal: &mut Terminal<B>, render: F) -> io::Result<()>
where
    B: Backend + Write,
    B::Error: Into<io::Error>,
    F: FnOnce(&mut Frame),
{
    terminal.backend_mut().write_all(BEGIN)?;
    let drawn = terminal.draw(render).map(|_| ()).map_err(Into::into);
    let ended = terminal
        .backend_mut()
        .write_all(END)
        .and_then(|()| Write::flush(terminal.backend_mut()));
    drawn.and(ended)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::widgets::Paragraph;

    #[test]
    fn a_frame_is_wrapped_in_begin_and_end() {
        let out = super::super::test_writer::SharedBuf::default();
        let backend = CrosstermBackend::new(out.clone());
        let mut terminal = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 10, 2)),
            },
        )
        .unwrap();
        draw_synchronized(&mut terminal, |f| {
            f.render_widget(Paragraph::new("hello"), f.area())
        })
        .unwrap();
        let text = out.text();
        let begin = text.find("\x1b[?2026h").expect("begin marker");
        let hello = text.find("hello").expect("frame content");
        let end = text.rfind("\x1b[?2026l").expect("end marker");
        assert!(begin < hello && hello < end, "{text:?}");
    }
}
