//! Exit statuses and error reports. 0 success, 1 a runtime failure, 2 a usage error; where a
//! sysexits code says more (bad config, no permission, service unavailable, try again later),
//! that one. Errors go to stderr with their cause chain, sanitised when stderr is a terminal
//! (a service's error message is not trusted text).

use crate::config::ConfigError;
use mde_api::{ApiError, AuthError};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Success.
pub const OK: u8 = 0;
/// A runtime failure.
pub const FAILURE: u8 = 1;
/// The command line was wrong.
pub const USAGE: u8 = 2;
/// The service could not be reached or kept failing (EX_UNAVAILABLE).
pub const UNAVAILABLE: u8 = 69;
/// Something was left to do later, e.g. writes still queued (EX_TEMPFAIL).
pub const TEMPFAIL: u8 = 75;
/// Sign-in or permission refused (EX_NOPERM).
pub const NOPERM: u8 = 77;
/// The configuration is wrong (EX_CONFIG).
pub const CONFIG: u8 = 78;

/// A command-line mistake found after clap (a value clap cannot check).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The command ran but did not finish its job; carries the status to exit with.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Incomplete {
    /// What is left.
    pub message: String,
    /// The exit status.
    pub status: u8,
}

/// The exit status for an error, judged by the most specific cause in its chain.
pub fn status_for(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if cause.is::<UsageError>() {
            return USAGE;
        }
        if let Some(i) = cause.downcast_ref::<Incomplete>() {
            return i.status;
        }
        if cause.is::<ConfigError>() || cause.is::<mde_api::hosts::HostsError>() {
            return CONFIG;
        }
        if let Some(a) = cause.downcast_ref::<AuthError>() {
            return if a.is_transient() {
                UNAVAILABLE
            } else {
                NOPERM
            };
        }
        if let Some(a) = cause.downcast_ref::<ApiError>() {
            return match a {
                ApiError::Unauthorized(_) | ApiError::Forbidden(_) => NOPERM,
                ApiError::Auth(e) if !e.is_transient() => NOPERM,
                ApiError::Config(_) => CONFIG,
                e if e.is_transient() => UNAVAILABLE,
                _ => FAILURE,
            };
        }
    }
    FAILURE
}

/// Writes `err` and its causes to stderr and returns the exit code.
pub fn report(err: &anyhow::Error) -> ExitCode {
    let tty = std::io::stderr().is_terminal();
    let clean = |s: String| {
        if tty {
            mde_text::sanitize_multiline(&s).text.into_owned()
        } else {
            s
        }
    };
    let mut out = std::io::stderr().lock();
    let _ = writeln!(out, "mde-triage: error: {}", clean(err.to_string()));
    for cause in err.chain().skip(1) {
        let _ = writeln!(out, "  caused by: {}", clean(cause.to_string()));
    }
    ExitCode::from(status_for(err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_specific_cause_decides() {
        let usage = anyhow::Error::new(UsageError("bad".into())).context("alerts list");
        assert_eq!(status_for(&usage), USAGE);
        let forbidden =
            anyhow::Error::new(ApiError::Forbidden(mde_api::ServiceError::from_body("")))
                .context("updating da1");
        assert_eq!(status_for(&forbidden), NOPERM);
        let down = anyhow::Error::new(ApiError::Timeout).context("listing");
        assert_eq!(status_for(&down), UNAVAILABLE);
        let cfg = anyhow::Error::new(ConfigError::Invalid {
            path: "f".into(),
            key: "k".into(),
            problem: "p".into(),
        });
        assert_eq!(status_for(&cfg), CONFIG);
        let later = anyhow::Error::new(Incomplete {
            message: "2 writes queued".into(),
            status: TEMPFAIL,
        });
        assert_eq!(status_for(&later), TEMPFAIL);
        assert_eq!(status_for(&anyhow::anyhow!("other")), FAILURE);
    }
}
