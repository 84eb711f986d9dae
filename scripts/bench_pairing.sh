#!/usr/bin/env bash
# Compares Inversa's exact pairing solver with SciPy's linear_sum_assignment on the same matrices.
#
#   scripts/bench_pairing.sh [--sizes 500,2000,5000] [--families topics,distance] [--seed 42]
#                            [--repeat 1] [--forbid 0]
#
# For each size n and score family (see crates/domain/examples/pairing_bench.rs) it writes the
# n × n matrix (capacity 1: SciPy has no capacities) with the Rust example, solves it in Rust and
# with scipy.optimize.linear_sum_assignment(maximize=True), timing each solver alone (best of
# --repeat runs), and prints one table row: n, family, Rust seconds, SciPy seconds, their ratio,
# whether both found the same optimum total, and the Rust process's peak memory. Exits non-zero if
# any totals differ. 10,000 works (SciPy needs ~1.6 GB and some 15 s a family); pick it with
# --sizes. --forbid P forbids a random P % of the pairs, as hard rules do (SciPy gets -inf there).
#
# SciPy runs from a venv in ~/.cache/inversa/bench-venv, created on first use (numpy and scipy
# from PyPI). The Rust example is built in release under $CARGO_TARGET_DIR
# (default ~/.cache/inversa/target).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZES="500,2000,5000"
FAMILIES="topics,distance"
SEED=42
REPEAT=1
FORBID=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --families) FAMILIES="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --forbid) FORBID="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

VENV="$HOME/.cache/inversa/bench-venv"
if ! "$VENV/bin/python" -c 'import numpy, scipy' 2>/dev/null; then
  log "creating the SciPy venv in $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
  "$VENV/bin/pip" install --quiet numpy scipy
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/inversa/target}"
log "building the benchmark (release)"
(cd "$ROOT" && cargo build --quiet --release -p domain --example pairing_bench)
BIN="$CARGO_TARGET_DIR/release/examples/pairing_bench"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# field NAME LINE: the value of NAME=… in a key=value line.
field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -1; }

mismatches=0
printf '%7s  %-9s %6s %9s %9s %7s  %-14s %13s\n' n family forbid "rust s" "scipy s" ratio "totals equal" "rust peak"
for n in ${SIZES//,/ }; do
  for family in ${FAMILIES//,/ }; do
    args=(--sizes "$n" --families "$family" --seed "$SEED" --forbid "$FORBID")
    "$BIN" "${args[@]}" --write "$WORK/m" --no-solve >/dev/null
    rust="$("$BIN" "${args[@]}" --repeat "$REPEAT")"
    run="$(printf '%s\n' "$rust" | grep '^n=')"
    peak="$(printf '%s\n' "$rust" | sed -n 's/^peak_rss_kib=//p')"
    scipy="$("$VENV/bin/python" "$ROOT/scripts/bench_scipy.py" "$WORK/m" --repeat "$REPEAT")"
    rust_s="$(field seconds "$run")"; rust_total="$(field total "$run")"
    scipy_s="$(field seconds "$scipy")"; scipy_total="$(field total "$scipy")"
    ratio="$(awk -v r="$rust_s" -v s="$scipy_s" 'BEGIN { if (s > 0) printf "%.2f", r / s; else print "-" }')"
    if [ "$rust_total" = "$scipy_total" ]; then equal="yes ($rust_total)"; else equal="NO $rust_total/$scipy_total"; mismatches=$((mismatches + 1)); fi
    printf '%7s  %-9s %5s%% %9s %9s %7s  %-14s %9s MiB\n' "$n" "$family" "$FORBID" "$rust_s" "$scipy_s" "$ratio" "$equal" "$((peak / 1024))"
    rm -f "$WORK"/m.*
  done
done
[ "$mismatches" -eq 0 ] || { echo "$mismatches optimum totals differ" >&2; exit 1; }
