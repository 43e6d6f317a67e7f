//! `POST /schedules/selection`: the list page's selection form, a plain HTML form (its
//! checkboxes send `id` once per row, which server functions' encoding cannot read). Done
//! by the same bulk service as `POST /api/v1/schedules/bulk`; the browser then goes back to
//! the list it came from, which says what happened (or why nothing did, with the rows still
//! checked). See `components::selection`.

use crate::auth::request::MaybeCaller;
use crate::components::selection::{back_with, safe_back, Preselected, SelectionOutcome, CONFIRM_DELETE_PATH};
use crate::components::sign_in_prompt::sign_in_url;
use crate::error::AppError;
use crate::pages::capitalised;
use crate::query_pairs::QueryPairs;
use crate::schedules::bulk::{BulkRequest, BulkVerb, BULK_IDS_MAX};
use crate::schedules::history::Change;
use crate::schedules::{bulk_service, tags, IdempotencyKey};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

/// What the form sent.
struct Sent {
    ids: Vec<i64>,
    action: Option<String>,
    tag: String,
    note: Option<String>,
    back: String,
    key: Option<String>,
    confirmed: bool,
}

impl Sent {
    fn read(body: &[u8]) -> Sent {
        let pairs = QueryPairs::parse(&String::from_utf8_lossy(body));
        Sent {
            // More than a bulk action takes are refused by its rule, not dropped here.
            ids: pairs.all("id").iter().filter_map(|id| id.trim().parse().ok()).take(BULK_IDS_MAX + 1).collect(),
            action: pairs.get("action").cloned(),
            tag: pairs.get("bulk_tag").cloned().unwrap_or_default(),
            note: pairs.get("note").cloned(),
            back: safe_back(pairs.get("back").map(String::as_str)),
            key: pairs.get("key").cloned().filter(|k| !k.is_empty()),
            confirmed: pairs.get("confirm").is_some_and(|c| c == "1"),
        }
    }

    /// The list again, with `outcome`; a refused action keeps the rows checked and the tag.
    fn back_to_list(&self, outcome: &SelectionOutcome) -> Response {
        let mut pairs = outcome.to_pairs();
        if let SelectionOutcome::Refused(_) = outcome {
            pairs.extend(Preselected::Ids(self.ids.clone()).param().map(|ids| ("select", ids)));
            if !self.tag.is_empty() {
                pairs.push(("bulk_tag", self.tag.clone()));
            }
        }
        Redirect::to(&back_with(&self.back, &pairs)).into_response()
    }
}

pub async fn act(State(state): State<AppState>, MaybeCaller(caller): MaybeCaller, body: Bytes) -> Response {
    let sent = Sent::read(&body);
    let Some(caller) = caller else {
        return Redirect::to(&sign_in_url(&sent.back)).into_response();
    };
    let refused = |message: String| sent.back_to_list(&SelectionOutcome::Refused(message));
    let Some(verb) = sent.action.as_deref().and_then(BulkVerb::parse) else {
        return refused("Choose what to do with the selected schedules.".into());
    };
    if sent.ids.is_empty() {
        return refused("Select at least one schedule first: the boxes beside the ids.".into());
    }
    let typed = tags::split_typed(&sent.tag);
    if verb.takes_tags() && typed.is_empty() {
        return refused(format!("Type the tag to {} first.", if verb == BulkVerb::Tag { "add" } else { "remove" }));
    }
    // Without its confirmation (a browser that ignores `formaction`), a delete goes there.
    if verb == BulkVerb::Delete && !sent.confirmed {
        let mut pairs: Vec<(&str, String)> = sent.ids.iter().map(|id| ("id", id.to_string())).collect();
        pairs.push(("back", sent.back.clone()));
        pairs.extend(sent.key.clone().map(|key| ("key", key)));
        return Redirect::to(&back_with(CONFIRM_DELETE_PATH, &pairs)).into_response();
    }
    let outcome = async {
        let request = BulkRequest::new(verb, sent.ids.clone(), if verb.takes_tags() { &typed } else { &[] })
            .map_err(|rule| AppError::InvalidPayload(capitalised(&rule)))?;
        let change = Change::with_note(caller.via.clone(), sent.note.as_deref())
            .map_err(|rule| AppError::InvalidPayload(format!("Why: {rule}")))?;
        let key = sent.key.as_deref().map(IdempotencyKey::new).transpose().map_err(AppError::InvalidPayload)?;
        let outcomes = bulk_service::act(&state.pool, &caller.user, &change, &request, key.as_ref()).await?;
        Ok::<_, AppError>(SelectionOutcome::Done {
            verb,
            count: outcomes.len(),
            changed: outcomes.iter().filter(|o| o.changed).count(),
            tags: request.tags,
            new_ids: outcomes.iter().filter_map(|o| o.new_id).collect(),
        })
    }
    .await;
    match outcome {
        Ok(done) => sent.back_to_list(&done),
        Err(error) => refused(capitalised(&error.to_string())),
    }
}
