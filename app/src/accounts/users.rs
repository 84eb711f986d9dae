//! Administration of accounts: list, statistics, invitations, disabling.

use domain::Role;
use leptos::prelude::*;

use crate::error::AppError;
use crate::{
    accounts::model::AccountStats, accounts::model::CreatedInvitation, accounts::model::UserSummary,
};
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::{self, fail, require},
    chrono::Datelike,
    domain::{normalize_email, validate_display_name, validate_email},
};

/// Every account, for admins.
#[server(endpoint = "list_users")]
pub async fn list_users() -> Result<Vec<UserSummary>, AppError> {
    require(Role::Admin).await?;
    let state = ssr::guard::state()?;
    let rows = db::users::list(&state.db).await?;
    Ok(rows
        .into_iter()
        .map(|r| UserSummary {
            key: r.key(),
            role: r.role(),
            activated: r.password_hash.is_some(),
            last_sign_in: r.last_sign_in_at.map(|d| (d.year(), d.month(), d.day())),
            name: r.name,
            email: r.email,
            disabled: r.disabled,
        })
        .collect())
}

/// Account counts per role, for the admin dashboard.
#[server(endpoint = "account_stats")]
pub async fn load_account_stats() -> Result<AccountStats, AppError> {
    require(Role::Admin).await?;
    let state = ssr::guard::state()?;
    let rows = db::users::list(&state.db).await?;
    let count = |role: Role| rows.iter().filter(|r| r.role() == role).count() as i64;
    Ok(AccountStats {
        total: rows.len() as i64,
        admins: count(Role::Admin),
        managers: count(Role::ProgramManager),
        participants: count(Role::Participant),
    })
}

/// Creates an invitation link for a new account (admins only).
#[server(endpoint = "invite_user")]
pub async fn invite_user(name: String, email: String, role: Role) -> Result<CreatedInvitation, AppError> {
    let admin = require(Role::Admin).await?;
    let state = ssr::guard::state()?;
    let email = normalize_email(&email);
    validate_display_name(&name)?;
    validate_email(&email)?;
    if db::users::find_by_email(&state.db, &email).await?.is_some() {
        return Err(fail(ErrorKind::EmailTaken));
    }
    let token = ssr::auth::new_token();
    db::invitations::create(
        &state.db,
        &email,
        &name,
        role,
        Some(&admin.key),
        &ssr::auth::token_hash(&token),
    )
    .await?;
    crate::ssr::guard::audit(&admin, "invitation.create", &email).await?;
    Ok(CreatedInvitation {
        link: format!("{}/invite/{token}", state.base_url),
        email,
    })
}

/// Disables (ending every session) or re-enables an account. Returns the account's name.
#[server(endpoint = "set_user_disabled")]
pub async fn set_user_disabled(key: String, disabled: bool) -> Result<String, AppError> {
    let admin = require(Role::Admin).await?;
    if admin.key == key && disabled {
        return Err(fail(ErrorKind::CannotDisableSelf));
    }
    let state = ssr::guard::state()?;
    let row = db::users::set_disabled(&state.db, &key, disabled)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    let action = if disabled { "user.disable" } else { "user.enable" };
    crate::ssr::guard::audit(&admin, action, &format!("user:{key}")).await?;
    Ok(row.name)
}
