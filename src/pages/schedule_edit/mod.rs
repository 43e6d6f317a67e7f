//! The pages that create and edit a schedule: server-rendered shells around the editor
//! island ([`editor`]), which is made of field groups ([`fields`]) and a live preview
//! ([`preview`]), and works out the viewer's offsets in the browser ([`browser_zone`]).

mod browser_zone;
mod editor;
mod fields;
mod preview;

use crate::components::zone_names::ZoneNames;
use crate::error::AppError;
use crate::pages::not_found::NotFound;
use crate::pages::server_fns::accounts::current_user;
use crate::pages::server_fns::schedules::{new_form_key, schedule_detail, SaveSchedule};
use crate::schedules::form::ScheduleForm;
use editor::ScheduleEditor;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_location, use_query_map};

/// `/schedules/new`. Each rendering of the form gets its own idempotency key, made on the
/// server (so the form without JavaScript has one too): sending the same form twice creates
/// one schedule.
#[component]
pub fn NewSchedulePage() -> impl IntoView {
    let user = Resource::new(|| (), |_| current_user());
    let sent_back = use_sent_back_form();
    // `?from=<id>`: "Duplicate" on a schedule's page, the form filled with its settings.
    let from = use_query_map().with_untracked(|q| q.get("from").and_then(|id| id.parse::<i64>().ok()));
    let copied = Resource::new(
        move || from,
        |from| async move {
            match from {
                Some(id) => Some(schedule_detail(id).await),
                None => None,
            }
        },
    );
    let key = Resource::new(
        || (),
        move |_| async move {
            match sent_back.get_untracked().1 {
                Some(key) => Ok(key),
                None => new_form_key().await,
            }
        },
    );
    view! {
        <leptos_meta::Title text="New schedule"/>
        <leptos_meta::Meta name="description" content="Create a schedule: every few minutes, hours or days, or once at a set time."/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match (user.await, key.await) {
                    (Ok(Some(_)), Ok(key)) => {
                        let initial = match (sent_back.get_untracked().0, copied.await) {
                            (Some(form), _) => form,
                            (None, Some(Ok(detail))) => ScheduleForm::from_schedule(&detail.record.schedule.content().copy(), 0),
                            (None, Some(Err(error))) => return view! { <CannotCopy error/> }.into_any(),
                            (None, None) => ScheduleForm::blank(),
                        };
                        view! {
                            <h1>"New schedule"</h1>
                            <p class="hint">"Have them in a crontab or in Kubernetes already? "
                                <a href=crate::pages::import_schedules::IMPORT_PATH>"Import them"</a>"."</p>
                            <ScheduleEditor id=None version=None idempotency_key=Some(key) initial refused=refused_save() note=sent_back_note()/>
                            <ZoneNames/>
                        }.into_any()
                    }
                    (Ok(Some(_)), Err(error)) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    _ => view! { <SignInFirst/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Why the server refused a plain POST of the form, sent back in the URL with it (read
/// here, on the server: the editor island is given it).
fn refused_save() -> Option<AppError> {
    ServerAction::<SaveSchedule>::new().value().get_untracked().and_then(Result::err)
}

/// The "Why" a failed plain POST was sent back with, from the URL.
fn sent_back_note() -> Option<String> {
    use_query_map().with_untracked(|q| q.get("note"))
}

/// The form a failed plain POST was sent back with (see `context::back_to_form`), and its
/// idempotency key, from the URL.
fn use_sent_back_form() -> Memo<(Option<ScheduleForm>, Option<String>)> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| (ScheduleForm::from_pairs(|k| q.get(k)), q.get("idempotency_key"))))
}

/// `/schedules/:id/edit`, for the owner.
#[component]
pub fn EditSchedulePage() -> impl IntoView {
    let id = crate::pages::use_schedule_id();
    let detail = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => schedule_detail(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let user = Resource::new(|| (), |_| current_user());
    let sent_back = use_sent_back_form();
    view! {
        <leptos_meta::Meta name="description" content="Change when a schedule runs, or its name."/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let (detail, user) = (detail.await, user.await);
                match (detail, user) {
                    (_, Ok(None)) => view! { <SignInFirst/> }.into_any(),
                    (Ok(Some(detail)), _) if detail.can_edit => {
                        let record = detail.record;
                        let id = record.schedule.id;
                        let form = sent_back.get_untracked().0.unwrap_or_else(|| ScheduleForm::from_schedule(&record.schedule.content(), 0));
                        view! {
                            <leptos_meta::Title text="Edit schedule"/>
                            <p class="crumbs"><a href="/schedules">"Schedules"</a> " / " <a href=format!("/schedules/{id}")>{id}</a></p>
                            <h1>{format!("Edit schedule {id}")}</h1>
                            <ScheduleEditor id=Some(id) version=Some(record.version) idempotency_key=None initial=form refused=refused_save() note=sent_back_note()/>
                            <ZoneNames/>
                        }.into_any()
                    }
                    (Ok(Some(_)), _) => view! {
                        <h1>"Not yours to edit"</h1>
                        <p>"Only the owner of a schedule may change it."</p>
                    }.into_any(),
                    (Ok(None), _) | (Err(AppError::NotFound(_)), _) => view! { <NotFound/> }.into_any(),
                    (Err(error), _) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Why the schedule asked to be copied cannot be (it does not exist, or no longer).
#[component]
fn CannotCopy(error: AppError) -> impl IntoView {
    let text = match error {
        AppError::NotFound(_) => "There is no such schedule to copy: it may have been deleted.".to_string(),
        error => error.to_string(),
    };
    view! {
        <h1>"New schedule"</h1>
        <p class="error" role="alert">{text}</p>
        <p><a class="button" href="/schedules/new">"Start from a blank form"</a></p>
    }
}

/// Sends a signed-out visitor to sign in, coming back here (the same address) afterwards.
#[component]
fn SignInFirst() -> impl IntoView {
    let location = use_location();
    let (path, search) = (location.pathname.get_untracked(), location.search.get_untracked());
    let search = search.trim_start_matches('?');
    let here = if search.is_empty() { path } else { format!("{path}?{search}") };
    view! { <Redirect path=crate::components::sign_in_prompt::sign_in_url(&here)/> }
}
