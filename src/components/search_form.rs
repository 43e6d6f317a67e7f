use crate::components::list_url::{kind_choice, list_href, with_kind_choice};
use crate::schedules::ListQuery;
use leptos::prelude::*;

/// Search and kind filter for the list, an island. Without JavaScript it is a plain GET
/// form; in the browser the list follows as you type: the island fetches the list page for
/// the new search and puts its parts that follow the search in place of the shown ones
/// (see [`crate::pages::schedules_list::FOLLOWS_SEARCH`]), and the URL keeps the view
/// shareable. The browser so needs no code for the table itself. Lazy: its code is loaded
/// by the list page only.
#[island(lazy)]
pub fn SearchForm(query: ListQuery) -> impl IntoView {
    let root = crate::components::ready::lazy_island_root::<leptos::html::Form>();
    let shown = StoredValue::new(query.clone());
    let asked = StoredValue::new(0u32);
    let go = move |next: ListQuery| {
        shown.set_value(next.clone());
        let ticket = asked.get_value() + 1;
        asked.set_value(ticket);
        follow(list_href(&next), move || asked.get_value() == ticket);
    };
    let on_text = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let text = text.trim();
        go(ListQuery { page: 1, q: (!text.is_empty()).then(|| text.to_string()), ..shown.get_value() });
    };
    let on_kind = move |ev: leptos::ev::Event| go(with_kind_choice(shown.get_value(), &event_target_value(&ev)));
    let on_mine =
        move |ev: leptos::ev::Event| go(ListQuery { page: 1, mine: event_target_checked(&ev), ..shown.get_value() });
    let kind = kind_choice(&query);
    view! {
        <form class="search" method="get" action="/schedules" role="search" node_ref=root data-waits="">
            <div class="field">
                <label for="search-q">"Search by name"</label>
                <input id="search-q" name="q" type="search" autocomplete="off" value=query.q.clone().unwrap_or_default() on:input=on_text/>
            </div>
            <div class="field">
                <label for="search-kind">"Kind"</label>
                <select id="search-kind" name="kind" on:change=on_kind>
                    {[("", "All"), ("recurring", "Recurring (both)"), ("interval", "Every… (interval)"), ("calendar", "At set times (calendar)"), ("once", "One-time")]
                        .into_iter()
                        .map(|(value, label)| view! { <option value=value selected=kind == value>{label}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field check">
                <input id="search-mine" name="mine" type="checkbox" value="1" checked=query.mine on:change=on_mine/>
                <label for="search-mine">"Only mine"</label>
            </div>
            // Without JavaScript the form keeps the view's tag filter.
            {query.tags.iter().map(|tag| view! { <input type="hidden" name="tag" value=tag.clone()/> }).collect_view()}
            <button type="submit">"Search"</button>
        </form>
    }
}

/// Shows the list page at `href` in this one: its parts that follow the search replace the
/// shown ones, if `still_wanted` once it has arrived (a later search may have been asked
/// meanwhile), and the address becomes `href`. Falls back to loading the page.
fn follow(href: String, still_wanted: impl Fn() -> bool + 'static) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        use crate::components::page_parts::refresh;
        if !refresh(&href, &crate::pages::schedules_list::FOLLOWS_SEARCH, &still_wanted).await {
            let _ = window().location().set_href(&href);
            return;
        }
        if !still_wanted() {
            return;
        }
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (href, still_wanted);
}
