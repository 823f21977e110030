//! What text snapshots cannot see: colour, selection, NO_COLOR; and tiny terminals.

use super::*;

#[test]
fn high_severity_cell_has_the_high_colour_in_every_colour_theme() {
    for theme in [Theme::full(), Theme::ansi16()] {
        let t = draw(&list_state(), 160, 48, &theme);
        let buf = t.backend().buffer();
        // The Mimikatz row is High and not selected.
        let (_, y) = find(buf, "'Mimikatz'").expect("row shown");
        let (x, _) = (0..buf.area.width)
            .map(|x| (x, y))
            .find(|&(x, y)| buf[(x, y)].symbol() == "H" && buf[(x + 1, y)].symbol() == "i")
            .expect("severity word on the row");
        assert_eq!(buf[(x, y)].fg, theme.sev_high.fg.unwrap());
        // A Low row's severity cell is tinted differently.
        let (_, ly) = find(buf, "Suspicious Run key").expect("low row");
        let (lx, _) = find(buf, "Low ")
            .filter(|&(_, y)| y == ly)
            .unwrap_or_else(|| {
                let x = (0..buf.area.width)
                    .find(|&x| buf[(x, ly)].symbol() == "L")
                    .unwrap();
                (x, ly)
            });
        assert_eq!(buf[(lx, ly)].fg, theme.sev_low.fg.unwrap());
    }
}

#[test]
fn selected_row_has_the_selection_style() {
    let theme = Theme::full();
    let t = draw(&list_state(), 160, 48, &theme);
    let buf = t.backend().buffer();
    let (_, y) = find(buf, "Suspicious PowerShell command line").expect("selected row");
    let (x, _) = find(buf, "Lateral movement").expect("other row");
    let sel_bg = theme.selected.bg.unwrap();
    assert_eq!(buf[(x, y)].bg, sel_bg, "selected row background");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    let (_, other_y) = find(buf, "Lateral movement").unwrap();
    assert_ne!(buf[(x, other_y)].bg, sel_bg, "unselected row background");
    // The 16-colour theme marks the selection by reverse video.
    let t = draw(&list_state(), 160, 48, &Theme::ansi16());
    let buf = t.backend().buffer();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert!(!buf[(x, other_y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn no_color_theme_puts_no_colour_on_screen() {
    let states = [
        list_state(),
        detail_state(Pane::Evidence),
        with_dialog(list_state(), Dialog::Help(Help::default())),
    ];
    for s in &states {
        for (w, h) in [(80, 24), (160, 48)] {
            let t = draw(s, w, h, &Theme::no_color());
            for cell in t.backend().buffer().content() {
                assert_eq!(cell.fg, Color::Reset, "fg colour under NO_COLOR");
                assert_eq!(cell.bg, Color::Reset, "bg colour under NO_COLOR");
            }
            // Severity still readable without colour.
            let text = text_of(t.backend().buffer());
            if s.dialogs.is_empty() {
                assert!(text.contains("High"), "{text}");
            }
        }
    }
}

#[test]
fn tiny_terminals_show_the_notice_without_panicking() {
    let s = detail_state(Pane::List);
    let t = draw(&s, 20, 5, &Theme::full());
    let text = text_of(t.backend().buffer());
    assert!(text.contains("Terminal too"), "{text}");
    snap_backend("too_small_20x5", &t);
    // 1×1, 0-height and one-below-minimum sizes: no panic.
    for (w, h) in [(1, 1), (59, 15), (60, 14), (200, 1)] {
        let t = draw(&s, w, h, &Theme::full());
        assert_clean(t.backend().buffer());
    }
    let t = draw(&s, 60, 15, &Theme::full());
    assert!(!text_of(t.backend().buffer()).contains("too small"));
}

#[test]
fn every_dialog_renders_at_the_minimum_size() {
    let dialogs = [
        Dialog::Help(Help::default()),
        Dialog::QuitConfirm {
            pending: 1,
            yes_selected: true,
        },
        input(InputKind::Palette, "", &[]),
        input(
            InputKind::AssignTo,
            "x",
            &["a", "b", "c", "d", "e", "f", "g", "h", "i"],
        ),
        input(InputKind::Filter, &"long filter ".repeat(20), &[]),
    ];
    for d in dialogs {
        let s = with_dialog(detail_state(Pane::Evidence), d);
        let t = draw(&s, 60, 15, &Theme::full());
        assert_clean(t.backend().buffer());
    }
}
