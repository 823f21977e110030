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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiFailure;
    use mde_model::protocol::TriageChange;
    use mde_model::{Alert, Page};
    use std::sync::Mutex;

    /// The service's alerts; a list answers those changed after `since`, `top` at a time.
    #[derive(Default)]
    struct Service(Mutex<Vec<Alert>>);

    impl AlertsApi for Arc<Service> {
        async fn list_updated_since(
            &self,
            since: Option<Timestamp>,
            skip: usize,
            top: usize,
        ) -> Result<Page, ApiFailure> {
            let all = self.0.lock().unwrap();
            let alerts = all
                .iter()
                .filter(|a| since.is_none_or(|s| a.last_update_time.is_some_and(|t| t > s)))
                .skip(skip)
                .take(top)
                .map(|a| mde_model::parse_alert(&serde_json::to_string(a).unwrap()).unwrap())
                .collect();
            Ok(Page {
                alerts,
                skipped: Vec::new(),
                next_link: None,
            })
        }
        async fn get_alert(&self, _: &str) -> Result<ParsedAlert, ApiFailure> {
            unreachable!("the feed only lists")
        }
        async fn update_alert(&self, _: &str, _: &TriageChange) -> Result<ParsedAlert, ApiFailure> {
            unreachable!("the feed never writes")
        }
        async fn batch_update(&self, _: &[String], _: &TriageChange) -> Result<(), ApiFailure> {
            unreachable!("the feed never writes")
        }
        fn identity(&self) -> Option<String> {
            None
        }
    }

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    fn alert(id: &str, created: &str, updated: &str) -> Alert {
        let mut a = Alert::new(id, "t");
        a.alert_creation_time = Some(ts(created));
        a.last_update_time = Some(ts(updated));
        a
    }

    fn ids(items: &[FeedItem]) -> Vec<(String, ChangeKind)> {
        items
            .iter()
            .map(|i| (i.alert.alert.id.clone(), i.kind))
            .collect()
    }

    #[tokio::test]
    async fn each_version_once_across_restarts_and_pages() {
        let svc = Arc::new(Service::default());
        let store = Store::open_in_memory().unwrap();
        let config = SyncConfig {
            page_size: 2,
            ..SyncConfig::default()
        };
        let start = ts("2024-05-01T10:00:00Z");
        svc.0.lock().unwrap().extend([
            alert("old", "2024-05-01T09:00:00Z", "2024-05-01T09:59:00Z"),
            alert("a", "2024-05-01T10:00:10Z", "2024-05-01T10:00:10Z"),
            alert("b", "2024-05-01T09:00:00Z", "2024-05-01T10:00:20Z"),
            alert("c", "2024-05-01T10:00:30Z", "2024-05-01T10:00:30Z"),
        ]);
        let mut feed = ChangeFeed::open(svc.clone(), store.clone(), "f", start, config.clone())
            .await
            .unwrap();
        let got = feed.poll().await.unwrap();
        assert_eq!(
            ids(&got),
            [
                ("a".into(), ChangeKind::New),
                ("b".into(), ChangeKind::Changed),
                ("c".into(), ChangeKind::New)
            ],
            "paged, before the start left out, oldest first"
        );
        // Not committed (the reader went away): the same items come again.
        assert_eq!(ids(&feed.poll().await.unwrap()).len(), 3);
        feed.commit(&got).await.unwrap();
        assert!(feed.poll().await.unwrap().is_empty(), "delivered once");

        // A restart resumes from the saved position: only what changed since.
        svc.0.lock().unwrap()[1] = alert("a", "2024-05-01T10:00:10Z", "2024-05-01T10:00:40Z");
        let mut again = ChangeFeed::open(
            svc.clone(),
            store.clone(),
            "f",
            ts("2030-01-01T00:00:00Z"),
            config.clone(),
        )
        .await
        .unwrap();
        assert_eq!(
            again.position().floor,
            start,
            "the saved start, not the new one"
        );
        let got = again.poll().await.unwrap();
        assert_eq!(ids(&got), [("a".into(), ChangeKind::Changed)]);
        again.commit(&got).await.unwrap();
        assert!(again.poll().await.unwrap().is_empty());

        // Another name keeps its own position.
        let mut other = ChangeFeed::open(svc, store, "g", ts("2024-05-01T10:00:25Z"), config)
            .await
            .unwrap();
        assert_eq!(
            ids(&other.poll().await.unwrap()),
            [
                ("c".into(), ChangeKind::New),
                ("a".into(), ChangeKind::Changed)
            ]
        );
    }
}
