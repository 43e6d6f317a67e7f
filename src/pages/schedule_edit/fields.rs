//! The editor's field groups. Which group shows follows the checked kind in the stylesheet
//! (`.editor:has(#kind-…:checked)`), so the form works without JavaScript too; lists of
//! static choices are written as markup ([`markup`]), which keeps the island's code small.

use super::editor::Editing;
use crate::clock::now;
use crate::components::field_error::FieldMessage;
use crate::components::markup;
use crate::schedules::form::choices::{FormKind, Repeat, Unit, Weekday, MONTHS, PRESETS};
use crate::schedules::form::datetime_local::parse_local;
use crate::schedules::validate::Field;
use leptos::prelude::*;

/// Every N, at set times, or once. Which fields show follows the checked radio in the
/// stylesheet (`.editor:has(#kind-…:checked)`), so the switch works without JavaScript too.
#[component]
pub fn KindSwitch(editing: Editing) -> impl IntoView {
    let chosen = editing.form.with_untracked(|f| f.kind);
    let radios = markup::choices(
        "Kind",
        "radio",
        FormKind::ALL.map(|kind| {
            (format!("kind-{}", kind.key()), "form[kind]".to_string(), kind.key(), kind.label(), kind == chosen)
        }),
    );
    view! { <fieldset class="field kinds" on:change=move |ev| editing.copy_input(&ev) inner_html=radios></fieldset> }
}

/// A recurring schedule's period (number and unit, or a preset) and optional first run.
#[component]
pub fn RecurringFields(editing: Editing) -> impl IntoView {
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
                f.unit = Unit::from_key(&unit);
            });
        }
    };
    let presets: String = PRESETS
        .iter()
        .map(|(label, amount, unit)| {
            format!(
                r#"<button type="button" class="secondary" data-every="{amount}" data-unit="{}">{}</button>"#,
                unit.key(),
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
                    <select id="unit" name="form[unit]" inner_html=markup::options(Unit::ALL.map(|unit| (unit.key(), unit.key())), start.unit.map_or("", Unit::key))
                        prop:value=editing.value(|f| f.unit.map_or("", Unit::key).to_string())
                        on:change=editing.edit(|f, v| f.unit = Unit::from_key(&v))></select>
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
pub fn CalendarFields(editing: Editing, new: bool) -> impl IntoView {
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
        Weekday::all().map(|day| {
            (String::new(), format!("form[{}]", day.key()), "on", day.label(), start.weekdays.contains(day))
        }),
    );
    view! {
        <div class="calendar kind-fields" on:input=move |ev| editing.copy_input(&ev) on:change=move |ev| editing.copy_input(&ev)>
            <div class="row calendar-when">
                <div class="field">
                    <label for="repeat">"Repeats"</label>
                    <select id="repeat" name="form[repeat]" inner_html=markup::options(Repeat::ALL.map(|r| (r.key(), r.label())), start.repeat.key())></select>
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
                <span id="timezone-help" class="hint">"Type to search: Europe/Paris, America/New_York, UTC…"</span>
                <FieldMessage id="timezone-error" message=Signal::derive(move || editing.message(Field::Timezone))/>
            </div>
        </div>
    }
}

/// When a recurring schedule (every N or at set times) starts and ends, both optional. The
/// times are re-expressed when the viewer's zone becomes known, hence their live values.
#[component]
pub fn WindowFields(editing: Editing) -> impl IntoView {
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
    let until = editing.form.with(|f| parse_local(&f.ends, f.shown_offset()).ok().flatten())?;
    (until < now()).then_some("This end is already past: the schedule will not run again.")
}

/// A one-time schedule's date and time.
#[component]
pub fn OneTimeFields(editing: Editing) -> impl IntoView {
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

/// The schedule's tags, typed in one field, separated by commas; checked as you type with
/// the API's rules, stored lower-case and sorted.
#[component]
pub fn TagsField(editing: Editing) -> impl IntoView {
    view! {
        <div class="field">
            <label for="tags">"Tags (optional)"</label>
            <input id="tags" name="form[tags]" type="text" autocomplete="off" spellcheck="false"
                placeholder="billing, team-eu"
                value=editing.value(|f| f.tags.clone()) prop:value=editing.value(|f| f.tags.clone())
                aria-invalid=move || editing.message(Field::Tags).is_some().to_string()
                aria-describedby="tags-help tags-error"
                on:input=editing.edit(|f, v| f.tags = v)/>
            <span id="tags-help" class="hint">"Separated by commas; letters, digits and - _ . : / (stored lower-case)."</span>
            <FieldMessage id="tags-error" message=Signal::derive(move || editing.message(Field::Tags))/>
        </div>
    }
}
