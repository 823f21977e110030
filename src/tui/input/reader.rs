//! The terminal's input as a stream of events, read by us rather than by crossterm.
//!
//! crossterm 0.29's reader loops on a terminal that has gone away: a hung-up tty stays readable
//! while every read returns 0 (end of file) or fails with EIO, and its read loop handles
//! neither, so it retries forever (crossterm issue #793). `EventStream` runs that loop on a
//! helper thread or, when the hangup lands while the runtime thread holds crossterm's reader
//! lock, inside `poll_next` on the runtime itself: the console then spins at 100% CPU, and in
//! the second case never reads its stop signals either.
//!
//! Here the terminal is one non-blocking descriptor registered with tokio, read only when it
//! is ready: end of file ends the stream, a read error is its last item. Window size changes
//! come from SIGWINCH. Nothing waits on a timer and nothing polls.

use super::decoder::Decoder;
use crossterm::event::Event;
use futures::Stream;
use std::collections::VecDeque;
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::Interest;
use tokio::io::unix::AsyncFd;
use tokio::signal::unix::{Signal, SignalKind, signal};

/// How much one read takes.
const READ_SIZE: usize = 4096;

/// Terminal events; ends (`None`) when the terminal's input ends, after an `Err` if reading
/// failed.
pub struct TerminalInput {
    tty: AsyncFd<File>,
    resized: Signal,
    decoder: Decoder,
    ready: VecDeque<Event>,
    buf: Box<[u8; READ_SIZE]>,
    ended: bool,
}

impl TerminalInput {
    /// Opens the terminal on standard input for reading (or the controlling terminal when
    /// standard input is not one). Must be called inside a tokio runtime.
    pub fn open() -> io::Result<TerminalInput> {
        // A descriptor of our own, so O_NONBLOCK stays ours: standard input's open file is
        // shared with the shell, which would find it non-blocking after we exit.
        let tty = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC)
            .open(terminal_path())?;
        // SAFETY: the File owns its descriptor until the AsyncFd drops it.
        let tty = unsafe { AsyncFd::register_with_interest(tty, Interest::READABLE) }?;
        Ok(TerminalInput {
            tty,
            resized: signal(SignalKind::window_change())?,
            decoder: Decoder::default(),
            ready: VecDeque::new(),
            buf: Box::new([0; READ_SIZE]),
            ended: false,
        })
    }
}

/// The device of standard input if it is a terminal, else the controlling terminal.
fn terminal_path() -> PathBuf {
    let mut name = [0 as libc::c_char; 256];
    // SAFETY: ttyname_r writes at most `name.len()` bytes, NUL included, into our buffer.
    let found = unsafe { libc::ttyname_r(libc::STDIN_FILENO, name.as_mut_ptr(), name.len()) } == 0;
    if found {
        // SAFETY: on success the buffer holds a NUL-terminated path.
        let path = unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) };
        if let Ok(p) = path.to_str() {
            return PathBuf::from(p);
        }
    }
    PathBuf::from("/dev/tty")
}

impl Stream for TerminalInput {
    type Item = io::Result<Event>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(ev) = this.ready.pop_front() {
                return Poll::Ready(Some(Ok(ev)));
            }
            if this.ended {
                return Poll::Ready(None);
            }
            if let Poll::Ready(Some(())) = this.resized.poll_recv(cx) {
                if let Ok((w, h)) = crossterm::terminal::size() {
                    return Poll::Ready(Some(Ok(Event::Resize(w, h))));
                }
                // Size unknown: poll the signal again, which registers for the next one.
                continue;
            }
            let mut ready = match this.tty.poll_read_ready(cx) {
                Poll::Ready(Ok(guard)) => guard,
                Poll::Ready(Err(e)) => {
                    this.ended = true;
                    return Poll::Ready(Some(Err(e)));
                }
                Poll::Pending => return Poll::Pending,
            };
            let buf = &mut this.buf[..];
            match ready.try_io(|tty| tty.get_ref().read(buf)) {
                // End of file: the terminal hung up.
                Ok(Ok(0)) => this.ended = true,
                Ok(Ok(n)) => {
                    let more = n == READ_SIZE;
                    this.decoder.feed(&this.buf[..n], more, &mut this.ready);
                }
                Ok(Err(e)) if e.kind() == io::ErrorKind::Interrupted => {}
                Ok(Err(e)) => {
                    this.ended = true;
                    return Poll::Ready(Some(Err(e)));
                }
                // Not readable after all: tokio cleared the readiness; wait for the next.
                Err(_would_block) => {}
            }
        }
    }
}
