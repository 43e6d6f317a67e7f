use crate::components::local_time::{Description, LocalTime};
use crate::components::tag_links::TagLinks;
use crate::error::AppError;
use crate::pages::not_found::NotFound;
use crate::pages::schedule_history::History;
use crate::pages::server_fns::schedules::{schedule_detail, DeleteSchedule, ScheduleView};
use crate::schedules::describe::{describe, format_utc};
use crate::schedules::zones::DEFAULT_ZONE;
use crate::schedules::Kind;
use leptos::prelude::*;

/// `/schedules/:id`: every field, the description, the next runs, the owner, the API view;
/// edit and delete for the owner only.
#[component]
pub fn ScheduleDetailPage() -> impl IntoView {
    let id = crate::pages::use_schedule_id();
    let detail = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => schedule_detail(id).await,
                None => Err(AppError::NotFound("no such schedule".into())),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <Detail detail/> }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Detail(detail: ScheduleView) -> impl IntoView {
    let ScheduleView { record, upcoming, can_edit, now } = detail;
    let schedule = record.schedule.clone();
    let id = schedule.id;
    let title = schedule.name.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| format!("Schedule {id}"));
    let config = schedule.config.clone();
    let kind = schedule.content().kind();
    let zone = config.timezone.clone().unwrap_or_else(|| DEFAULT_ZONE.to_string());
    let ended = config.until.is_some_and(|until| until < now);
    let runs = if ended {
        view! { <p class="ended">"Ended: it does not run after its end."</p> }.into_any()
    } else if upcoming.is_empty() {
        view! { <p>"No runs to come."</p> }.into_any()
    } else {
        view! {
            <ol class="runs">
                {upcoming.into_iter().map(|run| view! {
                    <li>
                        <LocalTime ts=run.at made_at=now/>
                        {run.note.map(|note| view! { <span class="clock-change">{note}</span> })}
                    </li>
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    let period = config.period.map(|p| format!("{p} seconds"));
    let timestamp = config.timestamp.map(|ts| format!("{} ({ts})", format_utc(ts)));
    let until = config.until.map(|ts| format!("{} ({ts})", format_utc(ts)));
    let timestamp_label = match kind {
        Kind::Once => "Runs at",
        Kind::Interval => "First run",
        Kind::Calendar => "Starts",
    };
    let kind_label = format!("{}{}", kind.label(), if kind == Kind::Calendar { " (at set times)" } else { "" });
    let calendar = (kind == Kind::Calendar).then(|| {
        view! {
            <dt>"Cron expression"</dt><dd><code>{config.cron.clone().unwrap_or_default()}</code></dd>
            <dt>"Time zone"</dt><dd>{zone.clone()}</dd>
        }
    });
    // After a save the form sends the browser here with `?created=1` or `?saved=1`.
    let query = leptos_router::hooks::use_query_map();
    let notice = move || {
        query.with(|q| match (q.get("created").is_some(), q.get("saved").is_some(), q.get("restored").is_some()) {
            (true, ..) => Some("Schedule created."),
            (_, true, _) => Some("Changes saved."),
            (.., true) => Some("Version restored."),
            _ => None,
        })
    };
    let summary = format!("{title}: {}", describe(&schedule.content()));
    view! {
        <leptos_meta::Title text=title.clone()/>
        <leptos_meta::Meta name="description" content=summary/>
        <p class="crumbs"><a href="/schedules">"Schedules"</a> {format!(" / {id}")}</p>
        {move || notice().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        <h1>{title}</h1>
        <p class="lede"><Description schedule=schedule.content() made_at=now/></p>
        <dl class="facts">
            <dt>"ID"</dt><dd>{id}</dd>
            <dt>"Name"</dt><dd>{schedule.name.clone().unwrap_or_else(|| "(none)".into())}</dd>
            <dt>"Kind"</dt><dd>{kind_label}{ended.then_some(" — ended")}</dd>
            {period.map(|p| view! { <dt>"Period"</dt><dd>{p}</dd> })}
            {calendar}
            {timestamp.map(|t| view! { <dt>{timestamp_label}</dt><dd>{t}</dd> })}
            {until.map(|t| view! { <dt>"Ends"</dt><dd>{t}</dd> })}
            {(!schedule.tags.is_empty()).then(|| view! { <dt>"Tags"</dt><dd><TagLinks tags=schedule.tags.clone()/></dd> })}
            <dt>"Owner"</dt><dd>{record.owner_name.clone()}</dd>
            <dt>"Version"</dt><dd>{record.version}</dd>
            <dt>"Last changed"</dt><dd><LocalTime ts=record.updated_at made_at=now/></dd>
        </dl>
        <h2>"Next runs"</h2>
        {runs}
        {if can_edit {
            view! { <OwnerActions id version=record.version/> }.into_any()
        } else {
            view! { <div class="actions"><DuplicateLink id/></div> }.into_any()
        }}
        {can_edit.then(|| view! { <History id/> })}
        <ApiPanel id/>
    }
}

/// Edit, and delete: a plain form the server answers (the browser checks the confirmation).
#[component]
fn OwnerActions(id: i64, version: i32) -> impl IntoView {
    let delete = ServerAction::<DeleteSchedule>::new();
    // A refusal (the schedule changed meanwhile) comes back in the address, as the action's.
    let error = delete.value().get_untracked().and_then(Result::err).map(|e| e.to_string());
    view! {
        <div class="actions">
            <a class="button" href=format!("/schedules/{id}/edit")>"Edit"</a>
            <DuplicateLink id/>
            // Deleting asks for confirmation with a required checkbox: the browser enforces
            // it with or without JavaScript.
            <ActionForm action=delete attr:class="delete">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="version" value=version/>
                <label for="delete-note">"Why (optional)"</label>
                <input id="delete-note" name="note" type="text" maxlength="500" autocomplete="off"/>
                <label class="confirm">
                    <input type="checkbox" name="confirm" value="yes" required/>
                    " Yes, delete this schedule"
                </label>
                <button type="submit" class="danger">"Delete"</button>
            </ActionForm>
            <p class="error" role="alert">{error}</p>
        </div>
    }
}

/// Opens the editor with this schedule's settings, named "Copy of …": nothing is created
/// until it is saved. Anyone who can see a schedule may copy it into their own.
#[component]
fn DuplicateLink(id: i64) -> impl IntoView {
    view! { <a class="button secondary" href=format!("/schedules/new?from={id}")>"Duplicate"</a> }
}

/// What API clients get for this schedule, fetched from the public API by the browser: an
/// island, lazy: its code is loaded by the detail page only.
#[island(lazy)]
fn ApiPanel(id: i64) -> impl IntoView {
    let root = crate::components::ready::lazy_island_root::<leptos::html::Section>();
    let url = format!("/api/v1/schedules/byid/{id}");
    // Fetched only once this part of the page is hydrated: the server and the hydrating
    // browser both show "Loading…", then the answer replaces it.
    let json = RwSignal::new(None::<Result<String, String>>);
    Effect::new({
        let url = url.clone();
        move |_| {
            let url = url.clone();
            leptos::task::spawn_local(async move { json.set(Some(fetch_pretty_json(url).await)) });
        }
    });
    // The origin is known only in the browser; set after hydration so both renders agree.
    let origin = RwSignal::new(String::new());
    Effect::new(move |_| origin.set(site_origin()));
    let curl = {
        let url = url.clone();
        move || format!("curl {}{url}", origin.get())
    };
    view! {
        <section class="api-panel" aria-labelledby="api-heading" node_ref=root data-waits="">
            <h2 id="api-heading">"For API clients"</h2>
            <p><code>{format!("GET {url}")}</code> " answers:"</p>
            {move || match json.get() {
                None => view! { <pre class="json" data-state="loading">"Loading…"</pre> }.into_any(),
                Some(Ok(text)) => view! { <pre class="json" data-state="loaded">{text}</pre> }.into_any(),
                Some(Err(error)) => view! { <pre class="json error" data-state="error">{error}</pre> }.into_any(),
            }}
            <label for="curl">"Try it"</label>
            <input id="curl" class="curl" type="text" readonly prop:value=curl/>
        </section>
    }
}

/// The page's origin in the browser; on the server, where there is none to ask, empty
/// until hydration fills it in.
fn site_origin() -> String {
    #[cfg(feature = "hydrate")]
    {
        leptos::prelude::window().location().origin().unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

async fn fetch_pretty_json(url: String) -> Result<String, String> {
    #[cfg(feature = "hydrate")]
    {
        let response = gloo_net::http::Request::get(&url).send().await.map_err(|e| e.to_string())?;
        let text = response.text().await.map_err(|e| e.to_string())?;
        // The browser's own JSON, not serde_json's: reading any JSON into a value and
        // printing it indented would add a parser and a printer to the WebAssembly.
        let not_json = |_| "the answer is not JSON".to_string();
        let value = js_sys::JSON::parse(&text).map_err(not_json)?;
        let pretty = js_sys::JSON::stringify_with_replacer_and_space(&value, &wasm_bindgen::JsValue::NULL, &2.into())
            .map_err(not_json)?;
        Ok(pretty.into())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = url;
        Err("loaded by the browser".into())
    }
}
