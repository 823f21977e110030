//! `MdeClient` as the sync task's `AlertsApi`. The client retries throttling and idempotent
//! requests itself and sends a comment at most once per call; the outbox decides about resends.

use super::api::{AlertsApi, ApiFailure, Selection};
use mde_api::{ApiError, Filter, ListQuery, MdeClient, Prop};
use mde_model::protocol::TriageChange;
use mde_model::{Page, ParsedAlert, Status};

/// The `$filter` of a selection. Only forms the service's documentation shows: `gt` on a bare
/// datetime, `eq`/`ne` on a quoted enum, clauses joined by `and` (no `or`, which is standard
/// OData but never shown for this API).
fn selection_filter(selection: Selection) -> Option<Filter> {
    match selection {
        Selection::All => None,
        Selection::UpdatedSince(t) => Some(Filter::gt(Prop::LastUpdateTime, t)),
        Selection::Unresolved => Some(Filter::ne(Prop::Status, Status::Resolved)),
        Selection::ResolvedSince(t) => Some(
            Filter::eq(Prop::Status, Status::Resolved).and(Filter::gt(Prop::LastUpdateTime, t)),
        ),
    }
}

/// One page of the selection, with evidence (the list and the streamed read ask the same).
fn page_query(selection: Selection, skip: usize, top: usize) -> ListQuery {
    ListQuery {
        filter: selection_filter(selection),
        top: Some(u32::try_from(top).unwrap_or(u32::MAX)),
        skip: Some(u32::try_from(skip).unwrap_or(u32::MAX)),
        expand_evidence: true,
        orderby: None,
    }
}

impl AlertsApi for MdeClient {
    async fn list_alerts(
        &self,
        selection: Selection,
        skip: usize,
        top: usize,
    ) -> Result<Page, ApiFailure> {
        self.list(&page_query(selection, skip, top))
            .await
            .map_err(failure)
    }

    async fn list_alerts_streamed(
        &self,
        selection: Selection,
        skip: usize,
        top: usize,
        out: &tokio::sync::mpsc::Sender<mde_api::PageBatch>,
    ) -> Result<usize, ApiFailure> {
        let end = self
            .list_streamed(&page_query(selection, skip, top), out)
            .await
            .map_err(failure)?;
        Ok(end.items)
    }

    async fn get_alert(&self, id: &str) -> Result<ParsedAlert, ApiFailure> {
        self.get(id).await.map_err(failure)
    }

    async fn update_alert(
        &self,
        id: &str,
        change: &TriageChange,
    ) -> Result<ParsedAlert, ApiFailure> {
        self.update(id, change).await.map_err(failure)
    }

    async fn batch_update(&self, ids: &[String], change: &TriageChange) -> Result<(), ApiFailure> {
        MdeClient::batch_update(self, ids, change)
            .await
            .map_err(failure)
    }

    fn identity(&self) -> Option<String> {
        // The token does not say which name the service writes as `createdBy`; comments are
        // matched by text and the count before the first send instead.
        None
    }
}

/// Sorts a client error into what the outbox does about it.
pub fn failure(e: ApiError) -> ApiFailure {
    let message = e.to_string();
    match e {
        ApiError::NotFound(_) => ApiFailure::NotFound { message },
        ApiError::Throttled { retry_after } => ApiFailure::Transient {
            message,
            retry_after,
        },
        e if e.is_transient() => ApiFailure::Transient {
            message,
            retry_after: None,
        },
        _ => ApiFailure::Permanent { message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mde_api::ServiceError;
    use mde_model::Timestamp;
    use std::time::Duration;

    #[test]
    fn selections_use_only_the_filter_forms_the_service_documents() {
        let t = Timestamp::parse("2024-03-01T10:00:00Z").unwrap();
        let text = |s| selection_filter(s).map(|f| f.to_string());
        assert_eq!(text(Selection::All), None);
        assert_eq!(
            text(Selection::UpdatedSince(t)).as_deref(),
            Some("lastUpdateTime gt 2024-03-01T10:00:00Z")
        );
        assert_eq!(
            text(Selection::Unresolved).as_deref(),
            Some("status ne 'Resolved'")
        );
        assert_eq!(
            text(Selection::ResolvedSince(t)).as_deref(),
            Some("status eq 'Resolved' and lastUpdateTime gt 2024-03-01T10:00:00Z")
        );
    }

    #[test]
    fn client_errors_sort_into_retry_fail_or_missing() {
        let t = failure(ApiError::Throttled {
            retry_after: Some(Duration::from_secs(7)),
        });
        assert_eq!(
            t,
            ApiFailure::Transient {
                message: t.to_string(),
                retry_after: Some(Duration::from_secs(7))
            }
        );
        assert!(failure(ApiError::Timeout).is_transient());
        assert!(
            failure(ApiError::Server {
                status: 503,
                detail: ServiceError::default()
            })
            .is_transient()
        );
        assert!(matches!(
            failure(ApiError::NotFound(ServiceError::default())),
            ApiFailure::NotFound { .. }
        ));
        assert!(matches!(
            failure(ApiError::BadRequest(ServiceError::default())),
            ApiFailure::Permanent { .. }
        ));
    }
}
