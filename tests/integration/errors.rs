//! Every documented error: its code, its status, its body, and that it changed nothing.

use crate::harness::TestApp;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;
use sqlx::PgPool;

#[sqlx::test]
async fn bad_query_parameters_are_code_1(pool: PgPool) {
    let app = TestApp::new(pool);
    for uri in [
        "/api/v1/schedules?page=0",
        "/api/v1/schedules?page=abc",
        "/api/v1/schedules?page=-3",
        "/api/v1/schedules/byid/abc",
        "/api/v1/schedules/byid/0",
    ] {
        let reply = app.get(uri).await;
        assert_eq!((reply.status, reply.code()), (StatusCode::BAD_REQUEST, 1), "{uri}");
    }
}

#[sqlx::test]
async fn body_errors(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let post = |body: Body, content_type: Option<&'static str>| {
        let mut builder =
            Request::builder().method(Method::POST).uri("/api/v1/schedules").header("cookie", cookie.clone());
        if let Some(ct) = content_type {
            builder = builder.header("content-type", ct);
        }
        builder.body(body).unwrap()
    };

    let reply = app.send(post(Body::from("{\"config\": "), Some("application/json"))).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::BAD_REQUEST, 2));
    let reply =
        app.send(post(Body::from("{\"config\": {\"period\": 60}, \"config\": {}}"), Some("application/json"))).await;
    assert_eq!(reply.code(), 2, "duplicate keys");
    let reply = app
        .send(post(
            Body::from(b"{\"name\": \"\xff\", \"config\": {\"period\": 60}}".to_vec()),
            Some("application/json"),
        ))
        .await;
    assert_eq!(reply.code(), 2, "invalid UTF-8");
    let deep = "[".repeat(5000) + &"]".repeat(5000);
    assert_eq!(app.send(post(Body::from(deep), Some("application/json"))).await.code(), 2, "deep nesting");

    let reply = app.send(post(Body::from("{\"config\": {\"period\": 60}}"), Some("text/plain"))).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, 2));
    let reply = app.send(post(Body::from("{\"config\": {\"period\": 60}}"), None)).await;
    assert_eq!(reply.status, StatusCode::OK, "a body without Content-Type is read as JSON");

    let big = json!({"name": "x".repeat(70 * 1024), "config": {"period": 60}}).to_string();
    let reply = app.send(post(Body::from(big), Some("application/json"))).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::PAYLOAD_TOO_LARGE, 4));

    assert_eq!(app.snapshot().await.len(), 1, "only the one valid request wrote");
}

#[sqlx::test]
async fn every_payload_rule_is_code_4_and_changes_nothing(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let id = app.create(&cookie, json!({"name": "keep", "config": {"period": 300}})).await;
    let before = app.snapshot().await;
    let invalid = [
        json!({}),
        json!([]),
        json!("text"),
        json!([{"config": {"period": 60}}]),
        json!({"config": {"period": 60}, "extra": 1}),
        json!({"once": "yes", "config": {"period": 60}}),
        json!({"once": null, "config": {"period": 60}}),
        json!({"name": 42, "config": {"period": 60}}),
        json!({"name": "x".repeat(201), "config": {"period": 60}}),
        json!({"name": "tab\there", "config": {"period": 60}}),
        json!({"name": "tab\there", "config": {"period": 59}}),
    ];
    for body in &invalid {
        let reply = app.call(Method::POST, "/api/v1/schedules", Some(body.clone()), &[("cookie", &cookie)]).await;
        assert_eq!((reply.status, reply.code()), (StatusCode::UNPROCESSABLE_ENTITY, 4), "POST {body}");
    }
    // On PUT every key is optional, so `{}` is a change of nothing.
    for body in invalid.iter().skip(1) {
        let reply =
            app.call(Method::PUT, &format!("/api/v1/schedules/{id}"), Some(body.clone()), &[("cookie", &cookie)]).await;
        assert_eq!((reply.status, reply.code()), (StatusCode::UNPROCESSABLE_ENTITY, 4), "PUT {body}");
    }
    assert_eq!(app.snapshot().await, before);
}

#[sqlx::test]
async fn every_config_rule_is_code_26_and_changes_nothing(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let id = app.create(&cookie, json!({"name": "keep", "config": {"period": 300}})).await;
    let before = app.snapshot().await;
    let invalid = [
        json!({"config": {}}),
        json!({"config": null}),
        json!({"config": []}),
        json!({"config": 60}),
        json!({"config": "period=60"}),
        json!({"config": {"period": 59}}),
        json!({"config": {"period": 31_622_401}}),
        json!({"config": {"period": 60.5}}),
        json!({"config": {"period": "60"}}),
        json!({"config": {"period": null}}),
        json!({"config": {"period": 1e30}}),
        json!({"config": {"period": 60, "extra": 1}}),
        json!({"config": {"period": 60, "timestamp": 946_684_799}}),
        json!({"config": {"period": 60, "timestamp": "soon"}}),
        json!({"once": true, "config": {}}),
        json!({"once": true, "config": {"period": 60}}),
        json!({"once": true, "config": {"timestamp": 1_900_000_000, "period": 60}}),
        json!({"once": true, "config": {"timestamp": 253_402_300_800i64}}),
        json!({"once": false, "config": {"timestamp": 1_900_000_000}}),
        json!({"name": "<script>'; DROP TABLE schedules; --", "config": {"period": 59}}),
    ];
    for body in &invalid {
        let reply = app.call(Method::POST, "/api/v1/schedules", Some(body.clone()), &[("cookie", &cookie)]).await;
        assert_eq!((reply.status, reply.code()), (StatusCode::UNPROCESSABLE_ENTITY, 26), "POST {body}: {}", reply.text);
        let message = reply.json()["msg"].as_str().unwrap().to_string();
        assert!(message.contains("config"), "the message names the key: {message}");
        let reply =
            app.call(Method::PUT, &format!("/api/v1/schedules/{id}"), Some(body.clone()), &[("cookie", &cookie)]).await;
        assert_eq!((reply.status, reply.code()), (StatusCode::UNPROCESSABLE_ENTITY, 26), "PUT {body}: {}", reply.text);
    }
    // A change that leaves the stored config unfit for the new `once`.
    let reply = app
        .call(Method::PUT, &format!("/api/v1/schedules/{id}"), Some(json!({"once": true})), &[("cookie", &cookie)])
        .await;
    assert_eq!((reply.status, reply.code()), (StatusCode::UNPROCESSABLE_ENTITY, 26));
    assert_eq!(app.snapshot().await, before);
}

/// The product's own codes, each provoked: 100 and above, never a number Kragle.io uses.
#[sqlx::test]
async fn own_codes_are_100_and_above(pool: PgPool) {
    let app = TestApp::with_settings(pool, |s| s.auth.login_limit_per_account = 1);
    app.user("ada").await;
    app.user("bob").await;
    let ada = app.login("ada").await;
    let bob = app.login("bob").await;
    let id = app.create(&ada, json!({"config": {"period": 300}})).await;
    let uri = format!("/api/v1/schedules/{id}");
    let check = |reply: crate::harness::Reply, status: StatusCode, code: i64| {
        assert_eq!((reply.status, reply.code()), (status, code), "{}", reply.text);
        reply
    };
    let body = Some(json!({"name": "x"}));

    check(app.call(Method::PUT, &uri, body.clone(), &[]).await, StatusCode::UNAUTHORIZED, 100);
    check(app.call(Method::PUT, &uri, body.clone(), &[("cookie", &bob)]).await, StatusCode::FORBIDDEN, 101);
    let stale = [("cookie", ada.as_str()), ("if-match", "\"0-0\"")];
    check(app.call(Method::PUT, &uri, body.clone(), &stale).await, StatusCode::PRECONDITION_FAILED, 103);
    let wrong = json!({"username": "ada", "password": "wrong password"});
    app.call(Method::POST, "/api/v1/authenticate", Some(wrong.clone()), &[]).await;
    let limited = check(
        app.call(Method::POST, "/api/v1/authenticate", Some(wrong), &[]).await,
        StatusCode::TOO_MANY_REQUESTS,
        102,
    );
    assert!(limited.header("retry-after").is_some_and(|s| s.parse::<u64>().is_ok()));

    // A table the code relies on is gone: unexpected, so 105, and nothing internal leaks.
    sqlx::query("ALTER TABLE schedules RENAME TO schedules_away").execute(&app.pool).await.unwrap();
    let broken = check(app.get(&format!("/api/v1/schedules/byid/{id}")).await, StatusCode::INTERNAL_SERVER_ERROR, 105);
    assert!(!broken.text.contains("schedules_away") && !broken.text.contains("relation"), "{}", broken.text);
    sqlx::query("ALTER TABLE schedules_away RENAME TO schedules").execute(&app.pool).await.unwrap();

    app.pool.close().await;
    check(app.get("/api/v1/schedules").await, StatusCode::SERVICE_UNAVAILABLE, 104);
}

#[sqlx::test]
async fn unknown_routes_and_methods_answer_in_the_error_format(pool: PgPool) {
    let app = TestApp::new(pool);
    let reply = app.get("/api/v1/nothing-here").await;
    assert_eq!((reply.status, reply.code()), (StatusCode::NOT_FOUND, 6));
    let reply = app.call(Method::PATCH, "/api/v1/schedules", None, &[]).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::METHOD_NOT_ALLOWED, 1));
    let reply = app.call(Method::GET, "/api/v1/schedules/1", None, &[]).await;
    assert_eq!(reply.code(), 1);
}

/// A request to send: method, URI, JSON body, headers.
type Call<'a> = (Method, &'a str, Option<serde_json::Value>, Vec<(&'a str, &'a str)>);

#[sqlx::test]
async fn compatibility_switch_makes_every_error_500_with_the_same_body(pool: PgPool) {
    let normal = TestApp::new(pool);
    let compat = normal.variant(|s| s.compat_http_500 = true);
    normal.user("ada").await;
    let cookie = normal.login("ada").await;
    let requests: Vec<Call> = vec![
        (Method::GET, "/api/v1/schedules?page=0", None, vec![]),
        (Method::GET, "/api/v1/schedules/byid/42", None, vec![]),
        (Method::POST, "/api/v1/schedules", Some(json!({"config": {"period": 1}})), vec![("cookie", cookie.as_str())]),
        (Method::POST, "/api/v1/schedules", Some(json!({"config": {"period": 60}})), vec![]),
        (Method::POST, "/api/v1/authenticate", Some(json!({"username": "ada", "password": "wrong pw"})), vec![]),
        (Method::GET, "/api/v1/nowhere", None, vec![]),
    ];
    for (method, uri, body, headers) in requests {
        let a = normal.call(method.clone(), uri, body.clone(), &headers).await;
        let b = compat.call(method, uri, body, &headers).await;
        assert!(a.status.is_client_error(), "{uri}: {}", a.status);
        assert_eq!(b.status, StatusCode::INTERNAL_SERVER_ERROR, "{uri}");
        assert_eq!(a.json(), b.json(), "{uri}: same body");
    }
    let ok = compat.get("/api/v1/schedules").await;
    assert_eq!(ok.status, StatusCode::OK, "successes are untouched");
}

#[sqlx::test]
async fn health_and_readiness(pool: PgPool) {
    let app = TestApp::new(pool);
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
    app.pool.close().await;
    let reply = app.get("/readyz").await;
    assert_eq!((reply.status, reply.code()), (StatusCode::SERVICE_UNAVAILABLE, 104));
    let reply = app.get("/api/v1/schedules").await;
    assert_eq!((reply.status, reply.code()), (StatusCode::SERVICE_UNAVAILABLE, 104));
}
