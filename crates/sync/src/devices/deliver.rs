//! Delivering one response action, shared by the console's sync task and the command line:
//! record it, send it once, and after a lost answer look it up on the service — the action is
//! never sent a second time unless the lookup found nothing and someone asks again (`retry`,
//! which looks first too). Every step lands in the store and its audit log.

use super::api::{DevicesApi, SendError};
use super::lookup::{Purpose, pick};
use crate::api::ApiFailure;
use crate::blocking::on_store;
use mde_model::Timestamp;
use mde_model::device::{
    ActionFailure, ActionRequest, ActionSend, FailureKind, MachineAction, SendState,
};
use mde_store::Store;
use std::time::Duration;

/// How many recent actions of the type a lookup reads.
const LOOKUP_DEPTH: u32 = 10;

/// How a delivery ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Delivered {
    /// The service holds the action (from its answer, or found by the lookup).
    Accepted(ActionSend, Box<MachineAction>),
    /// It did not take effect.
    Failed(ActionSend, ActionFailure),
}

/// Records a confirmed request (state `sending`, audited) before anything is sent.
pub async fn begin(store: &Store, request: ActionRequest) -> Result<ActionSend, ActionFailure> {
    request.validate().map_err(|message| ActionFailure {
        kind: FailureKind::Invalid,
        message,
    })?;
    let started = Timestamp::now();
    let r = request.clone();
    let send_id = on_store(store, move |s| s.begin_send(&r, started))
        .await
        .map_err(|e| ActionFailure {
            kind: FailureKind::Invalid,
            message: format!("the action could not be recorded locally, so it was not sent: {e}"),
        })?;
    Ok(ActionSend {
        send_id,
        request,
        started,
        state: SendState::Sending,
    })
}

/// Searches the service for the action a send is about.
pub async fn lookup<A: DevicesApi>(
    api: &A,
    request: &ActionRequest,
    since: Timestamp,
    skew: Duration,
    purpose: Purpose,
) -> Result<Option<MachineAction>, ApiFailure> {
    let recent = api
        .actions_of(
            &request.machine_id,
            &request.action.action_type(),
            LOOKUP_DEPTH,
        )
        .await?;
    Ok(pick(&recent, request, since, skew, purpose))
}

/// Sends a recorded request once; `attempt_started` bounds the lookup after a lost answer.
pub async fn deliver<A: DevicesApi>(
    api: &A,
    store: &Store,
    send: ActionSend,
    attempt_started: Timestamp,
    skew: Duration,
) -> Delivered {
    match api.run_action(&send.request).await {
        Ok(a) => accept(store, send, a).await,
        Err(SendError::Lost(why)) => {
            tracing::warn!(send_id = send.send_id, error = %why, "answer lost; looking the action up");
            match lookup(
                api,
                &send.request,
                attempt_started,
                skew,
                Purpose::LostAnswer,
            )
            .await
            {
                Ok(Some(a)) => {
                    tracing::info!(send_id = send.send_id, action = %a.id, "found after a lost answer; not resent");
                    accept(store, send, a).await
                }
                Ok(None) => {
                    let message = format!(
                        "the answer was lost ({why}) and the service has no such action: it was not created"
                    );
                    fail(store, send, FailureKind::Lost, message).await
                }
                Err(e) => {
                    let message = format!(
                        "the answer was lost ({why}) and the service could not be asked whether the action \
                         was created ({e}); it was not sent again, and a retry checks first"
                    );
                    fail(store, send, FailureKind::Lost, message).await
                }
            }
        }
        Err(SendError::Failed(f)) => {
            let message = match f.kind {
                FailureKind::AlreadyPending => describe_pending(api, store, &send.request)
                    .await
                    .unwrap_or(f.message),
                _ => f.message,
            };
            fail(store, send, f.kind, message).await
        }
    }
}

/// What a retry comes to.
#[derive(Debug, Clone, PartialEq)]
pub enum RetryPlan {
    /// Settled without sending: the action is already on the service, or the retry was refused.
    Done(Delivered),
    /// Nothing on the service does the job: send this (back in state `sending`) with `deliver`.
    Resend(ActionSend),
}

/// Before a failed send is sent again: looks on the service for an action that already does
/// the job; only if there is none is it put back to `sending` for one more `deliver`.
pub async fn plan_retry<A: DevicesApi>(
    api: &A,
    store: &Store,
    send: ActionSend,
    skew: Duration,
) -> RetryPlan {
    if !send.can_retry() {
        let failure = ActionFailure {
            kind: FailureKind::Invalid,
            message: format!(
                "{} on {} cannot be retried now",
                send.request.action.name(),
                send.request.device_label()
            ),
        };
        return RetryPlan::Done(Delivered::Failed(send, failure));
    }
    match lookup(api, &send.request, send.started, skew, Purpose::Retry).await {
        Ok(Some(a)) => {
            tracing::info!(send_id = send.send_id, action = %a.id, "retry: already on the service; not resent");
            RetryPlan::Done(accept(store, send, a).await)
        }
        Ok(None) => {
            let id = send.send_id;
            match on_store(store, move |s| s.retry_send(id)).await {
                Ok(resent) => RetryPlan::Resend(resent),
                Err(e) => {
                    let f = ActionFailure {
                        kind: FailureKind::Invalid,
                        message: e.to_string(),
                    };
                    RetryPlan::Done(Delivered::Failed(send, f))
                }
            }
        }
        Err(e) => {
            let message = format!(
                "could not check whether the action is already on the service ({e}); it was not sent again"
            );
            RetryPlan::Done(fail(store, send, FailureKind::Unavailable, message).await)
        }
    }
}

/// "An isolation is already pending (sent by … at …)", when the service shows it.
async fn describe_pending<A: DevicesApi>(
    api: &A,
    store: &Store,
    request: &ActionRequest,
) -> Option<String> {
    let recent = api
        .actions_of(
            &request.machine_id,
            &request.action.action_type(),
            LOOKUP_DEPTH,
        )
        .await
        .ok()?;
    let open = recent.iter().find(|a| !a.status.is_terminal())?.clone();
    let keep = vec![open.clone()];
    let _ = on_store(store, move |s| s.upsert_machine_actions(&keep)).await;
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

/// Records that the service holds the action (and caches it).
pub async fn accept(store: &Store, send: ActionSend, action: MachineAction) -> Delivered {
    let id = send.send_id;
    let a = action.clone();
    let stored = on_store(store, move |s| {
        s.upsert_machine_actions(std::slice::from_ref(&a))?;
        s.send_progress(id, &a)
    })
    .await;
    match stored {
        Ok(s) => Delivered::Accepted(s, Box::new(action)),
        Err(e) => {
            tracing::error!(send_id = id, error = %e, "response action not recorded");
            let state = SendState::Accepted {
                action_id: action.id.clone(),
                status: action.status.clone(),
            };
            Delivered::Accepted(ActionSend { state, ..send }, Box::new(action))
        }
    }
}

/// Records that the send did not take effect.
pub async fn fail(
    store: &Store,
    send: ActionSend,
    kind: FailureKind,
    message: String,
) -> Delivered {
    let failure = ActionFailure { kind, message };
    let (id, f) = (send.send_id, failure.clone());
    match on_store(store, move |s| s.send_failed(id, &f)).await {
        Ok(s) => Delivered::Failed(s, failure),
        Err(e) => {
            let failure = ActionFailure {
                message: format!("{} (and not recorded: {e})", failure.message),
                ..failure
            };
            Delivered::Failed(
                ActionSend {
                    state: SendState::Failed(failure.clone()),
                    ..send
                },
                failure,
            )
        }
    }
}
