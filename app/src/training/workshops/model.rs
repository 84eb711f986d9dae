//! Wire types of workshops: plain data sent between server and browser (serde).

use domain::training::Audience;
use serde::{Deserialize, Serialize};

/// A workshop in HR's list of a program's workshops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopSummary {
    /// Workshop key.
    pub key: String,
    /// Title in the reader's language.
    pub title: String,
    /// The start as read in the workshop's zone, in the reader's language
    /// ("lun 1 mar 2027, 10:30 CET").
    pub when: String,
    /// Length, minutes.
    pub minutes: i64,
    /// Where, if given.
    pub place: Option<String>,
    /// Video link, if given.
    pub video_url: Option<String>,
    /// Seats.
    pub capacity: i64,
    /// People holding a seat.
    pub registered: i64,
    /// People on the waiting list.
    pub waiting: i64,
    /// Who it is for.
    pub audience: Audience,
    /// Title of the module it counts as.
    pub module: Option<String>,
    /// Whether it has started (no more changes; attendance stays).
    pub started: bool,
    /// Whether attendance may be taken (from an hour before the start).
    pub attendance_open: bool,
}

/// A module HR may pick as what a workshop counts as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleChoice {
    /// Module key.
    pub key: String,
    /// Title in the reader's language.
    pub title: String,
}

/// HR's workshop editor: the form's values for a new workshop (`key` empty) or an existing one,
/// and the modules it may count as.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopDraft {
    /// Workshop key; empty for a new one.
    pub key: String,
    /// The values, as the form shows them.
    pub form: domain::training::workshop::WorkshopForm,
    /// The program's modules.
    pub modules: Vec<ModuleChoice>,
}

/// Where the reader stands on a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MySeat {
    /// Not on its list.
    None,
    /// Holds a seat.
    Registered,
    /// On the waiting list, at this place (1 first).
    Waiting(i64),
}

/// A workshop as a participant sees it in "My training".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWorkshopView {
    /// Workshop key.
    pub key: String,
    /// Title in the reader's language.
    pub title: String,
    /// Description in the reader's language (plain text).
    pub description: String,
    /// Program name.
    pub program: String,
    /// The start in the workshop's zone ("lun 1 mar 2027, 10:30 CET").
    pub when: String,
    /// The start in the reader's own zone, when that differs.
    pub when_mine: Option<String>,
    /// Length, minutes.
    pub minutes: i64,
    /// Where, if given.
    pub place: Option<String>,
    /// Video link, for those holding a seat only.
    pub video_url: Option<String>,
    /// Whether the workshop has a video link (shown to seat holders).
    pub has_video: bool,
    /// Seats left (0 when full).
    pub seats_left: i64,
    /// Where the reader stands.
    pub seat: MySeat,
    /// Whether registration is still open (before the start).
    pub open: bool,
    /// HR's attendance for the reader, once taken.
    pub attended: Option<bool>,
}

/// One person holding a seat on HR's attendance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    /// Employee key.
    pub employee: String,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// NONE until taken; then present or absent.
    pub attended: Option<bool>,
}

/// HR's attendance list of a workshop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceSheet {
    /// Program key (for the way back).
    pub program: String,
    /// The workshop.
    pub workshop: WorkshopSummary,
    /// Those holding a seat, by name.
    pub people: Vec<Attendee>,
}
