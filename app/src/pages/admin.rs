//! Pages for administrators.

pub mod users_page;
