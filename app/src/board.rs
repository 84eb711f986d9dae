//! The pairing board: the engine's run, hand edits checked by the domain's one review, publishing, and the participant accepting their pair.

pub mod api;
pub mod model;
pub mod page;
pub mod text;
