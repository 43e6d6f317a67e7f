//! The server-rendered pages hold their data in the first HTML.

use crate::harness::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;

#[sqlx::test]
async fn the_list_page_is_rendered_with_its_data(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    app.create(&cookie, json!({"name": "Nightly backup", "config": {"period": 86400}})).await;
    app.create(&cookie, json!({"name": "<script>alert(1)</script>", "config": {"period": 300}})).await;
    let reply = app.get("/schedules").await;
    assert_eq!(reply.status, StatusCode::OK);
    let html = &reply.text;
    assert!(html.contains("Nightly backup"), "{html}");
    assert!(!html.contains("Loading schedules"), "the data is in place, not streamed in later: {html}");
    assert!(html.contains("Every day"));
    assert!(html.contains("Every 5 minutes"));
    assert!(html.contains("2 schedules"));
    assert!(!html.contains("<script>alert(1)"), "user text is escaped");
    assert!(html.contains("&lt;script&gt;alert(1)"));
}

#[sqlx::test]
async fn search_and_pages_come_from_the_url(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    for n in 0..12 {
        app.create(&cookie, json!({"name": format!("job {n:02}"), "config": {"period": 60}})).await;
    }
    app.create(&cookie, json!({"name": "special", "config": {"period": 60}})).await;
    let page2 = app.get("/schedules?page=2").await.text;
    assert!(page2.contains("job 10") && page2.contains("special") && !page2.contains("job 09"));
    let found = app.get("/schedules?q=spec").await.text;
    assert!(found.contains("1 schedule") && found.contains("special") && !found.contains("job 01"));
    let none = app.get("/schedules?q=nothing-like-this").await.text;
    assert!(none.contains("No schedule matches"));
}

#[sqlx::test]
async fn empty_state_root_redirect_and_not_found(pool: PgPool) {
    let app = TestApp::new(pool);
    assert!(app.get("/schedules").await.text.contains("No schedules yet"));
    let root = app.get("/").await;
    assert!(root.status.is_redirection(), "{}", root.status);
    assert_eq!(root.header("location"), Some("/schedules"));
    let missing = app.get("/no/such/page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.text.contains("Page not found"));
}

#[sqlx::test]
async fn security_headers_on_pages_and_api(pool: PgPool) {
    let app = TestApp::new(pool);
    let page = app.get("/schedules").await;
    let csp = page.header("content-security-policy").expect("a CSP on pages");
    let nonce = csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a script nonce");
    assert!(nonce.len() >= 16, "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(page.text.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the nonce");
    let other = app.get("/schedules").await.header("content-security-policy").unwrap().to_string();
    assert_ne!(other, csp, "a new nonce for every page");
    for reply in [page, app.get("/api/v1/schedules").await] {
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(reply.header("referrer-policy"), Some("same-origin"));
        assert!(reply.header("content-security-policy").unwrap().contains("frame-ancestors 'none'"));
    }
}

#[sqlx::test]
async fn server_function_errors_keep_their_status(pool: PgPool) {
    use axum::body::Body;
    use axum::http::{Method, Request};
    use kragle_schedules::pages::server_fns::accounts::SignIn;
    use leptos::server_fn::ServerFn;
    let app = TestApp::new(pool);
    app.user("ada").await;
    let sign_in = |accept: &'static str, password: &'static str| {
        Request::builder()
            .method(Method::POST)
            .uri(SignIn::PATH)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", accept)
            .header("referer", "http://localhost/signin")
            .body(Body::from(format!("login=ada&password={password}")))
            .unwrap()
    };
    // From the hydrated page: the error's own status and body.
    let reply = app.send(sign_in("application/json", "wrong")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.text);
    assert!(reply.text.contains("LoginFailed"), "{}", reply.text);
    // From a plain form without JavaScript: back to the form, the error in the URL.
    let reply = app.send(sign_in("text/html", "wrong")).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    assert!(
        reply.header("location").unwrap().starts_with("http://localhost/signin?"),
        "{:?}",
        reply.header("location")
    );
    // And a good password signs in, with a session cookie.
    let reply = app.send(sign_in("text/html", "correct%20horse%20battery")).await;
    assert!(reply.status.is_redirection());
    assert_eq!(reply.header("location"), Some("/schedules"));
    assert!(reply.header("set-cookie").unwrap().starts_with("auth_tkt="));
}

#[sqlx::test]
async fn pages_are_compressed_for_clients_that_ask_and_pkg_files_stay_precompressed(pool: PgPool) {
    let app = TestApp::new(pool);
    let plain = app.get("/schedules").await;
    assert_eq!(plain.header("content-encoding"), None, "nothing asked, nothing compressed");
    for encoding in ["br", "gzip"] {
        let page = app.call(Method::GET, "/schedules", None, &[("accept-encoding", encoding)]).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.header("content-encoding"), Some(encoding));
        assert!(page.header("vary").is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")));
    }

    // A file of /pkg is sent as the build precompressed it, not compressed a second time.
    let Some(css) = std::fs::read_dir("target/site/pkg")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with(".css"))
    else {
        panic!("no stylesheet in target/site/pkg: build the site first (.ci/site.sh)");
    };
    let request = axum::http::Request::get(format!("/pkg/{css}"))
        .header("accept-encoding", "br")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.router.clone(), request).await.unwrap();
    assert_eq!(response.headers().get("content-encoding").unwrap(), "br");
    let sent = http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes();
    assert_eq!(sent, std::fs::read(format!("target/site/pkg/{css}.br")).unwrap(), "the .br file as it is");
}
