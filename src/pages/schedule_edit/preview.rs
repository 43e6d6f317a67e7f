//! The editor's preview: the schedule as typed, described, and its next runs.

use super::editor::Editing;
use crate::clock::now;
use crate::components::local_time::{Description, LocalTime};
use crate::components::markup;
use crate::pages::server_fns::schedules::{preview_calendar, RunView};
use crate::schedules::form::ScheduleForm;
use crate::schedules::runs::upcoming;
use crate::schedules::Kind;
use leptos::either::Either;
use leptos::prelude::*;

/// The description and the next runs of the schedule as typed. Only in the browser: "now"
/// differs between the server's render and the browser's. Interval and one-time runs are
/// computed here; a calendar schedule's need the zone rules, so they come from the server
/// (a moment after the typing stops), in its zone, with the viewer's time beside them when
/// the zones differ and any clock change's effect.
#[component]
pub fn Preview(editing: Editing) -> impl IntoView {
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
