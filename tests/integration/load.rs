//! The load of a user's schedules (`/api/v1/schedules/load`) and the load page drawn from
//! it: counts equal to a brute-force count of `/upcoming`'s runs, bounded, authenticated.

use crate::harness::TestApp;
use crate::timeline::upcoming_between;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;
use std::collections::BTreeMap;

async fn get_as(app: &TestApp, cookie: &str, uri: &str) -> crate::harness::Reply {
    app.call(Method::GET, uri, None, &[("cookie", cookie)]).await
}

#[sqlx::test]
async fn counts_equal_a_brute_force_count_of_upcoming_runs(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let ada = app.login("ada").await;
    let from = 1_774_220_400; // Mon 23 Mar 2026 00:00 Paris: the week of the spring change
    let to = from + 7 * 86_400;
    let ids = [
        app.create(&ada, json!({"name": "hourly", "config": {"period": 3_600, "timestamp": from - 1_800}})).await,
        app.create(&ada, json!({"name": "02:30 Paris", "config": {"cron": "30 2 * * *", "timezone": "Europe/Paris"}}))
            .await,
        app.create(&ada, json!({"name": "every 5 min", "config": {"cron": "*/5 * * * *"}})).await,
        app.create(&ada, json!({"name": "weekdays 9", "config": {"cron": "0 9 * * 1-5", "timezone": "Europe/Paris"}}))
            .await,
        app.create(
            &ada,
            json!({"name": "at 9:00:30", "config": {"period": 86_400, "timestamp": from + 9 * 3_600 + 30}}),
        )
        .await,
        app.create(&ada, json!({"name": "once", "once": true, "config": {"timestamp": from + 9 * 3_600 + 59}})).await,
        app.create(&ada, json!({"name": "never here", "once": true, "config": {"timestamp": to + 100}})).await,
    ];
    // Someone else's schedules are not counted.
    app.user("bob").await;
    let bob = app.login("bob").await;
    app.create(&bob, json!({"config": {"cron": "* * * * *"}})).await;

    let mut runs = BTreeMap::new();
    for id in ids {
        runs.insert(id, upcoming_between(&app, id, from, to).await);
    }
    for bucket in [60, 900, 3_600, 86_400, 5 * 86_400] {
        let reply = get_as(&app, &ada, &format!("/api/v1/schedules/load?from={from}&to={to}&bucket={bucket}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let body = reply.json();
        assert_eq!(
            (body["from"].as_i64(), body["to"].as_i64(), body["bucket"].as_i64()),
            (Some(from), Some(to), Some(bucket))
        );
        assert_eq!(body["schedules"], 7);
        let total: usize = runs.values().map(Vec::len).sum();
        assert_eq!(body["runs"].as_u64(), Some(total as u64));
        // Brute force: each bucket's runs, counted one bucket at a time.
        let expected: Vec<u64> = (0..(to - from + bucket - 1) / bucket)
            .map(|k| {
                let (start, end) = (from + k * bucket, (from + (k + 1) * bucket).min(to));
                runs.values().flatten().filter(|at| (start..end).contains(*at)).count() as u64
            })
            .collect();
        let counts: Vec<u64> = body["counts"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
        assert_eq!(counts, expected, "bucket {bucket}");
    }
    // The busiest minutes: every minute's schedules, by brute force, ranked.
    let mut minutes: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (id, times) in &runs {
        for at in times {
            minutes.entry(at - at.rem_euclid(60)).or_default().push(*id);
        }
    }
    let mut ranked: Vec<(i64, Vec<i64>)> = minutes.into_iter().filter(|(_, ids)| ids.len() >= 2).collect();
    ranked.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    ranked.truncate(10);
    let body = get_as(&app, &ada, &format!("/api/v1/schedules/load?from={from}&to={to}")).await.json();
    let busiest: Vec<(i64, Vec<i64>)> = body["busiest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["at"].as_i64().unwrap(),
                m["schedules"].as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect(),
            )
        })
        .collect();
    assert_eq!(busiest, ranked);
    // Monday 09:00 Paris: every 5 min, weekdays 9, at 9:00:30 and the one-time run at 9:00:59.
    assert_eq!(busiest[0], (from + 9 * 3_600, vec![ids[2], ids[3], ids[4], ids[5]]));
}

#[sqlx::test]
async fn bounds_are_refused_with_code_1_and_the_load_needs_a_caller(pool: PgPool) {
    let app = TestApp::new(pool);
    let ada = app.user("ada").await;
    let cookie = app.login("ada").await;
    let from = 1_798_761_600; // 2027-01-01 00:00 UTC
    let anonymous = app.get(&format!("/api/v1/schedules/load?from={from}")).await;
    assert_eq!((anonymous.status, anonymous.code()), (StatusCode::UNAUTHORIZED, 100));
    for bad in [
        format!("from={from}&to={from}"),
        format!("from={from}&to={}", from + 31 * 86_400 + 1),
        format!("from={from}&bucket=59"),
        format!("from={from}&bucket=90"),
        format!("from={from}&bucket=hour"),
        format!("from={from}&bucket={}", 31 * 86_400 + 60),
        "from=abc".to_string(),
    ] {
        let reply = get_as(&app, &cookie, &format!("/api/v1/schedules/load?{bad}")).await;
        assert_eq!((reply.status, reply.code()), (StatusCode::BAD_REQUEST, 1), "{bad}: {}", reply.text);
    }
    // No schedules: nothing to count, but an answer.
    let empty = get_as(&app, &cookie, &format!("/api/v1/schedules/load?from={from}&bucket=86400")).await.json();
    assert_eq!(
        (empty["schedules"].clone(), empty["counts"].clone(), empty["busiest"].clone()),
        (json!(0), json!([0]), json!([]))
    );
    // 23 minutely schedules over 31 days would be 1,026,720 runs: more than it counts.
    let insert = |n: i64, period: i32| {
        sqlx::query("INSERT INTO schedules (owner_id, name, once, period) SELECT $1, 'bulk', false, $2 FROM generate_series(1, $3)")
            .bind(ada.id)
            .bind(period)
            .bind(n)
            .execute(&app.pool)
    };
    insert(23, 60).await.unwrap();
    let month = get_as(&app, &cookie, &format!("/api/v1/schedules/load?from={from}&to={}", from + 31 * 86_400)).await;
    assert_eq!((month.status, month.code()), (StatusCode::BAD_REQUEST, 1), "{}", month.text);
    assert!(month.json()["msg"].as_str().unwrap().contains("more than 1,000,000 times"), "{}", month.text);
    let week = get_as(&app, &cookie, &format!("/api/v1/schedules/load?from={from}&to={}", from + 7 * 86_400)).await;
    assert_eq!(week.status, StatusCode::OK, "{}", week.text);
    // Every one of them runs in the busiest minutes; runs are every minute after `from`.
    let body: Value = week.json();
    assert_eq!(body["busiest"][0]["at"], from + 60);
    assert_eq!(body["busiest"][0]["schedules"].as_array().unwrap().len(), 23);
    // More than 5,000 schedules: refused, on the page too, with its controls.
    insert(4_978, 86_400).await.unwrap();
    let many = get_as(&app, &cookie, &format!("/api/v1/schedules/load?from={from}")).await;
    assert_eq!((many.status, many.code()), (StatusCode::BAD_REQUEST, 1), "{}", many.text);
    assert!(many.json()["msg"].as_str().unwrap().contains("more than 5,000 schedules"));
    let page = get_as(&app, &cookie, "/schedules/load").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("You have more than 5,000 schedules"), "{}", page.text);
    assert!(page.text.contains(r#"aria-label="Window""#));
}

#[sqlx::test]
async fn the_load_page_is_drawn_on_the_server_in_the_viewers_zone(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let start = 1_792_886_400; // Sun 25 Oct 2026 00:00 UTC, 02:00 Paris: clocks go back at 03:00
    app.create(&cookie, json!({"name": "Half-hourly <b>", "config": {"period": 1_800, "timestamp": start}})).await;
    app.create(&cookie, json!({"name": "Reports", "config": {"cron": "0 2 * * *", "timezone": "UTC"}})).await;
    let page =
        get_as(&app, &format!("{cookie}; tz=Europe/Paris"), &format!("/schedules/load?span=24h&start={start}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.header("server-timing").is_some_and(|t| t.starts_with("draw;dur=")));
    let html = &page.text;
    assert!(html.contains(r#"<svg class="timeline load-strip""#) && html.contains(r#"<svg class="heatmap""#), "{html}");
    assert!(html.contains("Your 2 schedules start <strong>49 runs</strong> in these 24 hours."), "{html}");
    // 24 hourly bars; 02:00 Paris on the 25th holds both of its passes: 4 half-hourly runs.
    assert_eq!(html.matches(r#"<rect class="bar""#).count(), 24);
    assert!(html.contains("clocks go back 1 h"));
    assert!(html.contains("<title>Sun 02:00–03:00: 4 runs</title>"), "{html}");
    // 02:00 UTC is 03:00 Paris: the half-hourly one and Reports together, named and linked.
    assert!(html.contains(">03:00 Sun 25 Oct</a>: <strong>2 schedules</strong> — <a href=\"/schedules/"), "{html}");
    assert!(html.contains("Half-hourly &lt;b&gt;</a>, <a"));
    assert!(html.contains(&format!("/schedules/timeline?mine=1&amp;span=24h&amp;start={}", start + 7_200 - 3_600)));
    // A start no window can have: the reason, with the controls to go elsewhere.
    let far = get_as(&app, &cookie, &format!("/schedules/load?span=30d&start={}", i64::MAX)).await;
    assert_eq!(far.status, StatusCode::OK);
    assert!(far.text.contains("From and to must be Unix seconds between"), "{}", far.text);
    // Without a caller: 401 and a link to sign in that comes back here.
    let anonymous = app.get("/schedules/load?span=7d").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert!(anonymous.text.contains("/signin?next=%2Fschedules%2Fload%3Fspan%3D7d"), "{}", anonymous.text);
}
