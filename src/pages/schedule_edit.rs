use crate::auth::server_fns::current_user;
use crate::components::field_error::FieldMessage;
use crate::components::local_time::{describe_for_viewer, now_unix, use_viewer_zone, LocalTime};
use crate::error::AppError;
use crate::pages::not_found::NotFound;
use crate::schedules::describe::{format_utc, upcoming};
use crate::schedules::form::{error_for, utc_offset, ScheduleForm, PRESETS, UNITS};
use crate::schedules::server_fns::{new_form_key, schedule_detail, SaveSchedule};
use crate::schedules::validate::Field;
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
                        let initial = sent_back.get_untracked().0.unwrap_or_else(ScheduleForm::blank);
                        view! {
                            <h1>"New schedule"</h1>
                            <ScheduleEditor id=None version=None idempotency_key=Some(key) initial/>
                        }.into_any()
                    }
                    (Ok(Some(_)), Err(error)) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    _ => view! { <SignInFirst/> }.into_any(),
                }
            })}
        </Suspense>
    }
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
                            <ScheduleEditor id=Some(id) version=Some(record.version) idempotency_key=None initial=form/>
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

/// Sends a signed-out visitor to sign in, coming back here afterwards.
#[component]
fn SignInFirst() -> impl IntoView {
    let location = use_location();
    let here = location.pathname.get_untracked();
    view! { <Redirect path=format!("/signin?next={}", crate::pages::encode_query_value(&here))/> }
}

/// The create / edit form. Every rule is checked as you type with the server's own code;
/// without JavaScript it is a plain form POST and the server shows the same messages.
#[component]
fn ScheduleEditor(
    id: Option<i64>,
    version: Option<i32>,
    idempotency_key: Option<String>,
    initial: ScheduleForm,
) -> impl IntoView {
    let action = ServerAction::<SaveSchedule>::new();
    let pending = action.pending();
    let form = RwSignal::new(initial);
    let touched = RwSignal::new(false);
    // The viewer's zone, known only in the browser: until then times are UTC. Once known,
    // the form's times are shown in it, and the offset sent with them is the zone's offset
    // at the chosen time (daylight saving may differ from today's).
    let zone = use_viewer_zone();
    Effect::new(move |was_shown: Option<bool>| {
        if zone.get().is_some() && was_shown != Some(true) {
            form.update(show_in_browser_zone);
            return true;
        }
        was_shown.unwrap_or(false)
    });
    let chosen_time =
        Memo::new(move |_| form.with(|f| if f.is_once() { f.run_at.clone() } else { f.first_run.clone() }));
    Effect::new(move |_| {
        let chosen = chosen_time.get();
        if zone.get().is_some() {
            let offset = browser_offset_at_local(&chosen).to_string();
            if form.with_untracked(|f| f.utc_offset_minutes != offset) {
                form.update(|f| f.utc_offset_minutes = offset);
            }
        }
    });

    let local_errors = Memo::new(move |_| form.with(|f| f.to_schedule().err().unwrap_or_default()));
    let other_error = move || match action.value().get() {
        Some(Err(AppError::InvalidFields(_))) | None | Some(Ok(_)) => None,
        Some(Err(error)) => Some(error.to_string()),
    };
    // The server's messages until the user changes something, then the browser's own.
    let shown_errors = Memo::new(move |_| match action.value().get() {
        Some(Err(AppError::InvalidFields(server))) if !touched.get() => server,
        _ if touched.get() => local_errors.get(),
        _ => Vec::new(),
    });
    let editing = Editing { form, touched, shown_errors, zone };

    view! {
        <ActionForm action attr:class="editor stack" attr:novalidate=true>
            {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            {version.map(|v| view! { <input type="hidden" name="version" value=v/> })}
            {idempotency_key.map(|key| view! { <input type="hidden" name="idempotency_key" value=key/> })}
            <input type="hidden" name="form[utc_offset_minutes]" value=editing.value(|f| f.utc_offset_minutes.clone()) prop:value=editing.value(|f| f.utc_offset_minutes.clone())/>

            <div class="field">
                <label for="name">"Name"</label>
                <input id="name" name="form[name]" type="text" maxlength="200" autocomplete="off"
                    value=editing.value(|f| f.name.clone()) prop:value=editing.value(|f| f.name.clone())
                    aria-invalid=move || editing.message(Field::Name).is_some().to_string()
                    aria-describedby="name-error"
                    on:input=editing.edit(|f, v| f.name = v)/>
                <FieldMessage id="name-error" message=Signal::derive(move || editing.message(Field::Name))/>
            </div>

            <KindSwitch editing/>
            <RecurringFields editing/>
            <OneTimeFields editing/>
            <FieldMessage id="timestamp-error" message=Signal::derive(move || editing.message(Field::Timestamp))/>
            <Preview editing/>

            <p class="error" role="alert">{other_error}</p>
            <div class="row">
                // Disabled while the request is on its way, so a second click sends nothing.
                <button type="submit" disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                    {move || match (id.is_some(), pending.get()) {
                        (true, false) => "Save changes",
                        (true, true) => "Saving…",
                        (false, false) => "Create schedule",
                        (false, true) => "Creating…",
                    }}
                </button>
                <a href=id.map_or("/schedules".to_string(), |id| format!("/schedules/{id}"))>"Cancel"</a>
            </div>
        </ActionForm>
    }
}

/// What the parts of the editor share: the form being edited, whether the user has changed
/// it, the messages to show, and the viewer's zone.
#[derive(Clone, Copy)]
struct Editing {
    form: RwSignal<ScheduleForm>,
    touched: RwSignal<bool>,
    shown_errors: Memo<Vec<crate::field_error::FieldError>>,
    zone: ReadSignal<Option<String>>,
}

impl Editing {
    fn message(self, field: Field) -> Option<String> {
        self.shown_errors.with(|errors| error_for(errors, field))
    }

    /// An input handler: applies the new value with `change`, and marks the form touched.
    fn edit(self, change: fn(&mut ScheduleForm, String)) -> impl Fn(leptos::ev::Event) + Copy + 'static {
        move |ev| {
            let value = event_target_value(&ev);
            self.touched.set(true);
            self.form.update(|f| change(f, value));
        }
    }

    fn value(self, get: fn(&ScheduleForm) -> String) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.form.with(get)
    }

    fn is_once(self) -> bool {
        self.form.with(ScheduleForm::is_once)
    }

    fn zone_label(self) -> String {
        self.zone.get().unwrap_or_else(|| "UTC".to_string())
    }

    /// "= 2027-03-01 14:00 UTC" for a time field, when the form's zone is not UTC.
    fn utc_of(self, get: fn(&ScheduleForm) -> String) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        move || {
            let f = self.form.get();
            let offset = f.utc_offset_minutes.parse::<i32>().unwrap_or(0);
            crate::schedules::form::parse_local(&get(&f), utc_offset(offset))
                .ok()
                .flatten()
                .filter(|_| offset != 0)
                .map(|ts| format!("= {}", format_utc(ts)))
        }
    }
}

/// Recurring or one-time.
#[component]
fn KindSwitch(editing: Editing) -> impl IntoView {
    let is_once = move || editing.is_once();
    view! {
        <fieldset class="field">
            <legend>"Kind"</legend>
            <label class="choice">
                <input type="radio" name="form[kind]" value="recurring" checked=move || !is_once() prop:checked=move || !is_once() on:change=editing.edit(|f, _| f.kind = "recurring".into())/>
                " Recurring"
            </label>
            <label class="choice">
                <input type="radio" name="form[kind]" value="once" checked=is_once prop:checked=is_once on:change=editing.edit(|f, _| f.kind = "once".into())/>
                " One-time"
            </label>
        </fieldset>
    }
}

/// A recurring schedule's period (number and unit, or a preset) and optional first run.
#[component]
fn RecurringFields(editing: Editing) -> impl IntoView {
    let Editing { form, touched, .. } = editing;
    view! {
        <div class="recurring" class:hidden=move || editing.is_once()>
            <div class="field">
                <span class="label" id="every-label">"Runs every"</span>
                <div class="row">
                    <input id="every" name="form[every]" type="number" min="1" inputmode="numeric" aria-labelledby="every-label"
                        value=editing.value(|f| f.every.clone()) prop:value=editing.value(|f| f.every.clone())
                        aria-invalid=move || editing.message(Field::Period).is_some().to_string()
                        aria-describedby="period-error"
                        on:input=editing.edit(|f, v| f.every = v)/>
                    <label for="unit" class="visually-hidden">"Unit"</label>
                    <select id="unit" name="form[unit]" prop:value=editing.value(|f| f.unit.clone()) on:change=editing.edit(|f, v| f.unit = v)>
                        {UNITS.iter().map(|(unit, label, _)| view! {
                            <option value=*unit selected=move || form.with(|f| f.unit == *unit)>{*label}</option>
                        }).collect_view()}
                    </select>
                </div>
                <FieldMessage id="period-error" message=Signal::derive(move || editing.message(Field::Period))/>
                <div class="presets" role="group" aria-label="Common periods">
                    {PRESETS.iter().map(|(label, amount, unit)| view! {
                        <button type="button" class="secondary" on:click=move |_| {
                            touched.set(true);
                            form.update(|f| { f.every = amount.to_string(); f.unit = unit.to_string(); });
                        }>{*label}</button>
                    }).collect_view()}
                </div>
            </div>
            <div class="field">
                <label for="first-run">{move || format!("First run (optional) — {}", editing.zone_label())}</label>
                <input id="first-run" name="form[first_run]" type="datetime-local"
                    value=editing.value(|f| f.first_run.clone()) prop:value=editing.value(|f| f.first_run.clone())
                    aria-describedby="first-run-utc timestamp-error"
                    on:input=editing.edit(|f, v| f.first_run = v)/>
                <span id="first-run-utc" class="hint">{editing.utc_of(|f| f.first_run.clone())}</span>
            </div>
        </div>
    }
}

/// A one-time schedule's date and time.
#[component]
fn OneTimeFields(editing: Editing) -> impl IntoView {
    view! {
        <div class="once" class:hidden=move || !editing.is_once()>
            <div class="field">
                <label for="run-at">{move || format!("Runs once at — {}", editing.zone_label())}</label>
                <input id="run-at" name="form[run_at]" type="datetime-local"
                    value=editing.value(|f| f.run_at.clone()) prop:value=editing.value(|f| f.run_at.clone())
                    aria-invalid=move || (editing.is_once() && editing.message(Field::Timestamp).is_some()).to_string()
                    aria-describedby="run-at-utc timestamp-error"
                    on:input=editing.edit(|f, v| f.run_at = v)/>
                <span id="run-at-utc" class="hint">{editing.utc_of(|f| f.run_at.clone())}</span>
            </div>
        </div>
    }
}

/// The description and the next runs of the schedule as typed. Only in the browser: "now"
/// differs between the server's render and the browser's.
#[component]
fn Preview(editing: Editing) -> impl IntoView {
    let preview = RwSignal::new(None::<(String, Vec<i64>)>);
    Effect::new(move |_| {
        let schedule = editing.form.with(ScheduleForm::to_schedule).ok();
        preview.set(schedule.map(|s| (describe_for_viewer(&s, editing.zone)(), upcoming(&s, now_unix(), 5))));
    });
    view! {
        <section class="preview" aria-live="polite" aria-label="Preview">
            {move || preview.get().map(|(text, runs)| view! {
                <p><strong>{text}</strong></p>
                <ol class="runs">{runs.into_iter().map(|ts| view! { <li><LocalTime ts made_at=now_unix()/></li> }).collect_view()}</ol>
            })}
        </section>
    }
}

/// Re-expresses the form's times, read in its current offset, in the browser's zone (each
/// time with the zone's offset at that moment).
fn show_in_browser_zone(form: &mut ScheduleForm) {
    use crate::schedules::form::{format_local, parse_local};
    let current = utc_offset(form.utc_offset_minutes.parse::<i32>().unwrap_or(0));
    for field in [&mut form.first_run, &mut form.run_at] {
        if let Ok(Some(ts)) = parse_local(field, current) {
            *field = format_local(ts, browser_offset_at_utc(ts));
        }
    }
    let chosen = if form.is_once() { &form.run_at } else { &form.first_run };
    form.utc_offset_minutes = browser_offset_at_local(chosen).to_string();
}

/// The browser zone's offset from UTC (minutes east) at the instant `ts`.
fn browser_offset_at_utc(ts: i64) -> i32 {
    #[cfg(feature = "hydrate")]
    {
        -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ts as f64 * 1000.0)).get_timezone_offset() as i32)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ts;
        0
    }
}

/// The browser zone's offset at a local `datetime-local` time (now, when empty).
fn browser_offset_at_local(local: &str) -> i32 {
    #[cfg(feature = "hydrate")]
    {
        let date = if local.is_empty() { js_sys::Date::new_0() } else { js_sys::Date::new(&local.into()) };
        let minutes = date.get_timezone_offset();
        if minutes.is_nan() {
            0
        } else {
            -(minutes as i32)
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = local;
        0
    }
}
