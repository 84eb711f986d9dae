//! Completion certificates: the criteria HR sets per program, who meets them, and the hours a
//! certificate carries.
//!
//! Hours are the person's held meeting time, the workshops they attended and the training
//! modules they completed (each module's estimated minutes), in the program; shown in hours
//! with one decimal, rounded to the nearest tenth.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Most held meetings HR may require.
pub const MAX_MIN_MEETINGS: u32 = 50;
/// Certificates issued per call of a bulk issue (a large program takes several, with progress).
pub const ISSUE_BATCH: usize = 25;
/// Longest reason for revoking a certificate, in characters.
pub const MAX_REVOKE_REASON: usize = 500;

/// What a person must have done in a program to receive its certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criteria {
    /// Held meetings at least (0–[`MAX_MIN_MEETINGS`]).
    pub min_held_meetings: u32,
    /// Every required training module for their side completed.
    pub required_training: bool,
    /// Their pair was not ended early by HR.
    pub pair_not_ended: bool,
}

impl Default for Criteria {
    /// Three held meetings, required training done, pair not ended early.
    fn default() -> Self {
        Criteria {
            min_held_meetings: 3,
            required_training: true,
            pair_not_ended: true,
        }
    }
}

/// Why HR's criteria or a revocation are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateError {
    /// The minimum of held meetings is not a whole number in 0–[`MAX_MIN_MEETINGS`].
    #[error("minimum meetings out of range")]
    MinMeetings,
    /// A revocation without a reason, or one longer than [`MAX_REVOKE_REASON`].
    #[error("give a reason")]
    Reason,
    /// Certificates are issued once the program is active or closed.
    #[error("the program has not started")]
    NotStarted,
}

impl CertificateError {
    /// The form field to point at.
    pub fn field(self) -> &'static str {
        match self {
            CertificateError::MinMeetings => "min_meetings",
            CertificateError::Reason => "reason",
            CertificateError::NotStarted => "program",
        }
    }
}

/// Reads HR's criteria form.
pub fn parse_criteria(
    min_held_meetings: &str,
    required_training: bool,
    pair_not_ended: bool,
) -> Result<Criteria, CertificateError> {
    let n: u32 = min_held_meetings
        .trim()
        .parse()
        .map_err(|_| CertificateError::MinMeetings)?;
    if n > MAX_MIN_MEETINGS {
        return Err(CertificateError::MinMeetings);
    }
    Ok(Criteria {
        min_held_meetings: n,
        required_training,
        pair_not_ended,
    })
}

/// Checks a revocation reason: 1 to [`MAX_REVOKE_REASON`] characters, trimmed.
pub fn validate_revoke_reason(reason: &str) -> Result<String, CertificateError> {
    let r = reason.trim();
    if r.is_empty() || r.chars().count() > MAX_REVOKE_REASON {
        return Err(CertificateError::Reason);
    }
    Ok(r.to_owned())
}

/// What happened for one person in one program, as the criteria and the hours count it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Whether they had a pair in the program (published or later).
    pub had_pair: bool,
    /// Whether HR ended one of their pairs early.
    pub pair_ended: bool,
    /// Held meetings of their pairs.
    pub held_meetings: u32,
    /// Minutes of those meetings.
    pub meeting_minutes: u32,
    /// Minutes of workshops they attended.
    pub workshop_minutes: u32,
    /// Estimated minutes of the training modules they completed.
    pub training_minutes: u32,
    /// Required modules for their side.
    pub required_modules: u32,
    /// Of those, completed.
    pub required_completed: u32,
}

/// A criterion someone does not meet yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// They have no pair in the program.
    NoPair,
    /// Fewer held meetings than required: (held, required).
    Meetings(u32, u32),
    /// Required training left.
    Training,
    /// HR ended their pair early.
    PairEnded,
}

/// Which criteria `record` does not meet (empty: they qualify).
pub fn missing(criteria: &Criteria, record: &Record) -> Vec<Missing> {
    let mut out = Vec::new();
    if !record.had_pair {
        out.push(Missing::NoPair);
    }
    if record.held_meetings < criteria.min_held_meetings {
        out.push(Missing::Meetings(
            record.held_meetings,
            criteria.min_held_meetings,
        ));
    }
    if criteria.required_training && record.required_completed < record.required_modules {
        out.push(Missing::Training);
    }
    if criteria.pair_not_ended && record.pair_ended {
        out.push(Missing::PairEnded);
    }
    out
}

/// The certificate's hours in tenths of an hour: meeting, workshop and training minutes added up,
/// rounded to the nearest tenth (half up). 12 h 30 min → 125.
pub fn hours_tenths(record: &Record) -> u32 {
    let minutes = record.meeting_minutes + record.workshop_minutes + record.training_minutes;
    (minutes * 10 + 30) / 60
}

/// Tenths of an hour written for `lang`: "12,5" in Spanish, "12.5" in English.
pub fn hours_text(tenths: u32, lang: crate::Lang) -> String {
    let sep = match lang {
        crate::Lang::Es => ',',
        crate::Lang::En => '.',
    };
    format!("{}{sep}{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn done() -> Record {
        Record {
            had_pair: true,
            pair_ended: false,
            held_meetings: 3,
            meeting_minutes: 135,
            workshop_minutes: 90,
            training_minutes: 35,
            required_modules: 4,
            required_completed: 4,
        }
    }

    #[test]
    fn someone_who_did_it_all_qualifies() {
        assert!(missing(&Criteria::default(), &done()).is_empty());
    }

    #[test]
    fn each_criterion_names_what_is_missing() {
        let c = Criteria::default();
        let few = Record {
            held_meetings: 2,
            ..done()
        };
        assert_eq!(missing(&c, &few), [Missing::Meetings(2, 3)]);
        let untrained = Record {
            required_completed: 3,
            ..done()
        };
        assert_eq!(missing(&c, &untrained), [Missing::Training]);
        let ended = Record {
            pair_ended: true,
            ..done()
        };
        assert_eq!(missing(&c, &ended), [Missing::PairEnded]);
        let alone = Record {
            had_pair: false,
            held_meetings: 0,
            ..done()
        };
        assert_eq!(missing(&c, &alone), [Missing::NoPair, Missing::Meetings(0, 3)]);
        // Criteria HR switched off are not asked.
        let lenient = Criteria {
            min_held_meetings: 0,
            required_training: false,
            pair_not_ended: false,
        };
        assert!(
            missing(
                &lenient,
                &Record {
                    had_pair: true,
                    pair_ended: true,
                    ..Record::default()
                }
            )
            .is_empty()
        );
    }

    #[test]
    fn hours_add_meetings_workshops_and_training_to_the_nearest_tenth() {
        // 135 + 90 + 35 = 260 minutes = 4 h 20 min = 4.33 h → 4.3.
        assert_eq!(hours_tenths(&done()), 43);
        assert_eq!(hours_text(43, Lang::Es), "4,3");
        assert_eq!(hours_text(43, Lang::En), "4.3");
        // 3 minutes is 0.05 h: rounds half up to 0.1.
        let three = Record {
            meeting_minutes: 3,
            ..Record::default()
        };
        assert_eq!(hours_tenths(&three), 1);
        assert_eq!(hours_tenths(&Record::default()), 0);
        assert_eq!(hours_text(125, Lang::En), "12.5");
    }

    #[test]
    fn criteria_and_reasons_are_checked() {
        assert_eq!(parse_criteria(" 4 ", true, false).unwrap().min_held_meetings, 4);
        assert_eq!(
            parse_criteria("51", true, true),
            Err(CertificateError::MinMeetings)
        );
        assert_eq!(
            parse_criteria("-1", true, true),
            Err(CertificateError::MinMeetings)
        );
        assert_eq!(
            parse_criteria("tres", true, true),
            Err(CertificateError::MinMeetings)
        );
        assert_eq!(validate_revoke_reason("  "), Err(CertificateError::Reason));
        assert_eq!(validate_revoke_reason(" Error ").unwrap(), "Error");
    }
}
