//! Accounts, logins, sessions and tokens: the rules, on top of the SQL in the sibling modules.

use super::keys::random_secret;
use super::keys::SecretKey;
use super::TokenInfo;
use super::{check_new_account, password, sessions, throttle, tokens, users, Credentials, User, Via};
use crate::error::AppError;
use sqlx::PgPool;
use std::time::Duration;

/// How long sessions live and how many failed logins are borne (see `serve --help`).
#[derive(Clone, Debug)]
pub struct AuthPolicy {
    pub session_idle: Duration,
    pub session_absolute: Duration,
    pub login_window: Duration,
    pub login_limit_per_account: u32,
    pub login_limit_per_address: u32,
}

impl Default for AuthPolicy {
    fn default() -> Self {
        AuthPolicy {
            session_idle: Duration::from_secs(7 * 24 * 3600),
            session_absolute: Duration::from_secs(30 * 24 * 3600),
            login_window: Duration::from_secs(15 * 60),
            login_limit_per_account: 10,
            login_limit_per_address: 100,
        }
    }
}

/// What the account rules work with, and nothing more: the database, the key that hashes
/// every secret kept (session ids, tokens), and the policy.
#[derive(Clone, Copy)]
pub struct AuthContext<'a> {
    pub pool: &'a PgPool,
    pub key: &'a SecretKey,
    pub policy: &'a AuthPolicy,
}

/// Who sent a request, proven by a session cookie, a bearer token or inline credentials.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user: User,
    pub via: Via,
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
pub async fn login(auth: AuthContext<'_>, credentials: &Credentials, client: &str) -> Result<User, AppError> {
    let policy = auth.policy;
    let account_key = credentials.login.throttle_key();
    let keys = [
        (format!("addr:{client}"), policy.login_limit_per_address),
        (account_key.clone(), policy.login_limit_per_account),
    ];
    if let Some(retry_after) = throttle::blocked_for(auth.pool, &keys, policy.login_window).await? {
        return Err(AppError::RateLimited { retry_after });
    }
    let found = if credentials.password.len() > super::PASSWORD_MAX_BYTES {
        None
    } else {
        users::find_for_login(auth.pool, &credentials.login).await?
    };
    let (user, stored) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let password = credentials.password.chars().take(super::PASSWORD_MAX_BYTES).collect();
    match (password::verify(password, stored).await?, user) {
        (true, Some(user)) => {
            throttle::clear(auth.pool, &account_key).await?;
            Ok(user)
        }
        _ => {
            throttle::record_failure(auth.pool, &keys, policy.login_window).await?;
            Err(AppError::LoginFailed)
        }
    }
}

/// Starts a session for `user`; returns the id for the cookie (never stored as is).
pub async fn start_session(auth: AuthContext<'_>, user: &User) -> Result<String, AppError> {
    let id = random_secret("");
    sessions::insert(auth.pool, &auth.key.hash(&id), user.id, auth.policy.session_absolute).await?;
    Ok(id)
}

pub async fn end_session(auth: AuthContext<'_>, id_hash: &[u8]) -> Result<(), AppError> {
    Ok(sessions::delete(auth.pool, id_hash).await?)
}

pub async fn session_caller(auth: AuthContext<'_>, session_id: &str) -> Result<Option<Caller>, AppError> {
    let id_hash = auth.key.hash(session_id);
    let user = sessions::find_user(auth.pool, &id_hash, auth.policy.session_idle).await?;
    Ok(user.map(|user| Caller { user, via: Via::Session }))
}

pub async fn token_caller(auth: AuthContext<'_>, token: &str) -> Result<Option<Caller>, AppError> {
    let found = tokens::find_user(auth.pool, &auth.key.hash(token)).await?;
    Ok(found.map(|(user, token)| Caller { user, via: Via::Token { token_id: token.id, token_name: token.name } }))
}

pub const TOKEN_PREFIX: &str = "kst_";

/// A new token: the returned secret is shown once; only its keyed hash is kept.
pub async fn create_token(
    auth: AuthContext<'_>,
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
    let info = tokens::insert(auth.pool, user.id, name, &auth.key.hash(&secret), expires_in_days).await?;
    Ok((info, secret))
}

pub async fn list_tokens(pool: &PgPool, user: &User) -> Result<Vec<TokenInfo>, AppError> {
    Ok(tokens::list(pool, user.id).await?)
}

pub async fn revoke_token(pool: &PgPool, user: &User, id: i64) -> Result<(), AppError> {
    if tokens::revoke(pool, user.id, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound(format!("you have no live token {id}")))
    }
}
