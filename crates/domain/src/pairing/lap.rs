//! Exact solver for the rectangular assignment problem with column capacities on a dense integer
//! cost matrix.
//!
//! Given a row-major `rows × cols` matrix of non-negative integer costs and a capacity per column
//! with `Σ capacity ≥ rows`, [`solve`] gives every row one column, no column more rows than its
//! capacity, at minimal total cost. This is the core of the pairing engine: [`super::matrix`] turns
//! scores, capacities, forbidden pairs and the "match as many as possible first" rule into such a
//! matrix, so the optimum found here is the exact global optimum of the pairing.
//!
//! The algorithm is Jonker–Volgenant (LAPJV, *Computing* 38, 1987) generalised to capacities, in
//! integers so optimality is exact:
//!
//! 1. **Initialisation.** Square unit-capacity problems start from column reduction (`v[j]` =
//!    column minimum), assign rows greedily to tight free columns and apply reduction transfer.
//!    Otherwise prices start at `v = 0`: LP duality needs every column left with spare capacity to
//!    keep the highest price, and prices here only ever go down, and only on full columns.
//! 2. **Augmenting row reduction** (two rounds): an auction-like pass that moves a free row to its
//!    cheapest column and lowers that column's price to the row's second best, evicting the
//!    previous holder of a unit-capacity column. It assigns most rows cheaply.
//! 3. **Augmentation**: for each remaining free row, a Dijkstra shortest augmenting path in reduced
//!    costs. All columns at the current minimum distance are settled as one batch (integer costs
//!    tie a lot); scanning a full column scans every row it holds; the search stops at the first
//!    column with spare capacity. The relaxation of a scanned row is a branch-free pass over the
//!    whole row, which the compiler turns into SIMD; settled columns are immune to it because
//!    their tentative distance is the minimum value of the type.
//!
//! **Value range.** An assigned row's column is always one of its cheapest in reduced cost, and
//! columns with spare capacity keep their initial price, so with costs in `0..=C` every price stays
//! within `[-C, C]` and every intermediate distance within `[-4C, 5C]`. So the narrow lane type
//! `i16` is exact for `C ≤ 5,000` (all pairs allowed: costs are `100 − score`), which halves memory
//! traffic and doubles the SIMD width; `i32` serves up to `C = 2²⁶`. See [`Cost::LIMIT`].
//!
//! Ties are broken by index order (lowest row, then lowest column, as scanned), so the same matrix
//! always gives the same assignment. It is single-threaded and allocates nothing in its inner
//! loops, so it runs unchanged, and fast, in WebAssembly.

use core::ops::{Add, AddAssign, Sub, SubAssign};

/// An integer lane type for costs, prices and distances.
pub(crate) trait Cost:
    Copy + Ord + Add<Output = Self> + Sub<Output = Self> + AddAssign + SubAssign + core::fmt::Debug
{
    /// Largest cost accepted: six times it still fits the type (see the module docs).
    const LIMIT: Self;
    /// Zero.
    const ZERO: Self;
    /// Tentative distance of a settled column: `min` never lowers it and `SETTLED - 1` wraps to
    /// the largest value, so settled columns drop out of the minimum search for free.
    const SETTLED: Self;
    /// The largest value, an upper bound for any minimum.
    const MAX: Self;
    /// `self - 1`, wrapping.
    fn dec(self) -> Self;
    /// `self + 1`, wrapping.
    fn inc(self) -> Self;
    /// Converts a cost already checked to be in `0..=LIMIT`.
    fn of(cost: i32) -> Self;
}

macro_rules! cost_lane {
    ($t:ty, $limit:expr) => {
        impl Cost for $t {
            const LIMIT: Self = $limit;
            const ZERO: Self = 0;
            const SETTLED: Self = <$t>::MIN;
            const MAX: Self = <$t>::MAX;
            fn dec(self) -> Self {
                self.wrapping_sub(1)
            }
            fn inc(self) -> Self {
                self.wrapping_add(1)
            }
            fn of(cost: i32) -> Self {
                cost as $t
            }
        }
    };
}
cost_lane!(i16, 5_000);
cost_lane!(i32, 1 << 26);

/// Marks "no row" / "no column" in the index arrays.
const NONE: u32 = u32::MAX;

/// Minimises `Σ cost[i][col[i]]` subject to column `j` receiving at most `capacity[j]` rows, for a
/// row-major `rows × capacity.len()` matrix with costs in `0..=T::LIMIT`, every capacity ≥ 1 and
/// `Σ capacity ≥ rows`; returns `col`.
pub(crate) fn solve<T: Cost>(rows: usize, capacity: &[u32], cost: &[T]) -> Vec<usize> {
    let cols = capacity.len();
    debug_assert!(cols < NONE as usize && rows < NONE as usize);
    debug_assert_eq!(cost.len(), rows * cols);
    debug_assert!(capacity.iter().all(|&c| c >= 1));
    debug_assert!(capacity.iter().map(|&c| c as usize).sum::<usize>() >= rows);
    debug_assert!(cost.iter().all(|&c| T::ZERO <= c && c <= T::LIMIT));
    if rows == 0 {
        return Vec::new();
    }
    let mut lap = Lap::new(rows, capacity, cost);
    let mut free = if rows == cols && capacity.iter().all(|&c| c == 1) {
        lap.column_reduction()
    } else {
        (0..rows as u32).collect()
    };
    for _ in 0..2 {
        if free.is_empty() {
            break;
        }
        free = lap.augmenting_row_reduction(&free);
    }
    lap.augment(&free);
    lap.x.iter().map(|&j| j as usize).collect()
}

/// Solver state: the assignment in both directions and the column prices (dual variables `v`).
struct Lap<'a, T> {
    cols: usize,
    cost: &'a [T],
    capacity: &'a [u32],
    /// Column of each row, or `NONE`.
    x: Vec<u32>,
    /// Rows held by each column, as doubly linked lists: `head[j]`, then `next[i]`.
    head: Vec<u32>,
    next: Vec<u32>,
    prev: Vec<u32>,
    /// How many rows each column holds.
    count: Vec<u32>,
    /// Column prices; a row's reduced cost for column `j` is `cost[i][j] - v[j]`.
    v: Vec<T>,
}

impl<'a, T: Cost> Lap<'a, T> {
    fn new(rows: usize, capacity: &'a [u32], cost: &'a [T]) -> Self {
        let cols = capacity.len();
        Lap {
            cols,
            cost,
            capacity,
            x: vec![NONE; rows],
            head: vec![NONE; cols],
            next: vec![NONE; rows],
            prev: vec![NONE; rows],
            count: vec![0; cols],
            v: vec![T::ZERO; cols],
        }
    }

    fn row(&self, i: usize) -> &'a [T] {
        &self.cost[i * self.cols..(i + 1) * self.cols]
    }

    fn has_room(&self, j: usize) -> bool {
        self.count[j] < self.capacity[j]
    }

    /// Puts free row `i` into column `j`.
    fn assign(&mut self, i: usize, j: usize) {
        self.x[i] = j as u32;
        let old = self.head[j];
        self.next[i] = old;
        self.prev[i] = NONE;
        if old != NONE {
            self.prev[old as usize] = i as u32;
        }
        self.head[j] = i as u32;
        self.count[j] += 1;
    }

    /// Takes row `i` out of its column.
    fn unassign(&mut self, i: usize) {
        let j = self.x[i] as usize;
        let (p, n) = (self.prev[i], self.next[i]);
        if p == NONE {
            self.head[j] = n;
        } else {
            self.next[p as usize] = n;
        }
        if n != NONE {
            self.prev[n as usize] = p;
        }
        self.count[j] -= 1;
        self.x[i] = NONE;
    }

    /// Square unit-capacity problems only: column reduction, greedy assignment of tight columns
    /// and reduction transfer. Returns the rows left free.
    fn column_reduction(&mut self) -> Vec<u32> {
        let rows = self.x.len();
        self.v.fill(T::LIMIT);
        for i in 0..rows {
            let row = self.row(i);
            for (v, &c) in self.v.iter_mut().zip(row) {
                *v = (*v).min(c);
            }
        }
        let mut free = Vec::new();
        for i in 0..rows {
            let row = self.row(i);
            match (0..self.cols).find(|&j| row[j] == self.v[j] && self.count[j] == 0) {
                Some(j) => self.assign(i, j),
                None => free.push(i as u32),
            }
        }
        // Reduction transfer: make each assigned row's column only as cheap as its second best, so
        // the row reduction below has room to move prices.
        for i in 0..rows {
            let j1 = self.x[i] as usize;
            if j1 == NONE as usize {
                continue;
            }
            let row = self.row(i);
            let cheapest = |range: core::ops::Range<usize>| {
                row[range.clone()]
                    .iter()
                    .zip(&self.v[range])
                    .map(|(&c, &v)| c - v)
                    .min()
                    .unwrap_or(T::LIMIT)
            };
            let mu = cheapest(0..j1).min(cheapest(j1 + 1..self.cols));
            self.v[j1] -= mu;
        }
        free
    }

    /// One round of augmenting row reduction over `free` rows; returns the rows still free.
    fn augmenting_row_reduction(&mut self, free: &[u32]) -> Vec<u32> {
        let mut queue = free.to_vec();
        let mut still_free = Vec::new();
        let mut current = 0;
        let mut steps = 0usize;
        // `queue[current..]` are rows to process; a row evicted by a price drop is put back at
        // `current - 1` and handled next.
        while current < queue.len() {
            let i = queue[current] as usize;
            current += 1;
            steps += 1;
            let (j1, u1, j2, u2) = self.two_cheapest(i);
            // JV's guard against cycling through ties: past `current · cols` steps, stop moving
            // prices and just assign.
            let guard = steps < current * self.cols;
            let lowers = guard && j2 != NONE as usize && u1 < u2;
            // On a tie, prefer the second column if the first is full (JV).
            let j = if guard && !lowers && !self.has_room(j1) && j2 != NONE as usize {
                j2
            } else {
                j1
            };
            if self.has_room(j) {
                // Lowering the price is only sound for a column that this row alone fills.
                if lowers && self.capacity[j] == 1 {
                    self.v[j] -= u2 - u1;
                }
                self.assign(i, j);
            } else if self.capacity[j] == 1 {
                let evicted = self.head[j];
                self.unassign(evicted as usize);
                self.assign(i, j);
                if lowers {
                    self.v[j] -= u2 - u1;
                    current -= 1;
                    queue[current] = evicted;
                } else {
                    still_free.push(evicted);
                }
            } else {
                // A full shared column: leave the row to the exact augmentation.
                still_free.push(i as u32);
            }
        }
        still_free
    }

    /// The cheapest and second-cheapest columns of row `i` in reduced cost, each the first column
    /// with its value (`j2 = NONE` when the matrix has one column). The two values come from a
    /// lane-parallel pass that the compiler vectorises; their columns from scanning for them.
    fn two_cheapest(&self, i: usize) -> (usize, T, usize, T) {
        const LANES: usize = 16;
        let row = self.row(i);
        // Per lane the smallest and second smallest seen.
        let (mut lo, mut hi) = ([T::MAX; LANES], [T::MAX; LANES]);
        let (mut rows, mut prices) = (row.chunks_exact(LANES), self.v.chunks_exact(LANES));
        for (c, v) in (&mut rows).zip(&mut prices) {
            for k in 0..LANES {
                let h = c[k] - v[k];
                hi[k] = hi[k].min(lo[k].max(h));
                lo[k] = lo[k].min(h);
            }
        }
        for (&c, &v) in rows.remainder().iter().zip(prices.remainder()) {
            let h = c - v;
            hi[0] = hi[0].min(lo[0].max(h));
            lo[0] = lo[0].min(h);
        }
        let (mut u1, mut u2) = (T::MAX, T::MAX);
        for x in lo.into_iter().chain(hi) {
            if x < u1 {
                (u1, u2) = (x, u1);
            } else if x < u2 {
                u2 = x;
            }
        }
        let reduced = |j: usize| row[j] - self.v[j];
        let j1 = (0..self.cols).find(|&j| reduced(j) == u1).unwrap_or(0);
        let j2 = (0..self.cols)
            .find(|&j| j != j1 && reduced(j) == u2)
            .unwrap_or(NONE as usize);
        (j1, u1, j2, u2)
    }

    /// Assigns each row of `free` along a shortest augmenting path (Dijkstra in reduced costs).
    fn augment(&mut self, free: &[u32]) {
        let mut s = Search {
            d: vec![T::ZERO; self.cols],
            dist: vec![T::ZERO; self.cols],
            settled: Vec::new(),
            rows: Vec::new(),
            mind: T::ZERO,
        };
        for &start in free {
            let mut j = self.shortest_path(start as usize, &mut s);
            // Shift every row on the path one column forward, ending with the start row.
            loop {
                let i = self.reached_by(&s, j);
                let left = self.x[i];
                if left != NONE {
                    self.unassign(i);
                }
                self.assign(i, j);
                if i == start as usize {
                    break;
                }
                j = left as usize;
            }
            for &j in &s.settled {
                let j = j as usize;
                self.v[j] += s.dist[j] - s.mind;
            }
        }
    }

    /// The first scanned row through which column `j` got its final distance (prices as during
    /// the search).
    fn reached_by(&self, s: &Search<T>, j: usize) -> usize {
        let found = s
            .rows
            .iter()
            .find(|&&(i, h)| self.row(i as usize)[j] - self.v[j] - h == s.dist[j]);
        found
            .expect("every column on a shortest path was reached from a scanned row")
            .0 as usize
    }

    /// Dijkstra from free row `start` to the nearest column with room, which it returns. On return
    /// `s.settled` lists the settled columns, `s.dist` their distances and `s.mind` the length of
    /// the path.
    fn shortest_path(&self, start: usize, s: &mut Search<T>) -> usize {
        s.settled.clear();
        s.rows.clear();
        s.rows.push((start as u32, T::ZERO));
        for ((d, &c), &v) in s.d.iter_mut().zip(self.row(start)).zip(&self.v) {
            *d = c - v;
        }
        let mut scanned = 0;
        loop {
            if scanned == s.settled.len() {
                // Next level: the smallest tentative distance (settled columns wrap to MAX).
                s.mind = s.d.iter().fold(T::MAX, |m, &d| m.min(d.dec())).inc();
                if let Some(end) = self.settle(s, 0, self.cols) {
                    return end;
                }
            }
            let j1 = s.settled[scanned] as usize;
            scanned += 1;
            let mut i = self.head[j1];
            while i != NONE {
                let row = self.row(i as usize);
                let h = row[j1] - self.v[j1] - s.mind;
                s.rows.push((i, h));
                // Relax in blocks; only a block where some column reached `mind` is searched for
                // it. Every new distance is ≥ `mind` (row `i`'s column is its cheapest), so a
                // block hit means a column joins the current level.
                for from in (0..self.cols).step_by(BLOCK) {
                    let to = (from + BLOCK).min(self.cols);
                    let mut hit = false;
                    for ((d, &c), &v) in s.d[from..to]
                        .iter_mut()
                        .zip(&row[from..to])
                        .zip(&self.v[from..to])
                    {
                        let nd = (*d).min(c - v - h);
                        *d = nd;
                        hit |= nd == s.mind;
                    }
                    if hit && let Some(end) = self.settle(s, from, to) {
                        return end;
                    }
                }
                i = self.next[i as usize];
            }
        }
    }

    /// Settles the columns of `from..to` at distance `s.mind`; returns the first with room, if
    /// any.
    fn settle(&self, s: &mut Search<T>, from: usize, to: usize) -> Option<usize> {
        for j in from..to {
            if s.d[j] == s.mind {
                s.dist[j] = s.mind;
                if self.has_room(j) {
                    return Some(j);
                }
                s.d[j] = T::SETTLED;
                s.settled.push(j as u32);
            }
        }
        None
    }
}

/// Columns per block of the relaxation pass: large enough to vectorise, small enough that finding
/// the columns that joined the current level rescans little.
const BLOCK: usize = 256;

/// Scratch space of the shortest-path search, allocated once per solve.
struct Search<T> {
    /// Tentative distance of each unsettled column, `SETTLED` once settled.
    d: Vec<T>,
    /// Final distance of each settled column (and of the end column).
    dist: Vec<T>,
    /// Settled columns in order; those past the scan position wait to be scanned.
    settled: Vec<u32>,
    /// Scanned rows with their offset `h`: row `i` reaches column `j` at `cost[i][j] - v[j] - h`.
    rows: Vec<(u32, T)>,
    /// Distance of the current level (at the end: of the column found).
    mind: T,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Minimum total over all assignments respecting capacities, by brute force.
    fn brute(rows: usize, capacity: &[u32], cost: &[i32]) -> i64 {
        fn go(i: usize, rows: usize, left: &mut [u32], cost: &[i32]) -> i64 {
            if i == rows {
                return 0;
            }
            let cols = left.len();
            let mut best = i64::MAX / 2;
            for j in 0..cols {
                if left[j] > 0 {
                    left[j] -= 1;
                    let rest = go(i + 1, rows, left, cost);
                    left[j] += 1;
                    best = best.min(rest + i64::from(cost[i * cols + j]));
                }
            }
            best
        }
        go(0, rows, &mut capacity.to_vec(), cost)
    }

    fn total(capacity: &[u32], cost: &[i32], assignment: &[usize]) -> i64 {
        let cols = capacity.len();
        let mut used = vec![0; cols];
        assignment
            .iter()
            .enumerate()
            .map(|(i, &j)| {
                used[j] += 1;
                assert!(used[j] <= capacity[j], "over capacity: {assignment:?}");
                i64::from(cost[i * cols + j])
            })
            .sum()
    }

    #[test]
    fn small_known_optimum() {
        let cost = [4, 1, 3, 2, 0, 5, 3, 2, 2];
        let a = solve(3, &[1, 1, 1], &cost);
        assert_eq!(a, vec![1, 0, 2]);
        assert_eq!(total(&[1, 1, 1], &cost, &a), 5);
    }

    #[test]
    fn matches_brute_force_on_many_small_matrices() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % m) as u32
        };
        for round in 0..4000 {
            let rows = 1 + next(6) as usize;
            let unit = round % 2 == 0;
            let (capacity, cost) = loop {
                let cols = if unit {
                    rows + next(3) as usize
                } else {
                    1 + next(5) as usize
                };
                let capacity: Vec<u32> = (0..cols).map(|_| if unit { 1 } else { 1 + next(3) }).collect();
                if capacity.iter().sum::<u32>() as usize >= rows {
                    let range = [2, 5, 101, 5_001, 1 << 26][next(5) as usize];
                    let cost: Vec<i32> = (0..rows * cols).map(|_| next(range) as i32).collect();
                    break (capacity, cost);
                }
            };
            let a = solve(rows, &capacity, &cost);
            assert_eq!(
                total(&capacity, &cost, &a),
                brute(rows, &capacity, &cost),
                "{capacity:?} {cost:?}"
            );
            assert_eq!(a, solve(rows, &capacity, &cost), "deterministic");
            if cost.iter().all(|&c| c <= 5_000) {
                let narrow: Vec<i16> = cost.iter().map(|&c| c as i16).collect();
                assert_eq!(a, solve(rows, &capacity, &narrow), "i16 and i32 lanes agree");
            }
        }
    }

    /// Textbook O(n²m) Hungarian algorithm (rows ≤ columns), as an independent reference.
    fn hungarian(rows: usize, cols: usize, cost: &[i64]) -> i64 {
        let inf = i64::MAX / 4;
        let (mut u, mut v) = (vec![0i64; rows + 1], vec![0i64; cols + 1]);
        let (mut p, mut way) = (vec![0usize; cols + 1], vec![0usize; cols + 1]);
        for i in 1..=rows {
            p[0] = i;
            let mut j0 = 0;
            let mut minv = vec![inf; cols + 1];
            let mut used = vec![false; cols + 1];
            loop {
                used[j0] = true;
                let (i0, mut delta, mut j1) = (p[j0], inf, 0);
                for j in 1..=cols {
                    if !used[j] {
                        let cur = cost[(i0 - 1) * cols + j - 1] - u[i0] - v[j];
                        if cur < minv[j] {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if minv[j] < delta {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for j in 0..=cols {
                    if used[j] {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
                if p[j0] == 0 {
                    break;
                }
            }
            while j0 != 0 {
                let j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
        }
        (1..=cols)
            .filter(|&j| p[j] != 0)
            .map(|j| cost[(p[j] - 1) * cols + j - 1])
            .sum()
    }

    #[test]
    fn matches_the_hungarian_algorithm_on_tie_heavy_medium_matrices() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % m) as u32
        };
        for round in 0..120 {
            let rows = 10 + next(30) as usize;
            let capacity: Vec<u32> = match round % 3 {
                0 => vec![1; rows],                                    // square
                1 => vec![1; rows + next(20) as usize],                // wide
                _ => (0..rows / 2 + 1).map(|_| 1 + next(3)).collect(), // shared columns
            };
            let seats: u32 = capacity.iter().sum();
            if (seats as usize) < rows {
                continue;
            }
            let range = [3, 11, 101][next(3) as usize];
            let cost: Vec<i32> = (0..rows * capacity.len()).map(|_| next(range) as i32).collect();
            let a = solve(rows, &capacity, &cost);
            // Reference: every seat of a column as its own column.
            let seat_col: Vec<usize> = capacity
                .iter()
                .enumerate()
                .flat_map(|(j, &c)| std::iter::repeat_n(j, c as usize))
                .collect();
            let expanded: Vec<i64> = (0..rows)
                .flat_map(|i| seat_col.iter().map(move |&j| (i, j)))
                .map(|(i, j)| i64::from(cost[i * capacity.len() + j]))
                .collect();
            assert_eq!(
                total(&capacity, &cost, &a),
                hungarian(rows, seat_col.len(), &expanded),
                "round {round}"
            );
            let narrow: Vec<i16> = cost.iter().map(|&c| c as i16).collect();
            assert_eq!(a, solve(rows, &capacity, &narrow), "i16 and i32 lanes agree");
        }
    }
}
