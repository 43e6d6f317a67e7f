//! Pages the server draws whole for each request, in the viewer's zone: the timeline and
//! the load view (see [`crate::timeline`] and [`crate::load`]). Each has its own handler,
//! which draws the page's content and then renders the app with it in the context
//! ([`crate::drawing::page::respond`]), where the page's component places it as it is. The browser keeps that
//! markup and has no code for drawing, so a visit is always a page load: links to these
//! pages say `rel="external"`, and a visit the router makes anyway (the back and forward
//! buttons), or a drawing made before the browser's zone was known, is loaded again.

use leptos::prelude::*;

/// The content the server drew for the request being rendered (provided by the page's own
/// handler); absent in the browser.
#[derive(Clone)]
pub struct Drawn(pub String);

/// `/schedules/timeline`: when the schedules of a view of the list run.
#[component]
pub fn TimelinePage() -> impl IntoView {
    drawn_page(
        "Timeline",
        "When the schedules run: one lane a schedule on a time axis, over 24 hours, 7 days or 30 days.",
    )
}

/// `/schedules/load`: how many runs all of the signed-in user's schedules start, and when.
#[component]
pub fn LoadPage() -> impl IntoView {
    drawn_page("Load", "How many runs your schedules start each hour, by weekday and hour, and in the busiest minutes.")
}

fn drawn_page(title: &'static str, description: &'static str) -> impl IntoView {
    let drawn = use_context::<Drawn>().map(|drawn| drawn.0).unwrap_or_default();
    Effect::new(|_| load_again_if_needed());
    view! {
        <leptos_meta::Title text=title/>
        <leptos_meta::Meta name="description" content=description/>
        <h1>{title}</h1>
        <div class="drawn-page" inner_html=drawn></div>
    }
}

/// Loads the page again when it holds no drawing (the router showed it without asking the
/// server) or one made before the browser's zone was in the `tz` cookie (a first visit);
/// never when the cookie could not be written, so it cannot loop.
fn load_again_if_needed() {
    #[cfg(feature = "hydrate")]
    {
        let document = document();
        // Not in the document yet: the router is building the page, with no drawing.
        let Some(page) = document.query_selector(".drawn-page").ok().flatten() else {
            let _ = window().location().reload();
            return;
        };
        let asked =
            page.query_selector("[data-asked-zone]").ok().flatten().and_then(|e| e.get_attribute("data-asked-zone"));
        let zone = crate::components::local_time::browser_zone_name().unwrap_or_default();
        let cookies =
            js_sys::Reflect::get(&document, &"cookie".into()).ok().and_then(|c| c.as_string()).unwrap_or_default();
        let zone_now_known = cookies.split(';').any(|c| c.trim() == format!("tz={zone}"));
        let drawn_elsewhere = asked.is_some_and(|asked| asked != zone) && zone_now_known;
        if page.inner_html().is_empty() || drawn_elsewhere {
            let _ = window().location().reload();
        }
    }
}
