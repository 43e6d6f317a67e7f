//! What server functions need from the request they serve: the app state, the request's
//! parts, the caller. Server functions are public HTTP endpoints, so they authenticate and
//! authorise exactly as the JSON API does.

use crate::auth::request::{MaybeCaller, RequiredCaller};
use crate::auth::service::Caller;
use crate::auth::User;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use leptos::prelude::use_context;
use leptos::server_fn::error::FromServerFnError;

pub async fn state_and_parts() -> Result<(AppState, Parts), AppError> {
    let state =
        use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from the Leptos context"))?;
    let parts: Parts = leptos_axum::extract().await.map_err(AppError::from_server_fn_error)?;
    Ok((state, parts))
}

/// The state and the caller, if the request proves one (session cookie or bearer token;
/// cookie-authenticated writes must come from this site).
pub async fn state_and_caller() -> Result<(AppState, Option<Caller>), AppError> {
    let (state, mut parts) = state_and_parts().await?;
    let MaybeCaller(caller) = MaybeCaller::from_request_parts(&mut parts, &state).await?;
    Ok((state, caller))
}

/// The state and the signed-in user, or code 100.
pub async fn state_and_user() -> Result<(AppState, User), AppError> {
    let (state, caller) = state_and_required_caller().await?;
    Ok((state, caller.user))
}

/// The state and the caller, who must be known (code 100): for writes, which record how
/// the caller was signed in.
pub async fn state_and_required_caller() -> Result<(AppState, Caller), AppError> {
    let (state, mut parts) = state_and_parts().await?;
    let RequiredCaller(caller) = RequiredCaller::from_request_parts(&mut parts, &state).await?;
    Ok((state, caller))
}

/// Sets a response header of the request being served.
pub fn set_header(name: axum::http::HeaderName, value: axum::http::HeaderValue) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(name, value);
    }
}

/// Whether the request is a plain form POST from a browser without JavaScript (it accepts
/// HTML; the app's own calls ask for JSON).
fn is_plain_form_post() -> bool {
    use_context::<Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
}

/// For a plain form POST that failed: sends the browser back to the form's page with what
/// was typed (`pairs`, in the form's own field names) and the error, so the page shows the
/// form as it was sent, with the messages, instead of an empty one. The framework alone
/// would send it back to the page as it was first rendered.
pub fn back_to_form<F: leptos::server_fn::ServerFn>(pairs: &[(impl AsRef<str>, impl AsRef<str>)], error: &AppError) {
    if !is_plain_form_post() {
        return;
    }
    let Some(referer) = use_context::<Parts>()
        .and_then(|p| p.headers.get(axum::http::header::REFERER)?.to_str().ok().map(String::from))
    else {
        return;
    };
    let Ok(mut url) = url::Url::parse(&referer) else { return };
    url.set_query(None);
    url.query_pairs_mut().extend_pairs(pairs.iter().filter(|(_, v)| !v.as_ref().is_empty()));
    if let Ok(url) = leptos::server_fn::error::ServerFnUrlError::new(F::PATH, error.clone()).to_url(url.as_str()) {
        leptos_axum::redirect(url.as_str());
    }
}

/// Gives a failed server-function call the error's own HTTP status (401, 412, 422...)
/// instead of the framework's blanket 500, so logs and clients tell a wrong password from
/// a fault. A plain form POST from a browser without JavaScript keeps the framework's
/// redirect back to the form, which carries the error to the page.
pub fn with_error_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        if !is_plain_form_post() {
            if let (Some(response), Ok(status)) =
                (use_context::<leptos_axum::ResponseOptions>(), axum::http::StatusCode::from_u16(error.status()))
            {
                response.set_status(status);
            }
        }
    }
    result
}
