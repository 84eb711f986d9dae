use domain::pairing::{MatrixProblem, MentorSeats, ScoreMatrix};
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let rows: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let bytes = std::fs::read(format!("{p}.i32")).unwrap();
    let cells: Vec<i32> = bytes.chunks(4).map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    let cols = cells.len() / rows;
    let scores = ScoreMatrix::from_fn(rows, cols, |i, j| { let c = cells[i * cols + j]; if c < 0 { None } else { Some(c) } }).unwrap();
    let problem = MatrixProblem { mentees: (0..rows).map(|i| format!("e{i}")).collect(), mentors: (0..cols).map(|j| MentorSeats { id: format!("r{j}"), capacity: 1 }).collect(), scores, pins: vec![] };
    let t = std::time::Instant::now();
    let r = problem.solve().unwrap();
    println!("rust seconds={:.3} matched={} total={}", t.elapsed().as_secs_f64(), r.matched, r.total);
}
