#!/usr/bin/env python3
"""Solve a score matrix written by `pairing_bench --write PREFIX` with SciPy, for comparison.

Usage: bench_scipy.py PREFIX [--repeat N]

Reads PREFIX.json ({"mentees": [...], "mentors": [...], "capacity": c}) and PREFIX.i32 (raw
little-endian int32 scores, row-major, rows are mentees), solves
`scipy.optimize.linear_sum_assignment(maximize=True)` and prints one line
`seconds=… matched=… total=…`, where `seconds` times the solver call alone (loading and the
conversion to float64 are excluded; the best of N runs).

A capacity above 1 is expanded by repeating mentor columns, since SciPy has no capacities.
Forbidden cells (-1) become -inf, which SciPy accepts as long as every mentee can still be matched
(its optimum then equals the lexicographic one); otherwise it reports the matrix as infeasible.
"""

import argparse
import json
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("prefix")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    prefix = args.prefix
    with open(prefix + ".json", encoding="utf-8") as f:
        meta = json.load(f)
    rows, cols = len(meta["mentees"]), len(meta["mentors"])
    scores = np.fromfile(prefix + ".i32", dtype="<i4")
    if scores.size != rows * cols:
        parser.error(f"{prefix}.i32 has {scores.size} cells, expected {rows} x {cols}")
    scores = scores.reshape(rows, cols)
    capacity = int(meta.get("capacity", 1))
    if capacity > 1:
        scores = np.repeat(scores, capacity, axis=1)
    matrix = np.ascontiguousarray(scores, dtype=np.float64)
    matrix[scores < 0] = -np.inf
    del scores

    seconds = float("inf")
    for _ in range(max(1, args.repeat)):
        started = time.perf_counter()
        row_ind, col_ind = linear_sum_assignment(matrix, maximize=True)
        seconds = min(seconds, time.perf_counter() - started)

    total = int(matrix[row_ind, col_ind].sum())  # finite: SciPy never picks an infeasible cell
    print(f"seconds={seconds:.3f} matched={len(row_ind)} total={total}")


if __name__ == "__main__":
    main()
