//! The runs of a page of schedules in a window (`/api/v1/schedules/runs`) and the timeline
//! page drawn from them: equal to `/upcoming`'s runs, bounded, `mine` authenticated.

use crate::harness::TestApp;
use axum::http::StatusCode;
use serde_json::{json, Value};
use sqlx::PgPool;

/// Every run of `id` in `[from, to)` through `/upcoming`, 100 at a time.
pub async fn upcoming_between(app: &TestApp, id: i64, from: i64, to: i64) -> Vec<i64> {
    let mut runs = Vec::new();
    let mut cursor = from;
    loop {
        let page = app.get(&format!("/api/v1/schedules/byid/{id}/upcoming?count=100&from={cursor}")).await.json();
        let batch: Vec<i64> = page["runs"].as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
        for at in &batch {
            if *at >= to {
                return runs;
            }
            runs.push(*at);
        }
        if batch.len() < 100 {
            return runs;
        }
        cursor = batch[99] + 1;
    }
}

#[sqlx::test]
async fn runs_in_a_window_equal_upcoming_for_every_kind(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let from = 1_774_220_400; // Mon 23 Mar 2026 00:00 Paris: the week of the spring change
    let to = from + 7 * 86_400;
    let ids = [
        app.create(&cookie, json!({"name": "hourly", "config": {"period": 3_600, "timestamp": from - 1_800}})).await,
        app.create(
            &cookie,
            json!({"name": "02:30 Paris", "config": {"cron": "30 2 * * *", "timezone": "Europe/Paris"}}),
        )
        .await,
        app.create(&cookie, json!({"name": "every 5 min", "config": {"cron": "*/5 * * * *"}})).await,
        app.create(&cookie, json!({"name": "once", "once": true, "config": {"timestamp": from + 100}})).await,
        app.create(&cookie, json!({"name": "once, later", "once": true, "config": {"timestamp": to + 100}})).await,
    ];
    let reply = app.get(&format!("/api/v1/schedules/runs?from={from}&to={to}")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let body = reply.json();
    assert_eq!((body["from"].as_i64(), body["to"].as_i64(), body["count"].as_i64()), (Some(from), Some(to), Some(5)));
    assert_eq!(body["pagesize"], 10);
    let schedules = body["schedules"].as_array().unwrap();
    assert_eq!(schedules.len(), 5);
    for (entry, id) in schedules.iter().zip(ids) {
        assert_eq!(entry["id"], id);
        let runs: Vec<i64> = entry["runs"].as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
        assert_eq!(runs, upcoming_between(&app, id, from, to).await, "schedule {id}");
    }
    let count = |i: usize| schedules[i]["runs"].as_array().unwrap().len();
    assert_eq!((count(0), count(1), count(2), count(3), count(4)), (168, 7, 2_016, 1, 0));
    // 02:30 does not exist on 29 Mar 2026 in Paris: that run is at 03:30 CEST (01:30 UTC).
    assert!(schedules[1]["runs"].as_array().unwrap().contains(&json!(1_774_747_800)));
    // The list's filters and page apply.
    let calendar = app.get(&format!("/api/v1/schedules/runs?from={from}&to={to}&kind=calendar")).await.json();
    assert_eq!(calendar["count"], 2);
    let named = app.get(&format!("/api/v1/schedules/runs?from={from}&to={to}&q=once")).await.json();
    assert_eq!(named["schedules"].as_array().unwrap().len(), 2);
}

#[sqlx::test]
async fn windows_and_answers_are_bounded_and_mine_needs_a_caller(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let from = 1_798_761_600;
    for _ in 0..2 {
        app.create(&cookie, json!({"config": {"period": 60}})).await;
    }
    for bad in [
        format!("from={from}&to={from}"),
        format!("from={from}&to={}", from - 60),
        format!("from={from}&to={}", from + 31 * 86_400 + 1),
        "from=abc".to_string(),
        format!("from={from}&to=1.5"),
        "from=100&to=200".to_string(),
        format!("from={from}&page=0"),
        format!("from={from}&kind=cron"),
    ] {
        let reply = app.get(&format!("/api/v1/schedules/runs?{bad}")).await;
        assert_eq!((reply.status, reply.code()), (StatusCode::BAD_REQUEST, 1), "{bad}: {}", reply.text);
    }
    // 31 days is allowed; two minutely schedules over 8 days are 23,040 runs: too many.
    let month = app.get(&format!("/api/v1/schedules/runs?from={from}&to={}&q=nothing", from + 31 * 86_400)).await;
    assert_eq!(month.status, StatusCode::OK, "{}", month.text);
    let big = app.get(&format!("/api/v1/schedules/runs?from={from}&to={}", from + 8 * 86_400)).await;
    assert_eq!((big.status, big.code()), (StatusCode::BAD_REQUEST, 1));
    assert!(big.json()["msg"].as_str().unwrap().contains("shorter window"));
    // Six days are 2 x 8,639 runs (every minute after `from`, the first at from + 60).
    let days = app.get(&format!("/api/v1/schedules/runs?from={from}&to={}", from + 6 * 86_400)).await;
    assert_eq!(days.status, StatusCode::OK, "{}", days.text);
    assert_eq!(days.json()["schedules"][0]["runs"].as_array().unwrap().len(), 8_639);
    // mine=1: the caller's own, which needs one.
    let anonymous = app.get("/api/v1/schedules/runs?mine=1").await;
    assert_eq!((anonymous.status, anonymous.code()), (StatusCode::UNAUTHORIZED, 100));
    app.user("bob").await;
    let bob = app.login("bob").await;
    app.create(&bob, json!({"config": {"cron": "0 12 * * *"}})).await;
    let mine: Value = app
        .call(axum::http::Method::GET, &format!("/api/v1/schedules/runs?mine=1&from={from}"), None, &[("cookie", &bob)])
        .await
        .json();
    assert_eq!(mine["count"], 1);
    assert_eq!(mine["schedules"][0]["runs"], json!([from + 43_200]));
}

#[sqlx::test]
async fn the_timeline_page_is_drawn_on_the_server_in_the_viewers_zone(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    app.create(&cookie, json!({"name": "Six-hourly <b>", "config": {"period": 21_600, "timestamp": 1_798_761_600}}))
        .await;
    app.create(&cookie, json!({"name": "Minutely", "config": {"cron": "* * * * *"}})).await;
    let start = 1_798_761_600; // 2027-01-01 00:00 UTC
    let page = app.get(&format!("/schedules/timeline?span=24h&start={start}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text.clone();
    assert!(html.contains("<svg class=\"timeline\""), "{html}");
    assert_eq!(html.matches("<g class=\"mark\"").count(), 4);
    assert!(html.contains("data-count=\"1440\""));
    assert!(html.contains("Six-hourly &lt;b&gt;: Fri 1 Jan 2027, 06:00 (UTC)"));
    assert!(html.contains("Times are in UTC"));
    // With the browser's zone in its cookie: the axis and the names of marks in it.
    let paris = app
        .call(
            axum::http::Method::GET,
            &format!("/schedules/timeline?span=24h&start={start}"),
            None,
            &[("cookie", "tz=Europe/Paris")],
        )
        .await;
    assert!(paris.text.contains("Six-hourly &lt;b&gt;: Fri 1 Jan 2027, 07:00 (Europe/Paris)"));
    assert!(!paris.text.contains("Times are in UTC"));
    assert!(paris.text.contains(r#"data-asked-zone="Europe/Paris""#));
    // A "mine" view without a caller: 401 and a link to sign in that comes back here.
    let mine = app.get("/schedules/timeline?mine=1&span=7d").await;
    assert_eq!(mine.status, StatusCode::UNAUTHORIZED);
    assert!(mine.text.contains("/signin?next=%2Fschedules%2Ftimeline%3Fmine%3D1%26span%3D7d"), "{}", mine.text);
}
