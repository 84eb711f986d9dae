//! Wire types of this feature: plain data sent between server and browser (serde), kept
//! apart from database rows.

use serde::{Deserialize, Serialize};

/// The signup page of a program: what it is, its agreement, and where the visitor stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinView {
    /// Program name.
    pub name: String,
    /// Purpose.
    pub purpose: String,
    /// Goals and objectives.
    pub objectives: Vec<String>,
    /// What mentors commit to (part of the agreement).
    pub mentor_expectations: String,
    /// What mentees commit to (part of the agreement).
    pub mentee_expectations: String,
    /// First day.
    pub starts_on: domain::Date,
    /// Last day.
    pub ends_on: domain::Date,
    /// Whether the program takes enrolments now.
    pub open: bool,
    /// Topic catalogue: `(key, Spanish, English)`.
    pub topics: Vec<(String, String, String)>,
    /// The signed-in visitor's name, if any.
    pub signed_in_as: Option<String>,
    /// Their role in the program (`mentor`, `mentee`, `both`) if already enrolled.
    pub enrolled: Option<String>,
    /// What is already known about the signed-in visitor (an employee record HR imported, or an
    /// earlier profile), to fill the form with; `None` when nothing is.
    pub prefill: Option<ProfilePrefill>,
}

/// A profile form filled in with what is stored about the person, and which of its fields came
/// from HR's records (shown as such until the person confirms their profile).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProfilePrefill {
    /// The fields as the form shows them (`agree` is never filled).
    pub form: domain::profile::ProfileForm,
    /// Names of the form fields (`department`, `can_teach`…) whose value came from HR.
    pub from_hr: Vec<String>,
}

/// The profile-completion page of one program (`/profile/{key}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    /// Program key.
    pub program: String,
    /// Program name.
    pub name: String,
    /// Program stage (enrolling, matching or active).
    pub status: domain::ProgramStatus,
    /// What mentors commit to.
    pub mentor_expectations: String,
    /// What mentees commit to.
    pub mentee_expectations: String,
    /// Topic catalogue: `(key, Spanish, English)`.
    pub topics: Vec<(String, String, String)>,
    /// The form, filled in.
    pub prefill: ProfilePrefill,
    /// Whether the person has accepted the agreement.
    pub agreed: bool,
    /// Whether the role is fixed (once matching has started, HR changes it).
    pub role_fixed: bool,
    /// Whether nothing is missing (topics for each side, agreement accepted).
    pub complete: bool,
}
