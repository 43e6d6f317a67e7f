use crate::auth::{check_new_account, PASSWORD_MIN_CHARS};
use crate::pages::server_fns::accounts::{signup_allowed, SignUp};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/signup`, when the site allows it: the account rules are checked as you type, with the
/// same function the server uses.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let next = use_query_map().with_untracked(|q| q.get("next")).unwrap_or_default();
    let allowed = Resource::new(|| (), |_| signup_allowed());
    let username = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let local_error = move || {
        touched.get().then(|| check_new_account(&username.get(), &email.get(), &password.get()).err()).flatten()
    };
    let server_error = move || action.value().get().and_then(Result::err).map(|e| e.to_string());
    view! {
        <leptos_meta::Title text="Sign up"/>
        <leptos_meta::Meta name="description" content="Create an account to manage your own schedules."/>
        <h1>"Sign up"</h1>
        <Suspense>
            {move || {
                let next = next.clone();
                Suspend::new(async move {
                    if !allowed.await.unwrap_or(false) {
                        return view! { <p>"Sign-up is closed on this site. Ask an administrator for an account."</p> }.into_any();
                    }
                    view! {
                        <ActionForm action attr:class="stack narrow">
                            <input type="hidden" name="next" value=next/>
                            <div class="field">
                                <label for="username">"Username"</label>
                                <input id="username" name="username" type="text" autocomplete="username" required
                                    aria-describedby="account-error"
                                    on:input=move |ev| { touched.set(true); username.set(event_target_value(&ev)); }/>
                            </div>
                            <div class="field">
                                <label for="email">"Email"</label>
                                <input id="email" name="email" type="email" autocomplete="email" required
                                    aria-describedby="account-error"
                                    on:input=move |ev| { touched.set(true); email.set(event_target_value(&ev)); }/>
                            </div>
                            <div class="field">
                                <label for="new-password">{format!("Password (at least {PASSWORD_MIN_CHARS} characters)")}</label>
                                <input id="new-password" name="password" type="password" autocomplete="new-password" required
                                    aria-describedby="account-error"
                                    on:input=move |ev| { touched.set(true); password.set(event_target_value(&ev)); }/>
                            </div>
                            <p id="account-error" class="error" role="alert">{move || server_error().or_else(local_error)}</p>
                            <button type="submit">"Create account"</button>
                        </ActionForm>
                        <p>"Have an account? " <a href="/signin">"Sign in"</a></p>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
