//! `/schedules/selected?id=…`: the confirmation of deleting a selection of the list, which
//! names how many and which, takes a "Why", and posts the delete (a plain form, as the
//! list's own). A server component.

use crate::components::local_time::Description;
use crate::components::selection::{back_with, safe_back, Preselected, SELECTION_PATH};
use crate::components::sign_in_prompt::SignInForYours;
use crate::error::AppError;
use crate::pages::server_fns::schedules::{selected_schedules, SelectedView};
use crate::schedules::bulk::{BulkVerb, BULK_IDS_MAX};
use crate::schedules::history::ChangeNote;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DeleteSelectedPage() -> impl IntoView {
    let params = use_query_map();
    let ids = Memo::new(move |_| {
        params.with(|p| {
            let mut seen = std::collections::HashSet::new();
            let mut ids: Vec<i64> =
                p.get_all("id").unwrap_or_default().iter().filter_map(|id| id.parse().ok()).collect();
            ids.retain(|id| seen.insert(*id));
            ids
        })
    });
    let back = move || params.with(|p| safe_back(p.get("back").as_deref()));
    let key = move || params.with(|p| p.get("key"));
    let selected = Resource::new(move || ids.get(), selected_schedules);
    view! {
        <leptos_meta::Title text="Delete the selected schedules"/>
        <leptos_meta::Meta name="description" content="Confirm the delete of the schedules selected on the list."/>
        <p class="crumbs"><a href=back>"Schedules"</a> " / delete selected"</p>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let asked = ids.get();
                if asked.is_empty() {
                    return view! {
                        <h1>"Nothing selected"</h1>
                        <p>"Select schedules with the boxes beside their ids, then choose Delete. "
                            <a href=back()>"Back to the schedules"</a></p>
                    }
                    .into_any();
                }
                match selected.await {
                    Ok(view) => view! { <Confirmation view asked back=back() key=key()/> }.into_any(),
                    Err(AppError::AuthRequired) => view! {
                        <h1>"Delete the selected schedules"</h1>
                        <SignInForYours here=back()/>
                    }
                    .into_any(),
                    Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Confirmation(view: SelectedView, asked: Vec<i64>, back: String, key: Option<String>) -> impl IntoView {
    let SelectedView { schedules, keep_days, now } = view;
    let cancel = back_with(&back, &[("select", Preselected::Ids(asked.clone()).param().unwrap_or_default())]);
    let left_out = asked.len() - schedules.len();
    let left_out = (left_out > 0).then(|| {
        let text = match left_out {
            1 => "1 of the selected schedules no longer exists or is not yours: it is left out.".to_string(),
            n => format!("{n} of the selected schedules no longer exist or are not yours: they are left out."),
        };
        view! { <p class="error" role="alert">{text}</p> }
    });
    if schedules.is_empty() {
        return view! {
            <h1>"Nothing to delete"</h1>
            {left_out}
            <p><a href=back>"Back to the schedules"</a></p>
        }
        .into_any();
    }
    let count = schedules.len();
    let title = match count {
        1 => "Delete 1 schedule?".to_string(),
        n => format!("Delete {n} schedules?"),
    };
    let button = match count {
        1 => "Delete 1 schedule".to_string(),
        n => format!("Delete {n} schedules"),
    };
    let over = (asked.len() > BULK_IDS_MAX).then(|| {
        view! { <p class="error" role="alert">{format!("At most {BULK_IDS_MAX} schedules can be deleted at once.")}</p> }
    });
    let hidden_ids = schedules.iter().map(|s| view! { <input type="hidden" name="id" value=s.id/> }).collect_view();
    let items = schedules
        .into_iter()
        .map(|schedule| {
            let id = schedule.id;
            let name =
                schedule.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| format!("Schedule {id}"));
            view! {
                <li>
                    <a href=format!("/schedules/{id}")>{name}</a>
                    <span class="muted">{format!(" (schedule {id}) · ")}</span>
                    <Description schedule=schedule.content() made_at=now/>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{title}</h1>
        {left_out}
        {over}
        <p class="lede">{format!(
            "Each can be restored, with its id and its history, from Recently deleted for {keep_days} days."
        )}</p>
        <ul class="selected-schedules">{items}</ul>
        <form method="post" action=SELECTION_PATH class="stack narrow">
            <input type="hidden" name="action" value=BulkVerb::Delete.as_str()/>
            <input type="hidden" name="confirm" value="1"/>
            <input type="hidden" name="back" value=back/>
            {key.map(|key| view! { <input type="hidden" name="key" value=key/> })}
            {hidden_ids}
            <label for="delete-note">"Why (optional)"</label>
            <input id="delete-note" name="note" maxlength=ChangeNote::MAX_CHARS autocomplete="off"
                placeholder="e.g. the old reports are retired"/>
            <p class="actions">
                <button type="submit" class="danger">{button}</button>
                <a href=cancel>"Cancel"</a>
            </p>
        </form>
    }
    .into_any()
}
