//! The score-matrix form of the pairing problem and its exact optimum.
//!
//! Every pairing, whether it comes from profiles ([`super::problem`]) or from a raw matrix
//! ([`super::json`]), ends here: a dense matrix of scores 0–100 (rows are mentees, columns mentors,
//! empty cells = the pair may not be formed), a capacity per mentor and HR's pins. [`MatrixProblem::solve`]
//! finds the **lexicographic optimum**: first as many matched mentees as possible, then the highest
//! total score among those, with every pin kept.
//!
//! How the two objectives become one exact minimisation for the solver (`lap`): pinned pairs are
//! fixed first and take their mentor's capacity; mentees without any allowed mentor with room left,
//! and mentors without any such mentee, are set aside. Every other mentee is a row, every mentor a
//! column with its remaining capacity; a cell costs `100 − score` if allowed and `U` if forbidden.
//! A mentee that ends on a `U` cell is unmatched. With `U = 100·rows + 101`, one more matched
//! mentee always outweighs any score difference, so minimising the total cost in integers
//! maximises (matched, total score) exactly. The solver needs at least as many seats as rows, so
//! when seats are short the problem is turned around (each seat a row, mentees the columns) if
//! mentors take one or two each, or else gets a "nobody" column of cost `U` for the missing seats.
//!
//! Ties: several assignments can share the optimum. The solver is deterministic and scans mentees
//! and mentors in input order, taking the first of equally good options as it meets them, so the
//! same input always gives the same pairs; reordering the input may give another, equally good,
//! set of pairs.

use serde::{Deserialize, Serialize};

use super::{CriterionScore, HardRule, PairingError, UnmatchedReason, lap};

/// Highest score a pair can have.
pub const MAX_SCORE: i32 = 100;

/// Most mentees or mentors one problem may have; keeps every cost far inside `i32` in the solver.
pub const MAX_PEOPLE: usize = 500_000;

/// Most cells (mentees × mentors) one problem may have: 2²⁸, a 16,384 × 16,384 matrix.
pub const MAX_CELLS: usize = 1 << 28;

/// A stored cell that may not be paired.
const NO_PAIR: u8 = u8::MAX;

/// Solves the assignment of `rows` rows over `capacity.len()` columns whose raw scores `fill(r,
/// out)` appends row by row: cost `100 − score`, and `U = 100·rows + 101` for a forbidden cell. Uses
/// the narrow `i16` lanes when `all_allowed` (costs ≤ 100), `i32` otherwise.
fn solve_scores(
    rows: usize,
    capacity: &[u32],
    all_allowed: bool,
    fill: impl FnMut(usize, &mut Vec<u8>),
) -> Vec<usize> {
    fn costs<T: lap::Cost>(
        rows: usize,
        width: usize,
        forbidden: i32,
        mut fill: impl FnMut(usize, &mut Vec<u8>),
    ) -> Vec<T> {
        let forbidden = T::of(forbidden);
        let mut out = Vec::with_capacity(rows * width);
        let mut row = Vec::with_capacity(width);
        for r in 0..rows {
            row.clear();
            fill(r, &mut row);
            out.extend(row.iter().map(|&s| {
                if s == NO_PAIR {
                    forbidden
                } else {
                    T::of(MAX_SCORE - i32::from(s))
                }
            }));
        }
        out
    }
    if all_allowed {
        lap::solve(rows, capacity, &costs::<i16>(rows, capacity.len(), 0, fill))
    } else {
        let forbidden = 100 * rows as i32 + MAX_SCORE + 1;
        lap::solve(
            rows,
            capacity,
            &costs::<i32>(rows, capacity.len(), forbidden, fill),
        )
    }
}

/// Dense matrix of pair scores: row `i` is mentee `i`, column `j` mentor `j`; `None` marks a pair
/// that may not be formed. One byte per cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreMatrix {
    mentees: usize,
    mentors: usize,
    cells: Vec<u8>,
}

impl ScoreMatrix {
    /// Builds the matrix from `score(mentee, mentor)`, calling it in row-major order.
    ///
    /// Errors: more than [`MAX_PEOPLE`] on a side or [`MAX_CELLS`] cells ([`PairingError::TooLarge`]),
    /// a score outside `0..=100` ([`PairingError::ScoreOutOfRange`]).
    pub fn from_fn(
        mentees: usize,
        mentors: usize,
        mut score: impl FnMut(usize, usize) -> Option<i32>,
    ) -> Result<Self, PairingError> {
        let cells = mentees.checked_mul(mentors).filter(|&c| c <= MAX_CELLS);
        let Some(cells) = cells.filter(|_| mentees <= MAX_PEOPLE && mentors <= MAX_PEOPLE) else {
            return Err(PairingError::TooLarge { mentees, mentors });
        };
        let mut data = Vec::with_capacity(cells);
        for i in 0..mentees {
            for j in 0..mentors {
                data.push(match score(i, j) {
                    None => NO_PAIR,
                    Some(s) if (0..=MAX_SCORE).contains(&s) => s as u8,
                    Some(s) => {
                        return Err(PairingError::ScoreOutOfRange {
                            row: i,
                            column: j,
                            score: s.into(),
                        });
                    }
                });
            }
        }
        Ok(ScoreMatrix {
            mentees,
            mentors,
            cells: data,
        })
    }

    /// Number of mentees (rows).
    pub fn mentees(&self) -> usize {
        self.mentees
    }

    /// Number of mentors (columns).
    pub fn mentors(&self) -> usize {
        self.mentors
    }

    /// The score of a pair, `None` if it may not be formed (or the indices are out of range).
    pub fn get(&self, mentee: usize, mentor: usize) -> Option<i32> {
        if mentee >= self.mentees || mentor >= self.mentors {
            return None;
        }
        match self.cells[mentee * self.mentors + mentor] {
            NO_PAIR => None,
            s => Some(i32::from(s)),
        }
    }

    fn row(&self, mentee: usize) -> &[u8] {
        &self.cells[mentee * self.mentors..(mentee + 1) * self.mentors]
    }
}

/// A mentor as the matrix form sees it: an id and how many mentees they take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentorSeats {
    /// The mentor's id.
    pub id: String,
    /// Most mentees this mentor takes (0 = none).
    pub capacity: i32,
}

/// A complete pairing problem in matrix form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixProblem {
    /// Mentee ids, one per matrix row.
    pub mentees: Vec<String>,
    /// Mentors, one per matrix column.
    pub mentors: Vec<MentorSeats>,
    /// The scores; `None` cells may not be paired.
    pub scores: ScoreMatrix,
    /// Pairs that must be in the result, as `(mentee index, mentor index)`.
    pub pins: Vec<(usize, usize)>,
}

/// The optimal pairing of a [`MatrixProblem`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The mentor index of each mentee, `None` when unmatched.
    pub mentor_of: Vec<Option<usize>>,
    /// How many mentees are matched.
    pub matched: usize,
    /// Sum of the scores of all pairs.
    pub total: i64,
    /// Every unmatched mentee (by index, in order) and why.
    pub unmatched: Vec<(usize, UnmatchedReason)>,
}

/// A solved pairing by id, as the JSON interface and the app use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solution {
    /// The pairs, in mentee input order.
    pub pairs: Vec<Pair>,
    /// How many mentees are matched.
    pub matched: i64,
    /// Sum of the pair scores.
    pub total: i64,
    /// The mentees left without a mentor, in input order.
    pub unmatched: Vec<Unmatched>,
}

/// One pair of a [`Solution`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    /// The mentee's id.
    pub mentee: String,
    /// The mentor's id.
    pub mentor: String,
    /// The pair's score 0–100.
    pub score: i32,
    /// Points per criterion (pairings from profiles only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Vec<CriterionScore>>,
}

/// A mentee left without a mentor, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmatched {
    /// The mentee's id.
    pub mentee: String,
    /// Why.
    pub reason: UnmatchedReason,
}

impl MatrixProblem {
    /// The assignment by id, without explanations.
    pub fn solution(&self, assignment: &Assignment) -> Solution {
        let pairs = (assignment.mentor_of.iter().enumerate())
            .filter_map(|(i, j)| j.map(|j| (i, j)))
            .map(|(i, j)| Pair {
                mentee: self.mentees[i].clone(),
                mentor: self.mentors[j].id.clone(),
                score: self.scores.get(i, j).unwrap_or(0),
                explanation: None,
            })
            .collect();
        let unmatched = (assignment.unmatched.iter())
            .map(|&(i, reason)| Unmatched {
                mentee: self.mentees[i].clone(),
                reason,
            })
            .collect();
        Solution {
            pairs,
            matched: assignment.matched as i64,
            total: assignment.total,
            unmatched,
        }
    }

    /// Finds the lexicographic optimum: most matched mentees, then highest total score, keeping
    /// every pin and no mentor above capacity. An id among both mentees and mentors is one person,
    /// never paired with themselves: that cell counts as empty whatever its score.
    ///
    /// Errors: the matrix shape differs from the id lists, an id is empty or repeated, a capacity
    /// is negative, or the pins are impossible (out of range, on an empty cell or someone with
    /// themselves ([`PairingError::PinIneligible`]), one mentee pinned to two mentors, more pins
    /// on a mentor than its capacity). Repeating the same pin is harmless.
    pub fn solve(&self) -> Result<Assignment, PairingError> {
        self.validate()?;
        match self.without_self_pairs() {
            Some(problem) => problem.solve_checked(),
            None => self.solve_checked(),
        }
    }

    /// The cells `(mentee, mentor)` that pair someone with themselves (one id on both sides).
    fn self_pairs(&self) -> Vec<(usize, usize)> {
        let mentor_index: std::collections::HashMap<&str, usize> = (self.mentors.iter().enumerate())
            .map(|(j, s)| (s.id.as_str(), j))
            .collect();
        (self.mentees.iter().enumerate())
            .filter_map(|(i, id)| mentor_index.get(id.as_str()).map(|&j| (i, j)))
            .collect()
    }

    /// A copy whose self-pair cells are empty, or `None` when no such cell holds a score.
    fn without_self_pairs(&self) -> Option<MatrixProblem> {
        let cells: Vec<(usize, usize)> = (self.self_pairs().into_iter())
            .filter(|&(i, j)| self.scores.get(i, j).is_some())
            .collect();
        if cells.is_empty() {
            return None;
        }
        let mut problem = self.clone();
        for (i, j) in cells {
            problem.scores.cells[i * self.mentors.len() + j] = NO_PAIR;
        }
        Some(problem)
    }

    /// [`MatrixProblem::solve`] on a validated problem without self-pair cells.
    fn solve_checked(&self) -> Result<Assignment, PairingError> {
        let (n, m) = (self.mentees.len(), self.mentors.len());
        let mut mentor_of = self.pinned()?;
        let mut room: Vec<usize> = self.mentors.iter().map(|s| s.capacity.max(0) as usize).collect();
        for j in mentor_of.iter().flatten() {
            room[*j] -= 1;
        }
        // Rows: free mentees with at least one allowed mentor that has room; columns: mentors
        // with room and at least one such mentee.
        let has_room: Vec<bool> = room.iter().map(|&r| r > 0).collect();
        let every_room = has_room.iter().all(|&r| r);
        let mut wanted = vec![false; m];
        let mut full_row = false;
        let (mut rows, mut allowed) = (Vec::new(), Vec::new());
        for i in (0..n).filter(|&i| mentor_of[i].is_none()) {
            let row = self.scores.row(i);
            let count = if every_room && !row.contains(&NO_PAIR) {
                full_row = true;
                m
            } else {
                let mut count = 0;
                for ((w, &ok), &s) in wanted.iter_mut().zip(&has_room).zip(row) {
                    let pair = ok && s != NO_PAIR;
                    *w |= pair;
                    count += usize::from(pair);
                }
                count
            };
            if count > 0 {
                rows.push(i);
                allowed.push(count);
            }
        }
        if full_row {
            wanted.fill(true);
        }
        let cols: Vec<usize> = (0..m).filter(|&j| wanted[j]).collect();
        let all_allowed = allowed.iter().all(|&c| c == cols.len());
        for (i, j) in self.optimise(&rows, &cols, &room, all_allowed) {
            mentor_of[i] = Some(j);
        }
        let mut total = 0;
        let mut unmatched = Vec::new();
        for (i, j) in mentor_of.iter().enumerate() {
            match j {
                Some(j) => total += i64::from(self.scores.get(i, *j).unwrap_or(0)),
                None => {
                    let allowed = || (0..m).filter(|&j| self.scores.get(i, j).is_some());
                    let reason = if allowed().any(|j| self.mentors[j].capacity > 0) {
                        UnmatchedReason::CapacityUsedUp
                    } else if allowed().next().is_some() {
                        UnmatchedReason::NoMentorCapacity
                    } else {
                        UnmatchedReason::NoEligibleMentor
                    };
                    unmatched.push((i, reason));
                }
            }
        }
        Ok(Assignment {
            matched: n - unmatched.len(),
            mentor_of,
            total,
            unmatched,
        })
    }

    /// The optimal pairs `(mentee, mentor)` among mentees `rows` and mentors `cols`, where mentor
    /// `j` has `room[j]` seats left and `all_allowed` says no cell of `rows × cols` is forbidden.
    fn optimise(
        &self,
        rows: &[usize],
        cols: &[usize],
        room: &[usize],
        all_allowed: bool,
    ) -> Vec<(usize, usize)> {
        let seats: Vec<usize> = cols.iter().map(|&j| room[j].min(rows.len())).collect();
        let total_seats: usize = seats.iter().sum();
        let allowed = |&(i, j): &(usize, usize)| self.scores.row(i)[j] != NO_PAIR;
        if total_seats < rows.len() && total_seats <= 2 * cols.len() {
            // Fewer seats than mentees, and mentors take one or two each: every seat becomes a
            // row (a mentor with room for c gives c equal rows) and mentees unit columns, so the
            // problem stays rows ≤ columns and no search has to prove a mentee unmatchable.
            let by_mentor = self.transposed(rows, cols);
            let seat_of: Vec<usize> = seats
                .iter()
                .enumerate()
                .flat_map(|(k, &n)| std::iter::repeat_n(k, n))
                .collect();
            let chosen = solve_scores(seat_of.len(), &vec![1; rows.len()], all_allowed, |r, out| {
                out.extend_from_slice(&by_mentor[seat_of[r] * rows.len()..][..rows.len()]);
            });
            return seat_of
                .iter()
                .zip(chosen)
                .map(|(&k, r)| (rows[r], cols[k]))
                .filter(allowed)
                .collect();
        }
        // Mentees are rows, mentors columns with their capacity; when seats are short (mentors
        // with large capacities), a "nobody" column with the missing seats, as costly as a
        // forbidden cell, takes the mentees left over.
        let mut capacity: Vec<u32> = seats.iter().map(|&s| s as u32).collect();
        let nobody = rows.len().saturating_sub(total_seats);
        if nobody > 0 {
            capacity.push(nobody as u32);
        }
        let chosen = solve_scores(rows.len(), &capacity, all_allowed && nobody == 0, |r, out| {
            let row = self.scores.row(rows[r]);
            if cols.len() == row.len() {
                out.extend_from_slice(row);
            } else {
                out.extend(cols.iter().map(|&j| row[j]));
            }
            if nobody > 0 {
                out.push(NO_PAIR);
            }
        });
        let paired = |(&i, k): (&usize, usize)| cols.get(k).map(|&j| (i, j));
        rows.iter()
            .zip(chosen)
            .filter_map(paired)
            .filter(allowed)
            .collect()
    }

    /// The scores of mentees `rows` × mentors `cols`, mentor-major. Transposes in blocks of rows so
    /// reads stay in cache.
    fn transposed(&self, rows: &[usize], cols: &[usize]) -> Vec<u8> {
        const BLOCK: usize = 64;
        let mut out = vec![NO_PAIR; rows.len() * cols.len()];
        for (b, block) in rows.chunks(BLOCK).enumerate() {
            for (k, &j) in cols.iter().enumerate() {
                let dst = &mut out[k * rows.len() + b * BLOCK..][..block.len()];
                for (d, &i) in dst.iter_mut().zip(block) {
                    *d = self.scores.row(i)[j];
                }
            }
        }
        out
    }

    fn validate(&self) -> Result<(), PairingError> {
        let (n, m) = (self.mentees.len(), self.mentors.len());
        if self.scores.mentees() != n || self.scores.mentors() != m {
            return Err(PairingError::ShapeMismatch {
                mentees: n,
                mentors: m,
                rows: self.scores.mentees(),
                columns: self.scores.mentors(),
            });
        }
        // Ids are unique on each side; one id on both sides is someone who mentors and learns.
        let mentor_ids: Vec<&String> = self.mentors.iter().map(|s| &s.id).collect();
        for side in [self.mentees.iter().collect::<Vec<_>>(), mentor_ids] {
            let mut seen = std::collections::HashSet::with_capacity(side.len());
            for id in side {
                if id.is_empty() {
                    return Err(PairingError::EmptyId);
                }
                if !seen.insert(id.as_str()) {
                    return Err(PairingError::DuplicateId { id: id.clone() });
                }
            }
        }
        if let Some(s) = self.mentors.iter().find(|s| s.capacity < 0) {
            return Err(PairingError::NegativeCapacity {
                mentor: s.id.clone(),
                capacity: s.capacity,
            });
        }
        Ok(())
    }

    /// Checks the pins and returns the pinned mentor of each mentee.
    fn pinned(&self) -> Result<Vec<Option<usize>>, PairingError> {
        let mut mentor_of: Vec<Option<usize>> = vec![None; self.mentees.len()];
        let mut load = vec![0i32; self.mentors.len()];
        for &(i, j) in &self.pins {
            let (Some(mentee), Some(mentor)) = (self.mentees.get(i), self.mentors.get(j)) else {
                return Err(PairingError::PinOutOfRange { mentee: i, mentor: j });
            };
            let pin = || (mentee.clone(), mentor.id.clone());
            match mentor_of[i] {
                Some(other) if other == j => continue,
                Some(other) => {
                    return Err(PairingError::PinConflict {
                        mentee: mentee.clone(),
                        first: self.mentors[other].id.clone(),
                        second: mentor.id.clone(),
                    });
                }
                None => {}
            }
            let broken = if *mentee == mentor.id {
                Some(HardRule::SamePerson)
            } else if self.scores.get(i, j).is_none() {
                Some(HardRule::Forbidden)
            } else {
                None
            };
            if let Some(rule) = broken {
                let (mentee, mentor) = pin();
                return Err(PairingError::PinIneligible {
                    mentee,
                    mentor,
                    rules: vec![rule],
                });
            }
            load[j] += 1;
            if load[j] > mentor.capacity {
                return Err(PairingError::PinsExceedCapacity {
                    mentor: mentor.id.clone(),
                    capacity: mentor.capacity,
                });
            }
            mentor_of[i] = Some(j);
        }
        Ok(mentor_of)
    }
}
