//! The document shell and the app's routes.

use crate::pages::not_found::NotFound;
use crate::pages::schedules_list::SchedulesPage;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/kragle-schedules.css"/>
        <Title formatter=|text: String| if text.is_empty() { "Kragle Schedules".to_string() } else { format!("{text} · Kragle Schedules") }/>
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <a class="brand" href="/schedules">"Kragle Schedules"</a>
                <nav aria-label="Main">
                    <a href="/schedules">"Schedules"</a>
                    <a href="/api/v1/openapi.json" rel="external">"API (OpenAPI)"</a>
                </nav>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/schedules"/> }/>
                    // Rendered whole before sending: the first HTML holds the data, and the
                    // page works without JavaScript.
                    <Route path=path!("/schedules") view=SchedulesPage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}
