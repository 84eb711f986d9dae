//! Server-only parts of the app: shared state, the sign-in backend and the authorisation guard
//! that every server function goes through.

pub mod auth;
pub mod calendar;
pub mod guard;
pub mod password;
pub mod state;
pub mod submission;

pub use auth::{AuthSession, Backend, Credentials, SessionUser};
pub use guard::{fail, internal, request_locale, require, signed_in_user};
pub use state::{AppState, LoginLimiter, SessionPolicy};
