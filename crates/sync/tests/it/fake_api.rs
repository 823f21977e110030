//! An in-memory `AlertsApi` for unit tests, with scripted failures before or after a write lands.

use mde_model::protocol::TriageChange;
use mde_model::{Alert, Comment, Page, ParsedAlert, Timestamp, parse_alert};
use mde_sync::{AlertsApi, ApiFailure, Selection};
use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;

/// What the next call of a kind does instead of succeeding.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Fails without effect.
    Before(ApiFailure),
    /// The write lands, then the answer is lost.
    After(ApiFailure),
}

#[derive(Default)]
pub struct State {
    pub alerts: BTreeMap<String, Alert>,
    pub clock: i64,
    pub write_faults: VecDeque<Fault>,
    pub get_faults: VecDeque<ApiFailure>,
    /// The list call with this number (1 is the first) fails with the failure.
    pub list_fault: Option<(u32, ApiFailure)>,
    pub list_calls: u32,
    pub writes: u32,
    pub batch_calls: u32,
}

#[derive(Default)]
pub struct FakeApi {
    pub state: Mutex<State>,
}

pub const ME: &str = "analyst@contoso.com";

impl FakeApi {
    pub fn with_alerts(ids: &[&str]) -> Self {
        let f = FakeApi::default();
        for id in ids {
            let mut a = Alert::new(*id, format!("alert {id}"));
            a.last_update_time = Some(f.tick());
            f.state.lock().unwrap().alerts.insert(id.to_string(), a);
        }
        f
    }

    pub fn tick(&self) -> Timestamp {
        // Strictly increasing and close to now, like the service's clock.
        let mut s = self.state.lock().unwrap();
        s.clock = (s.clock + 1).max(chrono::Utc::now().timestamp_micros());
        Timestamp(chrono::DateTime::from_timestamp_micros(s.clock).unwrap())
    }

    pub fn alert(&self, id: &str) -> Alert {
        self.state.lock().unwrap().alerts[id].clone()
    }

    /// Someone else changes the alert on the server.
    pub fn touch(&self, id: &str) {
        let t = self.tick();
        self.state
            .lock()
            .unwrap()
            .alerts
            .get_mut(id)
            .unwrap()
            .last_update_time = Some(t);
    }

    fn parsed(a: &Alert) -> ParsedAlert {
        parse_alert(&serde_json::to_string(a).unwrap()).unwrap()
    }

    fn apply(&self, id: &str, change: &TriageChange) -> Result<Alert, ApiFailure> {
        let t = self.tick();
        let mut s = self.state.lock().unwrap();
        s.writes += 1;
        let a = s.alerts.get_mut(id).ok_or(ApiFailure::NotFound {
            message: id.to_string(),
        })?;
        if let Some(v) = &change.status {
            a.status = v.clone();
        }
        if let Some(v) = &change.assigned_to {
            a.assigned_to = Some(v.clone());
        }
        if let Some(c) = &change.comment {
            a.comments.push(Comment {
                comment: c.clone(),
                created_by: Some(ME.into()),
                created_time: Some(Timestamp::now()),
            });
        }
        a.last_update_time = Some(t);
        Ok(a.clone())
    }

    fn write_fault(&self) -> Option<Fault> {
        self.state.lock().unwrap().write_faults.pop_front()
    }
}

// A service without devices: the device side answers that it has none.
impl mde_sync::DevicesApi for FakeApi {}

impl AlertsApi for FakeApi {
    async fn list_alerts(
        &self,
        selection: Selection,
        skip: usize,
        top: usize,
    ) -> Result<Page, ApiFailure> {
        let mut s = self.state.lock().unwrap();
        s.list_calls += 1;
        if let Some((n, f)) = &s.list_fault
            && *n == s.list_calls
        {
            return Err(f.clone());
        }
        let alerts = s
            .alerts
            .values()
            .filter(|a| selection.matches(a))
            .skip(skip)
            .take(top)
            .map(FakeApi::parsed)
            .collect();
        Ok(Page {
            alerts,
            ..Page::default()
        })
    }

    async fn get_alert(&self, id: &str) -> Result<ParsedAlert, ApiFailure> {
        let mut s = self.state.lock().unwrap();
        if let Some(f) = s.get_faults.pop_front() {
            return Err(f);
        }
        s.alerts
            .get(id)
            .map(FakeApi::parsed)
            .ok_or(ApiFailure::NotFound {
                message: id.to_string(),
            })
    }

    async fn update_alert(
        &self,
        id: &str,
        change: &TriageChange,
    ) -> Result<ParsedAlert, ApiFailure> {
        match self.write_fault() {
            Some(Fault::Before(e)) => Err(e),
            Some(Fault::After(e)) => {
                self.apply(id, change)?;
                Err(e)
            }
            None => self.apply(id, change).map(|a| FakeApi::parsed(&a)),
        }
    }

    async fn batch_update(&self, ids: &[String], change: &TriageChange) -> Result<(), ApiFailure> {
        self.state.lock().unwrap().batch_calls += 1;
        let fault = self.write_fault();
        if let Some(Fault::Before(e)) = fault {
            return Err(e);
        }
        for id in ids {
            self.apply(id, change)?;
        }
        match fault {
            Some(Fault::After(e)) => Err(e),
            _ => Ok(()),
        }
    }

    fn identity(&self) -> Option<String> {
        Some(ME.into())
    }
}
