//! The load page's own handler: it counts and draws the caller's load for the request, then
//! renders the app with the drawing (see [`crate::pages::drawn`]).

use crate::auth::request::{cookie, header_caller};
use crate::components::list_url::load_href;
use crate::components::markup::escape;
use crate::components::sign_in_prompt::SignInForYours;
use crate::error::AppError;
use crate::state::AppState;
use crate::timeline::layout::Length;
use crate::timeline::page::respond;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Request, StatusCode};
use axum::response::Response;
use leptos::prelude::*;
use std::time::Instant;

/// `GET /schedules/load`: `span` (`24h`, the default, `7d`, `30d`) and `start` (Unix
/// seconds; the current hour when absent), read leniently; the zone from the `tz` cookie.
/// Without a signed-in caller it answers 401 with a link to sign in. The time spent
/// counting and drawing is in the `Server-Timing` header (`draw`), for benchmarks and the
/// curious.
pub async fn serve(State(state): State<AppState>, request: Request<Body>) -> Response {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let params: std::collections::HashMap<String, String> =
        form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes()).into_owned().collect();
    let length = params.get("span").and_then(|span| Length::parse(span)).unwrap_or(Length::Day);
    let start = params.get("start").and_then(|start| start.parse::<i64>().ok());
    let asked_zone = cookie(&parts.headers, "tz").filter(|zone| !zone.is_empty());
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let drawn = match header_caller(&state, &parts).await {
        Ok(caller) => {
            let user = caller.as_ref().map(|c| &c.user);
            super::page_markup(&state.pool, user, length, start, asked_zone.as_deref(), now).await
        }
        Err(error) => Err(error),
    };
    let (markup, status) = match drawn {
        Ok(markup) => (markup, None),
        Err(AppError::AuthRequired) => {
            let here = load_href(Some(length.as_str()), start);
            (Owner::new().with(|| view! { <SignInForYours here/> }.to_html()), Some(StatusCode::UNAUTHORIZED))
        }
        Err(error) => (
            format!(r#"<p class="error" role="alert">{}</p>"#, escape(&error.to_string())),
            StatusCode::from_u16(error.status()).ok(),
        ),
    };
    let timing = format!("draw;dur={:.1}", started.elapsed().as_secs_f64() * 1_000.0);
    let mut response = respond(state, Request::from_parts(parts, body), markup, status).await;
    if let Ok(value) = HeaderValue::from_str(&timing) {
        response.headers_mut().insert("server-timing", value);
    }
    response
}
