//! The load page's drawing for a request (see [`crate::pages::drawn`]).

use super::hour_start;
use crate::auth::request::MaybeCaller;
use crate::components::list_url::load_href;
use crate::drawing::page::{content, Asked};
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;

/// `GET /schedules/load`: the window and zone a drawn page reads ([`Asked`]), from the
/// current hour of the viewer's clock when no start is given. Without a signed-in caller it
/// answers 401 with a link to sign in.
pub async fn draw(state: &AppState, parts: &mut Parts) -> (String, Option<StatusCode>) {
    let asked = Asked::read(parts);
    let frame = asked.frame(hour_start);
    let drawn = match MaybeCaller::from_request_parts(parts, state).await {
        Ok(MaybeCaller(caller)) => super::page_markup(&state.pool, caller.as_ref().map(|c| &c.user), frame).await,
        Err(error) => Err(error),
    };
    content(drawn, || load_href(Some(asked.length.as_str()), asked.start))
}
