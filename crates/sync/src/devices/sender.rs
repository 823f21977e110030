//! The console's side of sending: `RunAction` and `RetryAction` delivered (see `deliver`), each
//! step reported as `ActionUpdated`/`ActionFailed`, accepted actions handed to the tracker.

use super::deliver::{self, Delivered, RetryPlan};
use super::tracker::Next;
use super::{DeviceDesk, DevicesApi};
use crate::blocking::on_store;
use mde_model::device::{ActionFailure, ActionRequest, ActionSend, FailureKind, MachineAction};
use mde_model::protocol::{Msg, RequestId};

impl<A: DevicesApi> DeviceDesk<A> {
    /// Answers a `RunAction`.
    pub(super) async fn run(&self, req: RequestId, request: ActionRequest) {
        let send = match deliver::begin(&self.store, request).await {
            Ok(s) => s,
            Err(failure) => return self.refuse(req, failure).await,
        };
        self.updated(req, send.clone()).await;
        let started = send.started;
        let d = deliver::deliver(
            &*self.api,
            &self.store,
            send,
            started,
            self.config.clock_skew,
        )
        .await;
        self.report(req, d).await;
    }

    /// Answers a `RetryAction`: looks first, sends only if nothing on the service does the job.
    pub(super) async fn retry(&self, req: RequestId, send_id: i64) {
        let send = match on_store(&self.store, move |s| s.send(send_id)).await {
            Ok(Some(s)) => s,
            Ok(None) => {
                let message = format!("no response action {send_id} to retry");
                return self
                    .refuse(
                        req,
                        ActionFailure {
                            kind: FailureKind::Invalid,
                            message,
                        },
                    )
                    .await;
            }
            Err(e) => {
                let message = e.to_string();
                return self
                    .refuse(
                        req,
                        ActionFailure {
                            kind: FailureKind::Invalid,
                            message,
                        },
                    )
                    .await;
            }
        };
        match deliver::plan_retry(&*self.api, &self.store, send, self.config.clock_skew).await {
            RetryPlan::Done(d) => self.report(req, d).await,
            RetryPlan::Resend(resent) => {
                self.updated(req, resent.clone()).await;
                let now = mde_model::Timestamp::now();
                let d =
                    deliver::deliver(&*self.api, &self.store, resent, now, self.config.clock_skew)
                        .await;
                self.report(req, d).await;
            }
        }
    }

    async fn updated(&self, req: RequestId, send: ActionSend) {
        self.send(Msg::ActionUpdated {
            req,
            send: Box::new(send),
        })
        .await;
    }

    /// Reports how a delivery ended and follows an accepted action.
    async fn report(&self, req: RequestId, d: Delivered) {
        match d {
            Delivered::Accepted(send, action) => self.accepted_send(req, send, *action).await,
            Delivered::Failed(send, failure) => {
                let machine = send.request.machine_id.clone();
                self.send(Msg::ActionFailed {
                    req,
                    send: Some(Box::new(send)),
                    action_id: None,
                    failure,
                })
                .await;
                self.refresh_watched(&machine).await;
            }
        }
    }

    async fn accepted_send(&self, req: RequestId, send: ActionSend, action: MachineAction) {
        let machine = send.request.machine_id.clone();
        let (send_id, started) = (send.send_id, send.started);
        self.updated(req, send).await;
        if !action.status.is_terminal() {
            self.track(
                req,
                send_id,
                started,
                Next::Poll {
                    action_id: action.id,
                    status: action.status,
                },
            );
        }
        self.refresh_watched(&machine).await;
    }

    /// The service holds the action a lookup found for `send_id` (after a restart).
    pub(super) async fn accepted(&self, req: RequestId, send: ActionSend, action: MachineAction) {
        let d = deliver::accept(&self.store, send, action).await;
        self.report(req, d).await;
    }

    /// The send did not take effect.
    pub(super) async fn failed(
        &self,
        req: RequestId,
        send: ActionSend,
        kind: FailureKind,
        message: String,
    ) {
        let d = deliver::fail(&self.store, send, kind, message).await;
        self.report(req, d).await;
    }

    /// The action moved on: record, report, stop following it once final.
    pub(super) async fn progressed(&self, send_id: i64, action: MachineAction) {
        let req = {
            let mut tracks = self.tracks_lock();
            let req = tracks.get(&send_id).map_or(0, |t| t.req);
            if action.status.is_terminal() {
                tracks.remove(&send_id);
            } else if let Some(t) = tracks.get_mut(&send_id)
                && let Next::Poll { status, .. } = &mut t.next
            {
                *status = action.status.clone();
                t.due = tokio::time::Instant::now() + t.delay;
                t.delay = (t.delay * 2).min(self.config.action_poll_max);
            }
            req
        };
        let a = action.clone();
        let stored = on_store(&self.store, move |s| {
            s.upsert_machine_actions(std::slice::from_ref(&a))?;
            s.send_progress(send_id, &a)
        })
        .await;
        match stored {
            Ok(send) => {
                let machine = send.request.machine_id.clone();
                self.updated(req, send).await;
                self.refresh_watched(&machine).await;
            }
            Err(e) => {
                self.send(Msg::Warning(format!("response action not recorded: {e}")))
                    .await
            }
        }
    }

    /// Refused before anything was recorded or sent.
    async fn refuse(&self, req: RequestId, failure: ActionFailure) {
        self.send(Msg::ActionFailed {
            req,
            send: None,
            action_id: None,
            failure,
        })
        .await;
    }
}
