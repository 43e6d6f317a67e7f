//! Server functions for signing in and out, signing up and API tokens.

use crate::auth::{TokenInfo, User};
use crate::error::AppError;
use leptos::server;

#[server]
pub async fn current_user() -> Result<Option<User>, AppError> {
    crate::context::with_error_status(
        async move {
            let (_, caller) = crate::context::state_and_caller().await?;
            Ok(caller.map(|c| c.user))
        }
        .await,
    )
}

/// Whether the sign-up page is open (a deployment may close it).
#[server]
pub async fn signup_allowed() -> Result<bool, AppError> {
    crate::context::with_error_status(
        async move {
            let (state, _) = crate::context::state_and_parts().await?;
            Ok(state.settings.allow_signup)
        }
        .await,
    )
}

/// Signs in with a username or an email, then returns to `next` (a path on this site). A
/// plain form POST refused goes back to the form with the login typed (never the password).
#[server]
pub async fn sign_in(login: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let result = async {
        use crate::auth::{Credentials, Login};
        let (state, parts) = crate::context::state_and_parts().await?;
        crate::auth::request::require_same_origin(&parts.headers)?;
        let login = if login.contains('@') {
            Login::Email(login.trim().to_string())
        } else {
            Login::Username(login.trim().to_string())
        };
        let client = crate::auth::request::client_address(&state, &parts);
        let user = crate::auth::service::login(state.auth(), &Credentials { login, password }, &client).await?;
        start_session_and_go(&state, &parts, &user, next.clone()).await
    }
    .await;
    if let Err(error) = &result {
        let pairs = [("next", next.as_deref().unwrap_or_default()), ("login", login.as_str())];
        crate::context::back_to_form::<SignIn>(&pairs, error);
    }
    crate::context::with_error_status(result)
}

/// Opens an account and signs it in, then returns to `next`. A refusal goes back to the form
/// with what was typed but the password.
#[server]
pub async fn sign_up(username: String, email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let result = async {
        let (state, parts) = crate::context::state_and_parts().await?;
        crate::auth::request::require_same_origin(&parts.headers)?;
        if !state.settings.allow_signup {
            return Err(AppError::Forbidden(
                "sign-up is closed on this site; ask an administrator for an account".into(),
            ));
        }
        let user = crate::auth::service::register(&state.pool, username.trim(), email.trim(), &password).await?;
        start_session_and_go(&state, &parts, &user, next.clone()).await
    }
    .await;
    if let Err(error) = &result {
        let pairs =
            [("next", next.as_deref().unwrap_or_default()), ("username", username.as_str()), ("email", email.as_str())];
        crate::context::back_to_form::<SignUp>(&pairs, error);
    }
    crate::context::with_error_status(result)
}

#[cfg(feature = "ssr")]
async fn start_session_and_go(
    state: &crate::state::AppState,
    parts: &axum::http::request::Parts,
    user: &User,
    next: Option<String>,
) -> Result<(), AppError> {
    let cookie = crate::auth::request::begin_session(state, parts, user).await?;
    crate::context::set_header(axum::http::header::SET_COOKIE, cookie);
    leptos_axum::redirect(&local_path(next.as_deref()));
    Ok(())
}

/// `next` if it is a path on this site, else the schedule list: never an open redirect.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => path.to_string(),
        _ => "/schedules".to_string(),
    }
}

#[server]
pub async fn sign_out() -> Result<(), AppError> {
    crate::context::with_error_status(
        async move {
            let (state, parts) = crate::context::state_and_parts().await?;
            let cookie = crate::auth::request::end_session(&state, &parts).await?;
            crate::context::set_header(axum::http::header::SET_COOKIE, cookie);
            leptos_axum::redirect("/schedules");
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn list_tokens() -> Result<Vec<TokenInfo>, AppError> {
    crate::context::with_error_status(
        async move {
            let (state, user) = crate::context::state_and_user().await?;
            crate::auth::service::list_tokens(&state.pool, &user).await
        }
        .await,
    )
}

/// A new token; the secret is in the answer this once only.
#[server]
pub async fn create_token(name: String, expires_in_days: String) -> Result<(TokenInfo, String), AppError> {
    crate::context::with_error_status(
        async move {
            let (state, user) = crate::context::state_and_user().await?;
            let expires_in_days = match expires_in_days.trim() {
                "" => None,
                days => Some(
                    days.parse()
                        .map_err(|_| AppError::InvalidPayload("expiry must be a whole number of days".into()))?,
                ),
            };
            crate::auth::service::create_token(state.auth(), &user, &name, expires_in_days).await
        }
        .await,
    )
}

#[server]
pub async fn revoke_token(id: i64) -> Result<(), AppError> {
    crate::context::with_error_status(
        async move {
            let (state, user) = crate::context::state_and_user().await?;
            crate::auth::service::revoke_token(&state.pool, &user, id).await
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_is_always_local() {
        use super::local_path;
        assert_eq!(local_path(Some("/schedules/3")), "/schedules/3");
        assert_eq!(local_path(Some("//evil.example")), "/schedules");
        assert_eq!(local_path(Some("https://evil.example")), "/schedules");
        assert_eq!(local_path(Some("/\\evil.example")), "/schedules");
        assert_eq!(local_path(None), "/schedules");
    }
}
