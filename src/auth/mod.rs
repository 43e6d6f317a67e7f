//! Users and how a request proves who sent it: sessions (browser), API tokens (scripts)
//! and inline credentials (the Kragle.io `{"auth", "payload"}` envelope).

#[cfg(feature = "ssr")]
pub mod keys;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod tokens;
#[cfg(feature = "ssr")]
pub mod users;

use serde::{Deserialize, Serialize};

/// A user as others may see it: never the password hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, sqlx::FromRow))]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
}

/// How a caller proved who they are, as a schedule's history records it: a browser
/// session, an API token (its id and name, as they were at the time), the inline
/// credentials of the Kragle.io envelope, or (for the versions a schedule was given when
/// history began) the migration that made them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Via {
    Session,
    Token { token_id: i64, token_name: String },
    Inline,
    Migration,
}

impl Via {
    /// The name the database stores for the kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Via::Session => "session",
            Via::Token { .. } => "token",
            Via::Inline => "inline",
            Via::Migration => "migration",
        }
    }
}

/// An API token as its owner may list it: never the token itself, which is shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, sqlx::FromRow))]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    /// Unix seconds.
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

/// What a login names: a username or an email (if both are given, the username wins).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credentials {
    pub login: Login,
    pub password: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Login {
    Username(String),
    Email(String),
}

impl Login {
    /// The account key login throttling counts failures under.
    pub fn throttle_key(&self) -> String {
        match self {
            Login::Username(name) => format!("user:{}", name.to_lowercase()),
            Login::Email(email) => format!("email:{}", email.to_lowercase()),
        }
    }
}

pub const PASSWORD_MIN_CHARS: usize = 8;
/// Bounds the work a single hash can cost.
pub const PASSWORD_MAX_BYTES: usize = 1024;

/// Rules for a new account, shared with the sign-up form.
pub fn check_new_account(username: &str, email: &str, password: &str) -> Result<(), String> {
    let username_ok = (1..=64).contains(&username.len())
        && username.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if !username_ok {
        return Err("username must be 1 to 64 letters, digits, '_', '.' or '-'".into());
    }
    let email_ok = (3..=254).contains(&email.chars().count())
        && email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty() && !domain.contains('@'))
        && !email.chars().any(char::is_whitespace);
    if !email_ok {
        return Err("email must look like name@example.com".into());
    }
    if password.chars().count() < PASSWORD_MIN_CHARS {
        return Err(format!("password must be at least {PASSWORD_MIN_CHARS} characters"));
    }
    if password.len() > PASSWORD_MAX_BYTES {
        return Err(format!("password must be at most {PASSWORD_MAX_BYTES} bytes"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_new_account;

    #[test]
    fn account_rules() {
        assert!(check_new_account("ada", "ada@example.com", "correct horse").is_ok());
        assert!(check_new_account("", "ada@example.com", "correct horse").is_err());
        assert!(check_new_account("a b", "ada@example.com", "correct horse").is_err());
        assert!(check_new_account("ada", "ada.example.com", "correct horse").is_err());
        assert!(check_new_account("ada", "ada@example.com", "short").is_err());
    }
}
