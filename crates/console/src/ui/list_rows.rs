//! Draws the list's header and rows straight into the frame's buffer, cell by cell, with the
//! same result as ratatui's `Table` with `Constraint::Length` columns and a spacing of one.
//! A profile of a 200×60 frame at 100k alerts (callgrind, `benches/render.rs`) put 57% of the
//! frame's instructions in `Table`: per cell a `Text` of a `Line` of a `Span`, each measured by
//! grapheme before any character is written. Here a cell of printable ASCII (and the `…` of a
//! cut) is written one character per cell; anything else goes through ratatui's own `Text`.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Row, Table, Widget};

/// What one cell of a row holds.
#[derive(Debug, Clone)]
pub enum Content<'a> {
    /// Text already made safe and fitted to the column, in one style.
    Text(String, Style),
    /// Several styled spans (the markers).
    Line(Line<'a>),
}

/// One row to draw: its style (laid under its cells) and a cell per column.
#[derive(Debug, Clone)]
pub struct Drawn<'a> {
    /// The row's style, over the whole row including the gaps between columns.
    pub style: Style,
    /// The cells, one per column, in column order.
    pub cells: Vec<Content<'a>>,
}

/// Draws `header` and `rows` in `area` with columns `widths` wide, one column apart. Columns
/// that do not fit side by side are left to `Table`, whose layout shrinks them.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    widths: &[u16],
    header: Drawn<'_>,
    rows: Vec<Drawn<'_>>,
) {
    let needed: u32 = widths.iter().map(|w| u32::from(*w) + 1).sum();
    if needed.saturating_sub(1) > u32::from(area.width) {
        frame.render_widget(table(widths, header, rows), area);
        return;
    }
    let buf = frame.buffer_mut();
    let area = area.intersection(buf.area);
    for (y, row) in (area.y..area.bottom()).zip(std::iter::once(header).chain(rows)) {
        buf.set_style(
            Rect {
                y,
                height: 1,
                ..area
            },
            row.style,
        );
        let mut x = area.x;
        for (cell, w) in row.cells.iter().zip(widths) {
            let rect = Rect::new(x, y, *w, 1).intersection(area);
            match cell {
                Content::Text(text, style) => put(buf, rect, text, *style),
                Content::Line(line) => {
                    let mut at = rect;
                    for span in &line.spans {
                        let style = line.style.patch(span.style);
                        put(buf, at, &span.content, style);
                        let used = u16::try_from(span.width()).unwrap_or(u16::MAX);
                        at.x = at.x.saturating_add(used);
                        at.width = at.width.saturating_sub(used);
                    }
                }
            }
            x = x.saturating_add(*w).saturating_add(1);
        }
    }
}

/// Writes `text` at the start of `rect` as a `Span` in that style would.
fn put(buf: &mut Buffer, rect: Rect, text: &str, style: Style) {
    if rect.is_empty() || text.is_empty() {
        return;
    }
    // Printable ASCII and `…` are one grapheme of one column each: no segmentation needed.
    if text
        .chars()
        .all(|c| c == '…' || c.is_ascii_graphic() || c == ' ')
    {
        let mut utf8 = [0u8; 4];
        for (x, c) in (rect.x..rect.right()).zip(text.chars()) {
            buf[(x, rect.y)]
                .set_symbol(c.encode_utf8(&mut utf8))
                .set_style(style);
        }
        return;
    }
    Text::from(Span::styled(text, style)).render(rect, buf);
}

/// The same rows as a `Table` (when the columns need shrinking).
fn table<'a>(widths: &[u16], header: Drawn<'a>, rows: Vec<Drawn<'a>>) -> Table<'a> {
    let row = |d: Drawn<'a>| {
        Row::new(d.cells.into_iter().map(|c| match c {
            Content::Text(t, s) => Cell::from(Span::styled(t, s)),
            Content::Line(l) => Cell::from(l),
        }))
        .style(d.style)
    };
    let constraints: Vec<Constraint> = widths.iter().map(|w| Constraint::Length(*w)).collect();
    Table::new(rows.into_iter().map(row), constraints)
        .header(row(header))
        .column_spacing(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::{Color, Modifier};

    fn rows() -> (Drawn<'static>, Vec<Drawn<'static>>) {
        let red = Style::new().fg(Color::Red);
        let header = Drawn {
            style: Style::new().add_modifier(Modifier::BOLD),
            cells: vec![
                Content::Text(String::new(), Style::new()),
                Content::Text("Sev↓".into(), Style::new()),
                Content::Text("Title".into(), Style::new()),
            ],
        };
        let body = vec![
            Drawn {
                style: Style::new().bg(Color::Blue),
                cells: vec![
                    Content::Line(Line::from(vec![
                        Span::styled("▸", red),
                        Span::raw(" "),
                        Span::styled("⚠", red),
                    ])),
                    Content::Text("High".into(), red),
                    Content::Text("plain ascii title cut…".into(), Style::new()),
                ],
            },
            Drawn {
                style: Style::new(),
                cells: vec![
                    Content::Text(String::new(), Style::new()),
                    Content::Text("Low".into(), Style::new()),
                    // Wide characters and a combining mark take ratatui's own path.
                    Content::Text("漢字 e\u{301}cole".into(), Style::new()),
                ],
            },
        ];
        (header, body)
    }

    fn drawn(widths: &[u16], w: u16, direct: bool) -> Buffer {
        let mut t = Terminal::new(TestBackend::new(w, 4)).unwrap();
        t.draw(|f| {
            let (header, body) = rows();
            let area = Rect::new(1, 0, w - 1, 4);
            if direct {
                draw(f, area, widths, header, body);
            } else {
                f.render_widget(table(widths, header, body), area);
            }
        })
        .unwrap();
        t.backend().buffer().clone()
    }

    #[test]
    fn the_direct_drawing_is_cell_for_cell_what_the_table_draws() {
        for (widths, w) in [
            (&[3u16, 4, 30][..], 40),
            (&[3, 4, 12][..], 21),
            (&[3, 4, 8][..], 18),
        ] {
            let direct = drawn(widths, w, true);
            assert_eq!(direct, drawn(widths, w, false), "{widths:?} in {w}");
            let text: String = direct.content().iter().map(|c| c.symbol()).collect();
            assert!(text.contains("High"), "{text}");
        }
    }

    #[test]
    fn columns_that_do_not_fit_are_left_to_the_table() {
        // 3 + 4 + 30 and two gaps need 39 columns; the pane has 19.
        let widths = [3u16, 4, 30];
        assert_eq!(drawn(&widths, 20, true), drawn(&widths, 20, false));
    }
}
