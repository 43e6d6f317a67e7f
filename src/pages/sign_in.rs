use crate::pages::server_fns::accounts::{signup_allowed, SignIn};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/signin`: username or email and password; returns to the page in `?next=`. A plain
/// form: the server answers it, and sends a refusal back here with the login typed.
#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = query.with_untracked(|q| q.get("next")).unwrap_or_default();
    // What was typed, when a refused sign-in comes back (see `context::back_to_form`).
    let login = query.with_untracked(|q| q.get("login")).unwrap_or_default();
    let signup_next = next.clone();
    let signup = Resource::new(|| (), |_| signup_allowed());
    let error = action.value().get_untracked().and_then(Result::err).map(|e| e.to_string());
    view! {
        <leptos_meta::Title text="Sign in"/>
        <leptos_meta::Meta name="description" content="Sign in to create and change schedules."/>
        <h1>"Sign in"</h1>
        <ActionForm action attr:class="stack narrow">
            <input type="hidden" name="next" value=next/>
            <div class="field">
                <label for="login">"Username or email"</label>
                <input id="login" name="login" type="text" autocomplete="username" required value=login/>
            </div>
            <div class="field">
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
            </div>
            <p class="error" role="alert">{error}</p>
            <button type="submit">"Sign in"</button>
        </ActionForm>
        <Suspense>
            {move || Suspend::new({
                let next = signup_next.clone();
                async move {
                    signup.await.unwrap_or(false).then(|| {
                        let href = if next.is_empty() { "/signup".to_string() } else { format!("/signup?next={}", crate::components::list_url::encode_query_value(&next)) };
                        view! { <p>"No account yet? " <a href=href>"Sign up"</a></p> }
                    })
                }
            })}
        </Suspense>
    }
}
