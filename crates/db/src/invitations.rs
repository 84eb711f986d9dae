//! Invitation links: a one-time token that lets a new user choose a password.
//!
//! Only a hash of the token is stored, so a leaked database does not leak working links.

use chrono::{DateTime, Duration, Utc};
use domain::Role;
use surrealdb::types::{RecordId, SurrealValue};

use crate::accounts_link::{LINK_STATEMENTS, LinkOutcome};
use crate::{Database, DbError, DbResult, key_of, new_key, users};

/// A stored invitation.
#[derive(Debug, Clone, SurrealValue)]
pub struct InvitationRow {
    /// Record id.
    pub id: RecordId,
    /// Invitee's email (normalised).
    pub email: String,
    /// Invitee's display name.
    pub name: String,
    /// Role the account gets.
    pub role: String,
    /// Expiry.
    pub expires_at: DateTime<Utc>,
    /// When it was used, if it was.
    pub used_at: Option<DateTime<Utc>>,
}

/// How long an invitation link stays valid.
pub const VALIDITY_DAYS: i64 = 14;

/// Creates an invitation and returns the token to put in the link (shown once).
///
/// `token_hash` must be the caller's hash of the returned token (see [`hash_token`]).
pub async fn create(
    db: &Database,
    email: &str,
    name: &str,
    role: Role,
    created_by: Option<&str>,
    token_hash: &str,
) -> DbResult<()> {
    db.execute(
        "CREATE ONLY $id SET email = $email, name = $name, role = $role, created_by = $by,
                token_hash = $hash, expires_at = $expires",
        &[
            ("id", crate::val(RecordId::new("invitation", new_key()))),
            ("email", crate::val(email.to_owned())),
            ("name", crate::val(name.trim().to_owned())),
            ("role", crate::val(role.as_str())),
            (
                "by",
                crate::val(created_by.map(|k| RecordId::new(users::TABLE, k))),
            ),
            ("hash", crate::val(token_hash.to_owned())),
            ("expires", crate::val(Utc::now() + Duration::days(VALIDITY_DAYS))),
        ],
    )
    .await?;
    Ok(())
}

/// Finds a usable invitation: known hash, not used, not expired.
pub async fn find_usable(db: &Database, token_hash: &str) -> DbResult<Option<InvitationRow>> {
    db.client()
        .query(
            "SELECT * FROM ONLY invitation WHERE token_hash = $hash AND used_at = NONE
                AND expires_at > time::now() LIMIT 1",
        )
        .bind(("hash", token_hash.to_owned()))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// What accepting an invitation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The account (created, or the existing one with the invitation's email).
    pub user_key: String,
    /// The program that invited the person, for a program invitation.
    pub program_key: Option<String>,
    /// How the account was linked to the employee with its email.
    pub link: LinkOutcome,
}

#[derive(Debug, Clone, SurrealValue)]
struct AcceptedRow {
    user: RecordId,
    program: Option<RecordId>,
    link: String,
}

/// Accepts an invitation in one transaction: marks it used, creates the account with the given
/// password hash (or sets the password on an existing account with that email) and links the
/// account to the employee with the same email (see [`crate::accounts_link`]). Answers `None`
/// when the invitation is no longer usable (unknown, used, expired or replaced by a newer link).
/// Two acceptances at once: the engine refuses one, which then finds the invitation used.
pub async fn accept_invitation(
    db: &Database,
    token_hash: &str,
    password_hash: &str,
) -> DbResult<Option<Accepted>> {
    let key = new_key();
    // Only the constant LINK_STATEMENTS is spliced in; every value is bound.
    let response = db
        .write::<Option<AcceptedRow>>(
            &format!(
                "BEGIN TRANSACTION;
                 LET $inv = (SELECT * FROM ONLY invitation WHERE token_hash = $hash AND used_at = NONE
                     AND expires_at > time::now() LIMIT 1);
                 IF $inv = NONE {{ THROW 'invitation_unusable' }};
                 UPDATE $inv.id SET used_at = time::now();
                 LET $email = string::lowercase($inv.email);
                 LET $existing = (SELECT * FROM ONLY user WHERE email = $email LIMIT 1);
                 LET $user = IF $existing = NONE {{
                     CREATE ONLY type::record('user', $key) SET email = $email, name = $inv.name,
                         role = $inv.role, password_hash = $password_hash, lang = $inv.lang
                 }} ELSE {{
                     UPDATE ONLY $existing.id SET password_hash = $password_hash, disabled = false,
                         session_version += 1
                 }};
                 LET $link_account = $user.id;
                 LET $link_email = $email;
                 {LINK_STATEMENTS}
                 RETURN {{ user: $user.id, program: $inv.program, link: $link_outcome }};
                 COMMIT TRANSACTION;"
            ),
            &[
                ("hash", crate::val(token_hash.to_owned())),
                ("password_hash", crate::val(password_hash.to_owned())),
                ("key", crate::val(key.to_owned())),
            ],
        )
        .await;
    let row = match response {
        Err(DbError::Surreal(e)) if e.message().contains("invitation_unusable") => None,
        other => other?,
    };
    let Some(row) = row else {
        return Ok(None);
    };
    let accepted = Accepted {
        user_key: key_of(&row.user),
        program_key: row.program.as_ref().map(key_of),
        link: LinkOutcome::parse(&row.link),
    };
    accepted.link.log(&accepted.user_key);
    Ok(Some(accepted))
}

/// Accepts an invitation (see [`accept_invitation`]) and answers only the account key.
pub async fn accept(db: &Database, token_hash: &str, password_hash: &str) -> DbResult<Option<String>> {
    Ok(accept_invitation(db, token_hash, password_hash)
        .await?
        .map(|a| a.user_key))
}
