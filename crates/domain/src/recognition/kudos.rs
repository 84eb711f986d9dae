//! Kudos: a short message of thanks with one value from a small list, sent by a participant or
//! HR to a participant of the same program and shown on the program's wall.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Longest message, in characters (like a short post).
pub const MAX_MESSAGE: usize = 280;
/// Most kudos one person sends in a day (UTC calendar day), all programs together.
pub const DAILY_LIMIT: u32 = 10;
/// Kudos per page of a wall.
pub const WALL_PAGE: usize = 20;
/// Longest reason HR gives for removing a kudos, in characters.
pub const MAX_REASON: usize = 500;

/// What the kudos thanks the person for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KudosValue {
    /// Taught me something new.
    TaughtMe,
    /// Patience.
    Patience,
    /// Generosity with their time and knowledge.
    Generosity,
    /// Curiosity.
    Curiosity,
    /// Openness to other ways of working.
    Openness,
}

impl KudosValue {
    /// Every value, in the order the form lists them.
    pub const ALL: [KudosValue; 5] = [
        KudosValue::TaughtMe,
        KudosValue::Patience,
        KudosValue::Generosity,
        KudosValue::Curiosity,
        KudosValue::Openness,
    ];

    /// The stable name stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            KudosValue::TaughtMe => "taught_me",
            KudosValue::Patience => "patience",
            KudosValue::Generosity => "generosity",
            KudosValue::Curiosity => "curiosity",
            KudosValue::Openness => "openness",
        }
    }

    /// Parses the stored name; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<KudosValue> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Why a kudos is refused; each names the form field to point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KudosError {
    /// No message.
    #[error("write a message")]
    Empty,
    /// Longer than [`MAX_MESSAGE`].
    #[error("message too long")]
    TooLong,
    /// Not one of [`KudosValue::ALL`].
    #[error("unknown value")]
    Value,
    /// Sent to oneself.
    #[error("kudos to oneself")]
    ToSelf,
    /// [`DAILY_LIMIT`] already sent today.
    #[error("daily limit reached")]
    DailyLimit,
    /// A removal without a reason, or one longer than [`MAX_REASON`].
    #[error("give a reason")]
    Reason,
}

impl KudosError {
    /// The form field to point at.
    pub fn field(self) -> &'static str {
        match self {
            KudosError::Empty | KudosError::TooLong | KudosError::DailyLimit => "message",
            KudosError::Value => "value",
            KudosError::ToSelf => "to",
            KudosError::Reason => "reason",
        }
    }
}

/// A kudos that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidKudos {
    /// The message, trimmed (line breaks kept).
    pub message: String,
    /// The value.
    pub value: KudosValue,
}

/// Checks a kudos as typed: a message of 1 to [`MAX_MESSAGE`] characters (trimmed) and a known
/// value. Whether the recipient is the sender and the daily limit are checked where the people
/// are known (the database), with the same errors.
pub fn validate_kudos(message: &str, value: &str) -> Result<ValidKudos, KudosError> {
    let message = message.trim();
    if message.is_empty() {
        return Err(KudosError::Empty);
    }
    if message.chars().count() > MAX_MESSAGE {
        return Err(KudosError::TooLong);
    }
    let value = KudosValue::parse(value.trim()).ok_or(KudosError::Value)?;
    Ok(ValidKudos {
        message: message.to_owned(),
        value,
    })
}

/// Checks HR's reason for removing a kudos: 1 to [`MAX_REASON`] characters, trimmed.
pub fn validate_reason(reason: &str) -> Result<String, KudosError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON {
        return Err(KudosError::Reason);
    }
    Ok(reason.to_owned())
}

/// Whether one more kudos may be sent by someone who sent `sent_today` today.
pub fn under_daily_limit(sent_today: u32) -> bool {
    sent_today < DAILY_LIMIT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kudos_needs_a_short_message_and_a_known_value() {
        let k = validate_kudos("  Gracias por enseñarme Copilot  ", "taught_me").unwrap();
        assert_eq!(k.message, "Gracias por enseñarme Copilot");
        assert_eq!(k.value, KudosValue::TaughtMe);
        assert_eq!(validate_kudos("   ", "patience"), Err(KudosError::Empty));
        // 280 characters (accents count as one) pass; 281 do not.
        assert!(validate_kudos(&"é".repeat(MAX_MESSAGE), "patience").is_ok());
        assert_eq!(
            validate_kudos(&"é".repeat(MAX_MESSAGE + 1), "patience"),
            Err(KudosError::TooLong)
        );
        assert_eq!(validate_kudos("Gracias", "bravery"), Err(KudosError::Value));
        assert_eq!(KudosError::ToSelf.field(), "to");
        assert_eq!(KudosError::DailyLimit.field(), "message");
    }

    #[test]
    fn ten_a_day() {
        assert!(under_daily_limit(0));
        assert!(under_daily_limit(9));
        assert!(!under_daily_limit(10));
        assert!(!under_daily_limit(11));
    }

    #[test]
    fn a_removal_needs_a_reason() {
        assert_eq!(validate_reason(" "), Err(KudosError::Reason));
        assert_eq!(
            validate_reason(&"x".repeat(MAX_REASON + 1)),
            Err(KudosError::Reason)
        );
        assert_eq!(validate_reason(" Ofensivo ").unwrap(), "Ofensivo");
    }

    #[test]
    fn stored_values_round_trip() {
        for v in KudosValue::ALL {
            assert_eq!(KudosValue::parse(v.as_str()), Some(v));
        }
    }
}
