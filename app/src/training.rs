//! Training: modules HR builds for a program (readings, links, checklists, quizzes), a starter
//! set added with one click, and each participant's "My training" with their progress.

pub mod api;
pub mod gate;
pub mod hr_page;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod model;
pub mod module_page;
pub mod my_page;
pub mod text;
