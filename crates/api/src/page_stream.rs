//! A page of alerts read as it arrives (scale issue): the body is fed to `PageReader` chunk by
//! chunk and the alerts go out in batches, so a 10,000-alert page (~55 MB) is never held whole,
//! and the caller stores one batch while the next is read and parsed.

use super::client::MdeClient;
use super::error::ApiError;
use super::query::ListQuery;
use super::transport::body_lost;
use mde_model::{PageReader, ParsedRow, SkippedAlert};
use tokio::sync::mpsc;

/// Alerts per batch handed on (a batch is handed on once it holds at least this many).
pub const BATCH: usize = 1_000;

/// Alerts read from a page, in page order, each straight into the row a sync stores.
#[derive(Debug, Default)]
pub struct PageBatch {
    /// The alerts that parsed, as rows beside their JSON.
    pub rows: Vec<ParsedRow>,
    /// The ones that did not (their index is their position in the page).
    pub skipped: Vec<SkippedAlert>,
}

/// What a streamed page held, once it ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageEnd {
    /// Items in the page (alerts and skipped ones), for paging by `$skip`.
    pub items: usize,
    /// `@odata.nextLink`, when the service sent one.
    pub next_link: Option<String>,
}

impl MdeClient {
    /// One page of `GET /api/alerts`, handed to `out` in batches as it arrives. Throttling and
    /// failures before the body are retried as for any call; a body cut off midway is an error
    /// (what was handed on is real and may be stored: the caller pages again from its `$skip`).
    /// A closed `out` stops the read.
    pub async fn list_streamed(
        &self,
        query: &ListQuery,
        out: &mpsc::Sender<PageBatch>,
    ) -> Result<PageEnd, ApiError> {
        let qs = query.to_query_string();
        let url = format!(
            "{}api/alerts{}{qs}",
            self.base,
            if qs.is_empty() { "" } else { "?" }
        );
        let mut resp = self.inner.open(&url).await?;
        let malformed = |e: mde_model::PageError| ApiError::MalformedResponse(e.to_string());
        let mut reader = PageReader::rows();
        let mut items = 0;
        while let Some(chunk) = resp.chunk().await.map_err(body_lost)? {
            reader.feed(&chunk).map_err(malformed)?;
            if reader.ready() >= BATCH {
                let (rows, skipped) = reader.take();
                items += rows.len() + skipped.len();
                if out.send(PageBatch { rows, skipped }).await.is_err() {
                    return Err(ApiError::Invalid("the page's reader went away".into()));
                }
            }
        }
        let page = reader.finish().map_err(malformed)?;
        items += page.alerts.len() + page.skipped.len();
        if !(page.alerts.is_empty() && page.skipped.is_empty()) {
            let batch = PageBatch {
                rows: page.alerts,
                skipped: page.skipped,
            };
            if out.send(batch).await.is_err() {
                return Err(ApiError::Invalid("the page's reader went away".into()));
            }
        }
        Ok(PageEnd {
            items,
            next_link: page.next_link,
        })
    }
}
