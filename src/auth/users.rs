//! All SQL about users.

use super::{Login, User};
use sqlx::{PgPool, Row};

pub async fn insert(pool: &PgPool, username: &str, email: &str, password_hash: &str) -> Result<User, sqlx::Error> {
    let id = sqlx::query_scalar("INSERT INTO users (username, email, password_hash) VALUES ($1, $2, $3) RETURNING id")
        .bind(username)
        .bind(email)
        .bind(password_hash)
        .fetch_one(pool)
        .await?;
    Ok(User { id, username: username.to_string(), email: email.to_string() })
}

/// The user a login names, with the stored password hash.
pub async fn find_for_login(pool: &PgPool, login: &Login) -> Result<Option<(User, String)>, sqlx::Error> {
    let query = match login {
        Login::Username(name) => {
            sqlx::query("SELECT id, username, email, password_hash FROM users WHERE lower(username) = lower($1)")
                .bind(name)
        }
        Login::Email(email) => {
            sqlx::query("SELECT id, username, email, password_hash FROM users WHERE lower(email) = lower($1)")
                .bind(email)
        }
    };
    let Some(row) = query.fetch_optional(pool).await? else { return Ok(None) };
    Ok(Some((
        User { id: row.try_get("id")?, username: row.try_get("username")?, email: row.try_get("email")? },
        row.try_get("password_hash")?,
    )))
}

pub async fn list(pool: &PgPool) -> Result<Vec<User>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, username, email FROM users ORDER BY id").fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            Ok(User { id: row.try_get("id")?, username: row.try_get("username")?, email: row.try_get("email")? })
        })
        .collect()
}
