//! Calendar schedules and `until` through the router: the contract's rules, kinds switched
//! by PUT, the `kind` filter's counts, and `/upcoming` with clock changes.

use crate::harness::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;

type Row = (i64, bool, Option<i32>, Option<i64>, Option<String>, Option<String>, Option<i64>, i32);

async fn rows(app: &TestApp) -> Vec<Row> {
    sqlx::query_as("SELECT id, once, period, run_at, cron, timezone, until, version FROM schedules ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

async fn put(app: &TestApp, cookie: &str, id: i64, body: Value) -> crate::harness::Reply {
    app.call(Method::PUT, &format!("/api/v1/schedules/{id}"), Some(body), &[("cookie", cookie)]).await
}

#[sqlx::test]
async fn calendar_schedules_read_back_exactly(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let paris = json!({"name": "Stand-up", "config": {"cron": "0 9 * * 1-5", "timezone": "Europe/Paris"}});
    let id = app.create(&cookie, paris.clone()).await;
    let back = app.get(&format!("/api/v1/schedules/byid/{id}")).await.json();
    assert_eq!(back, json!({"id": id, "name": "Stand-up", "once": false, "config": paris["config"]}));
    // No default is added on reading back: no "timezone": "UTC" that was not sent.
    let utc = app.create(&cookie, json!({"config": {"cron": "@daily", "until": 1_900_000_000}})).await;
    let back = app.get(&format!("/api/v1/schedules/byid/{utc}")).await.json();
    assert_eq!(back["config"], json!({"cron": "@daily", "until": 1_900_000_000}));
    // `until` on an interval schedule, and a start and an end on a calendar one.
    let interval = app.create(&cookie, json!({"config": {"period": 60, "until": 1_900_000_000}})).await;
    assert_eq!(
        app.get(&format!("/api/v1/schedules/byid/{interval}")).await.json()["config"],
        json!({"period": 60, "until": 1_900_000_000})
    );
    let window =
        json!({"cron": "30 2 * * *", "timezone": "Europe/Paris", "timestamp": 1_800_000_000, "until": 1_900_000_000});
    let id = app.create(&cookie, json!({"config": window.clone()})).await;
    assert_eq!(app.get(&format!("/api/v1/schedules/byid/{id}")).await.json()["config"], window);
}

#[sqlx::test]
async fn every_rule_of_the_calendar_kind_is_code_26_and_changes_nothing(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let id = app.create(&cookie, json!({"config": {"cron": "0 9 * * *"}})).await;
    let before = rows(&app).await;
    for config in [
        json!({"cron": 9}),
        json!({"cron": ""}),
        json!({"cron": "0 9 * *"}),
        json!({"cron": "0 9 * * 8"}),
        json!({"cron": "0 0 30 2 *"}),
        json!({"cron": "@reboot"}),
        json!({"cron": "0 9 * * *\n"}),
        json!({"cron": "x".repeat(201)}),
        json!({"cron": "0 9 * * *", "period": 60}),
        json!({"cron": "0 9 * * *", "timezone": "Europe/Pariss"}),
        json!({"cron": "0 9 * * *", "timezone": "europe/paris"}),
        json!({"cron": "0 9 * * *", "timezone": null}),
        json!({"cron": "0 9 * * *", "until": 1_800_000_000, "timestamp": 1_800_000_000}),
        json!({"cron": "0 9 * * *", "until": 253_402_300_800i64}),
        json!({"cron": "0 9 * * *", "until": "soon"}),
        json!({"period": 60, "timezone": "UTC"}),
        json!({"period": 60, "until": 946_684_799}),
        json!({"cron": "0 9 * * *", "every": "day"}),
    ] {
        for reply in [
            app.call(Method::POST, "/api/v1/schedules", Some(json!({"config": config})), &[("cookie", &cookie)]).await,
            put(&app, &cookie, id, json!({"config": config})).await,
        ] {
            assert_eq!(
                (reply.status, reply.code()),
                (StatusCode::UNPROCESSABLE_ENTITY, 26),
                "{config}: {}",
                reply.text
            );
        }
    }
    // One-time schedules take none of the calendar keys.
    for config in [
        json!({"timestamp": 1_900_000_000, "cron": "0 9 * * *"}),
        json!({"timestamp": 1_900_000_000, "timezone": "UTC"}),
        json!({"timestamp": 1_900_000_000, "until": 1_900_000_100}),
    ] {
        let reply = app
            .call(
                Method::POST,
                "/api/v1/schedules",
                Some(json!({"once": true, "config": config})),
                &[("cookie", &cookie)],
            )
            .await;
        assert_eq!(reply.code(), 26, "{config}");
    }
    // Flipping `once` alone on a calendar schedule leaves a config that does not fit.
    assert_eq!(put(&app, &cookie, id, json!({"once": true})).await.code(), 26);
    assert_eq!(rows(&app).await, before, "nothing changed");
}

#[sqlx::test]
async fn put_switches_between_the_three_kinds(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let id = app.create(&cookie, json!({"name": "Switcher", "config": {"period": 300}})).await;
    let reply = put(&app, &cookie, id, json!({"config": {"cron": "0 9 * * 1-5", "timezone": "Europe/Paris"}})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json()["config"], json!({"cron": "0 9 * * 1-5", "timezone": "Europe/Paris"}));
    let reply = put(&app, &cookie, id, json!({"once": true, "config": {"timestamp": 1_900_000_000}})).await;
    assert_eq!(
        reply.json(),
        json!({"id": id, "name": "Switcher", "once": true, "config": {"timestamp": 1_900_000_000}})
    );
    let reply = put(&app, &cookie, id, json!({"once": false, "config": {"cron": "*/15 * * * *"}})).await;
    assert_eq!(reply.json()["config"], json!({"cron": "*/15 * * * *"}));
    let reply = put(&app, &cookie, id, json!({"config": {"period": 60}})).await;
    assert_eq!(reply.json()["config"], json!({"period": 60}));
}

#[sqlx::test]
async fn the_kind_filter_counts_exactly_through_every_change(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    app.user("bob").await;
    let ada = app.login("ada").await;
    let bob = app.login("bob").await;
    let mut calendar = Vec::new();
    for n in 0..3 {
        calendar.push(app.create(&ada, json!({"name": format!("cal {n}"), "config": {"cron": "0 9 * * *"}})).await);
    }
    let interval = app.create(&ada, json!({"config": {"period": 60}})).await;
    app.create(&bob, json!({"config": {"period": 120}})).await;
    app.create(&bob, json!({"config": {"cron": "@hourly"}})).await;
    app.create(&bob, json!({"once": true, "config": {"timestamp": 1_900_000_000}})).await;
    let count = |query: &str| {
        let app = &app;
        let ada = ada.clone();
        let query = query.to_string();
        async move {
            let reply = app.call(Method::GET, &format!("/api/v1/schedules?{query}"), None, &[("cookie", &ada)]).await;
            assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.text);
            let body = reply.json();
            // The count is the tallies'; the pages must agree with it.
            let listed = body["schedules"].as_array().unwrap().len() as i64;
            assert_eq!(listed, body["count"].as_i64().unwrap().min(10), "{query}");
            body["count"].as_i64().unwrap()
        }
    };
    assert_eq!(count("kind=calendar").await, 4);
    assert_eq!(count("kind=interval").await, 2);
    assert_eq!(count("kind=once").await, 1);
    assert_eq!(count("once=0").await, 6);
    assert_eq!(count("once=1").await, 1);
    assert_eq!(count("kind=calendar&mine=1").await, 3);
    assert_eq!(count("kind=calendar&q=cal").await, 3);
    assert_eq!(count("kind=calendar&once=1").await, 0);
    let listed: Vec<i64> = app.get("/api/v1/schedules?kind=calendar&mine=0").await.json()["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(&listed[..3], &calendar[..]);
    // A PUT that changes the kind moves it between the tallies; a delete removes it.
    put(&app, &ada, interval, json!({"config": {"cron": "0 12 * * *"}})).await;
    assert_eq!((count("kind=calendar").await, count("kind=interval").await), (5, 1));
    put(&app, &ada, calendar[0], json!({"once": true, "config": {"timestamp": 1_900_000_000}})).await;
    assert_eq!((count("kind=calendar").await, count("kind=once").await, count("once=0").await), (4, 2, 5));
    let reply =
        app.call(Method::DELETE, &format!("/api/v1/schedules/{}", calendar[1]), None, &[("cookie", &ada)]).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!((count("kind=calendar").await, count("").await), (3, 6));
    assert_eq!(app.get("/api/v1/schedules?kind=weekly").await.code(), 1);
}

#[sqlx::test]
async fn upcoming_follows_the_zone_and_its_clock_changes(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let id = app
        .create(&cookie, json!({"config": {"cron": "30 2 * * *", "timezone": "Europe/Paris", "until": 1_774_830_600}}))
        .await;
    // From 2026-03-27: 02:30 CET on the 28th, 03:30 CEST on the 29th (02:30 does not exist),
    // 02:30 CEST on the 30th, which is `until`: nothing after it.
    let reply = app.get(&format!("/api/v1/schedules/byid/{id}/upcoming?count=10&from=1774600000")).await;
    assert_eq!(reply.json(), json!({"id": id, "runs": [1_774_661_400, 1_774_747_800, 1_774_830_600]}));
    // `timestamp` is the start: no run before it.
    let id = app.create(&cookie, json!({"config": {"cron": "0 0 29 2 *", "timestamp": 1_900_000_000}})).await;
    let runs = app.get(&format!("/api/v1/schedules/byid/{id}/upcoming?count=2&from=1795000000")).await.json();
    assert_eq!(runs["runs"], json!([1_961_625_600, 2_087_856_000]), "29 February 2032 and 2036");
    // An interval schedule stops at its `until` too.
    let id = app
        .create(&cookie, json!({"config": {"period": 60, "timestamp": 1_800_000_000, "until": 1_800_000_120}}))
        .await;
    let runs = app.get(&format!("/api/v1/schedules/byid/{id}/upcoming?count=10&from=1800000000")).await.json();
    assert_eq!(runs["runs"], json!([1_800_000_000, 1_800_000_060, 1_800_000_120]));
}

#[sqlx::test]
async fn postgresql_holds_the_rules_too(pool: PgPool) {
    let app = TestApp::new(pool);
    let owner = app.user("ada").await;
    for (period, cron, timezone, until, once, run_at) in [
        (Some(60), Some("0 9 * * *"), None, None, false, None),
        (None, None, Some("UTC"), None, false, None),
        (Some(60), None, Some("UTC"), None, false, None),
        (None, Some("0 9 * * *"), Some("Europe/Paris;DROP"), None, false, None),
        (None, Some(""), None, None, false, None),
        (None, Some("0 9 * * *"), None, Some(1_800_000_000i64), false, Some(1_800_000_000i64)),
        (None, None, None, Some(1_900_000_000), true, Some(1_800_000_000)),
        (None, Some("0 9 * * *"), None, None, true, Some(1_800_000_000)),
    ] {
        let inserted = sqlx::query(
            "INSERT INTO schedules (owner_id, period, cron, timezone, until, once, run_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(owner.id)
        .bind(period)
        .bind(cron)
        .bind(timezone)
        .bind(until)
        .bind(once)
        .bind(run_at)
        .execute(&app.pool)
        .await;
        assert!(inserted.is_err(), "{period:?} {cron:?} {timezone:?} {until:?} {once} {run_at:?} was stored");
    }
}
