//! The timeline page's own handler: it draws the timeline for the request, then renders the
//! app with the drawing (see [`crate::pages::drawn`]): [`respond`], which the load view's
//! handler uses too.

use super::layout::Length;
use crate::app::shell;
use crate::auth::request::{cookie, header_caller};
use crate::components::list_url::{list_query_from, timeline_href};
use crate::components::markup::escape;
use crate::components::sign_in_prompt::SignInForYours;
use crate::error::AppError;
use crate::pages::drawn::Drawn;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use leptos::prelude::*;

/// `GET /schedules/timeline`: the list's filters and page, `span` (`24h`, the default,
/// `7d`, `30d`) and `start` (Unix seconds; now when absent), read leniently like the list's;
/// the zone from the `tz` cookie. A "mine" view without a caller answers 401 with a link
/// to sign in, as the list does.
pub async fn serve(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, body) = request.into_parts();
    let params: std::collections::HashMap<String, String> =
        form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes()).into_owned().collect();
    let query = list_query_from(|key| params.get(key).cloned());
    let length = params.get("span").and_then(|span| Length::parse(span)).unwrap_or(Length::Day);
    let start = params.get("start").and_then(|start| start.parse::<i64>().ok());
    let asked_zone = cookie(&parts.headers, "tz").filter(|zone| !zone.is_empty());
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let caller = if query.mine { header_caller(&state, &parts).await } else { Ok(None) };
    let drawn = match caller {
        Ok(caller) => {
            let user = caller.as_ref().map(|c| &c.user);
            super::page_markup(&state.pool, &query, user, length, start, asked_zone.as_deref(), now).await
        }
        Err(error) => Err(error),
    };
    let (markup, status) = match drawn {
        Ok(markup) => (markup, None),
        Err(AppError::AuthRequired) => {
            let here = timeline_href(&query, Some(length.as_str()), start);
            (Owner::new().with(|| view! { <SignInForYours here/> }.to_html()), Some(StatusCode::UNAUTHORIZED))
        }
        Err(error) => (
            format!(r#"<p class="error" role="alert">{}</p>"#, escape(&error.to_string())),
            StatusCode::from_u16(error.status()).ok(),
        ),
    };
    respond(state, Request::from_parts(parts, body), markup, status).await
}

/// The response of a page the server draws (the timeline, the load view): the app rendered
/// with `markup` as the page's content, with `status` when it is not 200.
pub async fn respond(state: AppState, request: Request<Body>, markup: String, status: Option<StatusCode>) -> Response {
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(Drawn(markup.clone()));
        },
        move || shell(options.clone()),
    );
    let mut response = render(request).await;
    if let Some(status) = status {
        *response.status_mut() = status;
    }
    response
}
