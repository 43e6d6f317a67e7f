//! Server functions the pages call: thin wrappers over [`super::service`], the same
//! service the JSON API uses.

use super::{ListQuery, SchedulePage};
use crate::error::AppError;
use leptos::server;

#[server]
pub async fn list_schedules(query: ListQuery) -> Result<SchedulePage, AppError> {
    let (state, caller) = ssr::state_and_caller().await?;
    super::service::list(&state.pool, &query, caller.as_ref().map(|c| &c.user)).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::auth::service::Caller;
    use crate::error::AppError;
    use crate::server::state::AppState;
    use leptos::prelude::use_context;
    use leptos::server_fn::error::FromServerFnError;

    /// The app state and the caller of the request being served (a server-function call,
    /// or the page request during server rendering).
    pub async fn state_and_caller() -> Result<(AppState, Option<Caller>), AppError> {
        let state = use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from the Leptos context"))?;
        let parts: axum::http::request::Parts = leptos_axum::extract().await.map_err(AppError::from_server_fn_error)?;
        let caller = crate::auth::request::header_caller(&state, &parts).await?;
        Ok((state, caller))
    }
}
