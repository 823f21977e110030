//! Against a small axum mock: what the emulator cannot be made to do (a refused spelling,
//! foreign next links, timeouts, a refused connection).

use super::*;

/// A minimal stand-in for behaviour the emulator does not show (a service that refuses one
/// determination spelling; a service sending looping or foreign `@odata.nextLink`s). Records
/// every request it receives.
mod mock {
    use axum::Router;
    use axum::extract::{Request, State};
    use axum::http::StatusCode;
    use axum::response::{IntoResponse, Response};
    use std::sync::{Arc, Mutex};

    pub type Seen = Arc<Mutex<Vec<(String, String)>>>;
    type Handler = Arc<dyn Fn(&str, &str) -> (StatusCode, String) + Send + Sync>;

    pub async fn serve(handler: Handler) -> (String, Seen) {
        let seen: Seen = Arc::default();
        let app = Router::new()
            .fallback(respond)
            .with_state((handler, seen.clone()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (base, seen)
    }

    async fn respond(State((handler, seen)): State<(Handler, Seen)>, req: Request) -> Response {
        let uri = req.uri().to_string();
        let body = axum::body::to_bytes(req.into_body(), 1 << 20)
            .await
            .unwrap_or_default();
        let body = String::from_utf8_lossy(&body).to_string();
        seen.lock().unwrap().push((uri.clone(), body.clone()));
        let (status, text) = handler(&uri, &body);
        (status, [("content-type", "application/json")], text).into_response()
    }
}

fn mock_client(base: &str) -> MdeClient {
    let mut cfg = ClientConfig::new(base);
    cfg.retry = fast_policy();
    MdeClient::new(cfg, Arc::new(StaticToken::new("t"))).unwrap()
}

#[tokio::test]
async fn a_refused_determination_spelling_is_retried_once_with_the_alternative() {
    use axum::http::StatusCode;
    let (base, seen) = mock::serve(Arc::new(|_uri: &str, body: &str| {
        if body.contains("\"NotMalicious\"") {
            (
                StatusCode::BAD_REQUEST,
                r#"{"error":{"code":"InvalidRequestBody","message":"Request body is incorrect","target":"x"}}"#.into(),
            )
        } else {
            (StatusCode::OK, r#"{"id":"da1","title":"t","determination":"Clean","status":"Resolved"}"#.into())
        }
    }))
    .await;
    let c = mock_client(&base);
    let change = TriageChange {
        classification: Some(Classification::FalsePositive),
        determination: Some(Determination::NotMalicious),
        comment: Some("fp".into()),
        ..Default::default()
    };
    let got = c.update("da1", &change).await.unwrap();
    assert_eq!(got.alert.determination, Some(Determination::NotMalicious));
    let bodies: Vec<String> = seen.lock().unwrap().iter().map(|s| s.1.clone()).collect();
    assert_eq!(bodies.len(), 2);
    assert!(bodies[0].contains("\"determination\":\"NotMalicious\""));
    assert!(
        bodies[1].contains("\"determination\":\"Clean\"")
            && bodies[1].contains("\"comment\":\"fp\"")
    );
    // A determination without a disputed spelling is not retried: the 400 is final.
    let (base, seen) = mock::serve(Arc::new(|_: &str, _: &str| {
        (
            StatusCode::BAD_REQUEST,
            r#"{"error":{"code":"InvalidRequestBody","message":"no"}}"#.into(),
        )
    }))
    .await;
    let c = mock_client(&base);
    let change = TriageChange {
        determination: Some(Determination::Malware),
        ..Default::default()
    };
    assert!(matches!(
        c.update("da1", &change).await,
        Err(ApiError::BadRequest(_))
    ));
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn next_links_are_followed_once_and_only_to_the_same_origin() {
    use axum::http::StatusCode;
    let base_cell: Arc<Mutex<String>> = Arc::default();
    let cell = base_cell.clone();
    let (base, seen) = mock::serve(Arc::new(move |uri: &str, _: &str| {
        let me = cell.lock().unwrap().clone();
        let (id, next) = if uri.contains("page=2") {
            ("da2", format!("{me}/api/alerts?page=2"))
        } else if uri.contains("page=foreign") {
            ("da-foreign", String::new())
        } else {
            ("da1", format!("{me}/api/alerts?page=2"))
        };
        let body = serde_json::json!({
            "value": [{"id": id, "title": "t"}, {"id": 5}],
            "@odata.nextLink": next,
        });
        (StatusCode::OK, body.to_string())
    }))
    .await;
    *base_cell.lock().unwrap() = base.clone();
    let c = mock_client(&base);
    let got = c.list_all(None, 10, false).await.unwrap();
    // Page 1, then page 2 once (its link to itself is not followed again); the short page ends it.
    assert_eq!(
        ids(got.alerts.iter().map(|p| &p.alert)),
        BTreeSet::from(["da1".into(), "da2".into()])
    );
    assert_eq!(
        got.skipped.len(),
        2,
        "the malformed alert of each page is reported, not fatal"
    );
    assert_eq!(seen.lock().unwrap().len(), 2);

    // A link to another origin is never followed: the bearer token must not leave the API host.
    let (other, other_seen) = mock::serve(Arc::new(|_: &str, _: &str| {
        (StatusCode::OK, r#"{"value":[]}"#.into())
    }))
    .await;
    let foreign = format!("{other}/api/alerts?page=foreign");
    let (base, seen) = mock::serve(Arc::new(move |_: &str, _: &str| {
        let body = serde_json::json!({"value": [{"id": "da1"}], "@odata.nextLink": foreign});
        (StatusCode::OK, body.to_string())
    }))
    .await;
    let got = mock_client(&base).list_all(None, 10, false).await.unwrap();
    assert_eq!(got.alerts.len(), 1);
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert!(other_seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn list_sends_the_documented_query_string() {
    use axum::http::StatusCode;
    let (base, seen) = mock::serve(Arc::new(|_: &str, _: &str| {
        (StatusCode::OK, r#"{"value":[]}"#.into())
    }))
    .await;
    let c = mock_client(&base);
    let q = ListQuery {
        filter: Some(Filter::eq(Prop::AssignedTo, "x' or severity eq 'Low")),
        top: Some(100),
        skip: Some(200),
        expand_evidence: true,
        orderby: None,
    };
    c.list(&q).await.unwrap();
    let uri = seen.lock().unwrap()[0].0.clone();
    assert_eq!(
        uri,
        "/api/alerts?$filter=assignedTo%20eq%20%27x%27%27%20or%20severity%20eq%20%27%27Low%27&$top=100&$skip=200&$expand=evidence"
    );
}

#[tokio::test]
async fn every_request_has_a_timeout_and_it_is_typed() {
    let emu = emulator::spawn(config(2)).await.unwrap();
    let id = emu.alert_ids()[0].clone();
    let mut cfg = ClientConfig::new(&emu.base_url());
    cfg.timeout = Duration::from_millis(80);
    cfg.retry = RetryPolicy {
        max_backoffs: 1,
        ..fast_policy()
    };
    let c = MdeClient::new(cfg, credentials(&emu, "mde-triage-demo", "demo-secret")).unwrap();
    c.get(&id).await.unwrap();
    set_faults(
        &emu,
        Faults {
            latency_ms: 400,
            ..Default::default()
        },
    )
    .await;
    let before = c.rate_info().requests;
    assert!(matches!(c.get(&id).await, Err(ApiError::Timeout)));
    assert_eq!(
        c.rate_info().requests - before,
        2,
        "a read is retried within the bound"
    );
    let before = c.rate_info().requests;
    let change = TriageChange {
        comment: Some("slow".into()),
        ..Default::default()
    };
    let err = c.update(&id, &change).await.unwrap_err();
    assert!(matches!(err, ApiError::Timeout) && err.is_ambiguous());
    assert_eq!(
        c.rate_info().requests - before,
        1,
        "a comment is not resent after a timeout"
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_comment() {
    // A port nobody listens on: the request certainly never left, so resending cannot duplicate.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let c = mock_client(&format!("http://127.0.0.1:{port}"));
    let change = TriageChange {
        comment: Some("never arrives".into()),
        ..Default::default()
    };
    let err = c.update("da1", &change).await.unwrap_err();
    assert!(
        matches!(err, ApiError::Connection { sent: false, .. }),
        "{err:?}"
    );
    assert!(err.is_transient() && !err.is_ambiguous());
    assert_eq!(
        c.rate_info().requests,
        u64::from(fast_policy().max_backoffs) + 1
    );
}
