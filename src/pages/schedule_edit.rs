use crate::clock::now;
use crate::components::field_error::FieldMessage;
use crate::components::local_time::{browser_zone_name, Description, LocalTime};
use crate::components::markup;
use crate::error::AppError;
use crate::pages::not_found::NotFound;
use crate::pages::server_fns::accounts::current_user;
use crate::pages::server_fns::schedules::{new_form_key, preview_calendar, schedule_detail, RunView, SaveSchedule};
use crate::schedules::describe::format_utc;
use crate::schedules::form::{error_for, utc_offset, ScheduleForm, MONTHS, PRESETS, REPEATS, UNITS, WEEKDAYS};
use crate::schedules::runs::upcoming;
use crate::schedules::validate::Field;
use crate::schedules::Kind;
use leptos::either::Either;
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
                            <ScheduleEditor id=None version=None idempotency_key=Some(key) initial refused=refused_save()/>
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
                            <ScheduleEditor id=Some(id) version=Some(record.version) idempotency_key=None initial=form refused=refused_save()/>
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
    view! { <Redirect path=format!("/signin?next={}", crate::components::list_url::encode_query_value(&here))/> }
}

/// The create / edit form, an island. Every rule is checked as you type with the server's
/// own code; without JavaScript it is a plain form POST, and when the server refuses it the
/// page comes back with the form as it was sent (`initial`) and why (`refused`). Lazy: its
/// code is a WebAssembly file of its own, loaded only by the pages that show the editor.
#[island(lazy)]
fn ScheduleEditor(
    id: Option<i64>,
    version: Option<i32>,
    idempotency_key: Option<String>,
    initial: ScheduleForm,
    refused: Option<AppError>,
) -> impl IntoView {
    let action = ServerAction::<SaveSchedule>::new();
    let pending = action.pending();
    // What the server answered a submission made here (not one the address carries).
    let answer = move || if action.version().get() > 0 { action.value().get() } else { None };
    let form = RwSignal::new(initial);
    let touched = RwSignal::new(false);
    // The viewer's zone, known only in the browser: until then times are UTC. Once known,
    // the form's times are shown in it, and the offset sent with them is the zone's offset
    // at the chosen time (daylight saving may differ from today's).
    let zone = RwSignal::new(None::<String>);
    Effect::new(move |_| zone.set(browser_zone_name()));
    let zone = zone.read_only();
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
    let refused = StoredValue::new(refused);
    let refusal = move || answer().map_or_else(|| refused.get_value(), |answer| answer.err());
    let other_error = move || match refusal() {
        Some(AppError::InvalidFields(_)) | None => None,
        Some(error) => Some(error.to_string()),
    };
    // The server's messages until the user changes something, then the browser's own.
    let shown_errors = Memo::new(move |_| match refusal() {
        _ if touched.get() => local_errors.get(),
        Some(AppError::InvalidFields(server)) => server,
        _ => Vec::new(),
    });
    let editing = Editing { form, touched, shown_errors, zone };

    let root = crate::components::ready::lazy_island_root::<leptos::html::Form>();
    view! {
        <ActionForm action node_ref=root attr:class="editor stack" attr:novalidate=true attr:data-waits="">
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
            <CalendarFields editing new=id.is_none()/>
            <OneTimeFields editing/>
            <WindowFields editing/>
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

    /// Copies an input's value (a checkbox: whether it is ticked) into the form field of
    /// the same name, and marks the form touched: the handler of a group of inputs.
    fn copy_input(self, ev: &leptos::ev::Event) {
        use leptos::wasm_bindgen::JsCast;
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok()) else { return };
        let Some(name) = target.get_attribute("name") else { return };
        let value = if target.get_attribute("type").as_deref() == Some("checkbox") {
            if event_target_checked(ev) {
                "on".to_string()
            } else {
                String::new()
            }
        } else {
            event_target_value(ev)
        };
        self.touched.set(true);
        self.form.update(|f| {
            if let Some(field) = f.field_mut(&name) {
                *field = value;
            }
        });
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

/// Every N, at set times, or once. Which fields show follows the checked radio in the
/// stylesheet (`.editor:has(#kind-…:checked)`), so the switch works without JavaScript too.
#[component]
fn KindSwitch(editing: Editing) -> impl IntoView {
    let kind = editing.form.with_untracked(|f| f.kind.clone());
    let radios = markup::choices(
        "Kind",
        "radio",
        [
            ("kind-recurring", "recurring", "Every…"),
            ("kind-calendar", "calendar", "At set times"),
            ("kind-once", "once", "One-time"),
        ]
        .map(|(id, value, label)| (id, "form[kind]".to_string(), value, label, kind == value)),
    );
    view! { <fieldset class="field kinds" on:change=move |ev| editing.copy_input(&ev) inner_html=radios></fieldset> }
}

/// A recurring schedule's period (number and unit, or a preset) and optional first run.
#[component]
fn RecurringFields(editing: Editing) -> impl IntoView {
    let Editing { form, touched, .. } = editing;
    let start = form.get_untracked();
    // One handler for the preset buttons, reading what each sets from its data attributes.
    let use_preset = move |ev: leptos::ev::MouseEvent| {
        use leptos::wasm_bindgen::JsCast;
        let Some(button) = ev.target().and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok()) else { return };
        if let (Some(every), Some(unit)) = (button.get_attribute("data-every"), button.get_attribute("data-unit")) {
            touched.set(true);
            form.update(|f| {
                f.every = every;
                f.unit = unit;
            });
        }
    };
    let presets: String = PRESETS
        .iter()
        .map(|(label, amount, unit)| {
            format!(
                r#"<button type="button" class="secondary" data-every="{amount}" data-unit="{unit}">{}</button>"#,
                markup::escape(label)
            )
        })
        .collect();
    view! {
        <div class="recurring kind-fields">
            <div class="field">
                <span class="label" id="every-label">"Runs every"</span>
                <div class="row">
                    <input id="every" name="form[every]" type="number" min="1" inputmode="numeric" aria-labelledby="every-label"
                        value=editing.value(|f| f.every.clone()) prop:value=editing.value(|f| f.every.clone())
                        aria-invalid=move || editing.message(Field::Period).is_some().to_string()
                        aria-describedby="period-error"
                        on:input=editing.edit(|f, v| f.every = v)/>
                    <label for="unit" class="visually-hidden">"Unit"</label>
                    <select id="unit" name="form[unit]" inner_html=markup::options(UNITS.iter().map(|(unit, label, _)| (*unit, *label)), &start.unit)
                        prop:value=editing.value(|f| f.unit.clone()) on:change=editing.edit(|f, v| f.unit = v)></select>
                </div>
                <FieldMessage id="period-error" message=Signal::derive(move || editing.message(Field::Period))/>
                <div class="presets" role="group" aria-label="Common periods" on:click=use_preset inner_html=presets></div>
            </div>
        </div>
    }
}

/// A calendar schedule: a builder for the common shapes (every day, weekdays, chosen
/// weekdays, a day of the month, a date) at a time of day, or a cron expression; and the
/// time zone, searchable, the viewer's own for a new schedule once the page knows it.
///
/// Which builder fields show follows the chosen shape in the stylesheet. The inputs are
/// plain, with their first values; one handler on the group copies what is typed into the
/// form by each input's name (the same names the form posts), which keeps the browser's
/// code small.
#[component]
fn CalendarFields(editing: Editing, new: bool) -> impl IntoView {
    let Editing { form, touched, .. } = editing;
    if new {
        Effect::new(move |_| {
            if let Some(zone) = editing.zone.get() {
                if !touched.get_untracked()
                    && form.with_untracked(|f| f.timezone == crate::schedules::zones::DEFAULT_ZONE)
                    && crate::schedules::zones::is_known(&zone)
                {
                    form.update(|f| f.timezone = zone);
                }
            }
        });
    }
    let start = form.get_untracked();
    let months: Vec<(String, &str)> = MONTHS.iter().enumerate().map(|(i, name)| ((i + 1).to_string(), *name)).collect();
    let weekdays = markup::choices(
        "On",
        "checkbox",
        WEEKDAYS
            .iter()
            .enumerate()
            .map(|(day, (key, label))| ("", format!("form[{key}]"), "on", *label, start.runs_on(day))),
    );
    let zone_names: String = crate::schedules::zones::zone_names()
        .map(|zone| format!(r#"<option value="{}"></option>"#, markup::escape(zone)))
        .collect();
    view! {
        <div class="calendar kind-fields" on:input=move |ev| editing.copy_input(&ev) on:change=move |ev| editing.copy_input(&ev)>
            <div class="row calendar-when">
                <div class="field">
                    <label for="repeat">"Repeats"</label>
                    <select id="repeat" name="form[repeat]" inner_html=markup::options(REPEATS, &start.repeat)></select>
                </div>
                <div class="field builder-only">
                    <label for="at-time">"At"</label>
                    <input id="at-time" name="form[at_time]" type="time" required value=start.at_time.clone() aria-describedby="cron-error"/>
                </div>
                <div class="field on-day">
                    <label for="day-of-month">"Day of the month"</label>
                    <input id="day-of-month" name="form[day_of_month]" type="number" min="1" max="31" inputmode="numeric" value=start.day_of_month.clone()/>
                </div>
                <div class="field on-month">
                    <label for="month">"Month"</label>
                    <select id="month" name="form[month]"
                        inner_html=markup::options(months.iter().map(|(value, name)| (value.as_str(), *name)), &start.month)></select>
                </div>
            </div>
            <fieldset class="field on-weekdays" inner_html=weekdays></fieldset>
            <div class="field advanced-only">
                <label for="cron">"Cron expression"</label>
                <input id="cron" name="form[cron]" type="text" autocomplete="off" spellcheck="false" placeholder="0 9 * * 1-5"
                    value=start.cron.clone()
                    aria-invalid=move || editing.message(Field::Cron).is_some().to_string()
                    aria-describedby="cron-help cron-error"/>
                <span id="cron-help" class="hint">"Minute, hour, day of month, month, day of week: */15 9-17 * * mon-fri, @daily…"</span>
            </div>
            <FieldMessage id="cron-error" message=Signal::derive(move || editing.message(Field::Cron))/>
            <div class="field">
                <label for="timezone">"Time zone"</label>
                <input id="timezone" name="form[timezone]" type="text" list="zone-names" autocomplete="off" spellcheck="false"
                    value=start.timezone.clone() prop:value=editing.value(|f| f.timezone.clone())
                    aria-invalid=move || editing.message(Field::Timezone).is_some().to_string()
                    aria-describedby="timezone-help timezone-error"/>
                <datalist id="zone-names" inner_html=zone_names></datalist>
                <span id="timezone-help" class="hint">"Type to search: Europe/Paris, America/New_York, UTC…"</span>
                <FieldMessage id="timezone-error" message=Signal::derive(move || editing.message(Field::Timezone))/>
            </div>
        </div>
    }
}

/// When a recurring schedule (every N or at set times) starts and ends, both optional. The
/// times are re-expressed when the viewer's zone becomes known, hence their live values.
#[component]
fn WindowFields(editing: Editing) -> impl IntoView {
    view! {
        <div class="window kind-fields row" on:input=move |ev| editing.copy_input(&ev)>
            <div class="field">
                <label for="first-run">
                    <span class="for-interval">"First run (optional)"</span>
                    <span class="for-calendar">"Starts (optional)"</span>
                    {move || format!(" — {}", editing.zone_label())}
                </label>
                <input id="first-run" name="form[first_run]" type="datetime-local"
                    value=editing.value(|f| f.first_run.clone()) prop:value=editing.value(|f| f.first_run.clone())
                    aria-describedby="first-run-utc timestamp-error"/>
                <span id="first-run-utc" class="hint">{editing.utc_of(|f| f.first_run.clone())}</span>
            </div>
            <div class="field">
                <label for="ends">{move || format!("Ends (optional) — {}", editing.zone_label())}</label>
                <input id="ends" name="form[ends]" type="datetime-local"
                    value=editing.value(|f| f.ends.clone()) prop:value=editing.value(|f| f.ends.clone())
                    aria-invalid=move || editing.message(Field::Until).is_some().to_string()
                    aria-describedby="ends-utc until-error"/>
                <span id="ends-utc" class="hint">{editing.utc_of(|f| f.ends.clone())}</span>
                <FieldMessage id="until-error" message=Signal::derive(move || editing.message(Field::Until))/>
                <span class="hint">{move || ends_in_past(editing)}</span>
            </div>
        </div>
    }
}

/// The editor warns, without refusing, when the end chosen is already past: the schedule
/// is then "ended" (it can still be renamed or re-opened later).
fn ends_in_past(editing: Editing) -> Option<&'static str> {
    let f = editing.form.get();
    let offset = utc_offset(f.utc_offset_minutes.parse::<i32>().unwrap_or(0));
    let until = crate::schedules::form::parse_local(&f.ends, offset).ok().flatten()?;
    (until < now()).then_some("This end is already past: the schedule will not run again.")
}

/// A one-time schedule's date and time.
#[component]
fn OneTimeFields(editing: Editing) -> impl IntoView {
    view! {
        <div class="once kind-fields">
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
/// differs between the server's render and the browser's. Interval and one-time runs are
/// computed here; a calendar schedule's need the zone rules, so they come from the server
/// (a moment after the typing stops), in its zone, with the viewer's time beside them when
/// the zones differ and any clock change's effect.
#[component]
fn Preview(editing: Editing) -> impl IntoView {
    let schedule = Memo::new(move |_| editing.form.with(ScheduleForm::to_schedule).ok());
    let calendar = Memo::new(move |_| schedule.get().filter(|s| s.kind() == Kind::Calendar).map(|s| s.config));
    let calendar_runs = RwSignal::new(None::<Result<Vec<RunView>, String>>);
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some(config) = calendar.get() else {
            calendar_runs.set(None);
            return;
        };
        let viewer_zone = editing.zone.get();
        let ticket = asked.get_value() + 1;
        asked.set_value(ticket);
        set_timeout(
            move || {
                if asked.get_value() != ticket {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let result = preview_calendar(config, viewer_zone).await.map_err(|e| e.to_string());
                    if asked.get_value() == ticket {
                        calendar_runs.set(Some(result));
                    }
                });
            },
            std::time::Duration::from_millis(250),
        );
    });
    let text = move || schedule.get().map(|schedule| view! { <Description schedule made_at=now()/> });
    // The times shown here, written in UTC, in the viewer's zone (as the page's script
    // does for the server's), once they are in the document.
    let section = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        schedule.track();
        calendar_runs.track();
        editing.zone.track();
        #[cfg(feature = "hydrate")]
        request_animation_frame(move || {
            if let Some(section) = section.get_untracked() {
                crate::components::local_time::localise(&section);
            }
        });
    });
    let runs = move || {
        let schedule = schedule.get()?;
        if schedule.kind() != Kind::Calendar {
            let runs = upcoming(&schedule, now(), 5);
            return Some(Either::Left(view! {
                <ol class="runs">{runs.into_iter().map(|ts| view! { <li><LocalTime ts made_at=now()/></li> }).collect_view()}</ol>
            }));
        }
        let zone =
            schedule.config.timezone.clone().unwrap_or_else(|| crate::schedules::zones::DEFAULT_ZONE.to_string());
        let viewer = editing.zone.get().unwrap_or_default();
        let markup = match calendar_runs.get() {
            None => r#"<p class="hint">Working out the next runs…</p>"#.to_string(),
            Some(Err(error)) => format!(r#"<p class="error">{}</p>"#, markup::escape(&error)),
            Some(Ok(runs)) if runs.is_empty() => "<p>No runs to come.</p>".to_string(),
            Some(Ok(runs)) => format!(r#"<ol class="runs">{}</ol>"#, calendar_runs_markup(&runs, &zone, &viewer)),
        };
        Some(Either::Right(view! { <div inner_html=markup></div> }))
    };
    view! {
        <section class="preview" aria-live="polite" aria-label="Preview" node_ref=section>
            {move || text().map(|text| view! { <p><strong>{text}</strong></p> })}
            {runs}
        </section>
    }
}

/// The items of a calendar schedule's preview: each run on the schedule's clock, on the
/// viewer's when it differs, and what a clock change did to it (all made on the server).
fn calendar_runs_markup(runs: &[RunView], zone: &str, viewer: &str) -> String {
    use crate::components::local_time::rfc3339;
    use markup::escape;
    runs.iter()
        .map(|run| {
            let wall = escape(run.wall.as_deref().unwrap_or_default());
            let theirs = run.viewer_wall.as_deref().map_or(String::new(), |other| {
                format!(r#"<span class="hint"> — your time ({}): {}</span>"#, escape(viewer), escape(other))
            });
            let note = run
                .note
                .as_deref()
                .map_or(String::new(), |note| format!(r#"<span class="clock-change">{}</span>"#, escape(note)));
            format!(r#"<li><time datetime="{}">{wall} ({})</time>{theirs}{note}</li>"#, rfc3339(run.at), escape(zone))
        })
        .collect()
}

/// Re-expresses the form's times, read in its current offset, in the browser's zone (each
/// time with the zone's offset at that moment).
fn show_in_browser_zone(form: &mut ScheduleForm) {
    use crate::schedules::form::{format_local, parse_local};
    let current = utc_offset(form.utc_offset_minutes.parse::<i32>().unwrap_or(0));
    for field in [&mut form.first_run, &mut form.run_at, &mut form.ends] {
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
