//! How a drawn page (the timeline, the load view) reads its request ([`Asked`]) and answers
//! a failure ([`content`]) (see [`crate::pages::drawn`]).

use super::frame::{Frame, Length};
use crate::auth::request::cookie;
use crate::components::markup::escape;
use crate::components::sign_in_prompt::SignInForYours;
use crate::error::AppError;
use crate::query_pairs::QueryPairs;
use axum::http::request::Parts;
use axum::http::StatusCode;
use jiff::tz::TimeZone;
use leptos::prelude::*;

/// What the request for a drawn page asks for: its query's pairs, the window's length
/// (`span`: `24h`, the default, `7d`, `30d`) and start (`start`, Unix seconds), read
/// leniently, and the viewer's zone (the `tz` cookie the browser sets).
pub struct Asked {
    pub params: QueryPairs,
    pub length: Length,
    pub start: Option<i64>,
    pub zone: Option<String>,
}

impl Asked {
    pub fn read(parts: &Parts) -> Asked {
        let params = QueryPairs::parse(parts.uri.query().unwrap_or_default());
        Asked {
            length: params.get("span").and_then(|span| Length::parse(span)).unwrap_or(Length::Day),
            start: params.get("start").and_then(|start| start.parse::<i64>().ok()),
            zone: cookie(&parts.headers, "tz").filter(|zone| !zone.is_empty()),
            params,
        }
    }

    /// The window and clock asked for, from `default_start(zone, now)` when no start is.
    pub fn frame(&self, default_start: impl FnOnce(&TimeZone, i64) -> i64) -> Frame {
        let now = crate::clock::now();
        Frame::new(self.length, self.start, self.zone.as_deref(), now, default_start)
    }
}

/// A drawn page's content and status: the drawing; for a caller who must sign in, a link
/// to do so that comes back to `here` (401); else the error, with its status.
pub fn content(drawn: Result<String, AppError>, here: impl FnOnce() -> String) -> (String, Option<StatusCode>) {
    match drawn {
        Ok(markup) => (markup, None),
        Err(AppError::AuthRequired) => {
            let here = here();
            (Owner::new().with(|| view! { <SignInForYours here/> }.to_html()), Some(StatusCode::UNAUTHORIZED))
        }
        Err(error) => (
            format!(r#"<p class="error" role="alert">{}</p>"#, escape(&error.to_string())),
            StatusCode::from_u16(error.status()).ok(),
        ),
    }
}
