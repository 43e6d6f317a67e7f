//! The load page's own handler: it counts and draws the caller's load for the request, then
//! renders the app with the drawing (see [`crate::pages::drawn`]).

use super::hour_start;
use crate::auth::request::MaybeCaller;
use crate::components::list_url::load_href;
use crate::drawing::page::{content, respond, Asked};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{FromRequestParts, State};
use axum::http::{HeaderValue, Request};
use axum::response::Response;
use std::time::Instant;

/// `GET /schedules/load`: the window and zone a drawn page reads ([`Asked`]), from the
/// current hour of the viewer's clock when no start is given. Without a signed-in caller it
/// answers 401 with a link to sign in. The time spent counting and drawing is in the
/// `Server-Timing` header (`draw`), for benchmarks and the curious.
pub async fn serve(State(state): State<AppState>, request: Request<Body>) -> Response {
    let started = Instant::now();
    let (mut parts, body) = request.into_parts();
    let asked = Asked::read(&parts);
    let frame = asked.frame(hour_start);
    let drawn = match MaybeCaller::from_request_parts(&mut parts, &state).await {
        Ok(MaybeCaller(caller)) => super::page_markup(&state.pool, caller.as_ref().map(|c| &c.user), frame).await,
        Err(error) => Err(error),
    };
    let (markup, status) = content(drawn, || load_href(Some(asked.length.as_str()), asked.start));
    let timing = format!("draw;dur={:.1}", started.elapsed().as_secs_f64() * 1_000.0);
    let mut response = respond(state, Request::from_parts(parts, body), markup, status).await;
    if let Ok(value) = HeaderValue::from_str(&timing) {
        response.headers_mut().insert("server-timing", value);
    }
    response
}
