//! Where each alert stands in the queue: status, owner, verdict, automated investigation and the
//! analysts' comments, in the proportions of a real queue (mostly New, older ones resolved).

use super::clock::{self, DAY, MINUTE, Precision, TICKS_PER_SEC};
use super::stories::Story;
use super::tenant::ANALYSTS;
use crate::rng::Rng;
use mde_model::{Classification, Comment, Determination, InvestigationState, Status};

/// The owner automated investigation writes when it closes an alert.
pub const API_ACTION: &str = "API Action";

/// The incident-wide triage decision its alerts mostly share.
#[derive(Debug, Clone)]
pub struct IncidentTriage {
    /// Status most alerts of the incident have.
    pub status: Status,
    /// The analyst working it.
    pub analyst: &'static str,
    /// Verdict if resolved or classified.
    pub verdict: (Classification, Determination),
    /// Automated investigation id, if one ran.
    pub investigation_id: Option<i64>,
    /// Whether automation closed it.
    pub automation: bool,
}

/// Decides an incident's triage from its age (older incidents are more often resolved).
pub fn plan_incident(rng: &mut Rng, story: &Story, age_ticks: i64, auto: bool) -> IncidentTriage {
    let age_days = age_ticks as f64 / DAY as f64;
    let p_resolved = (0.05 + age_days / 30.0 * 0.55).min(0.6);
    let status = match rng.unit() {
        x if x < p_resolved => Status::Resolved,
        x if x < p_resolved + 0.15 => Status::InProgress,
        _ => Status::New,
    };
    let weights: Vec<u32> = story.verdicts.iter().map(|v| v.2).collect();
    let (c, d, _) = &story.verdicts[rng.weighted(&weights)];
    let automation = auto || rng.chance(0.08);
    IncidentTriage {
        status,
        analyst: ANALYSTS[rng.index(ANALYSTS.len())],
        verdict: (c.clone(), d.clone()),
        investigation_id: (automation || rng.chance(0.3)).then(|| rng.range(2_000, 190_000) as i64),
        automation,
    }
}

/// The triage fields of one alert.
#[derive(Debug, Clone)]
pub struct AlertTriage {
    /// Status.
    pub status: Status,
    /// Owner.
    pub assigned_to: Option<String>,
    /// Classification.
    pub classification: Option<Classification>,
    /// Determination.
    pub determination: Option<Determination>,
    /// Investigation id.
    pub investigation_id: Option<i64>,
    /// Investigation state.
    pub investigation_state: Option<InvestigationState>,
    /// When resolved, in ticks.
    pub resolved_at: Option<i64>,
    /// Comments, oldest first.
    pub comments: Vec<Comment>,
    /// The last change, in ticks.
    pub last_update: i64,
}

/// Triage of one alert created at `created` in an incident planned as `inc`; every time stays
/// at least a few seconds before `end`.
pub fn alert(
    rng: &mut Rng,
    inc: &IncidentTriage,
    created: i64,
    end: i64,
    user: &str,
) -> AlertTriage {
    let latest = end - 5 * TICKS_PER_SEC;
    let mut status = inc.status.clone();
    // Alerts of one incident usually move together, but not always.
    if rng.chance(0.1) {
        status = rng.pick(Status::SETTABLE).clone();
    }
    let resolved_at = if status == Status::Resolved {
        let at = created + rng.range(10 * MINUTE as u64, 3 * DAY as u64) as i64;
        let at = at.min(latest);
        if at - created < 2 * MINUTE {
            // Too fresh to have been resolved: someone is still on it.
            status = Status::InProgress;
            None
        } else {
            Some(at)
        }
    } else {
        None
    };

    let assigned_to = match status {
        Status::Resolved if inc.automation && rng.chance(0.7) => Some(API_ACTION.to_string()),
        Status::Resolved | Status::InProgress if rng.chance(0.92) => Some(inc.analyst.to_string()),
        Status::New if rng.chance(0.08) => Some(inc.analyst.to_string()),
        _ => None,
    };
    let classified =
        status == Status::Resolved || (status == Status::InProgress && rng.chance(0.15));
    let (classification, determination) = if classified {
        (Some(inc.verdict.0.clone()), Some(inc.verdict.1.clone()))
    } else {
        (None, None)
    };
    let investigation_state = investigation_state(rng, inc, &status);
    let investigation_id = inc.investigation_id.filter(|_| {
        !matches!(
            investigation_state,
            None | Some(InvestigationState::UnsupportedAlertType | InvestigationState::Queued)
        )
    });

    let horizon = resolved_at.unwrap_or(latest).min(latest);
    let comments = comments(
        rng,
        inc,
        &status,
        classification.as_ref(),
        created,
        horizon,
        user,
    );
    let mut last = created + rng.range(2, 40) as i64 * TICKS_PER_SEC;
    if let Some(c) = comments.last().and_then(|c| c.created_time) {
        last = last.max(clock::ticks_of(&c) + 2 * TICKS_PER_SEC);
    }
    if let Some(r) = resolved_at {
        last = last.max(r + 2 * TICKS_PER_SEC);
    }
    AlertTriage {
        status,
        assigned_to,
        classification,
        determination,
        investigation_id,
        investigation_state,
        resolved_at,
        comments,
        last_update: last.min(end - 2 * TICKS_PER_SEC),
    }
}

fn investigation_state(
    rng: &mut Rng,
    inc: &IncidentTriage,
    status: &Status,
) -> Option<InvestigationState> {
    use InvestigationState as S;
    if inc.investigation_id.is_none() {
        return match rng.below(10) {
            0..=2 => Some(S::UnsupportedAlertType),
            3 => Some(S::Queued),
            _ => None,
        };
    }
    let pool: &[S] = match status {
        Status::Resolved if inc.automation => &[S::SuccessfullyRemediated, S::Benign],
        Status::Resolved => &[
            S::SuccessfullyRemediated,
            S::Benign,
            S::PartiallyRemediated,
            S::TerminatedByUser,
        ],
        Status::InProgress => &[S::Running, S::PendingApproval, S::PartiallyInvestigated],
        _ => &[
            S::Running,
            S::Queued,
            S::PendingResource,
            S::PendingApproval,
        ],
    };
    Some(rng.pick(pool).clone())
}

fn comments(
    rng: &mut Rng,
    inc: &IncidentTriage,
    status: &Status,
    classification: Option<&Classification>,
    created: i64,
    horizon: i64,
    user: &str,
) -> Vec<Comment> {
    let count = match status {
        Status::Resolved if rng.chance(0.6) => rng.range(1, 2),
        Status::InProgress if rng.chance(0.5) => rng.range(1, 3),
        Status::New if rng.chance(0.05) => 1,
        _ => 0,
    };
    let span = horizon - created;
    if count == 0 || span < 2 * MINUTE {
        return Vec::new();
    }
    let mut times: Vec<i64> = (0..count)
        .map(|_| created + MINUTE + rng.below((span - MINUTE) as u64) as i64)
        .collect();
    times.sort_unstable();
    times
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let last = i + 1 == times.len();
            let text = if last && *status == Status::Resolved {
                closing_note(rng, classification, user)
            } else {
                working_note(rng, user)
            };
            let author = if rng.chance(0.8) {
                inc.analyst
            } else {
                rng.pick(ANALYSTS)
            };
            Comment {
                comment: text,
                created_by: Some(author.to_string()),
                created_time: Some(clock::with_precision(rng, *t, Precision::Ticks)),
            }
        })
        .collect()
}

fn working_note(rng: &mut Rng, user: &str) -> String {
    match rng.below(7) {
        0 => format!("Investigating. Called {user}, no answer yet."),
        1 => "Device isolated pending IR review.".to_string(),
        2 => "Hash not seen anywhere else in the tenant. Collecting investigation package."
            .to_string(),
        3 => format!(
            "Escalated to IR on-call, ticket INC{:07}.",
            rng.range(100_000, 9_999_999)
        ),
        4 => format!("{user} confirms they opened the attachment around that time."),
        5 => "Live response: pulled the dropped file for detonation.".to_string(),
        _ => "Looking.".to_string(),
    }
}

fn closing_note(rng: &mut Rng, classification: Option<&Classification>, user: &str) -> String {
    match classification {
        Some(Classification::TruePositive) => match rng.below(4) {
            0 => "Confirmed malicious. Device reimaged, closing.".to_string(),
            1 => format!("Password reset for {user} and sessions revoked. C2 domain blocked."),
            2 => "Hash and C2 added to custom indicators (block). Closing.".to_string(),
            _ => "Contained by AIR, verified remediation. Closing.".to_string(),
        },
        Some(Classification::InformationalExpectedActivity) => match rng.below(3) {
            0 => format!(
                "Red team exercise RT-{}, approved change.",
                rng.range(10, 99)
            ),
            1 => "Known LOB updater, suppression rule requested.".to_string(),
            _ => "Admin activity confirmed with the service owner.".to_string(),
        },
        _ => match rng.below(2) {
            0 => "Benign: the file is a signed vendor tool. False positive.".to_string(),
            _ => "Not enough data to confirm; device clean on full scan.".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo_data::stories::STORIES;

    #[test]
    fn resolved_alerts_carry_a_valid_verdict_and_time() {
        let mut rng = Rng::new(11);
        let end = 17_000_000_000_000_000;
        let mut resolved = 0;
        for i in 0..400 {
            let story = &STORIES[i % STORIES.len()];
            let age = rng.below(30 * DAY as u64) as i64;
            let inc = plan_incident(&mut rng, story, age, false);
            let created = end - age;
            let t = alert(&mut rng, &inc, created, end, "jsmith");
            if t.status == Status::Resolved {
                resolved += 1;
                let r = t.resolved_at.expect("resolvedTime");
                assert!(r > created && r < end);
                let c = t.classification.expect("classification");
                let d = t.determination.expect("determination");
                assert!(c.determinations().contains(&d), "{c}/{d}");
                assert!(t.last_update > r);
            } else {
                assert!(t.resolved_at.is_none());
            }
            assert!(t.last_update > created && t.last_update < end);
            for c in &t.comments {
                let ct = clock::ticks_of(&c.created_time.expect("time"));
                assert!(ct > created && ct < t.last_update);
            }
        }
        assert!(resolved > 40, "{resolved}");
    }
}
