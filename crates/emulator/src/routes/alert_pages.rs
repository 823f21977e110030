//! The body of a list answer, serialised a piece at a time as the client reads it (scale
//! issue): a 10,000-alert page with evidence is ~45 MB, which was serialised whole before its
//! first byte left (the client idle meanwhile, and a fresh 45 MB buffer faulted in per page).
//! The alerts are chosen under the read lock; they are then written in runs of `RUN`, taking
//! the lock again for each run, so a slow reader never holds off a triage write for long.
//! Each piece's buffer comes back to the writer when the connection has sent it: a fresh 256 kB
//! buffer per piece had the kernel clear new pages for each, a third of the serving CPU in a
//! profile of a 100k sync.

use crate::shape::Shaped;
use crate::state::Shared;
use axum::body::{Body, Bytes};
use std::io::Write;
use std::sync::mpsc as back;
use tokio::sync::mpsc;

/// Alerts serialised per taking of the read lock.
const RUN: usize = 200;
/// Bytes gathered before a piece of the body is handed to the connection.
const PIECE: usize = 256 * 1024;

/// What a list answer holds: the page's alerts, in order, and how they are shaped.
pub struct PagePlan {
    /// `@odata.context`.
    pub context: String,
    /// `@odata.count`, when asked for.
    pub count: Option<usize>,
    /// The alerts' ids, in the page's order.
    pub ids: Vec<String>,
    /// `$expand=evidence`.
    pub expand: bool,
    /// `$select`ed names.
    pub select: Option<Vec<String>>,
}

/// The streamed body of `plan`. An alert removed while the page is written is left out; one
/// changed meanwhile is sent as it is now (the service gives no snapshot across a page either).
pub fn body(st: Shared, plan: PagePlan) -> Body {
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(2);
    tokio::task::spawn_blocking(move || {
        if let Err(e) = write_page(&st, &plan, &tx) {
            tracing::error!(error = %e, "cannot serialise alerts");
            // The client sees the body cut off, as after a dropped connection.
            let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
        }
    });
    Body::from_stream(futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|piece| (piece, rx))
    }))
}

/// A client that went away ends the writing: nothing to send it to.
#[derive(Debug, thiserror::Error)]
enum WriteError {
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    #[error("the client went away")]
    Gone,
}

/// A piece of the body; its buffer goes back to the writer when dropped.
struct Piece {
    buf: Vec<u8>,
    back: back::Sender<Vec<u8>>,
}

impl AsRef<[u8]> for Piece {
    fn as_ref(&self) -> &[u8] {
        &self.buf
    }
}

impl Drop for Piece {
    fn drop(&mut self) {
        // The page may be written already: the buffer is then freed.
        let _ = self.back.send(std::mem::take(&mut self.buf));
    }
}

/// Where the writer's pieces go, and where their buffers come back.
struct Pieces<'a> {
    tx: &'a mpsc::Sender<Result<Bytes, std::io::Error>>,
    back_tx: back::Sender<Vec<u8>>,
    back_rx: back::Receiver<Vec<u8>>,
}

impl Pieces<'_> {
    /// Hands `buf`'s bytes to the connection and leaves a cleared buffer in their place.
    fn send(&self, buf: &mut Vec<u8>) -> Result<(), WriteError> {
        let mut next = self.back_rx.try_recv().unwrap_or_else(|_| new_buffer());
        next.clear();
        let piece = Piece {
            buf: std::mem::replace(buf, next),
            back: self.back_tx.clone(),
        };
        self.tx
            .blocking_send(Ok(Bytes::from_owner(piece)))
            .map_err(|_| WriteError::Gone)
    }
}

fn new_buffer() -> Vec<u8> {
    Vec::with_capacity(PIECE + 64 * 1024)
}

fn write_page(
    st: &Shared,
    plan: &PagePlan,
    tx: &mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> Result<(), WriteError> {
    let (back_tx, back_rx) = back::channel();
    let pieces = Pieces {
        tx,
        back_tx,
        back_rx,
    };
    let mut buf = new_buffer();
    buf.extend_from_slice(b"{\"@odata.context\":");
    serde_json::to_writer(&mut buf, &plan.context)?;
    if let Some(n) = plan.count {
        // Writing to a Vec cannot fail.
        let _ = write!(buf, ",\"@odata.count\":{n}");
    }
    buf.extend_from_slice(b",\"value\":[");
    let mut first = true;
    for run in plan.ids.chunks(RUN) {
        {
            let alerts = st.store.read();
            for rec in run.iter().filter_map(|id| alerts.by_id.get(id)) {
                if !first {
                    buf.push(b',');
                }
                first = false;
                Shaped {
                    rec,
                    expand: plan.expand,
                    select: plan.select.as_deref(),
                }
                .write_json(&mut buf)?;
            }
        }
        if buf.len() >= PIECE {
            pieces.send(&mut buf)?;
        }
    }
    buf.extend_from_slice(b"]}");
    pieces.send(&mut buf)
}
