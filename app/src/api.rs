//! Server functions, one file per area. Each is a thin adapter: decode, authorise, call the
//! repositories and domain, map to a response type.

pub mod auth;
pub mod checkins;
pub mod dashboard;
pub mod enrolment;
pub mod feedback;
pub mod goals;
pub mod import;
pub mod meetings;
pub mod notifications;
pub mod outbox;
pub mod pairing;
pub mod program_invitations;
pub mod program_settings;
pub mod programs;
pub mod risk;
pub mod users;
