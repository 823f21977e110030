//! Bytes from the terminal → key, paste and focus events, as crossterm's own reader decodes
//! them (same `Event` values, so the console cannot tell the difference): one event at a time
//! (`parse.rs`, `csi.rs`), and bracketed paste as one event.
//!
//! Input arrives in reads of whatever the terminal had; a sequence may be split between two
//! reads, so what is not complete yet waits for the next one. A lone ESC at the very end of a
//! read is the Esc key (a sequence's bytes arrive together), as crossterm decides it.

use super::parse::parse;
use super::parsed::{ESC, Parsed};
use crossterm::event::{Event, KeyCode};
use std::collections::VecDeque;
/// What ends a bracketed paste.
const PASTE_END: &[u8] = b"\x1b[201~";
/// The most of one paste that is kept; a larger one is cut (no field takes more).
const MAX_PASTE: usize = 1 << 20;

/// Turns the bytes of successive reads into events.
#[derive(Debug, Default)]
pub struct Decoder {
    /// Bytes not decoded yet: the start of a sequence whose end has not arrived.
    pending: Vec<u8>,
    /// Inside a bracketed paste: what was pasted so far.
    paste: Option<Vec<u8>>,
}

impl Decoder {
    /// Decodes one read's `bytes` into `out`. `more` says the read filled its buffer, so more
    /// input is waiting and a trailing ESC may start a sequence rather than be the Esc key.
    pub fn feed(&mut self, bytes: &[u8], more: bool, out: &mut VecDeque<Event>) {
        self.pending.extend_from_slice(bytes);
        let mut at = 0;
        loop {
            if self.paste.is_some() {
                match self.paste_until_end(at) {
                    Some(next) => {
                        at = next;
                        if let Some(text) = self.paste.take() {
                            out.push_back(Event::Paste(String::from_utf8_lossy(&text).into()));
                        }
                        continue;
                    }
                    None => {
                        // Keep what may be the start of the end marker for the next read.
                        at = self.pending.len() - partial_end(&self.pending[at..]);
                        break;
                    }
                }
            }
            match parse(&self.pending[at..]) {
                Parsed::Event(ev, n) => {
                    out.push_back(ev);
                    at += n;
                }
                Parsed::PasteStart(n) => {
                    self.paste = Some(Vec::new());
                    at += n;
                }
                Parsed::Skip(n) => at += n,
                Parsed::Incomplete => {
                    if !more && self.pending[at..] == [ESC] {
                        out.push_back(Event::Key(KeyCode::Esc.into()));
                        at += 1;
                    }
                    break;
                }
                Parsed::Empty => break,
            }
        }
        self.pending.drain(..at);
    }

    /// In a paste: moves the pasted bytes from `pending[at..]` into the paste, up to the end
    /// marker. Returns where decoding resumes after the marker, or None if it has not arrived
    /// (then everything but a possible partial marker has been moved).
    fn paste_until_end(&mut self, at: usize) -> Option<usize> {
        let rest = &self.pending[at..];
        let (body, next) = match find(rest, PASTE_END) {
            Some(i) => (&rest[..i], Some(at + i + PASTE_END.len())),
            None => (&rest[..rest.len() - partial_end(rest)], None),
        };
        if let Some(p) = self.paste.as_mut() {
            let room = MAX_PASTE.saturating_sub(p.len());
            p.extend_from_slice(&body[..body.len().min(room)]);
        }
        next
    }
}

/// The length of the longest tail of `bytes` that could begin the paste's end marker.
fn partial_end(bytes: &[u8]) -> usize {
    (1..PASTE_END.len())
        .rev()
        .find(|&n| bytes.len() >= n && PASTE_END.starts_with(&bytes[bytes.len() - n..]))
        .unwrap_or(0)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
