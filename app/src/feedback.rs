//! Feedback forms: HR's builder and results, participants' requests and answers.

pub mod api;
pub mod hr_page;
pub mod model;
pub mod my_page;
pub mod text;
