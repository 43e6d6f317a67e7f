//! `GET /api/v1/schedules/export`: the caller's schedules only, the list's filters, the
//! bundle's shape, a bundle recreated in another account gives equal schedules, and the
//! crontab of the calendar schedules.

use crate::harness::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;

#[sqlx::test]
async fn an_export_holds_the_callers_schedules_and_recreates_them_elsewhere(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    app.user("bob").await;
    let ada = app.login("ada").await;
    let bob = app.login("bob").await;
    let weekly = app
        .create(
            &ada,
            json!({"name": "Weekly report", "config": {"cron": "30 9 * * 1", "timezone": "Europe/Paris"}, "tags": ["Reports"]}),
        )
        .await;
    let every =
        app.create(&ada, json!({"name": "Cache warmer", "config": {"period": 900, "timestamp": 1_893_456_000}})).await;
    let once = app.create(&ada, json!({"once": true, "config": {"timestamp": 1_893_456_000}})).await;
    app.create(&bob, json!({"name": "Not ada's", "config": {"period": 60}})).await;

    let anonymous = app.get("/api/v1/schedules/export").await;
    assert_eq!((anonymous.status, anonymous.code()), (StatusCode::UNAUTHORIZED, 100));

    let reply = app.call(Method::GET, "/api/v1/schedules/export", None, &[("cookie", &ada)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.header("content-disposition"), Some(r#"attachment; filename="schedules.json""#));
    let bundle = reply.json();
    assert_eq!((bundle["format"].as_str(), bundle["version"].as_i64()), (Some("kragle-schedules"), Some(1)));
    assert!((bundle["exported_at"].as_i64().unwrap() - kragle_schedules::clock::now()).abs() < 60);
    let bundled = bundle["schedules"].as_array().unwrap();
    let mut stored = Vec::new();
    for id in [weekly, every, once] {
        let mut schedule = app.get(&format!("/api/v1/schedules/byid/{id}")).await.json();
        let object = schedule.as_object_mut().unwrap();
        object.remove("id");
        object.entry("tags").or_insert(json!([]));
        stored.push(schedule);
    }
    assert_eq!(bundled, &stored, "the caller's three, oldest first, each with its tags");

    // The list's filters, and a format it does not know.
    let filtered = |query: &'static str| {
        let app = &app;
        let ada = ada.clone();
        async move { app.call(Method::GET, &format!("/api/v1/schedules/export?{query}"), None, &[("cookie", &ada)]).await }
    };
    let names = |reply: &crate::harness::Reply| -> Vec<Value> {
        reply.json()["schedules"].as_array().unwrap().iter().map(|s| s["name"].clone()).collect()
    };
    assert_eq!(names(&filtered("tag=REPORTS").await), vec![json!("Weekly report")]);
    assert_eq!(names(&filtered("kind=interval").await), vec![json!("Cache warmer")]);
    assert_eq!(names(&filtered("once=1").await), vec![Value::Null]);
    assert_eq!(names(&filtered("q=warm&mine=0&page=7").await), vec![json!("Cache warmer")]);
    let bad = filtered("format=xml").await;
    assert_eq!((bad.status, bad.code()), (StatusCode::BAD_REQUEST, 1));

    // Recreated in bob's account, schedule by schedule, they are equal to ada's.
    for (schedule, expected) in bundled.iter().zip(&stored) {
        let id = app.create(&bob, schedule.clone()).await;
        let mut copy = app.get(&format!("/api/v1/schedules/byid/{id}")).await.json();
        let object = copy.as_object_mut().unwrap();
        object.remove("id");
        object.entry("tags").or_insert(json!([]));
        assert_eq!(&copy, expected);
    }
}

#[sqlx::test]
async fn a_crontab_export_has_the_calendar_schedules_as_lines(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let ada = app.login("ada").await;
    let paris = app
        .create(&ada, json!({"name": "Weekly report", "config": {"cron": "30 9 * * 1", "timezone": "Europe/Paris"}}))
        .await;
    let utc = app.create(&ada, json!({"config": {"cron": "0 3 * * *"}})).await;
    let every = app.create(&ada, json!({"name": "Cache warmer", "config": {"period": 900}})).await;
    let reply = app.call(Method::GET, "/api/v1/schedules/export?format=crontab", None, &[("cookie", &ada)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.header("content-type"), Some("text/plain; charset=utf-8"));
    assert_eq!(reply.header("content-disposition"), Some(r#"attachment; filename="schedules.crontab""#));
    let text = &reply.text;
    assert!(
        text.contains(&format!("\nCRON_TZ=Europe/Paris\n# Weekly report\n30 9 * * 1 : kragle schedule {paris}\n")),
        "{text}"
    );
    // A nameless one has no comment above it (an import would take that for its name).
    assert!(text.contains(&format!("\nCRON_TZ=UTC\n0 3 * * * : kragle schedule {utc}\n")), "{text}");
    assert!(text.contains(&format!("# Cache warmer (schedule {every}): Every 15 minutes\n")), "{text}");
    // Every line is a comment, a zone line, a blank, or five fields and a command.
    for line in text.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert!(
            line.is_empty() || line.starts_with('#') || line.starts_with("CRON_TZ=") || fields.get(5) == Some(&":"),
            "{line}"
        );
    }
}
