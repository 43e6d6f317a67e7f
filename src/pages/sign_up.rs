use crate::auth::{check_new_account, PASSWORD_MIN_CHARS};
use crate::pages::server_fns::accounts::{signup_allowed, SignUp};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/signup`, when the site allows it.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let next = use_query_map().with_untracked(|q| q.get("next")).unwrap_or_default();
    let action = ServerAction::<SignUp>::new();
    let allowed = Resource::new(|| (), |_| signup_allowed());
    // Why the server refused the form, and what was typed (never the password), sent back
    // in the URL (see `context::back_to_form`).
    let query = use_query_map();
    let refused = ServerAction::<SignUp>::new().value().get_untracked().and_then(Result::err).map(|e| e.to_string());
    let typed = query.with_untracked(|q| (q.get("username").unwrap_or_default(), q.get("email").unwrap_or_default()));
    view! {
        <leptos_meta::Title text="Sign up"/>
        <leptos_meta::Meta name="description" content="Create an account to manage your own schedules."/>
        <h1>"Sign up"</h1>
        <Suspense>
            {move || {
                let (next, refused, (username, email)) = (next.clone(), refused.clone(), typed.clone());
                Suspend::new(async move {
                    if !allowed.await.unwrap_or(false) {
                        return view! { <p>"Sign-up is closed on this site. Ask an administrator for an account."</p> }.into_any();
                    }
                    view! {
                        <ActionForm action attr:class="stack narrow">
                            <input type="hidden" name="next" value=next/>
                            <SignUpChecks username email refused/>
                        </ActionForm>
                        <p>"Have an account? " <a href="/signin">"Sign in"</a></p>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}

/// The sign-up form's fields and its message, an island: the account rules are checked as
/// you type, with the same function the server uses. The form around it is a plain POST.
/// Lazy: its code is loaded by this page only.
#[island(lazy)]
fn SignUpChecks(username: String, email: String, refused: Option<String>) -> impl IntoView {
    let root = crate::components::ready::lazy_island_root::<leptos::html::Div>();
    let (first_username, first_email) = (username.clone(), email.clone());
    let username = RwSignal::new(username);
    let email = RwSignal::new(email);
    let password = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    // The server's message until something is typed, then the browser's own.
    let message = move || {
        if touched.get() {
            check_new_account(&username.get(), &email.get(), &password.get()).err()
        } else {
            refused.clone()
        }
    };
    view! {
        <div class="stack" node_ref=root data-waits="">
            <div class="field">
                <label for="username">"Username"</label>
                <input id="username" name="username" type="text" autocomplete="username" required value=first_username
                    aria-describedby="account-error"
                    on:input=move |ev| { touched.set(true); username.set(event_target_value(&ev)); }/>
            </div>
            <div class="field">
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required value=first_email
                    aria-describedby="account-error"
                    on:input=move |ev| { touched.set(true); email.set(event_target_value(&ev)); }/>
            </div>
            <div class="field">
                <label for="new-password">{format!("Password (at least {PASSWORD_MIN_CHARS} characters)")}</label>
                <input id="new-password" name="password" type="password" autocomplete="new-password" required
                    aria-describedby="account-error"
                    on:input=move |ev| { touched.set(true); password.set(event_target_value(&ev)); }/>
            </div>
            <p id="account-error" class="error" role="alert">{message}</p>
            <button type="submit">"Create account"</button>
        </div>
    }
}
