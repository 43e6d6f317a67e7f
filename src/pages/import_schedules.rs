//! `/schedules/import`: paste a crontab, a bundle or Kubernetes CronJobs (or choose a
//! file), see what each line becomes, then create them. A plain form (no browser code):
//! "Preview" and "Create" post it to [`IMPORT_PATH`], whose handler
//! (`pages::import_form`) renders this page again with what it found, given as an
//! [`ImportPosted`] in the context.

use crate::components::local_time::{Description, LocalTime};
use crate::components::zone_names::ZoneNames;
use crate::error::AppError;
use crate::pages::server_fns::accounts::current_user;
use crate::pages::server_fns::schedules::new_form_key;
use crate::schedules::import::{EntryStatus, ImportEntry, ImportFormat, IMPORTED_TAG};
use leptos::prelude::*;

/// Where the page is, and where its form posts.
pub const IMPORT_PATH: &str = "/schedules/import";

/// What the form sent, shown again as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportForm {
    pub format: ImportFormat,
    pub zone: String,
    pub tags: String,
    pub text: String,
    pub key: String,
}

impl Default for ImportForm {
    fn default() -> Self {
        ImportForm {
            format: ImportFormat::Crontab,
            zone: crate::schedules::zones::DEFAULT_ZONE.into(),
            tags: String::new(),
            text: String::new(),
            key: String::new(),
        }
    }
}

/// What the form's last post came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Every entry as it would be created at `now`; `digest` identifies what was previewed
    /// (a create of anything else is previewed first). `changed`: a create was asked for
    /// after the text or the settings changed.
    Preview { entries: Vec<ImportEntry>, digest: String, now: i64, changed: bool },
    /// The schedules created, and how many entries with errors were left out.
    Created { ids: Vec<i64>, left_out: usize },
    /// Why nothing could be read or created.
    Refused(String),
}

/// A post of the form and its outcome, for the page to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPosted {
    pub form: ImportForm,
    pub outcome: ImportOutcome,
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let posted = use_context::<ImportPosted>();
    let user = Resource::new(|| (), |_| current_user());
    let key = Resource::new(|| (), |_| new_form_key());
    view! {
        <leptos_meta::Title text="Import schedules"/>
        <leptos_meta::Meta name="description" content="Bring schedules in from a crontab, a bundle exported here, or Kubernetes CronJob manifests."/>
        <p class="crumbs"><a href="/schedules?mine=1">"Schedules"</a>" / import"</p>
        <h1>"Import schedules"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                let posted = posted.clone();
                Suspend::new(async move {
                    match (user.await, key.await) {
                        (Ok(Some(_)), Ok(fresh)) => {
                            let (mut form, outcome) = match posted {
                                Some(ImportPosted { form, outcome }) => (form, Some(outcome)),
                                None => (ImportForm::default(), None),
                            };
                            // A form that created something starts again with a new key.
                            if form.key.is_empty() || matches!(outcome, Some(ImportOutcome::Created { .. })) {
                                form.key = fresh;
                            }
                            view! { <ImportFormView form outcome/> <ZoneNames/> }.into_any()
                        }
                        (Ok(None), _) | (Err(AppError::AuthRequired), _) => view! {
                            <p class="error" role="alert">
                                <a href=crate::components::sign_in_prompt::sign_in_url(IMPORT_PATH)>"Sign in"</a>
                                " to import schedules."
                            </p>
                        }
                        .into_any(),
                        (Err(error), _) | (_, Err(error)) => {
                            view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ImportFormView(form: ImportForm, outcome: Option<ImportOutcome>) -> impl IntoView {
    let formats = ImportFormat::ALL
        .into_iter()
        .map(|format| {
            let id = format!("format-{}", format.as_str());
            view! {
                <label class="choice">
                    <input type="radio" id=id name="format" value=format.as_str() checked=format == form.format/>
                    {format.label()}
                </label>
            }
        })
        .collect_view();
    let text = form.text.clone();
    let (result, creates) = match outcome {
        None => (None, false),
        Some(ImportOutcome::Refused(why)) => {
            (Some(view! { <p class="error" role="alert">{why}</p> }.into_any()), false)
        }
        Some(ImportOutcome::Created { ids, left_out }) => {
            let tagged = form.format != ImportFormat::Bundle;
            (Some(view! { <Created ids left_out tagged/> }.into_any()), false)
        }
        Some(ImportOutcome::Preview { entries, digest, now, changed }) => {
            let creates = entries.iter().any(|e| e.status == EntryStatus::Ok);
            (
                Some(view! { <Preview entries digest now changed text=text.clone() format=form.format/> }.into_any()),
                creates,
            )
        }
    };
    view! {
        <p class="lede">
            "Paste a crontab, a bundle exported here, or Kubernetes CronJob manifests. "
            "Preview shows what each line becomes; nothing is created until you choose Create."
        </p>
        <form method="post" action=IMPORT_PATH enctype="multipart/form-data" class="stack import-form">
            <input type="hidden" name="key" value=form.key.clone()/>
            <fieldset>
                <legend>"What it is"</legend>
                <div class="formats">{formats}</div>
            </fieldset>
            <div class="field">
                <label for="import-text">"Paste it here"</label>
                <textarea id="import-text" name="text" rows="12" spellcheck="false" autocomplete="off"
                    aria-describedby="import-text-hint" inner_html=textarea_content(&form.text)></textarea>
                <p class="hint" id="import-text-hint">
                    "A crontab's lines: five time fields (or a macro such as @daily), then the command. "
                    "A comment line directly above an entry names it; CRON_TZ= lines set the zone of the lines after them."
                </p>
            </div>
            <div class="field">
                <label for="import-file">"Or choose a file"</label>
                <input type="file" id="import-file" name="file" aria-describedby="import-file-hint"
                    accept=".txt,.crontab,.cron,.json,.yaml,.yml,text/plain,application/json,application/yaml"/>
                <p class="hint" id="import-file-hint">"Read instead of the text above (at most 1 MiB); a .json or .yaml file is read as a bundle or as manifests."</p>
            </div>
            <div class="row import-settings">
                <div class="field">
                    <label for="import-zone">"Time zone of entries that name none"</label>
                    <input id="import-zone" name="zone" list="zone-names" value=form.zone.clone() autocomplete="off" spellcheck="false"/>
                </div>
                <div class="field">
                    <label for="import-tags">"Tags for every schedule"</label>
                    <input id="import-tags" name="tags" value=form.tags.clone() placeholder="team:ops, nightly"
                        aria-describedby="import-tags-hint" autocomplete="off" spellcheck="false"/>
                    <p class="hint" id="import-tags-hint">{format!("Comma-separated; crontab and CronJob entries are tagged {IMPORTED_TAG} as well.")}</p>
                </div>
            </div>
            <div class="row">
                <button type="submit" name="action" value="preview" class=if creates { "secondary" } else { "" }>"Preview"</button>
            </div>
            {result}
        </form>
    }
}

/// A textarea's content as markup: escaped (Leptos writes a textarea's text as it is, so
/// `</textarea>` in it would end the element), after a line break, which the HTML parser
/// drops (so a first blank line is kept, and the lines keep their numbers).
fn textarea_content(text: &str) -> String {
    format!("\n{}", crate::components::markup::escape(text))
}

/// One line of `text` (counting from 1), for the preview's Entry column.
fn line_of(text: &str, line: usize) -> String {
    text.split('\n').nth(line.saturating_sub(1)).unwrap_or("").trim_end_matches('\r').to_string()
}

#[component]
fn Preview(
    entries: Vec<ImportEntry>,
    digest: String,
    now: i64,
    changed: bool,
    text: String,
    format: ImportFormat,
) -> impl IntoView {
    let count = |status| entries.iter().filter(|e| e.status == status).count();
    let (ok, errors) = (count(EntryStatus::Ok), count(EntryStatus::Error));
    let blank = |e: &ImportEntry| e.status == EntryStatus::Skipped && e.msg.as_deref() == Some("a blank line");
    let skipped: Vec<ImportEntry> =
        entries.iter().filter(|e| e.status == EntryStatus::Skipped && !blank(e)).cloned().collect();
    let what = match format {
        ImportFormat::Crontab | ImportFormat::SystemCrontab => "Line",
        ImportFormat::Bundle => "Item",
        ImportFormat::CronJobs => "Document",
    };
    let summary = format!(
        "{} to create{}{}.",
        plural(ok, "schedule", "schedules"),
        if errors > 0 {
            format!(", {} with errors (left out)", plural(errors, "entry", "entries"))
        } else {
            String::new()
        },
        if skipped.is_empty() {
            String::new()
        } else {
            format!(", {} skipped", plural(skipped.len(), "line", "lines"))
        }
    );
    let rows = entries
        .iter()
        .filter(|e| e.status != EntryStatus::Skipped)
        .map(|entry| view! { <PreviewRow entry=entry.clone() now text=text.clone() what/> })
        .collect_view();
    let skipped_rows = skipped
        .iter()
        .map(|entry| {
            let source = entry.line.map(|line| line_of(&text, line)).unwrap_or_default();
            view! {
                <tr>
                    <td class="num" data-label=what>{entry.place().to_string()}</td>
                    <td data-label="Text"><code>{source}</code></td>
                    <td class="muted" data-label="Why">{entry.msg.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let skipped_count = skipped.len();
    let create = (ok > 0).then(|| {
        let label = format!("Create {}", plural(ok, "schedule", "schedules"));
        view! {
            <input type="hidden" name="previewed" value=digest/>
            <div class="row">
                <button type="submit" name="action" value="create">{label}</button>
                {(errors > 0).then(|| view! { <span class="hint">"The entries with errors are left out."</span> })}
            </div>
        }
    });
    view! {
        <section class="import-preview stack" aria-labelledby="preview-title">
            <h2 id="preview-title">"Preview"</h2>
            {changed.then(|| view! {
                <p class="error" role="alert">"The text or the settings changed since this preview: check it again, then create."</p>
            })}
            <p role="status">{summary}</p>
            {(ok + errors > 0).then(|| view! {
                <div class="table-wrap">
                    <table class="schedules import-entries">
                        <thead><tr><th scope="col">{what}</th><th scope="col">"Entry"</th><th scope="col">"Becomes"</th><th scope="col">"Next run"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })}
            {(skipped_count > 0).then(|| view! {
                <details class="skipped">
                    <summary>{format!("Skipped: {}", plural(skipped_count, "line", "lines"))}</summary>
                    <div class="table-wrap">
                        <table class="schedules">
                            <thead><tr><th scope="col">{what}</th><th scope="col">"Text"</th><th scope="col">"Why"</th></tr></thead>
                            <tbody>{skipped_rows}</tbody>
                        </table>
                    </div>
                </details>
            })}
            {create}
            {(ok == 0).then(|| view! { <p class="hint">"Nothing to create: mend the entries above, then preview again."</p> })}
        </section>
    }
}

#[component]
fn PreviewRow(entry: ImportEntry, now: i64, text: String, what: &'static str) -> impl IntoView {
    let place = entry.place();
    let number = place.line.or(place.document).or(place.item).unwrap_or_default().to_string();
    let number = match (place.document, place.item) {
        (Some(document), Some(item)) => format!("{document}.{item}"),
        _ => number,
    };
    let schedule = entry.to_create();
    let source = match (place.line, &schedule) {
        (Some(line), _) => view! { <code>{line_of(&text, line)}</code> }.into_any(),
        (None, Some(schedule)) => view! { <code>{schedule.config.cron.clone().unwrap_or_default()}</code> }.into_any(),
        (None, None) => view! { <span class="muted">{place.to_string()}</span> }.into_any(),
    };
    let becomes = match &schedule {
        Some(schedule) => {
            let name = schedule.name.clone().map(|name| view! { <strong>{name}</strong><br/> });
            view! { <div>{name}<Description schedule=schedule.clone() made_at=now/></div> }.into_any()
        }
        None => view! { <span class="error">{entry.msg.clone().unwrap_or_default()}</span> }.into_any(),
    };
    let next = entry.next_runs.as_ref().and_then(|runs| runs.first().copied());
    let row_class = if schedule.is_some() { "" } else { "has-error" };
    view! {
        <tr class=row_class>
            <td class="num" data-label=what>{number}</td>
            <td class="entry" data-label="Entry">{source}</td>
            <td data-label="Becomes">{becomes}</td>
            <td data-label="Next run">{match next {
                Some(ts) => view! { <LocalTime ts made_at=now/> }.into_any(),
                None if schedule.is_some() => view! { <span class="muted">"Never again"</span> }.into_any(),
                None => ().into_any(),
            }}</td>
        </tr>
    }
}

#[component]
fn Created(ids: Vec<i64>, left_out: usize, tagged: bool) -> impl IntoView {
    let count = ids.len();
    let links = ids
        .iter()
        .take(20)
        .map(|id| view! { <li><a href=format!("/schedules/{id}")>{format!("Schedule {id}")}</a></li> })
        .collect_view();
    let more = (count > 20).then(|| view! { <li>{format!("and {} more", count - 20)}</li> });
    view! {
        <div class="notice" role="status">
            <p>
                {format!(
                    "Created {}.{} ",
                    plural(count, "schedule", "schedules"),
                    if left_out > 0 { format!(" {} with errors left out.", plural(left_out, "entry", "entries")) } else { String::new() }
                )}
                {if tagged {
                    view! { <a href=format!("/schedules?mine=1&tag={IMPORTED_TAG}")>"See your imported schedules"</a> }.into_any()
                } else {
                    view! { <a href="/schedules?mine=1">"See your schedules"</a> }.into_any()
                }}
            </p>
            <ul class="created">{links}{more}</ul>
        </div>
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", crate::schedules::describe::grouped(n))
    }
}
