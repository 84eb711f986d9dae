//! Programs (cohorts): HR's list and program page, design and lifecycle, topic catalogue, matching rules and weights, signup link and program invitations.

pub mod api;
pub mod invitations;
pub mod invitations_card;
pub mod list_page;
pub mod matching_settings;
pub mod model;
pub mod program_page;
pub mod settings;
pub mod settings_text;
pub mod signup_link;
pub mod topic_catalogue;
