//! The corpus in ratatui's tables, lists and paragraphs.

use super::*;

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
