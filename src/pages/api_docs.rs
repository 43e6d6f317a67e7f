use crate::error::AppError;
use leptos::prelude::*;
use leptos::server;
use serde::{Deserialize, Serialize};

/// One operation of the API, as the reference page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiOperation {
    pub method: String,
    pub path: String,
    pub summary: String,
    pub description: String,
    pub needs_auth: bool,
    /// (status, what it means)
    pub responses: Vec<(String, String)>,
}

/// The operations of the OpenAPI document the server serves, in its order.
#[server]
pub async fn api_reference() -> Result<Vec<ApiOperation>, AppError> {
    Ok(operations(&crate::api::routes().1))
}

/// The operations of the OpenAPI document, in its order.
#[cfg(feature = "ssr")]
fn operations(openapi: &utoipa::openapi::OpenApi) -> Vec<ApiOperation> {
    use utoipa::openapi::RefOr;
    let mut operations = Vec::new();
    for (path, item) in &openapi.paths.paths {
        let methods = [("get", &item.get), ("post", &item.post), ("put", &item.put), ("delete", &item.delete)];
        for (method, operation) in methods {
            let Some(operation) = operation else { continue };
            let responses = operation
                .responses
                .responses
                .iter()
                .map(|(status, response)| {
                    let text = match response {
                        RefOr::T(response) => response.description.clone(),
                        RefOr::Ref(r) => r.ref_location.clone(),
                    };
                    (status.clone(), text)
                })
                .collect();
            operations.push(ApiOperation {
                method: method.to_string(),
                path: path.clone(),
                summary: operation.summary.clone().unwrap_or_default(),
                description: operation.description.clone().unwrap_or_default(),
                needs_auth: operation.security.as_ref().is_some_and(|s| !s.is_empty()),
                responses,
            });
        }
    }
    operations
}

/// `/docs/api`: a readable page made from the OpenAPI document.
#[component]
pub fn ApiDocsPage() -> impl IntoView {
    let operations = Resource::new(|| (), |_| api_reference());
    view! {
        <leptos_meta::Title text="API reference"/>
        <leptos_meta::Meta name="description" content="The Kragle.io Schedules JSON API: endpoints, authentication, error codes, and the OpenAPI document."/>
        <h1>"API reference"</h1>
        <p>"The Kragle.io Schedules API, and what this service adds to it (marked "<em>"(beyond)"</em>"). "
           "The machine-readable description is the OpenAPI 3.1 document at "
           <a href="/api/v1/openapi.json"><code>"/api/v1/openapi.json"</code></a>"."</p>
        <h2>"Authentication"</h2>
        <p>"Reading is public. Changing needs one of: the session cookie from "
           <code>"POST /api/v1/authenticate"</code>" (with "<code>"username"</code>" or "<code>"email"</code>
           ", and "<code>"password"</code>"); a personal token as "<code>"Authorization: Bearer <token>"</code>
           " (see "<a href="/settings/tokens">"API tokens"</a>"); or inline credentials wrapping the normal body:"</p>
        <pre class="json">{r#"{"auth": {"username": "ada", "password": "..."}, "payload": {"config": {"period": 300}}}"#}</pre>
        <h2>"Errors"</h2>
        <p>"Every error is "<code>"{\"code\": <int>, \"msg\": <text>}"</code>". Clients should treat codes they do not know generically."</p>
        <table class="schedules">
            <thead><tr><th scope="col">"Code"</th><th scope="col">"HTTP"</th><th scope="col">"Meaning"</th></tr></thead>
            <tbody>
                {error_codes().into_iter().map(|(code, status, meaning)| view! {
                    <tr><td class="num">{code}</td><td class="num">{status}</td><td>{meaning}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        <h2>"Endpoints"</h2>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                operations.await.map(|ops| ops.into_iter().map(|op| view! {
                    <section class="operation">
                        <h3><code>{format!("{} {}", op.method.to_ascii_uppercase(), op.path)}</code></h3>
                        <p><strong>{op.summary}</strong> {op.needs_auth.then_some(" (authentication required)")}</p>
                        <p>{op.description}</p>
                        <ul>{op.responses.into_iter().map(|(status, text)| view! { <li><code>{status}</code> {format!(" {text}")}</li> }).collect_view()}</ul>
                    </section>
                }).collect_view())
            })}
        </Suspense>
    }
}

/// (code, HTTP status, meaning) for every error a client can see, from [`AppError::catalogue`]
/// (the forms' own field errors are left out: the API answers them as codes 4 and 26).
fn error_codes() -> Vec<(u16, u16, &'static str)> {
    let mut rows: Vec<_> = AppError::catalogue()
        .into_iter()
        .filter(|(error, _)| !matches!(error, AppError::InvalidFields(_)))
        .map(|(error, meaning)| (error.code(), error.status(), meaning))
        .collect();
    rows.sort_by_key(|(code, status, _)| (*code, *status));
    rows
}
