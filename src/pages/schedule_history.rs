//! A schedule's history on its page (the owner's), and the confirmation of a restore at
//! `/schedules/:id/restore?version=N`. Server components: links and plain forms, no
//! browser code of their own.

use crate::auth::Via;
use crate::components::local_time::{Description, LocalTime};
use crate::error::AppError;
use crate::pages::not_found::NotFound;
use crate::pages::server_fns::history::{restore_preview, schedule_history, HistoryEntry, HistoryView, RestoreVersion};
use crate::schedules::changes::{FieldChange, Shown};
use crate::schedules::history::{Action, Version};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The "History" section of the owner's detail page: ten versions a page, newest first
/// (`?history=N` pages it), each with when, how, why and what changed in words.
#[component]
pub fn History(id: i64) -> impl IntoView {
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| q.get("history").and_then(|p| p.parse::<i64>().ok()).filter(|p| *p >= 1).unwrap_or(1))
    });
    let history = Resource::new(move || page.get(), move |page| schedule_history(id, page));
    view! {
        <section class="history" aria-labelledby="history-heading" id="history">
            <h2 id="history-heading">"History"</h2>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(history) => view! { <Versions id history/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Versions(id: i64, history: HistoryView) -> impl IntoView {
    let HistoryView { count, page, page_count, entries, current_version, now } = history;
    let summary = match count {
        1 => "1 version".to_string(),
        n => format!("{n} versions"),
    };
    let items =
        entries.into_iter().map(|entry| view! { <VersionItem id entry current=current_version now/> }).collect_view();
    let href = move |p: i64| format!("/schedules/{id}?history={p}#history");
    let newer = (page > 1).then(|| view! { <a href=href(page - 1) rel="prev">"← Newer"</a> });
    let older = (page < page_count).then(|| view! { <a href=href(page + 1) rel="next">"Older →"</a> });
    view! {
        <p class="count">{summary}{(page_count > 1).then(|| format!(" · page {page} of {page_count}"))}</p>
        <ol class="versions">{items}</ol>
        {(page_count > 1).then(|| view! { <nav class="pagination" aria-label="History pages">{newer}{older}</nav> })}
    }
}

#[component]
fn VersionItem(id: i64, entry: HistoryEntry, current: Option<i32>, now: i64) -> impl IntoView {
    let HistoryEntry { version, changes } = entry;
    let Version { version: number, at, action, via, note, restored_from, schedule } = version;
    let what = match (action, restored_from) {
        (Action::Created, _) => "Created".to_string(),
        (Action::Updated, _) => "Changed".to_string(),
        (Action::Deleted, _) => "Deleted".to_string(),
        (Action::Restored, Some(from)) => format!("Restored version {from}"),
        (Action::Restored, None) => "Restored".to_string(),
    };
    let is_current = current == Some(number);
    let content = schedule.content();
    let body = if action == Action::Created || (changes.is_empty() && action != Action::Deleted) {
        view! { <p class="content"><Description schedule=content/></p> }.into_any()
    } else {
        view! { <ul class="changes">{changes.into_iter().map(|change| view! { <li><ChangeWords change/></li> }).collect_view()}</ul> }
            .into_any()
    };
    // A deleted version's content is what was deleted: restoring it is "Undo".
    let restore = (!is_current).then(|| {
        view! { <a class="restore" href=format!("/schedules/{id}/restore?version={number}")>"Restore this version"</a> }
    });
    view! {
        <li class="version" data-version=number>
            <p class="head">
                <strong>{format!("Version {number}")}</strong>
                {is_current.then(|| view! { <span class="badge">"current"</span> })}
                " · "{what}" · "<LocalTime ts=at made_at=now relative_first=true/>" · "{how(&via)}
            </p>
            {note.map(|note| view! { <p class="note">"Why: "<q>{note}</q></p> })}
            {body}
            {restore}
        </li>
    }
}

/// How the writer of a version was signed in, in words.
fn how(via: &Via) -> String {
    match via {
        Via::Session => "signed in".to_string(),
        Via::Token { token_name, .. } => format!("token \u{201c}{token_name}\u{201d}"),
        Via::Inline => "inline credentials".to_string(),
        Via::Migration => "from before history was kept".to_string(),
    }
}

/// `name "Backups" → "Nightly backups"`, with times in the viewer's zone.
#[component]
fn ChangeWords(change: FieldChange) -> impl IntoView {
    let show = |value: Shown| match value {
        Shown::Text(text) => view! { <q>{text}</q> }.into_any(),
        Shown::Time(ts) => view! { <LocalTime ts/> }.into_any(),
        Shown::Nothing => view! { <span class="muted">"none"</span> }.into_any(),
    };
    view! {
        <span class="changed-field">{change.field.label()}</span>" "{show(change.before)}" → "{show(change.after)}
    }
}

/// `/schedules/:id/restore?version=N`: what the schedule will become, and the button that
/// makes it so (refused, with the usual message, when the schedule changed meanwhile).
#[component]
pub fn RestorePage() -> impl IntoView {
    let id = crate::pages::use_schedule_id();
    let query = use_query_map();
    let asked = Memo::new(move |_| (id.get(), query.with(|q| q.get("version").and_then(|v| v.parse::<i32>().ok()))));
    let preview = Resource::new(
        move || asked.get(),
        |(id, version)| async move {
            match (id, version) {
                (Some(id), Some(version)) => restore_preview(id, version).await.map(|p| Some((id, p))),
                _ => Ok(None),
            }
        },
    );
    let restore = ServerAction::<RestoreVersion>::new();
    // A refusal of a plain POST comes back in the address, as the action's value.
    let refused = restore.value().get_untracked().and_then(Result::err).map(|e| e.to_string());
    view! {
        <leptos_meta::Title text="Restore a version"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                let refused = refused.clone();
                Suspend::new(async move {
                    match preview.await {
                        Ok(Some((id, preview))) => {
                            let source = preview.source.version;
                            let becomes = preview.source.schedule.content();
                            let changes = if preview.current.is_none() {
                                view! { <p>"The schedule was deleted: it comes back with its id, as it was in this version."</p> }.into_any()
                            } else if preview.changes.is_empty() {
                                view! { <p>"Its content is the current one: restoring it records a new version and changes nothing else."</p> }.into_any()
                            } else {
                                view! {
                                    <p>"What changes:"</p>
                                    <ul class="changes">{preview.changes.into_iter().map(|change| view! { <li><ChangeWords change/></li> }).collect_view()}</ul>
                                }.into_any()
                            };
                            view! {
                                <p class="crumbs"><a href="/schedules">"Schedules"</a> " / " <a href=format!("/schedules/{id}")>{id}</a></p>
                                <h1>{format!("Restore version {source} of schedule {id}?")}</h1>
                                <p class="lede">"It will become: "<Description schedule=becomes/></p>
                                {changes}
                                <ActionForm action=restore attr:class="stack restore-form">
                                    <input type="hidden" name="id" value=id/>
                                    <input type="hidden" name="version" value=source/>
                                    <input type="hidden" name="base" value=preview.base_version/>
                                    <div class="field">
                                        <label for="note">"Why (optional)"</label>
                                        <input id="note" name="note" type="text" maxlength="500" autocomplete="off"/>
                                    </div>
                                    <p class="error" role="alert">{refused}</p>
                                    <div class="row">
                                        <button type="submit">"Restore this version"</button>
                                        <a href=format!("/schedules/{id}#history")>"Cancel"</a>
                                    </div>
                                </ActionForm>
                            }.into_any()
                        }
                        Ok(None) | Err(AppError::NotFound(_)) => view! { <NotFound/> }.into_any(),
                        Err(AppError::AuthRequired) => view! { <SignInToRestore/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// What a signed-out visitor sees where only the owner may act: a way to sign in and come
/// back.
#[component]
pub fn SignInToRestore() -> impl IntoView {
    let here = leptos_router::hooks::use_location();
    let back = format!("{}{}", here.pathname.get_untracked(), here.search.get_untracked());
    view! {
        <p class="error" role="alert">
            <a href=crate::components::sign_in_prompt::sign_in_url(&back)>"Sign in"</a>
            " to see and restore your schedules' versions."
        </p>
    }
}
