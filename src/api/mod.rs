//! The JSON API under `/api/v1`: routes, the OpenAPI document made from the same handler
//! annotations, and the error behaviour shared by every route.

pub mod auth;
pub mod bulk;
pub mod caller;
pub mod export;
pub mod history;
pub mod import;
pub mod json;
pub mod load;
pub mod params;
pub mod preconditions;
pub mod runs;
pub mod schedule_body;
pub mod schedules;
pub mod schemas;
pub mod tags;
pub mod tokens;

use crate::error::{AppError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kragle.io Schedules API",
        description = "The Kragle.io Schedules API, plus additions marked (beyond). Errors are `{\"code\", \"msg\"}`. \
Any authenticated endpoint also accepts inline authentication: send `{\"auth\": {\"username\" or \"email\": ..., \"password\": ...}, \"payload\": <the normal body>}`.",
    ),
    servers((url = "/", description = "The server that serves this document")),
    components(schemas(ErrorBody)),
    modifiers(&SecuritySchemes),
    tags(
        (name = "schedules", description = "Schedules: the documented Kragle.io endpoints, and the additions marked (beyond)"),
        (name = "history", description = "(beyond) Every version of a schedule, restoring one, and undoing a delete"),
        (name = "auth", description = "Logging in and out: the session cookie `auth_tkt`"),
        (name = "tokens", description = "(beyond) Personal API tokens for scripts, sent as `Authorization: Bearer <token>`"),
        (name = "meta", description = "This document"),
    ),
)]
struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::request::SESSION_COOKIE,
                "The session cookie set by POST /api/v1/authenticate (or /api/v1/login)",
            ))),
        );
        let mut bearer = Http::new(HttpAuthScheme::Bearer);
        bearer.description = Some("A personal API token (POST /api/v1/tokens)".into());
        components.add_security_scheme("bearer", SecurityScheme::Http(bearer));
    }
}

/// The answers any route may give besides its own, listed once here rather than on every
/// handler: every parameter and body is read by the same code (400, 413, 415, 422) and every
/// route needs the database (503, code 104).
struct SharedResponses;

impl Modify for SharedResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build(),
                )
                .build()
        };
        for item in openapi.paths.paths.values_mut() {
            for operation in [&mut item.get, &mut item.post, &mut item.put, &mut item.delete].into_iter().flatten() {
                let responses = &mut operation.responses.responses;
                if operation.parameters.as_ref().is_some_and(|p| !p.is_empty()) {
                    responses
                        .entry("400".to_string())
                        .or_insert_with(|| error("A bad path, query or header parameter (code 1)").into());
                }
                if operation.request_body.is_some() {
                    for (status, description) in [
                        ("400", "Invalid JSON (code 2)"),
                        ("413", "Body over 64 KiB (code 4)"),
                        ("415", "Not sent as JSON (code 2)"),
                        ("422", "Invalid body (code 4)"),
                    ] {
                        responses.entry(status.to_string()).or_insert_with(|| error(description).into());
                    }
                }
                responses
                    .entry("503".to_string())
                    .or_insert_with(|| error("The database is unavailable (code 104); retry shortly").into());
                // Public: said explicitly, so that no reader takes a missing list for an oversight.
                operation.security.get_or_insert_with(Vec::new);
            }
        }
    }
}

/// The API's routes and its OpenAPI document, built from one list.
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(schedules::list, schedules::create))
        .routes(routes!(schedules::get))
        .routes(routes!(export::export))
        .routes(routes!(bulk::bulk))
        .routes(routes!(import::import))
        .routes(routes!(schedules::upcoming))
        .routes(routes!(runs::list))
        .routes(routes!(load::get))
        .routes(routes!(schedules::update, schedules::delete))
        .routes(routes!(history::history))
        .routes(routes!(history::restore))
        .routes(routes!(history::deleted))
        .routes(routes!(tags::list))
        .routes(routes!(auth::authenticate))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(tokens::list, tokens::create))
        .routes(routes!(tokens::revoke))
        .split_for_parts();
    SharedResponses.modify(&mut openapi);
    // utoipa fills in Cargo.toml's licence, and the product is published under none: an
    // empty licence object would claim one.
    openapi.info.license = None;
    (router, openapi)
}

pub const OPENAPI_PATH: &str = "/api/v1/openapi.json";

/// Everything under `/api`: the routes, the OpenAPI document, and the contract's error
/// body for unknown routes and methods.
pub fn router(state: AppState) -> Router<AppState> {
    let (routes, mut openapi) = routes();
    openapi.paths.paths.insert(OPENAPI_PATH.to_string(), openapi_path_item());
    let document = std::sync::Arc::new(openapi.to_json().expect("the OpenAPI document serialises"));
    routes
        .route(
            OPENAPI_PATH,
            get(move || {
                let document = document.clone();
                async move { ([(axum::http::header::CONTENT_TYPE, "application/json")], document.as_str().to_owned()) }
            }),
        )
        .route("/api/{*rest}", axum::routing::any(unknown_route))
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        .layer(middleware::from_fn_with_state(state, compatible_statuses))
}

/// The answer for `/api/...` paths no route serves.
pub async fn unknown_route() -> AppError {
    AppError::NotFound("no such API route; see /api/v1/openapi.json".into())
}

fn openapi_path_item() -> utoipa::openapi::PathItem {
    use utoipa::openapi::path::{HttpMethod, OperationBuilder};
    use utoipa::openapi::ResponseBuilder;
    utoipa::openapi::PathItem::new(
        HttpMethod::Get,
        OperationBuilder::new()
            .summary(Some("This OpenAPI 3.1 document"))
            .operation_id(Some("openapiDocument"))
            .tag("meta")
            .securities(Some(Vec::<utoipa::openapi::security::SecurityRequirement>::new()))
            .response("200", ResponseBuilder::new().description("The document")),
    )
}

/// With the compatibility switch on, every API error is HTTP 500, as the original service
/// answered; the body stays the same.
async fn compatible_statuses(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if state.settings.compat_http_500 && (response.status().is_client_error() || response.status().is_server_error()) {
        *response.status_mut() = axum::http::StatusCode::INTERNAL_SERVER_ERROR;
    }
    response.into_response()
}
