//! Hand edits on the pairing board: what a drag (or the keyboard "move to…") does to the pairs.
//!
//! A board is a list of `(mentee, mentor)` pairs; a mentee is in at most one pair, so a pair is
//! named by its mentee. Some pairs are **locked** (published, or pinned by HR) and no edit may
//! touch them. [`apply_move`] changes the pairs and answers which mentees' pairs changed, so the
//! caller re-scores only those (one [`score_pair`](super::score_pair) call each). Whether the
//! result breaks a hard rule or a capacity is [`Board::check`](super::Board::check)'s business.

use serde::{Deserialize, Serialize};

/// Which side of a pair a person is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The junior who teaches.
    Mentor,
    /// The senior who learns.
    Mentee,
}

/// Where a person is dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "key", rename_all = "snake_case")]
pub enum Target {
    /// Onto the pair of this mentee: a mentor takes that pair's mentor place, a mentee its mentee
    /// place. When the person came from another pair the two swap.
    Pair(String),
    /// Onto a person of the other side who is in the pool: the two form a new pair.
    Person(String),
    /// Back to the pool: the person's pair is dissolved.
    Pool,
}

/// One drag: who, from which pair (by its mentee; `None` from the pool), to where.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Move {
    /// The person dragged.
    pub person: String,
    /// Their side.
    pub side: Side,
    /// The pair they leave, named by its mentee; `None` when they come from the pool.
    pub from: Option<String>,
    /// Where they go.
    pub to: Target,
}

/// Why a move was not made. Nothing changes when a move is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum MoveError {
    /// The pair named as source or target does not exist (the board changed meanwhile).
    #[error("no such pair")]
    NoSuchPair,
    /// A locked (published or pinned) pair would change.
    #[error("the pair is locked")]
    Locked,
    /// The move would change nothing (dropped where it already is).
    #[error("nothing to move")]
    Nothing,
    /// A mentee dropped on a mentee, a mentor on a mentor, or onto someone already paired.
    #[error("not a place this person can go")]
    WrongTarget,
}

/// Applies `m` to `pairs` (`(mentee, mentor)`), never touching a pair whose mentee is in `locked`.
/// Answers the mentees whose pair changed or appeared (to re-score), in no particular order.
pub fn apply_move(
    pairs: &mut Vec<(String, String)>,
    locked: &dyn Fn(&str) -> bool,
    m: &Move,
) -> Result<Vec<String>, MoveError> {
    let find = |pairs: &[(String, String)], mentee: &str| pairs.iter().position(|(e, _)| e == mentee);
    let from = match &m.from {
        Some(key) => {
            let i = find(pairs, key).ok_or(MoveError::NoSuchPair)?;
            let (e, r) = &pairs[i];
            let me = match m.side {
                Side::Mentor => r,
                Side::Mentee => e,
            };
            if *me != m.person {
                return Err(MoveError::NoSuchPair);
            }
            if locked(key) {
                return Err(MoveError::Locked);
            }
            Some(i)
        }
        None => None,
    };
    match (&m.to, from) {
        (Target::Pool, None) => Err(MoveError::Nothing),
        (Target::Pool, Some(i)) => {
            let (e, _) = pairs.remove(i);
            Ok(vec![e])
        }
        (Target::Pair(key), _) => {
            let j = find(pairs, key).ok_or(MoveError::NoSuchPair)?;
            if locked(key) {
                return Err(MoveError::Locked);
            }
            if from == Some(j) {
                return Err(MoveError::Nothing);
            }
            match (m.side, from) {
                (Side::Mentor, Some(i)) => {
                    let mentor_j = pairs[j].1.clone();
                    pairs[j].1 = std::mem::replace(&mut pairs[i].1, mentor_j);
                    Ok(vec![pairs[i].0.clone(), pairs[j].0.clone()])
                }
                (Side::Mentor, None) => {
                    pairs[j].1 = m.person.clone();
                    Ok(vec![pairs[j].0.clone()])
                }
                (Side::Mentee, Some(i)) => {
                    let mentee_j = pairs[j].0.clone();
                    pairs[j].0 = std::mem::replace(&mut pairs[i].0, mentee_j);
                    Ok(vec![pairs[i].0.clone(), pairs[j].0.clone()])
                }
                (Side::Mentee, None) => {
                    if find(pairs, &m.person).is_some() {
                        return Err(MoveError::WrongTarget);
                    }
                    pairs[j].0 = m.person.clone();
                    Ok(vec![m.person.clone()])
                }
            }
        }
        (Target::Person(other), from) => {
            let (mentee, mentor) = match m.side {
                Side::Mentor => (other.clone(), m.person.clone()),
                Side::Mentee => (m.person.clone(), other.clone()),
            };
            // The mentee must be free (a mentor may hold several pairs).
            if m.side == Side::Mentor && find(pairs, &mentee).is_some() {
                return Err(MoveError::WrongTarget);
            }
            if m.side == Side::Mentee && from.is_none() && find(pairs, &mentee).is_some() {
                return Err(MoveError::WrongTarget);
            }
            match (m.side, from) {
                // A mentee leaves their pair for a free mentor: the pair keeps its mentee.
                (Side::Mentee, Some(i)) => {
                    if pairs[i].1 == mentor {
                        return Err(MoveError::Nothing);
                    }
                    pairs[i].1 = mentor;
                }
                // A mentor leaves a pair for a free mentee: that pair's mentee goes to the pool.
                (Side::Mentor, Some(i)) => {
                    pairs.remove(i);
                    pairs.push((mentee.clone(), mentor));
                }
                (_, None) => pairs.push((mentee.clone(), mentor)),
            }
            Ok(vec![mentee])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board() -> Vec<(String, String)> {
        [("e1", "r1"), ("e2", "r2"), ("e3", "r1")]
            .iter()
            .map(|(e, r)| (e.to_string(), r.to_string()))
            .collect()
    }

    fn mv(person: &str, side: Side, from: Option<&str>, to: Target) -> Move {
        Move {
            person: person.into(),
            side,
            from: from.map(Into::into),
            to,
        }
    }

    fn unlocked(_: &str) -> bool {
        false
    }

    fn as_str(p: &[(String, String)]) -> Vec<(&str, &str)> {
        p.iter().map(|(e, r)| (e.as_str(), r.as_str())).collect()
    }

    #[test]
    fn a_mentor_dropped_on_another_pair_swaps_mentors() {
        let mut p = board();
        let changed = apply_move(
            &mut p,
            &unlocked,
            &mv("r1", Side::Mentor, Some("e1"), Target::Pair("e2".into())),
        )
        .unwrap();
        assert_eq!(as_str(&p), [("e1", "r2"), ("e2", "r1"), ("e3", "r1")]);
        assert_eq!(changed, ["e1", "e2"]);
    }

    #[test]
    fn a_mentee_dropped_on_another_pair_swaps_mentees() {
        let mut p = board();
        apply_move(
            &mut p,
            &unlocked,
            &mv("e1", Side::Mentee, Some("e1"), Target::Pair("e2".into())),
        )
        .unwrap();
        assert_eq!(as_str(&p), [("e2", "r1"), ("e1", "r2"), ("e3", "r1")]);
    }

    #[test]
    fn pool_people_replace_and_pair() {
        let mut p = board();
        // A free mentee takes e2's place; e2 goes to the pool.
        apply_move(
            &mut p,
            &unlocked,
            &mv("e9", Side::Mentee, None, Target::Pair("e2".into())),
        )
        .unwrap();
        assert_eq!(as_str(&p), [("e1", "r1"), ("e9", "r2"), ("e3", "r1")]);
        // A free mentor takes over e1's pair.
        apply_move(
            &mut p,
            &unlocked,
            &mv("r9", Side::Mentor, None, Target::Pair("e1".into())),
        )
        .unwrap();
        assert_eq!(p[0], ("e1".into(), "r9".into()));
        // A free mentee and a mentor with a seat form a new pair.
        let changed = apply_move(
            &mut p,
            &unlocked,
            &mv("e2", Side::Mentee, None, Target::Person("r2".into())),
        )
        .unwrap();
        assert_eq!(p.last().unwrap(), &("e2".to_string(), "r2".to_string()));
        assert_eq!(changed, ["e2"]);
    }

    #[test]
    fn leaving_a_pair_for_a_free_person() {
        let mut p = board();
        // Mentee e1 moves to free mentor r7: same mentee, new mentor.
        apply_move(
            &mut p,
            &unlocked,
            &mv("e1", Side::Mentee, Some("e1"), Target::Person("r7".into())),
        )
        .unwrap();
        assert_eq!(p[0], ("e1".into(), "r7".into()));
        // Mentor r2 moves to free mentee e8: e2 goes to the pool.
        apply_move(
            &mut p,
            &unlocked,
            &mv("r2", Side::Mentor, Some("e2"), Target::Person("e8".into())),
        )
        .unwrap();
        assert_eq!(as_str(&p), [("e1", "r7"), ("e3", "r1"), ("e8", "r2")]);
    }

    #[test]
    fn back_to_the_pool_dissolves_the_pair() {
        let mut p = board();
        let changed = apply_move(
            &mut p,
            &unlocked,
            &mv("r2", Side::Mentor, Some("e2"), Target::Pool),
        )
        .unwrap();
        assert_eq!(as_str(&p), [("e1", "r1"), ("e3", "r1")]);
        assert_eq!(changed, ["e2"]);
    }

    #[test]
    fn refused_moves_change_nothing() {
        let locked = |k: &str| k == "e2";
        let cases = [
            (
                mv("r2", Side::Mentor, Some("e2"), Target::Pool),
                MoveError::Locked,
            ),
            (
                mv("r1", Side::Mentor, Some("e1"), Target::Pair("e2".into())),
                MoveError::Locked,
            ),
            (
                mv("r1", Side::Mentor, Some("e1"), Target::Pair("e1".into())),
                MoveError::Nothing,
            ),
            (
                mv("r1", Side::Mentor, Some("e9"), Target::Pool),
                MoveError::NoSuchPair,
            ),
            (
                mv("r2", Side::Mentor, Some("e1"), Target::Pool),
                MoveError::NoSuchPair,
            ),
            (mv("r1", Side::Mentor, None, Target::Pool), MoveError::Nothing),
            (
                mv("r1", Side::Mentor, None, Target::Pair("e7".into())),
                MoveError::NoSuchPair,
            ),
            (
                mv("r5", Side::Mentor, None, Target::Person("e3".into())),
                MoveError::WrongTarget,
            ),
            (
                mv("e1", Side::Mentee, None, Target::Pair("e3".into())),
                MoveError::WrongTarget,
            ),
            (
                mv("e1", Side::Mentee, None, Target::Person("r4".into())),
                MoveError::WrongTarget,
            ),
            (
                mv("e1", Side::Mentee, Some("e1"), Target::Person("r1".into())),
                MoveError::Nothing,
            ),
        ];
        for (m, want) in cases {
            let mut p = board();
            assert_eq!(apply_move(&mut p, &locked, &m), Err(want), "{m:?}");
            assert_eq!(p, board(), "{m:?}");
        }
    }
}
