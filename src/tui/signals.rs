//! Signals that must end the console in order: SIGTERM (a service manager, `kill`), SIGHUP (the
//! SSH session dropped) and SIGINT (`kill -INT`; in raw mode Ctrl-C arrives as a key instead).
//! Each becomes a message to the event loop, which leaves through the same restore path as `q`.

use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

/// A signal that asks the console to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopSignal {
    /// SIGTERM.
    Terminate,
    /// SIGHUP.
    Hangup,
    /// SIGINT.
    Interrupt,
}

impl StopSignal {
    /// The conventional exit status for death by this signal (128 + number).
    pub fn exit_status(self) -> u8 {
        match self {
            StopSignal::Hangup => 129,
            StopSignal::Interrupt => 130,
            StopSignal::Terminate => 143,
        }
    }
}

/// Installs the handlers and returns a receiver that yields each stop signal as it arrives.
/// Must be called inside a tokio runtime.
pub fn listen() -> std::io::Result<mpsc::Receiver<StopSignal>> {
    let mut term = signal(SignalKind::terminate())?;
    let mut hup = signal(SignalKind::hangup())?;
    let mut int = signal(SignalKind::interrupt())?;
    let (tx, rx) = mpsc::channel(4);
    tokio::spawn(async move {
        loop {
            let s = tokio::select! {
                Some(()) = term.recv() => StopSignal::Terminate,
                Some(()) = hup.recv() => StopSignal::Hangup,
                Some(()) = int.recv() => StopSignal::Interrupt,
                else => break,
            };
            if tx.send(s).await.is_err() {
                break;
            }
        }
    });
    Ok(rx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sighup_is_delivered_as_a_message() {
        let mut rx = listen().unwrap();
        let pid = std::process::id().to_string();
        let status = std::process::Command::new("kill")
            .args(["-HUP", &pid])
            .status()
            .unwrap();
        assert!(status.success());
        let got = tokio::time::timeout(std::time::Duration::from_secs(10), rx.recv())
            .await
            .expect("signal within the deadline");
        assert_eq!(got, Some(StopSignal::Hangup));
    }
}
