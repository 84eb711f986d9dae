//! Recognition: kudos people send each other on a program's wall, and badges earned by rules
//! from what happened. ("Recognise and reward participation" is one of the five practices of a
//! reverse-mentoring program.) And completion certificates: who qualifies, and the hours they
//! carry.

pub mod badges;
pub mod certificates;
pub mod kudos;
