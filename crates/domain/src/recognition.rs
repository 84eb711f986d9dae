//! Recognition: kudos people send each other on a program's wall, and badges earned by rules
//! from what happened. ("Recognise and reward participation" is one of the five practices of a
//! reverse-mentoring program.)

pub mod badges;
pub mod kudos;
