use crate::components::list_url::encode_query_value;
use leptos::prelude::*;

/// What a "mine" view (the list, the timeline) shows a signed-out visitor: a link to sign
/// in that comes back to `here`.
#[component]
pub fn SignInForYours(here: String) -> impl IntoView {
    view! {
        <p class="error" role="alert">
            <a href=format!("/signin?next={}", encode_query_value(&here))>"Sign in"</a>
            " to see your own schedules."
        </p>
    }
}
