//! When a page's islands have all taken over: the `data-hydrated` marker on the body, which
//! tests (and curious people) wait for. Leptos hydrates the islands whose code is in the
//! main WebAssembly right after the entry point returns, each in a promise job; a lazy
//! island's code is fetched first, so such an island's root says it waits
//! (`data-waits`) and, once hydrated, that it is ready ([`lazy_island_root`]).

use leptos::prelude::*;
use leptos::tachys::html::element::ElementType;
use leptos::wasm_bindgen::JsCast;

/// The root of a lazy island, to give its root element (with `data-waits=""`): once the
/// island is hydrated and the element loaded, it is marked ready.
pub fn lazy_island_root<E>() -> NodeRef<E>
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    let root = NodeRef::new();
    root.on_load(|element: E::Output| {
        let _ = element.unchecked_ref::<leptos::web_sys::Element>().set_attribute("data-ready", "");
    });
    root
}

/// Sets `data-hydrated` on the body once every island has been hydrated: first after the
/// promise jobs that hydrate the main WebAssembly's islands, then as soon as no lazy
/// island's root still waits.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated_when_ready() {
    fn check() {
        let document = document();
        let waiting = document.query_selector("[data-waits]:not([data-ready])").ok().flatten().is_some();
        if !waiting {
            if let Some(body) = document.body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
            return;
        }
        let again = wasm_bindgen::closure::Closure::once_into_js(check);
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(again.unchecked_ref(), 20);
    }
    let first = wasm_bindgen::closure::Closure::once_into_js(check);
    let _ = window().set_timeout_with_callback(first.unchecked_ref());
}
