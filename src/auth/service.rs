//! Accounts, logins, sessions and tokens: the rules, on top of the SQL in the sibling modules.

use super::keys::random_secret;
use super::TokenInfo;
use super::{check_new_account, password, sessions, throttle, tokens, users, Credentials, User};
use crate::error::AppError;
use crate::state::AppState;
use sqlx::PgPool;

/// Who sent a request, proven by a session cookie, a bearer token or inline credentials.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user: User,
}

/// Creates an account. It needs only the pool: the CLI's `user add` calls it with no server.
pub async fn register(pool: &PgPool, username: &str, email: &str, password: &str) -> Result<User, AppError> {
    check_new_account(username, email, password).map_err(AppError::InvalidPayload)?;
    let hash = password::hash(password.to_string()).await?;
    users::insert(pool, username, email, &hash).await.map_err(|e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            AppError::InvalidPayload("that username or email is already registered".into())
        }
        _ => AppError::from(e),
    })
}

/// Checks credentials, counting failures per client address and per account; refuses
/// (code 102) while either has too many recent failures.
pub async fn login(state: &AppState, credentials: &Credentials, client: &str) -> Result<User, AppError> {
    let settings = &state.settings;
    let account_key = credentials.login.throttle_key();
    let keys = [
        (format!("addr:{client}"), settings.login_limit_per_address),
        (account_key.clone(), settings.login_limit_per_account),
    ];
    if let Some(retry_after) = throttle::blocked_for(&state.pool, &keys, settings.login_window).await? {
        return Err(AppError::RateLimited { retry_after });
    }
    let found = if credentials.password.len() > super::PASSWORD_MAX_BYTES {
        None
    } else {
        users::find_for_login(&state.pool, &credentials.login).await?
    };
    let (user, stored) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let password = credentials.password.chars().take(super::PASSWORD_MAX_BYTES).collect();
    match (password::verify(password, stored).await?, user) {
        (true, Some(user)) => {
            throttle::clear(&state.pool, &account_key).await?;
            Ok(user)
        }
        _ => {
            throttle::record_failure(&state.pool, &keys, settings.login_window).await?;
            Err(AppError::LoginFailed)
        }
    }
}

/// Starts a session for `user`; returns the id for the cookie (never stored as is).
pub async fn start_session(state: &AppState, user: &User) -> Result<String, AppError> {
    let id = random_secret("");
    sessions::insert(&state.pool, &state.key.hash(&id), user.id, state.settings.session_absolute).await?;
    Ok(id)
}

pub async fn end_session(state: &AppState, id_hash: &[u8]) -> Result<(), AppError> {
    Ok(sessions::delete(&state.pool, id_hash).await?)
}

pub async fn session_caller(state: &AppState, session_id: &str) -> Result<Option<Caller>, AppError> {
    let id_hash = state.key.hash(session_id);
    let user = sessions::find_user(&state.pool, &id_hash, state.settings.session_idle).await?;
    Ok(user.map(|user| Caller { user }))
}

pub async fn token_caller(state: &AppState, token: &str) -> Result<Option<Caller>, AppError> {
    let user = tokens::find_user(&state.pool, &state.key.hash(token)).await?;
    Ok(user.map(|user| Caller { user }))
}

pub const TOKEN_PREFIX: &str = "kst_";

/// A new token: the returned secret is shown once; only its keyed hash is kept.
pub async fn create_token(
    state: &AppState,
    user: &User,
    name: &str,
    expires_in_days: Option<i64>,
) -> Result<(TokenInfo, String), AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(AppError::InvalidPayload("name must be 1 to 100 characters without control characters".into()));
    }
    if let Some(days) = expires_in_days {
        if !(1..=3650).contains(&days) {
            return Err(AppError::InvalidPayload("expires_in_days must be between 1 and 3650".into()));
        }
    }
    let secret = random_secret(TOKEN_PREFIX);
    let info = tokens::insert(&state.pool, user.id, name, &state.key.hash(&secret), expires_in_days).await?;
    Ok((info, secret))
}

pub async fn list_tokens(state: &AppState, user: &User) -> Result<Vec<TokenInfo>, AppError> {
    Ok(tokens::list(&state.pool, user.id).await?)
}

pub async fn revoke_token(state: &AppState, user: &User, id: i64) -> Result<(), AppError> {
    if tokens::revoke(&state.pool, user.id, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound(format!("you have no live token {id}")))
    }
}
