//! Bulk actions (`POST /api/v1/schedules/bulk` and the list page's selection form): all or
//! nothing with every refused id listed, each action's result and versions, idempotent
//! retries, the limits, and the form without JavaScript.

use crate::harness::TestApp;
use crate::history::form_post;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;

async fn bulk(app: &TestApp, cookie: &str, body: Value, headers: &[(&str, &str)]) -> crate::harness::Reply {
    let mut all = vec![("cookie", cookie)];
    all.extend_from_slice(headers);
    app.call(Method::POST, "/api/v1/schedules/bulk", Some(body), &all).await
}

async fn versions(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM schedule_versions").fetch_one(&app.pool).await.unwrap()
}

async fn tags_of(app: &TestApp, id: i64) -> Value {
    app.get(&format!("/api/v1/schedules/byid/{id}")).await.json().get("tags").cloned().unwrap_or(json!([]))
}

#[sqlx::test]
async fn a_foreign_or_missing_id_changes_nothing_and_each_is_listed(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    app.user("bob").await;
    let (ada, bob) = (app.login("ada").await, app.login("bob").await);
    let mine: Vec<i64> = created_ids(&app, &ada, 3).await;
    let theirs = app.create(&bob, json!({"config": {"period": 60}})).await;
    let before = (app.snapshot().await, versions(&app).await);
    for action in [json!({"action": "delete"}), json!({"action": "clone"}), json!({"action": "tag", "tags": ["x"]})] {
        let mut body = action.clone();
        body["ids"] = json!([mine[0], theirs, 999_999, mine[1]]);
        let reply = bulk(&app, &ada, body, &[]).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.text);
        let answer = reply.json();
        assert_eq!(answer["code"], 4);
        assert_eq!(answer["refused"], json!([{"id": theirs, "code": 101}, {"id": 999_999, "code": 6}]));
        let msg = answer["msg"].as_str().unwrap();
        assert!(
            msg.contains(&format!("schedule {theirs} is not yours")) && msg.contains("999999 does not exist"),
            "{msg}"
        );
        assert_eq!((app.snapshot().await, versions(&app).await), before, "{action}: nothing changed");
    }
    // A schedule deleted meanwhile is refused as missing.
    let deleted = mine[2];
    let reply = app.call(Method::DELETE, &format!("/api/v1/schedules/{deleted}"), None, &[("cookie", &ada)]).await;
    assert_eq!(reply.status, StatusCode::OK);
    let reply = bulk(&app, &ada, json!({"action": "clone", "ids": [mine[0], deleted]}), &[]).await;
    assert_eq!(reply.json()["refused"], json!([{"id": deleted, "code": 6}]));
    // Without a caller: 401, code 100.
    let reply =
        app.call(Method::POST, "/api/v1/schedules/bulk", Some(json!({"action": "delete", "ids": [1]})), &[]).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::UNAUTHORIZED, 100));
}

async fn created_ids(app: &TestApp, cookie: &str, n: usize) -> Vec<i64> {
    let mut ids = Vec::new();
    for i in 0..n {
        ids.push(app.create(cookie, json!({"name": format!("job {i}"), "config": {"period": 60 * (i + 1)}})).await);
    }
    ids
}

#[sqlx::test]
async fn each_action_does_what_it_says_and_records_versions(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let ada = app.login("ada").await;
    let named = app
        .create(
            &ada,
            json!({"name": "Backups", "config": {"cron": "0 3 * * *", "timezone": "Europe/Paris"}, "tags": ["ops"]}),
        )
        .await;
    let nameless = app.create(&ada, json!({"once": true, "config": {"timestamp": 4_102_444_800_i64}})).await;
    let note = [("x-change-note", "quarterly%20tidy")];

    // tag: results in the order sent; one that has the tags already is left alone.
    let reply =
        bulk(&app, &ada, json!({"action": "tag", "ids": [nameless, named], "tags": ["Billing", "ops"]}), &note).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json(), json!({"results": [{"id": nameless}, {"id": named}]}));
    assert_eq!(tags_of(&app, named).await, json!(["billing", "ops"]));
    assert_eq!(tags_of(&app, nameless).await, json!(["billing", "ops"]));
    let before = versions(&app).await;
    let again = bulk(&app, &ada, json!({"action": "tag", "ids": [named], "tags": ["ops"]}), &[]).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(versions(&app).await, before, "nothing to do, no version");
    let history = app
        .call(Method::GET, &format!("/api/v1/schedules/byid/{named}/history"), None, &[("cookie", &ada)])
        .await
        .json();
    assert_eq!(history["versions"][0]["action"], "updated");
    assert_eq!(history["versions"][0]["note"], "quarterly tidy");
    assert_eq!(history["versions"][0]["schedule"]["tags"], json!(["billing", "ops"]));

    // untag
    let reply = bulk(&app, &ada, json!({"action": "untag", "ids": [named, nameless], "tags": ["ops"]}), &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(tags_of(&app, named).await, json!(["billing"]));

    // clone: the settings and tags, "Copy of …", a null name stays null.
    let reply = bulk(&app, &ada, json!({"action": "clone", "ids": [named, nameless]}), &note).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let results = reply.json()["results"].clone();
    assert_eq!(results[0]["id"], named);
    let (copy, nameless_copy) = (results[0]["new_id"].as_i64().unwrap(), results[1]["new_id"].as_i64().unwrap());
    let copied = app.get(&format!("/api/v1/schedules/byid/{copy}")).await.json();
    assert_eq!(
        copied,
        json!({"id": copy, "name": "Copy of Backups", "once": false,
               "config": {"cron": "0 3 * * *", "timezone": "Europe/Paris"}, "tags": ["billing"]})
    );
    let copied = app.get(&format!("/api/v1/schedules/byid/{nameless_copy}")).await.json();
    assert_eq!(copied["name"], Value::Null);
    assert_eq!(copied["once"], true);
    let history = app
        .call(Method::GET, &format!("/api/v1/schedules/byid/{copy}/history"), None, &[("cookie", &ada)])
        .await
        .json();
    assert_eq!(
        (history["versions"][0]["action"].clone(), history["versions"][0]["note"].clone()),
        (json!("created"), json!("quarterly tidy"))
    );

    // delete: gone, restorable, with the note.
    let reply = bulk(&app, &ada, json!({"action": "delete", "ids": [copy, nameless_copy]}), &note).await;
    assert_eq!(reply.json(), json!({"results": [{"id": copy}, {"id": nameless_copy}]}));
    assert_eq!(app.get(&format!("/api/v1/schedules/byid/{copy}")).await.status, StatusCode::NOT_FOUND);
    let deleted = app.call(Method::GET, "/api/v1/schedules/deleted", None, &[("cookie", &ada)]).await.json();
    assert_eq!(deleted["count"], 2);
    let restored = app
        .call(Method::POST, &format!("/api/v1/schedules/byid/{copy}/restore"), Some(json!({})), &[("cookie", &ada)])
        .await;
    assert_eq!(restored.status, StatusCode::OK, "{}", restored.text);
    assert_eq!(restored.json()["name"], "Copy of Backups");
}

#[sqlx::test]
async fn a_retried_key_acts_once_and_another_request_under_it_is_refused(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let ada = app.login("ada").await;
    let id = app.create(&ada, json!({"config": {"period": 60}})).await;
    let key = [("idempotency-key", "bulk-1")];
    let first = bulk(&app, &ada, json!({"action": "clone", "ids": [id]}), &key).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    let count = app.snapshot().await.len();
    let retry = bulk(&app, &ada, json!({"action": "clone", "ids": [id]}), &key).await;
    assert_eq!(retry.text, first.text, "the same results");
    assert_eq!(app.snapshot().await.len(), count, "no second copy");
    let other = bulk(&app, &ada, json!({"action": "delete", "ids": [id]}), &key).await;
    assert_eq!((other.status, other.code()), (StatusCode::UNPROCESSABLE_ENTITY, 4));
    assert!(other.json()["msg"].as_str().unwrap().contains("another bulk action"));
    assert_eq!(app.snapshot().await.len(), count);
    // A create's key is not a bulk action's, nor the other way round.
    let create_key = [("cookie", ada.as_str()), ("idempotency-key", "create-1")];
    let created =
        app.call(Method::POST, "/api/v1/schedules", Some(json!({"config": {"period": 60}})), &create_key).await;
    assert_eq!(created.status, StatusCode::OK);
    let reused = bulk(&app, &ada, json!({"action": "clone", "ids": [id]}), &[("idempotency-key", "create-1")]).await;
    assert_eq!((reused.status, reused.code()), (StatusCode::UNPROCESSABLE_ENTITY, 4));
    let reused = app
        .call(
            Method::POST,
            "/api/v1/schedules",
            Some(json!({"config": {"period": 60}})),
            &[("cookie", &ada), ("idempotency-key", "bulk-1")],
        )
        .await;
    assert_eq!((reused.status, reused.code()), (StatusCode::UNPROCESSABLE_ENTITY, 4));
}

#[sqlx::test]
async fn the_limits_and_rules(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let ada = app.login("ada").await;
    let full: Vec<String> = (0..19).map(|i| format!("t{i}")).collect();
    let id = app.create(&ada, json!({"config": {"period": 60}, "tags": full})).await;
    let before = (app.snapshot().await, versions(&app).await, tags_of(&app, id).await);
    let cases = [
        (json!({"action": "delete", "ids": (1..=501).collect::<Vec<i64>>()}), "at most 500"),
        (json!({"action": "delete", "ids": []}), "at least one"),
        (json!({"action": "delete", "ids": [id, id]}), "given twice"),
        (json!({"action": "delete", "ids": [0]}), "positive"),
        (json!({"action": "delete", "ids": [id], "tags": ["x"]}), "only for tag and untag"),
        (json!({"action": "tag", "ids": [id]}), "tag needs tags"),
        (json!({"action": "tag", "ids": [id], "tags": ["bad tag"]}), "a space"),
        (json!({"action": "tag", "ids": [id], "tags": ["x", "y"]}), "would have 21 tags"),
        (json!({"action": "pause", "ids": [id]}), "action must be one of"),
        (json!({"action": "delete", "ids": [id], "extra": 1}), "unknown key"),
    ];
    for (body, says) in cases {
        let reply = bulk(&app, &ada, body.clone(), &[]).await;
        assert_eq!((reply.status, reply.code()), (StatusCode::UNPROCESSABLE_ENTITY, 4), "{body}: {}", reply.text);
        assert!(reply.json()["msg"].as_str().unwrap().contains(says), "{body}: {}", reply.text);
        assert_eq!((app.snapshot().await, versions(&app).await, tags_of(&app, id).await), before, "{body}");
    }
    // 500 is allowed (and refused here only because they do not exist).
    let reply = bulk(&app, &ada, json!({"action": "delete", "ids": (1..=500).collect::<Vec<i64>>()}), &[]).await;
    assert_eq!(reply.json()["refused"].as_array().unwrap().len(), 499);
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[sqlx::test]
async fn the_selection_form_works_without_javascript(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    app.user("bob").await;
    let (ada, bob) = (app.login("ada").await, app.login("bob").await);
    let a = app.create(&ada, json!({"name": "Alpha", "config": {"period": 60}})).await;
    let b = app.create(&ada, json!({"name": "Beta", "config": {"period": 60}})).await;
    let theirs = app.create(&bob, json!({"name": "Bob's", "config": {"period": 60}})).await;

    // The list: a checkbox on each of the viewer's rows only, inside one form.
    let page = app.call(Method::GET, "/schedules", None, &[("cookie", &ada)]).await.text;
    assert!(page.contains(r#"action="/schedules/selection""#), "{page}");
    assert!(page.contains(&format!(r#"name="id" value="{a}""#)) && page.contains(&format!(r#"name="id" value="{b}""#)));
    assert!(!page.contains(&format!(r#"name="id" value="{theirs}""#)));
    let anonymous = app.get("/schedules").await.text;
    assert!(!anonymous.contains("/schedules/selection"), "no form for a visitor");
    let all = app.call(Method::GET, "/schedules?select=all", None, &[("cookie", &ada)]).await.text;
    assert_eq!(all.matches("checked").count(), 2, "select all checks the viewer's rows");

    // Add a tag: back to the list, which says so.
    let (a_s, b_s) = (a.to_string(), b.to_string());
    let form =
        pairs(&[("back", "/schedules?q=a"), ("id", &a_s), ("id", &b_s), ("bulk_tag", "Nightly"), ("action", "tag")]);
    let reply = app.send(form_post("/schedules/selection", &ada, &form)).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let location = reply.header("location").unwrap().to_string();
    assert_eq!(location, "/schedules?q=a&done=tag&n=2&tags=nightly");
    assert_eq!(tags_of(&app, b).await, json!(["nightly"]));
    let shown = app.call(Method::GET, &location, None, &[("cookie", &ada)]).await.text;
    assert!(shown.contains("Added tag nightly to 2 schedules."), "{shown}");

    // A foreign id refuses all: back with the message and the rows still checked.
    let theirs_s = theirs.to_string();
    let form = pairs(&[("back", "/schedules"), ("id", &a_s), ("id", &theirs_s), ("action", "clone")]);
    let reply = app.send(form_post("/schedules/selection", &ada, &form)).await;
    let location = reply.header("location").unwrap().to_string();
    assert!(location.starts_with("/schedules?refused=Nothing%20was%20changed"), "{location}");
    assert!(location.ends_with(&format!("&select={a}%2C{theirs}")), "{location}");
    let shown = app.call(Method::GET, &location, None, &[("cookie", &ada)]).await.text;
    assert!(shown.contains(&format!("schedule {theirs} is not yours")), "{shown}");
    assert!(shown.contains(&format!(r#"name="id" value="{a}" checked"#)), "{shown}");

    // Nothing selected, no tag typed: said, nothing done.
    let reply = app.send(form_post("/schedules/selection", &ada, &pairs(&[("action", "clone")]))).await;
    assert!(reply.header("location").unwrap().contains("Select%20at%20least%20one"));
    let reply = app.send(form_post("/schedules/selection", &ada, &pairs(&[("id", &a_s), ("action", "untag")]))).await;
    assert!(reply.header("location").unwrap().contains("Type%20the%20tag%20to%20remove"));

    // A delete asks first: its page names how many and which.
    let confirm = app
        .call(
            Method::GET,
            &format!("/schedules/selected?id={a}&id={b}&id={theirs}&back=%2Fschedules"),
            None,
            &[("cookie", &ada)],
        )
        .await
        .text;
    assert!(
        confirm.contains("Delete 2 schedules?") && confirm.contains("Alpha") && confirm.contains("Beta"),
        "{confirm}"
    );
    assert!(!confirm.contains("Bob&#x27;s") && !confirm.contains("Bob's"), "another's schedule is left out");
    assert!(confirm.contains("1 of the selected schedules no longer exists or is not yours"));
    let unconfirmed =
        app.send(form_post("/schedules/selection", &ada, &pairs(&[("id", &a_s), ("action", "delete")]))).await;
    assert!(unconfirmed.header("location").unwrap().starts_with(&format!("/schedules/selected?id={a}&back=")));
    assert_eq!(app.snapshot().await.len(), 3, "nothing deleted before the confirmation");
    let form = pairs(&[
        ("id", &a_s),
        ("id", &b_s),
        ("action", "delete"),
        ("confirm", "1"),
        ("note", "retired"),
        ("key", "form-k1"),
    ]);
    let reply = app.send(form_post("/schedules/selection", &ada, &form)).await;
    assert_eq!(reply.header("location"), Some("/schedules?done=delete&n=2"));
    assert_eq!(app.snapshot().await.len(), 1);
    // Sent twice (a double click): the same answer, nothing more.
    let again = app.send(form_post("/schedules/selection", &ada, &form)).await;
    assert_eq!(again.header("location"), Some("/schedules?done=delete&n=2"));
    let history =
        app.call(Method::GET, &format!("/api/v1/schedules/byid/{a}/history"), None, &[("cookie", &ada)]).await.json();
    assert_eq!(
        (history["versions"][0]["action"].clone(), history["versions"][0]["note"].clone()),
        (json!("deleted"), json!("retired"))
    );
    // The form goes back only to the list.
    let form = pairs(&[("back", "https://evil.example/"), ("action", "clone")]);
    let reply = app.send(form_post("/schedules/selection", &bob, &form)).await;
    assert!(reply.header("location").unwrap().starts_with("/schedules?"));
    // Signed out: to the sign-in page, then back.
    let reply = app.send(form_post("/schedules/selection", "auth_tkt=nobody", &pairs(&[("action", "clone")]))).await;
    assert_eq!(reply.header("location"), Some("/signin?next=%2Fschedules"));
}
