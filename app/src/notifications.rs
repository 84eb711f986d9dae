//! In-app notifications and the admins' email delivery page (the outbox).

pub mod api;
pub mod model;
pub mod outbox;
pub mod outbox_page;
pub mod page;
pub mod text;
