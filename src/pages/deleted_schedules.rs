//! `/schedules/deleted`: the signed-in user's deleted schedules, each with "Restore"
//! (a plain form: it works without JavaScript). A server component.

use crate::components::local_time::{Description, LocalTime};
use crate::error::AppError;
use crate::pages::schedule_history::SignInToRestore;
use crate::pages::server_fns::history::{deleted_schedules, DeletedView, RestoreVersion};
use crate::schedules::history::DeletedSchedule;
use crate::schedules::NewSchedule;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DeletedSchedulesPage() -> impl IntoView {
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| q.get("page").and_then(|p| p.parse::<i64>().ok()).filter(|p| *p >= 1).unwrap_or(1))
    });
    let deleted = Resource::new(move || page.get(), deleted_schedules);
    view! {
        <leptos_meta::Title text="Recently deleted"/>
        <leptos_meta::Meta name="description" content="Your deleted schedules: restore any of them with its id."/>
        <p class="crumbs"><a href="/schedules">"Schedules"</a> " / deleted"</p>
        <h1>"Recently deleted"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match deleted.await {
                    Ok(view) => view! { <DeletedList view/> }.into_any(),
                    Err(AppError::AuthRequired) => view! { <SignInToRestore/> }.into_any(),
                    Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DeletedList(view: DeletedView) -> impl IntoView {
    let DeletedView { page, keep_days, now } = view;
    let kept = format!(
        "A deleted schedule can be restored, with its id, for {keep_days} days; then it is removed with its history."
    );
    if page.count == 0 {
        return view! {
            <p class="lede">{kept}</p>
            <div class="empty"><p>"Nothing deleted."</p><p><a href="/schedules">"Back to the schedules"</a></p></div>
        }
        .into_any();
    }
    let page_count = page.page_count();
    let current = page.page;
    let href = |p: i64| format!("/schedules/deleted?page={p}");
    let newer = (current > 1).then(|| view! { <a href=href(current - 1) rel="prev">"← Previous"</a> });
    let older = (current < page_count).then(|| view! { <a href=href(current + 1) rel="next">"Next →"</a> });
    let rows = page.schedules.into_iter().map(|schedule| view! { <DeletedRow schedule now/> }).collect_view();
    view! {
        <p class="lede">{kept}</p>
        <p class="count">{match page.count { 1 => "1 deleted schedule".to_string(), n => format!("{n} deleted schedules") }}</p>
        <div class="table-wrap">
            <table class="schedules deleted">
                <caption class="visually-hidden">{format!("Deleted schedules, page {current} of {page_count}")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"ID"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"When"</th>
                        <th scope="col">"Deleted"</th>
                        <th scope="col"><span class="visually-hidden">"Restore"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {(page_count > 1).then(|| view! { <nav class="pagination" aria-label="Pages">{newer}{older}</nav> })}
    }
    .into_any()
}

#[component]
fn DeletedRow(schedule: DeletedSchedule, now: i64) -> impl IntoView {
    let DeletedSchedule { id, name, once, config, tags, deleted_at } = schedule;
    let title = name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| format!("Schedule {id}"));
    let content = NewSchedule { name, once, config, tags };
    let restore = ServerAction::<RestoreVersion>::new();
    view! {
        <tr>
            <td class="num">{id}</td>
            <td class="name">{title.clone()}</td>
            <td><Description schedule=content/></td>
            <td><LocalTime ts=deleted_at made_at=now relative_first=true/></td>
            <td>
                <ActionForm action=restore attr:class="inline">
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" aria-label=format!("Restore {title}")>"Restore"</button>
                </ActionForm>
            </td>
        </tr>
    }
}
