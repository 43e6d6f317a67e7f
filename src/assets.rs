//! The files the browser downloads from `/pkg`: the WebAssembly, JavaScript and CSS that
//! cargo-leptos builds. Served precompressed (`.br`, `.gz` beside each file, made by
//! `cargo leptos build --release --precompress`) to clients that accept it, and, when their
//! names carry a content hash (`hash-files`), cached by browsers for a year: a new build
//! has new names, so a cached copy is never stale.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::Router;
use leptos::prelude::LeptosOptions;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
/// Unhashed names (a build without `hash-files`) may change content under the same name.
const REVALIDATE: HeaderValue = HeaderValue::from_static("no-cache");

pub fn pkg_router(options: &LeptosOptions) -> Router {
    let dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    let policy = if options.hash_files { IMMUTABLE } else { REVALIDATE };
    Router::new().fallback_service(files).layer(axum::middleware::from_fn(move |request: Request, next: Next| {
        let policy = policy.clone();
        async move {
            let mut response = next.run(request).await;
            if matches!(response.status(), StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED) {
                response.headers_mut().insert(header::CACHE_CONTROL, policy);
            }
            response
        }
    }))
}

/// Where cargo-leptos writes the content hashes of a `hash-files` build: beside the server
/// executable, where Leptos looks for them when it renders the script tags.
fn hash_file(options: &LeptosOptions) -> Option<PathBuf> {
    Some(std::env::current_exe().ok()?.parent()?.join(options.hash_file.as_ref()))
}

/// Whether the build hashed the file names.
pub fn names_are_hashed(options: &LeptosOptions) -> bool {
    hash_file(options).is_some_and(|file| file.is_file())
}

/// The address of the stylesheet, with its content hash when the build hashed names
/// (`HydrationScripts` links the script and WebAssembly, not the CSS). Read once.
pub fn stylesheet_href(options: &LeptosOptions) -> &'static str {
    static HREF: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HREF.get_or_init(|| {
        let hash = options
            .hash_files
            .then(|| hash_file(options))
            .flatten()
            .and_then(|file| std::fs::read_to_string(file).ok())
            .and_then(|hashes| hashes.lines().find_map(|line| line.strip_prefix("css:").map(|h| h.trim().to_string())));
        match hash {
            Some(hash) => format!("/{}/{}.{hash}.css", options.site_pkg_dir, options.output_name),
            None => format!("/{}/{}.css", options.site_pkg_dir, options.output_name),
        }
    })
}
