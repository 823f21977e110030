//! Hostile strings through every text output: the sanitiser, truncation, warnings, PowerShell
//! decoding, defanging, CSV, OSC 52, titles, the log, and the alert parser.

use mde_model::{parse_alert, parse_page};
use mde_testkit::corpus::{HostileString, corpus};
use mde_text::defang::{Indicator, display_indicator};
use mde_text::title::{NotifyProtocol, notification_sequence, window_title_sequence};
use mde_text::width::width;
use mde_text::{
    bounded, csv_row, fit, for_clipboard, log_escape, osc52_sequence, powershell, sanitize_line,
    sanitize_multiline, truncate, warning,
};
use proptest::prelude::*;

const FIXTURE: &str = mde_testkit::fixtures::GET_ALERT;

/// A character no sanitised output may contain.
fn forbidden(c: char, allow_newline: bool) -> bool {
    let cp = c as u32;
    (cp < 0x20 && !(allow_newline && c == '\n'))
        || cp == 0x7F
        || (0x80..=0x9F).contains(&cp)
        || matches!(cp, 0x202A..=0x202E | 0x2066..=0x2069 | 0x200E | 0x200F | 0x061C)
        || matches!(
            cp,
            0x200B..=0x200D | 0x2060 | 0xFEFF | 0x00AD | 0x2028 | 0x2029
        )
        || (0xE0000..=0xE007F).contains(&cp)
}

fn assert_inert(what: &str, name: &str, s: &str, allow_newline: bool) {
    if let Some((i, c)) = s.char_indices().find(|&(_, c)| forbidden(c, allow_newline)) {
        panic!("{what} of {name}: forbidden U+{:04X} at byte {i}", c as u32);
    }
}

#[test]
fn corpus_is_large_enough() {
    assert!(corpus().len() >= 60);
}

#[test]
fn corpus_flags_are_exactly_as_expected() {
    let mismatches: Vec<String> = corpus()
        .iter()
        .filter_map(|h| {
            let got = sanitize_line(&h.value).flags;
            (got != h.flags).then(|| format!("{}: expected {:?}, got {:?}", h.name, h.flags, got))
        })
        .collect();
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

#[test]
fn corpus_sanitised_outputs_are_inert() {
    for h in corpus() {
        let v = h.value.as_str();
        assert_inert("sanitize_line", &h.name, &sanitize_line(v).text, false);
        assert_inert(
            "sanitize_multiline",
            &h.name,
            &sanitize_multiline(v).text,
            true,
        );
        for n in [0, 1, 8, 40, 200] {
            assert_inert("truncate", &h.name, &truncate(v, n), false);
            assert_inert("bounded", &h.name, &bounded(v, n), false);
            assert_inert("fit", &h.name, &fit(v, n), false);
        }
        if let Some(w) = warning(v) {
            assert_inert("warning", &h.name, &w, false);
        }
        for kind in [Indicator::Url, Indicator::Ip, Indicator::Domain] {
            for defanged in [true, false] {
                assert_inert(
                    "indicator",
                    &h.name,
                    &display_indicator(v, kind, defanged),
                    false,
                );
            }
        }
        assert!(
            !for_clipboard(v).chars().any(char::is_control),
            "clipboard of {}",
            h.name
        );
    }
}

#[test]
fn corpus_bidi_and_invisibles_become_visible_tokens() {
    for h in corpus() {
        let text = sanitize_line(&h.value).text;
        if h.flags.bidi {
            assert!(text.contains('⟨'), "{}: {text}", h.name);
        }
        if h.flags.control {
            assert!(
                text.contains(|c: char| ('\u{2400}'..='\u{2421}').contains(&c) || c == '⟨'),
                "{}",
                h.name
            );
        }
        if h.flags.any() || h.flags.newline {
            assert!(warning(&h.value).is_some(), "{} has no warning", h.name);
        } else {
            assert_eq!(warning(&h.value), None, "{}", h.name);
        }
    }
}

#[test]
fn corpus_truncation_respects_columns() {
    for h in corpus() {
        for n in [0, 1, 2, 7, 30, 120] {
            let t = truncate(&h.value, n);
            assert!(
                width(&t) <= n,
                "{} truncate {n}: {t:?} is {} wide",
                h.name,
                width(&t)
            );
            let b = bounded(&h.value, n);
            assert!(width(&b) <= n, "{} bounded {n}: {b:?}", h.name);
            let f = fit(&h.value, n);
            assert_eq!(width(&f), n, "{} fit {n}: {f:?}", h.name);
        }
    }
}

#[test]
fn long_values_cost_only_what_is_shown() {
    let c = corpus();
    let long = c
        .iter()
        .find(|h| h.name == "long-escape-at-end")
        .expect("entry");
    let b = bounded(&long.value, 50);
    assert!(b.ends_with("…(+99,965 chars)") || b.contains("(+"), "{b}");
    assert!(!b.contains('␛'), "the escape lies far past what is shown");
    let cjk = c.iter().find(|h| h.name == "long-cjk").expect("entry");
    let b = bounded(&cjk.value, 40);
    assert!(width(&b) <= 40);
    assert!(b.contains("chars)"), "{b}");
}

/// Splits one CSV record (RFC 4180) into fields.
fn parse_csv_record(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().expect("field").push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') => quoted = true,
            (false, ',') => fields.push(String::new()),
            (_, c) => fields.last_mut().expect("field").push(c),
        }
    }
    fields
}

#[test]
fn corpus_csv_records_keep_their_shape_and_never_start_a_formula() {
    for h in corpus() {
        let row = csv_row(&[h.value.as_str(), "next"]);
        let body = row.strip_suffix("\r\n").expect("record ends in CRLF");
        assert_inert("csv", &h.name, body, false);
        let fields = parse_csv_record(body);
        assert_eq!(fields.len(), 2, "{}: {row:?}", h.name);
        assert_eq!(fields[1], "next");
        let first = fields[0].trim_start().chars().next();
        assert!(
            !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
            "{} starts a formula: {:?}",
            h.name,
            fields[0]
        );
    }
}

#[test]
fn corpus_osc52_payload_is_base64_of_the_clean_value() {
    use base64::Engine;
    for h in corpus() {
        for tmux in [None, Some("/tmp/tmux-1000/default,1,0")] {
            let seq = osc52_sequence(&h.value, tmux);
            let inner = match tmux {
                Some(_) => seq
                    .strip_prefix("\x1bPtmux;\x1b")
                    .and_then(|s| s.strip_suffix("\x1b\\"))
                    .expect("tmux wrapper"),
                None => seq.as_str(),
            };
            let payload = inner
                .strip_prefix("\x1b]52;c;")
                .and_then(|s| s.strip_suffix('\x07'))
                .expect("OSC 52 framing");
            assert!(
                payload
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
                "{}",
                h.name
            );
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(payload)
                .expect("valid base64");
            let text = String::from_utf8(decoded).expect("utf-8");
            assert_eq!(text, for_clipboard(&h.value));
            assert!(!text.chars().any(|c| c.is_control()), "{}", h.name);
        }
    }
}

#[test]
fn corpus_titles_and_notifications_carry_only_sanitised_text() {
    for h in corpus() {
        let t = window_title_sequence(&h.value);
        let inner = t
            .strip_prefix("\x1b]2;")
            .and_then(|s| s.strip_suffix("\x1b\\"))
            .expect("framing");
        assert_inert("title", &h.name, inner, false);
        for p in [NotifyProtocol::Osc9, NotifyProtocol::Osc777] {
            let n = notification_sequence(&h.value, &h.value, p);
            let inner = n
                .strip_prefix("\x1b]")
                .and_then(|s| s.strip_suffix("\x1b\\"))
                .expect("framing");
            assert_inert("notification", &h.name, inner, false);
            let fields = inner.matches(';').count();
            assert_eq!(
                fields,
                if p == NotifyProtocol::Osc9 { 1 } else { 3 },
                "{}",
                h.name
            );
        }
    }
}

#[test]
fn corpus_log_lines_stay_one_record() {
    for h in corpus() {
        let l = log_escape(&h.value);
        assert_inert("log", &h.name, &l, false);
    }
}

#[test]
fn corpus_through_powershell_decoding() {
    use base64::Engine;
    for h in corpus() {
        let utf16: Vec<u8> = h.value.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let cmd = format!(
            "powershell.exe -nop -enc {}",
            base64::engine::general_purpose::STANDARD.encode(&utf16)
        );
        let Some(d) = powershell::decode(&cmd) else {
            assert!(h.value.is_empty(), "{}: nothing decoded", h.name);
            continue;
        };
        assert_eq!(d.layers[0].text(), Some(h.value.as_str()), "{}", h.name);
        for layer in &d.layers {
            if let Some(shown) = layer.display() {
                assert_inert("decoded", &h.name, &shown.text, true);
            }
            assert_inert("heading", &h.name, &layer.heading(), false);
        }
        // Also raw, as a command line of its own.
        if let Some(d) = powershell::decode(&h.value) {
            for layer in &d.layers {
                if let Some(shown) = layer.display() {
                    assert_inert("decoded raw", &h.name, &shown.text, true);
                }
            }
        }
    }
}

fn alert_with(field_values: &HostileString) -> String {
    let mut v: serde_json::Value = serde_json::from_str(FIXTURE).expect("fixture");
    let s = serde_json::Value::String(field_values.value.clone());
    for key in [
        "title",
        "description",
        "computerDnsName",
        "assignedTo",
        "category",
        "threatName",
    ] {
        v[key] = s.clone();
    }
    if let Some(ev) = v.get_mut("evidence").and_then(|e| e.as_array_mut()) {
        for e in ev {
            for key in [
                "fileName",
                "filePath",
                "processCommandLine",
                "url",
                "registryValue",
                "accountName",
            ] {
                e[key] = s.clone();
            }
        }
    }
    v.to_string()
}

#[test]
fn corpus_through_the_alert_parser() {
    for h in corpus() {
        let json = alert_with(&h);
        let p = parse_alert(&json).unwrap_or_else(|e| panic!("{}: {e}", h.name));
        assert_eq!(p.alert.title, h.value, "{}", h.name);
        if let Some(body) = &h.json {
            let title =
                "\"title\": \"Low-reputation arbitrary code executed by signed executable\"";
            assert!(FIXTURE.contains(title));
            let spliced = FIXTURE.replace(title, &format!("\"title\": \"{body}\""));
            // Lone surrogates are an error, valid escapes decode: either way, no panic.
            match parse_alert(&spliced) {
                Ok(p) => assert_eq!(p.alert.title, h.value, "{}", h.name),
                Err(e) => assert!(!e.is_empty(), "{}", h.name),
            }
            let page = format!("{{\"value\": [{spliced}, {FIXTURE}]}}");
            if let Ok(page) = parse_page(&page) {
                assert_eq!(page.alerts.len() + page.skipped.len(), 2, "{}", h.name);
            }
        }
    }
}

/// Strings rich in the characters that matter, plus arbitrary Unicode.
fn hostile_text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '\x1b',
        '\x07',
        '\u{9b}',
        '\u{9c}',
        '\u{9d}',
        '\u{7f}',
        '\0',
        '\t',
        '\n',
        '\r',
        '[',
        ']',
        ';',
        '\\',
        '\u{202e}',
        '\u{2067}',
        '\u{200d}',
        '\u{200b}',
        '\u{feff}',
        '\u{301}',
        '\u{fe0f}',
        '\u{1f3fd}',
        '東',
        '😀',
        '👨',
        'о',
        'a',
        ' ',
        '.',
        '\u{e0041}',
        '\u{1160}',
    ]);
    prop::collection::vec(prop_oneof![3 => special, 1 => any::<char>()], 0..300)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn sanitiser_never_emits_a_control_and_is_idempotent(s in prop_oneof![hostile_text(), any::<String>()]) {
        let once = sanitize_line(&s);
        prop_assert!(!once.text.chars().any(|c| forbidden(c, false)));
        let twice = sanitize_line(&once.text);
        prop_assert_eq!(&twice.text, &once.text);
        let multi = sanitize_multiline(&s);
        prop_assert!(!multi.text.chars().any(|c| forbidden(c, true)));
        prop_assert_eq!(mde_text::inspect(&s), once.flags);
    }

    #[test]
    fn truncation_fits_and_is_inert(s in prop_oneof![hostile_text(), any::<String>()], n in 0usize..60) {
        let t = truncate(&s, n);
        prop_assert!(width(&t) <= n, "{:?} -> {:?}", s, t);
        prop_assert!(unicode_width::UnicodeWidthStr::width(t.as_ref()) <= n, "str width of {:?}", t);
        prop_assert!(!t.chars().any(|c| forbidden(c, false)));
        let b = bounded(&s, n);
        prop_assert!(width(&b) <= n);
        prop_assert!(!b.chars().any(|c| forbidden(c, false)));
        prop_assert_eq!(width(&fit(&s, n)), n);
    }

    #[test]
    fn powershell_decoder_never_panics(s in prop_oneof![hostile_text(), any::<String>(), "[A-Za-z0-9+/= \n]{0,200}"]) {
        for cmd in [s.clone(), format!("powershell -enc {s}"), format!("[Convert]::FromBase64String('{s}')")] {
            if let Some(d) = powershell::decode(&cmd) {
                for l in &d.layers {
                    if let Some(shown) = l.display() {
                        prop_assert!(!shown.text.chars().any(|c| forbidden(c, true)));
                    }
                }
            }
        }
    }

    #[test]
    fn outputs_outside_ratatui_are_inert(s in hostile_text()) {
        prop_assert!(!log_escape(&s).chars().any(|c| forbidden(c, false)));
        let row = csv_row(&[s.as_str()]);
        prop_assert!(!row.trim_end_matches("\r\n").chars().any(|c| forbidden(c, false)));
        prop_assert!(!for_clipboard(&s).chars().any(|c| c.is_control()));
        if let Some(w) = warning(&s) {
            prop_assert!(!w.chars().any(|c| forbidden(c, false)));
        }
    }

    #[test]
    fn parser_returns_errors_not_panics(s in prop_oneof![any::<String>(), hostile_text(), "[\\[\\]{}\":,0-9a-z ]{0,200}"]) {
        let _ = parse_alert(&s);
        let _ = parse_page(&s);
        let _ = parse_page(&format!("{{\"value\": [{s}]}}"));
    }

    #[test]
    fn parser_survives_mutated_alerts(cut in 0usize..4000, at in 0usize..4000, insert in hostile_text(), del in 0usize..40) {
        let base = FIXTURE;
        let clamp = |i: usize| {
            let mut i = i.min(base.len());
            while !base.is_char_boundary(i) { i -= 1; }
            i
        };
        let truncated = &base[..clamp(cut)];
        let _ = parse_alert(truncated);
        let a = clamp(at);
        let b = clamp(at + del);
        let mutated = format!("{}{}{}", &base[..a], insert, &base[b..]);
        let _ = parse_alert(&mutated);
        let _ = parse_page(&format!("[{mutated}]"));
        let _ = parse_page(&format!("{{\"value\": [{base}, {mutated}], \"@odata.nextLink\": {insert:?}}}"));
    }
}
