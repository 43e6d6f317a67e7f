use crate::components::list_url::encode_query_value;
use leptos::prelude::*;

/// The sign-in page's address, coming back to `back` (a path, with its query) once signed in.
pub fn sign_in_url(back: &str) -> String {
    format!("/signin?next={}", encode_query_value(back))
}

/// What a "mine" view (the list, the timeline) shows a signed-out visitor: a link to sign
/// in that comes back to `here`.
#[component]
pub fn SignInForYours(here: String) -> impl IntoView {
    view! {
        <p class="error" role="alert">
            <a href=sign_in_url(&here)>"Sign in"</a>
            " to see your own schedules."
        </p>
    }
}
