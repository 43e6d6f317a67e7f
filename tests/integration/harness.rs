//! Builds the app on a test database and sends it requests.

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use kragle_schedules::auth::keys::SecretKey;
use kragle_schedules::auth::User;
use kragle_schedules::server::http::app;
use kragle_schedules::state::{AppState, Settings};
use leptos::prelude::LeptosOptions;
use serde_json::Value;
use sqlx::PgPool;
use std::sync::Arc;
use tower::ServiceExt;

#[derive(Clone)]
pub struct TestApp {
    pub router: Router,
    pub pool: PgPool,
    pub state: AppState,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    /// The error code of a `{"code", "msg"}` body, checking the body has exactly that shape.
    pub fn code(&self) -> i64 {
        let body = self.json();
        let object = body.as_object().unwrap_or_else(|| panic!("not an object: {body}"));
        assert_eq!(object.len(), 2, "error body must be exactly code and msg: {body}");
        assert!(object["msg"].as_str().is_some_and(|m| !m.is_empty()), "msg must be a non-empty string: {body}");
        object["code"].as_i64().expect("integer code")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub const PASSWORD: &str = "correct horse battery";

impl TestApp {
    pub fn new(pool: PgPool) -> Self {
        Self::with_settings(pool, |_| {})
    }

    pub fn with_settings(pool: PgPool, change: impl FnOnce(&mut Settings)) -> Self {
        let mut settings = Settings::default();
        change(&mut settings);
        let options = LeptosOptions::builder().output_name("kragle-schedules").site_root("target/site").build();
        let state = AppState::new(options, pool.clone(), SecretKey::random(), settings);
        TestApp { router: app(state.clone()), pool, state }
    }

    /// The same app on the same database and key, with other settings (as a second
    /// instance configured differently would be).
    pub fn variant(&self, change: impl FnOnce(&mut Settings)) -> Self {
        let mut settings = (*self.state.settings).clone();
        change(&mut settings);
        let state = AppState { settings: Arc::new(settings), ..self.state.clone() };
        TestApp { router: app(state.clone()), pool: self.pool.clone(), state }
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.expect("the router never fails");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        Reply { status, headers, text: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// A request with an optional JSON body and extra headers.
    pub async fn call(&self, method: Method, uri: &str, body: Option<Value>, headers: &[(&str, &str)]) -> Reply {
        let mut builder = Request::builder().method(method).uri(uri);
        if body.is_some() {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
        }
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
        self.send(builder.body(body).unwrap()).await
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.call(Method::GET, uri, None, &[]).await
    }

    /// Creates an account with [`PASSWORD`].
    pub async fn user(&self, username: &str) -> User {
        kragle_schedules::auth::service::register(&self.pool, username, &format!("{username}@example.com"), PASSWORD)
            .await
            .expect("registering a test user")
    }

    /// Logs `username` in and returns the `Cookie` header value of the session.
    pub async fn login(&self, username: &str) -> String {
        let reply = self
            .call(
                Method::POST,
                "/api/v1/authenticate",
                Some(serde_json::json!({"username": username, "password": PASSWORD})),
                &[],
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let set_cookie = reply.header("set-cookie").expect("a session cookie");
        set_cookie.split(';').next().unwrap().to_string()
    }

    /// Creates a schedule as `cookie`'s user and returns its id.
    pub async fn create(&self, cookie: &str, body: Value) -> i64 {
        let reply = self.call(Method::POST, "/api/v1/schedules", Some(body), &[("cookie", cookie)]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json()["id"].as_i64().expect("an id")
    }

    /// Everything in the schedules table, for "nothing changed" assertions.
    pub async fn snapshot(&self) -> Vec<(i64, Option<String>, bool, Option<i32>, Option<i64>, i32)> {
        sqlx::query_as("SELECT id, name, once, period, run_at, version FROM schedules ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .unwrap()
    }
}
