//! Pairs at risk: the facts HR's health list is built from, the reasons a pair is flagged and a
//! severity to sort the list by.
//!
//! The server gathers [`PairFacts`] for every active pair; [`assess`] names what is wrong
//! ([`RiskReason`]) against [`Thresholds`], and [`severity`] orders the pairs, worst first.

use serde::{Deserialize, Serialize};

/// What is known about one pair's recent life.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PairFacts {
    /// Days since the pair's last held meeting; `None` when they have never met.
    pub days_since_last_meeting: Option<u32>,
    /// Days since the pair became active (was published).
    pub days_active: u32,
    /// The program's meeting cadence, in days.
    pub cadence_days: u32,
    /// Ratings (1–5) of the pair's recent check-ins, newest last.
    pub checkin_ratings: Vec<u8>,
    /// Recent feedback ratings about the pair, normalised to 1–5
    /// (see [`crate::feedback::AnswerValue::normalised_rating`]).
    pub feedback_ratings: Vec<f64>,
    /// Blocker flags in the last [`Thresholds::blocker_window`] check-ins
    /// (see [`recent_blockers`]).
    pub recent_blockers: u32,
    /// Feedback requests of the pair past their due date and unanswered.
    pub overdue_forms: u32,
}

/// When a fact becomes a reason for concern. [`Thresholds::default`] holds the product's values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Days beyond the cadence tolerated without a meeting (default 0: flagged the day after the
    /// cadence has passed).
    pub no_meeting_grace_days: u32,
    /// An average rating below this is low (default 2.5).
    pub low_average: f64,
    /// How many of the newest check-in ratings are averaged (default 3).
    pub rating_window: usize,
    /// Fewest feedback ratings whose average counts (default 2).
    pub min_feedback_answers: usize,
    /// Blocker flags that make repeated blockers (default 2).
    pub blockers: u32,
    /// How many of the newest check-ins blockers are counted in (default 4).
    pub blocker_window: usize,
    /// Overdue feedback requests that flag a pair (default 1).
    pub overdue_forms: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            no_meeting_grace_days: 0,
            low_average: 2.5,
            rating_window: 3,
            min_feedback_answers: 2,
            blockers: 2,
            blocker_window: 4,
            overdue_forms: 1,
        }
    }
}

/// Why a pair is flagged. [`assess`] returns them in the order of these variants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RiskReason {
    /// No meeting for longer than the cadence.
    NoMeeting {
        /// Days since the last meeting, or since activation when they never met.
        days: u32,
        /// The program's cadence in days.
        cadence: u32,
        /// Whether the pair has never met.
        never_met: bool,
    },
    /// Check-ins or feedback rate the pair low.
    LowRatings {
        /// The low average (the lower one when both are low), 1–5.
        average: f64,
    },
    /// Blockers reported again and again.
    RepeatedBlockers {
        /// Blocker flags in the recent check-ins.
        count: u32,
    },
    /// Feedback requests left past their due date.
    OverdueForms {
        /// How many.
        count: u32,
    },
}

impl RiskReason {
    /// A stable name for the kind of reason (for translations and exports).
    pub fn key(&self) -> &'static str {
        match self {
            RiskReason::NoMeeting { .. } => "no_meeting",
            RiskReason::LowRatings { .. } => "low_ratings",
            RiskReason::RepeatedBlockers { .. } => "repeated_blockers",
            RiskReason::OverdueForms { .. } => "overdue_forms",
        }
    }

    /// How much this reason weighs in [`severity`]:
    /// - no meeting: 30, plus 10 for every further full cadence missed, at most 60;
    /// - low ratings: 30, plus 7.5 per point below 5 (rounded), at most 60 (at an average of 1);
    /// - repeated blockers: 20 plus 5 per blocker, at most 40;
    /// - overdue forms: 10 plus 5 per further form, at most 25.
    pub fn weight(&self) -> u32 {
        match *self {
            RiskReason::NoMeeting { days, cadence, .. } => {
                let beyond = days.saturating_sub(cadence) / cadence.max(1);
                30 + 10 * beyond.min(3)
            }
            RiskReason::LowRatings { average } => {
                // At most 30 after the clamp, so the cast cannot truncate.
                30 + ((5.0 - average) * 7.5).round().clamp(0.0, 30.0) as u32
            }
            RiskReason::RepeatedBlockers { count } => 20 + 5 * count.min(4),
            RiskReason::OverdueForms { count } => 10 + 5 * count.saturating_sub(1).min(3),
        }
    }
}

/// Blocker flags among the `window` newest check-ins (`flags` newest last), for
/// [`PairFacts::recent_blockers`].
pub fn recent_blockers(flags: &[bool], window: usize) -> u32 {
    let newest = &flags[flags.len().saturating_sub(window)..];
    u32::try_from(newest.iter().filter(|&&f| f).count()).unwrap_or(u32::MAX)
}

fn average<I: ExactSizeIterator<Item = f64>>(values: I) -> Option<f64> {
    let n = values.len();
    (n > 0).then(|| values.sum::<f64>() / n as f64)
}

/// Why a pair needs HR's attention; empty when it does not. The reasons, in this order:
/// - [`RiskReason::NoMeeting`]: more days than the cadence (plus the grace) since the last
///   meeting, or since activation for a pair that never met;
/// - [`RiskReason::LowRatings`]: the average of the newest check-in ratings
///   ([`Thresholds::rating_window`], at least one) below [`Thresholds::low_average`], or the
///   feedback average below it with at least [`Thresholds::min_feedback_answers`] answers;
/// - [`RiskReason::RepeatedBlockers`]: at least [`Thresholds::blockers`] recent blockers;
/// - [`RiskReason::OverdueForms`]: at least [`Thresholds::overdue_forms`] overdue requests.
pub fn assess(facts: &PairFacts, thresholds: &Thresholds) -> Vec<RiskReason> {
    let mut reasons = Vec::new();
    let never_met = facts.days_since_last_meeting.is_none();
    let days = facts.days_since_last_meeting.unwrap_or(facts.days_active);
    if days
        > facts
            .cadence_days
            .saturating_add(thresholds.no_meeting_grace_days)
    {
        reasons.push(RiskReason::NoMeeting {
            days,
            cadence: facts.cadence_days,
            never_met,
        });
    }
    let ratings = &facts.checkin_ratings;
    let newest = &ratings[ratings.len().saturating_sub(thresholds.rating_window)..];
    let checkins = average(newest.iter().map(|&r| f64::from(r)));
    let feedback = average(facts.feedback_ratings.iter().copied())
        .filter(|_| facts.feedback_ratings.len() >= thresholds.min_feedback_answers);
    let low = [checkins, feedback]
        .into_iter()
        .flatten()
        .filter(|&a| a < thresholds.low_average)
        .reduce(f64::min);
    if let Some(average) = low {
        reasons.push(RiskReason::LowRatings { average });
    }
    if facts.recent_blockers >= thresholds.blockers {
        reasons.push(RiskReason::RepeatedBlockers {
            count: facts.recent_blockers,
        });
    }
    if facts.overdue_forms >= thresholds.overdue_forms {
        reasons.push(RiskReason::OverdueForms {
            count: facts.overdue_forms,
        });
    }
    reasons
}

/// How worrying a pair is, for sorting HR's list (higher first): the sum of the reasons'
/// [`RiskReason::weight`]s; 0 for a healthy pair.
pub fn severity(reasons: &[RiskReason]) -> u32 {
    reasons.iter().map(RiskReason::weight).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A healthy pair: met 3 days ago on a 14-day cadence, good ratings, nothing overdue.
    fn healthy() -> PairFacts {
        PairFacts {
            days_since_last_meeting: Some(3),
            days_active: 60,
            cadence_days: 14,
            checkin_ratings: vec![4, 5, 4],
            feedback_ratings: vec![4.5, 4.0],
            recent_blockers: 0,
            overdue_forms: 0,
        }
    }

    fn reasons(change: impl FnOnce(&mut PairFacts)) -> Vec<RiskReason> {
        let mut facts = healthy();
        change(&mut facts);
        assess(&facts, &Thresholds::default())
    }

    #[test]
    fn default_thresholds_are_the_products() {
        let t = Thresholds::default();
        assert_eq!(t.no_meeting_grace_days, 0);
        assert_eq!(t.low_average, 2.5);
        assert_eq!((t.rating_window, t.min_feedback_answers), (3, 2));
        assert_eq!((t.blockers, t.blocker_window, t.overdue_forms), (2, 4, 1));
    }

    #[test]
    fn a_healthy_pair_has_no_reasons() {
        assert!(reasons(|_| {}).is_empty());
        assert_eq!(severity(&[]), 0);
        assert!(
            assess(
                &PairFacts {
                    cadence_days: 14,
                    ..PairFacts::default()
                },
                &Thresholds::default()
            )
            .is_empty(),
            "a pair published today"
        );
    }

    #[test]
    fn no_meeting_for_longer_than_the_cadence() {
        assert!(
            reasons(|f| f.days_since_last_meeting = Some(14)).is_empty(),
            "exactly the cadence"
        );
        assert_eq!(
            reasons(|f| f.days_since_last_meeting = Some(15)),
            [RiskReason::NoMeeting {
                days: 15,
                cadence: 14,
                never_met: false
            }]
        );
    }

    #[test]
    fn a_pair_that_never_met_counts_from_activation() {
        let never = |days_active| {
            reasons(|f| {
                f.days_since_last_meeting = None;
                f.days_active = days_active;
            })
        };
        assert!(never(14).is_empty());
        assert_eq!(
            never(15),
            [RiskReason::NoMeeting {
                days: 15,
                cadence: 14,
                never_met: true
            }]
        );
    }

    #[test]
    fn grace_days_extend_the_cadence() {
        let t = Thresholds {
            no_meeting_grace_days: 3,
            ..Thresholds::default()
        };
        let mut f = healthy();
        f.days_since_last_meeting = Some(17);
        assert!(assess(&f, &t).is_empty());
        f.days_since_last_meeting = Some(18);
        assert_eq!(assess(&f, &t).len(), 1);
    }

    #[test]
    fn low_checkin_ratings_average_the_newest_three() {
        // Exactly 2.5 (two check-ins) is not low; anything under is.
        assert!(reasons(|f| f.checkin_ratings = vec![2, 3]).is_empty());
        assert_eq!(
            reasons(|f| f.checkin_ratings = vec![3, 2, 2]),
            [RiskReason::LowRatings { average: 7.0 / 3.0 }]
        );
        assert!(reasons(|f| f.checkin_ratings = vec![3, 2, 3]).is_empty(), "2.67");
        // Only the newest three count: old bad ones are forgiven, new bad ones are not.
        assert!(reasons(|f| f.checkin_ratings = vec![1, 1, 1, 3, 3, 2]).is_empty());
        assert_eq!(
            reasons(|f| f.checkin_ratings = vec![5, 5, 5, 2, 2, 3]),
            [RiskReason::LowRatings { average: 7.0 / 3.0 }]
        );
        assert_eq!(
            reasons(|f| f.checkin_ratings = vec![1]),
            [RiskReason::LowRatings { average: 1.0 }],
            "one check-in is enough"
        );
        assert!(reasons(|f| f.checkin_ratings.clear()).is_empty());
    }

    #[test]
    fn low_feedback_needs_two_answers() {
        assert!(
            reasons(|f| f.feedback_ratings = vec![2.5, 2.5]).is_empty(),
            "exactly 2.5"
        );
        assert_eq!(
            reasons(|f| f.feedback_ratings = vec![2.5, 2.4]),
            [RiskReason::LowRatings { average: 2.45 }]
        );
        assert!(
            reasons(|f| f.feedback_ratings = vec![1.0]).is_empty(),
            "a single answer"
        );
        assert!(reasons(|f| f.feedback_ratings.clear()).is_empty());
    }

    #[test]
    fn both_low_report_the_lower_average_once() {
        assert_eq!(
            reasons(|f| {
                f.checkin_ratings = vec![2, 2, 2];
                f.feedback_ratings = vec![1.0, 2.0];
            }),
            [RiskReason::LowRatings { average: 1.5 }]
        );
        assert_eq!(
            reasons(|f| {
                f.checkin_ratings = vec![1, 2, 2];
                f.feedback_ratings = vec![4.0, 4.0];
            }),
            [RiskReason::LowRatings { average: 5.0 / 3.0 }],
            "only the low one counts"
        );
    }

    #[test]
    fn repeated_blockers_from_two() {
        assert!(reasons(|f| f.recent_blockers = 1).is_empty());
        assert_eq!(
            reasons(|f| f.recent_blockers = 2),
            [RiskReason::RepeatedBlockers { count: 2 }]
        );
    }

    #[test]
    fn blockers_are_counted_in_the_newest_check_ins() {
        let flags = [true, true, false, false, true, false];
        assert_eq!(recent_blockers(&flags, 4), 1, "the two old ones fall out");
        assert_eq!(recent_blockers(&flags, 5), 2);
        assert_eq!(recent_blockers(&flags, 100), 3);
        assert_eq!(recent_blockers(&flags, 0), 0);
        assert_eq!(recent_blockers(&[], 4), 0);
    }

    #[test]
    fn overdue_forms_from_one() {
        assert!(reasons(|f| f.overdue_forms = 0).is_empty());
        assert_eq!(
            reasons(|f| f.overdue_forms = 1),
            [RiskReason::OverdueForms { count: 1 }]
        );
    }

    #[test]
    fn reasons_come_in_a_fixed_order() {
        let all = reasons(|f| {
            f.overdue_forms = 2;
            f.recent_blockers = 3;
            f.checkin_ratings = vec![1, 1, 1];
            f.days_since_last_meeting = Some(30);
        });
        let keys: Vec<_> = all.iter().map(RiskReason::key).collect();
        assert_eq!(
            keys,
            ["no_meeting", "low_ratings", "repeated_blockers", "overdue_forms"]
        );
    }

    #[test]
    fn weights_grow_with_the_trouble_and_are_capped() {
        let no_meeting = |days| {
            RiskReason::NoMeeting {
                days,
                cadence: 14,
                never_met: false,
            }
            .weight()
        };
        assert_eq!(no_meeting(15), 30);
        assert_eq!(no_meeting(27), 30);
        assert_eq!(no_meeting(28), 40, "a whole further cadence missed");
        assert_eq!(no_meeting(56), 60);
        assert_eq!(no_meeting(500), 60);
        assert_eq!(
            RiskReason::NoMeeting {
                days: 5,
                cadence: 0,
                never_met: true
            }
            .weight(),
            60
        );
        let low = |average| RiskReason::LowRatings { average }.weight();
        assert_eq!(low(1.0), 60);
        assert_eq!(low(2.4), 50);
        assert_eq!(low(0.0), 60, "capped");
        assert_eq!(RiskReason::RepeatedBlockers { count: 2 }.weight(), 30);
        assert_eq!(RiskReason::RepeatedBlockers { count: 9 }.weight(), 40);
        assert_eq!(RiskReason::OverdueForms { count: 1 }.weight(), 10);
        assert_eq!(RiskReason::OverdueForms { count: 2 }.weight(), 15);
        assert_eq!(RiskReason::OverdueForms { count: 9 }.weight(), 25);
    }

    #[test]
    fn severity_sorts_the_list() {
        let t = Thresholds::default();
        let mut pairs = [
            ("late form", reasons(|f| f.overdue_forms = 1)),
            (
                "lost",
                reasons(|f| {
                    f.days_since_last_meeting = None;
                    f.days_active = 50;
                    f.checkin_ratings = vec![1, 2];
                }),
            ),
            ("fine", assess(&healthy(), &t)),
            ("unhappy", reasons(|f| f.checkin_ratings = vec![2, 2, 2])),
        ];
        pairs.sort_by_key(|(_, r)| std::cmp::Reverse(severity(r)));
        let order: Vec<_> = pairs.iter().map(|(name, _)| *name).collect();
        assert_eq!(order, ["lost", "unhappy", "late form", "fine"]);
        assert_eq!(
            severity(&pairs[0].1),
            50 + 56,
            "two further cadences missed; 1.5 average"
        );
    }

    #[test]
    fn reasons_serialise_with_their_kind() {
        assert_eq!(
            serde_json::to_value(RiskReason::OverdueForms { count: 2 }).unwrap(),
            serde_json::json!({"kind": "overdue_forms", "count": 2})
        );
    }
}
