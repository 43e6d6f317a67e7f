//! All SQL about users.

use super::{Login, User};
use sqlx::PgPool;

pub async fn insert(pool: &PgPool, username: &str, email: &str, password_hash: &str) -> Result<User, sqlx::Error> {
    sqlx::query_as!(
        User,
        "INSERT INTO users (username, email, password_hash) VALUES ($1, $2, $3) RETURNING id, username, email",
        username,
        email,
        password_hash
    )
    .fetch_one(pool)
    .await
}

/// A user with the stored password hash, for checking a login.
#[derive(sqlx::FromRow)]
struct LoginRow {
    id: i64,
    username: String,
    email: String,
    password_hash: String,
}

/// The user a login names, with the stored password hash.
pub async fn find_for_login(pool: &PgPool, login: &Login) -> Result<Option<(User, String)>, sqlx::Error> {
    let row = match login {
        Login::Username(name) => {
            sqlx::query_as!(
                LoginRow,
                "SELECT id, username, email, password_hash FROM users WHERE lower(username) = lower($1)",
                name
            )
            .fetch_optional(pool)
            .await?
        }
        Login::Email(email) => {
            sqlx::query_as!(
                LoginRow,
                "SELECT id, username, email, password_hash FROM users WHERE lower(email) = lower($1)",
                email
            )
            .fetch_optional(pool)
            .await?
        }
    };
    Ok(row.map(|row| (User { id: row.id, username: row.username, email: row.email }, row.password_hash)))
}

pub async fn list(pool: &PgPool) -> Result<Vec<User>, sqlx::Error> {
    sqlx::query_as!(User, "SELECT id, username, email FROM users ORDER BY id").fetch_all(pool).await
}
