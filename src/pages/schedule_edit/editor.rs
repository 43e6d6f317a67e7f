//! The editor island: the form, its state shared by the field groups ([`Editing`]), and
//! what the server answered.

use super::browser_zone::{browser_offset_at_local, show_in_browser_zone};
use super::fields::{CalendarFields, KindSwitch, OneTimeFields, RecurringFields, TagsField, WindowFields};
use super::preview::Preview;
use crate::components::field_error::FieldMessage;
use crate::components::local_time::browser_zone_name;
use crate::error::AppError;
use crate::pages::server_fns::schedules::SaveSchedule;
use crate::schedules::describe::format_utc;
use crate::schedules::form::datetime_local::parse_local;
use crate::schedules::form::{error_for, ScheduleForm};
use crate::schedules::validate::Field;
use leptos::prelude::*;

/// The create / edit form, an island. Every rule is checked as you type with the server's
/// own code; without JavaScript it is a plain form POST, and when the server refuses it the
/// page comes back with the form as it was sent (`initial`) and why (`refused`). Lazy: its
/// code is a WebAssembly file of its own, loaded only by the pages that show the editor.
#[island(lazy)]
pub fn ScheduleEditor(
    id: Option<i64>,
    version: Option<i32>,
    idempotency_key: Option<String>,
    initial: ScheduleForm,
    refused: Option<AppError>,
    /// The "Why" a refused plain POST was sent with.
    note: Option<String>,
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
    let chosen_time = Memo::new(move |_| form.with(|f| f.chosen_time().to_string()));
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
    let note_input = NodeRef::<leptos::html::Input>::new();
    let hidden_key = idempotency_key.clone();
    let save_url = <SaveSchedule as leptos::server_fn::ServerFn>::url();
    // What `<ActionForm>` did, from the form's own state. `<ActionForm>` takes its fields as
    // `Children`, a type-erased view whose every way of rendering (build, rebuild, both
    // hydrations) is kept for the whole form, and parses the fields back with a
    // query-string parser: 176 KB of this island's 422 KB (bench/RESULTS.md).
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        follow_redirects_in_browser();
        action.dispatch(SaveSchedule {
            id,
            version,
            form: form.get_untracked(),
            idempotency_key: idempotency_key.clone(),
            note: note_input.get_untracked().map(|input| input.value()).filter(|note| !note.is_empty()),
        });
    };
    view! {
        <form action=save_url method="post" on:submit=submit
            node_ref=root class="editor stack" novalidate=true data-waits="">
            {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            {version.map(|v| view! { <input type="hidden" name="version" value=v/> })}
            {hidden_key.map(|key| view! { <input type="hidden" name="idempotency_key" value=key/> })}
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

            <TagsField editing/>
            <KindSwitch editing/>
            <RecurringFields editing/>
            <CalendarFields editing new=id.is_none()/>
            <OneTimeFields editing/>
            <WindowFields editing/>
            <FieldMessage id="timestamp-error" message=Signal::derive(move || editing.message(Field::Timestamp))/>
            <Preview editing/>

            <div class="field">
                <label for="note">"Why (optional)"</label>
                <input id="note" name="note" type="text" maxlength="500" autocomplete="off" value=note aria-describedby="note-help" node_ref=note_input/>
                <span id="note-help" class="hint">"Kept in the schedule's history beside this version."</span>
            </div>

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
        </form>
    }
}

/// Where the server sends the browser after a save (the schedule's page): a full page
/// load, as after the plain POST.
fn follow_redirects_in_browser() {
    let _ = leptos::server_fn::redirect::set_redirect_hook(|to: &str| {
        let _ = window().location().set_href(to);
    });
}

/// What the parts of the editor share: the form being edited, whether the user has changed
/// it, the messages to show, and the viewer's zone.
#[derive(Clone, Copy)]
pub struct Editing {
    pub form: RwSignal<ScheduleForm>,
    pub touched: RwSignal<bool>,
    shown_errors: Memo<Vec<crate::field_error::FieldError>>,
    pub zone: ReadSignal<Option<String>>,
}

impl Editing {
    pub fn message(self, field: Field) -> Option<String> {
        self.shown_errors.with(|errors| error_for(errors, field))
    }

    /// An input handler: applies the new value with `change`, and marks the form touched.
    pub fn edit(self, change: fn(&mut ScheduleForm, String)) -> impl Fn(leptos::ev::Event) + Copy + 'static {
        move |ev| {
            let value = event_target_value(&ev);
            self.touched.set(true);
            self.form.update(|f| change(f, value));
        }
    }

    /// Copies an input's value (a checkbox: whether it is ticked) into the form field of
    /// the same name, and marks the form touched: the handler of a group of inputs.
    pub fn copy_input(self, ev: &leptos::ev::Event) {
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
        self.form.update(|f| f.set(&name, value));
    }

    pub fn value(self, get: fn(&ScheduleForm) -> String) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.form.with(get)
    }

    pub fn is_once(self) -> bool {
        self.form.with(ScheduleForm::is_once)
    }

    pub fn zone_label(self) -> String {
        self.zone.get().unwrap_or_else(|| "UTC".to_string())
    }

    /// "= 2027-03-01 14:00 UTC" for a time field, when the form's zone is not UTC.
    pub fn utc_of(self, get: fn(&ScheduleForm) -> String) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        move || {
            let f = self.form.get();
            let offset = f.shown_offset();
            parse_local(&get(&f), offset)
                .ok()
                .flatten()
                .filter(|_| offset != 0)
                .map(|ts| format!("= {}", format_utc(ts)))
        }
    }
}
