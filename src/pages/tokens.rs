use crate::auth::TokenInfo;
use crate::components::local_time::LocalTime;
use crate::pages::server_fns::accounts::{current_user, list_tokens, CreateToken, RevokeToken};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::Redirect;

/// The id of the tokens' table, which the creating island brings up to date.
const TOKEN_LIST: &str = "token-list";

/// `/settings/tokens`: personal API tokens. A new token is shown once, with a copy button.
/// Revoking is a plain form the server answers.
#[component]
pub fn TokensPage() -> impl IntoView {
    let user = Resource::new(|| (), |_| current_user());
    let tokens = Resource::new(|| (), |_| list_tokens());
    view! {
        <leptos_meta::Title text="API tokens"/>
        <leptos_meta::Meta name="description" content="Personal API tokens for scripts that call the Schedules API."/>
        <h1>"API tokens"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                if !matches!(user.await, Ok(Some(_))) {
                    return view! { <Redirect path=crate::components::sign_in_prompt::sign_in_url("/settings/tokens")/> }.into_any();
                }
                match tokens.await {
                    Ok(tokens) => view! {
                        <p>"Scripts can call the API with a token instead of a password: send "
                            <code>"Authorization: Bearer <token>"</code>"."</p>
                        <TokenCreator/>
                        <h2>"Your tokens"</h2>
                        <TokenTable tokens/>
                    }.into_any(),
                    Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TokenTable(tokens: Vec<TokenInfo>) -> impl IntoView {
    let revoke = ServerAction::<RevokeToken>::new();
    if tokens.is_empty() {
        return view! { <div id=TOKEN_LIST><p>"No tokens yet."</p></div> }.into_any();
    }
    view! {
        <div class="table-wrap" id=TOKEN_LIST>
            <table class="schedules">
                <thead><tr>
                    <th scope="col">"Name"</th><th scope="col">"Created"</th>
                    <th scope="col">"Expires"</th><th scope="col">"Last used"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr></thead>
                <tbody>
                    {tokens.into_iter().map(|token| view! {
                        <tr>
                            <td>{token.name.clone()}</td>
                            <td><LocalTime ts=token.created_at/></td>
                            <td>{match token.expires_at { Some(ts) => view! { <LocalTime ts/> }.into_any(), None => "never".into_any() }}</td>
                            <td>{match token.last_used_at { Some(ts) => view! { <LocalTime ts/> }.into_any(), None => "never".into_any() }}</td>
                            <td>
                                <ActionForm action=revoke attr:class="inline">
                                    <input type="hidden" name="id" value=token.id/>
                                    <button type="submit" class="danger" aria-label=format!("Revoke {}", token.name)>"Revoke"</button>
                                </ActionForm>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A token made in the browser: its name and the secret, shown this once.
#[derive(Clone, serde::Deserialize)]
struct Created {
    name: String,
    token: String,
}

/// Creating a token and copying it, an island. In the browser the form asks the JSON API
/// (`POST /api/v1/tokens`, with the session), shows the token once, and brings the table
/// below up to date from the server. Without JavaScript it is a plain POST, and the page
/// comes back with the list. Lazy: its code is loaded by this page only.
#[island(lazy)]
fn TokenCreator() -> impl IntoView {
    let root = crate::components::ready::lazy_island_root::<leptos::html::Form>();
    let name = NodeRef::<leptos::html::Input>::new();
    let days = NodeRef::<leptos::html::Input>::new();
    let created = RwSignal::new(None::<Created>);
    let error = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(name), Some(days)) = (name.get_untracked(), days.get_untracked()) else { return };
        let (name, days) = (name.value(), days.value());
        leptos::task::spawn_local(async move {
            match create(&name, &days).await {
                Ok(token) => {
                    error.set(None);
                    copied.set(false);
                    created.set(Some(token));
                    // Ready for the next one: the name made is in the notice and the table.
                    if let Some(form) = root.get_untracked() {
                        form.reset();
                    }
                    #[cfg(feature = "hydrate")]
                    crate::components::page_parts::refresh("/settings/tokens", &[TOKEN_LIST], &|| true).await;
                }
                Err(message) => error.set(Some(message)),
            }
        });
    };
    view! {
        <form method="post" action=CreateToken::url() class="stack narrow" node_ref=root data-waits="" on:submit=on_submit>
            <div class="field">
                <label for="token-name">"Name"</label>
                <input id="token-name" name="name" type="text" maxlength="100" required placeholder="e.g. deploy script" node_ref=name/>
            </div>
            <div class="field">
                <label for="token-days">"Expires after (days, empty for never)"</label>
                <input id="token-days" name="expires_in_days" type="number" min="1" max="3650" inputmode="numeric" node_ref=days/>
            </div>
            <p class="error" role="alert">{move || error.get()}</p>
            <button type="submit">"Create token"</button>
        </form>
        {move || created.get().map(|Created { name, token }| {
            let to_copy = token.clone();
            view! {
                <div class="notice" role="status">
                    <p>"Token " <strong>{name}</strong> " created. Copy it now: it will not be shown again."</p>
                    <div class="row">
                        <input id="new-token" class="curl" type="text" readonly aria-label="New token" prop:value=token/>
                        <button type="button" on:click=move |_| { copy_to_clipboard(&to_copy); copied.set(true); }>
                            {move || if copied.get() { "Copied" } else { "Copy" }}
                        </button>
                    </div>
                </div>
            }
        })}
    }
}

/// `POST /api/v1/tokens` with the session: the new token, or the API's message.
async fn create(name: &str, days: &str) -> Result<Created, String> {
    #[cfg(feature = "hydrate")]
    {
        let days = days.trim();
        let expires = if days.is_empty() {
            serde_json::Value::Null
        } else {
            days.parse::<i64>().map(Into::into).unwrap_or_else(|_| days.into())
        };
        let body = serde_json::json!({ "name": name, "expires_in_days": expires });
        let request = gloo_net::http::Request::post("/api/v1/tokens").json(&body).map_err(|e| e.to_string())?;
        let response = request.send().await.map_err(|e| e.to_string())?;
        if response.ok() {
            return response.json::<Created>().await.map_err(|e| e.to_string());
        }
        #[derive(serde::Deserialize)]
        struct Refusal {
            msg: String,
        }
        Err(response.json::<Refusal>().await.map(|r| r.msg).unwrap_or_else(|e| e.to_string()))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (name, days);
        Err("created by the browser".into())
    }
}

fn copy_to_clipboard(text: &str) {
    #[cfg(feature = "hydrate")]
    {
        let clipboard = leptos::prelude::window().navigator().clipboard();
        let _ = clipboard.write_text(text);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = text;
}
