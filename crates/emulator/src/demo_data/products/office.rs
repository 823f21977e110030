//! Defender for Office 365: the mail that delivered an endpoint incident's lure, and mails of
//! their own (a clicked link, a user's report). Subjects are the sender's text: some are hostile.

use super::super::clock::{MINUTE, TICKS_PER_SEC};
use super::evidence as ev;
use super::{Context, Kind, alert, id, triage_like, triage_own};
use crate::rng::Rng;
use mde_model::graph::{GraphAlert, ServiceSource};
use mde_model::{Alert, Classification, Determination, Severity};

const SENDERS: &[(&str, &str)] = &[
    ("accounts@fabrikam-invoices.com", "Fabrikam Accounts"),
    ("noreply@docusign-secure.net", "DocuSign"),
    ("hr-payroll@contoso-benefits.info", "Payroll Team"),
    ("m.lopez.cv@outlook-mail.org", "Maria Lopez"),
];

const SUBJECTS: &[&str] = &[
    "Invoice 4821 overdue - action required",
    "Please review and sign: Q3 payroll adjustment",
    "Your remittance advice",
    "Application for the open position",
    // Attacker-controlled text reaches analysts' terminals: escapes and bidi overrides included.
    "Payment confirmation \u{1b}[2J\u{1b}[31mURGENT\u{1b}[0m",
    "Shared document: \u{202e}fdp.exe",
];

const RECOMMENDED: &str = "1. Review the message in Explorer and check whether other recipients got it.\n\t\u{2022} Block the sender domain if it is not a partner.\n2. Reset the recipient's password if the attachment was opened.\u{fffd}";

/// The mail behind an endpoint incident's lure document, removed after delivery (ZAP).
pub fn phish_behind(
    rng: &mut Rng,
    ctx: &Context<'_>,
    incident: i64,
    alerts: &[&Alert],
    lure: &str,
) -> GraphAlert {
    let first = alerts
        .iter()
        .filter_map(|a| a.alert_creation_time)
        .min()
        .map_or(ctx.end - 10 * MINUTE, |t| super::clock::ticks_of(&t));
    let received = first - rng.range(4 * MINUTE as u64, 25 * MINUTE as u64) as i64;
    let created = first + rng.range(TICKS_PER_SEC as u64 * 30, 9 * MINUTE as u64) as i64;
    let created = created.min(ctx.end - 5 * TICKS_PER_SEC);
    let user = alerts
        .iter()
        .find_map(|a| a.related_user.as_ref().and_then(|u| u.user_name.clone()))
        .and_then(|name| ctx.tenant.users.iter().find(|u| u.account == name))
        .unwrap_or(&ctx.tenant.users[0]);
    let sender = *rng.pick(SENDERS);
    let subject = *rng.pick(&SUBJECTS[..4]);
    let evidence = vec![
        ev::message(
            rng,
            user,
            sender,
            subject,
            Some(lure),
            None,
            received,
            created,
        ),
        ev::mailbox(user, created),
        ev::file(lure, "Attachments", created),
        ev::user(user, created),
    ];
    let k = Kind {
        id: id(rng, "fa"),
        incident,
        title: "Email messages containing malicious file removed after delivery",
        description: "Emails with a malicious attachment were delivered and later removed -V1.0.0.3",
        category: "InitialAccess",
        source: ServiceSource::MicrosoftDefenderForOffice365,
        detection: "microsoftDefenderForOffice365",
        product: "Microsoft Defender for Office 365",
        severity: Severity::Medium,
        techniques: &["T1566.001"],
        recommended: RECOMMENDED,
        created,
        first_activity: received,
    };
    alert(rng, k, triage_like(alerts, created, ctx.end), evidence)
}

/// A mail incident of its own: a clicked link, or a user's report.
pub fn own_mail(
    rng: &mut Rng,
    ctx: &Context<'_>,
    incident: i64,
    created: i64,
    n: usize,
) -> GraphAlert {
    let user = &ctx.tenant.users[rng.index(ctx.tenant.people.max(1))];
    let sender = *rng.pick(SENDERS);
    // The hostile subjects go to the first few mails, so every tenant has them.
    let subject = if n < 3 {
        SUBJECTS[4 + n % 2]
    } else {
        *rng.pick(SUBJECTS)
    };
    let link = format!(
        "https://login-microsoftonline.support/{}/signin",
        rng.hex(8)
    );
    let received = created - rng.range(MINUTE as u64, 30 * MINUTE as u64) as i64;
    let click = rng.chance(0.6);
    let (title, description, severity) = if click {
        (
            "A potentially malicious URL click was detected",
            "We have detected that one of your users has recently clicked on a link that was found to be malicious. -V1.0.0.5",
            Severity::High,
        )
    } else {
        (
            "Email reported by user as malware or phish",
            "This alert is triggered when any email message is reported as malware or phish by users -V1.0.0.2",
            Severity::Informational,
        )
    };
    let evidence = vec![
        ev::message(
            rng,
            user,
            sender,
            subject,
            None,
            Some(&link),
            received,
            created,
        ),
        ev::url(&link, created),
        ev::mailbox(user, created),
        ev::user(user, created),
    ];
    let k = Kind {
        id: id(rng, "fa"),
        incident,
        title,
        description,
        category: "InitialAccess",
        source: ServiceSource::MicrosoftDefenderForOffice365,
        detection: "microsoftDefenderForOffice365",
        product: "Microsoft Defender for Office 365",
        severity,
        techniques: &["T1566.002"],
        recommended: RECOMMENDED,
        created,
        first_activity: received,
    };
    let verdict = if click {
        (Classification::TruePositive, Determination::Phishing)
    } else {
        (Classification::FalsePositive, Determination::NotMalicious)
    };
    let t = triage_own(rng, created, ctx.end, verdict);
    alert(rng, k, t, evidence)
}
