use crate::components::list_url::{list_query_from, timeline_href};
use crate::components::local_time::use_viewer_zone;
use crate::components::sign_in_prompt::SignInForYours;
use crate::error::AppError;
use crate::pages::server_fns::schedules::timeline_markup;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/schedules/timeline`: when the schedules of a view of the list run, one lane each, with
/// the list's filters and page, over `span` (24h, 7d, 30d) from `start` (Unix seconds; now
/// when absent). The server draws it (SVG and a table) in the viewer's zone, which the
/// browser sends once it knows it; this component only places that markup.
#[component]
pub fn TimelinePage() -> impl IntoView {
    let params = use_query_map();
    let args = Memo::new(move |_| {
        params.with(|p| {
            let start = p.get("start").and_then(|s| s.parse::<i64>().ok());
            (list_query_from(|k| p.get(k)), p.get("span").unwrap_or_default(), start)
        })
    });
    let zone = use_viewer_zone();
    let markup = Resource::new(
        move || (args.get(), zone.get()),
        |((query, span, start), zone)| timeline_markup(query, span, start, zone),
    );
    view! {
        <leptos_meta::Title text="Timeline"/>
        <leptos_meta::Meta name="description" content="When the schedules run: one lane a schedule on a time axis, over 24 hours, 7 days or 30 days."/>
        <h1>"Timeline"</h1>
        <Transition fallback=|| view! { <p class="loading">"Drawing the timeline…"</p> }>
            {move || Suspend::new(async move {
                match markup.await {
                    Ok(html) => EitherOf3::A(view! { <div class="timeline-page" inner_html=html></div> }),
                    Err(AppError::AuthRequired) => {
                        let (query, span, start) = args.get_untracked();
                        let here = timeline_href(&query, Some(&span).filter(|s| !s.is_empty()).map(|s| s.as_str()), start);
                        EitherOf3::B(view! { <SignInForYours here/> })
                    }
                    Err(error) => EitherOf3::C(view! { <p class="error" role="alert">{error.to_string()}</p> }),
                }
            })}
        </Transition>
    }
}
