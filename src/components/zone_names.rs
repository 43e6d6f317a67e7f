//! The zone names a zone field offers as you type (its `list`).

use crate::components::markup;
use leptos::prelude::*;

/// The `<datalist id="zone-names">` of every zone, rendered once on the server beside the
/// field that names it: the browser never builds the 597 options.
#[component]
pub fn ZoneNames() -> impl IntoView {
    let options: String = crate::schedules::zones::zone_names()
        .map(|zone| format!(r#"<option value="{}"></option>"#, markup::escape(zone)))
        .collect();
    view! { <datalist id="zone-names" inner_html=options></datalist> }
}
