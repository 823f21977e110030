//! The byte-level reader under the quick path: whitespace, literals, strings (borrowed unless
//! escaped), integers and keys. Every reader answers `None` for what it does not handle in
//! the exact way serde_json would, and the caller then gives the alert to serde_json whole.

use std::borrow::Cow;

/// `0x01` in every byte of a word.
const LO: u64 = 0x0101_0101_0101_0101;
/// The top bit of every byte of a word.
const HI: u64 = 0x8080_8080_8080_8080;

/// A position in the text of a page.
pub(super) struct Scan<'a> {
    pub(super) text: &'a str,
    pub(super) pos: usize,
    /// Every field is built. `false` while an alert is read only for its row: the fields the
    /// row does not read are checked as a whole read checks them, and left empty.
    pub(super) whole: bool,
}

/// A key of an object: the index of one the reader knows, or another.
enum Key {
    Known(usize),
    Other,
}

impl<'a> Scan<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The byte at the position, if any.
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    /// Skips JSON whitespace.
    pub(super) fn ws(&mut self) {
        let b = self.bytes();
        while matches!(b.get(self.pos), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Skips whitespace, then consumes `byte` if it is next.
    pub(super) fn eat(&mut self, byte: u8) -> Option<()> {
        self.ws();
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// Consumes `null` if it is next (after whitespace).
    pub(super) fn null(&mut self) -> bool {
        self.ws();
        let hit = self.bytes().get(self.pos..self.pos + 4) == Some(b"null");
        if hit {
            self.pos += 4;
        }
        hit
    }

    /// After a member of an object or an element of an array: `Some(true)` at `,`,
    /// `Some(false)` at `close` (`}` or `]`).
    pub(super) fn more(&mut self, close: u8) -> Option<bool> {
        self.ws();
        let b = self.peek()?;
        self.pos += 1;
        match b {
            b',' => Some(true),
            b if b == close => Some(false),
            _ => None,
        }
    }

    /// A string, borrowed from the text unless it holds escapes.
    pub(super) fn string(&mut self) -> Option<Cow<'a, str>> {
        self.ws();
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.pos + 1;
        let end = special(self.bytes(), start);
        match self.bytes().get(end)? {
            b'"' => {
                self.pos = end + 1;
                Some(Cow::Borrowed(self.text.get(start..end)?))
            }
            b'\\' => self.escaped(start, end).map(Cow::Owned),
            _ => None, // a control character: serde_json's error
        }
    }

    /// A string or `null`.
    pub(super) fn opt_string(&mut self) -> Option<Option<Cow<'a, str>>> {
        if self.null() {
            Some(None)
        } else {
            self.string().map(Some)
        }
    }

    /// The rest of a string from its first escape at `esc` (`start` is after its quote).
    fn escaped(&mut self, start: usize, mut esc: usize) -> Option<String> {
        let b = self.bytes();
        // The closing quote first: it sizes the text once (callgrind: growing it was 4% of a
        // read, Windows paths being escaped at every folder), and every special byte before it
        // is then an escape.
        let close = string_end(b, esc)?;
        let mut out = String::with_capacity(close - start);
        out.push_str(self.text.get(start..esc)?);
        loop {
            let (c, len) = match *b.get(esc + 1)? {
                b'"' => ('"', 2),
                b'\\' => ('\\', 2),
                b'/' => ('/', 2),
                b'b' => ('\u{8}', 2),
                b'f' => ('\u{c}', 2),
                b'n' => ('\n', 2),
                b'r' => ('\r', 2),
                b't' => ('\t', 2),
                b'u' => {
                    let hi = hex4(b.get(esc + 2..esc + 6)?)?;
                    let (code, len) = match hi {
                        0xD800..=0xDBFF => {
                            // Only a whole pair is read here; the rest is serde_json's to judge.
                            if b.get(esc + 6..esc + 8)? != b"\\u" {
                                return None;
                            }
                            let lo = hex4(b.get(esc + 8..esc + 12)?)?;
                            if !(0xDC00..=0xDFFF).contains(&lo) {
                                return None;
                            }
                            (0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00), 12)
                        }
                        0xDC00..=0xDFFF => return None,
                        _ => (hi, 6),
                    };
                    (char::from_u32(code)?, len)
                }
                _ => return None,
            };
            out.push(c);
            let from = esc + len;
            let end = special(b, from).min(close);
            out.push_str(self.text.get(from..end)?);
            if end == close {
                self.pos = close + 1;
                return Some(out);
            }
            esc = end;
        }
    }

    /// An object's members: `value(scan, i)` reads the value of known key `i`, other keys'
    /// values are skipped as serde skips them. Returns the keys seen; `None` on a duplicate,
    /// which serde rejects.
    pub(super) fn object(
        &mut self,
        keys: &[&[u8]],
        mut value: impl FnMut(&mut Self, usize) -> Option<()>,
    ) -> Option<u64> {
        self.eat(b'{')?;
        let mut seen = 0u64;
        self.ws();
        if self.peek()? == b'}' {
            self.pos += 1;
            return Some(seen);
        }
        let mut guess = 0;
        loop {
            match self.key(keys, guess)? {
                Key::Known(i) => {
                    let bit = 1u64 << i;
                    if seen & bit != 0 {
                        return None;
                    }
                    seen |= bit;
                    value(self, i)?;
                    guess = i + 1;
                }
                Key::Other => self.serde::<serde::de::IgnoredAny>().map(drop)?,
            }
            if !self.more(b'}')? {
                return Some(seen);
            }
        }
    }

    /// A nullable string the row does not read (`read` makes it a time or a `String`): for a
    /// row it is checked to be a string or `null`, as `read` checks it, and left empty.
    pub(super) fn spare<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Option<Option<T>>,
    ) -> Option<Option<T>> {
        if self.whole {
            read(self)
        } else {
            self.opt_string().map(|_| None)
        }
    }

    /// `null` (empty) or an array, each element read by `item`.
    pub(super) fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        if self.null() {
            return Some(Vec::new());
        }
        self.eat(b'[')?;
        let mut out = Vec::new();
        self.ws();
        if self.peek()? == b']' {
            self.pos += 1;
            return Some(out);
        }
        loop {
            out.push(item(self)?);
            if !self.more(b']')? {
                return Some(out);
            }
        }
    }

    /// An integer that fits an `i64` exactly as serde_json reads it; fractions, exponents,
    /// leading zeros and long numbers are left to serde_json.
    pub(super) fn int(&mut self) -> Option<i64> {
        self.ws();
        let b = self.bytes();
        let neg = b.get(self.pos) == Some(&b'-');
        let start = self.pos + usize::from(neg);
        let mut end = start;
        let mut n: i64 = 0;
        while let Some(d @ b'0'..=b'9') = b.get(end) {
            n = n * 10 + i64::from(d - b'0');
            end += 1;
            if end - start > 18 {
                return None;
            }
        }
        let digits = end - start;
        if digits == 0
            || (digits > 1 && b[start] == b'0')
            || matches!(b.get(end), Some(b'.' | b'e' | b'E'))
        {
            return None;
        }
        self.pos = end;
        Some(if neg { -n } else { n })
    }

    /// An object's key and its colon. `guess` is the key expected here (the service sends
    /// its fields in one order), tried first as one comparison with its quotes and colon.
    fn key(&mut self, keys: &[&[u8]], guess: usize) -> Option<Key> {
        self.ws();
        let b = self.bytes();
        if let Some(k) = keys.get(guess) {
            let at = self.pos;
            if b.get(at) == Some(&b'"')
                && b.get(at + 1..at + 1 + k.len()) == Some(k)
                && b.get(at + 1 + k.len()..at + 3 + k.len()) == Some(b"\":")
            {
                self.pos = at + 3 + k.len();
                return Some(Key::Known(guess));
            }
        }
        let name = self.string()?;
        self.eat(b':')?;
        Some(
            keys.iter()
                .position(|k| *k == name.as_bytes())
                .map_or(Key::Other, Key::Known),
        )
    }

    /// One value of type `T` read by serde_json from the position (what the quick path does
    /// not read itself), or `None` where serde_json fails.
    pub(super) fn serde<T: serde::Deserialize<'a>>(&mut self) -> Option<T> {
        let rest = self.text.get(self.pos..)?;
        let mut it = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        let v = it.next()?.ok()?;
        self.pos += it.byte_offset();
        Some(v)
    }
}

/// The first `"`, `\` or control character at or after `i` (or the end), eight bytes at a time.
fn special(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
        // Bytes below 0x20: the lowest flagged byte is exact, higher ones may be borrows.
        let hits = zero(w ^ (LO * u64::from(b'"')))
            | zero(w ^ (LO * u64::from(b'\\')))
            | (w.wrapping_sub(LO * 0x20) & !w & HI);
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return i;
        }
        i += 1;
    }
    i
}

/// The closing quote of a string whose first escape is at `i`.
fn string_end(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        i = special(b, i);
        match b.get(i)? {
            b'"' => return Some(i),
            b'\\' => i += 2,
            _ => return None,
        }
    }
}

/// Four hex digits.
fn hex4(h: &[u8]) -> Option<u32> {
    h.iter()
        .try_fold(0u32, |n, &c| Some(n * 16 + char::from(c).to_digit(16)?))
}

#[cfg(test)]
mod tests;
