//! The change feed behind `alerts watch`: the poller's incremental fetch (`lastUpdateTime gt`
//! the position less the overlap, paged, inside the polling budget) without the console's
//! cache. Each version of an alert is delivered once: the position (kept in the profile's store
//! under the feed's name) remembers what was delivered in the window read again, so a restart
//! neither repeats nor skips.

use super::api::AlertsApi;
use super::blocking::on_store;
use super::budget::Budget;
use super::config::SyncConfig;
use super::error::SyncError;
use mde_model::{ParsedAlert, Timestamp};
use mde_store::{Store, WatchPosition};
use std::sync::Arc;
use tokio::time::Instant;

/// Whether a delivered alert is new to the feed or a change of one already seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Created since the feed's position.
    New,
    /// Created earlier, changed since.
    Changed,
}

impl ChangeKind {
    /// `new` / `changed`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::New => "new",
            ChangeKind::Changed => "changed",
        }
    }
}

/// One version of one alert, not delivered before.
#[derive(Debug, Clone)]
pub struct FeedItem {
    /// The alert as the service sent it.
    pub alert: ParsedAlert,
    /// New or changed.
    pub kind: ChangeKind,
}

/// A named feed of new and changed alerts.
pub struct ChangeFeed<A> {
    api: Arc<A>,
    store: Store,
    name: String,
    budget: Budget,
    config: SyncConfig,
    position: WatchPosition,
}

impl<A: AlertsApi> ChangeFeed<A> {
    /// Opens feed `name`: its saved position, or a new one starting at `start`.
    pub async fn open(
        api: A,
        store: Store,
        name: &str,
        start: Timestamp,
        config: SyncConfig,
    ) -> Result<Self, SyncError> {
        let key = name.to_string();
        let saved = on_store(&store, move |s| s.watch_position(&key)).await?;
        let position = match saved {
            Some(p) => p,
            None => {
                // Saved at once: a feed stopped before anything arrived resumes from its start.
                let p = WatchPosition::starting_at(start);
                let (key, fresh) = (name.to_string(), p.clone());
                on_store(&store, move |s| s.save_watch_position(&key, &fresh)).await?;
                p
            }
        };
        Ok(ChangeFeed {
            api: Arc::new(api),
            store,
            name: name.to_string(),
            budget: Budget::new(config.poll_budget.max(1), config.budget_window),
            position,
            config,
        })
    }

    /// Where the feed stands.
    pub fn position(&self) -> &WatchPosition {
        &self.position
    }

    /// Fetches every change since the position (waiting for the budget before each call) and
    /// returns the versions not delivered yet, oldest first. Nothing is recorded: `commit` the
    /// items once they reached their reader.
    pub async fn poll(&mut self) -> Result<Vec<FeedItem>, SyncError> {
        let overlap = chrono::Duration::from_std(self.config.overlap).unwrap_or_default();
        let back = Timestamp(
            self.position
                .mark
                .0
                .checked_sub_signed(overlap)
                .unwrap_or(self.position.mark.0),
        );
        let since = back.max(self.position.floor);
        let top = self.config.page_size.max(1);
        let mut items = Vec::new();
        let mut skip = 0;
        loop {
            self.take_call().await;
            let page = self.api.list_updated_since(Some(since), skip, top).await?;
            let received = page.alerts.len() + page.skipped.len();
            for p in page.alerts {
                if let Some(kind) = self.classify(&p, since) {
                    items.push(FeedItem { alert: p, kind });
                }
            }
            if received < top {
                break;
            }
            skip += received;
        }
        items.sort_by_key(|i| i.alert.alert.last_update_time);
        Ok(items)
    }

    /// Records `items` as handled (delivered, or left out by the reader's own filter) and saves
    /// the position; commit everything `poll` returned, or the window read grows.
    pub async fn commit(&mut self, items: &[FeedItem]) -> Result<(), SyncError> {
        if items.is_empty() {
            return Ok(());
        }
        for i in items {
            let a = &i.alert.alert;
            let t = version(&i.alert).unwrap_or(self.position.mark);
            self.position.seen.insert(a.id.clone(), t);
            self.position.mark = self.position.mark.max(t);
        }
        // Only versions inside the window read again can come back; older ones are forgotten.
        let overlap = chrono::Duration::from_std(self.config.overlap).unwrap_or_default();
        let keep_from = self.position.mark.0.checked_sub_signed(overlap);
        if let Some(from) = keep_from {
            self.position.seen.retain(|_, t| t.0 >= from);
        }
        let (name, position) = (self.name.clone(), self.position.clone());
        on_store(&self.store, move |s| {
            s.save_watch_position(&name, &position)
        })
        .await
    }

    /// New, changed, or already delivered (None); versions before the floor are not reported.
    /// New means created inside the window read (`since` on) and never delivered.
    fn classify(&self, p: &ParsedAlert, since: Timestamp) -> Option<ChangeKind> {
        let v = version(p)?;
        if v <= self.position.floor {
            return None;
        }
        match self.position.seen.get(&p.alert.id) {
            Some(seen) if *seen >= v => None,
            Some(_) => Some(ChangeKind::Changed),
            None if p.alert.alert_creation_time.is_some_and(|c| c > since) => Some(ChangeKind::New),
            None => Some(ChangeKind::Changed),
        }
    }

    /// Waits until the polling budget allows another call, then spends it.
    async fn take_call(&mut self) {
        loop {
            match self.budget.try_take(Instant::now()) {
                Ok(()) => return,
                Err(at) => tokio::time::sleep_until(at).await,
            }
        }
    }
}

/// The version of an alert: its `lastUpdateTime`, else its creation time.
fn version(p: &ParsedAlert) -> Option<Timestamp> {
    p.alert.last_update_time.or(p.alert.alert_creation_time)
}
