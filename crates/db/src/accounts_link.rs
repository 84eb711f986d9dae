//! One person, one record: however an account comes to exist (a program invitation, an admin
//! invitation, the signup link) or signs in, it is linked to the employee with the same email,
//! once. Linking never creates an employee and never moves an employee to another account.

use surrealdb::types::RecordId;

use crate::{Database, DbError, DbResult, users};

/// Statements that link the account `$link_account` to the employee whose email is
/// `$link_email` (compared lower-case) when that employee has no account yet, and leave what
/// happened in `$link_outcome` (see [`LinkOutcome::parse`]). Spliced into transactions as a
/// constant; every value in it is a bound parameter.
pub(crate) const LINK_STATEMENTS: &str = "
    LET $link_mine = (SELECT VALUE id FROM employee WHERE account = $link_account LIMIT 1);
    LET $link_emp = (SELECT id, account FROM employee WHERE email = string::lowercase($link_email) LIMIT 1)[0];
    LET $link_outcome = IF $link_emp = NONE { 'no_employee' }
        ELSE IF $link_emp.account = $link_account { 'already_linked' }
        ELSE IF $link_emp.account != NONE { 'other_account' }
        ELSE IF array::len($link_mine) > 0 { 'account_has_other' }
        ELSE { 'linked' };
    IF $link_outcome = 'linked' { UPDATE $link_emp.id SET account = $link_account; };
";

/// What linking an account did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkOutcome {
    /// The employee with the account's email now belongs to the account.
    Linked,
    /// It already did.
    AlreadyLinked,
    /// No employee has the account's email (an admin or HR account, say): nothing to link.
    NoEmployee,
    /// The employee with that email belongs to another account; left as it is.
    OtherAccount,
    /// The account already belongs to another employee record; left as it is.
    AccountHasOther,
}

impl LinkOutcome {
    /// Reads the `$link_outcome` of [`LINK_STATEMENTS`].
    pub(crate) fn parse(text: &str) -> LinkOutcome {
        match text {
            "linked" => LinkOutcome::Linked,
            "already_linked" => LinkOutcome::AlreadyLinked,
            "other_account" => LinkOutcome::OtherAccount,
            "account_has_other" => LinkOutcome::AccountHasOther,
            _ => LinkOutcome::NoEmployee,
        }
    }

    /// Logs the outcomes someone may want to look at (a link refused because of another
    /// account), and the new links.
    pub fn log(self, account_key: &str) {
        match self {
            LinkOutcome::Linked => {
                tracing::info!(account = account_key, "account linked to its employee record")
            }
            LinkOutcome::OtherAccount => tracing::warn!(
                account = account_key,
                "the employee with this account's email belongs to another account; not linked"
            ),
            LinkOutcome::AccountHasOther => tracing::warn!(
                account = account_key,
                "the account already belongs to another employee record; not linked again"
            ),
            LinkOutcome::AlreadyLinked | LinkOutcome::NoEmployee => {}
        }
    }
}

/// Links the account to the employee with the same email (any case) if that employee has no
/// account, in one transaction. Idempotent, and safe when two requests race: the one the
/// engine refuses is run again and finds the link made.
pub async fn link_account(db: &Database, account_key: &str, email: &str) -> DbResult<LinkOutcome> {
    // Only the constant LINK_STATEMENTS is spliced in; every value is bound.
    let outcome: Option<String> = db
        .write(
            &format!("BEGIN TRANSACTION; {LINK_STATEMENTS} RETURN $link_outcome; COMMIT TRANSACTION;"),
            &[
                (
                    "link_account",
                    crate::val(RecordId::new(users::TABLE, account_key)),
                ),
                ("link_email", crate::val(email.to_owned())),
            ],
        )
        .await?;
    let outcome = LinkOutcome::parse(outcome.as_deref().unwrap_or_default());
    outcome.log(account_key);
    Ok(outcome)
}

/// Which account (if any) the employee with this email (any case) belongs to.
pub async fn account_of_employee(db: &Database, email: &str) -> DbResult<Option<String>> {
    let account: Option<RecordId> = db
        .client()
        .query(
            "RETURN (SELECT VALUE account FROM employee WHERE email = string::lowercase($email) LIMIT 1)[0]",
        )
        .bind(("email", email.to_owned()))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(account.as_ref().map(crate::key_of))
}
