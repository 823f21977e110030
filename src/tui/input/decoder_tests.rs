//! The decoder gives the events crossterm's reader gives for the same bytes, however the bytes
//! are split between reads.

use super::Decoder;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use proptest::prelude::*;
use std::collections::VecDeque;

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

/// Decodes `bytes` as one read that did not fill the buffer.
fn decode(bytes: &[u8]) -> Vec<Event> {
    decode_reads(&[bytes])
}

/// Decodes `reads` as successive reads, each followed by more input except the last.
fn decode_reads(reads: &[&[u8]]) -> Vec<Event> {
    let mut d = Decoder::default();
    let mut out = VecDeque::new();
    for (i, r) in reads.iter().enumerate() {
        d.feed(r, i + 1 < reads.len(), &mut out);
    }
    out.into()
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

fn ch(c: char) -> Event {
    key(KeyCode::Char(c), NONE)
}

#[test]
fn characters_and_control_bytes() {
    assert_eq!(
        decode("aZé✓".as_bytes()),
        vec![ch('a'), key(KeyCode::Char('Z'), SHIFT), ch('é'), ch('✓')]
    );
    assert_eq!(
        decode(b"\r\t\x7f\x13\x03\x00\x1c\n\x08"),
        vec![
            key(KeyCode::Enter, NONE),
            key(KeyCode::Tab, NONE),
            key(KeyCode::Backspace, NONE),
            key(KeyCode::Char('s'), CTRL),
            key(KeyCode::Char('c'), CTRL),
            key(KeyCode::Char(' '), CTRL),
            key(KeyCode::Char('4'), CTRL),
            key(KeyCode::Char('j'), CTRL),
            key(KeyCode::Char('h'), CTRL),
        ]
    );
}

#[test]
fn a_lone_esc_is_the_key_only_at_the_end_of_a_read() {
    assert_eq!(decode(b"\x1b"), vec![key(KeyCode::Esc, NONE)]);
    // More input was waiting: the ESC starts the sequence that follows.
    assert_eq!(
        decode_reads(&[b"\x1b", b"[A"]),
        vec![key(KeyCode::Up, NONE)]
    );
    assert_eq!(
        decode(b"\x1b\x1b"),
        vec![key(KeyCode::Esc, NONE), key(KeyCode::Esc, NONE)]
    );
}

#[test]
fn alt_is_an_esc_before_the_key() {
    assert_eq!(
        decode(b"\x1bb\x1bB\x1b\x7f"),
        vec![
            key(KeyCode::Char('b'), ALT),
            key(KeyCode::Char('B'), ALT | SHIFT),
            key(KeyCode::Backspace, ALT),
        ]
    );
}

#[test]
fn cursor_editing_and_function_keys_with_modifiers() {
    let cases: &[(&[u8], Event)] = &[
        (b"\x1b[A", key(KeyCode::Up, NONE)),
        (b"\x1bOB", key(KeyCode::Down, NONE)),
        (b"\x1b[1;5C", key(KeyCode::Right, CTRL)),
        (b"\x1b[1;3D", key(KeyCode::Left, ALT)),
        (b"\x1b[H", key(KeyCode::Home, NONE)),
        (b"\x1bOF", key(KeyCode::End, NONE)),
        (b"\x1b[1~", key(KeyCode::Home, NONE)),
        (b"\x1b[4~", key(KeyCode::End, NONE)),
        (b"\x1b[2~", key(KeyCode::Insert, NONE)),
        (b"\x1b[3~", key(KeyCode::Delete, NONE)),
        (b"\x1b[3;5~", key(KeyCode::Delete, CTRL)),
        (b"\x1b[5~", key(KeyCode::PageUp, NONE)),
        (b"\x1b[6;2~", key(KeyCode::PageDown, SHIFT)),
        (b"\x1bOP", key(KeyCode::F(1), NONE)),
        (b"\x1b[1;5S", key(KeyCode::F(4), CTRL)),
        (b"\x1b[15~", key(KeyCode::F(5), NONE)),
        (b"\x1b[24~", key(KeyCode::F(12), NONE)),
        (b"\x1b[[A", key(KeyCode::F(1), NONE)),
        (b"\x1b[Z", key(KeyCode::BackTab, SHIFT)),
        (b"\x1b[I", Event::FocusGained),
        (b"\x1b[O", Event::FocusLost),
    ];
    for (bytes, want) in cases {
        assert_eq!(decode(bytes), vec![want.clone()], "{bytes:?}");
    }
}

#[test]
fn csi_u_keys() {
    assert_eq!(decode(b"\x1b[97;5u"), vec![key(KeyCode::Char('a'), CTRL)]);
    assert_eq!(decode(b"\x1b[13u"), vec![key(KeyCode::Enter, NONE)]);
    assert_eq!(decode(b"\x1b[97;2u"), vec![key(KeyCode::Char('A'), SHIFT)]);
    let release = KeyEvent::new_with_kind(KeyCode::Char('a'), NONE, KeyEventKind::Release);
    assert_eq!(decode(b"\x1b[97;1:3u"), vec![Event::Key(release)]);
}

#[test]
fn a_bracketed_paste_is_one_event_whatever_it_holds() {
    let bytes = b"\x1b[200~sev:high\r\nq\x1b[A\x1b[201~x";
    let want = vec![Event::Paste("sev:high\r\nq\x1b[A".into()), ch('x')];
    assert_eq!(decode(bytes), want);
    // Split at every point, the end marker included.
    for cut in 1..bytes.len() {
        assert_eq!(
            decode_reads(&[&bytes[..cut], &bytes[cut..]]),
            want,
            "cut at {cut}"
        );
    }
}

#[test]
fn sequences_and_characters_split_between_reads() {
    assert_eq!(
        decode_reads(&[b"\x1b[1;", b"5A"]),
        vec![key(KeyCode::Up, CTRL)]
    );
    assert_eq!(decode_reads(&[&[0xc3], &[0xa9]]), vec![ch('é')]);
}

#[test]
fn what_the_console_has_no_use_for_is_skipped_whole() {
    // Mouse reports, answers to queries, an unknown key, bytes that are not UTF-8.
    assert_eq!(
        decode(b"\x1b[<0;10;5Ma\x1b[?1;2cb\x1b[99~c\xffd\x1bO~e"),
        vec![ch('a'), ch('b'), ch('c'), ch('d'), ch('e')]
    );
    // An unfinished sequence longer than any real one does not hold the input up.
    let mut long = b"\x1b[".to_vec();
    long.extend(std::iter::repeat_n(b'1', 80));
    assert_eq!(decode_reads(&[&long, b"q"]), vec![ch('q')]);
}

/// Pieces a terminal sends, to build random input from.
fn token() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        any::<u8>().prop_map(|b| vec![b]),
        Just(b"\x1b".to_vec()),
        Just(b"\x1b[A".to_vec()),
        Just(b"\x1b[1;5C".to_vec()),
        Just(b"\x1b[3~".to_vec()),
        Just(b"\x1bOP".to_vec()),
        Just(b"\x1b[200~".to_vec()),
        Just(b"\x1b[201~".to_vec()),
        Just("é✓".as_bytes().to_vec()),
        Just(b"\x1b[97;5u".to_vec()),
    ]
}

proptest! {
    /// However the terminal splits its output between reads (a read that is followed by more
    /// input is one that filled the buffer), the events are those of the whole.
    #[test]
    fn splitting_between_reads_changes_nothing(
        tokens in proptest::collection::vec(token(), 0..40),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        let bytes: Vec<u8> = tokens.concat();
        let mut points: Vec<usize> = cuts.iter().map(|c| c.index(bytes.len() + 1)).collect();
        points.sort_unstable();
        points.dedup();
        let mut reads: Vec<&[u8]> = Vec::new();
        let mut from = 0;
        for p in points {
            reads.push(&bytes[from..p]);
            from = p;
        }
        reads.push(&bytes[from..]);
        prop_assert_eq!(decode_reads(&reads), decode(&bytes));
    }
}
