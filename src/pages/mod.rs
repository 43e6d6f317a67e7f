//! One module per route of the UI, and the server functions they call.

pub mod api_docs;
pub mod delete_selected;
pub mod deleted_schedules;
pub mod drawn;
#[cfg(feature = "ssr")]
pub mod import_form;
pub mod import_schedules;
pub mod not_found;
pub mod schedule_detail;
pub mod schedule_edit;
pub mod schedule_history;
pub mod schedules_list;
#[cfg(feature = "ssr")]
pub mod selection_form;
pub mod server_fns;
pub mod sign_in;
pub mod sign_up;
pub mod tokens;

use leptos::prelude::*;

/// The schedule id of a `/schedules/:id...` route, `None` when it is not a positive integer.
pub fn use_schedule_id() -> Memo<Option<i64>> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).filter(|id| *id > 0)))
}

/// A message as a sentence on a page: the API's wording starts in lower case.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
