//! Server functions of the schedule pages: thin wrappers over
//! [`crate::schedules::service`], the same service the JSON API uses.

use crate::error::AppError;
use crate::schedules::form::ScheduleForm;
use crate::schedules::{ListQuery, SchedulePage, ScheduleRecord};
use leptos::server;
use serde::{Deserialize, Serialize};

/// A page of the list as the UI shows it: the API's page, with each schedule's next run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleList {
    pub page: SchedulePage,
    /// The next run of each schedule of the page, in order (the first of `/upcoming`).
    pub next_runs: Vec<Option<i64>>,
    /// When the page was made (Unix seconds), so the browser's first render says "in 5
    /// minutes" exactly as the server did.
    pub now: i64,
    /// The ids of the page's schedules the viewer owns, which they may select.
    pub selectable: Vec<i64>,
    /// With any selectable: the key of this rendering of the selection form, so that a
    /// form sent twice (a double click, a resent POST) acts once.
    pub form_key: Option<String>,
}

#[server]
pub async fn list_schedules(query: ListQuery) -> Result<ScheduleList, AppError> {
    crate::context::with_error_status(
        async move {
            use crate::schedules::service;
            // An anonymous request (no cookie, no token) costs no session lookup.
            let (state, caller) = crate::context::state_and_caller().await?;
            let user = caller.as_ref().map(|c| &c.user);
            let page = service::list(&state.pool, &query, user).await?;
            let now = crate::clock::now();
            let next_runs = page
                .schedules
                .iter()
                .map(|s| crate::schedules::runs::next_run_times(&s.content(), now, 1).first().copied())
                .collect();
            let ids: Vec<i64> = page.schedules.iter().map(|s| s.id).collect();
            let selectable = match user {
                Some(_) if query.mine => ids,
                Some(user) if !ids.is_empty() => {
                    service::owned_among(&state.pool, user, &ids).await?.into_iter().map(|s| s.id).collect()
                }
                _ => Vec::new(),
            };
            let form_key = (!selectable.is_empty()).then(|| crate::auth::keys::random_secret("form-"));
            Ok(ScheduleList { page, next_runs, now, selectable, form_key })
        }
        .await,
    )
}

/// The viewer's schedules among a selection, for the confirmation of its delete.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectedView {
    pub schedules: Vec<crate::schedules::Schedule>,
    /// How long a deleted schedule can be restored.
    pub keep_days: u32,
    pub now: i64,
}

#[server]
pub async fn selected_schedules(ids: Vec<i64>) -> Result<SelectedView, AppError> {
    crate::context::with_error_status(
        async move {
            let (state, user) = crate::context::state_and_user().await?;
            let schedules = crate::schedules::service::owned_among(&state.pool, &user, &ids).await?;
            Ok(SelectedView { schedules, keep_days: state.settings.keep_deleted_days, now: crate::clock::now() })
        }
        .await,
    )
}

/// A schedule as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleView {
    pub record: ScheduleRecord,
    /// The next five runs from the moment the page was made, with any clock change's effect.
    pub upcoming: Vec<RunView>,
    /// Whether the viewer owns it (and so may edit and delete it).
    pub can_edit: bool,
    /// When the page was made (Unix seconds).
    pub now: i64,
}

#[server]
pub async fn schedule_detail(id: i64) -> Result<ScheduleView, AppError> {
    crate::context::with_error_status(
        async move {
            let (state, caller) = crate::context::state_and_caller().await?;
            let record = crate::schedules::service::get(&state.pool, id).await?;
            let now = crate::clock::now();
            let upcoming = run_views(&record.schedule.content(), now)?;
            let can_edit = caller.is_some_and(|c| c.user.id == record.owner_id);
            Ok(ScheduleView { record, upcoming, can_edit, now })
        }
        .await,
    )
}

/// A run as the pages show it, made on the server, where the time-zone rules are (the
/// browser never downloads them): the instant; for a calendar schedule the wall-clock time
/// in its zone ("Mon 30 Nov 2026, 09:00") and, when a clock change moved the run, what it
/// did ("02:30 does not exist on Sun 29 Mar 2026 in Europe/Paris — runs at 03:30"); for
/// the editor's preview, the same moment on the viewer's clock when the zones differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunView {
    pub at: i64,
    pub wall: Option<String>,
    pub note: Option<String>,
    pub viewer_wall: Option<String>,
}

/// The next five runs of `schedule` from `now`, as [`RunView`]s.
#[cfg(feature = "ssr")]
fn run_views(schedule: &crate::schedules::NewSchedule, now: i64) -> Result<Vec<RunView>, AppError> {
    use crate::schedules::calendar::{clock_change_note, wall_clock, zone};
    use crate::schedules::zones::DEFAULT_ZONE;
    let runs = crate::schedules::runs::next_runs(schedule, now, 5);
    if schedule.kind() != crate::schedules::Kind::Calendar {
        return Ok(runs
            .into_iter()
            .map(|run| RunView { at: run.at, wall: None, note: None, viewer_wall: None })
            .collect());
    }
    let zone_name = schedule.config.timezone.as_deref().unwrap_or(DEFAULT_ZONE);
    let zone = zone(zone_name).map_err(AppError::InvalidConfig)?;
    Ok(runs
        .into_iter()
        .map(|run| RunView {
            at: run.at,
            wall: Some(wall_clock(&zone, run.at)),
            note: run.change.map(|change| clock_change_note(&change, zone_name)),
            viewer_wall: None,
        })
        .collect())
}

/// The next five runs of a calendar schedule as the editor has it, from now, for its
/// preview, each also on the clock of `viewer_zone` (the browser's) when that differs from
/// the schedule's. The same rules as a save (code 26, each problem on its field).
#[server]
pub async fn preview_calendar(
    config: crate::schedules::Config,
    viewer_zone: Option<String>,
) -> Result<Vec<RunView>, AppError> {
    crate::context::with_error_status(
        async move {
            use crate::schedules::calendar::{wall_clock, zone};
            let schedule = crate::schedules::NewSchedule { config, ..Default::default() };
            if schedule.config.cron.is_none() {
                return Err(AppError::InvalidPayload("a calendar schedule needs a cron expression".into()));
            }
            crate::schedules::service::obeys_the_rules(&schedule)?;
            let mut runs = run_views(&schedule, crate::clock::now())?;
            let schedule_zone = schedule.config.timezone.as_deref().unwrap_or(crate::schedules::zones::DEFAULT_ZONE);
            // A zone this server does not know is left out rather than refused: it is only
            // the viewer's second clock.
            if let Some(viewer) = viewer_zone.filter(|v| v != schedule_zone).and_then(|v| zone(&v).ok()) {
                for run in &mut runs {
                    run.viewer_wall = Some(wall_clock(&viewer, run.at));
                }
            }
            Ok(runs)
        }
        .await,
    )
}

/// A fresh key for one rendering of the create form: sent back with the form, it makes a
/// second submission of the same form (a double click, a resent POST) return the schedule
/// the first one created instead of making another.
#[server]
pub async fn new_form_key() -> Result<String, AppError> {
    Ok(crate::auth::keys::random_secret("form-"))
}

/// Creates (no `id`) or updates a schedule from the form, then goes to its page. An
/// update names the `version` it was made from and is refused if the schedule has changed
/// since (code 103), so nobody overwrites a change they have not seen. A create carries the
/// form's `idempotency_key` (see [`new_form_key`]).
#[server]
pub async fn save_schedule(
    id: Option<i64>,
    version: Option<i32>,
    form: ScheduleForm,
    idempotency_key: Option<String>,
    note: Option<String>,
) -> Result<i64, AppError> {
    let result = async {
        use crate::schedules::ScheduleUpdate;
        let (state, caller) = crate::context::state_and_required_caller().await?;
        let (user, change) = (&caller.user, change_with_note(&caller, note.as_deref())?);
        let schedule = form.read().map_err(AppError::InvalidFields)?;
        let (id, done) = match id {
            None => {
                let key = idempotency_key
                    .as_deref()
                    .filter(|k| !k.is_empty())
                    .map(crate::schedules::IdempotencyKey::new)
                    .transpose()
                    .map_err(|rule| AppError::InvalidPayload(format!("the form's idempotency_key {rule}")))?;
                (
                    crate::schedules::service::create(&state.pool, user, &change, &schedule, key.as_ref()).await?,
                    "created",
                )
            }
            Some(id) => {
                let update = ScheduleUpdate {
                    name: Some(schedule.name),
                    once: Some(schedule.once),
                    config: Some(schedule.config),
                    tags: Some(schedule.tags),
                };
                crate::schedules::service::update(&state.pool, user, &change, id, &update, &expected(version)).await?;
                (id, "saved")
            }
        };
        leptos_axum::redirect(&format!("/schedules/{id}?{done}=1"));
        Ok(id)
    }
    .await;
    if let Err(error) = &result {
        let mut pairs = form.to_pairs();
        if let Some(key) = idempotency_key {
            pairs.push(("idempotency_key".to_string(), key));
        }
        pairs.extend(note.map(|note| ("note".to_string(), note)));
        crate::context::back_to_form::<SaveSchedule>(&pairs, error);
    }
    crate::context::with_error_status(result)
}

#[server]
pub async fn delete_schedule(id: i64, version: Option<i32>, note: Option<String>) -> Result<(), AppError> {
    crate::context::with_error_status(
        async move {
            let (state, caller) = crate::context::state_and_required_caller().await?;
            let change = change_with_note(&caller, note.as_deref())?;
            crate::schedules::service::delete(&state.pool, &caller.user, &change, id, &expected(version)).await?;
            leptos_axum::redirect(&format!("/schedules?deleted={id}"));
            Ok(())
        }
        .await,
    )
}

/// What a write from a form records: how the caller is signed in, and the form's "Why"
/// (code 4 for a note that breaks its rules).
#[cfg(feature = "ssr")]
pub(super) fn change_with_note(
    caller: &crate::auth::service::Caller,
    note: Option<&str>,
) -> Result<crate::schedules::history::Change, AppError> {
    crate::schedules::history::Change::with_note(caller.via.clone(), note)
        .map_err(|rule| AppError::InvalidPayload(format!("Why: {rule}")))
}

/// The version a form was made from is the one it may change (none sent: any).
#[cfg(feature = "ssr")]
pub(super) fn expected(version: Option<i32>) -> crate::schedules::ExpectedVersion {
    version.map_or(crate::schedules::ExpectedVersion::Any, |v| crate::schedules::ExpectedVersion::OneOf(vec![v]))
}
