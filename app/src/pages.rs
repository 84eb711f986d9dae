//! Route components, one per file, grouped by area.

pub mod admin;
pub mod board_page;
pub mod checkin_page;
pub mod feedback_hr_page;
pub mod home_page;
pub mod import_page;
pub mod invite_page;
pub mod join_page;
pub mod login_page;
pub mod my_feedback_page;
pub mod not_found_page;
pub mod notifications_page;
pub mod outbox_page;
pub mod pair_page;
pub mod profile_page;
pub mod program_page;
pub mod programs_page;
pub mod risk_page;
pub mod workspace_meetings;
pub mod workspace_page;
