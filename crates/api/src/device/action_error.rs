//! Why a response action did not go through, sorted by what the caller must do next. The line
//! that matters: `AnswerLost` means the service may have created the action, so it must be
//! looked up before any resend; `NotSent` means it certainly was not.

use crate::error::{ApiError, ServiceError};

/// A failed machine-action call.
#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    /// 400 `ActiveRequestAlreadyExists`: an action of this kind is already pending on the device.
    #[error("an action of this kind is already pending on the device ({0})")]
    AlreadyPending(ServiceError),
    /// 403: the token lacks the permission (named when the service said which).
    #[error("forbidden: the token lacks {}", .permission.as_deref().unwrap_or("the permission this needs"))]
    Forbidden {
        /// The missing permission, e.g. `Machine.Isolate`.
        permission: Option<String>,
        /// The service's answer.
        detail: ServiceError,
    },
    /// 404: no such device (or action).
    #[error("not found: {0}")]
    NotFound(ServiceError),
    /// Another 4xx: the service refused the request (bad value, unsupported OS, final action…).
    #[error("refused: {0}")]
    Refused(ServiceError),
    /// The request may have reached the service but its answer was lost (timeout, dropped
    /// connection, 5xx, unreadable 2xx): look the action up before sending it again.
    #[error("the answer was lost ({0}); the action may have been created")]
    AnswerLost(ApiError),
    /// The request certainly did not take effect (refused connection, throttling that did not
    /// end, sign-in trouble); sending it again later is safe.
    #[error("not sent: {0}")]
    NotSent(ApiError),
    /// Refused before sending (an impossible machine id, a missing comment, …).
    #[error("invalid request: {0}")]
    Invalid(String),
}

/// The permission a 403 names: the first of the list in parentheses in
/// "… does not have any of the required application permissions (Machine.Isolate) …".
pub fn missing_permission(detail: &ServiceError) -> Option<String> {
    let m = detail.message.as_deref()?;
    let inner = m.split_once('(')?.1.split_once(')')?.0;
    let first = inner.split(',').next()?.trim();
    let plausible = !first.is_empty()
        && first.len() <= 64
        && first
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    plausible.then(|| first.to_string())
}

impl From<ApiError> for ActionError {
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::BadRequest(d) if d.has_code("ActiveRequestAlreadyExists") => {
                ActionError::AlreadyPending(d)
            }
            ApiError::Forbidden(d) => ActionError::Forbidden {
                permission: missing_permission(&d),
                detail: d,
            },
            ApiError::NotFound(d) => ActionError::NotFound(d),
            ApiError::BadRequest(d) => ActionError::Refused(d),
            ApiError::Status { status, detail } if status < 500 => ActionError::Refused(detail),
            ApiError::Invalid(m) => ActionError::Invalid(m),
            e @ ApiError::MalformedResponse(_) => ActionError::AnswerLost(e),
            e if e.is_ambiguous() => ActionError::AnswerLost(e),
            e => ActionError::NotSent(e),
        }
    }
}

impl ActionError {
    /// True when the action may exist on the service although no answer said so.
    pub fn may_have_been_created(&self) -> bool {
        matches!(self, ActionError::AnswerLost(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(code: &str, message: &str) -> String {
        serde_json::json!({"error": {"code": code, "message": message, "target": "t"}}).to_string()
    }

    #[test]
    fn failures_sort_by_what_to_do_next() {
        let e = ActionError::from(ApiError::from_status(
            400,
            None,
            &body(
                "ActiveRequestAlreadyExists",
                "Action is already in progress",
            ),
        ));
        assert!(matches!(e, ActionError::AlreadyPending(_)));
        let e = ActionError::from(ApiError::from_status(
            403,
            None,
            &body(
                "Forbidden",
                "The application does not have any of the required application permissions (Machine.Isolate) to access the resource.",
            ),
        ));
        match &e {
            ActionError::Forbidden { permission, .. } => {
                assert_eq!(permission.as_deref(), Some("Machine.Isolate"))
            }
            other => panic!("{other:?}"),
        }
        assert!(e.to_string().contains("Machine.Isolate"));
        let plain = ActionError::from(ApiError::from_status(403, None, "<html>nope</html>"));
        assert!(matches!(
            plain,
            ActionError::Forbidden {
                permission: None,
                ..
            }
        ));
        let lost = ActionError::from(ApiError::Connection {
            sent: true,
            message: "reset".into(),
        });
        assert!(lost.may_have_been_created());
        assert!(ActionError::from(ApiError::Timeout).may_have_been_created());
        assert!(
            ActionError::from(ApiError::MalformedResponse("cut".into())).may_have_been_created()
        );
        let refused = ActionError::from(ApiError::Connection {
            sent: false,
            message: "refused".into(),
        });
        assert!(matches!(refused, ActionError::NotSent(_)));
        assert!(matches!(
            ActionError::from(ApiError::Throttled { retry_after: None }),
            ActionError::NotSent(_)
        ));
        assert!(matches!(
            ActionError::from(ApiError::from_status(
                400,
                None,
                &body("OsPlatformNotSupported", "x")
            )),
            ActionError::Refused(_)
        ));
    }

    #[test]
    fn a_hostile_message_names_no_permission() {
        let d = ServiceError {
            code: None,
            message: Some("permissions (\u{1b}[31mEvil stuff here) x".into()),
            target: None,
        };
        assert_eq!(missing_permission(&d), None);
    }
}
