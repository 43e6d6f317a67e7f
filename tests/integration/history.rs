//! Schedules' history: every write records one version (API by cookie, token and inline
//! credentials; the forms' server functions), failed writes none; restore, undoing a
//! delete with the same id, the deleted list, the purge after the retention.

use crate::harness::{TestApp, PASSWORD};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use kragle_schedules::schedules::history_service;
use serde_json::{json, Value};
use sqlx::PgPool;

/// One stored version: number, action, via, token id, note, restored_from, content.
type Stored = (i32, String, String, Option<i64>, Option<String>, Option<i32>, Value);

/// Request headers, as names and values.
type Headers<'a> = Vec<(&'a str, &'a str)>;

async fn stored(app: &TestApp, id: i64) -> Vec<Stored> {
    sqlx::query_as(
        "SELECT version, action, via, token_id, note, restored_from, content FROM schedule_versions \
         WHERE schedule_id = $1 ORDER BY version",
    )
    .bind(id)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

async fn version_rows(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM schedule_versions").fetch_one(&app.pool).await.unwrap()
}

fn inline(body: Value) -> Value {
    json!({"auth": {"username": "ada", "password": PASSWORD}, "payload": body})
}

async fn token(app: &TestApp, cookie: &str, name: &str) -> (i64, String) {
    let created =
        app.call(Method::POST, "/api/v1/tokens", Some(json!({"name": name})), &[("cookie", cookie)]).await.json();
    (created["id"].as_i64().unwrap(), format!("Bearer {}", created["token"].as_str().unwrap()))
}

#[sqlx::test]
async fn every_api_write_records_one_version_with_how_and_why(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let (token_id, bearer) = token(&app, &cookie, "deploy-bot").await;

    let id = app.create(&cookie, json!({"name": "Backups", "config": {"period": 900}})).await;
    let put = app
        .call(
            Method::PUT,
            &format!("/api/v1/schedules/{id}"),
            Some(json!({"name": "Nightly backups"})),
            &[("authorization", &bearer), ("x-change-note", "renamed%20for%20the%20caf%C3%A9")],
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text);
    assert_eq!(put.header("etag"), Some(format!("\"{id}-2\"").as_str()));
    let put = app
        .call(Method::PUT, &format!("/api/v1/schedules/{id}"), Some(inline(json!({"config": {"period": 3600}}))), &[])
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text);
    let deleted = app
        .call(
            Method::DELETE,
            &format!("/api/v1/schedules/{id}"),
            None,
            &[("cookie", &cookie), ("x-change-note", "not needed")],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.text);

    let versions = stored(&app, id).await;
    let content = |name: &str, period: i64| json!({"name": name, "once": false, "config": {"period": period}});
    assert_eq!(
        versions,
        vec![
            (1, "created".into(), "session".into(), None, None, None, content("Backups", 900)),
            (
                2,
                "updated".into(),
                "token".into(),
                Some(token_id),
                Some("renamed for the caf\u{e9}".into()),
                None,
                content("Nightly backups", 900)
            ),
            (3, "updated".into(), "inline".into(), None, None, None, content("Nightly backups", 3600)),
            // A delete keeps the content deleted.
            (
                4,
                "deleted".into(),
                "session".into(),
                None,
                Some("not needed".into()),
                None,
                content("Nightly backups", 3600)
            ),
        ]
    );

    // The API's answer, newest first, also while the schedule is deleted.
    let history =
        app.call(Method::GET, &format!("/api/v1/schedules/byid/{id}/history"), None, &[("cookie", &cookie)]).await;
    assert_eq!(history.status, StatusCode::OK, "{}", history.text);
    let history = history.json();
    assert_eq!(
        (history["count"].as_i64(), history["pagesize"].as_i64(), history["page"].as_i64()),
        (Some(4), Some(10), Some(1))
    );
    let newest = &history["versions"][0];
    assert_eq!(newest["version"], 4);
    assert_eq!(newest["action"], "deleted");
    assert_eq!(newest["via"], json!({"kind": "session"}));
    assert_eq!(newest["restored_from"], Value::Null);
    assert_eq!(
        newest["schedule"],
        json!({"id": id, "name": "Nightly backups", "once": false, "config": {"period": 3600}})
    );
    assert!(newest["at"].as_i64().unwrap() > 1_700_000_000);
    assert_eq!(
        history["versions"][2]["via"],
        json!({"kind": "token", "token_id": token_id, "token_name": "deploy-bot"})
    );
    assert_eq!(history["versions"][2]["note"], "renamed for the caf\u{e9}");
    assert_eq!(history["versions"][3]["note"], Value::Null);
}

/// A plain form POST of a server function, as the browser sends it.
pub fn form_post(path: &str, cookie: &str, pairs: &[(String, String)]) -> Request<Body> {
    let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
    Request::builder()
        .method(Method::POST)
        .uri(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .body(Body::from(body))
        .unwrap()
}

#[sqlx::test]
async fn the_forms_record_versions_too(pool: PgPool) {
    use kragle_schedules::pages::server_fns::schedules::{DeleteSchedule, SaveSchedule};
    use kragle_schedules::schedules::form::ScheduleForm;
    use leptos::server_fn::ServerFn;
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;

    let mut form = ScheduleForm::blank();
    form.name = "From the form".into();
    let mut pairs = form.to_pairs();
    pairs.push(("idempotency_key".into(), "form-key-1".into()));
    let reply = app.send(form_post(SaveSchedule::PATH, &cookie, &pairs)).await;
    assert!(reply.status.is_success() || reply.status.is_redirection(), "{} {}", reply.status, reply.text);
    let id: i64 = sqlx::query_scalar("SELECT id FROM schedules").fetch_one(&app.pool).await.unwrap();

    form.name = "Renamed in the form".into();
    let mut pairs = form.to_pairs();
    pairs.extend([("id".into(), id.to_string()), ("version".into(), "1".into())]);
    let reply = app.send(form_post(SaveSchedule::PATH, &cookie, &pairs)).await;
    assert!(reply.status.is_success() || reply.status.is_redirection(), "{} {}", reply.status, reply.text);

    let pairs = [("id".to_string(), id.to_string()), ("version".to_string(), "2".to_string())];
    let reply = app.send(form_post(DeleteSchedule::PATH, &cookie, &pairs)).await;
    assert!(reply.status.is_success() || reply.status.is_redirection(), "{} {}", reply.status, reply.text);

    let versions = stored(&app, id).await;
    let summary: Vec<(i32, &str, &str, Option<&str>)> = versions
        .iter()
        .map(|(version, action, via, _, _, _, content)| {
            (*version, action.as_str(), via.as_str(), content["name"].as_str())
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (1, "created", "session", Some("From the form")),
            (2, "updated", "session", Some("Renamed in the form")),
            (3, "deleted", "session", Some("Renamed in the form")),
        ]
    );
}

#[sqlx::test]
async fn a_refused_write_records_nothing(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    app.user("bob").await;
    let ada = app.login("ada").await;
    let bob = app.login("bob").await;
    let id = app.create(&ada, json!({"config": {"period": 60}})).await;
    let before = (app.snapshot().await, version_rows(&app).await);
    let uri = format!("/api/v1/schedules/{id}");
    let long_note = "n".repeat(501);
    let refusals: Vec<(Method, Option<Value>, Headers, i64)> = vec![
        (Method::PUT, Some(json!({"config": {"period": 1}})), vec![("cookie", &ada)], 26),
        (Method::PUT, Some(json!({"name": "x"})), vec![("cookie", &ada), ("if-match", "\"1-9\"")], 103),
        (Method::PUT, Some(json!({"name": "x"})), vec![("cookie", &bob)], 101),
        (Method::DELETE, None, vec![("cookie", &bob)], 101),
        (Method::PUT, Some(json!({"name": "x"})), vec![("cookie", &ada), ("x-change-note", &long_note)], 4),
        (Method::PUT, Some(json!({"name": "x"})), vec![("cookie", &ada), ("x-change-note", "two%0Alines")], 4),
        (Method::DELETE, None, vec![("cookie", &ada), ("x-change-note", "broken%E2%28")], 4),
    ];
    for (method, body, headers, code) in refusals {
        let reply = app.call(method.clone(), &uri, body.clone(), &headers).await;
        assert_eq!(reply.code(), code, "{method} {body:?}: {}", reply.text);
    }
    let post = app
        .call(
            Method::POST,
            "/api/v1/schedules",
            Some(json!({"config": {"period": 60}})),
            &[("cookie", &ada), ("x-change-note", &long_note)],
        )
        .await;
    assert_eq!(post.code(), 4, "{}", post.text);
    assert_eq!((app.snapshot().await, version_rows(&app).await), before, "nothing changed, nothing recorded");
}

#[sqlx::test]
async fn restoring_a_version_makes_a_new_one(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    app.user("bob").await;
    let ada = app.login("ada").await;
    let bob = app.login("bob").await;
    let id = app.create(&ada, json!({"name": "first", "config": {"period": 60}})).await;
    for name in ["second", "third"] {
        let reply = app
            .call(Method::PUT, &format!("/api/v1/schedules/{id}"), Some(json!({"name": name})), &[("cookie", &ada)])
            .await;
        assert_eq!(reply.status, StatusCode::OK);
    }
    let restore = format!("/api/v1/schedules/byid/{id}/restore");

    let reply = app
        .call(
            Method::POST,
            &restore,
            Some(json!({"version": 1})),
            &[("cookie", &ada), ("if-match", &format!("\"{id}-3\"")), ("x-change-note", "back")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json(), json!({"id": id, "name": "first", "once": false, "config": {"period": 60}}));
    assert_eq!(reply.header("etag"), Some(format!("\"{id}-4\"").as_str()));
    let get = app.get(&format!("/api/v1/schedules/byid/{id}")).await;
    assert_eq!(get.json()["name"], "first");

    // The current version again: allowed (a client retrying), and recorded.
    let reply = app.call(Method::POST, &restore, Some(json!({})), &[("cookie", &ada)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.header("etag"), Some(format!("\"{id}-5\"").as_str()));
    let versions = stored(&app, id).await;
    assert_eq!(versions.len(), 5);
    assert_eq!((versions[3].1.as_str(), versions[3].4.as_deref(), versions[3].5), ("restored", Some("back"), Some(1)));
    assert_eq!((versions[4].1.as_str(), versions[4].5), ("restored", Some(4)));
    assert_eq!(versions[4].6, versions[0].6);

    let before = (app.snapshot().await, version_rows(&app).await);
    let refusals: Vec<(Option<Value>, Headers, i64)> = vec![
        (Some(json!({"version": 1})), vec![("cookie", &ada), ("if-match", "\"1-2\"")], 103),
        (Some(json!({"version": 1})), vec![("cookie", &bob)], 101),
        (Some(json!({"version": 1})), vec![], 100),
        (Some(json!({"version": 99})), vec![("cookie", &ada)], 6),
        (Some(json!({"version": "1"})), vec![("cookie", &ada)], 4),
        (Some(json!({"version": 1, "name": "x"})), vec![("cookie", &ada)], 4),
    ];
    for (body, headers, code) in refusals {
        let reply = app.call(Method::POST, &restore, body.clone(), &headers).await;
        assert_eq!(reply.code(), code, "{body:?} {headers:?}: {}", reply.text);
    }
    assert_eq!((app.snapshot().await, version_rows(&app).await), before, "refusals change nothing");

    // History: owner only; 6 for an id that never existed.
    let history = |id: i64, cookie: &str| {
        let cookie = cookie.to_string();
        let app = &app;
        async move {
            let headers: Vec<(&str, &str)> = if cookie.is_empty() { vec![] } else { vec![("cookie", cookie.as_str())] };
            app.call(Method::GET, &format!("/api/v1/schedules/byid/{id}/history"), None, &headers).await.code()
        }
    };
    assert_eq!(history(id, &bob).await, 101);
    assert_eq!(history(id, "").await, 100);
    assert_eq!(history(id + 1000, &ada).await, 6);
    assert_eq!(
        app.call(
            Method::POST,
            &format!("/api/v1/schedules/byid/{}/restore", id + 1000),
            Some(json!({})),
            &[("cookie", &ada)]
        )
        .await
        .code(),
        6
    );
}

#[sqlx::test]
async fn a_deleted_schedule_is_gone_until_restored_with_its_id(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    app.user("bob").await;
    let ada = app.login("ada").await;
    let bob = app.login("bob").await;
    let kept = app.create(&ada, json!({"config": {"period": 60}})).await;
    let id =
        app.create(&ada, json!({"name": "daily", "config": {"cron": "0 9 * * *", "timezone": "Europe/Paris"}})).await;
    let counts = |app: &TestApp| {
        let app = app.clone();
        async move {
            let all = app.get("/api/v1/schedules").await.json()["count"].as_i64().unwrap();
            let calendar = app.get("/api/v1/schedules?kind=calendar").await.json()["count"].as_i64().unwrap();
            (all, calendar)
        }
    };
    assert_eq!(counts(&app).await, (2, 1));

    let reply = app.call(Method::DELETE, &format!("/api/v1/schedules/{id}"), None, &[("cookie", &ada)]).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(counts(&app).await, (1, 0));
    assert_eq!(app.get(&format!("/api/v1/schedules/byid/{id}")).await.code(), 6);
    assert_eq!(
        app.call(Method::PUT, &format!("/api/v1/schedules/{id}"), Some(json!({"name": "x"})), &[("cookie", &ada)])
            .await
            .code(),
        6
    );
    assert_eq!(app.call(Method::DELETE, &format!("/api/v1/schedules/{id}"), None, &[("cookie", &ada)]).await.code(), 6);
    let listed: Vec<i64> = app.get("/api/v1/schedules").await.json()["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed, vec![kept]);
    let runs = app.get("/api/v1/schedules/runs").await.json();
    assert!(runs["schedules"].as_array().unwrap().iter().all(|s| s["id"] != id), "{runs}");
    let load = app.call(Method::GET, "/api/v1/schedules/load", None, &[("cookie", &ada)]).await.json();
    assert_eq!(load["schedules"], 1, "{load}");

    // Listed among the owner's deleted schedules, with the content deleted; not among others'.
    let deleted = app.call(Method::GET, "/api/v1/schedules/deleted", None, &[("cookie", &ada)]).await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.text);
    let deleted = deleted.json();
    assert_eq!(
        (deleted["count"].as_i64(), deleted["pagesize"].as_i64(), deleted["page"].as_i64()),
        (Some(1), Some(10), Some(1))
    );
    let entry = &deleted["schedules"][0];
    assert_eq!((entry["id"].as_i64(), entry["name"].as_str()), (Some(id), Some("daily")));
    assert_eq!(entry["config"], json!({"cron": "0 9 * * *", "timezone": "Europe/Paris"}));
    assert!(entry["deleted_at"].as_i64().unwrap() > 1_700_000_000);
    assert_eq!(app.call(Method::GET, "/api/v1/schedules/deleted", None, &[("cookie", &bob)]).await.json()["count"], 0);
    assert_eq!(app.get("/api/v1/schedules/deleted").await.code(), 100);

    // Another user may not bring it back; a stale If-Match neither. The owner may.
    let restore = format!("/api/v1/schedules/byid/{id}/restore");
    assert_eq!(app.call(Method::POST, &restore, Some(json!({})), &[("cookie", &bob)]).await.code(), 101);
    assert_eq!(
        app.call(Method::POST, &restore, Some(json!({})), &[("cookie", &ada), ("if-match", &format!("\"{id}-1\""))])
            .await
            .code(),
        103
    );
    let reply = app
        .call(Method::POST, &restore, Some(json!({})), &[("cookie", &ada), ("if-match", &format!("\"{id}-2\""))])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json()["id"], id, "the same id");
    assert_eq!(reply.header("etag"), Some(format!("\"{id}-3\"").as_str()), "the numbers continue");
    assert_eq!(counts(&app).await, (2, 1));
    assert_eq!(app.get(&format!("/api/v1/schedules/byid/{id}")).await.json()["name"], "daily");
    assert_eq!(app.call(Method::GET, "/api/v1/schedules/deleted", None, &[("cookie", &ada)]).await.json()["count"], 0);
    let actions: Vec<(i32, String, Option<i32>)> =
        stored(&app, id).await.into_iter().map(|v| (v.0, v.1, v.5)).collect();
    assert_eq!(
        actions,
        vec![(1, "created".into(), None), (2, "deleted".into(), None), (3, "restored".into(), Some(2))]
    );
    // And it is an ordinary schedule again: changed, deleted, restored from an older version.
    let reply = app
        .call(Method::PUT, &format!("/api/v1/schedules/{id}"), Some(json!({"name": "again"})), &[("cookie", &ada)])
        .await;
    assert_eq!(reply.header("etag"), Some(format!("\"{id}-4\"").as_str()));
    app.call(Method::DELETE, &format!("/api/v1/schedules/{id}"), None, &[("cookie", &ada)]).await;
    let reply = app.call(Method::POST, &restore, Some(json!({"version": 4})), &[("cookie", &ada)]).await;
    assert_eq!((reply.status, reply.json()["name"].as_str()), (StatusCode::OK, Some("again")));
    assert_eq!(reply.header("etag"), Some(format!("\"{id}-6\"").as_str()));
}

#[sqlx::test]
async fn deleted_schedules_are_purged_after_the_retention(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let ada = app.login("ada").await;
    let kept = app.create(&ada, json!({"config": {"period": 60}})).await;
    let id = app.create(&ada, json!({"config": {"period": 60}})).await;
    app.call(Method::DELETE, &format!("/api/v1/schedules/{id}"), None, &[("cookie", &ada)]).await;
    let now = kragle_schedules::clock::now();

    assert_eq!(history_service::purge_deleted(&app.pool, 30, now + 29 * 86_400).await.unwrap(), 0);
    assert_eq!(stored(&app, id).await.len(), 2, "kept within the retention");
    assert_eq!(history_service::purge_deleted(&app.pool, 30, now + 31 * 86_400).await.unwrap(), 1);
    assert!(stored(&app, id).await.is_empty(), "its history went with it");
    assert_eq!(stored(&app, kept).await.len(), 1, "a live schedule's history stays");
    let history =
        app.call(Method::GET, &format!("/api/v1/schedules/byid/{id}/history"), None, &[("cookie", &ada)]).await;
    assert_eq!(history.code(), 6);
    let restore = app
        .call(Method::POST, &format!("/api/v1/schedules/byid/{id}/restore"), Some(json!({})), &[("cookie", &ada)])
        .await;
    assert_eq!(restore.code(), 6);
}

#[sqlx::test]
async fn concurrent_updates_make_distinct_versions_without_gaps(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let ada = app.login("ada").await;
    let id = app.create(&ada, json!({"config": {"period": 60}})).await;
    let puts = (0..20).map(|i| {
        let (app, ada) = (app.clone(), ada.clone());
        tokio::spawn(async move {
            let body = json!({"name": format!("writer {i}")});
            app.call(Method::PUT, &format!("/api/v1/schedules/{id}"), Some(body), &[("cookie", &ada)]).await.status
        })
    });
    for put in puts.collect::<Vec<_>>() {
        assert_eq!(put.await.unwrap(), StatusCode::OK);
    }
    let numbers: Vec<i32> = stored(&app, id).await.into_iter().map(|v| v.0).collect();
    assert_eq!(numbers, (1..=21).collect::<Vec<_>>());
    let current = app.get(&format!("/api/v1/schedules/byid/{id}")).await;
    assert_eq!(current.header("etag"), Some(format!("\"{id}-21\"").as_str()));
}

#[sqlx::test]
async fn history_comes_ten_versions_a_page(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let ada = app.login("ada").await;
    let id = app.create(&ada, json!({"config": {"period": 60}})).await;
    for period in 61..75 {
        app.call(
            Method::PUT,
            &format!("/api/v1/schedules/{id}"),
            Some(json!({"config": {"period": period}})),
            &[("cookie", &ada)],
        )
        .await;
    }
    let page = |n: &str| {
        let (app, ada) = (app.clone(), ada.clone());
        let uri = format!("/api/v1/schedules/byid/{id}/history{n}");
        async move { app.call(Method::GET, &uri, None, &[("cookie", &ada)]).await }
    };
    let numbers = |reply: &crate::harness::Reply| -> Vec<i64> {
        reply.json()["versions"].as_array().unwrap().iter().map(|v| v["version"].as_i64().unwrap()).collect()
    };
    let first = page("").await;
    assert_eq!(first.json()["count"], 15);
    assert_eq!(numbers(&first), (6..=15).rev().collect::<Vec<_>>());
    let second = page("?page=2").await;
    assert_eq!(numbers(&second), (1..=5).rev().collect::<Vec<_>>());
    assert_eq!(second.json()["versions"][4]["schedule"]["config"], json!({"period": 60}));
    let past = page("?page=3").await;
    assert_eq!((past.json()["count"].as_i64(), numbers(&past)), (Some(15), vec![]));
    for bad in ["?page=0", "?page=x"] {
        assert_eq!(page(bad).await.code(), 1, "{bad}");
    }
}

/// Schedules made before history began get one version holding their content.
#[sqlx::test(migrations = false)]
async fn existing_schedules_get_a_first_version(pool: PgPool) {
    let mut files: Vec<_> = std::fs::read_dir("migrations").unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let name = |f: &std::path::PathBuf| f.file_name().unwrap().to_string_lossy().into_owned();
    let history: Vec<_> = files.iter().filter(|f| name(f).starts_with("0006")).collect();
    for file in files.iter().filter(|f| name(f).as_str() < "0006") {
        sqlx::raw_sql(&std::fs::read_to_string(file).unwrap()).execute(&pool).await.unwrap();
    }
    sqlx::raw_sql(
        "INSERT INTO users (username, email, password_hash) VALUES ('ada', 'ada@example.com', 'x'); \
         INSERT INTO schedules (owner_id, name, period, version) VALUES (1, 'old', 3600, 7); \
         INSERT INTO schedules (owner_id, cron, timezone, until) VALUES (1, '0 9 * * 1-5', 'Europe/Paris', 2000000000); \
         INSERT INTO schedules (owner_id, once, run_at) VALUES (1, true, 1900000000);",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::raw_sql(&std::fs::read_to_string(history[0]).unwrap()).execute(&pool).await.unwrap();
    let rows: Vec<(i64, i32, String, String, Value)> =
        sqlx::query_as("SELECT schedule_id, version, action, via, content FROM schedule_versions ORDER BY schedule_id")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        rows,
        vec![
            (
                1,
                7,
                "created".into(),
                "migration".into(),
                json!({"name": "old", "once": false, "config": {"period": 3600}})
            ),
            (
                2,
                1,
                "created".into(),
                "migration".into(),
                json!({"name": null, "once": false, "config": {"cron": "0 9 * * 1-5", "timezone": "Europe/Paris", "until": 2000000000}})
            ),
            (
                3,
                1,
                "created".into(),
                "migration".into(),
                json!({"name": null, "once": true, "config": {"timestamp": 1900000000}})
            ),
        ]
    );
}
