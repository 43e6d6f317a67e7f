use leptos::prelude::*;

/// The page for any URL the app does not have; answered with HTTP 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <leptos_meta::Title text="Page not found"/>
        <leptos_meta::Meta name="description" content="There is no page at this address."/>
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. It may have been moved, or the link may be mistyped."</p>
        <p><a href="/schedules">"Go to the schedules"</a></p>
    }
}
