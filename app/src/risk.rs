//! Pairs at risk: HR's list with reasons, and pausing, resuming, ending or re-matching a pair.

pub mod api;
pub mod model;
pub mod page;
