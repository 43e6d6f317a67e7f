//! The timeline page's drawing for a request (see [`crate::pages::drawn`]).

use crate::auth::request::MaybeCaller;
use crate::components::list_url::{list_query_from, timeline_href};
use crate::drawing::page::{content, Asked};
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;

/// `GET /schedules/timeline`: the list's filters and page, read leniently like the list's,
/// and the window and zone a drawn page reads ([`Asked`]), from now when no start is given.
/// A "mine" view without a caller answers 401 with a link to sign in, as the list does.
pub async fn draw(state: &AppState, parts: &mut Parts) -> (String, Option<StatusCode>) {
    let asked = Asked::read(parts);
    let query = list_query_from(|key| asked.params.all(key));
    let frame = asked.frame(|_, now| now - now % 60);
    // Only a "mine" view needs to know the caller, as in the list.
    let caller = if query.mine { MaybeCaller::from_request_parts(parts, state).await } else { Ok(MaybeCaller(None)) };
    let drawn = match caller {
        Ok(MaybeCaller(caller)) => {
            super::page_markup(&state.pool, &query, caller.as_ref().map(|c| &c.user), frame).await
        }
        Err(error) => Err(error),
    };
    content(drawn, || timeline_href(&query, Some(asked.length.as_str()), asked.start))
}
