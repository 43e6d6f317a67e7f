use crate::components::local_time::LocalTime;
use crate::pages::server_fns::accounts::{current_user, list_tokens, CreateToken, RevokeToken};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// `/settings/tokens`: personal API tokens. A new token is shown once, with a copy button.
#[component]
pub fn TokensPage() -> impl IntoView {
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let user = Resource::new(|| (), |_| current_user());
    let tokens = Resource::new(move || (create.version().get(), revoke.version().get()), |_| list_tokens());
    let created = move || create.value().get().and_then(Result::ok);
    let create_error = move || create.value().get().and_then(Result::err).map(|e| e.to_string());
    let copied = RwSignal::new(false);

    view! {
        <leptos_meta::Title text="API tokens"/>
        <leptos_meta::Meta name="description" content="Personal API tokens for scripts that call the Schedules API."/>
        <h1>"API tokens"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                if !matches!(user.await, Ok(Some(_))) {
                    return view! { <Redirect path="/signin?next=%2Fsettings%2Ftokens"/> }.into_any();
                }
                view! {
                    <p>"Scripts can call the API with a token instead of a password: send "
                        <code>"Authorization: Bearer <token>"</code>"."</p>
                    <ActionForm action=create attr:class="stack narrow">
                        <div class="field">
                            <label for="token-name">"Name"</label>
                            <input id="token-name" name="name" type="text" maxlength="100" required placeholder="e.g. deploy script"/>
                        </div>
                        <div class="field">
                            <label for="token-days">"Expires after (days, empty for never)"</label>
                            <input id="token-days" name="expires_in_days" type="number" min="1" max="3650" inputmode="numeric"/>
                        </div>
                        <p class="error" role="alert">{create_error}</p>
                        <button type="submit">"Create token"</button>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
        {move || created().map(|(info, secret)| {
            let to_copy = secret.clone();
            view! {
                <div class="notice" role="status">
                    <p>"Token " <strong>{info.name}</strong> " created. Copy it now: it will not be shown again."</p>
                    <div class="row">
                        <input id="new-token" class="curl" type="text" readonly aria-label="New token" prop:value=secret/>
                        <button type="button" on:click=move |_| { copy_to_clipboard(&to_copy); copied.set(true); }>
                            {move || if copied.get() { "Copied" } else { "Copy" }}
                        </button>
                    </div>
                </div>
            }
        })}
        <h2>"Your tokens"</h2>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match tokens.await {
                    Ok(list) if list.is_empty() => view! { <p>"No tokens yet."</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-wrap">
                            <table class="schedules">
                                <thead><tr>
                                    <th scope="col">"Name"</th><th scope="col">"Created"</th>
                                    <th scope="col">"Expires"</th><th scope="col">"Last used"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|token| view! {
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
                    }.into_any(),
                    Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
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
