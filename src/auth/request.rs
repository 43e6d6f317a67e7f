//! Reading who sent an HTTP request: bearer token, session cookie, client address, and the
//! same-origin rule for cookie-authenticated writes. Handlers and server functions ask for
//! the caller through the extractors [`MaybeCaller`] and [`RequiredCaller`].

use super::service::{self, Caller};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, Method};
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "auth_tkt";

/// The caller the request's headers prove, if any: an `Authorization: Bearer` token, else
/// the session cookie. A bearer token that is not live is refused (code 100), not taken for
/// anonymity; a dead session cookie is simply no session. A cookie-authenticated request
/// that changes state must come from this site (code 101 otherwise).
pub struct MaybeCaller(pub Option<Caller>);

impl FromRequestParts<AppState> for MaybeCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        header_caller(state, parts).await.map(MaybeCaller)
    }
}

/// The caller, who must be known ([`MaybeCaller`]; code 100 when the request proves nobody).
pub struct RequiredCaller(pub Caller);

impl FromRequestParts<AppState> for RequiredCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        header_caller(state, parts).await?.map(RequiredCaller).ok_or(AppError::AuthRequired)
    }
}

async fn header_caller(state: &AppState, parts: &Parts) -> Result<Option<Caller>, AppError> {
    if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim)
            .ok_or(AppError::AuthRequired)?;
        return service::token_caller(state.auth(), token).await?.map(Some).ok_or(AppError::AuthRequired);
    }
    let Some(session_id) = session_cookie(&parts.headers) else { return Ok(None) };
    let caller = service::session_caller(state.auth(), &session_id).await?;
    if caller.is_some() && changes_state(&parts.method) {
        require_same_origin(&parts.headers)?;
    }
    Ok(caller)
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE)
}

/// The value of the request's cookie called `name`.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(found, _)| *found == name)
        .map(|(_, value)| value.to_string())
}

/// Refuses (code 101) a request a browser says comes from another site. Browsers send
/// `Sec-Fetch-Site`; older ones only `Origin`, compared with `Host`. Clients that send
/// neither are not browsers, and cannot carry someone else's cookie.
pub fn require_same_origin(headers: &HeaderMap) -> Result<(), AppError> {
    let refused = || AppError::Forbidden("cross-site requests may not change anything".into());
    if let Some(site) = headers.get("sec-fetch-site") {
        return match site.as_bytes() {
            b"same-origin" | b"none" => Ok(()),
            _ => Err(refused()),
        };
    }
    let Some(origin) = headers.get(header::ORIGIN) else { return Ok(()) };
    let origin_host =
        origin.to_str().ok().and_then(|o| o.split_once("://")).map(|(_, host)| host.trim_end_matches('/'));
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match (origin_host, host) {
        (Some(origin_host), Some(host)) if origin_host.eq_ignore_ascii_case(host) => Ok(()),
        _ => Err(refused()),
    }
}

/// The client's address, for login throttling: the peer, or with `trust_proxy` the address
/// the proxy appended last to `X-Forwarded-For`.
pub fn client_address(state: &AppState, parts: &Parts) -> String {
    if state.settings.trust_proxy {
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|v| v.trim().to_string());
        if let Some(address) = forwarded.filter(|a| !a.is_empty()) {
            return address;
        }
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|| "local".to_string())
}

/// A login's session, for the JSON API and the sign-in and sign-up forms alike: ends the
/// session the request presented (an id planted before login is worthless after it), starts
/// one for `user`, and returns the `Set-Cookie` value that hands it over.
pub async fn begin_session(state: &AppState, parts: &Parts, user: &crate::auth::User) -> Result<HeaderValue, AppError> {
    if let Some(old) = session_cookie(&parts.headers) {
        service::end_session(state.auth(), &state.key.hash(&old)).await?;
    }
    let session_id = service::start_session(state.auth(), user).await?;
    Ok(session_cookie_header(state, parts, &session_id))
}

/// A logout, for the JSON API and the sign-out button alike: ends the request's session if
/// it has one (a cookie-authenticated change, so only from this site), and returns the
/// `Set-Cookie` value that removes the cookie.
pub async fn end_session(state: &AppState, parts: &Parts) -> Result<HeaderValue, AppError> {
    if let Some(session_id) = session_cookie(&parts.headers) {
        require_same_origin(&parts.headers)?;
        service::end_session(state.auth(), &state.key.hash(&session_id)).await?;
    }
    Ok(clear_session_cookie_header(state, parts))
}

/// `Set-Cookie` for a new session: `HttpOnly`, `SameSite=Lax`, `Secure` behind TLS.
pub fn session_cookie_header(state: &AppState, parts: &Parts, session_id: &str) -> HeaderValue {
    let max_age = state.settings.auth.session_absolute.as_secs();
    let secure = if is_tls(state, parts) { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={session_id}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .expect("session ids are URL-safe base64")
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_session_cookie_header(state: &AppState, parts: &Parts) -> HeaderValue {
    let secure = if is_tls(state, parts) { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"))
        .expect("ascii")
}

fn is_tls(state: &AppState, parts: &Parts) -> bool {
    state.settings.secure_cookies
        || (state.settings.trust_proxy
            && parts.headers.get("x-forwarded-proto").is_some_and(|p| p.as_bytes().eq_ignore_ascii_case(b"https")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (header::HeaderName::from_static(k), HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn same_origin_rule() {
        assert!(require_same_origin(&headers(&[])).is_ok());
        assert!(require_same_origin(&headers(&[("sec-fetch-site", "same-origin")])).is_ok());
        assert!(require_same_origin(&headers(&[("sec-fetch-site", "cross-site")])).is_err());
        assert!(require_same_origin(&headers(&[("sec-fetch-site", "same-site")])).is_err());
        assert!(require_same_origin(&headers(&[("origin", "http://a.test:3000"), ("host", "a.test:3000")])).is_ok());
        assert!(require_same_origin(&headers(&[("origin", "http://evil.test"), ("host", "a.test:3000")])).is_err());
        assert!(require_same_origin(&headers(&[("origin", "null"), ("host", "a.test")])).is_err());
    }

    #[test]
    fn finds_the_session_cookie() {
        let h = headers(&[("cookie", "a=1; auth_tkt=xyz; b=2")]);
        assert_eq!(session_cookie(&h).as_deref(), Some("xyz"));
        assert_eq!(session_cookie(&headers(&[("cookie", "a=1")])), None);
    }
}
