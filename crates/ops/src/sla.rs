//! SLA targets per severity and the pure verdict for one alert at one instant.
//!
//! Two clocks start at the alert's creation: *first touch* runs while nobody has acted on it
//! (status New, no owner, no classification) and *resolve* runs until it is resolved. A clock
//! is "near" once `near_fraction` of its target has passed and "breach" past the target.

use chrono::TimeDelta;
use mde_model::{AlertRow, Severity, Status, Timestamp};

/// The targets for one severity; `None` means no target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SlaTarget {
    /// Longest time an alert may wait untouched.
    pub first_touch: Option<TimeDelta>,
    /// Longest time an alert may stay unresolved.
    pub resolve: Option<TimeDelta>,
}

/// The targets per severity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlaPolicy {
    /// High.
    pub high: SlaTarget,
    /// Medium.
    pub medium: SlaTarget,
    /// Low.
    pub low: SlaTarget,
    /// Informational.
    pub informational: SlaTarget,
    /// Share of a target after which the clock shows as near (0 < f < 1).
    pub near_fraction: f64,
}

impl Default for SlaPolicy {
    /// High 30 min, Medium 2 h, Low 8 h to first touch; no resolve targets; near at 75 %.
    fn default() -> Self {
        let touch = |m: i64| SlaTarget {
            first_touch: Some(TimeDelta::minutes(m)),
            resolve: None,
        };
        SlaPolicy {
            high: touch(30),
            medium: touch(120),
            low: touch(480),
            informational: SlaTarget::default(),
            near_fraction: 0.75,
        }
    }
}

/// Which clock a verdict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaClock {
    /// Time to first touch.
    FirstTouch,
    /// Time to resolution.
    Resolve,
}

impl SlaClock {
    /// Words for the detail pane and the report.
    pub fn label(self) -> &'static str {
        match self {
            SlaClock::FirstTouch => "first touch",
            SlaClock::Resolve => "resolution",
        }
    }
}

/// Where an alert stands against its running clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SlaState {
    /// Comfortably inside the target.
    Within,
    /// Past the near fraction of the target.
    Near,
    /// Past the target.
    Breach,
}

/// The verdict for one alert at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaVerdict {
    /// Within, near or breach.
    pub state: SlaState,
    /// The clock that is running.
    pub clock: SlaClock,
    /// Its target.
    pub target: TimeDelta,
    /// The alert's age.
    pub age: TimeDelta,
}

impl SlaVerdict {
    /// Time left before the target (negative once breached).
    pub fn remaining(&self) -> TimeDelta {
        self.target - self.age
    }
}

/// Near and breach counts over a set of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SlaCounts {
    /// Rows near their target.
    pub near: usize,
    /// Rows past their target.
    pub breach: usize,
}

/// True when nobody has acted on the alert yet.
pub fn untouched(row: &AlertRow) -> bool {
    row.status == Status::New
        && row
            .assigned_to
            .as_deref()
            .is_none_or(|a| a.trim().is_empty())
        && row.classification.is_none()
}

impl SlaPolicy {
    /// The targets of a severity (unknown severities have none).
    pub fn target(&self, severity: &Severity) -> SlaTarget {
        match severity {
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
            Severity::Informational => self.informational,
            _ => SlaTarget::default(),
        }
    }

    /// The verdict for a row at `now`; `None` when no clock runs (resolved, no target, no
    /// creation time).
    pub fn evaluate(&self, row: &AlertRow, now: Timestamp) -> Option<SlaVerdict> {
        if row.status == Status::Resolved {
            return None;
        }
        let created = row.created?;
        let target = self.target(&row.severity);
        let (clock, limit) = match (untouched(row), target.first_touch, target.resolve) {
            (true, Some(t), _) => (SlaClock::FirstTouch, t),
            (_, _, Some(t)) => (SlaClock::Resolve, t),
            _ => return None,
        };
        let age = (now.0 - created.0).max(TimeDelta::zero());
        let near_after = scale(limit, self.near_fraction);
        let state = if age > limit {
            SlaState::Breach
        } else if age >= near_after {
            SlaState::Near
        } else {
            SlaState::Within
        };
        Some(SlaVerdict {
            state,
            clock,
            target: limit,
            age,
        })
    }

    /// Near and breach counts over rows (the status bar's number).
    pub fn count<'a>(
        &self,
        rows: impl IntoIterator<Item = &'a AlertRow>,
        now: Timestamp,
    ) -> SlaCounts {
        let mut counts = SlaCounts::default();
        for row in rows {
            match self.evaluate(row, now).map(|v| v.state) {
                Some(SlaState::Breach) => counts.breach += 1,
                Some(SlaState::Near) => counts.near += 1,
                _ => {}
            }
        }
        counts
    }
}

fn scale(d: TimeDelta, f: f64) -> TimeDelta {
    let ms = (d.num_milliseconds() as f64 * f.clamp(0.0, 1.0)).round() as i64;
    TimeDelta::milliseconds(ms)
}

/// How long an alert has been in its current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusAge {
    /// Since when.
    pub since: Timestamp,
    /// True when the service says exactly (creation of a never-changed New alert, the resolve
    /// time); false when only the last update bounds it ("at least this long").
    pub exact: bool,
}

/// Time in the current status, from what the alert carries (the service keeps no status history).
pub fn status_age(alert: &mde_model::Alert) -> Option<StatusAge> {
    match alert.status {
        Status::Resolved => alert
            .resolved_time
            .map(|since| StatusAge { since, exact: true })
            .or_else(|| {
                alert.last_update_time.map(|since| StatusAge {
                    since,
                    exact: false,
                })
            }),
        Status::New
            if alert.last_update_time.is_none()
                || alert.last_update_time == alert.alert_creation_time =>
        {
            alert
                .alert_creation_time
                .map(|since| StatusAge { since, exact: true })
        }
        _ => alert.last_update_time.map(|since| StatusAge {
            since,
            exact: false,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_model::{Alert, Classification};

    fn t(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    fn row(sev: Severity, created: &str) -> AlertRow {
        let mut a = Alert::new("da1", "x");
        a.severity = sev;
        a.alert_creation_time = Some(t(created));
        AlertRow::from_alert(&a)
    }

    const NOW: &str = "2024-05-01T12:00:00Z";

    #[test]
    fn high_untouched_alert_goes_within_near_breach() {
        let policy = SlaPolicy::default();
        let at = |created: &str| {
            policy
                .evaluate(&row(Severity::High, created), t(NOW))
                .unwrap()
        };
        assert_eq!(at("2024-05-01T11:50:00Z").state, SlaState::Within);
        // 75 % of 30 min is 22.5 min.
        assert_eq!(at("2024-05-01T11:37:30Z").state, SlaState::Near);
        assert_eq!(
            at("2024-05-01T11:30:00Z").state,
            SlaState::Near,
            "exactly on target is not a breach"
        );
        let late = at("2024-05-01T11:29:59Z");
        assert_eq!(
            (late.state, late.clock),
            (SlaState::Breach, SlaClock::FirstTouch)
        );
        assert_eq!(late.remaining(), TimeDelta::seconds(-1));
        // A creation time in the future (clock skew) counts as age zero.
        assert_eq!(at("2024-05-01T12:05:00Z").age, TimeDelta::zero());
    }

    #[test]
    fn touching_stops_the_first_touch_clock_and_the_resolve_clock_takes_over() {
        let mut policy = SlaPolicy::default();
        let mut r = row(Severity::High, "2024-05-01T08:00:00Z");
        assert_eq!(policy.evaluate(&r, t(NOW)).unwrap().state, SlaState::Breach);
        for touch in [
            |r: &mut AlertRow| r.assigned_to = Some("me@x".into()),
            |r: &mut AlertRow| r.status = Status::InProgress,
            |r: &mut AlertRow| r.classification = Some(Classification::TruePositive),
        ] {
            let mut touched = r.clone();
            touch(&mut touched);
            assert_eq!(
                policy.evaluate(&touched, t(NOW)),
                None,
                "no resolve target by default"
            );
        }
        policy.high.resolve = Some(TimeDelta::hours(5));
        r.status = Status::InProgress;
        let v = policy.evaluate(&r, t(NOW)).unwrap();
        assert_eq!((v.clock, v.state), (SlaClock::Resolve, SlaState::Near));
        r.status = Status::Resolved;
        assert_eq!(policy.evaluate(&r, t(NOW)), None);
    }

    #[test]
    fn counts_and_severities_without_targets() {
        let policy = SlaPolicy::default();
        let rows = [
            row(Severity::High, "2024-05-01T10:00:00Z"),
            row(Severity::High, "2024-05-01T11:59:00Z"),
            row(Severity::Medium, "2024-05-01T10:20:00Z"),
            row(Severity::Medium, "2024-05-01T09:00:00Z"),
            row(Severity::Informational, "2024-04-01T00:00:00Z"),
            row(Severity::UnSpecified, "2024-04-01T00:00:00Z"),
        ];
        assert_eq!(
            policy.count(&rows, t(NOW)),
            SlaCounts { near: 1, breach: 2 }
        );
        let mut no_created = rows[0].clone();
        no_created.created = None;
        assert_eq!(policy.evaluate(&no_created, t(NOW)), None);
    }

    #[test]
    fn status_age_is_exact_only_when_the_service_says_so() {
        let mut a = Alert::new("da1", "x");
        a.alert_creation_time = Some(t("2024-05-01T10:00:00Z"));
        assert_eq!(
            status_age(&a),
            Some(StatusAge {
                since: t("2024-05-01T10:00:00Z"),
                exact: true
            })
        );
        a.status = Status::InProgress;
        a.last_update_time = Some(t("2024-05-01T11:00:00Z"));
        assert_eq!(
            status_age(&a),
            Some(StatusAge {
                since: t("2024-05-01T11:00:00Z"),
                exact: false
            })
        );
        a.status = Status::Resolved;
        a.resolved_time = Some(t("2024-05-01T11:30:00Z"));
        assert_eq!(status_age(&a).unwrap().since, t("2024-05-01T11:30:00Z"));
    }
}
