//! Personal API tokens.

use crate::harness::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;

#[sqlx::test]
async fn create_use_list_revoke(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let created =
        app.call(Method::POST, "/api/v1/tokens", Some(json!({"name": "ci"})), &[("cookie", &cookie)]).await.json();
    let token = created["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("kst_"));
    let bearer = format!("Bearer {token}");

    let stored: Vec<u8> = sqlx::query_scalar("SELECT token_hash FROM api_tokens").fetch_one(&app.pool).await.unwrap();
    assert_ne!(stored, token.as_bytes(), "only a hash is stored");

    let id = app
        .call(Method::POST, "/api/v1/schedules", Some(json!({"config": {"period": 60}})), &[("authorization", &bearer)])
        .await;
    assert_eq!(id.status, StatusCode::OK, "{}", id.text);

    let list = app.call(Method::GET, "/api/v1/tokens", None, &[("authorization", &bearer)]).await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0].get("token").is_none(), "a token is shown only once");

    let token_id = created["id"].as_i64().unwrap();
    let revoked = app.call(Method::DELETE, &format!("/api/v1/tokens/{token_id}"), None, &[("cookie", &cookie)]).await;
    assert_eq!(revoked.json(), json!({"revoked": token_id}));
    let refused = app
        .call(Method::POST, "/api/v1/schedules", Some(json!({"config": {"period": 60}})), &[("authorization", &bearer)])
        .await;
    assert_eq!((refused.status, refused.code()), (StatusCode::UNAUTHORIZED, 100));
    assert_eq!(app.snapshot().await.len(), 1);
}

#[sqlx::test]
async fn expired_and_unknown_tokens_are_refused(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let created = app
        .call(
            Method::POST,
            "/api/v1/tokens",
            Some(json!({"name": "short", "expires_in_days": 1})),
            &[("cookie", &cookie)],
        )
        .await
        .json();
    sqlx::query("UPDATE api_tokens SET expires_at = now() - interval '1 second'").execute(&app.pool).await.unwrap();
    let bearer = format!("Bearer {}", created["token"].as_str().unwrap());
    let reply = app.call(Method::GET, "/api/v1/me", None, &[("authorization", &bearer)]).await;
    assert_eq!(reply.code(), 100);
    let reply = app.call(Method::GET, "/api/v1/me", None, &[("authorization", "Bearer kst_made_up")]).await;
    assert_eq!(reply.code(), 100);
    let bad = app.call(Method::POST, "/api/v1/tokens", Some(json!({"name": ""})), &[("cookie", &cookie)]).await;
    assert_eq!(bad.code(), 4);
}

#[sqlx::test]
async fn tokens_of_others_cannot_be_revoked(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    app.user("bob").await;
    let ada = app.login("ada").await;
    let bob = app.login("bob").await;
    let created =
        app.call(Method::POST, "/api/v1/tokens", Some(json!({"name": "ada's"})), &[("cookie", &ada)]).await.json();
    let id = created["id"].as_i64().unwrap();
    let reply = app.call(Method::DELETE, &format!("/api/v1/tokens/{id}"), None, &[("cookie", &bob)]).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::NOT_FOUND, 6));
    let still = app
        .call(
            Method::GET,
            "/api/v1/me",
            None,
            &[("authorization", &format!("Bearer {}", created["token"].as_str().unwrap()))],
        )
        .await;
    assert_eq!(still.json()["username"], "ada");
}
