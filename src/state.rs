//! What every handler and server function can reach: the pool, the settings, the key.

use crate::auth::keys::SecretKey;
use crate::auth::service::{AuthContext, AuthPolicy};
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::PgPool;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    pub settings: Arc<Settings>,
    pub key: SecretKey,
}

impl AppState {
    /// The one way the server and the test harness put the state together.
    pub fn new(leptos_options: LeptosOptions, pool: PgPool, key: SecretKey, settings: Settings) -> Self {
        AppState { leptos_options, pool, settings: Arc::new(settings), key }
    }

    /// The part of the state the account rules use.
    pub fn auth(&self) -> AuthContext<'_> {
        AuthContext { pool: &self.pool, key: &self.key, policy: &self.settings.auth }
    }
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
    /// Session lifetimes and login throttling.
    pub auth: AuthPolicy,
    /// Days a deleted schedule stays restorable.
    pub keep_deleted_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            compat_http_500: false,
            allow_signup: true,
            secure_cookies: false,
            keep_deleted_days: crate::schedules::history_service::KEEP_DELETED_DAYS_DEFAULT,
            trust_proxy: false,
            auth: AuthPolicy::default(),
        }
    }
}
