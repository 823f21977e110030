//! How devices, machine actions and indicators are printed: an aligned table (every service
//! string sanitised for a terminal, escaped onto one line for a pipe), key/value details, or
//! JSON; and the shared helpers of the device commands (output sink, read-only refusal, store).

use super::context::Context;
use super::exit::UsageError;
use mde_model::Timestamp;
use mde_text::width::width;
use mde_text::{fit, log_escape, sanitize_line};
use std::borrow::Cow;
use std::io::{IsTerminal, Write};

/// One text field for stdout: sanitised on a terminal, escaped into a pipe.
pub fn field(s: &str) -> Cow<'_, str> {
    if std::io::stdout().is_terminal() {
        sanitize_line(s).text
    } else {
        log_escape(s)
    }
}

/// A time as UTC to the second, or `-`.
pub fn when(t: Option<Timestamp>) -> String {
    t.map_or_else(
        || "-".into(),
        |t| t.0.format("%Y-%m-%d %H:%M:%SZ").to_string(),
    )
}

/// An aligned table: each column as wide as its widest cell, the last one capped at `last_max`.
pub fn table(
    out: &mut impl Write,
    headers: &[&str],
    rows: &[Vec<String>],
    last_max: usize,
) -> std::io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "(none)");
    }
    let n = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| field(c).into_owned()).collect())
        .collect();
    for r in &cells {
        for (i, c) in r.iter().enumerate().take(n) {
            widths[i] = widths[i].max(width(c));
        }
    }
    if let Some(last) = widths.last_mut() {
        *last = (*last).min(last_max);
    }
    let line = |cols: Vec<&str>| -> String {
        let mut s = String::new();
        for (i, c) in cols.iter().enumerate() {
            if i + 1 == n {
                s.push_str(fit(c, widths[i]).trim_end());
            } else {
                s.push_str(&fit(c, widths[i]));
                s.push_str("  ");
            }
        }
        s
    };
    writeln!(out, "{}", line(headers.to_vec()))?;
    for r in &cells {
        writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

/// `key: value` lines, values sanitised.
pub fn details(out: &mut impl Write, pairs: &[(&str, String)]) -> std::io::Result<()> {
    let w = pairs.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    for (k, v) in pairs {
        writeln!(out, "{k:<w$}  {}", field(v))?;
    }
    Ok(())
}

/// Pretty JSON on stdout.
pub fn json(out: &mut impl Write, v: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// Refuses a change in read-only mode, naming the command; nothing is sent.
pub fn refuse_read_only(ctx: &Context, what: &str) -> Result<(), UsageError> {
    if ctx.read_only {
        return Err(UsageError(format!(
            "read-only mode: {what} is refused (nothing was sent)"
        )));
    }
    Ok(())
}

/// The profile's store (where response actions and their audit trail are kept).
pub fn store(ctx: &Context) -> anyhow::Result<mde_store::Store> {
    use anyhow::Context as _;
    mde_store::Store::open(&ctx.store_path()?).context("opening the local store")
}

/// Writes to stdout, treating a closed pipe as the reader's choice.
pub fn print(
    f: impl FnOnce(&mut std::io::StdoutLock<'_>) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    super::alerts_cmd::reader_gone_is_fine(f(&mut out).and_then(|()| out.flush()))?;
    Ok(())
}
