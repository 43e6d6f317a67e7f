//! A schedule's tags as links: each shows the list of the schedules carrying it.

use crate::components::list_url::tag_href;
use leptos::prelude::*;

#[component]
pub fn TagLinks(tags: Vec<String>) -> impl IntoView {
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="tags" aria-label="Tags">
                {tags
                    .into_iter()
                    .map(|tag| {
                        let href = tag_href(&tag);
                        view! { <li><a class="tag" href=href>{tag}</a></li> }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
