//! The action tracker: every send the service accepted is polled until its action reaches a
//! final state, with a delay that doubles from `action_poll` up to `action_poll_max`, each poll
//! within the polling budget. At start it resumes what an earlier run left: accepted actions are
//! polled again, and a send interrupted mid-flight is looked up (never resent). The watched
//! device is refreshed once per poll interval on the same loop.

use super::deliver::lookup;
use super::lookup::Purpose;
use super::{DeviceDesk, DevicesApi};
use crate::blocking::on_store;
use mde_model::Timestamp;
use mde_model::device::{ActionSend, ActionStatus, FailureKind, SendState};
use mde_model::protocol::RequestId;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// An action still in flight is followed this long at most (the service times out after 3 days).
const MAX_AGE: chrono::Duration = chrono::Duration::days(4);

/// What the tracker does next for one send.
#[derive(Debug, Clone)]
pub(crate) enum Next {
    /// Poll the action.
    Poll {
        /// The action's id.
        action_id: String,
        /// Its last known status.
        status: ActionStatus,
    },
    /// Find out whether an interrupted send created its action.
    Lookup(ActionSend),
}

/// One send the tracker follows.
#[derive(Debug, Clone)]
pub(crate) struct Track {
    /// The request it answers (0 after a restart).
    pub req: RequestId,
    /// What to do.
    pub next: Next,
    /// When.
    pub due: Instant,
    /// The wait after the next poll.
    pub delay: Duration,
    /// When the send first began.
    pub started: Timestamp,
}

impl Track {
    /// The action id, once known.
    pub fn action_id(&self) -> Option<&String> {
        match &self.next {
            Next::Poll { action_id, .. } => Some(action_id),
            Next::Lookup(_) => None,
        }
    }

    /// The last known status, once known.
    pub fn last_status(&self) -> Option<&ActionStatus> {
        match &self.next {
            Next::Poll { status, .. } => Some(status),
            Next::Lookup(_) => None,
        }
    }
}

impl<A: DevicesApi> DeviceDesk<A> {
    /// Follows `send_id`'s action from `action_id` on.
    pub(super) fn track(&self, req: RequestId, send_id: i64, started: Timestamp, next: Next) {
        let delay = self.config.action_poll;
        self.tracks_lock().insert(
            send_id,
            Track {
                req,
                next,
                due: Instant::now() + delay,
                delay,
                started,
            },
        );
        self.wake.notify_one();
    }

    /// The loop; runs for the sync task's lifetime.
    pub(crate) async fn run_tracker(self: Arc<Self>) {
        self.resume().await;
        let mut next_watch = Instant::now() + self.config.poll_interval;
        loop {
            let now = Instant::now();
            let due: Vec<i64> = self
                .tracks_lock()
                .iter()
                .filter(|(_, t)| t.due <= now)
                .map(|(id, _)| *id)
                .collect();
            for send_id in due {
                self.step(send_id).await;
            }
            if Instant::now() >= next_watch {
                self.poll_watched().await;
                next_watch = Instant::now() + self.config.poll_interval;
            }
            let next = self
                .tracks_lock()
                .values()
                .map(|t| t.due)
                .min()
                .map_or(next_watch, |d| d.min(next_watch));
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep_until(next) => {}
            }
        }
    }

    /// Picks up what an earlier run left in the store.
    async fn resume(&self) {
        let open = match on_store(&self.store, |s| s.open_sends()).await {
            Ok(o) => o,
            Err(e) => {
                self.board
                    .publish(|s| s.error = Some(format!("response actions unreadable: {e}")))
                    .await;
                return;
            }
        };
        for send in open {
            let next = match &send.state {
                SendState::Accepted { action_id, status } => Next::Poll {
                    action_id: action_id.clone(),
                    status: status.clone(),
                },
                _ => Next::Lookup(send.clone()),
            };
            self.tracks_lock().insert(
                send.send_id,
                Track {
                    req: 0,
                    next,
                    due: Instant::now(),
                    delay: self.config.action_poll,
                    started: send.started,
                },
            );
        }
    }

    /// Postpones a track: to `at`, or by its doubling delay.
    fn postpone(&self, send_id: i64, at: Option<Instant>) {
        let max = self.config.action_poll_max;
        if let Some(t) = self.tracks_lock().get_mut(&send_id) {
            match at {
                Some(at) => t.due = at,
                None => {
                    t.due = Instant::now() + t.delay;
                    t.delay = (t.delay * 2).min(max);
                }
            }
        }
    }

    /// One poll or lookup.
    async fn step(&self, send_id: i64) {
        let Some(track) = self.tracks_lock().get(&send_id).cloned() else {
            return;
        };
        if chrono::Utc::now() - track.started.0 > MAX_AGE {
            tracing::warn!(send_id, "response action no longer followed: too old");
            self.tracks_lock().remove(&send_id);
            return;
        }
        if let Err(at) = self.take_budget(1).await {
            self.postpone(send_id, Some(at));
            return;
        }
        match track.next {
            Next::Poll {
                action_id, status, ..
            } => match self.api.machine_action(&action_id).await {
                Ok(a) if a.status != status => self.progressed(send_id, a).await,
                Ok(_) => self.postpone(send_id, None),
                Err(e) => {
                    tracing::debug!(send_id, error = %e, "polling a response action");
                    self.postpone(send_id, None);
                }
            },
            Next::Lookup(send) => {
                let found = lookup(
                    &*self.api,
                    &send.request,
                    send.started,
                    self.config.clock_skew,
                    Purpose::LostAnswer,
                )
                .await;
                match found {
                    Ok(Some(a)) => {
                        self.tracks_lock().remove(&send_id);
                        self.accepted(track.req, send, a).await;
                    }
                    Ok(None) => {
                        self.tracks_lock().remove(&send_id);
                        self.failed(
                            track.req,
                            send,
                            FailureKind::Interrupted,
                            "mde-triage stopped while this action was being sent, and the service \
                             has no such action: it was not created, and it is not sent again \
                             unless you retry"
                                .into(),
                        )
                        .await;
                    }
                    Err(_) => self.postpone(send_id, None),
                }
            }
        }
    }
}
