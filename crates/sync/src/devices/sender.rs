//! Sending a confirmed action: recorded first (so a crash mid-send is looked up at the next
//! start), sent once, and after a lost answer looked up on the service — never sent a second time
//! unless the lookup found nothing and the analyst asks again (`RetryAction`, which looks first).

use super::api::SendError;
use super::lookup::{Purpose, pick};
use super::tracker::Next;
use super::{DeviceDesk, DevicesApi};
use crate::api::ApiFailure;
use crate::blocking::on_store;
use mde_model::Timestamp;
use mde_model::device::{
    ActionFailure, ActionRequest, ActionSend, FailureKind, MachineAction, SendState,
};
use mde_model::protocol::{Msg, RequestId};

/// How many recent actions of the type a lookup reads.
const LOOKUP_DEPTH: u32 = 10;

impl<A: DevicesApi> DeviceDesk<A> {
    /// Answers a `RunAction`.
    pub(super) async fn run(&self, req: RequestId, request: ActionRequest) {
        if let Err(message) = request.validate() {
            self.refuse(req, FailureKind::Invalid, message).await;
            return;
        }
        let started = Timestamp::now();
        let r = request.clone();
        let send_id = match on_store(&self.store, move |s| s.begin_send(&r, started)).await {
            Ok(id) => id,
            Err(e) => {
                let message =
                    format!("the action could not be recorded locally, so it was not sent: {e}");
                self.refuse(req, FailureKind::Invalid, message).await;
                return;
            }
        };
        let send = ActionSend {
            send_id,
            request,
            started,
            state: SendState::Sending,
        };
        self.send(Msg::ActionUpdated {
            req,
            send: Box::new(send.clone()),
        })
        .await;
        self.attempt(req, send, started).await;
    }

    /// Answers a `RetryAction`: looks first, sends only if nothing on the service does the job.
    pub(super) async fn retry(&self, req: RequestId, send_id: i64) {
        let send = match on_store(&self.store, move |s| s.send(send_id)).await {
            Ok(Some(s)) => s,
            Ok(None) => {
                self.refuse(
                    req,
                    FailureKind::Invalid,
                    format!("no response action {send_id} to retry"),
                )
                .await;
                return;
            }
            Err(e) => {
                self.refuse(req, FailureKind::Invalid, e.to_string()).await;
                return;
            }
        };
        if !send.can_retry() {
            let failure = ActionFailure {
                kind: FailureKind::Invalid,
                message: format!(
                    "{} on {} cannot be retried now",
                    send.request.action.name(),
                    send.request.device_label()
                ),
            };
            self.send(Msg::ActionFailed {
                req,
                send: Some(Box::new(send)),
                action_id: None,
                failure,
            })
            .await;
            return;
        }
        match self
            .lookup(&send.request, send.started, Purpose::Retry)
            .await
        {
            Ok(Some(a)) => {
                tracing::info!(send_id, action = %a.id, "retry: the action is already on the service; not resent");
                self.accepted(req, send_id, send.started, a).await;
            }
            Ok(None) => {
                let resent = match on_store(&self.store, move |s| s.retry_send(send_id)).await {
                    Ok(s) => s,
                    Err(e) => {
                        self.refuse(req, FailureKind::Invalid, e.to_string()).await;
                        return;
                    }
                };
                self.send(Msg::ActionUpdated {
                    req,
                    send: Box::new(resent.clone()),
                })
                .await;
                self.attempt(req, resent, Timestamp::now()).await;
            }
            Err(e) => {
                let message = format!(
                    "could not check whether the action is already on the service ({e}); it was not sent again"
                );
                self.failed(req, send_id, FailureKind::Unavailable, message)
                    .await;
            }
        }
    }

    /// One send of a recorded action; `attempt_started` bounds the lookup after a lost answer.
    async fn attempt(&self, req: RequestId, send: ActionSend, attempt_started: Timestamp) {
        let id = send.send_id;
        match self.api.run_action(&send.request).await {
            Ok(a) => self.accepted(req, id, send.started, a).await,
            Err(SendError::Lost(why)) => {
                tracing::warn!(send_id = id, error = %why, "answer lost; looking the action up");
                match self
                    .lookup(&send.request, attempt_started, Purpose::LostAnswer)
                    .await
                {
                    Ok(Some(a)) => {
                        tracing::info!(send_id = id, action = %a.id, "found after a lost answer; not resent");
                        self.accepted(req, id, send.started, a).await;
                    }
                    Ok(None) => {
                        let message = format!(
                            "the answer was lost ({why}) and the service has no such action: it was not created"
                        );
                        self.failed(req, id, FailureKind::Lost, message).await;
                    }
                    Err(e) => {
                        let message = format!(
                            "the answer was lost ({why}) and the service could not be asked whether the action \
                             was created ({e}); it was not sent again, and a retry checks first"
                        );
                        self.failed(req, id, FailureKind::Lost, message).await;
                    }
                }
            }
            Err(SendError::Failed(f)) => {
                let message = match f.kind {
                    FailureKind::AlreadyPending => self
                        .describe_pending(&send.request)
                        .await
                        .unwrap_or(f.message),
                    _ => f.message,
                };
                self.failed(req, id, f.kind, message).await;
            }
        }
    }

    /// Searches the service for the action a send is about.
    pub(super) async fn lookup(
        &self,
        request: &ActionRequest,
        since: Timestamp,
        purpose: Purpose,
    ) -> Result<Option<MachineAction>, ApiFailure> {
        let t = request.action.action_type();
        let recent = self
            .api
            .actions_of(&request.machine_id, &t, LOOKUP_DEPTH)
            .await?;
        Ok(pick(
            &recent,
            request,
            since,
            self.config.clock_skew,
            purpose,
        ))
    }

    /// "An isolation is already pending (sent by … at …)", when the service shows it.
    async fn describe_pending(&self, request: &ActionRequest) -> Option<String> {
        let recent = self
            .api
            .actions_of(
                &request.machine_id,
                &request.action.action_type(),
                LOOKUP_DEPTH,
            )
            .await
            .ok()?;
        let open = recent.iter().find(|a| !a.status.is_terminal())?;
        let _ = on_store(&self.store, {
            let keep = vec![open.clone()];
            move |s| s.upsert_machine_actions(&keep)
        })
        .await;
        Some(format!(
            "{} is already pending on {} ({}, sent by {} at {}); it was not sent again",
            request.action.name(),
            request.device_label(),
            open.status,
            open.requestor.as_deref().unwrap_or("someone"),
            open.creation_date_time_utc
                .map(|t| t.to_wire())
                .unwrap_or_else(|| "an unknown time".into())
        ))
    }

    /// The service holds the action: record, report, follow it until it is final.
    pub(super) async fn accepted(
        &self,
        req: RequestId,
        send_id: i64,
        started: Timestamp,
        action: MachineAction,
    ) {
        let a = action.clone();
        let stored = on_store(&self.store, move |s| {
            s.upsert_machine_actions(std::slice::from_ref(&a))?;
            s.send_progress(send_id, &a)
        })
        .await;
        let send = match stored {
            Ok(s) => s,
            Err(e) => {
                self.send(Msg::Warning(format!("response action not recorded: {e}")))
                    .await;
                return;
            }
        };
        let machine = send.request.machine_id.clone();
        self.send(Msg::ActionUpdated {
            req,
            send: Box::new(send),
        })
        .await;
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
                self.send(Msg::ActionUpdated {
                    req,
                    send: Box::new(send),
                })
                .await;
                self.refresh_watched(&machine).await;
            }
            Err(e) => {
                self.send(Msg::Warning(format!("response action not recorded: {e}")))
                    .await
            }
        }
    }

    /// The send did not take effect: record, report.
    pub(super) async fn failed(
        &self,
        req: RequestId,
        send_id: i64,
        kind: FailureKind,
        message: String,
    ) {
        let failure = ActionFailure { kind, message };
        let f = failure.clone();
        match on_store(&self.store, move |s| s.send_failed(send_id, &f)).await {
            Ok(send) => {
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
            Err(e) => {
                self.send(Msg::ActionFailed {
                    req,
                    send: None,
                    action_id: None,
                    failure: ActionFailure {
                        message: format!("{} (and not recorded: {e})", failure.message),
                        ..failure
                    },
                })
                .await;
            }
        }
    }

    /// Refused before anything was recorded or sent.
    async fn refuse(&self, req: RequestId, kind: FailureKind, message: String) {
        self.send(Msg::ActionFailed {
            req,
            send: None,
            action_id: None,
            failure: ActionFailure { kind, message },
        })
        .await;
    }
}
