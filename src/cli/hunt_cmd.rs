//! `mde-triage hunt QUERY`: advanced hunting through Microsoft Graph. The query is the
//! analyst's own text and goes to the service as typed (inside a JSON string).

use super::alerts_cmd::reader_gone_is_fine;
use super::context::{Context, stderr_prompt};
use super::exit::UsageError;
use super::graph_output::write_hunt;
use super::hunt_args::HuntArgs;
use super::output::{Format, Sink};
use anyhow::Context as _;
use std::io::{IsTerminal, Read, Write};

/// Longest query accepted (the service's own limit is larger; a runaway pipe is not a query).
const MAX_QUERY_BYTES: usize = 100_000;

/// The query text: the argument, or stdin for `-`.
fn query_text(arg: &str) -> anyhow::Result<String> {
    let text = if arg == "-" {
        let mut s = String::new();
        std::io::stdin()
            .take(MAX_QUERY_BYTES as u64 + 1)
            .read_to_string(&mut s)
            .context("reading the query from stdin")?;
        s
    } else {
        arg.to_string()
    };
    if text.len() > MAX_QUERY_BYTES {
        return Err(UsageError(format!("the query is longer than {MAX_QUERY_BYTES} bytes")).into());
    }
    if text.trim().is_empty() {
        return Err(UsageError("the query is empty".into()).into());
    }
    Ok(text)
}

/// Runs a hunting query and prints its answer.
pub async fn run(ctx: &Context, args: &HuntArgs) -> anyhow::Result<()> {
    let query = query_text(&args.query)?;
    let graph = ctx.graph_client(stderr_prompt())?;
    let result = graph
        .run_hunting_text(&query, args.timespan.as_deref())
        .await
        .context("running the hunting query")?;
    let format = match (args.format.json, args.format.csv) {
        (true, _) => Format::Json,
        (_, true) => Format::Csv,
        _ => Format::Plain,
    };
    let sink = if std::io::stdout().is_terminal() {
        Sink::Terminal
    } else {
        Sink::Pipe
    };
    let mut out = std::io::stdout().lock();
    reader_gone_is_fine(write_hunt(&mut out, &result, format, sink).and_then(|()| out.flush()))?;
    Ok(())
}
