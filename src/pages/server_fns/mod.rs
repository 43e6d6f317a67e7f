//! The server functions the pages call, beside the pages: each a public HTTP endpoint that
//! authenticates as the JSON API does and calls the same domain services.

pub mod accounts;
pub mod history;
pub mod schedules;
