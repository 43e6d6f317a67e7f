//! The timeline page's own handler: it draws the timeline for the request, then renders the
//! app with the drawing (see [`crate::drawing::page`]).

use crate::auth::request::MaybeCaller;
use crate::components::list_url::{list_query_from, timeline_href};
use crate::drawing::page::{content, respond, Asked};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{FromRequestParts, State};
use axum::http::Request;
use axum::response::Response;

/// `GET /schedules/timeline`: the list's filters and page, read leniently like the list's,
/// and the window and zone a drawn page reads ([`Asked`]), from now when no start is given.
/// A "mine" view without a caller answers 401 with a link to sign in, as the list does.
pub async fn serve(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (mut parts, body) = request.into_parts();
    let asked = Asked::read(&parts);
    let query = list_query_from(|key| asked.params.get(key).cloned());
    let frame = asked.frame(|_, now| now - now % 60);
    // Only a "mine" view needs to know the caller, as in the list.
    let caller =
        if query.mine { MaybeCaller::from_request_parts(&mut parts, &state).await } else { Ok(MaybeCaller(None)) };
    let drawn = match caller {
        Ok(MaybeCaller(caller)) => {
            super::page_markup(&state.pool, &query, caller.as_ref().map(|c| &c.user), frame).await
        }
        Err(error) => Err(error),
    };
    let (markup, status) = content(drawn, || timeline_href(&query, Some(asked.length.as_str()), asked.start));
    respond(state, Request::from_parts(parts, body), markup, status).await
}
