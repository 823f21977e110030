//! `mde-triage alerts watch`: a live feed of new and changed alerts, one line (or one JSON
//! object) each, for `| tee` and chat-ops hooks. The sync layer's change feed does the polling
//! inside the profile's rate budget and keeps the position in the profile's store; this file
//! filters with `--query`, writes, and stops cleanly on SIGINT/SIGTERM/SIGHUP (exit 0) or when
//! the reader goes away (a closed pipe: exit 0, quietly, even while no alert arrives).

use super::alerts_cmd::sink;
use super::context::{Context, stderr_prompt};
use super::exit::UsageError;
use super::output::Sink;
use super::query::ScriptQuery;
use super::since::{parse_age, since};
use super::table::Column;
use super::watch_args::WatchArgs;
use anyhow::Context as _;
use mde_model::{AlertRow, Timestamp};
use mde_store::Store;
use mde_sync::{ChangeFeed, FeedItem, SyncConfig, SyncError};
use std::io::{self, Write};
use std::time::Duration;
use tokio::sync::oneshot;

/// Runs the feed until a stop signal or a closed pipe.
pub async fn run(ctx: &Context, args: &WatchArgs) -> anyhow::Result<()> {
    let identity = ctx.identity();
    let query = ScriptQuery::from_arg(args.query.as_deref(), identity.as_deref())?;
    let start = match &args.since {
        Some(age) => {
            let age = parse_age(age).map_err(|e| UsageError(format!("--since: {e}")))?;
            since(Timestamp::now(), age)
        }
        None => Timestamp::now(),
    };
    let name = feed_name(args);
    let interval = Duration::from_secs(args.interval.unwrap_or(ctx.profile.poll_interval_secs));
    let config = SyncConfig {
        poll_interval: interval,
        poll_budget: ctx.profile.poll_calls_per_minute,
        ..SyncConfig::default()
    };
    let mut stop = crate::tui::signals::listen().context("listening for stop signals")?;
    let mut gone = reader_gone();
    let client = ctx.client(stderr_prompt())?;
    let store = Store::open(&ctx.store_path()?).context("opening the local store")?;
    let mut feed = ChangeFeed::open(client, store, &name, start, config)
        .await
        .context("opening the watch position")?;
    eprintln!(
        "mde-triage: watching {} from {} (position \"{}\"); Ctrl-C stops",
        args.query
            .as_deref()
            .map_or("all alerts".to_string(), |q| format!("--query {q:?}")),
        feed.position().mark,
        mde_text::sanitize_line(&name).text
    );
    let sink = sink();
    loop {
        let polled = tokio::select! {
            r = feed.poll() => r,
            _ = stop.recv() => return Ok(()),
            _ = &mut gone => return Ok(()),
        };
        match polled {
            Ok(items) => {
                let shown = items.iter().filter(|i| {
                    query
                        .as_ref()
                        .is_none_or(|q| q.matches(&i.alert.alert, identity.as_deref()))
                });
                match write_items(shown, args.json, sink) {
                    Ok(()) => {}
                    // The reader left: what was not written is delivered again next time.
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
                    Err(e) => return Err(anyhow::Error::new(e).context("writing the feed")),
                }
                feed.commit(&items)
                    .await
                    .context("saving the watch position")?;
            }
            Err(SyncError::Api(e)) if e.is_transient() => {
                eprintln!(
                    "mde-triage: warning: poll failed, trying again: {}",
                    mde_text::sanitize_line(&e.to_string()).text
                );
            }
            Err(e) => return Err(anyhow::Error::new(e).context("polling for changes")),
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = stop.recv() => return Ok(()),
            _ = &mut gone => return Ok(()),
        }
    }
}

/// The saved position's name: `--name`, else the query (so two watches with different queries
/// do not share one), else `all`.
fn feed_name(args: &WatchArgs) -> String {
    let q = args
        .query
        .as_deref()
        .map(|q| q.split_whitespace().collect::<Vec<_>>().join(" "));
    args.name
        .clone()
        .or(q)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "all".to_string())
}

/// Writes and flushes each item as one line: plain text, or `{"event":…,"alert":<raw>}`.
fn write_items<'a>(
    items: impl Iterator<Item = &'a FeedItem>,
    json: bool,
    sink: Sink,
) -> io::Result<()> {
    let mut out = io::stdout().lock();
    for i in items {
        if json {
            writeln!(
                out,
                "{{\"event\":\"{}\",\"alert\":{}}}",
                i.kind.as_str(),
                i.alert.raw.trim()
            )?;
        } else {
            writeln!(out, "{}", plain_line(i, sink, Timestamp::now()))?;
        }
    }
    out.flush()
}

/// `2024-05-02 12:00:01 new     da123 High New ws01 CONTOSO\jdoe Title`.
fn plain_line(i: &FeedItem, sink: Sink, now: Timestamp) -> String {
    let row = AlertRow::from_alert(&i.alert.alert);
    let when = row.last_update.map_or("-".to_string(), |t| {
        t.0.format("%Y-%m-%d %H:%M:%S").to_string()
    });
    let cells: Vec<String> = [
        Column::Id,
        Column::Sev,
        Column::Status,
        Column::Device,
        Column::User,
        Column::Title,
    ]
    .iter()
    .map(|c| sink.field(&c.cell(&row, now)).into_owned())
    .collect();
    format!("{when} {:<7} {}", i.kind.as_str(), cells.join(" "))
}

/// Resolves once stdout's reader is gone (a closed pipe or a hung-up terminal), so a watch that
/// sees no alerts still ends when `| head -1` has had its line.
fn reader_gone() -> oneshot::Receiver<()> {
    let (tx, rx) = oneshot::channel();
    // A plain thread: it blocks in poll(2) for the life of the process and must not hold up the
    // runtime's shutdown.
    std::thread::spawn(move || {
        let mut fd = libc::pollfd {
            fd: libc::STDOUT_FILENO,
            events: 0,
            revents: 0,
        };
        loop {
            // SAFETY: one valid pollfd, count 1; poll only writes `revents`.
            let n = unsafe { libc::poll(&mut fd, 1, -1) };
            if n > 0 && fd.revents & (libc::POLLERR | libc::POLLHUP | libc::POLLNVAL) != 0 {
                let _ = tx.send(());
                return;
            }
            if n < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
                return;
            }
        }
    });
    rx
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::parse_alert;
    use mde_sync::ChangeKind;

    #[test]
    fn one_safe_line_per_alert() {
        let p = parse_alert(
            r#"{"id":"da1","title":"a\u001b[2Jb\nFAKE","severity":"High","status":"New",
            "computerDnsName":"ws01","lastUpdateTime":"2024-05-02T12:00:01Z"}"#,
        )
        .unwrap();
        let i = FeedItem {
            alert: p,
            kind: ChangeKind::New,
        };
        let now = Timestamp::parse("2024-05-02T12:00:05Z").unwrap();
        assert_eq!(
            plain_line(&i, Sink::Pipe, now),
            "2024-05-02 12:00:01 new     da1 High New ws01 - a\\x1b[2Jb\\nFAKE"
        );
        let tty = plain_line(&i, Sink::Terminal, now);
        assert!(!tty.chars().any(char::is_control), "{tty:?}");
    }

    #[test]
    fn each_query_keeps_its_own_position() {
        let args = |q: Option<&str>, n: Option<&str>| WatchArgs {
            query: q.map(str::to_string),
            name: n.map(str::to_string),
            ..WatchArgs::default()
        };
        assert_eq!(feed_name(&args(None, None)), "all");
        assert_eq!(feed_name(&args(Some(" sev:high   x "), None)), "sev:high x");
        assert_eq!(feed_name(&args(Some("sev:high"), Some("pager"))), "pager");
    }
}
