//! The documented schedule endpoints and the additions beyond them.

use crate::harness::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;

#[sqlx::test]
async fn create_then_read_back_exactly(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let id = app.create(&cookie, json!({"name": "Every five minutes", "config": {"period": 300}})).await;
    let reply = app.get(&format!("/api/v1/schedules/byid/{id}")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json(), json!({"id": id, "name": "Every five minutes", "once": false, "config": {"period": 300}}));
    assert!(reply.header("etag").is_some());

    let once = app.create(&cookie, json!({"once": true, "config": {"timestamp": 1_900_000_000}})).await;
    let reply = app.get(&format!("/api/v1/schedules/byid/{once}")).await;
    assert_eq!(reply.json(), json!({"id": once, "name": null, "once": true, "config": {"timestamp": 1_900_000_000}}));
}

#[sqlx::test]
async fn pagination_over_23(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let mut ids = Vec::new();
    for n in 0..23 {
        ids.push(app.create(&cookie, json!({"name": format!("s{n}"), "config": {"period": 60 + n}})).await);
    }
    let mut seen = Vec::new();
    for (page, expected) in [(1, 10), (2, 10), (3, 3)] {
        let body = app.get(&format!("/api/v1/schedules?page={page}")).await.json();
        assert_eq!(body["count"], 23);
        assert_eq!(body["page"], page);
        assert_eq!(body["pagesize"], 10, "the page size, also on the short last page");
        let schedules = body["schedules"].as_array().unwrap();
        assert_eq!(schedules.len(), expected as usize);
        for s in schedules {
            assert_eq!(s.as_object().unwrap().len(), 4, "exactly id, name, once, config: {s}");
            seen.push(s["id"].as_i64().unwrap());
        }
    }
    assert_eq!(seen, ids, "ascending ids, each once");
    let past = app.get("/api/v1/schedules?page=4").await;
    assert_eq!(past.status, StatusCode::OK);
    assert_eq!(past.json(), json!({"count": 23, "pagesize": 10, "page": 4, "schedules": []}));
    assert_eq!(app.get("/api/v1/schedules").await.json()["page"], 1, "page defaults to 1");
}

#[sqlx::test]
async fn pages_stay_right_across_id_blocks_and_deletes(pool: PgPool) {
    let app = TestApp::new(pool.clone());
    let owner = app.user("ada").await;
    // Ids spread over several blocks of every level (2^8, 2^12, 2^16, 2^20), with holes.
    sqlx::query(
        "INSERT INTO schedules (id, owner_id, period) OVERRIDING SYSTEM VALUE \
         SELECT g, $1, 60 FROM generate_series(1, 700) g \
         UNION ALL SELECT g, $1, 60 FROM generate_series(4000, 4200) g \
         UNION ALL SELECT g, $1, 60 FROM generate_series(65500, 65800) g \
         UNION ALL SELECT g, $1, 60 FROM generate_series(200000, 200100) g \
         UNION ALL SELECT g, $1, 60 FROM generate_series(1048500, 1048650) g \
         UNION ALL SELECT g, $1, 60 FROM generate_series(3000000, 3000040) g",
    )
    .bind(owner.id)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("DELETE FROM schedules WHERE id % 7 = 0").execute(&pool).await.unwrap();
    // The triggers kept every level's counts equal to a recount.
    let wrong: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM ( \
             (SELECT level, block, n FROM schedule_id_blocks WHERE n <> 0 \
              EXCEPT SELECT level, id >> level, count(*) FROM schedules, unnest('{8,12,16,20}'::int2[]) level GROUP BY 1, 2) \
             UNION ALL \
             (SELECT level, id >> level, count(*) FROM schedules, unnest('{8,12,16,20}'::int2[]) level GROUP BY 1, 2 \
              EXCEPT SELECT level, block, n FROM schedule_id_blocks) \
         ) differences",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(wrong, 0, "schedule_id_blocks differs from a recount");
    // The walk finds every position exactly where OFFSET does.
    let misplaced: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM generate_series(0, (SELECT count(*) FROM schedules) - 1) pos \
         WHERE ARRAY(SELECT id FROM schedules_page_at(pos, 10)) \
               IS DISTINCT FROM ARRAY(SELECT id FROM schedules ORDER BY id OFFSET pos LIMIT 10)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(misplaced, 0, "positions where schedules_page_at differs from OFFSET");
    let all: Vec<i64> = sqlx::query_scalar("SELECT id FROM schedules ORDER BY id").fetch_all(&pool).await.unwrap();
    let pages = (all.len() as i64 + 9) / 10;
    for page in (1..=pages).step_by(3).chain([pages - 1, pages]) {
        let body = app.get(&format!("/api/v1/schedules?page={page}")).await.json();
        assert_eq!(body["count"].as_i64(), Some(all.len() as i64));
        let got: Vec<i64> = body["schedules"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
        let start = ((page - 1) * 10) as usize;
        assert_eq!(got, all[start..(start + 10).min(all.len())].to_vec(), "page {page}");
    }
}

#[sqlx::test]
async fn put_keeps_what_is_not_sent(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let id = app.create(&cookie, json!({"name": "a", "config": {"period": 120, "timestamp": 1_800_000_000}})).await;
    let reply = app
        .call(Method::PUT, &format!("/api/v1/schedules/{id}"), Some(json!({"name": "b"})), &[("cookie", &cookie)])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(
        reply.json(),
        json!({"id": id, "name": "b", "once": false, "config": {"period": 120, "timestamp": 1_800_000_000}})
    );

    // A sent config replaces the whole config.
    let reply = app
        .call(
            Method::PUT,
            &format!("/api/v1/schedules/{id}"),
            Some(json!({"config": {"period": 60}})),
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(reply.json()["config"], json!({"period": 60}));

    // Switching kind needs a config valid for the new kind.
    let reply = app
        .call(Method::PUT, &format!("/api/v1/schedules/{id}"), Some(json!({"once": true})), &[("cookie", &cookie)])
        .await;
    assert_eq!((reply.status, reply.code()), (StatusCode::UNPROCESSABLE_ENTITY, 26), "the config does not fit once");
    let reply = app
        .call(
            Method::PUT,
            &format!("/api/v1/schedules/{id}"),
            Some(json!({"once": true, "config": {"timestamp": 1_900_000_000}})),
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(reply.json(), json!({"id": id, "name": "b", "once": true, "config": {"timestamp": 1_900_000_000}}));
    assert_eq!(app.get(&format!("/api/v1/schedules/byid/{id}")).await.json(), reply.json());
}

#[sqlx::test]
async fn only_the_owner_changes_or_deletes(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    app.user("bob").await;
    let ada = app.login("ada").await;
    let bob = app.login("bob").await;
    let id = app.create(&ada, json!({"name": "ada's", "config": {"period": 300}})).await;
    let before = app.snapshot().await;

    let put = app
        .call(Method::PUT, &format!("/api/v1/schedules/{id}"), Some(json!({"name": "bob's now"})), &[("cookie", &bob)])
        .await;
    assert_eq!((put.status, put.code()), (StatusCode::FORBIDDEN, 101));
    let delete = app.call(Method::DELETE, &format!("/api/v1/schedules/{id}"), None, &[("cookie", &bob)]).await;
    assert_eq!((delete.status, delete.code()), (StatusCode::FORBIDDEN, 101));
    assert_eq!(app.snapshot().await, before, "refused requests change nothing");

    let delete = app.call(Method::DELETE, &format!("/api/v1/schedules/{id}"), None, &[("cookie", &ada)]).await;
    assert_eq!(delete.json(), json!({"deleted": id}));
    let gone = app.get(&format!("/api/v1/schedules/byid/{id}")).await;
    assert_eq!((gone.status, gone.code()), (StatusCode::NOT_FOUND, 6));
    assert_eq!(app.get("/api/v1/schedules").await.json()["count"], 0);

    // Ids are never reused.
    let next = app.create(&ada, json!({"config": {"period": 300}})).await;
    assert!(next > id);
}

#[sqlx::test]
async fn unknown_schedules_are_code_6(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let reply = app.get("/api/v1/schedules/byid/999").await;
    assert_eq!((reply.status, reply.code()), (StatusCode::NOT_FOUND, 6));
    let reply =
        app.call(Method::PUT, "/api/v1/schedules/999", Some(json!({"name": "x"})), &[("cookie", &cookie)]).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::NOT_FOUND, 6));
    let reply = app.call(Method::DELETE, "/api/v1/schedules/999", None, &[("cookie", &cookie)]).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::NOT_FOUND, 6));
}

#[sqlx::test]
async fn stale_if_match_is_code_103(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let id = app.create(&cookie, json!({"config": {"period": 300}})).await;
    let etag = app.get(&format!("/api/v1/schedules/byid/{id}")).await.header("etag").unwrap().to_string();

    let first = app
        .call(
            Method::PUT,
            &format!("/api/v1/schedules/{id}"),
            Some(json!({"name": "first"})),
            &[("cookie", &cookie), ("if-match", &etag)],
        )
        .await;
    assert_eq!(first.status, StatusCode::OK);
    let new_etag = first.header("etag").unwrap().to_string();
    assert_ne!(new_etag, etag);

    let before = app.snapshot().await;
    let stale = app
        .call(
            Method::PUT,
            &format!("/api/v1/schedules/{id}"),
            Some(json!({"name": "second"})),
            &[("cookie", &cookie), ("if-match", &etag)],
        )
        .await;
    assert_eq!((stale.status, stale.code()), (StatusCode::PRECONDITION_FAILED, 103));
    let stale_delete = app
        .call(Method::DELETE, &format!("/api/v1/schedules/{id}"), None, &[("cookie", &cookie), ("if-match", &etag)])
        .await;
    assert_eq!(stale_delete.code(), 103);
    assert_eq!(app.snapshot().await, before);

    let current = app
        .call(Method::DELETE, &format!("/api/v1/schedules/{id}"), None, &[("cookie", &cookie), ("if-match", &new_etag)])
        .await;
    assert_eq!(current.status, StatusCode::OK);
}

#[sqlx::test]
async fn replayed_idempotency_key_creates_nothing(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    app.user("bob").await;
    let ada = app.login("ada").await;
    let bob = app.login("bob").await;
    let body = json!({"config": {"period": 300}});
    let post = |cookie: String| {
        let app = &app;
        let body = body.clone();
        async move {
            app.call(Method::POST, "/api/v1/schedules", Some(body), &[("cookie", &cookie), ("idempotency-key", "k-1")])
                .await
                .json()["id"]
                .as_i64()
                .unwrap()
        }
    };
    let first = post(ada.clone()).await;
    let again = post(ada.clone()).await;
    assert_eq!(first, again);
    assert_eq!(app.snapshot().await.len(), 1);
    // The same key from another user is another request.
    let bobs = post(bob).await;
    assert_ne!(bobs, first);
    assert_eq!(app.snapshot().await.len(), 2);
}

#[sqlx::test]
async fn list_filters(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    app.user("bob").await;
    let ada = app.login("ada").await;
    let bob = app.login("bob").await;
    app.create(&ada, json!({"name": "Morning report", "config": {"period": 86400}})).await;
    app.create(&ada, json!({"name": "Launch 100%", "once": true, "config": {"timestamp": 1_900_000_000}})).await;
    app.create(&bob, json!({"name": "morning coffee", "config": {"period": 3600}})).await;

    let count = |body: serde_json::Value| body["count"].as_i64().unwrap();
    assert_eq!(count(app.get("/api/v1/schedules?q=MORNING").await.json()), 2);
    assert_eq!(count(app.get("/api/v1/schedules?q=100%25").await.json()), 1, "% is literal");
    assert_eq!(count(app.get("/api/v1/schedules?q=_").await.json()), 0, "_ is literal");
    assert_eq!(count(app.get("/api/v1/schedules?once=1").await.json()), 1);
    assert_eq!(count(app.get("/api/v1/schedules?once=0").await.json()), 2);
    let mine = app.call(Method::GET, "/api/v1/schedules?mine=1", None, &[("cookie", &bob)]).await.json();
    assert_eq!(count(mine.clone()), 1);
    assert_eq!(mine["schedules"][0]["name"], "morning coffee");
    let mine_once = app.call(Method::GET, "/api/v1/schedules?mine=1&once=1", None, &[("cookie", &ada)]).await.json();
    assert_eq!(count(mine_once), 1);
    // pagesize is the page size whatever the filter matches, and ceil(count / pagesize) pages.
    for (uri, cookie, count) in [
        ("/api/v1/schedules?q=morning", "", 2),
        ("/api/v1/schedules?q=morning&page=2", "", 2),
        ("/api/v1/schedules?once=1", "", 1),
        ("/api/v1/schedules?once=0&page=5", "", 2),
        ("/api/v1/schedules?mine=1", ada.as_str(), 2),
        ("/api/v1/schedules?mine=1&q=nothing", ada.as_str(), 0),
    ] {
        let body = app.call(Method::GET, uri, None, &[("cookie", cookie)]).await.json();
        assert_eq!((body["count"].as_i64(), body["pagesize"].as_i64()), (Some(count), Some(10)), "{uri}");
    }
    let anonymous = app.get("/api/v1/schedules?mine=1").await;
    assert_eq!((anonymous.status, anonymous.code()), (StatusCode::UNAUTHORIZED, 100));
}

#[sqlx::test]
async fn upcoming_runs(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let id = app.create(&cookie, json!({"config": {"period": 3600, "timestamp": 1_800_000_000}})).await;
    let body = app.get(&format!("/api/v1/schedules/byid/{id}/upcoming?count=3&from=1800000001")).await.json();
    assert_eq!(body, json!({"id": id, "runs": [1_800_003_600, 1_800_007_200, 1_800_010_800]}));
    let once = app.create(&cookie, json!({"once": true, "config": {"timestamp": 1_900_000_000}})).await;
    let body = app.get(&format!("/api/v1/schedules/byid/{once}/upcoming?from=1900000001")).await.json();
    assert_eq!(body["runs"], json!([]));
    let bad = app.get(&format!("/api/v1/schedules/byid/{id}/upcoming?count=101")).await;
    assert_eq!((bad.status, bad.code()), (StatusCode::BAD_REQUEST, 1));
}
