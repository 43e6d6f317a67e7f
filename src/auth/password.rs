//! Argon2id password hashes, computed on the blocking pool so they never stall the runtime.

use crate::error::AppError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

/// OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

/// Checks `password` against `stored`, or against a hash of nothing when there is no such
/// user, so that an unknown user and a wrong password take the same time.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let known = stored.is_some();
    let stored = match stored {
        Some(stored) => stored,
        None => decoy_hash().await?,
    };
    let matches = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|hash| argon2().verify_password(password.as_bytes(), &hash).is_ok())
            .unwrap_or(false)
    })
    .await
    .map_err(AppError::internal)?;
    Ok(known && matches)
}

async fn decoy_hash() -> Result<String, AppError> {
    static DECOY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DECOY.get() {
        return Ok(hash.clone());
    }
    let hash = hash(crate::auth::keys::random_secret("decoy")).await?;
    Ok(DECOY.get_or_init(|| hash).clone())
}
