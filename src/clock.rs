//! The one clock the code asks: what time it is, in Unix seconds. The browser's clock in the
//! browser, the server's on the server. Defaults ("from now"), the next runs a page shows,
//! "in 5 minutes" and the timeline's "now" line all read it here.

/// Now, in Unix seconds.
pub fn now() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        // A clock set before 1970 reads as 1970.
        since_epoch.map_or(0, |elapsed| elapsed.as_secs() as i64)
    }
}
