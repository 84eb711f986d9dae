//! The start page: the participant's next steps and HR's program cards.

pub mod api;
pub mod model;
pub mod page;
