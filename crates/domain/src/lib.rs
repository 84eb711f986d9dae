//! Inversa's domain: the words of reverse mentoring as plain Rust types and rules.
//!
//! Nothing here knows about HTTP, the database or the UI, so every rule can be unit-tested and the
//! same code runs on the server and in the browser (wasm32).

pub mod account;
pub mod feedback;
pub mod goal;
pub mod import;
pub mod invitation;
pub mod ladder;
pub mod lang;
pub mod meeting;
pub mod notice;
pub mod pair;
pub mod pairing;
pub mod profile;
pub mod program;
pub mod recognition;
pub mod risk;
pub mod role;
pub mod topics;
pub mod training;

pub use account::{AccountError, normalize_email, validate_display_name, validate_email, validate_password};
pub use feedback::{
    AnswerError, AnswerErrors, AnswerValue, Audience, FormError, FormInput, Question, QuestionKind, Trigger,
    ValidForm,
};
pub use goal::{Direction, GoalError, GoalStatus};
pub use lang::{Lang, format_date};
pub use notice::Notice;
pub use pair::PairStatus;
pub use program::{Date, ProgramError, ProgramInput, ProgramStatus, TransitionError, ValidProgram};
pub use risk::{PairFacts, RiskReason, Thresholds};
pub use role::Role;
pub use topics::{CatalogueTopic, DEFAULT_TOPICS, Topic, TopicError};
