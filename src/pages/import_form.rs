//! `POST /schedules/import`: the Import page's form (multipart, for its file field). Reads
//! what was sent, previews it or creates it with [`import_service`] (the JSON API's own
//! service), and renders the page again with the outcome (see
//! [`crate::pages::import_schedules`]).

use crate::app::shell;
use crate::auth::request::MaybeCaller;
use crate::components::sign_in_prompt::sign_in_url;
use crate::pages::capitalised;
use crate::pages::import_schedules::{ImportForm, ImportOutcome, ImportPosted, IMPORT_PATH};
use crate::schedules::history::Change;
use crate::schedules::import::{EntryStatus, ImportFormat, ImportRequest, IMPORT_BODY_MAX};
use crate::schedules::{import_service, tags, IdempotencyKey};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, Multipart, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

/// The most the form may send: the text and a file, each at most an import's limit.
pub const FORM_BODY_MAX: usize = 2 * IMPORT_BODY_MAX + 64 * 1024;

/// What the form sent besides the fields [`ImportForm`] shows again.
struct Sent {
    form: ImportForm,
    create: bool,
    previewed: Option<String>,
}

pub async fn act(axum::extract::State(state): axum::extract::State<AppState>, request: Request) -> Response {
    let (mut parts, body) = request.into_parts();
    let caller = match MaybeCaller::from_request_parts(&mut parts, &state).await {
        Ok(MaybeCaller(Some(caller))) => caller,
        Ok(MaybeCaller(None)) => return Redirect::to(&sign_in_url(IMPORT_PATH)).into_response(),
        Err(error) => return error.into_response(),
    };
    let multipart = match Multipart::from_request(Request::from_parts(parts.clone(), body), &state).await {
        Ok(multipart) => multipart,
        Err(_) => {
            return render(&state, parts, refused(ImportForm::default(), "Send the form as the page does.")).await
        }
    };
    let sent = match read(multipart).await {
        Ok(sent) => sent,
        Err(why) => return render(&state, parts, refused(ImportForm::default(), &why)).await,
    };
    let form = sent.form.clone();
    let request = match ImportRequest::new(
        form.format,
        form.text.clone(),
        Some(&form.zone),
        &tags::split_typed(&form.tags),
        true,
    ) {
        Ok(request) => request,
        Err(why) => return render(&state, parts, refused(form, &capitalised(&why))).await,
    };
    let now = crate::clock::now();
    let digest = import_service::digest(&request);
    let outcome = if sent.create && sent.previewed.as_deref() == Some(digest.as_str()) {
        let change = Change { via: caller.via.clone(), note: None };
        let key = IdempotencyKey::new(&form.key).ok();
        match import_service::import(&state.pool, &caller.user, &change, &request, key.as_ref(), false).await {
            Ok(report) => ImportOutcome::Created {
                ids: report.created,
                left_out: report.entries.iter().filter(|e| e.status == EntryStatus::Error).count(),
            },
            Err(error) => ImportOutcome::Refused(capitalised(&error.to_string())),
        }
    } else {
        match import_service::preview(&request, now) {
            Ok(entries) => ImportOutcome::Preview { entries, digest, now, changed: sent.create },
            Err(error) => ImportOutcome::Refused(capitalised(&error.to_string())),
        }
    };
    render(&state, parts, ImportPosted { form, outcome }).await
}

fn refused(form: ImportForm, why: &str) -> ImportPosted {
    ImportPosted { form, outcome: ImportOutcome::Refused(why.to_string()) }
}

/// The form's fields; a file chosen is read in place of the text (and its name's ending,
/// `.json` or `.yaml`, says its format).
async fn read(mut multipart: Multipart) -> Result<Sent, String> {
    let mut form = ImportForm::default();
    let (mut create, mut previewed, mut file) = (false, None, None);
    let too_large = || "The text is larger than 1 MiB: split it into parts.".to_string();
    while let Some(field) =
        multipart.next_field().await.map_err(|_| "The form could not be read: send it again.".to_string())?
    {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_ascii_lowercase);
        let bytes = field.bytes().await.map_err(|_| "The form could not be read: send it again.".to_string())?;
        if bytes.len() > IMPORT_BODY_MAX {
            return Err(too_large());
        }
        let text = || String::from_utf8(bytes.to_vec()).map_err(|_| "What was sent is not UTF-8 text.".to_string());
        match name.as_str() {
            "format" => form.format = ImportFormat::parse(&text()?).unwrap_or(ImportFormat::Crontab),
            "zone" => form.zone = text()?.trim().to_string(),
            "tags" => form.tags = text()?,
            "text" => form.text = text()?.replace("\r\n", "\n"),
            "key" => form.key = text()?,
            "action" => create = text()? == "create",
            "previewed" => previewed = Some(text()?),
            "file" if !bytes.is_empty() => {
                let content =
                    String::from_utf8(bytes.to_vec()).map_err(|_| "The file is not UTF-8 text.".to_string())?;
                file = Some((content, file_name.unwrap_or_default()));
            }
            _ => {}
        }
    }
    if let Some((content, file_name)) = file {
        form.text = content.replace("\r\n", "\n");
        if file_name.ends_with(".json") {
            form.format = ImportFormat::Bundle;
        } else if file_name.ends_with(".yaml") || file_name.ends_with(".yml") {
            form.format = ImportFormat::CronJobs;
        }
    }
    if form.zone.is_empty() {
        form.zone = crate::schedules::zones::DEFAULT_ZONE.into();
    }
    Ok(Sent { form, create, previewed })
}

/// The Import page, rendered for this request with `posted`.
async fn render(state: &AppState, parts: Parts, posted: ImportPosted) -> Response {
    let options = state.leptos_options.clone();
    let state = state.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(posted.clone());
        },
        move || shell(options.clone()),
    );
    handler(Request::from_parts(parts, Body::empty())).await.into_response()
}
