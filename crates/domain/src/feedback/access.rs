//! Who may read one person's answers ([`may_read_individual`]) and what HR may do with them in
//! a form's results ([`hr_access`]): nobody in the reporting chain of the person the answers are
//! about ever reads or counts them.

use serde::{Deserialize, Serialize};

/// Who is asking to read feedback answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// The viewer's employee id.
    pub id: String,
    /// Whether the viewer is HR for the program (its program manager or an admin).
    pub is_hr: bool,
}

/// The facts about one person's answers that decide who may read them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerMeta {
    /// Who answered.
    pub respondent_id: String,
    /// The managers of the person the answers are about, up the reporting chain (direct manager
    /// first); empty when the answers are about no one (e.g. about the program).
    pub subject_chain: Vec<String>,
    /// Whether the form is anonymous.
    pub form_anonymous: bool,
}

/// Whether `viewer` may read one person's individual answers (not aggregates). In this order:
///
/// 1. Someone in the reporting chain of the person the answers are about **never** may — not even
///    when they are also HR and the form is not anonymous, nor when they wrote the answers: what a
///    junior mentor writes about a senior never reaches that senior's managers.
/// 2. The respondent may read their own answers.
/// 3. HR may read them when the form is not anonymous.
/// 4. Nobody else (including the person the answers are about).
pub fn may_read_individual(viewer: &Viewer, answer: &AnswerMeta) -> bool {
    if answer.subject_chain.contains(&viewer.id) {
        return false;
    }
    viewer.id == answer.respondent_id || (viewer.is_hr && !answer.form_anonymous)
}

/// What HR may do with one person's answers in the results ([`hr_access`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HrAccess {
    /// The answers are about someone in the viewer's reporting chain: they are left out of
    /// every figure this viewer sees (only how many were left out is told).
    pub hidden: bool,
    /// The viewer may read the answers one by one ([`may_read_individual`]).
    pub may_read: bool,
}

/// What HR may do with one person's `answer` in the results of a form. `account_id` is the
/// viewer's account (`account:KEY`); `employee_ids` their employee records (`employee:KEY`),
/// empty for an HR account that is nobody's employee. The reporting-chain rule holds for each
/// of them: if any of their records manages the subject, directly or up the chain, the answers
/// are hidden from this viewer; otherwise they may read them only if every record may
/// ([`may_read_individual`] with `is_hr`), or the account may when there is no record.
pub fn hr_access(account_id: &str, employee_ids: &[String], answer: &AnswerMeta) -> HrAccess {
    let hidden = employee_ids.iter().any(|id| answer.subject_chain.contains(id));
    let as_hr = |id: &str| {
        may_read_individual(
            &Viewer {
                id: id.to_owned(),
                is_hr: true,
            },
            answer,
        )
    };
    let may_read = !hidden
        && if employee_ids.is_empty() {
            as_hr(account_id)
        } else {
            employee_ids.iter().all(|id| as_hr(id))
        };
    HrAccess { hidden, may_read }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(id: &str, is_hr: bool) -> Viewer {
        Viewer { id: id.into(), is_hr }
    }

    fn meta(anonymous: bool) -> AnswerMeta {
        // The junior mentor "ana" wrote about the senior "sr", whose managers are "boss" and "ceo".
        AnswerMeta {
            respondent_id: "ana".into(),
            subject_chain: vec!["boss".into(), "ceo".into()],
            form_anonymous: anonymous,
        }
    }

    #[test]
    fn respondents_read_their_own_answers() {
        assert!(may_read_individual(&viewer("ana", false), &meta(true)));
        assert!(may_read_individual(&viewer("ana", false), &meta(false)));
        assert!(may_read_individual(&viewer("ana", true), &meta(true)));
    }

    #[test]
    fn hr_reads_individual_answers_only_of_forms_that_are_not_anonymous() {
        assert!(may_read_individual(&viewer("hr", true), &meta(false)));
        assert!(!may_read_individual(&viewer("hr", true), &meta(true)));
    }

    #[test]
    fn the_subjects_reporting_chain_never_reads_them() {
        for anonymous in [true, false] {
            for is_hr in [true, false] {
                for manager in ["boss", "ceo"] {
                    assert!(
                        !may_read_individual(&viewer(manager, is_hr), &meta(anonymous)),
                        "{manager} hr={is_hr} anonymous={anonymous}"
                    );
                }
            }
        }
        let mut odd = meta(false);
        odd.subject_chain.push("ana".into());
        assert!(
            !may_read_individual(&viewer("ana", false), &odd),
            "the chain rule comes first, even for the respondent"
        );
    }

    #[test]
    fn nobody_else_reads_individual_answers() {
        assert!(
            !may_read_individual(&viewer("sr", false), &meta(false)),
            "not even the subject"
        );
        assert!(!may_read_individual(&viewer("colleague", false), &meta(false)));
        assert!(!may_read_individual(&viewer("colleague", false), &meta(true)));
        let about_the_program = AnswerMeta {
            subject_chain: vec![],
            ..meta(false)
        };
        assert!(may_read_individual(&viewer("hr", true), &about_the_program));
        assert!(!may_read_individual(&viewer("boss", false), &about_the_program));
    }

    #[test]
    fn hr_never_counts_or_reads_answers_about_someone_they_manage() {
        let meta = |anonymous: bool| AnswerMeta {
            respondent_id: "employee:lucia".into(),
            subject_chain: vec!["employee:boss".into(), "employee:ceo".into()],
            form_anonymous: anonymous,
        };
        let ids = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        // HR without an employee record, or not in the chain: reads a named form, not an
        // anonymous one; counts both.
        for employees in [ids(&[]), ids(&["employee:hr"])] {
            assert_eq!(
                hr_access("account:hr", &employees, &meta(false)),
                HrAccess {
                    hidden: false,
                    may_read: true
                }
            );
            assert_eq!(
                hr_access("account:hr", &employees, &meta(true)),
                HrAccess {
                    hidden: false,
                    may_read: false
                }
            );
        }
        // Anywhere up the chain, through any of their records: hidden and unreadable.
        for employees in [ids(&["employee:ceo"]), ids(&["employee:hr", "employee:boss"])] {
            assert_eq!(
                hr_access("account:hr", &employees, &meta(false)),
                HrAccess {
                    hidden: true,
                    may_read: false
                }
            );
        }
        // HR who answered themselves still reads their own answers of an anonymous form.
        assert_eq!(
            hr_access("account:hr", &ids(&["employee:lucia"]), &meta(true)),
            HrAccess {
                hidden: false,
                may_read: true
            }
        );
    }
}
