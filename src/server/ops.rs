//! Liveness and readiness, for orchestrators and load balancers.

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};
use std::time::Duration;

/// The process is up and answering.
pub async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// The database answers within two seconds (code 104, HTTP 503, otherwise).
pub async fn readyz(State(state): State<AppState>) -> Result<Json<Value>, AppError> {
    let ping = sqlx::query_scalar!(r#"SELECT 1 AS "alive!""#).fetch_one(&state.pool);
    match tokio::time::timeout(Duration::from_secs(2), ping).await {
        Ok(Ok(_)) => Ok(Json(json!({"status": "ready"}))),
        Ok(Err(error)) => {
            tracing::warn!(error = %error, "readiness check failed");
            Err(AppError::Unavailable)
        }
        Err(_) => Err(AppError::Unavailable),
    }
}
