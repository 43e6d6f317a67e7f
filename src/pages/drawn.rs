//! Pages the server draws whole for each request, in the viewer's zone: the timeline and
//! the load view (see [`crate::timeline`] and [`crate::load`]). They are server components
//! like every other page: the browser gets the drawing and no code for it. A first visit,
//! drawn before the browser's zone was in the `tz` cookie, is loaded once more (see
//! `browser::remember_zone`).

use leptos::prelude::*;

/// `/schedules/timeline`: when the schedules of a view of the list run.
#[component]
pub fn TimelinePage() -> impl IntoView {
    drawn_page(
        "Timeline",
        "When the schedules run: one lane a schedule on a time axis, over 24 hours, 7 days or 30 days.",
        Drawing::Timeline,
    )
}

/// `/schedules/load`: how many runs all of the signed-in user's schedules start, and when.
#[component]
pub fn LoadPage() -> impl IntoView {
    drawn_page(
        "Load",
        "How many runs your schedules start each hour, by weekday and hour, and in the busiest minutes.",
        Drawing::Load,
    )
}

#[derive(Clone, Copy)]
enum Drawing {
    Timeline,
    Load,
}

fn drawn_page(title: &'static str, description: &'static str, drawing: Drawing) -> impl IntoView {
    view! {
        <leptos_meta::Title text=title/>
        <leptos_meta::Meta name="description" content=description/>
        <h1>{title}</h1>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let markup = draw(drawing).await;
                view! { <div class="drawn-page" inner_html=markup></div> }
            })}
        </Suspense>
    }
}

/// The drawing for the request being rendered, with the page's status when it is not 200
/// (401 with a link to sign in, or the error's), and the time spent counting and drawing in
/// the `Server-Timing` header (`draw`), for benchmarks and the curious.
async fn draw(drawing: Drawing) -> String {
    #[cfg(feature = "ssr")]
    {
        use axum::http::HeaderValue;
        let started = std::time::Instant::now();
        let (state, mut parts) = match crate::context::state_and_parts().await {
            Ok(found) => found,
            Err(error) => return crate::drawing::page::content(Err(error), String::new).0,
        };
        let (markup, status) = match drawing {
            Drawing::Timeline => crate::timeline::page::draw(&state, &mut parts).await,
            Drawing::Load => crate::load::page::draw(&state, &mut parts).await,
        };
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            if let Some(status) = status {
                response.set_status(status);
            }
            let timing = format!("draw;dur={:.1}", started.elapsed().as_secs_f64() * 1_000.0);
            if let Ok(value) = HeaderValue::from_str(&timing) {
                response.insert_header(axum::http::HeaderName::from_static("server-timing"), value);
            }
        }
        markup
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = drawing;
        String::new()
    }
}
