//! Training: modules HR builds for a program (readings, links, checklists, quizzes), a starter
//! set added with one click, each participant's "My training" with their progress, and HR's
//! progress view of a program with a reminder for those who have not finished, and workshops
//! (live sessions with seats, a waiting list and attendance).

pub mod api;
pub mod copy;
pub mod gate;
pub mod hr_page;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod model;
pub mod module_page;
pub mod my_page;
pub mod progress;
pub mod progress_page;
pub mod text;
pub mod workshops;
