//! The OpenAPI document: valid, and in step with the router.

use crate::harness::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::Value;
use sqlx::PgPool;
use std::collections::BTreeSet;

/// Every route the contract names, with its method.
const CONTRACT_ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/schedules"),
    ("post", "/api/v1/schedules"),
    ("get", "/api/v1/schedules/byid/{id}"),
    ("get", "/api/v1/schedules/byid/{id}/upcoming"),
    ("get", "/api/v1/schedules/runs"),
    ("get", "/api/v1/schedules/load"),
    ("put", "/api/v1/schedules/{id}"),
    ("delete", "/api/v1/schedules/{id}"),
    ("get", "/api/v1/schedules/byid/{id}/history"),
    ("post", "/api/v1/schedules/byid/{id}/restore"),
    ("get", "/api/v1/schedules/deleted"),
    ("get", "/api/v1/schedules/export"),
    ("post", "/api/v1/schedules/bulk"),
    ("post", "/api/v1/schedules/import"),
    ("get", "/api/v1/tags"),
    ("post", "/api/v1/authenticate"),
    ("post", "/api/v1/login"),
    ("post", "/api/v1/logout"),
    ("get", "/api/v1/me"),
    ("get", "/api/v1/tokens"),
    ("post", "/api/v1/tokens"),
    ("delete", "/api/v1/tokens/{id}"),
    ("get", "/api/v1/openapi.json"),
];

fn operations(doc: &Value) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in ["get", "put", "post", "delete", "patch"] {
            if item.get(method).is_some() {
                found.insert((method.to_string(), path.clone()));
            }
        }
    }
    found
}

fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push(r);
            }
            map.values().for_each(|v| refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[sqlx::test]
async fn document_is_valid_and_lists_every_route(pool: PgPool) {
    let app = TestApp::new(pool);
    let reply = app.get("/api/v1/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    let doc = reply.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "OpenAPI 3.1");
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
    let schemes = doc["components"]["securitySchemes"].as_object().unwrap();
    assert!(schemes.contains_key("session") && schemes.contains_key("bearer"));

    // Every reference resolves.
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for r in all {
        let pointer = r.strip_prefix('#').unwrap_or_else(|| panic!("external ref {r}"));
        assert!(doc.pointer(pointer).is_some(), "dangling $ref {r}");
    }
    // Every operation has responses, and error responses use the error body.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap_or_else(|| panic!("{method} {path} has no responses"));
            assert!(responses.keys().any(|s| s.starts_with('2')), "{method} {path} has no success response");
        }
    }

    // The document and the contract name the same operations.
    let documented = operations(&doc);
    let expected: BTreeSet<(String, String)> =
        CONTRACT_ROUTES.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    assert_eq!(documented, expected);

    // And the router serves each of them: none answers "no such route" or "method not allowed".
    for (method, path) in &documented {
        let uri = path.replace("{id}", "1");
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let reply = app.call(method.clone(), &uri, None, &[]).await;
        assert_ne!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        let unknown = reply.status == StatusCode::NOT_FOUND && reply.text.contains("no such API route");
        assert!(!unknown, "{method} {uri} is documented but not routed");
    }
}

/// The document states the rules the server enforces, from the same constants, so generated
/// clients and fuzzers (schemathesis, in `make soak`) send what the server accepts.
#[sqlx::test]
async fn document_states_the_validation_rules(pool: PgPool) {
    use kragle_schedules::api::schemas::NO_CONTROL_CHARACTERS;
    use kragle_schedules::schedules::validate::{
        NAME_MAX_CHARS, PERIOD_MAX, PERIOD_MIN, SEARCH_MAX_CHARS, TIMESTAMP_MAX,
    };
    let doc = TestApp::new(pool).get("/api/v1/openapi.json").await.json();
    let schema = |name: &str| doc["components"]["schemas"][name].clone();

    // POST: recurring or one-time, or either inside the inline-auth envelope, each a named
    // component (client generators name their models after them).
    let resolve = |value: &Value| match value["$ref"].as_str() {
        Some(r) => doc.pointer(r.strip_prefix('#').unwrap()).unwrap_or_else(|| panic!("dangling {r}")).clone(),
        None => value.clone(),
    };
    let new = schema("NewScheduleBody");
    let branches: Vec<&str> =
        new["oneOf"].as_array().expect("oneOf").iter().map(|b| b["$ref"].as_str().expect("a named branch")).collect();
    assert_eq!(
        branches,
        [
            "#/components/schemas/RecurringSchedule",
            "#/components/schemas/CalendarSchedule",
            "#/components/schemas/OneTimeSchedule",
            "#/components/schemas/InlineAuthNewSchedule"
        ]
    );
    let envelope = schema("InlineAuthNewSchedule");
    assert_eq!(envelope["required"], serde_json::json!(["auth", "payload"]));
    assert_eq!(
        resolve(&envelope["properties"]["payload"])["oneOf"].as_array().map(Vec::len),
        Some(3),
        "payload: any of the three kinds"
    );
    let recurring = schema("RecurringSchedule");
    let one_time = schema("OneTimeSchedule");
    assert_eq!(recurring["additionalProperties"], false);
    assert_eq!(recurring["properties"]["name"]["maxLength"], NAME_MAX_CHARS);
    assert_eq!(recurring["properties"]["name"]["pattern"], NO_CONTROL_CHARACTERS);
    let recurring_config = resolve(&recurring["properties"]["config"]);
    let period = &recurring_config["properties"]["period"];
    assert_eq!((period["minimum"].as_i64(), period["maximum"].as_i64()), (Some(PERIOD_MIN), Some(PERIOD_MAX)));
    assert_eq!(recurring_config["required"], serde_json::json!(["period"]));
    assert_eq!(one_time["required"], serde_json::json!(["once", "config"]));
    assert_eq!(one_time["properties"]["once"]["enum"], serde_json::json!([true]));
    let one_time_config = resolve(&one_time["properties"]["config"]);
    assert_eq!(one_time_config["properties"]["timestamp"]["maximum"].as_i64(), Some(TIMESTAMP_MAX));
    assert!(one_time_config["properties"].get("period").is_none(), "one-time: no period");
    assert!(one_time_config["properties"].get("until").is_none(), "one-time: no until");
    assert_eq!(recurring_config["properties"]["until"]["maximum"].as_i64(), Some(TIMESTAMP_MAX));
    let calendar = schema("CalendarSchedule");
    assert_eq!(calendar["properties"]["once"]["enum"], serde_json::json!([false]));
    let calendar_config = resolve(&calendar["properties"]["config"]);
    assert_eq!(calendar_config["required"], serde_json::json!(["cron"]));
    assert_eq!(calendar_config["additionalProperties"], false);
    assert!(calendar_config["properties"].get("period").is_none(), "calendar: no period");
    assert_eq!(calendar_config["properties"]["cron"]["maxLength"], 200);
    assert_eq!(calendar_config["properties"]["timezone"]["type"], "string");

    // Unique operation ids, and every operation says who may call it.
    let mut ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(ids.insert(id.to_string()), "operationId {id} is used twice");
            assert!(op["security"].is_array(), "{method} {path} states its security");
        }
    }
    let create = &doc["paths"]["/api/v1/schedules"]["post"]["security"];
    assert_eq!(
        create,
        &serde_json::json!([{}, {"session": []}, {"bearer": []}]),
        "inline credentials, the cookie or a token"
    );
    assert_eq!(doc["components"]["securitySchemes"]["session"]["name"], "auth_tkt");

    // The search text and the path ids.
    let list = &doc["paths"]["/api/v1/schedules"]["get"]["parameters"];
    let q = list.as_array().unwrap().iter().find(|p| p["name"] == "q").expect("q");
    assert_eq!(
        (q["schema"]["maxLength"].as_u64(), q["schema"]["pattern"].as_str()),
        (Some(SEARCH_MAX_CHARS as u64), Some(NO_CONTROL_CHARACTERS))
    );
    // Tags: in bodies (the rule's shape and bounds), and the list's repeatable filter.
    use kragle_schedules::api::schemas::TAG;
    use kragle_schedules::schedules::tags::TAGS_MAX;
    for body in [&recurring, &calendar, &one_time, &schema("ScheduleChanges")] {
        let tags = &body["properties"]["tags"];
        assert_eq!((tags["type"].as_str(), tags["maxItems"].as_u64()), (Some("array"), Some(TAGS_MAX as u64)));
        assert_eq!(tags["items"]["pattern"], TAG);
        assert!(body["required"].as_array().is_none_or(|r| !r.contains(&"tags".into())), "tags are optional");
    }
    let tag = list.as_array().unwrap().iter().find(|p| p["name"] == "tag").expect("tag");
    assert_eq!((tag["style"].as_str(), tag["explode"].as_bool()), (Some("form"), Some(true)));
    assert_eq!(tag["schema"]["type"], "array");
    assert_eq!(tag["schema"]["items"]["pattern"], TAG, "the filter's tags have the bodies' shape");
    let schedule = schema("Schedule");
    assert!(!schedule["required"].as_array().unwrap().contains(&"tags".into()), "answers carry tags only when some");
    let id = &doc["paths"]["/api/v1/schedules/byid/{id}"]["get"]["parameters"][0];
    assert_eq!(id["schema"]["minimum"], 1);

    // Statuses every body-reading route and every route can answer.
    for (path, item) in doc["paths"].as_object().unwrap() {
        if path == "/api/v1/openapi.json" {
            continue;
        }
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.contains_key("503"), "{method} {path}: 503");
            if op.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(responses.contains_key(status), "{method} {path}: {status}");
                }
            }
        }
    }
}

/// The parameters several routes share are declared once, so the document cannot say one
/// thing for one route and another for the next: the list's filters read the same on the
/// list and on `/runs`, and every window of runs states the bounds the server checks. (The
/// two disagreements `make soak` once found: `kind` and `once` were free strings on `/runs`
/// only, and `from`/`to` had no bounds.)
#[sqlx::test]
async fn shared_parameters_are_declared_once(pool: PgPool) {
    use kragle_schedules::schedules::validate::{TIMESTAMP_MAX, TIMESTAMP_MIN};
    let doc = TestApp::new(pool).get("/api/v1/openapi.json").await.json();
    let parameters = |path: &str| -> std::collections::BTreeMap<String, Value> {
        doc["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap_or_else(|| panic!("{path} has parameters"))
            .iter()
            .map(|p| (p["name"].as_str().unwrap().to_string(), p.clone()))
            .collect()
    };
    let (list, runs, load) =
        (parameters("/api/v1/schedules"), parameters("/api/v1/schedules/runs"), parameters("/api/v1/schedules/load"));
    for name in ["page", "q", "once", "kind", "mine"] {
        assert_eq!(list[name], runs[name], "{name}: the list and /runs declare it alike");
    }
    for kind in ["interval", "calendar", "once"] {
        assert!(list["kind"]["schema"].to_string().contains(&format!("\"{kind}\"")), "kind names {kind}");
    }
    assert!(list["once"]["schema"].to_string().contains("\"1\""), "once: 1 or 0");
    for (route, parameters) in [("runs", &runs), ("load", &load)] {
        for name in ["from", "to"] {
            let schema = &parameters[name]["schema"];
            assert_eq!(schema["minimum"].as_i64(), Some(TIMESTAMP_MIN), "{route} {name}");
            assert_eq!(schema["maximum"].as_i64(), Some(TIMESTAMP_MAX), "{route} {name}");
        }
    }
    assert_eq!(runs["from"], load["from"]);
    assert_eq!(runs["to"], load["to"]);
    // The export declares the list's filters itself (without `page` and `mine`): alike.
    let export = parameters("/api/v1/schedules/export");
    for name in ["q", "once", "kind", "tag"] {
        assert_eq!(export[name]["schema"], list[name]["schema"], "{name}: the export and the list declare it alike");
    }
    assert!(!export.contains_key("page") && !export.contains_key("mine"));
}
