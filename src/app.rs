//! The document shell and the app's routes.

use crate::components::local_time::local_times_script;
use crate::pages::api_docs::ApiDocsPage;
use crate::pages::delete_selected::DeleteSelectedPage;
use crate::pages::deleted_schedules::DeletedSchedulesPage;
use crate::pages::drawn::{LoadPage, TimelinePage};
use crate::pages::import_schedules::ImportPage;
use crate::pages::not_found::NotFound;
use crate::pages::schedule_detail::ScheduleDetailPage;
use crate::pages::schedule_edit::{EditSchedulePage, NewSchedulePage};
use crate::pages::schedule_history::RestorePage;
use crate::pages::schedules_list::SchedulesPage;
use crate::pages::server_fns::accounts::{current_user, SignOut};
use crate::pages::sign_in::SignInPage;
use crate::pages::sign_up::SignUpPage;
use crate::pages::tokens::TokensPage;
use leptos::nonce::use_nonce;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{path, SsrMode};

/// The HTML document around the app, rendered on the server only. Its pages are rendered
/// on the server too; in the browser only their islands run (see [`crate::hydrate`]).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    content_security_policy();
    #[cfg(feature = "ssr")]
    let stylesheet = crate::assets::stylesheet_href(&options);
    #[cfg(not(feature = "ssr"))]
    let stylesheet = "";
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href=stylesheet/>
                <script nonce=use_nonce()>{local_times_script()}</script>
                <HydrationScripts options islands=true/>
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
    // Every page is rendered whole before it is sent (SsrMode::Async): the first HTML holds
    // the data, and pages work without JavaScript.
    let ssr = SsrMode::Async;
    view! {
        <Title formatter=|text: String| if text.is_empty() { "Kragle Schedules".to_string() } else { format!("{text} · Kragle Schedules") }/>
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <SiteHeader/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/schedules"/> }/>
                    <Route path=path!("/schedules") view=SchedulesPage ssr=ssr.clone()/>
                    <Route path=path!("/schedules/new") view=NewSchedulePage ssr=ssr.clone()/>
                    <Route path=path!("/schedules/timeline") view=TimelinePage ssr=ssr.clone()/>
                    <Route path=path!("/schedules/load") view=LoadPage ssr=ssr.clone()/>
                    <Route path=path!("/schedules/deleted") view=DeletedSchedulesPage ssr=ssr.clone()/>
                    <Route path=path!("/schedules/selected") view=DeleteSelectedPage ssr=ssr.clone()/>
                    <Route path=path!("/schedules/import") view=ImportPage ssr=ssr.clone()/>
                    <Route path=path!("/schedules/:id") view=ScheduleDetailPage ssr=ssr.clone()/>
                    <Route path=path!("/schedules/:id/restore") view=RestorePage ssr=ssr.clone()/>
                    <Route path=path!("/schedules/:id/edit") view=EditSchedulePage ssr=ssr.clone()/>
                    <Route path=path!("/signin") view=SignInPage ssr=ssr.clone()/>
                    // The API calls it `login`; people type that too.
                    <Route path=path!("/login") view=ToSignIn ssr=ssr.clone()/>
                    <Route path=path!("/signup") view=SignUpPage ssr=ssr.clone()/>
                    <Route path=path!("/settings/tokens") view=TokensPage ssr=ssr.clone()/>
                    <Route path=path!("/docs/api") view=ApiDocsPage ssr=ssr.clone()/>
                </Routes>
            </main>
        </Router>
    }
}

/// `/login` (and its query, such as `next`) is the sign-in page.
#[component]
fn ToSignIn() -> impl IntoView {
    let search = use_location().search.get_untracked();
    let query = if search.is_empty() { String::new() } else { format!("?{}", search.trim_start_matches('?')) };
    view! { <Redirect path=format!("/signin{query}")/> }
}

/// The site's name, its main links, and who is signed in.
#[component]
fn SiteHeader() -> impl IntoView {
    let location = use_location();
    let sign_out = ServerAction::<SignOut>::new();
    let user = Resource::new(move || (location.pathname.get(), sign_out.version().get()), |_| current_user());
    view! {
        <header class="site-header">
            <a class="brand" href="/schedules">"Kragle Schedules"</a>
            <nav aria-label="Main">
                <a href="/schedules">"Schedules"</a>
                <a href="/schedules/new">"New schedule"</a>
                <a href="/docs/api">"API"</a>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match user.await {
                            Ok(Some(user)) => view! {
                                <a href="/schedules/deleted">"Recently deleted"</a>
                                <a href="/settings/tokens">"API tokens"</a>
                                <span class="who">"Signed in as " <strong>{user.username}</strong></span>
                                <ActionForm action=sign_out attr:class="inline">
                                    <button type="submit" class="link">"Sign out"</button>
                                </ActionForm>
                            }.into_any(),
                            _ => view! {
                                <a href=move || crate::components::sign_in_prompt::sign_in_url(&location.pathname.get())>"Sign in"</a>
                            }.into_any(),
                        }
                    })}
                </Transition>
            </nav>
        </header>
    }
}

/// A fresh nonce for this page's scripts, and a Content-Security-Policy that allows only
/// scripts carrying it (the hydration script and the serialized data Leptos inlines), our
/// own files, and WebAssembly compilation.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    use leptos::nonce::{provide_nonce, use_nonce};
    provide_nonce();
    let Some(nonce) = use_nonce() else { return };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    );
    if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
        crate::context::set_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}
