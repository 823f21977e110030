//! The scanner's readers against serde_json's, one kind of token at a time.

use super::*;

fn scan(text: &str) -> Scan<'_> {
    Scan {
        text,
        pos: 0,
        whole: true,
    }
}

#[test]
fn strings_read_as_serde_json_reads_them() {
    for json in [
        r#""plain""#,
        r#""""#,
        r#""a\"b\\c\/d\b\f\n\r\t""#,
        r#""\u00e9\u20ac x \ud83d\ude00 end""#,
        r#""long enough to take the eight-byte path, then \n an escape, then more text""#,
        "\"ünïcödé ✓ spans\"",
    ] {
        let want: String = serde_json::from_str(json).unwrap();
        let mut s = scan(json);
        assert_eq!(s.string().as_deref(), Some(want.as_str()), "{json}");
        assert_eq!(s.pos, json.len(), "{json}");
    }
    // Left to serde_json: control characters, lone surrogates, bad escapes, no end.
    for json in [
        "\"tab\tinside\"",
        r#""\ud83d alone""#,
        r#""\ude00""#,
        r#""\x""#,
        r#""\u12""#,
        r#""open"#,
    ] {
        assert_eq!(scan(json).string(), None, "{json}");
    }
    assert!(matches!(scan(r#""x""#).string(), Some(Cow::Borrowed("x"))));
}

#[test]
fn integers_are_read_only_when_exact() {
    for (json, want) in [
        ("0", Some(0)),
        ("-12", Some(-12)),
        ("1109571", Some(1109571)),
    ] {
        assert_eq!(scan(json).int(), want, "{json}");
    }
    for json in ["01", "1.5", "2e3", "-", "1234567890123456789", "x"] {
        assert_eq!(scan(json).int(), None, "{json}");
    }
}

#[test]
fn keys_are_guessed_then_looked_up() {
    let keys: &[&[u8]] = &[b"id", b"title"];
    let mut s = scan(r#""title":1"#);
    assert!(matches!(s.key(keys, 1), Some(Key::Known(1))));
    assert_eq!(s.peek(), Some(b'1'));
    let mut s = scan(r#" "title" : 1"#);
    assert!(matches!(s.key(keys, 0), Some(Key::Known(1))));
    let mut s = scan(r#""titles":1"#);
    assert!(matches!(s.key(keys, 1), Some(Key::Other)));
    let mut s = scan(r#""t\u0069tle":1"#);
    assert!(matches!(s.key(keys, 1), Some(Key::Known(1))));
}
