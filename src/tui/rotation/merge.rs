//! `--all-profiles`: several tenants' sync sessions behind one console, as pure bookkeeping.
//! Rows are tagged with their profile; an alert's effects go to the tenant it came from; outbox
//! ids (each store counts its own) are renumbered so they never collide; a complete answer from
//! one tenant replaces only that tenant's rows; a bulk write across tenants is refused (one
//! subject per action).

use mde_model::AlertRow;
use mde_model::protocol::{Effect, Msg, SyncStatus};
use std::collections::HashMap;

/// What to do with an effect.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    /// Send to every tenant.
    All(Effect),
    /// Send to one tenant.
    One(usize, Effect),
    /// Answer the console at once.
    Reply(Msg),
    /// Not for the tenants (export, handoff, profile switch): the router's own.
    Router(Effect),
}

/// The merger's state.
#[derive(Debug, Default)]
pub struct Merger {
    names: Vec<String>,
    rows: Vec<HashMap<String, AlertRow>>,
    owner: HashMap<String, usize>,
    status: Vec<Option<SyncStatus>>,
    outbox: HashMap<i64, (usize, i64)>,
    outbox_back: HashMap<(usize, i64), i64>,
    next_outbox: i64,
    read_only: Vec<bool>,
}

impl Merger {
    /// A merger for these profiles (index = tenant key).
    pub fn new(names: Vec<String>) -> Self {
        let n = names.len();
        Merger {
            names,
            rows: vec![HashMap::new(); n],
            status: vec![None; n],
            next_outbox: 1,
            ..Merger::default()
        }
    }

    /// Marks the tenants whose writes are refused (their profiles are read-only).
    pub fn with_read_only(mut self, read_only: Vec<bool>) -> Self {
        self.read_only = read_only;
        self
    }

    /// The tenant an alert belongs to.
    pub fn tenant_of(&self, alert_id: &str) -> Option<usize> {
        self.owner.get(alert_id).copied()
    }

    /// The profile name of a tenant key.
    pub fn name(&self, tenant: usize) -> &str {
        self.names.get(tenant).map(String::as_str).unwrap_or("?")
    }

    /// Where an effect goes.
    pub fn route(&self, effect: Effect) -> Route {
        match effect {
            Effect::Start { .. }
            | Effect::Refresh { .. }
            | Effect::SetPolling { .. }
            | Effect::RetryOutbox => Route::All(effect),
            Effect::LoadDetail { req, ref alert_id } => match self.tenant_of(alert_id) {
                Some(t) => Route::One(t, effect),
                None => Route::Reply(Msg::DetailFailed {
                    req,
                    error: format!("alert {alert_id} belongs to no open tenant"),
                }),
            },
            Effect::SaveDraft { ref alert_id, .. } => match self.tenant_of(alert_id) {
                Some(t) => Route::One(t, effect),
                None => Route::Reply(Msg::Warning(
                    "draft not saved: its alert belongs to no open tenant".into(),
                )),
            },
            Effect::Write { ref write, .. } => {
                let mut tenants: Vec<usize> = write
                    .alert_ids
                    .iter()
                    .filter_map(|id| self.tenant_of(id))
                    .collect();
                tenants.sort_unstable();
                tenants.dedup();
                match tenants.as_slice() {
                    [t] if self.read_only.get(*t).copied().unwrap_or(false) => {
                        Route::Reply(Msg::WriteFailed {
                            outbox_id: 0,
                            alert_ids: write.alert_ids.clone(),
                            reason: format!("profile {} is read-only", self.name(*t)),
                        })
                    }
                    [t] if write
                        .alert_ids
                        .iter()
                        .all(|id| self.tenant_of(id).is_some()) =>
                    {
                        Route::One(*t, effect)
                    }
                    _ => {
                        let names: Vec<&str> = tenants.iter().map(|t| self.name(*t)).collect();
                        Route::Reply(Msg::WriteFailed {
                            outbox_id: 0,
                            alert_ids: write.alert_ids.clone(),
                            reason: if names.len() > 1 {
                                format!(
                                    "the marked alerts belong to {} tenants ({}): triage one tenant at a time",
                                    names.len(),
                                    names.join(", ")
                                )
                            } else {
                                "an alert of this write belongs to no open tenant".into()
                            },
                        })
                    }
                }
            }
            Effect::ResolveConflict { outbox_id, choice } => match self.outbox.get(&outbox_id) {
                Some((t, local)) => Route::One(
                    *t,
                    Effect::ResolveConflict {
                        outbox_id: *local,
                        choice,
                    },
                ),
                None => Route::Reply(Msg::Warning(format!("outbox entry {outbox_id} is unknown"))),
            },
            other => Route::Router(other),
        }
    }

    fn global_outbox(&mut self, tenant: usize, local: i64) -> i64 {
        if local == 0 {
            return 0;
        }
        if let Some(g) = self.outbox_back.get(&(tenant, local)) {
            return *g;
        }
        let g = self.next_outbox;
        self.next_outbox += 1;
        self.outbox.insert(g, (tenant, local));
        self.outbox_back.insert((tenant, local), g);
        g
    }

    fn tag(&mut self, tenant: usize, rows: &mut [AlertRow]) {
        let name = self.name(tenant).to_string();
        for r in rows.iter_mut() {
            r.tenant = Some(name.clone());
            self.owner.insert(r.id.clone(), tenant);
            if let Some(map) = self.rows.get_mut(tenant) {
                map.insert(r.id.clone(), r.clone());
            }
        }
    }

    fn union(&self) -> Vec<AlertRow> {
        self.rows.iter().flat_map(|m| m.values().cloned()).collect()
    }

    fn replace(&mut self, tenant: usize, rows: &mut [AlertRow]) {
        if let Some(map) = self.rows.get_mut(tenant) {
            map.clear();
        }
        self.owner.retain(|_, t| *t != tenant);
        self.tag(tenant, rows);
    }

    /// A tenant's answer, as the console should see it (`None`: nothing to pass on).
    pub fn on_msg(&mut self, tenant: usize, msg: Msg) -> Option<Msg> {
        let prefix = |s: &Self, text: String| format!("{}: {text}", s.name(tenant));
        Some(match msg {
            Msg::CacheLoaded { req, mut rows } => {
                self.replace(tenant, &mut rows);
                // The console takes a cache answer as the whole list: give it every tenant's.
                Msg::CacheLoaded {
                    req,
                    rows: self.union(),
                }
            }
            Msg::AlertsUpdated {
                req,
                mut rows,
                complete,
            } => {
                if complete {
                    self.replace(tenant, &mut rows);
                    Msg::AlertsUpdated {
                        req,
                        rows: self.union(),
                        complete: true,
                    }
                } else {
                    self.tag(tenant, &mut rows);
                    Msg::AlertsUpdated {
                        req,
                        rows,
                        complete,
                    }
                }
            }
            Msg::WriteQueued { req, outbox_id } => Msg::WriteQueued {
                req,
                outbox_id: self.global_outbox(tenant, outbox_id),
            },
            Msg::WriteConfirmed {
                outbox_id,
                mut rows,
            } => {
                self.tag(tenant, &mut rows);
                Msg::WriteConfirmed {
                    outbox_id: self.global_outbox(tenant, outbox_id),
                    rows,
                }
            }
            Msg::WriteFailed {
                outbox_id,
                alert_ids,
                reason,
            } => Msg::WriteFailed {
                outbox_id: self.global_outbox(tenant, outbox_id),
                alert_ids,
                reason: prefix(self, reason),
            },
            Msg::WriteConflict {
                outbox_id,
                alert_id,
                mut server,
            } => {
                self.tag(tenant, std::slice::from_mut(&mut *server));
                Msg::WriteConflict {
                    outbox_id: self.global_outbox(tenant, outbox_id),
                    alert_id,
                    server,
                }
            }
            Msg::RefreshFailed { req, error } => Msg::RefreshFailed {
                req,
                error: prefix(self, error),
            },
            Msg::Warning(text) => Msg::Warning(prefix(self, text)),
            Msg::Sync(status) => {
                if let Some(slot) = self.status.get_mut(tenant) {
                    *slot = Some(status);
                }
                Msg::Sync(self.merged_status())
            }
            other => other,
        })
    }

    /// One status for the status bar: the oldest sync, the sums of budgets and outboxes, the
    /// first error with its tenant.
    fn merged_status(&self) -> SyncStatus {
        let known: Vec<(usize, &SyncStatus)> = self
            .status
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().map(|s| (i, s)))
            .collect();
        SyncStatus {
            last_sync: if known.len() == self.names.len() {
                known.iter().filter_map(|(_, s)| s.last_sync).min()
            } else {
                None
            },
            next_poll: known.iter().filter_map(|(_, s)| s.next_poll).min(),
            budget_left: known.iter().map(|(_, s)| s.budget_left).sum(),
            budget_per_minute: known.iter().map(|(_, s)| s.budget_per_minute).sum(),
            outbox_pending: known.iter().map(|(_, s)| s.outbox_pending).sum(),
            outbox_failed: known.iter().map(|(_, s)| s.outbox_failed).sum(),
            paused: !known.is_empty() && known.iter().all(|(_, s)| s.paused),
            error: known
                .iter()
                .find_map(|(i, s)| s.error.as_ref().map(|e| format!("{}: {e}", self.name(*i)))),
            consecutive_failures: known
                .iter()
                .map(|(_, s)| s.consecutive_failures)
                .max()
                .unwrap_or(0),
            window_days: known.iter().map(|(_, s)| s.window_days).max().unwrap_or(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::protocol::{ConflictChoice, TriageChange, TriageWrite};
    use mde_model::{Alert, Timestamp};

    fn row(id: &str) -> AlertRow {
        AlertRow::from_alert(&Alert::new(id, id))
    }

    fn write(ids: &[&str]) -> Effect {
        Effect::Write {
            req: 9,
            write: TriageWrite {
                alert_ids: ids.iter().map(|s| s.to_string()).collect(),
                change: TriageChange::default(),
                seen_last_update: vec![],
            },
        }
    }

    fn loaded(m: &mut Merger) {
        m.on_msg(
            0,
            Msg::CacheLoaded {
                req: 1,
                rows: vec![row("a1"), row("a2")],
            },
        );
        let Some(Msg::CacheLoaded { rows, .. }) = m.on_msg(
            1,
            Msg::CacheLoaded {
                req: 1,
                rows: vec![row("b1")],
            },
        ) else {
            panic!()
        };
        assert_eq!(
            rows.len(),
            3,
            "each cache answer carries every tenant's rows"
        );
    }

    #[test]
    fn rows_are_tagged_and_effects_follow_their_alert() {
        let mut m = Merger::new(vec!["contoso".into(), "fabrikam".into()]);
        loaded(&mut m);
        let Some(Msg::AlertsUpdated { rows, .. }) = m.on_msg(
            1,
            Msg::AlertsUpdated {
                req: 2,
                rows: vec![row("b2")],
                complete: false,
            },
        ) else {
            panic!()
        };
        assert_eq!(rows[0].tenant.as_deref(), Some("fabrikam"));
        assert_eq!(
            m.route(Effect::LoadDetail {
                req: 3,
                alert_id: "b2".into()
            }),
            Route::One(
                1,
                Effect::LoadDetail {
                    req: 3,
                    alert_id: "b2".into()
                }
            )
        );
        assert!(matches!(m.route(write(&["a1", "a2"])), Route::One(0, _)));
        assert!(matches!(m.route(Effect::Start { req: 4 }), Route::All(_)));
        assert!(matches!(
            m.route(Effect::SwitchProfile { name: "x".into() }),
            Route::Router(_)
        ));
    }

    #[test]
    fn a_write_across_tenants_is_refused_naming_them() {
        let mut m = Merger::new(vec!["contoso".into(), "fabrikam".into()]);
        loaded(&mut m);
        let Route::Reply(Msg::WriteFailed {
            outbox_id, reason, ..
        }) = m.route(write(&["a1", "b1"]))
        else {
            panic!()
        };
        assert_eq!(outbox_id, 0);
        assert!(reason.contains("2 tenants (contoso, fabrikam)"), "{reason}");
    }

    #[test]
    fn outbox_ids_never_collide_and_map_back() {
        let mut m = Merger::new(vec!["a".into(), "b".into()]);
        loaded(&mut m);
        let Some(Msg::WriteQueued { outbox_id: ga, .. }) = m.on_msg(
            0,
            Msg::WriteQueued {
                req: 1,
                outbox_id: 1,
            },
        ) else {
            panic!()
        };
        let Some(Msg::WriteQueued { outbox_id: gb, .. }) = m.on_msg(
            1,
            Msg::WriteQueued {
                req: 2,
                outbox_id: 1,
            },
        ) else {
            panic!()
        };
        assert_ne!(ga, gb);
        let Some(Msg::WriteConfirmed { outbox_id, .. }) = m.on_msg(
            1,
            Msg::WriteConfirmed {
                outbox_id: 1,
                rows: vec![],
            },
        ) else {
            panic!()
        };
        assert_eq!(outbox_id, gb);
        assert_eq!(
            m.route(Effect::ResolveConflict {
                outbox_id: gb,
                choice: ConflictChoice::Discard
            }),
            Route::One(
                1,
                Effect::ResolveConflict {
                    outbox_id: 1,
                    choice: ConflictChoice::Discard
                }
            )
        );
    }

    #[test]
    fn a_complete_answer_replaces_only_its_tenants_rows() {
        let mut m = Merger::new(vec!["a".into(), "b".into()]);
        loaded(&mut m);
        let Some(Msg::AlertsUpdated {
            rows,
            complete: true,
            ..
        }) = m.on_msg(
            0,
            Msg::AlertsUpdated {
                req: 5,
                rows: vec![row("a2")],
                complete: true,
            },
        )
        else {
            panic!()
        };
        let mut ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["a2", "b1"], "a1 is gone from tenant a, b1 stays");
        assert_eq!(m.tenant_of("a1"), None);
    }

    #[test]
    fn statuses_merge_and_errors_name_their_tenant() {
        let mut m = Merger::new(vec!["a".into(), "b".into()]);
        let t = Timestamp::parse("2024-05-01T10:00:00Z").ok();
        let s = |left, error: Option<&str>| SyncStatus {
            last_sync: t,
            budget_left: left,
            budget_per_minute: 20,
            error: error.map(Into::into),
            ..SyncStatus::default()
        };
        let Some(Msg::Sync(one)) = m.on_msg(0, Msg::Sync(s(15, None))) else {
            panic!()
        };
        assert_eq!(one.last_sync, None, "not every tenant has synced yet");
        let Some(Msg::Sync(both)) = m.on_msg(1, Msg::Sync(s(20, Some("HTTP 503")))) else {
            panic!()
        };
        assert_eq!(
            (both.budget_left, both.budget_per_minute, both.last_sync),
            (35, 40, t)
        );
        assert_eq!(both.error.as_deref(), Some("b: HTTP 503"));
        let Some(Msg::Warning(w)) = m.on_msg(1, Msg::Warning("x".into())) else {
            panic!()
        };
        assert_eq!(w, "b: x");
    }
}
