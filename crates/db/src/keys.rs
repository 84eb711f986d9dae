//! Typed record keys, for repository functions where two keys meet.
//!
//! # The rule
//!
//! A repository function that takes two or more keys takes them typed: `goals::create(db,
//! &AccountKey, &PairKey, …)`, not `(db, &str, &str, …)`. With bare text, swapping the account
//! and the pair compiles and authorises against the wrong record; with these types it does not
//! compile. A function with a single key may keep `&str`, or type it when it sits beside other
//! text it could be mistaken for (`meetings::replace_feed_token(db, &AccountKey, token_hash)`).
//!
//! Each type carries a key as text (`abc123`), never a full `table:key` id: the key of one
//! table's records, except [`TopicKey`] and [`SubmissionKey`], which name what their type says.
//! It checks nothing: the server function that receives a key from a request checks its form
//! (`check_key`) and then wraps it, e.g. `PairKey::new(pair)`.
//!
//! Two keys of the same table (a pair's mentee and mentor, both [`EmployeeKey`]) are still
//! told apart by their parameter names only.

use std::fmt;

/// Defines a key type: a wrapped `String` with `new`, `From<String>`, `From<&str>`, `as_str`,
/// `into_string` and `Display` (the bare key).
macro_rules! record_key {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Wraps a key (the part of the record id after `table:`).
            pub fn new(key: impl Into<String>) -> $name {
                $name(key.into())
            }

            /// The key as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The key as owned text.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl From<String> for $name {
            fn from(key: String) -> $name {
                $name(key)
            }
        }

        impl From<&str> for $name {
            fn from(key: &str) -> $name {
                $name(key.to_owned())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

record_key! {
    /// The key of an account: a record of the `user` table ([`crate::users::TABLE`]).
    AccountKey
}

record_key! {
    /// The key of a person HR knows: a record of the `employee` table
    /// ([`crate::employees::TABLE`]).
    EmployeeKey
}

record_key! {
    /// The key of a program: a record of the `program` table ([`crate::programs::TABLE`]).
    ProgramKey
}

record_key! {
    /// The key of a pair: a record of the `pair` table.
    PairKey
}

record_key! {
    /// The key of a goal: a record of the `goal` table ([`crate::goals::TABLE`]).
    GoalKey
}

record_key! {
    /// The key of a milestone of a goal: a record of the `milestone` table
    /// ([`crate::goals::MILESTONE_TABLE`]).
    MilestoneKey
}

record_key! {
    /// The key of a meeting: a record of the `meeting` table ([`crate::meetings::TABLE`]).
    MeetingKey
}

record_key! {
    /// The key of a feedback request: a record of the `feedback_request` table
    /// ([`crate::feedback::REQUEST_TABLE`]).
    FeedbackRequestKey
}

record_key! {
    /// The key of a training module: a record of the `training_module` table
    /// ([`crate::training::TABLE`]).
    TrainingModuleKey
}

record_key! {
    /// The key of a workshop: a record of the `workshop` table ([`crate::workshops::TABLE`]).
    WorkshopKey
}

record_key! {
    /// The key of a topic in a program's catalogue: the `key` field of a `topic` record (e.g.
    /// `rust`), unique within its program; not a record key.
    TopicKey
}

record_key! {
    /// The key a form was shown with (see [`crate::submissions`]): the last part of a
    /// `submission` record id `[account key, action, submission key]`.
    SubmissionKey
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_its_text() {
        let pair = PairKey::new("abc123");
        assert_eq!(pair.as_str(), "abc123");
        assert_eq!(pair.to_string(), "abc123");
        assert_eq!(format!("pair:{pair}"), "pair:abc123");
        assert_eq!(PairKey::from("abc123".to_owned()), pair);
        assert_eq!(PairKey::from("abc123"), pair);
        assert_eq!(pair.into_string(), "abc123");
    }
}
