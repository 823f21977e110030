//! `Effect::LoadDevice`: the cached device at once, then the service's (machine and its recent
//! actions: two calls, within the polling budget unless nothing is cached), and the watched
//! device's refresh on each poll.

use super::context::same_view;
use super::{ACTIONS_SHOWN, DeviceDesk, DevicesApi};
use crate::api::ApiFailure;
use crate::blocking::on_store;
use mde_model::device::{DeviceSubject, MachineAction, is_machine_id};
use mde_model::protocol::{Msg, RequestId};

impl<A: DevicesApi> DeviceDesk<A> {
    /// Answers a `LoadDevice`.
    pub(super) async fn load(&self, req: RequestId, subject: DeviceSubject) {
        let id = match self.resolve(&subject).await {
            Ok(id) => id,
            Err(error) => {
                self.send(Msg::DeviceFailed { req, error }).await;
                return;
            }
        };
        {
            let mut w = self.watched_lock();
            if let Some(w) = w.as_mut().filter(|w| w.req == req) {
                w.machine_id = Some(id.clone());
            }
        }
        let cached = self.cached_context(&id, true).await;
        if let Some(c) = &cached {
            self.send(Msg::DeviceLoaded {
                req,
                device: Box::new(c.clone()),
            })
            .await;
        }
        // The budget decides, except when there is nothing to show yet.
        if self.take_budget(2).await.is_err() && cached.is_some() {
            return;
        }
        match self.fetch(&id).await {
            Ok(()) => {
                if let Some(fresh) = self.cached_context(&id, false).await
                    && cached
                        .as_ref()
                        .is_none_or(|c| !same_view(c, &fresh) || c.from_cache)
                {
                    self.send(Msg::DeviceLoaded {
                        req,
                        device: Box::new(fresh),
                    })
                    .await;
                }
            }
            Err(e) if cached.is_none() => {
                self.send(Msg::DeviceFailed {
                    req,
                    error: e.to_string(),
                })
                .await;
            }
            Err(e) => {
                let error = format!("device {id}: {e}");
                self.board.publish(|s| s.error = Some(error)).await;
            }
        }
    }

    /// The machine id of a subject: the alert's `machineId` from the cache, else the service.
    async fn resolve(&self, subject: &DeviceSubject) -> Result<String, String> {
        match subject {
            DeviceSubject::Machine { machine_id } if is_machine_id(machine_id) => {
                Ok(machine_id.clone())
            }
            DeviceSubject::Machine { machine_id } => {
                // A name: the cache, else the service (it takes names too).
                let name = machine_id.clone();
                if let Ok(Some(m)) = on_store(&self.store, move |s| s.cached_machine(&name)).await {
                    return Ok(m.machine.id);
                }
                let (m, raw) = self
                    .api
                    .machine(machine_id)
                    .await
                    .map_err(|e| e.to_string())?;
                let id = m.id.clone();
                let _ = on_store(&self.store, move |s| s.upsert_machine(&m, &raw)).await;
                Ok(id)
            }
            DeviceSubject::Alert { alert_id } => {
                let aid = alert_id.clone();
                let cached = on_store(&self.store, move |s| s.get(&aid)).await;
                if let Ok(Some(p)) = cached
                    && let Some(id) = p.alert.machine_id.filter(|m| !m.is_empty())
                {
                    return Ok(id);
                }
                match self.api.alert_machine(alert_id).await {
                    Ok((m, raw)) => {
                        let id = m.id.clone();
                        let _ = on_store(&self.store, move |s| s.upsert_machine(&m, &raw)).await;
                        Ok(id)
                    }
                    Err(ApiFailure::NotFound { .. }) => {
                        Err(format!("alert {alert_id} has no device"))
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
        }
    }

    /// Fetches the machine and its recent actions into the cache; our sends whose action moved
    /// on are updated and reported on the way.
    pub(super) async fn fetch(&self, id: &str) -> Result<(), ApiFailure> {
        let (m, raw) = self.api.machine(id).await?;
        let actions = self.api.device_actions(id, ACTIONS_SHOWN as u32).await?;
        let keep = actions.clone();
        let stored = on_store(&self.store, move |s| {
            s.upsert_machine(&m, &raw)?;
            s.upsert_machine_actions(&keep)
        })
        .await;
        if let Err(e) = stored {
            self.send(Msg::Warning(format!("device cache not updated: {e}")))
                .await;
        }
        self.reconcile(&actions).await;
        Ok(())
    }

    /// Our tracked sends whose action appears in `actions` with a new status.
    async fn reconcile(&self, actions: &[MachineAction]) {
        let moved: Vec<(i64, MachineAction)> = {
            let tracks = self.tracks_lock();
            tracks
                .iter()
                .filter_map(|(send_id, t)| {
                    let a = actions.iter().find(|a| Some(&a.id) == t.action_id())?;
                    (Some(&a.status) != t.last_status()).then(|| (*send_id, a.clone()))
                })
                .collect()
        };
        for (send_id, a) in moved {
            self.progressed(send_id, a).await;
        }
    }

    /// The watched device, fetched again if the budget allows.
    pub(super) async fn poll_watched(&self) {
        let watched = self.watched_lock().clone();
        let Some(w) = watched else {
            return;
        };
        let Some(id) = w.machine_id else {
            return;
        };
        if self.take_budget(2).await.is_err() {
            return;
        }
        let before = self.cached_context(&id, false).await;
        match self.fetch(&id).await {
            Ok(()) => {
                if let Some(now) = self.cached_context(&id, false).await
                    && before.as_ref().is_none_or(|b| !same_view(b, &now))
                    && self.watched_lock().as_ref().is_some_and(|x| x.req == w.req)
                {
                    self.send(Msg::DeviceLoaded {
                        req: w.req,
                        device: Box::new(now),
                    })
                    .await;
                }
            }
            Err(e) => {
                let error = format!("device {id}: {e}");
                self.board.publish(|s| s.error = Some(error)).await;
            }
        }
    }
}
