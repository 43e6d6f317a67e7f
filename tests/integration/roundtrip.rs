//! Property tests: every accepted schedule comes back unchanged from the database, and every
//! rejected payload leaves the table as it was.

use crate::harness::TestApp;
use axum::http::{Method, StatusCode};
use kragle_schedules::schedules::validate::{PERIOD_MAX, PERIOD_MIN, TIMESTAMP_MAX, TIMESTAMP_MIN};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Map, Value};
use sqlx::PgPool;

const CASES: usize = 96;

fn valid_name() -> impl Strategy<Value = Option<String>> {
    prop_oneof![Just(None), "[^\\p{Cc}]{0,200}".prop_map(Some)]
}

fn valid_schedule() -> impl Strategy<Value = Value> {
    let recurring = (valid_name(), PERIOD_MIN..=PERIOD_MAX, proptest::option::of(TIMESTAMP_MIN..=TIMESTAMP_MAX))
        .prop_map(|(name, period, anchor)| {
            let mut config = Map::new();
            config.insert("period".into(), json!(period));
            if let Some(ts) = anchor {
                config.insert("timestamp".into(), json!(ts));
            }
            json!({"name": name, "once": false, "config": config})
        });
    let once = (valid_name(), TIMESTAMP_MIN..=TIMESTAMP_MAX)
        .prop_map(|(name, ts)| json!({"name": name, "once": true, "config": {"timestamp": ts}}));
    prop_oneof![recurring, once]
}

/// Payloads of every shape, mostly near the rules' edges.
fn any_payload() -> impl Strategy<Value = Value> {
    let number = prop_oneof![
        Just(json!(PERIOD_MIN - 1)),
        Just(json!(PERIOD_MAX + 1)),
        Just(json!(TIMESTAMP_MIN - 1)),
        Just(json!(TIMESTAMP_MAX + 1)),
        Just(json!(u64::MAX)),
        Just(json!(0.5)),
        any::<i64>().prop_map(|n| json!(n)),
        (PERIOD_MIN..=PERIOD_MAX).prop_map(|n| json!(n)),
    ];
    let scalar = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        ".{0,5}".prop_map(Value::String),
        number.clone()
    ];
    let config = proptest::collection::btree_map(
        prop_oneof![Just("period".to_string()), Just("timestamp".to_string()), "[a-z]{1,6}"],
        prop_oneof![number, scalar.clone()],
        0..3,
    )
    .prop_map(|m| Value::Object(m.into_iter().collect()));
    let key = prop_oneof![Just("name".to_string()), Just("once".to_string()), Just("config".to_string()), "[a-z]{1,6}"];
    let value = prop_oneof![scalar, config.clone(), ".{0,210}".prop_map(Value::String)];
    proptest::collection::btree_map(key, value, 0..4).prop_map(|m| Value::Object(m.into_iter().collect()))
}

fn sample<S: Strategy>(strategy: S, seed: u8) -> Vec<S::Value> {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        proptest::test_runner::TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, &[seed; 32]),
    );
    (0..CASES).map(|_| strategy.new_tree(&mut runner).expect("a value").current()).collect()
}

#[sqlx::test]
async fn accepted_schedules_round_trip_unchanged(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    for body in sample(valid_schedule(), 7) {
        let id = app.create(&cookie, body.clone()).await;
        let stored = app.get(&format!("/api/v1/schedules/byid/{id}")).await.json();
        let mut expected = body.clone();
        expected["id"] = json!(id);
        assert_eq!(stored, expected);
    }
}

#[sqlx::test]
async fn rejected_payloads_change_nothing(pool: PgPool) {
    let app = TestApp::new(pool);
    app.user("ada").await;
    let cookie = app.login("ada").await;
    let target = app.create(&cookie, json!({"name": "target", "config": {"period": 600}})).await;
    for body in sample(any_payload(), 11) {
        let before = app.snapshot().await;
        let post = app.call(Method::POST, "/api/v1/schedules", Some(body.clone()), &[("cookie", &cookie)]).await;
        if post.status == StatusCode::OK {
            let id = post.json()["id"].as_i64().unwrap();
            let stored = app.get(&format!("/api/v1/schedules/byid/{id}")).await.json();
            assert_valid(&stored);
            assert_eq!(stored["config"], body["config"], "accepted config stored as sent");
        } else {
            assert_eq!(post.code(), expected_code(&body, true), "{body}: {}", post.text);
            assert_eq!(app.snapshot().await, before, "rejected POST {body} changed the table");
        }
        let before = app.snapshot().await;
        let put = app
            .call(Method::PUT, &format!("/api/v1/schedules/{target}"), Some(body.clone()), &[("cookie", &cookie)])
            .await;
        if put.status == StatusCode::OK {
            assert_valid(&put.json());
        } else {
            assert_eq!(put.code(), expected_code(&body, false), "{body}: {}", put.text);
            assert_eq!(app.snapshot().await, before, "rejected PUT {body} changed the table");
        }
    }
}

/// The code a rejected body must get, restated independently of the code under test: 4 for
/// a problem outside `config` (shape, keys, `name`, `once`, `config` missing on create),
/// else 26 (the `config` element is invalid).
fn expected_code(body: &Value, creating: bool) -> i64 {
    let Some(object) = body.as_object() else { return 4 };
    let good_name = |name: &Value| {
        name.is_null() || name.as_str().is_some_and(|s| s.chars().count() <= 200 && !s.chars().any(char::is_control))
    };
    let payload_problem = object.keys().any(|k| !["config", "name", "once"].contains(&k.as_str()))
        || (creating && !object.contains_key("config"))
        || object.get("name").is_some_and(|n| !good_name(n))
        || object.get("once").is_some_and(|o| !o.is_boolean());
    if payload_problem {
        4
    } else {
        26
    }
}

/// The rules, restated independently of the code under test.
fn assert_valid(s: &Value) {
    let config = s["config"].as_object().unwrap();
    let period = config.get("period").and_then(Value::as_i64);
    let ts = config.get("timestamp").and_then(Value::as_i64);
    if let Some(name) = s["name"].as_str() {
        assert!(name.chars().count() <= 200 && !name.chars().any(char::is_control), "{s}");
    }
    if let Some(ts) = ts {
        assert!((TIMESTAMP_MIN..=TIMESTAMP_MAX).contains(&ts), "{s}");
    }
    if s["once"] == json!(true) {
        assert!(period.is_none() && ts.is_some(), "{s}");
    } else {
        assert!(period.is_some_and(|p| (PERIOD_MIN..=PERIOD_MAX).contains(&p)), "{s}");
    }
}
