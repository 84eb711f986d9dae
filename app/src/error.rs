//! The one error type that crosses from server functions to the browser.
//!
//! It carries a kind (which decides the HTTP status), the message already translated into the
//! asker's language, and for validation errors the form field it belongs to.

use std::fmt;

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

use crate::i18n::{Locale, td_string};

/// What went wrong, in terms a user (and an HTTP client) understands.
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
    /// Input refused; see the field (422).
    InvalidEmail,
    /// Input refused (422).
    PasswordTooShort,
    /// Input refused (422).
    PasswordTooLong,
    /// Input refused (422).
    PasswordsDiffer,
    /// Input refused (422).
    InvalidName,
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
    /// Program name empty or too long (422).
    ProgramName,
    /// A program date is missing or not a real day (422).
    ProgramDate,
    /// A program must end after it starts (422).
    ProgramEndsBeforeStart,
    /// Meeting cadence outside 1–90 days (422).
    ProgramCadence,
    /// Meeting length outside 10–240 minutes (422).
    ProgramMeetingLength,
    /// A program text is too long (422).
    ProgramTextTooLong,
    /// The lifecycle does not allow that change (409).
    ProgramTransition,
    /// Someone changed the program's status meanwhile (409).
    ProgramStale,
    /// A hand-edited pairing board breaks a rule; the message says which (422).
    BoardInvalid,
    /// A profile field is wrong (422).
    Profile(domain::profile::ProfileError),
    /// The program does not take enrolments now (409).
    SignupClosed,
    /// The address belongs to an employee the organisation already knows: they join through an
    /// invitation from HR, which proves the address is theirs (409).
    EmailKnown,
    /// The program is closed and read-only (409).
    ProgramClosed,
    /// A topic needs a Spanish and an English name of up to 80 characters (422).
    TopicLabels,
    /// A topic name without a letter or digit gives no key (422).
    TopicNoKey,
    /// The program already has that topic (409).
    TopicDuplicate,
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
    /// A goal or milestone title is empty or too long (422).
    GoalTitle,
    /// A goal description is too long (422).
    GoalDescription,
    /// Goal progress outside 0–100 (422).
    GoalProgress,
    /// Not a goal status (422).
    GoalStatus,
    /// A comment is empty or too long (422).
    GoalComment,
    /// Only the goal's owner may edit or delete it (403).
    GoalNotOwner,
    /// The pair is paused or ended, so its goals are read-only (409).
    PairLocked,
    /// A meeting proposal or its notes are wrong; the message names the field (422).
    Meeting(domain::meeting::MeetingError),
    /// The meeting's state does not allow that change (409).
    MeetingRule(domain::meeting::MeetingRuleError),
    /// Someone changed the meeting meanwhile (409).
    MeetingStale,
    /// A check-in field is wrong (422).
    Checkin(domain::meeting::CheckinError),
    /// A feedback form is wrong; the message says which question (422).
    FeedbackForm(domain::feedback::FormError),
    /// Some answers of a feedback form are wrong; the message lists them (422).
    FeedbackAnswers,
    /// The form was answered already, so its questions are fixed (409).
    FeedbackLocked,
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
            ErrorKind::RateLimited => 429,
            ErrorKind::InvalidEmail
            | ErrorKind::PasswordTooShort
            | ErrorKind::PasswordTooLong
            | ErrorKind::PasswordsDiffer
            | ErrorKind::InvalidName
            | ErrorKind::ProgramName
            | ErrorKind::ProgramDate
            | ErrorKind::ProgramEndsBeforeStart
            | ErrorKind::ProgramCadence
            | ErrorKind::ProgramMeetingLength
            | ErrorKind::ProgramTextTooLong
            | ErrorKind::ImportFile
            | ErrorKind::ImportRows
            | ErrorKind::ImportUndecided
            | ErrorKind::LadderInvalid
            | ErrorKind::BoardInvalid
            | ErrorKind::Profile(_)
            | ErrorKind::TopicLabels
            | ErrorKind::TopicNoKey
            | ErrorKind::TopicRemoveUnconfirmed
            | ErrorKind::MatchingInvalid
            | ErrorKind::GoalTitle
            | ErrorKind::GoalDescription
            | ErrorKind::GoalProgress
            | ErrorKind::GoalStatus
            | ErrorKind::GoalComment
            | ErrorKind::Meeting(_)
            | ErrorKind::Checkin(_)
            | ErrorKind::FeedbackForm(_)
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
            | ErrorKind::TopicDuplicate
            | ErrorKind::MatchingLocked
            | ErrorKind::PairLocked
            | ErrorKind::MeetingRule(_)
            | ErrorKind::MeetingStale
            | ErrorKind::FeedbackLocked
            | ErrorKind::FeedbackAnswered
            | ErrorKind::PairState
            | ErrorKind::ChangedMeanwhile => 409,
            ErrorKind::InvitationInvalid => 410,
            ErrorKind::BadRequest => 400,
            ErrorKind::Internal => 500,
            ErrorKind::Network | ErrorKind::ServerBusy => 503,
        }
    }

    /// The form field a validation error belongs to, so the form can point at it.
    pub fn field(self) -> Option<&'static str> {
        match self {
            ErrorKind::InvalidEmail | ErrorKind::EmailTaken => Some("email"),
            ErrorKind::PasswordTooShort | ErrorKind::PasswordTooLong => Some("password"),
            ErrorKind::PasswordsDiffer => Some("confirm"),
            ErrorKind::InvalidName | ErrorKind::ProgramName => Some("name"),
            ErrorKind::ProgramDate | ErrorKind::ProgramEndsBeforeStart => Some("ends_on"),
            ErrorKind::ProgramCadence => Some("cadence_days"),
            ErrorKind::ProgramMeetingLength => Some("meeting_minutes"),
            ErrorKind::Profile(e) => Some(e.field()),
            ErrorKind::GoalTitle => Some("title"),
            ErrorKind::GoalDescription => Some("description"),
            ErrorKind::GoalProgress => Some("progress"),
            ErrorKind::GoalStatus => Some("status"),
            ErrorKind::GoalComment => Some("body"),
            ErrorKind::Meeting(e) => Some(e.field()),
            ErrorKind::Checkin(e) => Some(e.field()),
            ErrorKind::PairReason => Some("reason"),
            _ => None,
        }
    }

    /// The message in the given language.
    pub fn message(self, locale: Locale) -> String {
        let s = match self {
            ErrorKind::Unauthenticated => td_string!(locale, errors.unauthenticated),
            ErrorKind::Forbidden => td_string!(locale, errors.forbidden),
            ErrorKind::NotFound => td_string!(locale, errors.not_found),
            ErrorKind::InvalidCredentials => td_string!(locale, errors.invalid_credentials),
            ErrorKind::RateLimited => td_string!(locale, errors.rate_limited),
            ErrorKind::InvalidEmail => td_string!(locale, errors.invalid_email),
            ErrorKind::PasswordTooShort => td_string!(locale, errors.password_too_short),
            ErrorKind::PasswordTooLong => td_string!(locale, errors.password_too_long),
            ErrorKind::PasswordsDiffer => td_string!(locale, errors.passwords_differ),
            ErrorKind::InvalidName => td_string!(locale, errors.invalid_name),
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
            ErrorKind::FeedbackForm(e) => return crate::feedback::text::form_problem(locale, e),
            ErrorKind::FeedbackAnswers => td_string!(locale, feedback.err_answers),
            ErrorKind::FeedbackLocked => td_string!(locale, feedback.err_locked),
            ErrorKind::FeedbackAnswered => td_string!(locale, feedback.err_answered),
            ErrorKind::PairReason => td_string!(locale, risk.err_reason),
            ErrorKind::PairState => td_string!(locale, risk.err_state),
            ErrorKind::ProgramName => td_string!(locale, errors.program_name),
            ErrorKind::ProgramDate => td_string!(locale, errors.program_date),
            ErrorKind::ProgramEndsBeforeStart => td_string!(locale, errors.program_ends_before_start),
            ErrorKind::ProgramCadence => td_string!(locale, errors.program_cadence),
            ErrorKind::ProgramMeetingLength => td_string!(locale, errors.program_meeting_length),
            ErrorKind::ProgramTextTooLong => td_string!(locale, errors.program_text_too_long),
            ErrorKind::ProgramTransition => td_string!(locale, errors.program_transition),
            ErrorKind::ProgramStale => td_string!(locale, errors.program_stale),
            ErrorKind::BoardInvalid => td_string!(locale, errors.board_invalid),
            ErrorKind::SignupClosed => td_string!(locale, errors.signup_closed),
            ErrorKind::Profile(e) => profile_message(locale, e),
            ErrorKind::ProgramClosed => td_string!(locale, errors.program_closed),
            ErrorKind::TopicLabels => td_string!(locale, programs.topic_err_labels),
            ErrorKind::TopicNoKey => td_string!(locale, programs.topic_err_no_key),
            ErrorKind::TopicDuplicate => td_string!(locale, programs.topic_err_duplicate),
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
            ErrorKind::GoalTitle => td_string!(locale, errors.goal_title),
            ErrorKind::GoalDescription => td_string!(locale, errors.goal_description),
            ErrorKind::GoalProgress => td_string!(locale, errors.goal_progress),
            ErrorKind::GoalStatus => td_string!(locale, errors.goal_status),
            ErrorKind::GoalComment => td_string!(locale, errors.goal_comment),
            ErrorKind::GoalNotOwner => td_string!(locale, errors.goal_not_owner),
            ErrorKind::PairLocked => td_string!(locale, errors.pair_locked),
            ErrorKind::Meeting(e) => meeting_message(locale, e),
            ErrorKind::MeetingRule(e) => match e {
                domain::meeting::MeetingRuleError::OwnProposal => {
                    td_string!(locale, errors.meeting_own_proposal)
                }
                domain::meeting::MeetingRuleError::WrongState => {
                    td_string!(locale, errors.meeting_wrong_state)
                }
                domain::meeting::MeetingRuleError::NotStarted => {
                    td_string!(locale, errors.meeting_not_started)
                }
            },
            ErrorKind::MeetingStale => td_string!(locale, errors.meeting_stale),
            ErrorKind::Checkin(e) => match e {
                domain::meeting::CheckinError::Rating => td_string!(locale, errors.checkin_rating),
                domain::meeting::CheckinError::TooLong => td_string!(locale, errors.checkin_too_long),
                domain::meeting::CheckinError::Empty => td_string!(locale, errors.checkin_empty),
                domain::meeting::CheckinError::ClientId => td_string!(locale, errors.bad_request),
            },
        };
        s.to_string()
    }
}

fn profile_message(locale: Locale, e: domain::profile::ProfileError) -> &'static str {
    use domain::profile::ProfileError as P;
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

fn meeting_message(locale: Locale, e: domain::meeting::MeetingError) -> &'static str {
    use domain::meeting::MeetingError as M;
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

impl From<domain::AccountError> for ErrorKind {
    fn from(e: domain::AccountError) -> Self {
        match e {
            domain::AccountError::InvalidEmail => ErrorKind::InvalidEmail,
            domain::AccountError::PasswordTooShort => ErrorKind::PasswordTooShort,
            domain::AccountError::PasswordTooLong => ErrorKind::PasswordTooLong,
            domain::AccountError::InvalidName => ErrorKind::InvalidName,
        }
    }
}

impl From<domain::ProgramError> for ErrorKind {
    fn from(e: domain::ProgramError) -> Self {
        match e {
            domain::ProgramError::InvalidName => ErrorKind::ProgramName,
            domain::ProgramError::InvalidDate => ErrorKind::ProgramDate,
            domain::ProgramError::EndsBeforeStart => ErrorKind::ProgramEndsBeforeStart,
            domain::ProgramError::InvalidCadence => ErrorKind::ProgramCadence,
            domain::ProgramError::InvalidMeetingLength => ErrorKind::ProgramMeetingLength,
            domain::ProgramError::TextTooLong => ErrorKind::ProgramTextTooLong,
        }
    }
}

impl From<domain::GoalError> for ErrorKind {
    fn from(e: domain::GoalError) -> Self {
        match e {
            domain::GoalError::Title => ErrorKind::GoalTitle,
            domain::GoalError::Description => ErrorKind::GoalDescription,
            domain::GoalError::Progress => ErrorKind::GoalProgress,
            domain::GoalError::Status => ErrorKind::GoalStatus,
            domain::GoalError::Comment => ErrorKind::GoalComment,
        }
    }
}

impl From<domain::TopicError> for ErrorKind {
    fn from(e: domain::TopicError) -> Self {
        match e {
            domain::TopicError::LabelMissing | domain::TopicError::LabelTooLong => ErrorKind::TopicLabels,
            domain::TopicError::NoKey => ErrorKind::TopicNoKey,
            domain::TopicError::Duplicate => ErrorKind::TopicDuplicate,
        }
    }
}

/// An error answered by a server function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
