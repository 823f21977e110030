//! The device context as the store has it: machine, actions, the state they imply, our sends.

use super::{ACTIONS_SHOWN, DeviceDesk, DevicesApi, SENDS_SHOWN};
use crate::blocking::on_store;
use mde_model::device::{DeviceContext, derive_state};
use mde_model::protocol::Msg;

impl<A: DevicesApi> DeviceDesk<A> {
    /// The context of a cached device (None when the machine is not cached).
    pub(super) async fn cached_context(
        &self,
        machine_id: &str,
        from_cache: bool,
    ) -> Option<DeviceContext> {
        let granted = self.api.granted().await;
        let id = machine_id.to_string();
        let read = on_store(&self.store, move |s| {
            let Some(m) = s.cached_machine(&id)? else {
                return Ok(None);
            };
            let actions = s.cached_machine_actions(&m.machine.id, ACTIONS_SHOWN)?;
            let sends = s.sends_for(&m.machine.id, SENDS_SHOWN)?;
            Ok(Some((m, actions, sends)))
        })
        .await;
        match read {
            Ok(Some((m, actions, sends))) => Some(DeviceContext {
                state: derive_state(&actions),
                machine: m.machine,
                actions,
                sends,
                fetched_at: m.fetched,
                from_cache,
                granted,
            }),
            Ok(None) => None,
            Err(e) => {
                self.send(Msg::Warning(format!("device cache unreadable: {e}")))
                    .await;
                None
            }
        }
    }

    /// Sends the watched device's context again if it is `machine_id` (after one of its actions
    /// changed), from the cache: no call is made.
    pub(super) async fn refresh_watched(&self, machine_id: &str) {
        let watched = self.watched_lock().clone();
        let Some(w) = watched.filter(|w| w.machine_id.as_deref() == Some(machine_id)) else {
            return;
        };
        if let Some(ctx) = self.cached_context(machine_id, false).await {
            self.send(Msg::DeviceLoaded {
                req: w.req,
                device: Box::new(ctx),
            })
            .await;
        }
    }
}

/// True when two contexts show the same thing (when they were fetched aside).
pub(super) fn same_view(a: &DeviceContext, b: &DeviceContext) -> bool {
    a.machine == b.machine && a.actions == b.actions && a.sends == b.sends && a.granted == b.granted
}
