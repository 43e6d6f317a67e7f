//! View pieces shared by pages.

pub mod field_error;
pub mod list_url;
pub mod local_time;
pub mod markup;
pub mod page_parts;
pub mod pagination;
pub mod ready;
pub mod search_form;
pub mod selection;
pub mod sign_in_prompt;
pub mod tag_links;
pub mod zone_names;
