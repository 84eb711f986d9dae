//! Badges: earned by rules computed from what happened in a program, never granted by hand.
//!
//! Each badge is a rule over one measure of a person in one program ([`Facts`]): "at least N
//! of it". [`RULES`] is the whole list, as data; [`earned`] applies it. Awarding is the
//! database's part: one badge per person, badge and program, however often the rules run.

use serde::{Deserialize, Serialize};

/// A badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Badge {
    /// A first meeting held with their pair.
    FirstMeeting,
    /// Five check-ins written.
    FiveCheckins,
    /// A first goal they were learning reached.
    FirstGoal,
    /// A pair in which goals were reached in both directions: both learned.
    TwoWayPair,
    /// Every required training module for their side completed.
    TrainingDone,
    /// Five kudos received.
    FiveKudos,
    /// The program closed with their pair still going (not ended early).
    ProgramCompleted,
}

impl Badge {
    /// Every badge, in the order pages show them.
    pub const ALL: [Badge; 7] = [
        Badge::FirstMeeting,
        Badge::FiveCheckins,
        Badge::FirstGoal,
        Badge::TwoWayPair,
        Badge::TrainingDone,
        Badge::FiveKudos,
        Badge::ProgramCompleted,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Badge::FirstMeeting => "first_meeting",
            Badge::FiveCheckins => "five_checkins",
            Badge::FirstGoal => "first_goal",
            Badge::TwoWayPair => "two_way_pair",
            Badge::TrainingDone => "training_done",
            Badge::FiveKudos => "five_kudos",
            Badge::ProgramCompleted => "program_completed",
        }
    }

    /// Parses the stored name; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<Badge> {
        Self::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// Its rule in [`RULES`].
    pub fn rule(self) -> BadgeRule {
        // Every badge has exactly one rule (a test holds the list to that).
        RULES.into_iter().find(|r| r.badge == self).unwrap_or(BadgeRule {
            badge: self,
            measure: Measure::HeldMeetings,
            at_least: u32::MAX,
        })
    }
}

/// What a rule counts, for one person in one program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Meetings of their pairs marked held.
    HeldMeetings,
    /// Check-ins they wrote.
    Checkins,
    /// Goals reached in their pairs in the direction they learn.
    GoalsReached,
    /// Their pairs with goals reached in both directions.
    TwoWayPairs,
    /// 1 when they have required modules for their side and completed them all, else 0.
    RequiredTrainingDone,
    /// Kudos they received that are on the wall (not hidden, not removed).
    KudosReceived,
    /// 1 when the program is closed and they had a pair in it that HR did not end, else 0.
    ProgramCompleted,
}

/// One badge's rule: earned with at least `at_least` of `measure`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgeRule {
    /// The badge.
    pub badge: Badge,
    /// What is counted.
    pub measure: Measure,
    /// How many earn it.
    pub at_least: u32,
}

/// Every badge's rule.
pub const RULES: [BadgeRule; 7] = [
    BadgeRule {
        badge: Badge::FirstMeeting,
        measure: Measure::HeldMeetings,
        at_least: 1,
    },
    BadgeRule {
        badge: Badge::FiveCheckins,
        measure: Measure::Checkins,
        at_least: 5,
    },
    BadgeRule {
        badge: Badge::FirstGoal,
        measure: Measure::GoalsReached,
        at_least: 1,
    },
    BadgeRule {
        badge: Badge::TwoWayPair,
        measure: Measure::TwoWayPairs,
        at_least: 1,
    },
    BadgeRule {
        badge: Badge::TrainingDone,
        measure: Measure::RequiredTrainingDone,
        at_least: 1,
    },
    BadgeRule {
        badge: Badge::FiveKudos,
        measure: Measure::KudosReceived,
        at_least: 5,
    },
    BadgeRule {
        badge: Badge::ProgramCompleted,
        measure: Measure::ProgramCompleted,
        at_least: 1,
    },
];

/// What happened for one person in one program, as the rules count it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// Meetings of their pairs marked held.
    pub held_meetings: u32,
    /// Check-ins they wrote.
    pub checkins: u32,
    /// Goals reached in their pairs in the direction they learn.
    pub goals_reached: u32,
    /// Their pairs with goals reached in both directions.
    pub two_way_pairs: u32,
    /// Required modules for their side (0 when the program has none for them).
    pub required_modules: u32,
    /// Of those, completed.
    pub required_completed: u32,
    /// Kudos received and on the wall.
    pub kudos_received: u32,
    /// Whether the program is closed and they had a pair in it that HR did not end.
    pub program_completed: bool,
}

impl Facts {
    /// The value of `measure`.
    pub fn measure(&self, measure: Measure) -> u32 {
        match measure {
            Measure::HeldMeetings => self.held_meetings,
            Measure::Checkins => self.checkins,
            Measure::GoalsReached => self.goals_reached,
            Measure::TwoWayPairs => self.two_way_pairs,
            Measure::RequiredTrainingDone => {
                u32::from(self.required_modules > 0 && self.required_completed >= self.required_modules)
            }
            Measure::KudosReceived => self.kudos_received,
            Measure::ProgramCompleted => u32::from(self.program_completed),
        }
    }
}

/// The badges `facts` earn, in [`Badge::ALL`] order.
pub fn earned(facts: &Facts) -> Vec<Badge> {
    RULES
        .iter()
        .filter(|r| facts.measure(r.measure) >= r.at_least)
        .map(|r| r.badge)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_badge_has_one_rule_in_order() {
        assert_eq!(RULES.map(|r| r.badge), Badge::ALL);
        for b in Badge::ALL {
            assert_eq!(Badge::parse(b.as_str()), Some(b));
            assert_eq!(b.rule().badge, b);
        }
    }

    #[test]
    fn nothing_happened_earns_nothing() {
        assert!(earned(&Facts::default()).is_empty());
    }

    #[test]
    fn first_meeting_at_one_held_meeting() {
        let f = Facts {
            held_meetings: 1,
            ..Facts::default()
        };
        assert_eq!(earned(&f), [Badge::FirstMeeting]);
    }

    #[test]
    fn five_checkins_at_five_not_four() {
        let four = Facts {
            checkins: 4,
            ..Facts::default()
        };
        assert!(earned(&four).is_empty());
        let five = Facts {
            checkins: 5,
            ..Facts::default()
        };
        assert_eq!(earned(&five), [Badge::FiveCheckins]);
    }

    #[test]
    fn a_goal_reached_and_a_two_way_pair() {
        let one_way = Facts {
            goals_reached: 2,
            ..Facts::default()
        };
        assert_eq!(earned(&one_way), [Badge::FirstGoal]);
        let two_way = Facts {
            goals_reached: 1,
            two_way_pairs: 1,
            ..Facts::default()
        };
        assert_eq!(earned(&two_way), [Badge::FirstGoal, Badge::TwoWayPair]);
    }

    #[test]
    fn training_done_needs_required_modules_all_completed() {
        let none_required = Facts::default();
        assert!(earned(&none_required).is_empty());
        let some_left = Facts {
            required_modules: 4,
            required_completed: 3,
            ..Facts::default()
        };
        assert!(earned(&some_left).is_empty());
        let all = Facts {
            required_modules: 4,
            required_completed: 4,
            ..Facts::default()
        };
        assert_eq!(earned(&all), [Badge::TrainingDone]);
    }

    #[test]
    fn five_kudos_and_the_program_completed() {
        let f = Facts {
            kudos_received: 5,
            program_completed: true,
            ..Facts::default()
        };
        assert_eq!(earned(&f), [Badge::FiveKudos, Badge::ProgramCompleted]);
        let four = Facts {
            kudos_received: 4,
            ..Facts::default()
        };
        assert!(earned(&four).is_empty());
    }
}
