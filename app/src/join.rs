//! Joining a program: the signup link's page, the participant's profile and agreement.

pub mod agreement;
pub mod api;
pub mod model;
pub mod page;
pub mod profile_fields;
pub mod profile_page;
