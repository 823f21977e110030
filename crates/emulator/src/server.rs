//! The axum app: sign-in, API and control routes on one server; `spawn` for tests and the
//! embedded demo, `run_forever` for `mde-triage emulator`.

use super::auth::{bearer, device_code, openid, token_endpoint};
use super::clock::Clock;
use super::config::EmulatorConfig;
use super::errors::{ApiError, EmulatorError};
use super::load::initial_records;
use super::rate_limit::RateLimiter;
use super::response::ResponseState;
use super::routes::{alerts, control, related, update};
use super::state::{AppState, Shared};
use super::store::AlertStore;
use super::throttle;
use super::{auth::tokens::TokenRegistry, faults};
use crate::dice::Dice;
use axum::Router;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use mde_model::Alert;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running emulator. Dropping it leaves the server running until the runtime ends; call
/// `shutdown` to stop it and flush the state file.
#[derive(Debug)]
pub struct EmulatorHandle {
    /// The bound address.
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
    state: Shared,
}

impl EmulatorHandle {
    /// `http://addr` — the API base (`{base}/api/alerts`).
    pub fn base_url(&self) -> String {
        self.state.base_url.clone()
    }

    /// The sign-in base (`{login}/{tenant}/oauth2/v2.0/token`); the same server as the API.
    pub fn login_url(&self) -> String {
        self.state.base_url.clone()
    }

    /// The tenant id the emulator signs in.
    pub fn tenant(&self) -> &str {
        &self.state.config.tenant
    }

    /// A copy of the alert with this id as the server holds it (for test assertions).
    pub fn alert(&self, id: &str) -> Option<Alert> {
        self.state
            .store
            .read()
            .by_id
            .get(id)
            .map(|r| r.expanded().into_owned())
    }

    /// The incident with this id as Graph serves it, alerts included (for test assertions).
    pub fn incident(&self, id: &str) -> Option<mde_model::graph::Incident> {
        crate::graph::incidents::find(&self.state, id, true).ok()
    }

    /// Ids of every alert, in id order.
    pub fn alert_ids(&self) -> Vec<String> {
        self.state.store.read().by_id.keys().cloned().collect()
    }

    /// Stops serving, waits for the server task, and writes the state file.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take()
            && let Ok(Err(e)) = task.await
        {
            tracing::warn!(error = %e, "emulator server ended with an error");
        }
        if let Err(e) = self.state.store.persist().await {
            tracing::error!(error = %e, "cannot write the emulator state file");
        }
    }
}

/// Binds `config.listen` and serves in a background task.
pub async fn spawn(config: EmulatorConfig) -> Result<EmulatorHandle, EmulatorError> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|source| EmulatorError::Bind {
            addr: config.listen,
            source,
        })?;
    let addr = listener
        .local_addr()
        .map_err(|source| EmulatorError::Bind {
            addr: config.listen,
            source,
        })?;
    let clock = Arc::new(Clock::default());
    let now = clock.now();
    let cfg = config.clone();
    let (records, from_state) = tokio::task::spawn_blocking(move || initial_records(&cfg, now))
        .await
        .map_err(|e| EmulatorError::Serve(std::io::Error::other(e)))??;
    let graph = graph_state(&config, &records, from_state, now);
    let store = AlertStore::new(records, config.state_file.clone(), clock.clone());
    if !from_state && config.state_file.is_some() {
        store.mark_dirty();
        store.persist().await?;
    }
    let alert_properties = match serde_json::to_value(Alert::new("x", "x")) {
        Ok(serde_json::Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    };
    let tokens = TokenRegistry::new(config.token_lifetime, clock.clone());
    tokens.withhold(config.response.withheld_roles.clone());
    let state: Shared = Arc::new(AppState {
        base_url: format!("http://{addr}"),
        store,
        tokens,
        response: ResponseState::new(config.response.clone(), config.data_file.is_none()),
        devices: Default::default(),
        limiter: RateLimiter::new(config.rate_limits),
        faults: RwLock::new(config.faults),
        dice: Dice::new(config.fault_seed),
        clock,
        alert_properties,
        graph,
        config,
    });
    let app = router(state.clone());
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });
    Ok(EmulatorHandle {
        addr,
        stop: Some(stop),
        task: Some(task),
        state,
    })
}

/// The whole app.
pub fn router(st: Shared) -> Router {
    let api = Router::new()
        .route("/alerts", get(alerts::list))
        .route("/alerts/batchUpdate", post(update::batch))
        .route("/alerts/{id}", get(alerts::get).patch(update::patch))
        .route("/alerts/{id}/{kind}", get(related::related))
        .merge(crate::response::routes::api())
        .layer(from_fn_with_state(
            st.clone(),
            crate::response::faults::drop_next,
        ))
        .layer(from_fn_with_state(st.clone(), faults::inject))
        .layer(from_fn_with_state(st.clone(), throttle::enforce))
        .layer(from_fn_with_state(st.clone(), bearer::require_token));
    Router::new()
        .merge(crate::graph::router(st.clone()))
        .nest("/api/v1.0", api.clone())
        .nest("/api", api)
        .route(
            "/{tenant}/oauth2/v2.0/token",
            post(token_endpoint::token_v2),
        )
        .route("/{tenant}/oauth2/token", post(token_endpoint::token_v1))
        .route("/{tenant}/oauth2/v2.0/devicecode", post(device_code::start))
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(openid::configuration),
        )
        .route("/_emulator/state", get(control::state))
        .route(
            "/_emulator/faults",
            get(control::set_faults).put(control::set_faults),
        )
        .route("/_emulator/clock", post(control::clock))
        .route("/_emulator/rate-limits/reset", post(control::reset_limits))
        .route("/_emulator/tokens/expire", post(control::expire_tokens))
        .route("/_emulator/alerts", post(control::upsert))
        .route(
            "/_emulator/alerts/{id}",
            axum::routing::patch(control::patch),
        )
        .route("/_emulator/devicecode/approve", post(device_code::approve))
        .route("/_emulator/devicelogin", get(device_code::login_page))
        .merge(crate::response::routes::outside_api())
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "NotFound", "Resource not found.").into_response()
        })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "BadRequest",
                "The requested resource does not support this HTTP method.",
            )
            .into_response()
        })
        .with_state(st)
}

/// The Graph side at start: the other products' alerts (demo tenants only: data and state files
/// hold endpoint alerts) and the incident book built from every alert.
fn graph_state(
    config: &EmulatorConfig,
    records: &[crate::record::Record],
    from_state: bool,
    now: mde_model::Timestamp,
) -> crate::graph::GraphState {
    use crate::graph::alert_ref::AlertRef;
    use crate::graph::incident_book::{IncidentBook, groups};
    let demo = !from_state && config.data_file.is_none();
    let other = if demo && config.graph.other_products {
        let expanded: Vec<_> = records.iter().map(|r| r.expanded()).collect();
        let endpoint: Vec<&Alert> = expanded.iter().map(|a| a.as_ref()).collect();
        let spec = crate::demo_data::DemoSpec {
            alerts: config.alerts,
            seed: config.seed,
            end: now,
        };
        crate::demo_data::other_products(&spec, &endpoint)
    } else {
        Vec::new()
    };
    let book = {
        let refs: Vec<AlertRef<'_>> = records
            .iter()
            .map(AlertRef::Endpoint)
            .chain(other.iter().map(AlertRef::Other))
            .collect();
        IncidentBook::build(&groups(&refs), config.seed)
    };
    crate::graph::GraphState::new(config.graph.clone(), config.rate_limits, other, book)
}

/// Runs until Ctrl-C or SIGTERM, after printing how to reach the emulator; then writes the state file.
pub async fn run_forever(config: EmulatorConfig) -> Result<(), EmulatorError> {
    let default_secret = config.app.secret == EmulatorConfig::default().app.secret;
    let handle = spawn(config).await?;
    let st = &handle.state;
    let c = &st.config;
    let secret = if default_secret {
        c.app.secret.as_str()
    } else {
        "<the secret you configured>"
    };
    println!(
        "MDE API emulator on {base} serving {n} alerts (Ctrl-C to stop)\n\
         \n  tenant            {tenant}\n  client id         {id}  (read-only: {ro})\n  \
         token endpoint    {base}/{tenant}/oauth2/v2.0/token\n  \
         scope             https://api.securitycenter.microsoft.com/.default\n  \
         alerts            {base}/api/alerts\n  \
         device-code login {base}/_emulator/devicelogin\n\
         \nEnvironment for a client:\n\
         export MDE_API_URL={base}\n\
         export MDE_LOGIN_URL={base}\n\
         export AZURE_TENANT_ID={tenant}\n\
         export AZURE_CLIENT_ID={id}\n\
         export AZURE_CLIENT_SECRET={secret}",
        base = st.base_url,
        n = st.store.len(),
        tenant = c.tenant,
        id = c.app.client_id,
        ro = c.readonly_app.client_id,
    );
    stop_signal().await;
    handle.shutdown().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM on Unix (how test harnesses and service managers stop a child).
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    if tokio::signal::ctrl_c().await.is_err() {
        tracing::warn!("cannot listen for Ctrl-C; stopping");
    }
}
