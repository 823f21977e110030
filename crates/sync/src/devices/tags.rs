//! Device tags: one call, audited like the response actions, never queued or replayed (the
//! analyst sees the answer and can ask again). The machine the service answers replaces the
//! cached one, so the panel and the next load show the tags as they are now.

use super::{DeviceDesk, DevicesApi};
use crate::blocking::on_store;
use mde_model::device::TagRequest;
use mde_model::protocol::{Msg, RequestId};
use serde_json::json;

impl<A: DevicesApi> DeviceDesk<A> {
    /// Answers a `TagDevice`.
    pub(super) async fn tag(&self, req: RequestId, request: TagRequest) {
        if let Err(error) = request.validate() {
            self.send(Msg::DeviceTagFailed { req, error }).await;
            return;
        }
        let result = self
            .api
            .tag_machine(&request.machine_id, &request.tag, request.add)
            .await;
        let alerts: Vec<String> = request.alert_id.iter().cloned().collect();
        let detail = json!({
            "machineId": request.machine_id,
            "device": request.device_name,
            "tag": request.tag,
            "action": request.verb(),
            "result": match &result {
                Ok((m, _)) => format!("tags now {:?}", m.machine_tags),
                Err(e) => e.to_string(),
            },
        });
        let _ = on_store(&self.store, move |s| {
            s.audit_response("device-tag", &alerts, &detail)
        })
        .await;
        match result {
            Ok((machine, raw)) => {
                let keep = machine.clone();
                let _ = on_store(&self.store, move |s| s.upsert_machine(&keep, &raw)).await;
                self.send(Msg::DeviceTagged {
                    req,
                    machine: Box::new(machine),
                })
                .await;
            }
            Err(e) => {
                self.send(Msg::DeviceTagFailed {
                    req,
                    error: e.to_string(),
                })
                .await
            }
        }
    }
}
