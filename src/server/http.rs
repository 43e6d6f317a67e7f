//! The whole HTTP application as one `Router`, so tests drive exactly what is served.

use super::ops;
use crate::app::{shell, App};
use crate::state::AppState;
use axum::http::Request;
use axum::response::Redirect;
use axum::routing::get;
use axum::Router;
use leptos_axum::{generate_route_list_with_exclusions, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub fn app(state: AppState) -> Router {
    // `/` is answered here with a real redirect.
    let pages = generate_route_list_with_exclusions(App, Some(vec!["/".to_string()]));
    Router::new()
        .merge(crate::api::router(state.clone()))
        .route("/", get(|| async { Redirect::to("/schedules") }))
        .route("/schedules/selection", axum::routing::post(crate::pages::selection_form::act))
        .route(
            crate::pages::import_schedules::IMPORT_PATH,
            axum::routing::post(crate::pages::import_form::act)
                .layer(axum::extract::DefaultBodyLimit::max(crate::pages::import_form::FORM_BODY_MAX)),
        )
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .nest_service("/pkg", crate::assets::pkg_router(&state.leptos_options))
        .leptos_routes(&state, pages, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Pages and JSON compressed for clients that ask (brotli at quality 4, or gzip): a
        // list page is 11 KB of HTML, 4.4 KB in brotli, which a phone on a slow network
        // sees sooner. What `/pkg` serves is precompressed already and left as it is.
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(security_headers))
        .layer(axum::middleware::from_fn(run_to_completion))
        .layer(
            // One span per request. Only method and path: query strings and headers may
            // carry secrets.
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(Level::DEBUG)),
        )
        .with_state(state)
}

/// Headers every answer carries. Pages set their own Content-Security-Policy (with the
/// nonce of their scripts, see `app::shell`); everything else gets the strictest one.
async fn security_headers(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"));
    response
}

/// Runs each request to its end even when the client goes away mid-way. Dropping a handler
/// inside a database call can leave its connection in a state sqlx cannot see (a `BEGIN`
/// sent but not yet answered returns to the pool inside a transaction), and a later
/// request's statements would then run in that transaction; it could be rolled back after
/// they were acknowledged. A request that finishes normally always commits or rolls back.
/// Reads (GET, HEAD) open no transaction, so they skip the extra task.
async fn run_to_completion(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    use axum::http::Method;
    use axum::response::IntoResponse;
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    match tokio::spawn(next.run(request)).await {
        Ok(response) => response,
        Err(panicked) => crate::error::AppError::internal(panicked).into_response(),
    }
}
