//! `alerts update`'s options as one triage change, checked the way the portal checks them: a
//! determination must belong to the classification, and a mistake lists the valid values.

use super::args::{ClassificationArg, StatusArg, UpdateArgs};
use super::exit::UsageError;
use super::suggest::unknown_value;
use mde_model::protocol::TriageChange;
use mde_model::{Classification, Determination, Status};

/// The change the update options ask for, checked the way the portal checks it.
pub fn change_from(args: &UpdateArgs, identity: Option<&str>) -> Result<TriageChange, UsageError> {
    let classification = args.classification.map(|c| match c {
        ClassificationArg::TruePositive => Classification::TruePositive,
        ClassificationArg::InformationalExpectedActivity => {
            Classification::InformationalExpectedActivity
        }
        ClassificationArg::FalsePositive => Classification::FalsePositive,
    });
    let determination = match &args.determination {
        None => None,
        Some(raw) => Some(determination(raw, classification.as_ref())?),
    };
    let assigned_to = match args.assign.as_deref() {
        Some("me") => Some(
            identity
                .map(str::to_string)
                .ok_or_else(|| UsageError(super::alerts_cmd::no_identity("--assign me")))?,
        ),
        Some(upn) if upn.trim().is_empty() => {
            return Err(UsageError("--assign: empty owner".into()));
        }
        other => other.map(str::to_string),
    };
    let change = TriageChange {
        status: args.status.map(|s| match s {
            StatusArg::New => Status::New,
            StatusArg::InProgress => Status::InProgress,
            StatusArg::Resolved => Status::Resolved,
        }),
        assigned_to,
        classification,
        determination,
        comment: args.comment.clone().filter(|c| !c.trim().is_empty()),
    };
    if change.is_empty() {
        return Err(UsageError(
            "nothing to change: give --status, --assign, --classification/--determination or --comment".into(),
        ));
    }
    Ok(change)
}

/// A `--determination` value, checked against the classification the way the portal checks it;
/// a mistake lists the determinations valid for that classification.
fn determination(raw: &str, class: Option<&Classification>) -> Result<Determination, UsageError> {
    let valid: Vec<Determination> = match class {
        Some(c) => c.determinations().to_vec(),
        None => Determination::KNOWN.to_vec(),
    };
    let names: Vec<&str> = valid.iter().map(Determination::as_str).collect();
    let flag = match class {
        Some(c) => format!("--determination for {c}"),
        None => "--determination".to_string(),
    };
    let d = Determination::parse(raw.trim());
    if !d.is_known() {
        return Err(unknown_value(&flag, raw, &names));
    }
    if !valid.contains(&d) {
        return Err(UsageError(format!(
            "{flag}: {d} is not valid for this classification (valid: {})",
            names.join(", ")
        )));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_options_are_checked_like_the_portal() {
        let args = UpdateArgs {
            ids: vec!["da1".into()],
            classification: Some(ClassificationArg::TruePositive),
            determination: Some("malware".into()),
            assign: Some("me".into()),
            ..UpdateArgs::default()
        };
        let c = change_from(&args, Some("a@b")).unwrap();
        assert_eq!(c.determination, Some(Determination::Malware));
        assert_eq!(c.assigned_to.as_deref(), Some("a@b"));
        let wrong = UpdateArgs {
            determination: Some("SecurityTesting".into()),
            ..args.clone()
        };
        let e = change_from(&wrong, Some("a@b")).unwrap_err().0;
        assert!(e.contains("not valid"), "{e}");
        assert!(
            e.contains("Malware") && e.contains("MultiStagedAttack"),
            "{e}"
        );
        let typo = UpdateArgs {
            determination: Some("malwar".into()),
            ..args.clone()
        };
        let e = change_from(&typo, Some("a@b")).unwrap_err().0;
        assert!(e.contains("for TruePositive"), "{e}");
        assert!(e.contains("did you mean \"Malware\""), "{e}");
        assert!(
            !e.contains("NotMalicious"),
            "only this classification's: {e}"
        );
        let empty = UpdateArgs {
            ids: vec!["da1".into()],
            ..UpdateArgs::default()
        };
        assert!(
            change_from(&empty, None)
                .unwrap_err()
                .0
                .contains("nothing to change")
        );
    }
}
