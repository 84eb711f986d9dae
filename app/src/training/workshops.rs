//! Workshops: live training sessions HR plans for a program, with seats, a waiting list and
//! attendance; participants register and cancel from "My training" and download them for their
//! calendar.

pub mod api;
pub mod attendance;
pub mod attendance_page;
pub mod hr;
pub mod mine;
pub mod model;
pub mod text;
