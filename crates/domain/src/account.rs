//! Rules for accounts: what a valid email, name and password look like.
//!
//! The same checks run in the browser (instant feedback) and on the server (the one that counts).

use serde::{Deserialize, Serialize};

/// Why an account field was refused. The UI turns each into a translated sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum AccountError {
    /// The email is empty or not of the form `local@domain.tld`.
    #[error("invalid email")]
    InvalidEmail,
    /// The password is shorter than [`MIN_PASSWORD_LEN`] characters.
    #[error("password too short")]
    PasswordTooShort,
    /// The password is longer than [`MAX_PASSWORD_LEN`] bytes (argon2 input is capped).
    #[error("password too long")]
    PasswordTooLong,
    /// The display name is empty or too long.
    #[error("invalid name")]
    InvalidName,
}

impl AccountError {
    /// The form field to point at.
    pub fn field(self) -> &'static str {
        match self {
            AccountError::InvalidEmail => "email",
            AccountError::PasswordTooShort | AccountError::PasswordTooLong => "password",
            AccountError::InvalidName => "name",
        }
    }
}

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_LEN: usize = 10;
/// Longest password accepted, in bytes.
pub const MAX_PASSWORD_LEN: usize = 256;
/// Longest display name accepted, in characters.
pub const MAX_NAME_LEN: usize = 120;

/// Trims and lower-cases an email so that `Ana@Example.com ` and `ana@example.com` are one account.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Checks the shape of an (already normalised) email address.
pub fn validate_email(email: &str) -> Result<(), AccountError> {
    let ok = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
        });
    if ok {
        Ok(())
    } else {
        Err(AccountError::InvalidEmail)
    }
}

/// Checks a new password's length (no composition rules: length is what matters).
pub fn validate_password(password: &str) -> Result<(), AccountError> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        Err(AccountError::PasswordTooShort)
    } else if password.len() > MAX_PASSWORD_LEN {
        Err(AccountError::PasswordTooLong)
    } else {
        Ok(())
    }
}

/// Checks a display name: not blank, not absurdly long.
pub fn validate_display_name(name: &str) -> Result<(), AccountError> {
    let n = name.trim().chars().count();
    if n == 0 || n > MAX_NAME_LEN {
        Err(AccountError::InvalidName)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            normalize_email("  Ana.García@Example.COM "),
            "ana.garcía@example.com"
        );
        for good in ["a@b.co", "lucia.fernandez@inversa.example"] {
            assert_eq!(validate_email(good), Ok(()), "{good}");
        }
        for bad in [
            "", "a", "a@b", "@b.co", "a@.co", "a@b.co.", "a b@c.de", "a@b@c.de", "a@b..co",
        ] {
            assert_eq!(validate_email(bad), Err(AccountError::InvalidEmail), "{bad}");
        }
    }

    #[test]
    fn each_error_names_its_field() {
        assert_eq!(AccountError::InvalidEmail.field(), "email");
        assert_eq!(AccountError::PasswordTooShort.field(), "password");
        assert_eq!(AccountError::PasswordTooLong.field(), "password");
        assert_eq!(AccountError::InvalidName.field(), "name");
    }

    #[test]
    fn passwords() {
        assert_eq!(validate_password("short"), Err(AccountError::PasswordTooShort));
        assert_eq!(
            validate_password("ñññññññññ"),
            Err(AccountError::PasswordTooShort)
        );
        assert_eq!(validate_password("long enough"), Ok(()));
        assert_eq!(
            validate_password(&"x".repeat(300)),
            Err(AccountError::PasswordTooLong)
        );
    }

    #[test]
    fn names() {
        assert_eq!(validate_display_name("  "), Err(AccountError::InvalidName));
        assert_eq!(validate_display_name("María José"), Ok(()));
        assert_eq!(
            validate_display_name(&"a".repeat(121)),
            Err(AccountError::InvalidName)
        );
    }
}
