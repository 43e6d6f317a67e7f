//! Importing (`POST /api/v1/schedules/import` and the Import page): real crontabs (Debian's
//! `/etc/crontab`, a file of its `/etc/cron.d`, the example of crontab(5)), the Kubernetes
//! documentation's CronJob beside a Deployment, all or nothing and `skip_invalid`, dry
//! runs, the limits, idempotent retries, export → import round trips, and the page
//! without JavaScript.

use crate::harness::{Reply, TestApp};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;

const DEBIAN_CRONTAB: &str = include_str!("../fixtures/debian/crontab");
const DEBIAN_E2SCRUB: &str = include_str!("../fixtures/debian/cron.d-e2scrub_all");
const MANUAL_EXAMPLE: &str = include_str!("../fixtures/debian/crontab.5-example");
const KUBERNETES: &str = include_str!("../fixtures/kubernetes/cronjob-and-deployment.yaml");

async fn import(app: &TestApp, cookie: &str, query: &str, content_type: &str, body: impl Into<Body>) -> Reply {
    import_with(app, cookie, query, content_type, body, &[]).await
}

async fn import_with(
    app: &TestApp,
    cookie: &str,
    query: &str,
    content_type: &str,
    body: impl Into<Body>,
    headers: &[(&str, &str)],
) -> Reply {
    let mut builder = Request::builder()
        .method(Method::POST)
        .uri(format!("/api/v1/schedules/import{query}"))
        .header(header::CONTENT_TYPE, content_type);
    if !cookie.is_empty() {
        builder = builder.header("cookie", cookie);
    }
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    app.send(builder.body(body.into()).unwrap()).await
}

fn ok_entries(answer: &Value) -> Vec<Value> {
    answer["entries"].as_array().unwrap().iter().filter(|e| e["status"] == "ok").cloned().collect()
}

async fn count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM schedules").fetch_one(&app.pool).await.unwrap()
}

async fn signed_in(pool: PgPool) -> (TestApp, String) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let ada = app.login("ada").await;
    (app, ada)
}

#[sqlx::test]
async fn debians_system_crontabs_become_their_schedules(pool: PgPool) {
    let (app, ada) = signed_in(pool).await;
    let reply = import(&app, &ada, "?format=system", "text/plain", DEBIAN_CRONTAB).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let answer = reply.json();
    let entries = answer["entries"].as_array().unwrap();
    assert_eq!(entries.len(), DEBIAN_CRONTAB.lines().count(), "one entry per line");
    assert!(entries.iter().enumerate().all(|(i, e)| e["line"] == i + 1));
    let ok = ok_entries(&answer);
    let read: Vec<(&str, &str)> = ok
        .iter()
        .map(|e| (e["schedule"]["config"]["cron"].as_str().unwrap(), e["schedule"]["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        read,
        [
            ("17 * * * *", "cd / && run-parts --report /etc/cron.hourly"),
            ("25 6 * * *", "test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }"),
            ("47 6 * * 7", "test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.weekly; }"),
            ("52 6 1 * *", "test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.monthly; }"),
        ],
        "the commented-out header line above the first entry names nothing"
    );
    assert_eq!(ok[0]["description"], "At 17 minutes past every hour");
    assert_eq!(ok[0]["next_runs"].as_array().unwrap().len(), 3);
    let skipped: Vec<&Value> = entries.iter().filter(|e| e["status"] == "skipped").collect();
    assert_eq!(skipped.len(), entries.len() - 4);
    assert!(entries[6]["msg"].as_str().unwrap().contains("sets SHELL"), "{}", entries[6]);
    let created: Vec<i64> = answer["created"].as_array().unwrap().iter().map(|id| id.as_i64().unwrap()).collect();
    assert_eq!(created.len(), 4);
    let stored = app.get(&format!("/api/v1/schedules/byid/{}", created[0])).await.json();
    assert_eq!(
        stored,
        json!({"id": created[0], "name": "cd / && run-parts --report /etc/cron.hourly", "once": false,
               "config": {"cron": "17 * * * *"}, "tags": ["imported"]})
    );
    // A file of /etc/cron.d, in a zone of the caller's choice, with a tag of theirs.
    let reply =
        import(&app, &ada, "?format=system&timezone=Europe/Berlin&tag=Disks", "text/plain", DEBIAN_E2SCRUB).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let ok = ok_entries(&reply.json());
    assert_eq!(ok.len(), 2);
    assert_eq!(
        ok[1]["schedule"],
        json!({"name": "test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r", "once": false,
               "config": {"cron": "10 3 * * *", "timezone": "Europe/Berlin"}, "tags": ["disks", "imported"]})
    );
    // Each schedule's history says where it came from.
    let history = app
        .call(Method::GET, &format!("/api/v1/schedules/byid/{}/history", created[1]), None, &[("cookie", &ada)])
        .await
        .json();
    assert_eq!(history["versions"][0]["note"], "Imported from a crontab, line 19", "{history}");
}

#[sqlx::test]
async fn the_manual_pages_example_crontab(pool: PgPool) {
    let (app, ada) = signed_in(pool).await;
    let reply = import(&app, &ada, "?dry_run=1", "text/plain; charset=utf-8", MANUAL_EXAMPLE).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let answer = reply.json();
    assert_eq!(answer["created"], json!([]), "a dry run creates nothing");
    assert_eq!(count(&app).await, 0);
    let named: Vec<(i64, String, String)> = ok_entries(&answer)
        .iter()
        .map(|e| {
            let text = |v: &Value| v.as_str().unwrap().to_string();
            (e["line"].as_i64().unwrap(), text(&e["schedule"]["config"]["cron"]), text(&e["schedule"]["name"]))
        })
        .collect();
    let expected = [
        (8, "5 0 * * *", "run five minutes after midnight, every day"),
        (10, "15 14 1 * *", "run at 2:15pm on the first of every month -- output mailed to paul"),
        (12, "0 22 * * 1-5", "run at 10 pm on weekdays, annoy Joe"),
        (13, "23 0-23/2 * * *", "echo \"run 23 minutes after midn, 2am, 4am ..., everyday\""),
        (14, "5 4 * * sun", "echo \"run at 5 after 4 every sunday\""),
        (16, "33 22 * * *", "Run once every 9th day, even across week, month, and year boundaries:"),
    ]
    .map(|(line, cron, name)| (line, cron.to_string(), name.to_string()));
    assert_eq!(named, expected);
    let entries = answer["entries"].as_array().unwrap();
    assert!(entries[4]["msg"].as_str().unwrap().contains("sets MAILTO"));
}

#[sqlx::test]
async fn all_or_nothing_unless_skip_invalid(pool: PgPool) {
    let (app, ada) = signed_in(pool).await;
    let crontab = "CRON_TZ=Europe/Paris\n# Reports\n0 9 * * 1-5 report\n@reboot start\n61 * * * * broken\n0 0 */100 * * first-of-month\n";
    let reply = import(&app, &ada, "", "text/plain", crontab).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.text);
    let answer = reply.json();
    assert_eq!(answer["code"], 4);
    assert!(
        answer["msg"].as_str().unwrap().starts_with("nothing was created: 1 entry has an error (line 5: "),
        "{answer}"
    );
    let entries = answer["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 6);
    assert_eq!(entries[2]["description"], "Every weekday at 09:00 (Europe/Paris)");
    assert_eq!(entries[2]["schedule"]["name"], "Reports");
    assert_eq!(entries[3]["status"], "skipped");
    assert!(entries[3]["msg"].as_str().unwrap().contains("when cron starts"));
    assert_eq!((entries[4]["status"].as_str(), entries[4]["code"].as_i64()), (Some("error"), Some(26)));
    assert!(entries[4]["msg"].as_str().unwrap().contains("61 is outside 0–59"), "{}", entries[4]);
    // A step past its field's range is the range's first value: midnight on the 1st, Paris time.
    let runs: Vec<i64> = entries[5]["next_runs"].as_array().unwrap().iter().map(|t| t.as_i64().unwrap()).collect();
    for pair in runs.windows(2) {
        assert!((28 * 86_400..=31 * 86_400).contains(&(pair[1] - pair[0])), "{runs:?}");
    }
    assert!(runs.iter().all(|t| (t + 3_600) % 86_400 == 0 || (t + 7_200) % 86_400 == 0), "{runs:?}");
    assert_eq!(count(&app).await, 0, "nothing was created");
    // A dry run answers as the import would.
    let reply = import(&app, &ada, "?dry_run=1", "text/plain", crontab).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reply = import(&app, &ada, "?skip_invalid=1&dry_run=1", "text/plain", crontab).await;
    assert_eq!((reply.status, reply.json()["created"].clone()), (StatusCode::OK, json!([])));
    assert_eq!(count(&app).await, 0);
    let reply = import(&app, &ada, "?skip_invalid=1", "text/plain", crontab).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json()["created"].as_array().unwrap().len(), 2);
    assert_eq!(count(&app).await, 2);
    // config.cron takes what the import stores: a step larger than its field's range.
    let id = app.create(&ada, json!({"config": {"cron": "0 0 */100 * *"}})).await;
    let runs = app.get(&format!("/api/v1/schedules/byid/{id}/upcoming?from=1800000000&count=2")).await;
    assert_eq!(runs.status, StatusCode::OK, "{}", runs.text);
}

#[sqlx::test]
async fn kubernetes_cronjobs_and_other_kinds(pool: PgPool) {
    let (app, ada) = signed_in(pool).await;
    let reply = import(&app, &ada, "?tag=k8s", "application/yaml", KUBERNETES).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let answer = reply.json();
    assert_eq!(
        answer["entries"],
        json!([
            {"document": 1, "status": "ok",
             "schedule": {"name": "hello", "once": false, "config": {"cron": "* * * * *"}, "tags": ["imported", "k8s"]},
             "description": answer["entries"][0]["description"], "next_runs": answer["entries"][0]["next_runs"]},
            {"document": 2, "status": "skipped", "msg": "a Deployment (nginx-deployment), not a CronJob"}
        ])
    );
    assert_eq!(answer["entries"][0]["description"], "Every minute");
    assert_eq!(answer["created"].as_array().unwrap().len(), 1);
    // spec.timeZone, and a CronJob whose schedule is broken: all or nothing again.
    let zoned =
        KUBERNETES.replacen("  schedule: \"* * * * *\"", "  schedule: \"30 2 * * ?\"\n  timeZone: Asia/Tokyo", 1);
    let reply = import(&app, &ada, "?dry_run=1", "application/yaml", zoned).await;
    assert_eq!(
        reply.json()["entries"][0]["schedule"]["config"],
        json!({"cron": "30 2 * * *", "timezone": "Asia/Tokyo"})
    );
    let broken = format!("{KUBERNETES}---\nkind: CronJob\nmetadata:\n  name: bad\nspec:\n  schedule: \"0 25 * * *\"\n");
    let reply = import(&app, &ada, "", "application/yaml", broken).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.text);
    assert_eq!(reply.json()["entries"][2]["document"], 3);
    assert_eq!(count(&app).await, 1);
}

#[sqlx::test]
async fn what_is_refused_changes_nothing(pool: PgPool) {
    let (app, ada) = signed_in(pool).await;
    let line = "0 3 * * * x\n";
    let cases: Vec<(String, &str, Vec<u8>, StatusCode, i64)> = vec![
        (String::new(), "text/plain", "x\n".repeat(600_000).into_bytes(), StatusCode::PAYLOAD_TOO_LARGE, 4),
        (String::new(), "text/plain", line.repeat(1_001).into_bytes(), StatusCode::UNPROCESSABLE_ENTITY, 4),
        (String::new(), "text/csv", line.as_bytes().to_vec(), StatusCode::UNSUPPORTED_MEDIA_TYPE, 2),
        ("?timezone=Mars/Base".into(), "text/plain", line.as_bytes().to_vec(), StatusCode::BAD_REQUEST, 1),
        ("?tag=no%20spaces".into(), "text/plain", line.as_bytes().to_vec(), StatusCode::BAD_REQUEST, 1),
        ("?format=user".into(), "text/plain", line.as_bytes().to_vec(), StatusCode::BAD_REQUEST, 1),
        ("?dry_run=yes".into(), "text/plain", line.as_bytes().to_vec(), StatusCode::BAD_REQUEST, 1),
        (String::new(), "text/plain", vec![0xff, 0xfe, b'\n'], StatusCode::UNPROCESSABLE_ENTITY, 4),
        (String::new(), "application/json", b"{\"format\":".to_vec(), StatusCode::BAD_REQUEST, 2),
        (
            String::new(),
            "application/json",
            br#"{"format": "kragle-schedules", "version": 9, "schedules": []}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            4,
        ),
        (String::new(), "application/yaml", b"a: &x [1]\nb: *x\n".to_vec(), StatusCode::UNPROCESSABLE_ENTITY, 4),
        (String::new(), "application/yaml", b"a: [1, 2\n".to_vec(), StatusCode::UNPROCESSABLE_ENTITY, 4),
    ];
    for (query, content_type, body, status, code) in cases {
        let reply = import(&app, &ada, &query, content_type, body).await;
        assert_eq!((reply.status, reply.code()), (status, code), "{query} {content_type}: {}", reply.text);
    }
    // 1,000 schedules are taken; the 1 MiB limit is this route's own.
    let reply = import(&app, &ada, "?dry_run=1", "text/plain", line.repeat(1_000)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let reply = import(&app, "", "", "text/plain", line).await;
    assert_eq!((reply.status, reply.code()), (StatusCode::UNAUTHORIZED, 100));
    let reply = app
        .call(
            Method::POST,
            "/api/v1/schedules",
            Some(json!({"name": "x".repeat(70_000), "config": {"period": 60}})),
            &[("cookie", &ada)],
        )
        .await;
    assert_eq!((reply.status, reply.code()), (StatusCode::PAYLOAD_TOO_LARGE, 4));
    assert!(reply.json()["msg"].as_str().unwrap().contains("64 KiB"));
    assert_eq!(count(&app).await, 0);
}

#[sqlx::test]
async fn a_retried_import_creates_nothing_twice(pool: PgPool) {
    let (app, ada) = signed_in(pool).await;
    let key = [("idempotency-key", "import-1")];
    let first = import_with(&app, &ada, "", "text/plain", "0 3 * * * a\n0 4 * * * b\n", &key).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    let again = import_with(&app, &ada, "", "text/plain", "0 3 * * * a\n0 4 * * * b\n", &key).await;
    assert_eq!(again.json()["created"], first.json()["created"]);
    assert_eq!(count(&app).await, 2);
    let other = import_with(&app, &ada, "", "text/plain", "0 5 * * * c\n", &key).await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(other.json()["msg"].as_str().unwrap().contains("another import"));
    let bulk = app
        .call(
            Method::POST,
            "/api/v1/schedules/bulk",
            Some(json!({"action": "delete", "ids": [1]})),
            &[("cookie", &ada), key[0]],
        )
        .await;
    assert!(bulk.json()["msg"].as_str().unwrap().contains("used for an import"), "{}", bulk.text);
    assert_eq!(count(&app).await, 2);
}

#[sqlx::test]
async fn an_export_imported_elsewhere_gives_the_same_schedules(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    app.user("bob").await;
    let (ada, bob) = (app.login("ada").await, app.login("bob").await);
    for body in [
        json!({"name": "Paris report", "config": {"cron": "30 9 * * 1", "timezone": "Europe/Paris"}, "tags": ["reports"]}),
        json!({"name": "Nightly", "config": {"cron": "@daily", "until": 1_893_456_000}}),
        json!({"name": null, "config": {"cron": "*/10 8-18 * * 1-5"}}),
        json!({"name": "Every quarter hour", "config": {"period": 900, "timestamp": 1_800_000_000}}),
        json!({"name": "Once", "once": true, "config": {"timestamp": 4_102_444_800_i64}, "tags": ["a", "b"]}),
    ] {
        app.create(&ada, body).await;
    }
    let mine = |cookie: &str| {
        let cookie = cookie.to_string();
        let app = &app;
        async move {
            let reply =
                app.call(Method::GET, "/api/v1/schedules/export?format=json", None, &[("cookie", &cookie)]).await;
            reply.json()["schedules"].clone()
        }
    };
    let bundle = app.call(Method::GET, "/api/v1/schedules/export?format=json", None, &[("cookie", &ada)]).await.text;
    let reply = import(&app, &bob, "", "application/json", bundle).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json()["entries"][0]["item"], 1);
    assert_eq!(mine(&bob).await, mine(&ada).await, "the same schedules, tags and all");
    // The crontab export: its calendar schedules again (in UTC without a zone key, named
    // by the comment above each).
    app.user("cy").await;
    let cy = app.login("cy").await;
    let crontab =
        app.call(Method::GET, "/api/v1/schedules/export?format=crontab", None, &[("cookie", &ada)]).await.text;
    let reply = import(&app, &cy, "", "text/plain", crontab).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let calendar = |schedules: Value| -> Vec<(Value, Value)> {
        let mut found: Vec<(Value, Value)> = schedules
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["config"].get("cron").is_some())
            .map(|s| (json!({"cron": s["config"]["cron"], "timezone": s["config"].get("timezone")}), s["name"].clone()))
            .collect();
        found.sort_by_key(|(config, _)| config.to_string());
        found
    };
    let theirs = calendar(mine(&cy).await);
    // The nameless one (schedule 3) is named by its command, as any crontab line without a
    // comment above it.
    let expected: Vec<(Value, Value)> = calendar(mine(&ada).await)
        .into_iter()
        .map(|(config, name)| (config, if name.is_null() { json!(": kragle schedule 3") } else { name }))
        .collect();
    assert_eq!(theirs, expected);
}

/// A multipart body as a browser sends the Import page's form.
fn multipart(fields: &[(&str, &str)]) -> (String, String) {
    let boundary = "----kragle-test-boundary";
    let mut body = String::new();
    for (name, value) in fields {
        let disposition = if *name == "file" {
            "form-data; name=\"file\"; filename=\"crontab.txt\"\r\nContent-Type: text/plain".to_string()
        } else {
            format!("form-data; name=\"{name}\"")
        };
        body.push_str(&format!("--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n{value}\r\n"));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post_form(app: &TestApp, cookie: &str, fields: &[(&str, &str)]) -> Reply {
    let (content_type, body) = multipart(fields);
    let mut builder =
        Request::builder().method(Method::POST).uri("/schedules/import").header(header::CONTENT_TYPE, content_type);
    if !cookie.is_empty() {
        builder = builder.header("cookie", cookie);
    }
    app.send(builder.body(Body::from(body)).unwrap()).await
}

/// The value of the hidden input `name` in a page.
fn hidden(page: &str, name: &str) -> String {
    let at = page.find(&format!("name=\"{name}\" value=\"")).unwrap_or_else(|| panic!("no {name} in the page"));
    let rest = &page[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[sqlx::test]
async fn the_import_page_previews_then_creates_without_javascript(pool: PgPool) {
    let (app, ada) = signed_in(pool).await;
    let signed_out = app.get("/schedules/import").await;
    assert!(signed_out.text.contains("to import schedules"), "{}", signed_out.text);
    let page = app.call(Method::GET, "/schedules/import", None, &[("cookie", &ada)]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("enctype=\"multipart/form-data\""));
    let key = hidden(&page.text, "key");
    let text = "CRON_TZ=Europe/Paris\n# Morning report\n0 9 * * 1-5 report\n61 * * * * broken <b></textarea>\n";
    let fields = [
        ("key", key.as_str()),
        ("format", "crontab"),
        ("text", text),
        ("zone", "UTC"),
        ("tags", "ops"),
        ("action", "preview"),
    ];
    let preview = post_form(&app, &ada, &fields).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.text);
    assert!(
        preview.text.contains("1 schedule to create, 1 entry with errors (left out), 2 lines skipped"),
        "{}",
        preview.text
    );
    assert!(preview.text.contains("Morning report") && preview.text.contains("Every weekday at 09:00 (Europe/Paris)"));
    assert!(preview.text.contains("61 is outside 0–59"));
    assert!(
        preview.text.contains("broken &lt;b&gt;&lt;/textarea&gt;") && !preview.text.contains("<b>"),
        "the text is escaped"
    );
    assert!(preview.text.contains("Create 1 schedule"));
    assert_eq!(count(&app).await, 0, "a preview creates nothing");
    let previewed = hidden(&preview.text, "previewed");
    // Asked to create what it did not preview (the text changed), it previews again.
    let changed_text = format!("{text}0 10 * * * another\n");
    let mut changed = fields.to_vec();
    changed.extend([("action", "create"), ("previewed", previewed.as_str())]);
    changed[2] = ("text", changed_text.as_str());
    let again = post_form(&app, &ada, &changed).await;
    assert!(again.text.contains("changed since this preview"), "{}", again.text);
    assert_eq!(count(&app).await, 0);
    // Create, twice (a double click): one schedule.
    let mut create = fields.to_vec();
    create.retain(|(name, _)| *name != "action");
    create.extend([("action", "create"), ("previewed", previewed.as_str())]);
    for _ in 0..2 {
        let created = post_form(&app, &ada, &create).await;
        assert_eq!(created.status, StatusCode::OK);
        assert!(created.text.contains("Created 1 schedule. 1 entry with errors left out."), "{}", created.text);
    }
    assert_eq!(count(&app).await, 1);
    let stored: (Option<String>, Vec<String>) =
        sqlx::query_as("SELECT name, tags FROM schedules").fetch_one(&app.pool).await.unwrap();
    assert_eq!(stored, (Some("Morning report".to_string()), vec!["imported".to_string(), "ops".to_string()]));
    // A file is read instead of the text; signed out, the form goes to sign in.
    let file =
        [("key", "file-key"), ("format", "crontab"), ("text", ""), ("file", "@hourly ping\n"), ("action", "preview")];
    let preview = post_form(&app, &ada, &file).await;
    assert!(preview.text.contains("Every hour"), "{}", preview.text);
    assert!(preview.text.contains("@hourly ping"), "the file's text is kept in the text area");
    let signed_out = post_form(&app, "", &file).await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
}
