//! The one error type that crosses from server functions to the browser.
//!
//! It carries a kind (which decides the HTTP status), the message already translated into the
//! asker's language, and for validation errors the form field it belongs to.
//!
//! Every input a domain rule refuses is one kind, [`ErrorKind::Invalid`], wrapping the domain's
//! own error ([`Invalid`]): the domain error names the field, this module only adds the status
//! and the translated message.
//!
//! # On the wire
//!
//! An error is a JSON object whose `kind` is always a plain string, with the message in the
//! asker's language:
//!
//! ```json
//! {"kind":"not_found","message":"No hemos encontrado lo que buscabas."}
//! {"kind":"invalid","problem":"goal.title","field":"title","message":"Escribe un título de 1 a 160 caracteres."}
//! {"kind":"invalid","problem":"feedback_form.question_key","detail":{"question":3},"message":"…"}
//! {"kind":"meeting_rule","problem":"meeting_rule.own_proposal","message":"…"}
//! ```
//!
//! - `problem` (validation errors and `meeting_rule` only) is `AREA.CODE`: the domain error's
//!   area (`account`, `program`, `goal`, `topic`, `profile`, `meeting`, `checkin`,
//!   `feedback_form`, `meeting_rule`) and its case in snake case, as the domain types serialise.
//! - `field` is the form field to point at, whenever the error has one (also for a few errors
//!   that are not validation, such as `email_taken`).
//! - `detail` holds the data of a domain error that has some (the question and option numbers
//!   and the language of a feedback form problem), left out when empty.
//!
//! The browser reads the same shape back into an [`AppError`] (`field` is derived from the kind
//! again, not read).

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

use domain::feedback::FormError;
use domain::meeting::{CheckinError, MeetingError, MeetingRuleError};
use domain::profile::ProfileError;
use domain::recognition::certificates::CertificateError;
use domain::recognition::kudos::KudosError;
use domain::training::TrainingError;
use domain::training::workshop::WorkshopError;
use domain::{AccountError, GoalError, ProgramError, TopicError};

use crate::i18n::{Locale, td_string};

/// What went wrong, in terms a user (and an HTTP client) understands.
///
/// Its own serde form only names the kinds without data (`"not_found"`); the shape on the wire
/// is [`AppError`]'s (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// No session: sign in first (401).
    Unauthenticated,
    /// Signed in but not allowed (403).
    Forbidden,
    /// No such thing, or not visible to this user (404).
    NotFound,
    /// Email and password do not match an active account (401).
    InvalidCredentials,
    /// Too many attempts (429).
    RateLimited,
    /// Too many certificate look-ups from one address (429).
    TooManyLookups,
    /// Input a domain rule refused; the domain error names the field (422, or 409 for a topic
    /// the program already has).
    Invalid(Invalid),
    /// The password and its confirmation differ (422).
    PasswordsDiffer,
    /// The email belongs to another account (409).
    EmailTaken,
    /// The invitation link is unknown, used or expired (410).
    InvitationInvalid,
    /// The person already has an account, so there is nothing to invite them to (409).
    InviteeHasAccount,
    /// An admin tried to lock themselves out (409).
    CannotDisableSelf,
    /// The request could not be decoded (400).
    BadRequest,
    /// Refused by the cross-site request check (403).
    CrossSite,
    /// The lifecycle does not allow that change (409).
    ProgramTransition,
    /// Someone changed the program's status meanwhile (409).
    ProgramStale,
    /// A hand-edited pairing board breaks a rule; the message says which (422).
    BoardInvalid,
    /// The program does not take enrolments now (409).
    SignupClosed,
    /// The address belongs to an employee the organisation already knows: they join through an
    /// invitation from HR, which proves the address is theirs (409).
    EmailKnown,
    /// The program is closed and read-only (409).
    ProgramClosed,
    /// Removing a topic needs the confirmation box ticked (422).
    TopicRemoveUnconfirmed,
    /// Matching settings are fixed once a program is active or closed (409).
    MatchingLocked,
    /// A matching setting is out of range; the message names it (422).
    MatchingInvalid,
    /// The employee file cannot be read at all (422); the preview says why.
    ImportFile,
    /// Some rows of the employee file have errors, so nothing was imported (422).
    ImportRows,
    /// The employee file is larger than the upload limit (413).
    ImportTooLarge,
    /// The request body is larger than the server accepts (413).
    RequestTooLarge,
    /// The preview still asks HR to decide something (level titles, roles, topics, date order,
    /// encoding), so nothing was imported (422).
    ImportUndecided,
    /// The level ladder is refused: too many titles, an empty, too long or repeated title (422).
    LadderInvalid,
    /// Only the goal's owner may edit or delete it (403).
    GoalNotOwner,
    /// The pair is paused or ended, so its goals are read-only (409).
    PairLocked,
    /// The meeting's state does not allow that change (409).
    MeetingRule(domain::meeting::MeetingRuleError),
    /// Someone changed the meeting meanwhile (409).
    MeetingStale,
    /// Some answers of a feedback form are wrong; the message lists them (422).
    FeedbackAnswers,
    /// The form was answered already, so its questions are fixed (409).
    FeedbackLocked,
    /// A training step that the module's kind does not have (marking a quiz read, ticking a
    /// reading) (409).
    TrainingKind,
    /// The workshop has started: registering, cancelling and changing it are closed (409).
    WorkshopStarted,
    /// Attendance opens an hour before the workshop starts (409).
    AttendanceNotOpen,
    /// This request was answered already (409).
    FeedbackAnswered,
    /// Ending a pair needs a reason of up to 500 characters (422).
    PairReason,
    /// The pair is not in a state that allows this (409).
    PairState,
    /// Someone else changed the same data at the same moment, again and again; nothing was
    /// written (409).
    ChangedMeanwhile,
    /// The browser could not reach the server (made in the browser only; 503).
    Network,
    /// Too many costly requests (password checks) are already running and queued; nothing was
    /// done, try again in a few seconds (503, with `Retry-After`).
    ServerBusy,
    /// Our fault; details are in the server log only (500).
    Internal,
}

impl ErrorKind {
    /// The HTTP status this kind is answered with.
    pub fn status(self) -> u16 {
        match self {
            ErrorKind::Unauthenticated | ErrorKind::InvalidCredentials => 401,
            ErrorKind::Forbidden | ErrorKind::CrossSite | ErrorKind::GoalNotOwner => 403,
            ErrorKind::NotFound => 404,
            ErrorKind::RateLimited | ErrorKind::TooManyLookups => 429,
            ErrorKind::Invalid(invalid) => invalid.status(),
            ErrorKind::PasswordsDiffer
            | ErrorKind::ImportFile
            | ErrorKind::ImportRows
            | ErrorKind::ImportUndecided
            | ErrorKind::LadderInvalid
            | ErrorKind::BoardInvalid
            | ErrorKind::TopicRemoveUnconfirmed
            | ErrorKind::MatchingInvalid
            | ErrorKind::FeedbackAnswers
            | ErrorKind::PairReason => 422,
            ErrorKind::ImportTooLarge | ErrorKind::RequestTooLarge => 413,
            ErrorKind::EmailTaken
            | ErrorKind::InviteeHasAccount
            | ErrorKind::CannotDisableSelf
            | ErrorKind::ProgramTransition
            | ErrorKind::ProgramStale
            | ErrorKind::ProgramClosed
            | ErrorKind::SignupClosed
            | ErrorKind::EmailKnown
            | ErrorKind::MatchingLocked
            | ErrorKind::PairLocked
            | ErrorKind::MeetingRule(_)
            | ErrorKind::MeetingStale
            | ErrorKind::FeedbackLocked
            | ErrorKind::TrainingKind
            | ErrorKind::WorkshopStarted
            | ErrorKind::AttendanceNotOpen
            | ErrorKind::FeedbackAnswered
            | ErrorKind::PairState
            | ErrorKind::ChangedMeanwhile => 409,
            ErrorKind::InvitationInvalid => 410,
            ErrorKind::BadRequest => 400,
            ErrorKind::Internal => 500,
            ErrorKind::Network | ErrorKind::ServerBusy => 503,
        }
    }

    /// The form field an error belongs to, so the form can point at it: the domain error's for
    /// a validation error, and the field of the few other errors about one input.
    pub fn field(self) -> Option<&'static str> {
        match self {
            ErrorKind::Invalid(invalid) => invalid.field(),
            ErrorKind::EmailTaken => Some("email"),
            ErrorKind::PasswordsDiffer => Some("confirm"),
            ErrorKind::PairReason => Some("reason"),
            _ => None,
        }
    }

    /// The message in the given language.
    pub fn message(self, locale: Locale) -> String {
        let s = match self {
            ErrorKind::Invalid(invalid) => return invalid.message(locale),
            ErrorKind::Unauthenticated => td_string!(locale, errors.unauthenticated),
            ErrorKind::Forbidden => td_string!(locale, errors.forbidden),
            ErrorKind::NotFound => td_string!(locale, errors.not_found),
            ErrorKind::InvalidCredentials => td_string!(locale, errors.invalid_credentials),
            ErrorKind::RateLimited => td_string!(locale, errors.rate_limited),
            ErrorKind::TooManyLookups => td_string!(locale, certificates.err_too_many_lookups),
            ErrorKind::PasswordsDiffer => td_string!(locale, errors.passwords_differ),
            ErrorKind::EmailTaken => td_string!(locale, errors.email_taken),
            ErrorKind::InvitationInvalid => td_string!(locale, errors.invitation_invalid),
            ErrorKind::InviteeHasAccount => td_string!(locale, errors.invitee_has_account),
            ErrorKind::CannotDisableSelf => td_string!(locale, errors.cannot_disable_self),
            ErrorKind::BadRequest => td_string!(locale, errors.bad_request),
            ErrorKind::CrossSite => td_string!(locale, errors.cross_site),
            ErrorKind::Internal => td_string!(locale, errors.internal),
            ErrorKind::ChangedMeanwhile => td_string!(locale, errors.changed_meanwhile),
            ErrorKind::Network => td_string!(locale, errors.network),
            ErrorKind::ServerBusy => td_string!(locale, errors.server_busy),
            ErrorKind::FeedbackAnswers => td_string!(locale, feedback.err_answers),
            ErrorKind::FeedbackLocked => td_string!(locale, feedback.err_locked),
            ErrorKind::TrainingKind => td_string!(locale, training.err_kind),
            ErrorKind::WorkshopStarted => td_string!(locale, workshops.err_started),
            ErrorKind::AttendanceNotOpen => td_string!(locale, workshops.err_attendance_not_open),
            ErrorKind::FeedbackAnswered => td_string!(locale, feedback.err_answered),
            ErrorKind::PairReason => td_string!(locale, risk.err_reason),
            ErrorKind::PairState => td_string!(locale, risk.err_state),
            ErrorKind::ProgramTransition => td_string!(locale, errors.program_transition),
            ErrorKind::ProgramStale => td_string!(locale, errors.program_stale),
            ErrorKind::BoardInvalid => td_string!(locale, errors.board_invalid),
            ErrorKind::SignupClosed => td_string!(locale, errors.signup_closed),
            ErrorKind::ProgramClosed => td_string!(locale, errors.program_closed),
            ErrorKind::TopicRemoveUnconfirmed => td_string!(locale, programs.topic_err_confirm),
            ErrorKind::MatchingLocked => td_string!(locale, matching.locked),
            ErrorKind::MatchingInvalid => td_string!(locale, matching.err_invalid),
            ErrorKind::ImportFile => td_string!(locale, errors.import_file),
            ErrorKind::ImportRows => td_string!(locale, errors.import_rows),
            ErrorKind::ImportTooLarge => td_string!(locale, errors.import_too_large),
            ErrorKind::RequestTooLarge => td_string!(locale, errors.request_too_large),
            ErrorKind::ImportUndecided => td_string!(locale, errors.import_undecided),
            ErrorKind::EmailKnown => td_string!(locale, errors.email_known),
            ErrorKind::LadderInvalid => td_string!(locale, errors.ladder_invalid),
            ErrorKind::GoalNotOwner => td_string!(locale, errors.goal_not_owner),
            ErrorKind::PairLocked => td_string!(locale, errors.pair_locked),
            ErrorKind::MeetingRule(e) => match e {
                MeetingRuleError::OwnProposal => td_string!(locale, errors.meeting_own_proposal),
                MeetingRuleError::WrongState => td_string!(locale, errors.meeting_wrong_state),
                MeetingRuleError::NotStarted => td_string!(locale, errors.meeting_not_started),
            },
            ErrorKind::MeetingStale => td_string!(locale, errors.meeting_stale),
        };
        s.to_string()
    }
}

/// Input a domain rule refused, as the domain states it: which rules (one case per domain
/// error type) and what is wrong. The domain error names the form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Invalid {
    /// An email, password or display name.
    Account(AccountError),
    /// A program design.
    Program(ProgramError),
    /// A goal, milestone or comment.
    Goal(GoalError),
    /// A topic of a program's catalogue.
    Topic(TopicError),
    /// A participant profile.
    Profile(ProfileError),
    /// A meeting proposal or its notes.
    Meeting(MeetingError),
    /// A check-in after a meeting.
    Checkin(CheckinError),
    /// A feedback form HR designs.
    FeedbackForm(FormError),
    /// A training module HR designs.
    Training(TrainingError),
    /// A workshop HR plans.
    Workshop(WorkshopError),
    /// A kudos, or HR's reason for removing one.
    Kudos(KudosError),
    /// Certificate criteria, issuing or revoking.
    Certificate(CertificateError),
}

/// The key under which a domain error with data serialises its case (`FormError` is tagged
/// `error`); `problem` takes the case from it and `detail` holds the rest.
const CASE_TAG: &str = "error";

impl Invalid {
    /// The HTTP status: 422, but 409 for a topic the program already has (the input is fine, it
    /// clashes with what is stored).
    pub fn status(self) -> u16 {
        match self {
            Invalid::Topic(TopicError::Duplicate) => 409,
            Invalid::Certificate(CertificateError::NotStarted) => 409,
            _ => 422,
        }
    }

    /// The form field to point at. Topic and feedback form errors name none: a label problem may
    /// be either label, and a feedback form problem names its question in the message (and in
    /// `detail` on the wire).
    pub fn field(self) -> Option<&'static str> {
        match self {
            Invalid::Account(e) => Some(e.field()),
            Invalid::Program(e) => e.field(),
            Invalid::Goal(e) => Some(e.field()),
            Invalid::Profile(e) => Some(e.field()),
            Invalid::Meeting(e) => Some(e.field()),
            Invalid::Checkin(e) => Some(e.field()),
            Invalid::Training(e) => Some(e.field()),
            Invalid::Workshop(e) => Some(e.field()),
            Invalid::Kudos(e) => Some(e.field()),
            Invalid::Certificate(e) => Some(e.field()),
            Invalid::Topic(_) | Invalid::FeedbackForm(_) => None,
        }
    }

    /// A machine-readable name of the problem, `AREA.CODE`: `"goal.title"`, `"profile.role"`,
    /// `"feedback_form.question_key"`.
    pub fn problem(self) -> String {
        let (problem, _) = self.to_parts();
        problem
    }

    /// The message in the given language.
    pub fn message(self, locale: Locale) -> String {
        let s = match self {
            Invalid::Account(e) => account_message(locale, e),
            Invalid::Program(e) => program_message(locale, e),
            Invalid::Goal(e) => goal_message(locale, e),
            Invalid::Topic(e) => topic_message(locale, e),
            Invalid::Profile(e) => profile_message(locale, e),
            Invalid::Meeting(e) => meeting_message(locale, e),
            Invalid::Checkin(e) => checkin_message(locale, e),
            Invalid::FeedbackForm(e) => return crate::feedback::text::form_problem(locale, e),
            Invalid::Training(e) => crate::training::text::problem(locale, e),
            Invalid::Workshop(e) => crate::training::workshops::text::problem(locale, e),
            Invalid::Kudos(e) => crate::recognition::text::problem(locale, e),
            Invalid::Certificate(e) => crate::recognition::text::certificate_problem(locale, e),
        };
        s.to_string()
    }

    /// `problem` and `detail` as the wire carries them, from the serde form of this enum
    /// (`{"goal":"title"}`, `{"feedback_form":{"error":"question_key","question":3}}`).
    fn to_parts(self) -> (String, Map<String, Value>) {
        let Ok(Value::Object(outer)) = serde_json::to_value(self) else {
            return (String::new(), Map::new());
        };
        let Some((area, inner)) = outer.into_iter().next() else {
            return (String::new(), Map::new());
        };
        let (case, detail) = case_and_detail(inner);
        (format!("{area}.{case}"), detail)
    }

    /// Reads `problem` and `detail` back; `None` for a problem this build does not know.
    fn from_parts(problem: &str, detail: Map<String, Value>) -> Option<Invalid> {
        let (area, case) = problem.split_once('.')?;
        let tries = if detail.is_empty() {
            vec![Value::String(case.to_owned()), tagged(case, detail)]
        } else {
            vec![tagged(case, detail)]
        };
        tries.into_iter().find_map(|inner| {
            let outer = Value::Object(Map::from_iter([(area.to_owned(), inner)]));
            serde_json::from_value(outer).ok()
        })
    }
}

/// A domain error's case and its data, from its serde form: a plain string for an error without
/// data, an object tagged [`CASE_TAG`] for one with data.
fn case_and_detail(value: Value) -> (String, Map<String, Value>) {
    match value {
        Value::String(case) => (case, Map::new()),
        Value::Object(mut detail) => match detail.remove(CASE_TAG) {
            Some(Value::String(case)) => (case, detail),
            _ => (String::new(), detail),
        },
        _ => (String::new(), Map::new()),
    }
}

/// The serde form of a domain error with data: the case under [`CASE_TAG`], then the data.
fn tagged(case: &str, detail: Map<String, Value>) -> Value {
    let mut object = Map::from_iter([(CASE_TAG.to_owned(), Value::String(case.to_owned()))]);
    object.extend(detail);
    Value::Object(object)
}

/// Reads a serde case name (`"own_proposal"`) as the domain error it names.
fn from_case<T: DeserializeOwned>(case: &str) -> Option<T> {
    serde_json::from_value(Value::String(case.to_owned())).ok()
}

fn account_message(locale: Locale, e: AccountError) -> &'static str {
    match e {
        AccountError::InvalidEmail => td_string!(locale, errors.invalid_email),
        AccountError::PasswordTooShort => td_string!(locale, errors.password_too_short),
        AccountError::PasswordTooLong => td_string!(locale, errors.password_too_long),
        AccountError::InvalidName => td_string!(locale, errors.invalid_name),
    }
}

fn program_message(locale: Locale, e: ProgramError) -> &'static str {
    match e {
        ProgramError::InvalidName => td_string!(locale, errors.program_name),
        ProgramError::InvalidDate => td_string!(locale, errors.program_date),
        ProgramError::EndsBeforeStart => td_string!(locale, errors.program_ends_before_start),
        ProgramError::InvalidCadence => td_string!(locale, errors.program_cadence),
        ProgramError::InvalidMeetingLength => td_string!(locale, errors.program_meeting_length),
        ProgramError::TextTooLong => td_string!(locale, errors.program_text_too_long),
    }
}

fn goal_message(locale: Locale, e: GoalError) -> &'static str {
    match e {
        GoalError::Title => td_string!(locale, errors.goal_title),
        GoalError::Description => td_string!(locale, errors.goal_description),
        GoalError::Progress => td_string!(locale, errors.goal_progress),
        GoalError::Status => td_string!(locale, errors.goal_status),
        GoalError::Comment => td_string!(locale, errors.goal_comment),
    }
}

fn topic_message(locale: Locale, e: TopicError) -> &'static str {
    match e {
        TopicError::LabelMissing | TopicError::LabelTooLong => td_string!(locale, programs.topic_err_labels),
        TopicError::NoKey => td_string!(locale, programs.topic_err_no_key),
        TopicError::Duplicate => td_string!(locale, programs.topic_err_duplicate),
    }
}

fn profile_message(locale: Locale, e: ProfileError) -> &'static str {
    use ProfileError as P;
    match e {
        P::Role => td_string!(locale, errors.profile_role),
        P::TextTooLong => td_string!(locale, errors.profile_text_too_long),
        P::JobLevel => td_string!(locale, errors.profile_job_level),
        P::ManagerEmail => td_string!(locale, errors.profile_manager_email),
        P::UnknownManager => td_string!(locale, errors.profile_unknown_manager),
        P::SelfManager => td_string!(locale, errors.profile_self_manager),
        P::StartDate => td_string!(locale, errors.profile_start_date),
        P::Generation => td_string!(locale, errors.profile_generation),
        P::Languages => td_string!(locale, errors.profile_languages),
        P::TimeZone => td_string!(locale, errors.profile_time_zone),
        P::Availability => td_string!(locale, errors.profile_availability),
        P::Topics => td_string!(locale, errors.profile_topics),
        P::NoTopics => td_string!(locale, errors.profile_no_topics),
        P::Interests => td_string!(locale, errors.profile_interests),
        P::Capacity => td_string!(locale, errors.profile_capacity),
        P::Agreement => td_string!(locale, errors.profile_agreement),
    }
}

fn meeting_message(locale: Locale, e: MeetingError) -> &'static str {
    use MeetingError as M;
    match e {
        M::Date => td_string!(locale, errors.meeting_date),
        M::Time => td_string!(locale, errors.meeting_time),
        M::Minutes => td_string!(locale, errors.meeting_minutes),
        M::TimeZone => td_string!(locale, errors.profile_time_zone),
        M::Place => td_string!(locale, errors.meeting_place),
        M::VideoUrl => td_string!(locale, errors.meeting_video_url),
        M::Where => td_string!(locale, errors.meeting_where),
        M::Past => td_string!(locale, errors.meeting_past),
        M::Notes => td_string!(locale, errors.meeting_notes),
    }
}

fn checkin_message(locale: Locale, e: CheckinError) -> &'static str {
    match e {
        CheckinError::Rating => td_string!(locale, errors.checkin_rating),
        CheckinError::TooLong => td_string!(locale, errors.checkin_too_long),
        CheckinError::Empty => td_string!(locale, errors.checkin_empty),
        CheckinError::ClientId => td_string!(locale, errors.bad_request),
    }
}

impl From<Invalid> for ErrorKind {
    fn from(invalid: Invalid) -> ErrorKind {
        ErrorKind::Invalid(invalid)
    }
}

/// For each domain error type: `From` into [`Invalid`] and [`ErrorKind`], and on the server
/// into [`AppError`] (in the asker's language, with the status set), so a server function
/// answers a refused input with `?`.
macro_rules! invalid_from {
    ($($case:ident($error:ty)),* $(,)?) => {$(
        impl From<$error> for Invalid {
            fn from(e: $error) -> Invalid {
                Invalid::$case(e)
            }
        }

        impl From<$error> for ErrorKind {
            fn from(e: $error) -> ErrorKind {
                ErrorKind::Invalid(Invalid::$case(e))
            }
        }

        #[cfg(feature = "ssr")]
        impl From<$error> for AppError {
            fn from(e: $error) -> AppError {
                crate::ssr::fail(ErrorKind::from(e))
            }
        }
    )*};
}

invalid_from!(
    Account(AccountError),
    Program(ProgramError),
    Goal(GoalError),
    Topic(TopicError),
    Profile(ProfileError),
    Meeting(MeetingError),
    Checkin(CheckinError),
    FeedbackForm(FormError),
    Training(TrainingError),
    Workshop(WorkshopError),
    Kudos(KudosError),
    Certificate(CertificateError),
);

/// An error answered by a server function. Serialised in the shape the module documentation
/// shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "Wire", try_from = "Wire")]
pub struct AppError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// Human text in the asker's language.
    pub message: String,
}

impl AppError {
    /// Builds the error with its message in `locale`.
    pub fn new(kind: ErrorKind, locale: Locale) -> AppError {
        AppError {
            kind,
            message: kind.message(locale),
        }
    }

    /// The field of a validation error.
    pub fn field(&self) -> Option<&'static str> {
        self.kind.field()
    }
}

/// [`AppError`] as JSON carries it.
#[derive(Serialize, Deserialize)]
struct Wire {
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    detail: Map<String, Value>,
    message: String,
}

/// The prefix of a `meeting_rule` problem.
const MEETING_RULE: &str = "meeting_rule";

impl From<AppError> for Wire {
    fn from(e: AppError) -> Wire {
        let field = e.field().map(str::to_owned);
        let (kind, problem, detail) = match e.kind {
            ErrorKind::Invalid(invalid) => {
                let (problem, detail) = invalid.to_parts();
                ("invalid".to_owned(), Some(problem), detail)
            }
            ErrorKind::MeetingRule(rule) => {
                let (case, _) = case_and_detail(serde_json::to_value(rule).unwrap_or_default());
                (
                    MEETING_RULE.to_owned(),
                    Some(format!("{MEETING_RULE}.{case}")),
                    Map::new(),
                )
            }
            other => {
                let kind = match serde_json::to_value(other) {
                    Ok(Value::String(kind)) => kind,
                    _ => "internal".to_owned(),
                };
                (kind, None, Map::new())
            }
        };
        Wire {
            kind,
            problem,
            field,
            detail,
            message: e.message,
        }
    }
}

impl TryFrom<Wire> for AppError {
    type Error = String;

    fn try_from(w: Wire) -> Result<AppError, String> {
        let kind = match (w.kind.as_str(), w.problem.as_deref()) {
            ("invalid", Some(problem)) => Invalid::from_parts(problem, w.detail).map(ErrorKind::Invalid),
            (MEETING_RULE, Some(problem)) => problem
                .strip_prefix(MEETING_RULE)
                .and_then(|p| p.strip_prefix('.'))
                .and_then(from_case)
                .map(ErrorKind::MeetingRule),
            (kind, None) => from_case(kind),
            _ => None,
        };
        let kind =
            kind.ok_or_else(|| format!("unknown error: kind {:?}, problem {:?}", w.kind, w.problem))?;
        Ok(AppError {
            kind,
            message: w.message,
        })
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // Transport and decoding failures: the request itself was bad, or the network failed.
        let kind = match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::MissingArg(_) => ErrorKind::BadRequest,
            ServerFnErrorErr::Request(_) => ErrorKind::Network,
            _ => ErrorKind::Internal,
        };
        #[cfg(feature = "ssr")]
        {
            if kind == ErrorKind::Internal {
                tracing::error!(error = %value, "server function failed outside the application");
            }
            crate::ssr::fail(kind)
        }
        #[cfg(not(feature = "ssr"))]
        AppError::new(kind, Locale::default())
    }
}

#[cfg(test)]
mod tests {
    use domain::Lang;
    use serde_json::json;

    use super::*;

    /// The error as the server sends it and the browser reads it (the server function codec).
    fn round_trip(e: &AppError) -> AppError {
        AppError::de(e.ser())
    }

    fn wire(kind: ErrorKind) -> Value {
        serde_json::to_value(AppError::new(kind, Locale::en)).unwrap_or_default()
    }

    #[test]
    fn kind_is_a_plain_string_and_validation_names_problem_and_field() {
        let goal = AppError::new(GoalError::Title.into(), Locale::es);
        assert_eq!(
            serde_json::to_value(&goal).unwrap(),
            json!({
                "kind": "invalid",
                "problem": "goal.title",
                "field": "title",
                "message": "Escribe un título de 1 a 160 caracteres.",
            })
        );
        let not_found = AppError::new(ErrorKind::NotFound, Locale::es);
        assert_eq!(
            serde_json::to_string(&not_found).unwrap(),
            r#"{"kind":"not_found","message":"No hemos encontrado lo que buscabas."}"#
        );
        assert_eq!(
            wire(ProfileError::Role.into()),
            json!({
                "kind": "invalid",
                "problem": "profile.role",
                "field": "role",
                "message": ErrorKind::from(ProfileError::Role).message(Locale::en),
            })
        );
        let rule = wire(ErrorKind::MeetingRule(MeetingRuleError::OwnProposal));
        assert_eq!(
            (&rule["kind"], &rule["problem"], rule.get("field")),
            (&json!("meeting_rule"), &json!("meeting_rule.own_proposal"), None)
        );
        let taken = wire(ErrorKind::EmailTaken);
        assert_eq!(
            (&taken["kind"], taken.get("problem"), &taken["field"]),
            (&json!("email_taken"), None, &json!("email"))
        );
    }

    #[test]
    fn a_feedback_form_problem_carries_its_numbers_in_detail() {
        let e = FormError::OptionLabelMissing {
            question: 2,
            option: 3,
            lang: Lang::En,
        };
        assert_eq!(
            wire(e.into()),
            json!({
                "kind": "invalid",
                "problem": "feedback_form.option_label_missing",
                "detail": {"question": 2, "option": 3, "lang": "en"},
                "message": ErrorKind::from(e).message(Locale::en),
            })
        );
        let plain = wire(FormError::Audience.into());
        assert_eq!(plain["problem"], "feedback_form.audience");
        assert_eq!(plain.get("detail"), None);
    }

    #[test]
    fn errors_round_trip_through_the_server_function_codec() {
        let kinds = [
            ErrorKind::NotFound,
            ErrorKind::Internal,
            ErrorKind::EmailTaken,
            ErrorKind::PasswordsDiffer,
            ErrorKind::MeetingRule(MeetingRuleError::NotStarted),
            GoalError::Comment.into(),
            ProfileError::UnknownManager.into(),
            TopicError::Duplicate.into(),
            ProgramError::TextTooLong.into(),
            CheckinError::ClientId.into(),
            FormError::Audience.into(),
            FormError::QuestionTextTooLong {
                question: 4,
                lang: Lang::Es,
            }
            .into(),
        ];
        for kind in kinds {
            for locale in [Locale::es, Locale::en] {
                let e = AppError::new(kind, locale);
                assert_eq!(round_trip(&e), e, "{}", String::from_utf8_lossy(&e.ser()));
            }
        }
    }

    #[test]
    fn an_unknown_problem_is_refused_not_guessed() {
        for body in [
            r#"{"kind":"invalid","problem":"goal.colour","message":"x"}"#,
            r#"{"kind":"invalid","problem":"colour.title","message":"x"}"#,
            r#"{"kind":"invalid","message":"x"}"#,
            r#"{"kind":"goal_title","message":"x"}"#,
            r#"{"kind":"meeting_rule","problem":"meeting_rule.later","message":"x"}"#,
        ] {
            assert!(serde_json::from_str::<AppError>(body).is_err(), "{body}");
        }
    }

    /// Every domain validation error with its problem, field and status (fields and statuses as
    /// before the errors were one kind).
    fn every_invalid() -> Vec<(Invalid, &'static str, Option<&'static str>, u16)> {
        use AccountError as A;
        use CheckinError as C;
        use GoalError as G;
        use MeetingError as M;
        use ProfileError as P;
        use ProgramError as R;
        use TopicError as T;
        let mut all: Vec<(Invalid, &str, Option<&str>, u16)> = vec![
            (
                A::InvalidEmail.into(),
                "account.invalid_email",
                Some("email"),
                422,
            ),
            (
                A::PasswordTooShort.into(),
                "account.password_too_short",
                Some("password"),
                422,
            ),
            (
                A::PasswordTooLong.into(),
                "account.password_too_long",
                Some("password"),
                422,
            ),
            (A::InvalidName.into(), "account.invalid_name", Some("name"), 422),
            (R::InvalidName.into(), "program.invalid_name", Some("name"), 422),
            (
                R::InvalidDate.into(),
                "program.invalid_date",
                Some("ends_on"),
                422,
            ),
            (
                R::EndsBeforeStart.into(),
                "program.ends_before_start",
                Some("ends_on"),
                422,
            ),
            (
                R::InvalidCadence.into(),
                "program.invalid_cadence",
                Some("cadence_days"),
                422,
            ),
            (
                R::InvalidMeetingLength.into(),
                "program.invalid_meeting_length",
                Some("meeting_minutes"),
                422,
            ),
            (R::TextTooLong.into(), "program.text_too_long", None, 422),
            (G::Title.into(), "goal.title", Some("title"), 422),
            (
                G::Description.into(),
                "goal.description",
                Some("description"),
                422,
            ),
            (G::Progress.into(), "goal.progress", Some("progress"), 422),
            (G::Status.into(), "goal.status", Some("status"), 422),
            (G::Comment.into(), "goal.comment", Some("body"), 422),
            (T::LabelMissing.into(), "topic.label_missing", None, 422),
            (T::LabelTooLong.into(), "topic.label_too_long", None, 422),
            (T::NoKey.into(), "topic.no_key", None, 422),
            (T::Duplicate.into(), "topic.duplicate", None, 409),
            (P::Role.into(), "profile.role", Some("role"), 422),
            (
                P::TextTooLong.into(),
                "profile.text_too_long",
                Some("department"),
                422,
            ),
            (P::JobLevel.into(), "profile.job_level", Some("job_level"), 422),
            (
                P::ManagerEmail.into(),
                "profile.manager_email",
                Some("manager_email"),
                422,
            ),
            (
                P::UnknownManager.into(),
                "profile.unknown_manager",
                Some("manager_email"),
                422,
            ),
            (
                P::SelfManager.into(),
                "profile.self_manager",
                Some("manager_email"),
                422,
            ),
            (
                P::StartDate.into(),
                "profile.start_date",
                Some("company_start"),
                422,
            ),
            (
                P::Generation.into(),
                "profile.generation",
                Some("generation"),
                422,
            ),
            (P::Languages.into(), "profile.languages", Some("languages"), 422),
            (P::TimeZone.into(), "profile.time_zone", Some("time_zone"), 422),
            (
                P::Availability.into(),
                "profile.availability",
                Some("availability"),
                422,
            ),
            (P::Topics.into(), "profile.topics", Some("can_teach"), 422),
            (P::NoTopics.into(), "profile.no_topics", Some("can_teach"), 422),
            (P::Interests.into(), "profile.interests", Some("interests"), 422),
            (P::Capacity.into(), "profile.capacity", Some("capacity"), 422),
            (P::Agreement.into(), "profile.agreement", Some("agree"), 422),
            (M::Date.into(), "meeting.date", Some("date"), 422),
            (M::Time.into(), "meeting.time", Some("time"), 422),
            (M::Minutes.into(), "meeting.minutes", Some("minutes"), 422),
            (M::TimeZone.into(), "meeting.time_zone", Some("time_zone"), 422),
            (M::Place.into(), "meeting.place", Some("place"), 422),
            (M::VideoUrl.into(), "meeting.video_url", Some("video_url"), 422),
            (M::Where.into(), "meeting.where", Some("place"), 422),
            (M::Past.into(), "meeting.past", Some("date"), 422),
            (M::Notes.into(), "meeting.notes", Some("notes"), 422),
            (C::Rating.into(), "checkin.rating", Some("rating"), 422),
            (C::TooLong.into(), "checkin.too_long", Some("learned"), 422),
            (C::Empty.into(), "checkin.empty", Some("learned"), 422),
            (C::ClientId.into(), "checkin.client_id", Some("client_id"), 422),
        ];
        let (question, option, lang) = (3, 2, Lang::Es);
        let forms = [
            (FormError::TitleMissing { lang }, "title_missing"),
            (FormError::TitleTooLong { lang }, "title_too_long"),
            (FormError::Audience, "audience"),
            (FormError::Trigger, "trigger"),
            (FormError::DueDays, "due_days"),
            (FormError::NoQuestions, "no_questions"),
            (FormError::TooManyQuestions, "too_many_questions"),
            (FormError::QuestionKey { question }, "question_key"),
            (
                FormError::DuplicateQuestionKey { question },
                "duplicate_question_key",
            ),
            (
                FormError::QuestionTextMissing { question, lang },
                "question_text_missing",
            ),
            (
                FormError::QuestionTextTooLong { question, lang },
                "question_text_too_long",
            ),
            (FormError::OptionCount { question }, "option_count"),
            (FormError::OptionsNotAllowed { question }, "options_not_allowed"),
            (FormError::OptionKey { question, option }, "option_key"),
            (
                FormError::DuplicateOptionKey { question, option },
                "duplicate_option_key",
            ),
            (
                FormError::OptionLabelMissing {
                    question,
                    option,
                    lang,
                },
                "option_label_missing",
            ),
            (
                FormError::OptionLabelTooLong {
                    question,
                    option,
                    lang,
                },
                "option_label_too_long",
            ),
            (FormError::NoSuchQuestion { question }, "no_such_question"),
        ];
        for (e, case) in forms {
            let problem: &'static str = format!("feedback_form.{case}").leak();
            all.push((e.into(), problem, None, 422));
        }
        all
    }

    #[test]
    fn every_validation_error_keeps_its_field_and_status_and_round_trips() {
        for (invalid, problem, field, status) in every_invalid() {
            let kind = ErrorKind::Invalid(invalid);
            assert_eq!(invalid.problem(), problem, "{invalid:?}");
            assert_eq!(kind.field(), field, "{invalid:?}");
            assert_eq!(kind.status(), status, "{invalid:?}");
            let e = AppError::new(kind, Locale::en);
            assert!(!e.message.is_empty(), "{invalid:?}");
            assert_eq!(round_trip(&e), e, "{invalid:?}");
            let body = wire(kind);
            assert_eq!(body["kind"], "invalid", "{invalid:?}");
            assert_eq!(body["problem"], problem, "{invalid:?}");
            assert_eq!(body.get("field").and_then(Value::as_str), field, "{invalid:?}");
        }
    }
}
