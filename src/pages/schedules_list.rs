use crate::components::list_url::{list_href, list_query_from, timeline_href};
use crate::components::local_time::{Description, LocalTime, ZoneName};
use crate::components::pagination::Pagination;
use crate::components::search_form::SearchForm;
use crate::components::selection::{Preselected, SelectionBar, SelectionNotice, SelectionOutcome, SELECTION_PATH};
use crate::components::sign_in_prompt::SignInForYours;
use crate::components::tag_links::TagLinks;
use crate::error::AppError;
use crate::pages::server_fns::history::RestoreVersion;
use crate::pages::server_fns::schedules::{list_schedules, ScheduleList};
use crate::schedules::ListQuery;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/schedules`: the list, its count, search and pages, all kept in the URL. The search
/// form is an island: once the page runs it fetches this page for what is typed and puts
/// in place the parts that follow the search (their ids in [`FOLLOWS_SEARCH`]).
#[component]
pub fn SchedulesPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| list_query_from(|k| p.get_all(k).unwrap_or_default())));
    let page = Resource::new(move || query.get(), list_schedules);
    // After a delete the detail page sends the browser here with `?deleted=<id>`.
    let deleted = move || params.with(|p| p.get("deleted").and_then(|id| id.parse::<i64>().ok()));
    // After an action on a selection: what it did (`done=…`) or why it did nothing, the rows
    // to keep checked (`select=`) and the tag that was typed.
    let outcome = move || params.with(|p| SelectionOutcome::from_params(|name| p.get(name)));
    let selection = move || {
        params.with(|p| Selection {
            preselected: Preselected::from_param(p.get("select").as_deref()),
            typed_tag: p.get("bulk_tag").unwrap_or_default(),
        })
    };
    view! {
        <leptos_meta::Title text="Schedules"/>
        <leptos_meta::Meta name="description" content="Every schedule: when it runs next, what it is called, who owns it. Search, filter and page through them."/>
        {move || deleted().map(|id| view! { <DeletedNotice id/> })}
        {move || outcome().map(|outcome| view! { <SelectionNotice outcome/> })}
        <h1>"Schedules"</h1>
        <nav class="segmented" aria-label="View" id=FOLLOWS_SEARCH[0]>
            <a href=move || list_href(&query.get()) aria-current="page">"List"</a>
            <a href=move || timeline_href(&query.get(), None, None)>"Timeline"</a>
            <a href="/schedules/load">"Load"</a>
        </nav>
        <SearchForm query=query.get_untracked()/>
        <div id=FOLLOWS_SEARCH[1]>
            {move || view! { <TagFilter query=query.get()/> }}
            <Suspense fallback=|| view! { <p class="loading">"Loading schedules…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(result) => view! { <ScheduleTable result query=query.get() selection=selection()/> }.into_any(),
                        Err(AppError::AuthRequired) => view! { <SignInForYours here=list_href(&query.get())/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// "Schedule 5 deleted." with "Undo": a plain form that restores it, with its id.
#[component]
fn DeletedNotice(id: i64) -> impl IntoView {
    let restore = ServerAction::<RestoreVersion>::new();
    view! {
        <div class="notice">
            <span role="status">{format!("Schedule {id} deleted.")}</span>
            <ActionForm action=restore attr:class="inline">
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="link">"Undo"</button>
            </ActionForm>
            <a href="/schedules/deleted">"Recently deleted"</a>
        </div>
    }
}

/// The tags the view is filtered by, each with a link to the view without it.
#[component]
fn TagFilter(query: ListQuery) -> impl IntoView {
    (!query.tags.is_empty()).then(|| {
        let chips = query
            .tags
            .iter()
            .map(|tag| {
                let others = query.tags.iter().filter(|t| *t != tag).cloned().collect();
                let without = list_href(&ListQuery { page: 1, tags: others, ..query.clone() });
                view! {
                    <li>
                        <a class="tag removable" href=without aria-label=format!("Stop filtering by tag {tag}")>
                            {tag.clone()}<span aria-hidden="true">" ×"</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="tag-filter">
                <span>"Tagged"</span>
                <ul class="tags">{chips}</ul>
            </div>
        }
    })
}

/// The ids of the parts of the list page that change with the search: the views' links
/// (which keep the filters) and the results.
pub const FOLLOWS_SEARCH: [&str; 2] = ["list-views", "list-results"];

/// Which of the list's rows start checked, and the tag field's text.
#[derive(Clone, Debug, Default)]
struct Selection {
    preselected: Preselected,
    typed_tag: String,
}

#[component]
fn ScheduleTable(result: ScheduleList, query: ListQuery, selection: Selection) -> impl IntoView {
    let ScheduleList { page: result, next_runs, now, selectable, form_key } = result;
    if result.count == 0 {
        // "Only mine" alone finds none of the viewer's: nothing to search, something to start.
        let filtered = !ListQuery { mine: false, ..query.clone() }.is_unfiltered();
        return view! { <EmptyState filtered mine=query.mine/> }.into_any();
    }
    let page_count = result.page_count();
    if result.schedules.is_empty() {
        let last = crate::components::list_url::list_href(&ListQuery { page: page_count, ..query });
        return view! {
            <div class="empty">
                <p>"This page is past the end of the list."</p>
                <p><a href=last>"Go to the last page"</a></p>
            </div>
        }
        .into_any();
    }
    let summary = match result.count {
        1 => "1 schedule".to_string(),
        n => format!("{n} schedules"),
    };
    // At phone width each row is a block, each cell labelled by the stylesheet.
    let rows = result
        .schedules
        .into_iter()
        .zip(next_runs)
        .map(|(schedule, next_run)| {
            let content = schedule.content();
            let kind = content.kind().label();
            let ended = schedule.config.until.is_some_and(|until| until < now);
            let id = schedule.id;
            let name = schedule.name.clone().filter(|n| !n.trim().is_empty());
            let shown_name = name.clone().unwrap_or_else(|| format!("Schedule {id}"));
            // The viewer's own rows: the id labels the checkbox (a bigger target), named
            // "Select schedule 12" and described by the schedule's name (which a name would
            // also give the cell, making the ID cell's name the name cell's).
            let id_cell = if selectable.contains(&id) {
                view! {
                    <label class="select">
                        <input type="checkbox" name="id" value=id checked=selection.preselected.has(id)
                            aria-describedby=format!("name-{id}")/>
                        <span class="visually-hidden">"Select schedule "</span>
                        {id}
                    </label>
                }
                .into_any()
            } else {
                view! { {id} }.into_any()
            };
            let next = match next_run {
                Some(ts) => view! { <LocalTime ts made_at=now relative_first=true/> }.into_any(),
                None if ended => view! { <span class="muted">"ended"</span> }.into_any(),
                None => view! { <span class="muted">"none to come"</span> }.into_any(),
            };
            view! {
                <tr>
                    <td class="num">{id_cell}</td>
                    <td class="name">
                        <a href=format!("/schedules/{id}") id=format!("name-{id}")>{shown_name}</a>
                        <TagLinks tags=schedule.tags.clone()/>
                    </td>
                    <td>{kind}</td>
                    <td><Description schedule=content made_at=now/></td>
                    <td>{next}</td>
                </tr>
            }
            // Erased: the row's type, nested in the table's, passes the compiler's depth limit.
            .into_any()
        })
        .collect_view();
    let table = view! {
        <div class="table-wrap">
            <table class="schedules list">
                <caption class="visually-hidden">{format!("Schedules, page {} of {}", query.page, page_count.max(1))}</caption>
                <thead>
                    <tr>
                        <th scope="col">"ID"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Kind"</th>
                        <th scope="col">"When"</th>
                        <th scope="col">"Next run"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    };
    // One form around the table, so that it works without JavaScript.
    let table = if selectable.is_empty() {
        table.into_any()
    } else {
        let Selection { preselected, typed_tag } = selection;
        view! {
            <form method="post" action=SELECTION_PATH class="selection">
                <input type="hidden" name="back" value=list_href(&query)/>
                {form_key.map(|key| view! { <input type="hidden" name="key" value=key/> })}
                <SelectionBar query=query.clone() preselected typed_tag/>
                {table}
            </form>
        }
        .into_any()
    };
    view! {
        <p class="count" aria-live="polite">
            <span>{summary}</span>
            <span class="zone">" · times in "<ZoneName/></span>
        </p>
        {table}
        {query.mine.then(|| view! { <Downloads query=query.clone()/> })}
        <Pagination query page_count/>
    }
    .into_any()
}

/// On a list of one's own schedules: every one it finds (all pages), as a file.
#[component]
fn Downloads(query: ListQuery) -> impl IntoView {
    use crate::components::list_url::export_href;
    view! {
        <p class="downloads">
            <a href=crate::pages::import_schedules::IMPORT_PATH>"Import schedules"</a>
            " from a crontab, a bundle or Kubernetes · "
            "Download these: "
            <a href=export_href(&query, "json") download="schedules.json">"JSON"</a>
            " (to import elsewhere) · "
            <a href=export_href(&query, "crontab") download="schedules.crontab">"crontab"</a>
            " (the calendar ones)"
        </p>
    }
}

#[component]
fn EmptyState(filtered: bool, mine: bool) -> impl IntoView {
    if filtered {
        view! {
            <div class="empty">
                <p>"No schedule matches this search."</p>
                <p><a href="/schedules">"Show all schedules"</a></p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="empty">
                <h2>{if mine { "You have no schedules yet" } else { "No schedules yet" }}</h2>
                <p>
                    "A schedule says when something runs: every few minutes, every day, or once at a set time. "
                    <a class="button" href="/schedules/new">"New schedule"</a>
                    " Or "<a href=crate::pages::import_schedules::IMPORT_PATH>"import them"</a>
                    " from a crontab, a bundle or Kubernetes CronJobs, or create one with the API: "
                    <code>"POST /api/v1/schedules"</code>
                    " (see the "<a href="/api/v1/openapi.json">"API reference"</a>")."
                </p>
            </div>
        }
        .into_any()
    }
}
