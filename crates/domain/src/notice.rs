//! What a notification or an email tells somebody, as facts without words.
//!
//! The database writes a notice inside the transaction of the event it tells (a pair published,
//! a meeting proposed, a reminder due) as `kind` and `params`; the application puts it into words
//! from its translation files, in the reader's language, when it shows or sends it
//! (`app::notifications::text`). So the words live in one place, and a notification reads in the
//! language its reader uses today.
//!
//! Stored shape: `{ "kind": "<snake_case variant>", "params": { ... } }`, the variant's fields
//! as strings (names, program and form titles, a reason) or whole numbers (a count).

use serde::{Deserialize, Serialize};

/// Which side of a pair a person is on, as the other person's role is told to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairRole {
    /// The junior who teaches.
    Mentor,
    /// The senior who learns.
    Mentee,
}

/// A title HR wrote in both languages: a feedback form's or a workshop's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormTitle {
    /// Spanish title.
    pub es: String,
    /// English title.
    pub en: String,
}

/// One thing a person is told, by notification and email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "params")]
pub enum Notice {
    /// HR published the reader's pair: `other` is their `role` in `program`.
    PairPublished {
        /// The other person's role for the reader (the reader's mentor or mentee).
        role: PairRole,
        /// The program's name.
        program: String,
        /// The other person's name.
        other: String,
    },
    /// The other person of the reader's pair accepted it.
    PairAccepted {
        /// Who accepted.
        name: String,
    },
    /// HR paused the reader's pair, with the reason HR gave, if any.
    PairPaused {
        /// HR's words, shown as written.
        reason: Option<String>,
    },
    /// HR resumed the reader's pair.
    PairResumed {
        /// HR's words, shown as written.
        reason: Option<String>,
    },
    /// HR ended the reader's pair.
    PairEnded {
        /// HR's words, shown as written.
        reason: Option<String>,
    },
    /// HR ended the reader's pair and will find each person a new one.
    PairRematch {
        /// HR's words, shown as written.
        reason: Option<String>,
    },
    /// The other person proposed a meeting.
    MeetingProposed {
        /// Who proposed it.
        name: String,
    },
    /// The other person accepted the reader's proposed meeting.
    MeetingAccepted {
        /// Who accepted it.
        name: String,
    },
    /// The other person cancelled a meeting.
    MeetingCancelled {
        /// Who cancelled it.
        name: String,
    },
    /// The other person moved a meeting to another time.
    MeetingRescheduled {
        /// Who moved it.
        name: String,
    },
    /// A meeting starts within the next 24 hours.
    MeetingReminder {
        /// The other person of the pair.
        name: String,
    },
    /// The pair has not met for longer than the program's cadence and nothing is planned.
    PairQuiet {
        /// The other person of the pair.
        name: String,
    },
    /// A feedback form waits for the reader's answers.
    FeedbackDue {
        /// The form's title.
        form: FormTitle,
    },
    /// A feedback form the reader has not answered is due soon.
    FeedbackReminder {
        /// The form's title.
        form: FormTitle,
    },
    /// HR reminds the reader to finish the required training of a program.
    TrainingReminder {
        /// The program's name.
        program: String,
        /// Required modules for the reader's side they have not completed yet.
        left: u32,
    },
    /// A seat freed in a full workshop and the reader, first on its waiting list, now has it.
    WorkshopSeat {
        /// The workshop's title.
        workshop: FormTitle,
    },
    /// A workshop the reader registered for starts within the next 24 hours.
    WorkshopReminder {
        /// The workshop's title.
        workshop: FormTitle,
    },
    /// HR moved a workshop the reader holds a seat at or waits for to another time or place.
    WorkshopChanged {
        /// The workshop's title.
        workshop: FormTitle,
    },
    /// HR called off a workshop the reader had registered for or was waiting for.
    WorkshopCancelled {
        /// The workshop's title.
        workshop: FormTitle,
    },
    /// Someone sent the reader kudos.
    KudosReceived {
        /// Who sent it.
        name: String,
        /// The program's name.
        program: String,
    },
    /// HR issued the reader's completion certificate (the email carries the PDF).
    CertificateIssued {
        /// The program's name.
        program: String,
        /// The certificate's verification code.
        code: String,
        /// The verification page's full address.
        verify_url: String,
    },
    /// The reader earned a badge.
    BadgeEarned {
        /// Which.
        badge: crate::recognition::badges::Badge,
        /// The program's name.
        program: String,
    },
}

impl Notice {
    /// Reads a stored notice: its `kind` and `params` as the database keeps them.
    ///
    /// Answers `None` for a kind this version does not know, or params that do not fit it
    /// (a notification written before notices were stored as facts carries only its text).
    pub fn from_stored(kind: &str, params: &serde_json::Value) -> Option<Notice> {
        serde_json::from_value(serde_json::json!({ "kind": kind, "params": params })).ok()
    }

    /// The stored `kind`, e.g. `"pair_published"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Notice::PairPublished { .. } => "pair_published",
            Notice::PairAccepted { .. } => "pair_accepted",
            Notice::PairPaused { .. } => "pair_paused",
            Notice::PairResumed { .. } => "pair_resumed",
            Notice::PairEnded { .. } => "pair_ended",
            Notice::PairRematch { .. } => "pair_rematch",
            Notice::MeetingProposed { .. } => "meeting_proposed",
            Notice::MeetingAccepted { .. } => "meeting_accepted",
            Notice::MeetingCancelled { .. } => "meeting_cancelled",
            Notice::MeetingRescheduled { .. } => "meeting_rescheduled",
            Notice::MeetingReminder { .. } => "meeting_reminder",
            Notice::PairQuiet { .. } => "pair_quiet",
            Notice::FeedbackDue { .. } => "feedback_due",
            Notice::FeedbackReminder { .. } => "feedback_reminder",
            Notice::TrainingReminder { .. } => "training_reminder",
            Notice::WorkshopSeat { .. } => "workshop_seat",
            Notice::WorkshopReminder { .. } => "workshop_reminder",
            Notice::WorkshopChanged { .. } => "workshop_changed",
            Notice::WorkshopCancelled { .. } => "workshop_cancelled",
            Notice::KudosReceived { .. } => "kudos_received",
            Notice::BadgeEarned { .. } => "badge_earned",
            Notice::CertificateIssued { .. } => "certificate_issued",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_what_the_database_writes() {
        let n = Notice::from_stored(
            "pair_published",
            &json!({"role": "mentor", "program": "P", "other": "Ana"}),
        );
        assert_eq!(
            n,
            Some(Notice::PairPublished {
                role: PairRole::Mentor,
                program: "P".into(),
                other: "Ana".into()
            })
        );
        let n = Notice::from_stored("feedback_due", &json!({"form": {"es": "Tras", "en": "After"}}));
        assert_eq!(
            n,
            Some(Notice::FeedbackDue {
                form: FormTitle {
                    es: "Tras".into(),
                    en: "After".into()
                }
            })
        );
        assert_eq!(
            Notice::from_stored("training_reminder", &json!({"program": "P", "left": 2})),
            Some(Notice::TrainingReminder {
                program: "P".into(),
                left: 2
            })
        );
        assert_eq!(
            Notice::from_stored("badge_earned", &json!({"badge": "first_meeting", "program": "P"})),
            Some(Notice::BadgeEarned {
                badge: crate::recognition::badges::Badge::FirstMeeting,
                program: "P".into()
            })
        );
        // A count that is not a whole number is not read.
        assert_eq!(
            Notice::from_stored("training_reminder", &json!({"program": "P", "left": "dos"})),
            None
        );
        // A reason left out (NONE in the database) is no reason.
        assert_eq!(
            Notice::from_stored("pair_paused", &json!({})),
            Some(Notice::PairPaused { reason: None })
        );
    }

    #[test]
    fn unknown_kinds_and_wrong_params_are_not_read() {
        assert_eq!(Notice::from_stored("pair_exploded", &json!({})), None);
        assert_eq!(Notice::from_stored("pair_accepted", &json!({})), None);
        assert_eq!(Notice::from_stored("pair_accepted", &json!(null)), None);
    }

    #[test]
    fn kind_is_the_stored_tag() {
        let all = [
            Notice::PairAccepted { name: "a".into() },
            Notice::PairQuiet { name: "a".into() },
            Notice::MeetingReminder { name: "a".into() },
            Notice::PairRematch {
                reason: Some("r".into()),
            },
            Notice::TrainingReminder {
                program: "P".into(),
                left: 3,
            },
            Notice::WorkshopSeat {
                workshop: FormTitle {
                    es: "Escucha".into(),
                    en: "Listening".into(),
                },
            },
            Notice::WorkshopReminder {
                workshop: FormTitle {
                    es: "Escucha".into(),
                    en: String::new(),
                },
            },
            Notice::WorkshopCancelled {
                workshop: FormTitle {
                    es: String::new(),
                    en: "Listening".into(),
                },
            },
            Notice::KudosReceived {
                name: "Ana".into(),
                program: "P".into(),
            },
            Notice::BadgeEarned {
                badge: crate::recognition::badges::Badge::FiveCheckins,
                program: "P".into(),
            },
        ];
        for n in all {
            let v = serde_json::to_value(&n).unwrap_or_default();
            assert_eq!(v["kind"], n.kind());
            assert_eq!(Notice::from_stored(n.kind(), &v["params"]), Some(n));
        }
    }
}
