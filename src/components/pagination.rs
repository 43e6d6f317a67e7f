use crate::components::list_url::list_href;
use crate::schedules::ListQuery;
use leptos::prelude::*;

/// Previous / next and page numbers for the list: the first, the last, and two either side
/// of the current page. Each is a link, so it works before hydration and in history.
#[component]
pub fn Pagination(query: ListQuery, page_count: i64) -> impl IntoView {
    let current = query.page;
    let href = move |page: i64| list_href(&ListQuery { page, ..query.clone() });
    let mut shown: Vec<i64> = [1, current - 2, current - 1, current, current + 1, current + 2, page_count]
        .into_iter()
        .filter(|p| (1..=page_count).contains(p))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let mut items = Vec::new();
    let mut previous = 0;
    for page in shown {
        if page > previous + 1 {
            items.push(view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any());
        }
        previous = page;
        let item = if page == current {
            view! { <li><a href=href(page) aria-current="page" class="current">{page}</a></li> }.into_any()
        } else {
            view! { <li><a href=href(page) aria-label=format!("Page {page}")>{page}</a></li> }.into_any()
        };
        items.push(item);
    }
    let prev = (current > 1).then(|| view! { <a href=href(current - 1) rel="prev">"← Previous"</a> });
    let next = (current < page_count).then(|| view! { <a href=href(current + 1) rel="next">"Next →"</a> });
    view! {
        <nav class="pagination" aria-label="Pages">
            {prev}
            <ol>{items}</ol>
            {next}
        </nav>
    }
}
