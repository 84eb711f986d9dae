//! Accounts: signing in and out, invitations to an account, the admin's list of accounts.

pub mod auth;
pub mod invite_page;
pub mod login_page;
pub mod model;
pub mod users;
pub mod users_page;
