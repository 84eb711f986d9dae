//! The employee import: file preview in the browser, HR's decisions, the all-or-nothing write.

pub mod api;
pub mod page;
