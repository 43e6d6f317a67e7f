use crate::components::list_url::{kind_choice, list_href, with_kind_choice};
use crate::schedules::ListQuery;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Search and kind filter for the list. Without JavaScript it is a plain GET form; once
/// hydrated the list follows as you type, and the URL keeps the view shareable.
#[component]
pub fn SearchForm(query: Memo<ListQuery>) -> impl IntoView {
    let navigate = use_navigate();
    let go = move |next: ListQuery| {
        navigate(&list_href(&next), NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let on_text = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            let text = text.trim();
            go(ListQuery { page: 1, q: (!text.is_empty()).then(|| text.to_string()), ..query.get_untracked() });
        }
    };
    let on_kind = {
        let go = go.clone();
        move |ev: leptos::ev::Event| go(with_kind_choice(query.get_untracked(), &event_target_value(&ev)))
    };
    let on_mine = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            go(ListQuery { page: 1, mine: event_target_checked(&ev), ..query.get_untracked() });
        }
    };
    let kind = move || query.with(kind_choice);
    view! {
        <form class="search" method="get" action="/schedules" role="search">
            <div class="field">
                <label for="search-q">"Search by name"</label>
                <input
                    id="search-q"
                    name="q"
                    type="search"
                    autocomplete="off"
                    value=move || query.with(|q| q.q.clone().unwrap_or_default())
                    on:input=on_text
                />
            </div>
            <div class="field">
                <label for="search-kind">"Kind"</label>
                <select id="search-kind" name="kind" on:change=on_kind>
                    {[("", "All"), ("recurring", "Recurring (both)"), ("interval", "Every… (interval)"), ("calendar", "At set times (calendar)"), ("once", "One-time")]
                        .into_iter()
                        .map(|(value, label)| view! { <option value=value selected=move || kind() == value>{label}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field check">
                <input id="search-mine" name="mine" type="checkbox" value="1"
                    checked=move || query.with(|q| q.mine) prop:checked=move || query.with(|q| q.mine)
                    on:change=on_mine/>
                <label for="search-mine">"Only mine"</label>
            </div>
            <button type="submit">"Search"</button>
        </form>
    }
}
