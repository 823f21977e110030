//! A title with quotes of its own is named so it reads right: `“'Qakbot' malware was detected”`,
//! never `''Qakbot' malware was detected'`, in the dialogs, the toasts and the hint bar alike.

use super::*;
use mde_console::app::subject::subject;
use mde_console::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const QAKBOT: &str = "“'Qakbot' malware was detected” on lt-hr-155";

fn quoted_rows() -> Vec<AlertRow> {
    let mut q = alert("q", Severity::High, "2024-05-02T10:00:00Z");
    q.title = "'Qakbot' malware was detected".into();
    q.computer_dns_name = Some("lt-hr-155.corp.contoso.com".into());
    let mut plain = alert("p", Severity::Low, "2024-05-01T10:00:00Z");
    plain.title = "Mimikatz credential theft".into();
    vec![AlertRow::from_alert(&q), AlertRow::from_alert(&plain)]
}

fn title_of_top(s: &State) -> String {
    match s.top_dialog() {
        Some(Dialog::Menu(m)) => m.title.clone(),
        Some(Dialog::Input(i)) => i.title.clone(),
        other => panic!("{other:?}"),
    }
}

fn screen(s: &State, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::render_with(f, s, &Theme::full())).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_title_that_starts_with_a_quote_is_not_quoted_twice() {
    let mut s = loaded_with(config(), quoted_rows());
    assert_eq!(sel(&s), "q");
    assert_eq!(subject(&s).unwrap().name, QAKBOT);
    // The hint bar names it at the right end (80 columns: the end may be cut, not the start).
    let shot = screen(&s, 120, 24);
    assert!(shot.contains("acts on “'Qakbot' malware"), "{shot}");
    assert!(!shot.contains("''Qakbot"), "{shot}");
    for (k, what) in [('S', "Status of "), ('c', "Classify "), ('A', "Assign ")] {
        ch(&mut s, k);
        let title = title_of_top(&s);
        assert!(title.starts_with(&format!("{what}{QAKBOT}")), "{title}");
        key(&mut s, KeyCode::Esc);
    }
    // The toast after a change names it the same way.
    ch(&mut s, 'a');
    let toast = last_toast(&s);
    assert!(toast.contains("“'Qakbot' malware was detected”"), "{toast}");
    assert!(!toast.contains("''"), "{toast}");
    // A title without quotes keeps the plain ones.
    ch(&mut s, 'j');
    assert_eq!(
        subject(&s).unwrap().name,
        "'Mimikatz credential theft' on ws-p"
    );
}

#[test]
fn a_marked_quoted_title_is_named_once_quoted_too() {
    let mut s = loaded_with(config(), quoted_rows());
    ch(&mut s, ' ');
    assert_eq!(subject(&s).unwrap().name, format!("marked {QAKBOT}"));
}
