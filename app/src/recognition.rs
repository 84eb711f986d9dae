//! Recognition: kudos on a program's wall (`/programs/:key/wall`), badges earned by rules, and
//! each participant's recognition page (`/recognition`) with their badges and walls.

pub mod api;
#[cfg(feature = "ssr")]
pub mod award;
pub mod badge_icon;
pub mod certificates;
pub mod certificates_page;
pub mod model;
pub mod my_page;
pub mod text;
pub mod verify_page;
pub mod wall_page;
