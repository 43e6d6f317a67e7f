//! The one error type of the product.
//!
//! Every failure, from the JSON API, the server functions or the domain, is an [`AppError`].
//! It knows its Kragle.io error code and its HTTP status; on the server it renders as the
//! contract's `{"code", "msg"}` body. The message never carries internals: causes are
//! logged where the error is made (see [`AppError::internal`]).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Code 1: a query parameter or path id is not acceptable.
    #[error("{0}")]
    BadQuery(String),
    /// Code 2: the body is not valid JSON.
    #[error("{0}")]
    BadJson(String),
    /// Code 2 with HTTP 415: the body was not sent as a type the route reads (JSON, for
    /// every route but the import).
    #[error("{0}")]
    WrongMediaType(String),
    /// Code 3: failed login.
    #[error("that user does not exist or the password is incorrect")]
    LoginFailed,
    /// Code 1 with HTTP 405: the route exists, the method does not.
    #[error("that method is not allowed on this route")]
    MethodNotAllowed,
    /// Code 4: the payload is not right for the operation.
    #[error("{0}")]
    InvalidPayload(String),
    /// Code 26: the `config` element is not valid (its shape, its keys, its values, or how
    /// it fits `once`).
    #[error("{0}")]
    InvalidConfig(String),
    /// Broken rules of a schedule, each on its field (so a form shows it beside the field;
    /// the API's message joins their API wordings): code 26 when every one is in `config`,
    /// else code 4.
    #[error("{}", join_messages(.0))]
    InvalidFields(Vec<crate::field_error::FieldError>),
    /// Code 4 with HTTP 413: the body is over the route's limit, in bytes.
    #[error("the request body is larger than {}", size_in_words(*.0))]
    PayloadTooLarge(usize),
    /// Code 4: a bulk action names schedules it cannot act on, so it did nothing. The body
    /// lists each of them (`refused`).
    #[error("{}", crate::schedules::bulk::refused_message(.0))]
    Refused(Vec<crate::schedules::bulk::Refusal>),
    /// Code 4: an import with an error among its entries, so nothing was created. The body
    /// lists every entry (`entries`), as a dry run would.
    #[error("{}", crate::schedules::import::refused_message(.0))]
    ImportRefused(Vec<crate::schedules::import::ImportEntry>),
    /// Code 6: no such object.
    #[error("{0}")]
    NotFound(String),
    /// Code 100: authentication is required and none (valid) was given.
    #[error("authentication required: sign in, send inline auth, or an Authorization: Bearer token")]
    AuthRequired,
    /// Code 101: authenticated, but not allowed.
    #[error("{0}")]
    Forbidden(String),
    /// Code 102: too many requests; the client may retry after that many seconds.
    #[error("too many attempts; try again in {retry_after} seconds")]
    RateLimited { retry_after: u64 },
    /// Code 103: `If-Match` names a version that is no longer current.
    #[error("the schedule was changed by someone else since you read it; reload it and try again")]
    VersionMismatch,
    /// Code 104: the database cannot be reached.
    #[error("the service is temporarily unavailable; try again shortly")]
    Unavailable,
    /// Code 105: anything unexpected. The cause is in the server log, never in the answer.
    #[error("an unexpected error occurred")]
    Internal,
}

/// Kragle.io's codes run from 1 to 27; the product's own start here, so none of them can
/// be mistaken for one of Kragle's.
pub const FIRST_OWN_CODE: u16 = 100;

impl AppError {
    /// The error code: Kragle.io's where it has one (1, 2, 3, 4, 6, 26), else the product's
    /// own, from [`FIRST_OWN_CODE`].
    pub fn code(&self) -> u16 {
        match self {
            AppError::BadQuery(_) | AppError::MethodNotAllowed => 1,
            AppError::BadJson(_) | AppError::WrongMediaType(_) => 2,
            AppError::LoginFailed => 3,
            AppError::InvalidPayload(_)
            | AppError::PayloadTooLarge(_)
            | AppError::Refused(_)
            | AppError::ImportRefused(_) => 4,
            AppError::InvalidFields(errors) if errors.iter().all(|e| e.field.is_config()) => 26,
            AppError::InvalidFields(_) => 4,
            AppError::NotFound(_) => 6,
            AppError::InvalidConfig(_) => 26,
            AppError::AuthRequired => 100,
            AppError::Forbidden(_) => 101,
            AppError::RateLimited { .. } => 102,
            AppError::VersionMismatch => 103,
            AppError::Unavailable => 104,
            AppError::Internal => 105,
        }
    }

    /// The meaningful HTTP status (the compatibility switch may replace it with 500).
    pub fn status(&self) -> u16 {
        match self {
            AppError::BadQuery(_) | AppError::BadJson(_) => 400,
            AppError::WrongMediaType(_) => 415,
            AppError::MethodNotAllowed => 405,
            AppError::LoginFailed | AppError::AuthRequired => 401,
            AppError::InvalidPayload(_)
            | AppError::InvalidConfig(_)
            | AppError::InvalidFields(_)
            | AppError::Refused(_)
            | AppError::ImportRefused(_) => 422,
            AppError::PayloadTooLarge(_) => 413,
            AppError::NotFound(_) => 404,
            AppError::Forbidden(_) => 403,
            AppError::RateLimited { .. } => 429,
            AppError::VersionMismatch => 412,
            AppError::Unavailable => 503,
            AppError::Internal => 500,
        }
    }

    /// One error of every kind with what it means to a client: the table of codes on the API
    /// reference page, and what the tests walk to hold every code to the contract.
    pub fn catalogue() -> Vec<(AppError, &'static str)> {
        use crate::field_error::{Field, FieldError};
        let text = String::new;
        let field = |field| FieldError::new(field, "", "");
        vec![
            (AppError::BadQuery(text()), "bad query parameter or path id"),
            (AppError::MethodNotAllowed, "that method is not allowed on this route"),
            (AppError::BadJson(text()), "the body is not valid JSON"),
            (AppError::not_json(), "the body was not sent as JSON (or, to an import, as a type it reads)"),
            (AppError::LoginFailed, "no such user, or wrong password"),
            (AppError::InvalidPayload(text()), "the payload is not valid for the operation: unknown keys, config missing, name or once of the wrong type"),
            (AppError::PayloadTooLarge(64 * 1024), "the body is over 64 KiB (an import's: over 1 MiB)"),
            (AppError::Refused(Vec::new()), "a bulk action names schedules that do not exist or are not yours: nothing changed, each one listed in refused"),
            (AppError::ImportRefused(Vec::new()), "an import has entries with errors: nothing was created, every entry listed in entries"),
            (AppError::InvalidFields(vec![field(Field::Name), field(Field::Period)]), "the schedule breaks rules, not all of them in config"),
            (AppError::NotFound(text()), "no such schedule, token or route"),
            (AppError::InvalidConfig(text()), "the config element of the schedule is not valid"),
            (AppError::InvalidFields(vec![field(Field::Period)]), "the schedule's config breaks rules: its values, or how they fit once"),
            (AppError::AuthRequired, "authentication required"),
            (AppError::Forbidden(text()), "not allowed: not the owner, or a cross-site request"),
            (AppError::RateLimited { retry_after: 1 }, "too many failed logins; see Retry-After"),
            (AppError::VersionMismatch, "If-Match does not match the current version"),
            (AppError::Unavailable, "the database is unreachable; try again"),
            (AppError::Internal, "unexpected error"),
        ]
    }

    /// Code 2 with HTTP 415: what every route but the import answers to a body not sent as JSON.
    pub fn not_json() -> Self {
        AppError::WrongMediaType("the request body must be JSON, sent with Content-Type: application/json".into())
    }

    pub fn schedule_not_found(id: i64) -> Self {
        AppError::NotFound(format!("schedule {id} does not exist"))
    }

    pub fn not_owner() -> Self {
        AppError::Forbidden("only the owner of this schedule may change or delete it".into())
    }

    /// Logs an unexpected cause and returns the generic error that hides it.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        AppError::Internal
    }

    /// A row this transaction just wrote is gone: a bug, never the client's doing.
    #[cfg(feature = "ssr")]
    pub fn internal_missing_row() -> Self {
        Self::internal("a row written in this transaction could not be read back")
    }
}

/// A body limit in words: `64 KiB`, `1 MiB`.
fn size_in_words(bytes: usize) -> String {
    match bytes {
        b if b >= 1024 * 1024 && b % (1024 * 1024) == 0 => format!("{} MiB", b / (1024 * 1024)),
        b if b >= 1024 && b % 1024 == 0 => format!("{} KiB", b / 1024),
        b => format!("{b} bytes"),
    }
}

/// The API's wording of every broken rule, in one message (forms show each `form_message`
/// beside its field instead).
fn join_messages(errors: &[crate::field_error::FieldError]) -> String {
    errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; ")
}

/// The contract's error body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: u16,
    pub msg: String,
    /// (beyond) Of a refused bulk action only: each schedule it could not act on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ssr", schema(required = false))]
    pub refused: Vec<crate::schedules::bulk::Refusal>,
    /// (beyond) Of an import refused for its errors only: every entry, as a dry run lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ssr", schema(required = false))]
    pub entries: Vec<crate::schedules::import::ImportEntry>,
}

impl From<&AppError> for ErrorBody {
    fn from(error: &AppError) -> Self {
        let refused = match error {
            AppError::Refused(refused) => refused.clone(),
            _ => Vec::new(),
        };
        let entries = match error {
            AppError::ImportRefused(entries) => entries.clone(),
            _ => Vec::new(),
        };
        ErrorBody { code: error.code(), msg: error.to_string(), refused, entries }
    }
}

/// Server functions fail with [`AppError`] too, so the browser sees the same codes and
/// messages as API clients.
impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Args(msg) | E::MissingArg(msg) => AppError::InvalidPayload(msg),
            E::Request(_) => AppError::Unavailable,
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::{AppError, ErrorBody};
    use axum::http::{header, HeaderValue, StatusCode};
    use axum::response::{IntoResponse, Response};

    impl IntoResponse for AppError {
        fn into_response(self) -> Response {
            let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut response = (status, axum::Json(ErrorBody::from(&self))).into_response();
            if let AppError::RateLimited { retry_after } = self {
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            }
            response
        }
    }

    impl From<sqlx::Error> for AppError {
        fn from(error: sqlx::Error) -> Self {
            match &error {
                sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                    tracing::warn!(error = %error, "database unavailable");
                    AppError::Unavailable
                }
                sqlx::Error::Database(db) if db.code().is_some_and(|c| is_connection_class(&c)) => {
                    tracing::warn!(error = %error, "database unavailable");
                    AppError::Unavailable
                }
                _ => AppError::internal(error),
            }
        }
    }

    /// SQLSTATE class 08 (connection exception) and 57P (operator intervention: shutdown,
    /// crash, cannot connect now) mean the database is away, not that the request was bad.
    fn is_connection_class(code: &str) -> bool {
        code.starts_with("08") || code.starts_with("57P")
    }
}

#[cfg(test)]
mod tests {
    use super::{AppError, FIRST_OWN_CODE};

    /// Every variant, numbered: a new variant does not compile until it is added here, and
    /// then the test below fails until the catalogue shows it.
    fn ordinal(error: &AppError) -> usize {
        match error {
            AppError::BadQuery(_) => 0,
            AppError::BadJson(_) => 1,
            AppError::WrongMediaType(_) => 2,
            AppError::LoginFailed => 3,
            AppError::MethodNotAllowed => 4,
            AppError::InvalidPayload(_) => 5,
            AppError::InvalidConfig(_) => 6,
            AppError::InvalidFields(_) => 7,
            AppError::PayloadTooLarge(_) => 8,
            AppError::NotFound(_) => 9,
            AppError::AuthRequired => 10,
            AppError::Forbidden(_) => 11,
            AppError::RateLimited { .. } => 12,
            AppError::VersionMismatch => 13,
            AppError::Unavailable => 14,
            AppError::Internal => 15,
            AppError::Refused(_) => 16,
            AppError::ImportRefused(_) => 17,
        }
    }

    #[test]
    fn every_code_is_kragles_meaning_or_our_own() {
        let catalogue = AppError::catalogue();
        let mut seen: Vec<usize> = catalogue.iter().map(|(e, _)| ordinal(e)).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen, (0..18).collect::<Vec<_>>(), "the catalogue shows every variant");
        for (error, meaning) in &catalogue {
            let code = error.code();
            assert!(
                matches!(code, 1 | 2 | 3 | 4 | 6 | 26) || code >= FIRST_OWN_CODE,
                "{error:?} answers code {code}, which Kragle.io uses for something else ({meaning})"
            );
        }
        let own: Vec<(u16, u16)> =
            catalogue.iter().map(|(e, _)| (e.code(), e.status())).filter(|(code, _)| *code >= FIRST_OWN_CODE).collect();
        assert_eq!(own, [(100, 401), (101, 403), (102, 429), (103, 412), (104, 503), (105, 500)]);
    }

    #[test]
    fn form_errors_take_the_code_json_would() {
        use crate::field_error::{Field, FieldError};
        let field = |field| FieldError::new(field, "m", "m");
        assert_eq!(AppError::InvalidFields(vec![field(Field::Period), field(Field::Timestamp)]).code(), 26);
        assert_eq!(AppError::InvalidFields(vec![field(Field::Name), field(Field::Period)]).code(), 4);
        assert_eq!(AppError::InvalidFields(vec![field(Field::Name)]).status(), 422);
    }
}
