//! Finding record boundaries in a byte stream without parsing the records: strings (with their
//! escapes) and bracket depth are tracked byte by byte, so a page of any size costs one pass and
//! only one record is held at a time. The records themselves are parsed by the loader.

/// Where a record starts in the (decompressed) file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The record's index, counting from 0 (skipped records count too).
    pub index: usize,
    /// Its first line, counting from 1.
    pub line: u64,
    /// Its first byte's offset, counting from 0.
    pub byte: u64,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "record {} (line {}, byte {})",
            self.index + 1,
            self.line,
            self.byte
        )
    }
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRecord {
    /// Where it starts.
    pub position: Position,
    /// Its id, when that much could be read.
    pub id: Option<String>,
    /// What was wrong.
    pub reason: String,
}

/// The shape the file turned out to have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `{"value": [...]}`, one page or several in a row.
    Page,
    /// `[...]`.
    Array,
    /// One alert per line.
    Ndjson,
    /// Alert objects one after another (a single `GET` answer, or pretty-printed objects).
    Objects,
}

/// What the scanner hands the loader.
#[derive(Debug)]
pub(crate) enum Found {
    /// One record's bytes, to parse.
    Record { bytes: Vec<u8>, position: Position },
    /// A record that is not even a JSON object.
    Skipped(SkippedRecord),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Before the first value, or between top-level values.
    Between {
        ndjson_hint: bool,
        newline_seen: bool,
    },
    /// Inside a record array, between elements.
    Array { in_page: bool },
    /// Collecting an element of a record array (`garbage`: it does not start with `{`).
    Element { in_page: bool, garbage: bool },
    /// Inside a top-level object, not yet known to be a page or an alert.
    Top,
    /// After a page's `value` array: skipping to the end of the page object.
    PageTail,
    /// One record per line.
    Lines,
}

/// String and bracket tracking shared by every mode.
#[derive(Debug, Default, Clone, Copy)]
struct Lexer {
    in_str: bool,
    escaped: bool,
    depth: u32,
}

impl Lexer {
    /// Feeds one byte; returns true when it was structural (outside a string).
    fn step(&mut self, b: u8) -> bool {
        if self.in_str {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_str = false;
            }
            return false;
        }
        match b {
            b'"' => self.in_str = true,
            b'{' | b'[' => self.depth += 1,
            b'}' | b']' => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        true
    }
}

/// Key tracking at depth 1 of a top-level object: is this object a page?
#[derive(Debug, Default)]
struct TopKeys {
    expect_key: bool,
    key: Option<Vec<u8>>,
    last_key: Vec<u8>,
    after_colon: bool,
    had_newline: bool,
}

/// The record-boundary scanner.
#[derive(Debug)]
pub(crate) struct Scanner {
    mode: Mode,
    lex: Lexer,
    top: TopKeys,
    rec: Vec<u8>,
    rec_pos: Position,
    index: usize,
    line: u64,
    byte: u64,
    shape: Option<Shape>,
    started: bool,
}

impl Scanner {
    pub(crate) fn new() -> Self {
        Scanner {
            mode: Mode::Between {
                ndjson_hint: false,
                newline_seen: false,
            },
            lex: Lexer::default(),
            top: TopKeys::default(),
            rec: Vec::new(),
            rec_pos: Position {
                index: 0,
                line: 1,
                byte: 0,
            },
            index: 0,
            line: 1,
            byte: 0,
            shape: None,
            started: false,
        }
    }

    /// The shape seen so far.
    pub(crate) fn shape(&self) -> Option<Shape> {
        self.shape
    }

    /// Bytes scanned so far (of the decompressed stream).
    pub(crate) fn bytes(&self) -> u64 {
        self.byte
    }

    fn begin_record(&mut self, b: u8) {
        self.rec.clear();
        self.rec.push(b);
        self.rec_pos = Position {
            index: self.index,
            line: self.line,
            byte: self.byte,
        };
    }

    fn take_record(&mut self) -> Found {
        self.index += 1;
        Found::Record {
            bytes: std::mem::take(&mut self.rec),
            position: self.rec_pos,
        }
    }

    fn skip_record(&mut self, reason: String) -> Found {
        self.index += 1;
        self.rec.clear();
        Found::Skipped(SkippedRecord {
            position: self.rec_pos,
            id: None,
            reason,
        })
    }

    fn set_shape(&mut self, s: Shape) {
        if self.shape.is_none() {
            self.shape = Some(s);
        }
    }

    /// Scans a chunk; records that end in it are pushed to `out`.
    pub(crate) fn feed(&mut self, chunk: &[u8], out: &mut Vec<Found>) {
        let mut i = 0;
        // A UTF-8 byte order mark before the first value is not data.
        if !self.started {
            if chunk.starts_with(&[0xEF, 0xBB, 0xBF]) {
                i = 3;
                self.byte = 3;
            }
            if !chunk.is_empty() {
                self.started = true;
            }
        }
        while i < chunk.len() {
            let b = chunk[i];
            if self.one(b, out) {
                // The byte ended an element and must be seen again by the array.
                continue;
            }
            if b == b'\n' {
                self.line += 1;
            }
            self.byte += 1;
            i += 1;
        }
    }

    /// Handles one byte. Returns true when the byte must be handled again in the new mode.
    fn one(&mut self, b: u8, out: &mut Vec<Found>) -> bool {
        match self.mode {
            Mode::Between {
                ndjson_hint,
                newline_seen,
            } => match b {
                b' ' | b'\t' | b'\r' => {}
                b'\n' => {
                    self.mode = Mode::Between {
                        ndjson_hint,
                        newline_seen: true,
                    }
                }
                _ if ndjson_hint && newline_seen => {
                    // One-line objects separated by newlines: NDJSON from here on.
                    self.shape = Some(Shape::Ndjson);
                    self.mode = Mode::Lines;
                    self.begin_record(b);
                }
                b'{' => {
                    self.lex = Lexer::default();
                    self.lex.step(b);
                    self.top = TopKeys {
                        expect_key: true,
                        ..TopKeys::default()
                    };
                    self.begin_record(b);
                    self.mode = Mode::Top;
                }
                b'[' => {
                    self.set_shape(Shape::Array);
                    self.mode = Mode::Array { in_page: false };
                }
                _ => {
                    // Not JSON here: read on line by line, reporting each bad line.
                    self.mode = Mode::Lines;
                    self.begin_record(b);
                }
            },
            Mode::Array { in_page } => match b {
                b' ' | b'\t' | b'\r' | b'\n' | b',' => {}
                b']' => {
                    self.mode = if in_page {
                        self.lex = Lexer {
                            depth: 1,
                            ..Lexer::default()
                        };
                        Mode::PageTail
                    } else {
                        Mode::Between {
                            ndjson_hint: false,
                            newline_seen: false,
                        }
                    };
                }
                _ => {
                    self.lex = Lexer::default();
                    self.lex.step(b);
                    self.begin_record(b);
                    self.mode = Mode::Element {
                        in_page,
                        garbage: b != b'{',
                    };
                }
            },
            Mode::Element { in_page, garbage } => {
                let at_top = self.lex.depth == 0 && !self.lex.in_str;
                if at_top && garbage && (b == b',' || b == b']') {
                    let text = String::from_utf8_lossy(&self.rec)
                        .trim()
                        .chars()
                        .take(40)
                        .collect::<String>();
                    out.push(self.skip_record(format!("not an alert object: {text:?}")));
                    self.mode = Mode::Array { in_page };
                    return true;
                }
                self.rec.push(b);
                self.lex.step(b);
                if !garbage && self.lex.depth == 0 && !self.lex.in_str {
                    out.push(self.take_record());
                    self.mode = Mode::Array { in_page };
                }
            }
            Mode::Top => self.top_byte(b, out),
            Mode::PageTail => {
                self.lex.step(b);
                if self.lex.depth == 0 && !self.lex.in_str {
                    self.mode = Mode::Between {
                        ndjson_hint: false,
                        newline_seen: false,
                    };
                }
            }
            Mode::Lines => {
                if b == b'\n' {
                    self.end_line(out);
                } else if self.rec.is_empty() {
                    if !b.is_ascii_whitespace() {
                        self.begin_record(b);
                    }
                } else {
                    self.rec.push(b);
                }
            }
        }
        false
    }

    fn top_byte(&mut self, b: u8, out: &mut Vec<Found>) {
        let was_in_str = self.lex.in_str;
        let depth_before = self.lex.depth;
        self.rec.push(b);
        if b == b'\n' {
            self.top.had_newline = true;
        }
        let structural = self.lex.step(b);
        // A key at depth 1: collect its characters (escapes kept raw; "value" has none).
        if depth_before == 1 {
            if was_in_str {
                if !self.lex.in_str {
                    if let Some(k) = self.top.key.take() {
                        self.top.last_key = k;
                        self.top.expect_key = false;
                    }
                } else if let Some(k) = &mut self.top.key {
                    k.push(b);
                }
            } else if structural {
                match b {
                    b'"' if self.top.expect_key => self.top.key = Some(Vec::new()),
                    b':' => self.top.after_colon = true,
                    b',' => self.top.expect_key = true,
                    b'[' if self.top.after_colon && self.top.last_key == b"value" => {
                        // A page: its array's elements are the records.
                        self.set_shape(Shape::Page);
                        self.rec.clear();
                        self.mode = Mode::Array { in_page: true };
                        return;
                    }
                    _ => {}
                }
                if !b.is_ascii_whitespace() && b != b':' {
                    self.top.after_colon = false;
                }
            }
        }
        if self.lex.depth == 0 && !self.lex.in_str {
            // The object closed without a `value` array: it is an alert itself.
            self.set_shape(Shape::Objects);
            let one_line = !self.top.had_newline;
            out.push(self.take_record());
            self.mode = Mode::Between {
                ndjson_hint: one_line,
                newline_seen: false,
            };
        }
    }

    fn end_line(&mut self, out: &mut Vec<Found>) {
        while self.rec.last().is_some_and(|b| b.is_ascii_whitespace()) {
            self.rec.pop();
        }
        if !self.rec.is_empty() {
            out.push(self.take_record());
        }
    }

    /// The end of the stream: a record still open is reported as cut off.
    pub(crate) fn finish(&mut self, out: &mut Vec<Found>) {
        match self.mode {
            Mode::Lines => self.end_line(out),
            Mode::Element { .. } | Mode::Top if !self.rec.is_empty() => {
                out.push(self.skip_record("the file ends inside this record".into()));
            }
            Mode::Array { .. } if self.shape.is_some() => {
                out.push(Found::Skipped(SkippedRecord {
                    position: Position {
                        index: self.index,
                        line: self.line,
                        byte: self.byte,
                    },
                    id: None,
                    reason: "the file ends before the array is closed (truncated export?)".into(),
                }));
            }
            _ => {}
        }
    }
}
