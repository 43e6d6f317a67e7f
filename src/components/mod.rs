//! View pieces shared by pages.

pub mod pagination;
pub mod search_form;
