//! What every handler and server function can reach: the pool, the settings, the key.

use crate::auth::keys::SecretKey;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::PgPool;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    pub settings: Arc<Settings>,
    pub key: SecretKey,
}

/// Behaviour a deployment may choose (see `kragle-schedules serve --help`).
#[derive(Clone, Debug)]
pub struct Settings {
    /// Answer every API error with HTTP 500, as the original Kragle.io service did.
    pub compat_http_500: bool,
    /// Whether anyone may create an account from the browser.
    pub allow_signup: bool,
    /// Mark the session cookie `Secure` (the site is served over TLS).
    pub secure_cookies: bool,
    /// Believe `X-Forwarded-For` / `X-Forwarded-Proto` from a reverse proxy in front.
    pub trust_proxy: bool,
    pub session_idle: Duration,
    pub session_absolute: Duration,
    pub login_window: Duration,
    pub login_limit_per_account: u32,
    pub login_limit_per_address: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            compat_http_500: false,
            allow_signup: true,
            secure_cookies: false,
            trust_proxy: false,
            session_idle: Duration::from_secs(7 * 24 * 3600),
            session_absolute: Duration::from_secs(30 * 24 * 3600),
            login_window: Duration::from_secs(15 * 60),
            login_limit_per_account: 10,
            login_limit_per_address: 100,
        }
    }
}
