//! Tags: their rules (code 4, nothing changed), the Kragle shape of untagged schedules,
//! PUT replacing the set, the list's `tag` filter with every other filter (counts exact,
//! checked against SQL), `GET /api/v1/tags`, history and restore, and the forms.

use crate::harness::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;

async fn tags_column(app: &TestApp) -> Vec<(i64, Vec<String>)> {
    sqlx::query_as("SELECT id, tags FROM schedules ORDER BY id").fetch_all(&app.pool).await.unwrap()
}

fn keys(object: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = object.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    keys
}

#[sqlx::test]
async fn tags_are_stored_lower_case_and_sorted_and_absent_when_none(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let tagged =
        app.create(&cookie, json!({"config": {"period": 60}, "tags": ["Ops", "billing", "team:EU/west"]})).await;
    let plain = app.create(&cookie, json!({"name": "plain", "config": {"period": 60}})).await;
    let cleared = app.create(&cookie, json!({"config": {"period": 60}, "tags": []})).await;

    let got = app.get(&format!("/api/v1/schedules/byid/{tagged}")).await.json();
    assert_eq!(got["tags"], json!(["billing", "ops", "team:eu/west"]));
    // A Kragle client that never tags sees the reference's four keys, byte for byte.
    let untagged = app.get(&format!("/api/v1/schedules/byid/{plain}")).await;
    assert_eq!(untagged.text, format!(r#"{{"id":{plain},"name":"plain","once":false,"config":{{"period":60}}}}"#));
    assert_eq!(
        keys(&app.get(&format!("/api/v1/schedules/byid/{cleared}")).await.json()),
        ["config", "id", "name", "once"]
    );
    let list = app.get("/api/v1/schedules").await.json();
    assert_eq!(keys(&list["schedules"][1]), ["config", "id", "name", "once"]);
    assert_eq!(keys(&list["schedules"][0]), ["config", "id", "name", "once", "tags"]);

    // PUT without tags keeps them, with tags replaces the set, with [] clears it.
    let put = |body: Value| {
        let app = app.clone();
        let cookie = cookie.clone();
        async move {
            let reply =
                app.call(Method::PUT, &format!("/api/v1/schedules/{tagged}"), Some(body), &[("cookie", &cookie)]).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
            reply.json()
        }
    };
    assert_eq!(put(json!({"name": "renamed"})).await["tags"], json!(["billing", "ops", "team:eu/west"]));
    assert_eq!(put(json!({"tags": ["Nightly", "ops"]})).await["tags"], json!(["nightly", "ops"]));
    let cleared = put(json!({"tags": []})).await;
    assert_eq!(keys(&cleared), ["config", "id", "name", "once"]);
}

#[sqlx::test]
async fn a_bad_tag_is_code_4_naming_it_and_changes_nothing(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let id = app.create(&cookie, json!({"config": {"period": 60}, "tags": ["keep"]})).await;
    let before = (app.snapshot().await, tags_column(&app).await);
    let too_many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
    let cases: Vec<(Value, &str)> = vec![
        (json!(too_many), "at most 20 tags"),
        (json!(["x".repeat(51)]), "longer than 50"),
        (json!(["two words"]), "`two words`"),
        (json!(["caf\u{e9}"]), "caf"),
        (json!(["a,b"]), "`a,b`"),
        (json!([""]), "empty tag"),
        (json!(["Ops", "ops"]), "`ops` is given twice"),
        (json!("ops"), "array of strings"),
        (json!([7]), "array of strings"),
        (json!(null), "array of strings"),
    ];
    for (tags, says) in cases {
        for (method, uri) in
            [(Method::POST, "/api/v1/schedules".to_string()), (Method::PUT, format!("/api/v1/schedules/{id}"))]
        {
            let reply = app
                .call(
                    method.clone(),
                    &uri,
                    Some(json!({"config": {"period": 60}, "tags": tags})),
                    &[("cookie", &cookie)],
                )
                .await;
            assert_eq!((reply.status, reply.code()), (StatusCode::UNPROCESSABLE_ENTITY, 4), "{method} {tags}");
            assert!(reply.json()["msg"].as_str().unwrap().contains(says), "{method} {tags}: {}", reply.text);
        }
    }
    // A bad tag beside a bad period: still code 4 (a problem outside config), both named.
    let reply = app
        .call(
            Method::POST,
            "/api/v1/schedules",
            Some(json!({"config": {"period": 5}, "tags": ["no good"]})),
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(reply.code(), 4);
    assert!(reply.text.contains("config.period") && reply.text.contains("`no good`"), "{}", reply.text);
    // 20 tags of 50 characters are fine.
    let most: Vec<String> = (0..20).map(|i| format!("{i:02}{}", "x".repeat(48))).collect();
    assert_eq!(app.snapshot().await, before.0);
    assert_eq!(tags_column(&app).await, before.1);
    app.create(&cookie, json!({"config": {"period": 60}, "tags": most})).await;
}

/// What the list answers for `query`: its count and ids.
async fn listed(app: &TestApp, query: &str, cookie: &str) -> (i64, Vec<i64>) {
    let reply = app.call(Method::GET, &format!("/api/v1/schedules?{query}"), None, &[("cookie", cookie)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.text);
    let body = reply.json();
    let ids = body["schedules"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    (body["count"].as_i64().unwrap(), ids)
}

/// What SQL says the same filter matches, in id order.
async fn matching(app: &TestApp, condition: &str) -> Vec<i64> {
    sqlx::query_scalar(&format!("SELECT id FROM schedules WHERE {condition} ORDER BY id"))
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

#[sqlx::test]
async fn the_tag_filter_is_exact_with_every_other_filter(pool: PgPool) {
    let app = TestApp::new(pool);
    let ada = app.user("ada").await;
    app.user("bob").await;
    let ada_cookie = app.login("ada").await;
    let bob_cookie = app.login("bob").await;
    // 36 schedules of three kinds and two owners, tagged in overlapping groups.
    for i in 0..36 {
        let cookie = if i % 2 == 0 { &ada_cookie } else { &bob_cookie };
        let mut tags = vec![];
        if i % 3 == 0 {
            tags.push("billing");
        }
        if i % 4 == 0 {
            tags.push("eu");
        }
        if i == 35 {
            tags.push("rare");
        }
        let config = match i % 3 {
            0 => json!({"period": 60 * (i + 1)}),
            1 => json!({"cron": "0 9 * * 1-5", "timezone": "Europe/Paris"}),
            _ => json!({"timestamp": 1_900_000_000 + i}),
        };
        let name = format!("job {i}{}", if i % 5 == 0 { " nightly" } else { "" });
        app.create(cookie, json!({"name": name, "once": i % 3 == 2, "config": config, "tags": tags})).await;
    }
    // Some changes the tallies must follow: a kind change, a tag change, a delete.
    let first_billing = matching(&app, "'billing' = ANY(tags)").await[0];
    let reply = app
        .call(
            Method::PUT,
            &format!("/api/v1/schedules/{first_billing}"),
            Some(json!({"once": true, "config": {"timestamp": 1_900_000_000}, "tags": ["billing", "moved"]})),
            &[("cookie", &ada_cookie)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let an_eu = *matching(&app, "'eu' = ANY(tags) AND owner_id = $1".replace("$1", &ada.id.to_string()).as_str())
        .await
        .last()
        .unwrap();
    let reply = app.call(Method::DELETE, &format!("/api/v1/schedules/{an_eu}"), None, &[("cookie", &ada_cookie)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);

    let owner = ada.id;
    let cases: Vec<(&str, String)> = vec![
        ("tag=billing", "'billing' = ANY(tags)".into()),
        ("tag=BILLING", "'billing' = ANY(tags)".into()),
        ("tag=billing&tag=eu", "tags @> '{billing,eu}'".into()),
        ("tag=eu&tag=billing&tag=eu", "tags @> '{billing,eu}'".into()),
        ("tag=rare", "'rare' = ANY(tags)".into()),
        ("tag=nobody", "false".into()),
        ("tag=billing&kind=interval", "'billing' = ANY(tags) AND kind = 0".into()),
        ("tag=billing&kind=once", "'billing' = ANY(tags) AND kind = 2".into()),
        ("tag=eu&once=0", "'eu' = ANY(tags) AND NOT once".into()),
        ("tag=eu&kind=calendar", "'eu' = ANY(tags) AND kind = 1".into()),
        ("tag=billing&mine=1", format!("'billing' = ANY(tags) AND owner_id = {owner}")),
        ("tag=billing&tag=eu&mine=1", format!("tags @> '{{billing,eu}}' AND owner_id = {owner}")),
        ("tag=eu&q=nightly", "'eu' = ANY(tags) AND name ILIKE '%nightly%'".into()),
        (
            "tag=billing&q=job&kind=interval&mine=1",
            format!("'billing' = ANY(tags) AND kind = 0 AND owner_id = {owner}"),
        ),
    ];
    for (query, condition) in cases {
        let expected = matching(&app, &condition).await;
        let (count, first_page) = listed(&app, query, &ada_cookie).await;
        assert_eq!(count, expected.len() as i64, "{query}");
        assert_eq!(first_page, expected.iter().copied().take(10).collect::<Vec<_>>(), "{query}");
        let (_, second_page) = listed(&app, &format!("{query}&page=2"), &ada_cookie).await;
        assert_eq!(second_page, expected.iter().copied().skip(10).take(10).collect::<Vec<_>>(), "{query} page 2");
    }
    // The filter is read strictly by the API: a bad tag is code 1.
    let too_many = (0..21).map(|i| format!("tag=t{i}")).collect::<Vec<_>>().join("&");
    for query in ["tag=two%20words", "tag=", &too_many] {
        let reply = app.get(&format!("/api/v1/schedules?{query}")).await;
        assert_eq!((reply.status, reply.code()), (StatusCode::BAD_REQUEST, 1), "{query}");
    }
    // mine=1 still needs a caller.
    assert_eq!(app.get("/api/v1/schedules?tag=billing&mine=1").await.code(), 100);

    // The tags in use with their counts, most used first: everyone's and the caller's.
    let everyone = app.get("/api/v1/tags").await;
    assert_eq!(everyone.status, StatusCode::OK, "{}", everyone.text);
    let count_of = |condition: &str| {
        let app = app.clone();
        let condition = condition.to_string();
        async move { matching(&app, &condition).await.len() as i64 }
    };
    // Most used first, then by name.
    let ranked = |mut counts: Vec<(&str, i64)>| {
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        json!({"tags": counts.into_iter().map(|(tag, count)| json!({"tag": tag, "count": count})).collect::<Vec<_>>()})
    };
    let everyone_expected = ranked(vec![
        ("billing", count_of("'billing' = ANY(tags)").await),
        ("eu", count_of("'eu' = ANY(tags)").await),
        ("moved", 1),
        ("rare", 1),
    ]);
    assert_eq!(everyone.json(), everyone_expected);
    let mine = app.call(Method::GET, "/api/v1/tags?mine=1", None, &[("cookie", &ada_cookie)]).await.json();
    let own = format!("owner_id = {owner}");
    let mine_expected = ranked(vec![
        ("billing", count_of(&format!("'billing' = ANY(tags) AND {own}")).await),
        ("eu", count_of(&format!("'eu' = ANY(tags) AND {own}")).await),
        ("moved", 1),
    ]);
    assert_eq!(mine, mine_expected);
    assert_eq!(app.get("/api/v1/tags?mine=1").await.code(), 100);
    assert_eq!(app.get("/api/v1/tags?mine=yes").await.code(), 1);
    // The only schedule tagged "rare" loses it: the tag leaves the list, and its tallies go
    // with the hourly clean-up.
    let rare = matching(&app, "'rare' = ANY(tags)").await[0];
    let reply = app
        .call(Method::PUT, &format!("/api/v1/schedules/{rare}"), Some(json!({"tags": []})), &[("cookie", &bob_cookie)])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert!(!app.get("/api/v1/tags").await.text.contains("rare"));
    kragle_schedules::schedules::service::forget_unused_tags(&app.pool).await.unwrap();
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM schedule_tag_counts WHERE tag = 'rare'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
    // Each tag's ids in order (migrations/0010), which one tag's pages walk, hold exactly
    // what the tags column says after every write above.
    let pairs = |sql: &'static str| {
        let pool = app.pool.clone();
        async move { sqlx::query_as::<_, (String, i64)>(sql).fetch_all(&pool).await.unwrap() }
    };
    assert_eq!(
        pairs("SELECT tag, id FROM schedule_tag_ids ORDER BY 1, 2").await,
        pairs("SELECT tag, id FROM schedules, unnest(tags) tag ORDER BY 1, 2").await
    );
}

#[sqlx::test]
async fn tags_are_part_of_history_and_come_back_with_a_restore(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let id = app.create(&cookie, json!({"config": {"period": 60}, "tags": ["ops"]})).await;
    let reply = app
        .call(
            Method::PUT,
            &format!("/api/v1/schedules/{id}"),
            Some(json!({"tags": ["billing", "ops"]})),
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let history = app
        .call(Method::GET, &format!("/api/v1/schedules/byid/{id}/history"), None, &[("cookie", &cookie)])
        .await
        .json();
    assert_eq!(history["versions"][0]["schedule"]["tags"], json!(["billing", "ops"]));
    assert_eq!(history["versions"][1]["schedule"]["tags"], json!(["ops"]));
    let restored = app
        .call(
            Method::POST,
            &format!("/api/v1/schedules/byid/{id}/restore"),
            Some(json!({"version": 1})),
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(restored.status, StatusCode::OK, "{}", restored.text);
    assert_eq!(restored.json()["tags"], json!(["ops"]));
    // A deleted schedule comes back with its tags, and is counted under them again.
    app.call(Method::DELETE, &format!("/api/v1/schedules/{id}"), None, &[("cookie", &cookie)]).await;
    assert_eq!(listed(&app, "tag=ops", &cookie).await.0, 0);
    let deleted = app.call(Method::GET, "/api/v1/schedules/deleted", None, &[("cookie", &cookie)]).await.json();
    assert_eq!(deleted["schedules"][0]["tags"], json!(["ops"]));
    let back = app
        .call(Method::POST, &format!("/api/v1/schedules/byid/{id}/restore"), Some(json!({})), &[("cookie", &cookie)])
        .await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.text);
    assert_eq!(listed(&app, "tag=ops", &cookie).await, (1, vec![id]));
    // The detail page words the change.
    let page = app.call(Method::GET, &format!("/schedules/{id}?history=1"), None, &[("cookie", &cookie)]).await;
    assert!(page.text.contains("billing, ops"), "the history shows the tags in words");
}

#[sqlx::test]
async fn the_pages_show_tags_as_filters_and_the_editor_saves_them(pool: PgPool) {
    use kragle_schedules::pages::server_fns::schedules::SaveSchedule;
    use kragle_schedules::schedules::form::ScheduleForm;
    use leptos::server_fn::ServerFn;
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let id = app
        .create(&cookie, json!({"name": "Tagged", "config": {"period": 3600}, "tags": ["Billing", "team:eu"]}))
        .await;
    app.create(&cookie, json!({"name": "Untagged", "config": {"period": 60}})).await;

    // The editor shows them in its one field, and a plain POST of it saves what it holds.
    let editor = app.call(Method::GET, &format!("/schedules/{id}/edit"), None, &[("cookie", &cookie)]).await.text;
    assert!(editor.contains(r#"name="form[tags]""#) && editor.contains(r#"value="billing, team:eu""#), "{editor}");
    let mut form = ScheduleForm::blank();
    form.name = "Tagged and renamed".into();
    form.tags = "team:eu, Billing, Ops,".into();
    let mut pairs = form.to_pairs();
    pairs.extend([("id".into(), id.to_string()), ("version".into(), "1".into())]);
    let reply = app.send(crate::history::form_post(SaveSchedule::PATH, &cookie, &pairs)).await;
    assert!(reply.status.is_success() || reply.status.is_redirection(), "{} {}", reply.status, reply.text);
    let stored = tags_column(&app).await;
    assert_eq!(stored[0], (id, vec!["billing".to_string(), "ops".into(), "team:eu".into()]));
    // A bad tag is refused on its field, and nothing changes (without JavaScript the page
    // comes back with it: end2end/tests/tags-and-filters.spec.ts).
    form.tags = "ops, two words".into();
    let mut pairs = form.to_pairs();
    pairs.extend([("id".into(), id.to_string()), ("version".into(), "2".into())]);
    let reply = app.send(crate::history::form_post(SaveSchedule::PATH, &cookie, &pairs)).await;
    assert!(!reply.status.is_success(), "{} {}", reply.status, reply.text);
    assert!(reply.text.contains("Tags: tag `two words` has a space"), "{}", reply.text);
    assert_eq!(tags_column(&app).await[0], (id, vec!["billing".to_string(), "ops".into(), "team:eu".into()]));

    let list = app.get("/schedules").await.text;
    assert!(list.contains(r#"href="/schedules?tag=billing" class="tag">billing</a>"#), "{list}");
    let filtered = app.get("/schedules?tag=team%3Aeu").await.text;
    assert!(filtered.contains("Tagged and renamed") && !filtered.contains("Untagged"));
    assert!(filtered.contains(r#"aria-label="Stop filtering by tag team:eu""#));
    assert!(filtered.contains(r#"name="tag" value="team:eu""#), "the search form keeps it");
    assert!(filtered.contains("/schedules/timeline?tag=team%3Aeu"), "and the timeline link");
    let timeline = app.get("/schedules/timeline?tag=team%3Aeu").await.text;
    assert!(timeline.contains("Tagged and renamed") && !timeline.contains("Untagged"));
    let detail = app.get(&format!("/schedules/{id}")).await.text;
    assert!(detail.contains(r#"href="/schedules?tag=team%3Aeu" class="tag">team:eu</a>"#));
}
