//! `MdeClient` as the sync task's `AlertsApi`: the same calls, errors folded into the three
//! classes the outbox acts on.

use super::client::MdeClient;
use super::error::ApiError;
use super::odata::{Filter, Prop};
use super::query::ListQuery;
use crate::app::msg::TriageChange;
use crate::model::{Page, ParsedAlert, Timestamp};
use crate::sync::{AlertsApi, ApiFailure};

impl From<ApiError> for ApiFailure {
    fn from(e: ApiError) -> Self {
        let message = e.to_string();
        match e {
            ApiError::Throttled { retry_after } => ApiFailure::Transient {
                message,
                retry_after,
            },
            ApiError::NotFound(_) => ApiFailure::NotFound { message },
            e if e.is_transient() => ApiFailure::Transient {
                message,
                retry_after: None,
            },
            _ => ApiFailure::Permanent { message },
        }
    }
}

impl AlertsApi for MdeClient {
    async fn list_updated_since(
        &self,
        since: Option<Timestamp>,
        skip: usize,
        top: usize,
    ) -> Result<Page, ApiFailure> {
        let q = ListQuery {
            filter: since.map(|t| Filter::gt(Prop::LastUpdateTime, t)),
            top: Some(u32::try_from(top).unwrap_or(u32::MAX)),
            skip: Some(u32::try_from(skip).unwrap_or(u32::MAX)),
            expand_evidence: true,
            orderby: None,
        };
        Ok(self.list(&q).await?)
    }

    async fn get_alert(&self, id: &str) -> Result<ParsedAlert, ApiFailure> {
        Ok(self.get(id).await?)
    }

    async fn update_alert(
        &self,
        id: &str,
        change: &TriageChange,
    ) -> Result<ParsedAlert, ApiFailure> {
        Ok(self.update(id, change).await?)
    }

    async fn batch_update(&self, ids: &[String], change: &TriageChange) -> Result<(), ApiFailure> {
        Ok(MdeClient::batch_update(self, ids, change).await?)
    }

    fn identity(&self) -> Option<String> {
        MdeClient::identity(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ServiceError;
    use std::time::Duration;

    #[test]
    fn errors_fold_into_the_outbox_classes() {
        let t: ApiFailure = ApiError::Throttled {
            retry_after: Some(Duration::from_secs(4)),
        }
        .into();
        assert_eq!(
            t,
            ApiFailure::Transient {
                message: t.to_string(),
                retry_after: Some(Duration::from_secs(4))
            }
        );
        assert!(ApiFailure::from(ApiError::Timeout).is_transient());
        assert!(
            ApiFailure::from(ApiError::Server {
                status: 503,
                detail: ServiceError::default()
            })
            .is_transient()
        );
        assert!(matches!(
            ApiFailure::from(ApiError::NotFound(ServiceError::default())),
            ApiFailure::NotFound { .. }
        ));
        assert!(matches!(
            ApiFailure::from(ApiError::Forbidden(ServiceError::default())),
            ApiFailure::Permanent { .. }
        ));
    }
}
