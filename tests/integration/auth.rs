//! Logins, sessions, inline authentication, throttling and cross-site refusal.

use crate::harness::{TestApp, PASSWORD};
use axum::http::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;

#[sqlx::test]
async fn login_by_username_or_email(pool: PgPool) {
    let app = TestApp::new(pool);
    let ada = app.user("ada").await;
    for body in [
        json!({"username": "ada", "password": PASSWORD}),
        json!({"email": "ADA@example.com", "password": PASSWORD}),
        json!({"username": "ada", "email": "nobody@example.com", "password": PASSWORD}),
    ] {
        let reply = app.call(Method::POST, "/api/v1/authenticate", Some(body.clone()), &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{body}");
        assert_eq!(reply.json(), json!({"code": 0, "user_id": ada.id}));
        let cookie = reply.header("set-cookie").unwrap();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    }
    let alias =
        app.call(Method::POST, "/api/v1/login", Some(json!({"username": "ada", "password": PASSWORD})), &[]).await;
    assert_eq!(alias.status, StatusCode::OK);
}

/// Kragle.io's walkthrough copies the cookie named `auth_tkt` from the login answer.
#[sqlx::test]
async fn the_session_cookie_is_auth_tkt(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let reply = app
        .call(Method::POST, "/api/v1/authenticate", Some(json!({"username": "ada", "password": PASSWORD})), &[])
        .await;
    let set_cookie = reply.header("set-cookie").unwrap();
    let (name, rest) = set_cookie.split_once('=').unwrap();
    assert_eq!(name, "auth_tkt");
    assert!(set_cookie.contains("; HttpOnly") && set_cookie.contains("; SameSite=Lax"), "{set_cookie}");
    let value = rest.split(';').next().unwrap();
    let cookie = format!("auth_tkt={value}");
    let me = app.call(Method::GET, "/api/v1/me", None, &[("cookie", &cookie)]).await;
    assert_eq!((me.status, me.json()["username"].as_str()), (StatusCode::OK, Some("ada")), "{}", me.text);
    let create = app
        .call(Method::POST, "/api/v1/schedules", Some(json!({"config": {"period": 60}})), &[("cookie", &cookie)])
        .await;
    assert_eq!(create.status, StatusCode::OK, "{}", create.text);
}

#[sqlx::test]
async fn the_session_cookie_is_secure_behind_tls_only(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let login = json!({"username": "ada", "password": PASSWORD});
    let plain = app.call(Method::POST, "/api/v1/authenticate", Some(login.clone()), &[]).await;
    let cookie = plain.header("set-cookie").unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP: no Secure flag: {cookie}");
    let untrusted =
        app.call(Method::POST, "/api/v1/authenticate", Some(login.clone()), &[("x-forwarded-proto", "https")]).await;
    assert!(
        !untrusted.header("set-cookie").unwrap().contains("Secure"),
        "X-Forwarded-Proto is ignored unless the proxy is trusted"
    );

    let proxied = app.variant(|s| s.trust_proxy = true);
    let reply = proxied
        .call(Method::POST, "/api/v1/authenticate", Some(login.clone()), &[("x-forwarded-proto", "https")])
        .await;
    assert!(reply.header("set-cookie").unwrap().contains("; Secure"), "behind a trusted TLS proxy");
    let secure = app.variant(|s| s.secure_cookies = true);
    let reply = secure.call(Method::POST, "/api/v1/authenticate", Some(login), &[]).await;
    assert!(reply.header("set-cookie").unwrap().contains("; Secure"), "with --secure-cookies");
}

#[sqlx::test]
async fn failed_logins_are_code_3(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    for body in [
        json!({"username": "ada", "password": "wrong password"}),
        json!({"username": "nobody", "password": PASSWORD}),
        json!({"email": "nobody@example.com", "password": PASSWORD}),
    ] {
        let reply = app.call(Method::POST, "/api/v1/authenticate", Some(body), &[]).await;
        assert_eq!((reply.status, reply.code()), (StatusCode::UNAUTHORIZED, 3));
        assert!(reply.header("set-cookie").is_none());
    }
    let missing = app.call(Method::POST, "/api/v1/authenticate", Some(json!({"username": "ada"})), &[]).await;
    assert_eq!(missing.code(), 4);
}

#[sqlx::test]
async fn session_changes_at_login_and_dies_at_logout(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let first = app.login("ada").await;
    let second = app.login("ada").await;
    assert_ne!(first, second, "a new session id at every login");

    let me = app.call(Method::GET, "/api/v1/me", None, &[("cookie", &second)]).await;
    assert_eq!(me.json()["username"], "ada");

    let out = app.call(Method::POST, "/api/v1/logout", None, &[("cookie", &second)]).await;
    assert_eq!(out.json(), json!({"code": 0}));
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    let after = app.call(Method::GET, "/api/v1/me", None, &[("cookie", &second)]).await;
    assert_eq!((after.status, after.code()), (StatusCode::UNAUTHORIZED, 100));
    let write = app
        .call(Method::POST, "/api/v1/schedules", Some(json!({"config": {"period": 60}})), &[("cookie", &second)])
        .await;
    assert_eq!(write.code(), 100);
    assert!(app.snapshot().await.is_empty());
}

#[sqlx::test]
async fn login_replaces_the_presented_session(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let planted = app.login("ada").await;
    let reply = app
        .call(
            Method::POST,
            "/api/v1/authenticate",
            Some(json!({"username": "ada", "password": PASSWORD})),
            &[("cookie", &planted)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let me = app.call(Method::GET, "/api/v1/me", None, &[("cookie", &planted)]).await;
    assert_eq!(me.code(), 100, "the session sent to login is ended by it");
}

#[sqlx::test]
async fn inline_auth(pool: PgPool) {
    let app = TestApp::new(pool);
    let ada = app.user("ada").await;
    let body = json!({"auth": {"username": "ada", "password": PASSWORD}, "payload": {"name": "inline", "config": {"period": 60}}});
    let reply = app.call(Method::POST, "/api/v1/schedules", Some(body), &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let id = reply.json()["id"].as_i64().unwrap();
    let owner: i64 =
        sqlx::query_scalar("SELECT owner_id FROM schedules WHERE id = $1").bind(id).fetch_one(&app.pool).await.unwrap();
    assert_eq!(owner, ada.id);

    let by_email = json!({"auth": {"email": "ada@example.com", "password": PASSWORD}, "payload": {"name": "renamed"}});
    let put = app.call(Method::PUT, &format!("/api/v1/schedules/{id}"), Some(by_email), &[]).await;
    assert_eq!(put.json()["name"], "renamed");

    let before = app.snapshot().await;
    let wrong = json!({"auth": {"username": "ada", "password": "nope nope"}, "payload": {"config": {"period": 60}}});
    let reply = app.call(Method::POST, "/api/v1/schedules", Some(wrong), &[]).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::UNAUTHORIZED, 3));
    let extra = json!({"auth": {"username": "ada", "password": PASSWORD}, "payload": {}, "config": {}});
    assert_eq!(app.call(Method::POST, "/api/v1/schedules", Some(extra), &[]).await.code(), 4);
    assert_eq!(app.snapshot().await, before);
}

#[sqlx::test]
async fn writes_need_authentication(pool: PgPool) {
    let app = TestApp::new(pool);
    let reply = app.call(Method::POST, "/api/v1/schedules", Some(json!({"config": {"period": 60}})), &[]).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::UNAUTHORIZED, 100));
    let reply = app.call(Method::PUT, "/api/v1/schedules/1", Some(json!({"name": "x"})), &[]).await;
    assert_eq!(reply.code(), 100);
    let reply = app.call(Method::DELETE, "/api/v1/schedules/1", None, &[]).await;
    assert_eq!(reply.code(), 100);
    let reply = app.call(Method::GET, "/api/v1/me", None, &[]).await;
    assert_eq!(reply.code(), 100);
}

#[sqlx::test]
async fn cross_site_cookie_writes_are_refused(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let body = json!({"config": {"period": 60}});
    for headers in [
        vec![("cookie", cookie.as_str()), ("sec-fetch-site", "cross-site")],
        vec![("cookie", cookie.as_str()), ("origin", "https://evil.example"), ("host", "schedules.example")],
    ] {
        let reply = app.call(Method::POST, "/api/v1/schedules", Some(body.clone()), &headers).await;
        assert_eq!((reply.status, reply.code()), (StatusCode::FORBIDDEN, 101));
    }
    assert!(app.snapshot().await.is_empty());
    let same = app
        .call(Method::POST, "/api/v1/schedules", Some(body), &[("cookie", &cookie), ("sec-fetch-site", "same-origin")])
        .await;
    assert_eq!(same.status, StatusCode::OK);
}

#[sqlx::test]
async fn login_attempts_are_rate_limited(pool: PgPool) {
    let app = TestApp::with_settings(pool, |s| {
        s.auth.login_limit_per_account = 3;
        s.auth.login_limit_per_address = 5;
    });
    app.user("ada").await;
    app.user("bob").await;
    let attempt = |username: &'static str, password: &'static str| {
        let app = &app;
        async move {
            app.call(
                Method::POST,
                "/api/v1/authenticate",
                Some(json!({"username": username, "password": password})),
                &[],
            )
            .await
        }
    };
    for _ in 0..3 {
        assert_eq!(attempt("ada", "wrong one").await.code(), 3);
    }
    let limited = attempt("ada", PASSWORD).await;
    assert_eq!((limited.status, limited.code()), (StatusCode::TOO_MANY_REQUESTS, 102));
    let retry_after: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry_after));

    // Another account from the same address still works until the address limit.
    assert_eq!(attempt("bob", PASSWORD).await.status, StatusCode::OK);
    assert_eq!(attempt("bob", "wrong one").await.code(), 3);
    assert_eq!(attempt("bob", "wrong one").await.code(), 3);
    assert_eq!(attempt("bob", PASSWORD).await.code(), 102, "five failures from one address");
}
