//! Parts of a page brought up to date from the server: an island fetches the page (the
//! server renders it, as for any visit) and puts the fresh parts, by id, in place of the
//! shown ones. The browser so needs no code for rendering them (the list's table, the
//! tokens' table), and what it shows is exactly what a page load would show.

/// Fetches `href` and, if `still_wanted` once it has arrived (a later request may have been
/// made meanwhile), puts its elements of `ids` in place of this page's, their times in the
/// viewer's zone. `false` when the page could not be fetched.
#[cfg(feature = "hydrate")]
pub async fn refresh(href: &str, ids: &[&str], still_wanted: &impl Fn() -> bool) -> bool {
    use leptos::prelude::document;
    let fetched = async {
        let response = gloo_net::http::Request::get(href).header("Accept", "text/html").send().await.ok()?;
        response.ok().then_some(())?;
        response.text().await.ok()
    };
    let Some(html) = fetched.await else { return false };
    if !still_wanted() {
        return true;
    }
    let Some(fresh) = web_sys::DomParser::new()
        .and_then(|parser| parser.parse_from_string(&html, web_sys::SupportedType::TextHtml))
        .ok()
    else {
        return false;
    };
    let page = document();
    for id in ids {
        if let (Some(new), Some(old)) = (fresh.get_element_by_id(id), page.get_element_by_id(id)) {
            if old.replace_with_with_node_1(&new).is_ok() {
                crate::components::local_time::localise(&new);
            }
        }
    }
    true
}
