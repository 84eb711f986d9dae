//! Plain data that crosses between server and browser (serde), kept apart from database rows.

use domain::{Lang, Role};
use serde::{Deserialize, Serialize};

/// The signed-in user as the UI needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// Account key.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Account role.
    pub role: Role,
    /// Preferred language, if chosen.
    pub lang: Option<Lang>,
    /// Notifications not read yet.
    pub unread: i64,
}

/// One account in the admin list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    /// Account key.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Role.
    pub role: Role,
    /// Whether sign-in is blocked.
    pub disabled: bool,
    /// Whether a password has been set (false: invitation pending).
    pub activated: bool,
    /// Last sign-in as `(year, month, day)`, formatted per locale in the page.
    pub last_sign_in: Option<(i32, u32, u32)>,
}

/// Counts for the admin dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AccountStats {
    /// All accounts.
    pub total: i64,
    /// Admins.
    pub admins: i64,
    /// Program managers.
    pub managers: i64,
    /// Participants.
    pub participants: i64,
}

/// An invitation just created: the link to send (shown once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedInvitation {
    /// Invitee email.
    pub email: String,
    /// Absolute link to the accept page.
    pub link: String,
}

/// A program in the HR list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramSummary {
    /// Program key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Lifecycle stage.
    pub status: domain::ProgramStatus,
    /// First day.
    pub starts_on: domain::Date,
    /// Last day.
    pub ends_on: domain::Date,
}

/// Everything the program page shows and edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramDetail {
    /// List data.
    pub summary: ProgramSummary,
    /// The design as the form shows it.
    pub input: domain::ProgramInput,
    /// Stages the program may move to now.
    pub next: Vec<domain::ProgramStatus>,
    /// Topic catalogue: `(key, Spanish, English)`.
    pub topics: Vec<(String, String, String)>,
}

/// A pair on the pairing board (its score and explanation are computed where it is shown, by
/// the same engine in the server and in the browser).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BoardPair {
    /// Mentee employee key (names the pair: a mentee is in one pair at most).
    pub mentee: String,
    /// Mentor employee key.
    pub mentor: String,
    /// `draft`, or `published` and later stages (then the pair is locked).
    pub status: domain::PairStatus,
    /// What the pair breaks now that the people's data or the rules changed after it was made
    /// (`domain::pairing::Board::review`): HR decides to keep or undo it; it never blocks other
    /// changes. Breaches HR already accepted are left out.
    #[serde(default)]
    pub needs_decision: Vec<domain::pairing::BoardViolation>,
    /// Breaches HR decided to keep the (published) pair despite.
    #[serde(default)]
    pub kept_despite: Vec<domain::pairing::BoardViolation>,
}

/// Someone on the board without a (full) pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardPerson {
    /// Employee key.
    pub key: String,
    /// Name.
    pub name: String,
    /// For mentees: why nobody was found. For mentors: free seats.
    pub note: BoardNote,
}

/// What the board shows under a person's name, so that two people with the same name can be told
/// apart, and whether the reporting-line rule could be checked for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardPersonInfo {
    /// Employee key.
    pub key: String,
    /// Second line: the department, or the email when the department does not tell them apart.
    pub detail: String,
    /// Imported without their manager link: the "never in the same reporting line" rule cannot
    /// be checked for this person.
    pub reporting_line_unchecked: bool,
}

/// What the board says about an unpaired person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BoardNote {
    /// A mentee no mentor may pair with.
    NoEligibleMentor,
    /// A mentee whose eligible mentors are all full.
    CapacityUsedUp,
    /// A mentee whose only mentors that keep the rules take nobody (capacity 0).
    NoMentorCapacity,
    /// A mentee not paired yet (matching has not run).
    NotPairedYet,
    /// A mentor with this many free seats.
    FreeSeats(i32),
}

/// The pairing board of a program: everyone's matching profile, the rules and weights (so the
/// browser re-scores a pair the moment HR moves someone), the pairs and the topic balance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardView {
    /// The program.
    pub program: ProgramSummary,
    /// Mentor profiles (ids are employee keys).
    pub mentors: Vec<domain::pairing::Person>,
    /// Mentee profiles.
    pub mentees: Vec<domain::pairing::Person>,
    /// Display name per employee key.
    pub names: Vec<(String, String)>,
    /// Second line and reporting-line mark per person.
    pub people: Vec<BoardPersonInfo>,
    /// Hard rules with HR's pins, forbids and earlier pairs.
    pub rules: domain::pairing::Rules,
    /// Score weights.
    pub weights: domain::pairing::Weights,
    /// Pairs, best first.
    pub pairs: Vec<BoardPair>,
    /// Per topic: mentees who want it and mentors who teach it, shortages first.
    pub supply: Vec<domain::pairing::TopicBalance>,
    /// The program's topic catalogue: `(key, Spanish, English)`.
    pub topics: Vec<(String, String, String)>,
}

/// A hand-edited board to save: the draft pairs and HR's rules, all as `(mentee, mentor)`
/// employee keys. Published pairs are not part of it (they cannot change).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BoardEdit {
    /// Program key.
    pub program: String,
    /// Draft pairs.
    pub pairs: Vec<(String, String)>,
    /// Pairs that must stay (and that "optimise the rest" keeps).
    pub pins: Vec<(String, String)>,
    /// Pairs that must not be formed.
    pub forbids: Vec<(String, String)>,
}

/// A participant's pair, seen from their side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPair {
    /// Pair key.
    pub key: String,
    /// Program name.
    pub program: String,
    /// Whether the participant is the mentor.
    pub i_mentor: bool,
    /// The other person's name.
    pub other_name: String,
    /// The other person's email.
    pub other_email: String,
    /// Pair score.
    pub score: i32,
    /// `published` until both accept, then `active`.
    pub status: domain::PairStatus,
    /// Whether the participant has accepted.
    pub i_accepted: bool,
    /// Whether the other person has accepted.
    pub other_accepted: bool,
}

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

/// One of a participant's pairs on their start page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomePair {
    /// Pair key.
    pub key: String,
    /// Program name.
    pub program: String,
    /// Whether the participant is the mentor.
    pub i_mentor: bool,
    /// The other person's name.
    pub other_name: String,
    /// `published` (waiting for acceptance), `active` or `paused`.
    pub status: domain::PairStatus,
    /// Whether the participant has accepted it.
    pub i_accepted: bool,
}

/// A participant's next meeting, written on the server in their zone and language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeMeeting {
    /// Pair key (the link goes to its workspace).
    pub pair: String,
    /// The other person.
    pub with: String,
    /// When, in the participant's zone and language.
    pub when: String,
    /// Whether both have agreed on it (otherwise it is a proposal).
    pub confirmed: bool,
}

/// One of a participant's enrolments on their start page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeEnrolment {
    /// Program key.
    pub program: String,
    /// Program name.
    pub name: String,
    /// Program stage.
    pub status: domain::ProgramStatus,
    /// Whether the profile still lacks topics or the agreement.
    pub incomplete: bool,
    /// Whether the profile lacks something to teach (mentors) or to learn (mentees).
    pub missing_topics: bool,
    /// Whether they have accepted the program agreement.
    pub agreed: bool,
    /// Whether they have a pair in this program.
    pub paired: bool,
}

/// A participant's start page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ParticipantHome {
    /// Published, active and paused pairs.
    pub pairs: Vec<HomePair>,
    /// The soonest meeting still to come.
    pub next_meeting: Option<HomeMeeting>,
    /// Feedback forms to answer.
    pub feedback_due: i64,
    /// Enrolments in programs that are enrolling, matching or active.
    pub enrolments: Vec<HomeEnrolment>,
}

/// A program on HR's start page, with its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramCard {
    /// Program key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Stage.
    pub status: domain::ProgramStatus,
    /// People enrolled.
    pub enrolled: i64,
    /// Enrolled as mentors.
    pub mentors: i64,
    /// Enrolled as mentees.
    pub mentees: i64,
    /// Pairs published, waiting for acceptance.
    pub published: i64,
    /// Pairs working.
    pub active: i64,
    /// Pairs at risk (active programs only).
    pub at_risk: Option<i64>,
}

/// An in-app notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationItem {
    /// What happened: `pair_published`, `pair_accepted`…
    pub kind: String,
    /// The text, or the name it is about (`pair_accepted`).
    pub title: String,
    /// Where to go from it.
    pub link: Option<String>,
    /// Whether it has been read.
    pub read: bool,
    /// When it was made, as `(year, month, day)`.
    pub date: (i32, u32, u32),
}

/// A program's matching settings as its page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchingView {
    /// The settings in force (the defaults when none were saved).
    pub settings: domain::pairing::MatchingSettings,
    /// Whether they may change now (draft, enrolling and matching stages).
    pub editable: bool,
}

/// The hard-rule part of the settings form. A checkbox that is not ticked is absent from the
/// form, so every switch defaults to off; the number arrives as typed and is checked on the
/// server, which names it if it is wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleForm {
    /// Mentor junior to mentee.
    pub mentor_junior: bool,
    /// Never in the same reporting line.
    pub separate_reporting_lines: bool,
    /// No repeat of earlier pairs.
    pub no_repeat_pairs: bool,
    /// A shared language.
    pub shared_language: bool,
    /// Working hours overlap.
    pub time_overlap: bool,
    /// Minimum overlap in hours, as typed.
    pub min_overlap_hours: String,
    /// Respect mentor capacity.
    pub respect_capacity: bool,
    /// Apply pins.
    pub apply_pins: bool,
    /// Apply forbids.
    pub apply_forbids: bool,
}

/// The weights part of the settings form, each as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WeightForm {
    /// What the mentor can teach.
    pub mentor_teaches: String,
    /// What the mentee can teach.
    pub mentee_teaches: String,
    /// Shared interests.
    pub shared_interests: String,
    /// Shared availability.
    pub shared_availability: String,
    /// Different departments.
    pub different_department: String,
    /// Different generations.
    pub different_generation: String,
}

/// One of the two people of a pair, as their workspace shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairPerson {
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Whether they have accepted the pair.
    pub accepted: bool,
    /// Their IANA time zone.
    pub time_zone: String,
}

/// A milestone of a goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneView {
    /// Milestone key.
    pub key: String,
    /// Title.
    pub title: String,
    /// Whether it is done.
    pub done: bool,
}

/// A comment on a goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    /// Comment key.
    pub key: String,
    /// Who wrote it.
    pub author: String,
    /// Text.
    pub body: String,
    /// When, as `YYYY-MM-DD HH:MM` UTC (formatted on the server, so hydration matches).
    pub written: String,
}

/// A goal of a pair with its milestones and comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalView {
    /// Goal key.
    pub key: String,
    /// Who learns: follows the side of the person who set it.
    pub direction: domain::Direction,
    /// Name of the person who set it.
    pub owner: String,
    /// Whether the viewer set it (and so may delete it).
    pub mine: bool,
    /// Title.
    pub title: String,
    /// Description (may be empty).
    pub description: String,
    /// Open, achieved or dropped.
    pub status: domain::GoalStatus,
    /// Progress, 0–100.
    pub progress: i32,
    /// Milestones, oldest first.
    pub milestones: Vec<MilestoneView>,
    /// Comments, oldest first.
    pub comments: Vec<CommentView>,
}

/// A pair's workspace as one of its two people sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceView {
    /// Pair key.
    pub key: String,
    /// `published`, `active`, `paused` or `ended`.
    pub status: domain::PairStatus,
    /// Program name.
    pub program: String,
    /// The program's expectations of the mentor (their half of the agreement).
    pub mentor_expectations: String,
    /// The program's expectations of the mentee.
    pub mentee_expectations: String,
    /// Whether the viewer is the mentor.
    pub i_mentor: bool,
    /// The mentor.
    pub mentor: PairPerson,
    /// The mentee.
    pub mentee: PairPerson,
    /// Goals, oldest first.
    pub goals: Vec<GoalView>,
    /// Meetings, soonest first.
    pub meetings: Vec<MeetingView>,
    /// Check-ins, newest first.
    pub checkins: Vec<CheckinView>,
    /// Whether the viewer has accepted the program agreement.
    pub i_agreed: bool,
    /// The viewer's unanswered feedback requests.
    pub feedback_due: usize,
}

/// A meeting of a pair as one of its people sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    /// Meeting key.
    pub key: String,
    /// Where it stands.
    pub status: domain::meeting::MeetingStatus,
    /// When, in the viewer's zone and language.
    pub when: String,
    /// When, in the other person's zone, if theirs is different.
    pub when_other: Option<String>,
    /// Length in minutes.
    pub minutes: i64,
    /// Where.
    pub place: Option<String>,
    /// Video call link.
    pub video_url: Option<String>,
    /// Shared notes.
    pub notes: String,
    /// Whether the viewer proposed the current time.
    pub proposed_by_me: bool,
    /// Who proposed it.
    pub proposer: String,
    /// Whether its start time has passed.
    pub started: bool,
    /// Local date in the viewer's zone (for the reschedule form).
    pub date: String,
    /// Local time in the viewer's zone.
    pub time: String,
}

/// A check-in as the pair's workspace lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinView {
    /// Check-in key.
    pub key: String,
    /// Author's name.
    pub author: String,
    /// Whether the viewer wrote it.
    pub mine: bool,
    /// 1–5.
    pub rating: u8,
    /// What the author learned.
    pub learned: String,
    /// What the author taught.
    pub taught: String,
    /// Next step.
    pub next_step: String,
    /// Something blocks the pair.
    pub blocker: bool,
    /// When, as text.
    pub written: String,
    /// The submission key the page made.
    pub client_id: Option<String>,
}

/// What the check-in page needs about one pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinTarget {
    /// Pair key.
    pub pair: String,
    /// The other person's name.
    pub with: String,
    /// Program name.
    pub program: String,
    /// A fresh submission key for the form.
    pub client_id: String,
}

/// The signed-in person's calendar feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedStatus {
    /// When the live feed was made, as text; `None` when there is none.
    pub created: Option<String>,
    /// The address just made by a plain form post (no JavaScript), shown this once.
    pub fresh_url: Option<String>,
}

impl WorkspaceView {
    /// The viewer's own time zone.
    pub fn my_time_zone(&self) -> &str {
        if self.i_mentor {
            &self.mentor.time_zone
        } else {
            &self.mentee.time_zone
        }
    }

    /// Whether goals can still change (not once the pair is paused or ended).
    pub fn writable(&self) -> bool {
        self.status.is_writable()
    }

    /// Whether the viewer has accepted the pair.
    pub fn i_accepted(&self) -> bool {
        if self.i_mentor {
            self.mentor.accepted
        } else {
            self.mentee.accepted
        }
    }
}

/// A feedback form in HR's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSummary {
    /// Form key.
    pub key: String,
    /// Title in the reader's language.
    pub title: String,
    /// `after_meeting`, `midpoint`, `end` or `manual`.
    pub trigger: String,
    /// `mentors`, `mentees` or `both`.
    pub audience: String,
    /// Whether it is being sent.
    pub active: bool,
    /// Number of questions.
    pub questions: usize,
    /// Requests made.
    pub sent: i64,
    /// Requests answered.
    pub answered: i64,
}

/// A feedback form in HR's builder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormEditor {
    /// Form key.
    pub key: String,
    /// Program key.
    pub program: String,
    /// Program name.
    pub program_name: String,
    /// Spanish title.
    pub title_es: String,
    /// English title.
    pub title_en: String,
    /// Audience.
    pub audience: String,
    /// Trigger.
    pub trigger: String,
    /// Days to answer.
    pub due_days: i64,
    /// Whether HR sees only aggregates.
    pub anonymous: bool,
    /// Whether it is being sent.
    pub active: bool,
    /// Someone answered it, so its questions are fixed.
    pub locked: bool,
    /// Requests made.
    pub sent: i64,
    /// Requests answered.
    pub answered: i64,
    /// The questions in order.
    pub questions: Vec<domain::feedback::Question>,
}

/// A feedback request in the respondent's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    /// Request key.
    pub key: String,
    /// Program name.
    pub program: String,
    /// Form title in the reader's language.
    pub title: String,
    /// Who the answers are about.
    pub subject: String,
    /// Due date, as text.
    pub due: String,
    /// Whether it is answered.
    pub answered: bool,
    /// Whether it is past due and unanswered.
    pub overdue: bool,
}

/// A feedback request opened by its respondent: the questions, or their own answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    /// The request.
    pub request: RequestView,
    /// Whether HR sees only aggregates.
    pub anonymous: bool,
    /// The questions.
    pub questions: Vec<domain::feedback::Question>,
    /// The respondent's own answers (question text, answer text), once answered.
    pub my_answers: Vec<(String, String)>,
}

/// One bar of a distribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    /// Value or option label.
    pub label: String,
    /// How many answers.
    pub count: usize,
    /// Share of the answers, 0–100.
    pub percent: u32,
}

/// HR's results for one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    /// Question text in the reader's language.
    pub text: String,
    /// Kind.
    pub kind: domain::feedback::QuestionKind,
    /// Answers counted.
    pub count: usize,
    /// Average of a rating or scale question.
    pub average: Option<f64>,
    /// Net promoter score of a scale question.
    pub nps: Option<i32>,
    /// Answers per value or option.
    pub distribution: Vec<Bar>,
    /// Free-text answers (no names).
    pub texts: Vec<String>,
    /// Too few answers to show for an anonymous form.
    pub withheld: bool,
    /// Average per month, oldest first: (`YYYY-MM`, average, count).
    pub trend: Vec<(String, f64, usize)>,
}

/// One person's answers, shown to HR only for a form that is not anonymous.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndividualAnswers {
    /// Who answered.
    pub respondent: String,
    /// Who the answers are about.
    pub subject: String,
    /// (question text, answer text).
    pub answers: Vec<(String, String)>,
}

/// HR's results of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormResults {
    /// Whether the form is anonymous.
    pub anonymous: bool,
    /// People who answered (and whose answers the viewer may count).
    pub respondents: usize,
    /// Per question.
    pub questions: Vec<QuestionResult>,
    /// Individual answers (not anonymous forms only).
    pub individual: Vec<IndividualAnswers>,
    /// Answers left out because they are about someone the viewer manages (reporting chain).
    pub hidden_by_chain: usize,
}

/// A pair on HR's "pairs at risk" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskView {
    /// Pair key.
    pub key: String,
    /// Mentor's name.
    pub mentor: String,
    /// Mentee's name.
    pub mentee: String,
    /// `published`, `active` or `paused`.
    pub status: domain::PairStatus,
    /// Why it is at risk, in the reader's language.
    pub reasons: Vec<String>,
    /// The reasons' stable names (`no_meeting`, `low_ratings`, `repeated_blockers`, `overdue_forms`).
    pub reason_keys: Vec<String>,
    /// How worrying, for sorting.
    pub severity: u32,
    /// HR's note when it was paused.
    pub note: Option<String>,
}
