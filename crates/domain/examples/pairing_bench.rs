//! Benchmark of the exact pairing solver on structured, reproducible score matrices.
//!
//! ```text
//! cargo run --release -p domain --example pairing_bench -- \
//!     [--sizes 500,2000,5000,10000] [--families topics,distance] [--seed 42] [--capacity 1] \
//!     [--forbid 0] [--write PREFIX] [--no-solve] [--repeat 1]
//! ```
//!
//! For each size `n` and score family it builds `n` mentees × `⌈n / capacity⌉` mentors (so
//! capacity is just enough), solves with [`MatrixProblem::solve`] and prints one line
//! `n=… family=… capacity=… seconds=… matched=… total=…`, where `seconds` is the solver alone (no
//! generation, no IO; the best of `--repeat` runs). The last line is `peak_rss_kib=…`, the
//! process's peak resident memory (VmHWM from `/proc/self/status`, Linux only): the score matrix
//! (one byte per cell) plus the solver's working memory.
//!
//! Score families (uniform random noise is deliberately absent: every row would find a 100 and
//! the problem would be trivial for any solver):
//! - `topics`: each person has a few of 24 topics to teach and to learn; the score is 70 × the
//!   share of the mentee's wishes the mentor teaches + 20 × the reverse share + noise 0–10.
//! - `distance`: mentees and mentors are random points in the unit square; the score is 100
//!   minus the distance scaled so the diagonal is 100.
//!
//! `--forbid P` forbids a random P % of the pairs (reproducibly from the seed), as hard rules do
//! in real programs; the solver then needs its wider `i32` lanes and the "match as many as
//! possible" weighting.
//!
//! `--write PREFIX` (one size and family only) also writes the matrix for other tools:
//! `PREFIX.i32`, the scores as raw little-endian `i32`, row-major (rows are mentees, −1 marks a
//! forbidden pair), and `PREFIX.json`, `{"mentees":[ids…],"mentors":[ids…],"capacity":c}`.
//! `--no-solve` only writes.

use std::io::Write;
use std::time::Instant;

use domain::pairing::{MatrixProblem, MentorSeats, ScoreMatrix};

/// splitmix64: tiny, fast, good enough to generate test data reproducibly from a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (the modulo bias is irrelevant here).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A set of `lo..=hi` distinct topics out of `TOPICS`, as a bit mask.
    fn topics(&mut self, lo: u64, hi: u64) -> u32 {
        let k = lo + self.below(hi - lo + 1);
        let mut mask = 0u32;
        while u64::from(mask.count_ones()) < k {
            mask |= 1 << self.below(TOPICS);
        }
        mask
    }
}

const TOPICS: u64 = 24;

/// The score matrix of `family` for `mentees × mentors`.
fn generate(family: &str, mentees: usize, mentors: usize, seed: u64) -> Result<ScoreMatrix, String> {
    let mut rng = Rng(seed ^ (mentees as u64).rotate_left(32) ^ mentors as u64);
    let scores = match family {
        "topics" => {
            // (teaches, wants) per person.
            let mut people = |n: usize, teach: (u64, u64)| -> Vec<(u32, u32)> {
                (0..n)
                    .map(|_| (rng.topics(teach.0, teach.1), rng.topics(1, 3)))
                    .collect()
            };
            let es = people(mentees, (1, 3));
            let rs = people(mentors, (2, 4));
            let share =
                |teach: u32, want: u32| f64::from((teach & want).count_ones()) / f64::from(want.count_ones());
            ScoreMatrix::from_fn(mentees, mentors, |i, j| {
                let ((e_teach, e_want), (r_teach, r_want)) = (es[i], rs[j]);
                let base = 70.0 * share(r_teach, e_want) + 20.0 * share(e_teach, r_want);
                Some((base.round() as i32 + rng.below(11) as i32).min(100))
            })
        }
        "distance" => {
            let mut points =
                |n: usize| -> Vec<(f64, f64)> { (0..n).map(|_| (rng.unit(), rng.unit())).collect() };
            let es = points(mentees);
            let rs = points(mentors);
            ScoreMatrix::from_fn(mentees, mentors, |i, j| {
                let ((ex, ey), (rx, ry)) = (es[i], rs[j]);
                let dist = ((ex - rx).powi(2) + (ey - ry).powi(2)).sqrt();
                Some(100 - (100.0 * dist / std::f64::consts::SQRT_2).round() as i32)
            })
        }
        other => return Err(format!("unknown family {other:?} (topics, distance)")),
    };
    scores.map_err(|e| e.to_string())
}

struct Options {
    sizes: Vec<usize>,
    families: Vec<String>,
    seed: u64,
    capacity: usize,
    write: Option<String>,
    solve: bool,
    repeat: usize,
    forbid: u64,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        sizes: vec![500, 2_000, 5_000, 10_000],
        families: vec!["topics".into(), "distance".into()],
        seed: 42,
        capacity: 1,
        write: None,
        solve: true,
        repeat: 1,
        forbid: 0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |s: &str| {
            s.trim()
                .parse::<usize>()
                .map_err(|e| format!("{flag}: {s:?}: {e}"))
        };
        match flag.as_str() {
            "--sizes" => o.sizes = value()?.split(',').map(number).collect::<Result<_, _>>()?,
            "--families" => o.families = value()?.split(',').map(str::to_owned).collect(),
            "--seed" => o.seed = number(&value()?)? as u64,
            "--capacity" => o.capacity = number(&value()?)?.max(1),
            "--write" => o.write = Some(value()?),
            "--no-solve" => o.solve = false,
            "--repeat" => o.repeat = number(&value()?)?.max(1),
            "--forbid" => o.forbid = number(&value()?)?.min(100) as u64,
            _ => return Err(format!("unknown argument {flag:?}")),
        }
    }
    if o.write.is_some() && o.sizes.len() * o.families.len() != 1 {
        return Err("--write needs exactly one size and one family".into());
    }
    Ok(o)
}

fn write_matrix(prefix: &str, problem: &MatrixProblem, capacity: usize) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(format!("{prefix}.i32"))?);
    let scores = &problem.scores;
    for i in 0..scores.mentees() {
        for j in 0..scores.mentors() {
            out.write_all(&scores.get(i, j).unwrap_or(-1).to_le_bytes())?;
        }
    }
    out.flush()?;
    let meta = serde_json::json!({
        "mentees": problem.mentees,
        "mentors": problem.mentors.iter().map(|m| &m.id).collect::<Vec<_>>(),
        "capacity": capacity,
    });
    std::fs::write(format!("{prefix}.json"), meta.to_string())
}

/// Peak resident memory of this process in KiB, from Linux's `/proc/self/status`.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), String> {
    let o = parse_args()?;
    for &n in &o.sizes {
        for family in &o.families {
            let mentors = n.div_ceil(o.capacity);
            let capacity = o.capacity as i32;
            let mut scores = generate(family, n, mentors, o.seed)?;
            if o.forbid > 0 {
                let mut rng = Rng(o.seed ^ 0xF0_4B1D);
                scores = ScoreMatrix::from_fn(n, mentors, |i, j| {
                    if rng.below(100) < o.forbid {
                        None
                    } else {
                        scores.get(i, j)
                    }
                })
                .map_err(|e| e.to_string())?;
            }
            let problem = MatrixProblem {
                mentees: (0..n).map(|i| format!("e{i}")).collect(),
                mentors: (0..mentors)
                    .map(|j| MentorSeats {
                        id: format!("r{j}"),
                        capacity,
                    })
                    .collect(),
                scores,
                pins: Vec::new(),
            };
            if let Some(prefix) = &o.write {
                write_matrix(prefix, &problem, o.capacity).map_err(|e| format!("{prefix}: {e}"))?;
            }
            if o.solve {
                let mut best = f64::INFINITY;
                let mut result = None;
                for _ in 0..o.repeat {
                    let started = Instant::now();
                    result = Some(problem.solve().map_err(|e| e.to_string())?);
                    best = best.min(started.elapsed().as_secs_f64());
                }
                if let Some(r) = result {
                    println!(
                        "n={n} family={family} capacity={} seconds={best:.3} matched={} total={}",
                        o.capacity, r.matched, r.total
                    );
                }
            }
        }
    }
    match peak_rss_kib() {
        Some(kib) => println!("peak_rss_kib={kib}"),
        None => println!("peak_rss_kib=unknown"),
    }
    Ok(())
}
