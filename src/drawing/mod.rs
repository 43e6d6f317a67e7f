//! What the pages the server draws (the timeline, the load view) share: the window and
//! clock of a drawing ([`frame`]), the axis with its clock changes and "now" line
//! ([`axis`]), the window's controls and range line ([`controls`]), and how such a page
//! reads its request and answers ([`page`]). Neither page reaches into the other.

pub mod axis;
pub mod controls;
pub mod frame;
pub mod page;
