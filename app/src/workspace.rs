//! A pair's workspace: goals with milestones and comments, meetings with calendar files and feed, check-ins (the phone page too).

pub mod checkin_page;
pub mod checkins;
pub mod goals;
pub mod meetings;
pub mod meetings_section;
pub mod model;
pub mod page;
pub mod pairs_page;
