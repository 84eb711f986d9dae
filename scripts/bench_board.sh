#!/usr/bin/env bash
# Measures re-scoring after a drag on the pairing board of a large program, in Chromium.
#
#   scripts/bench_board.sh [--people 1000] [--moves 40]
#
# Uses the built server (INVERSA_BIN, default: the release build, else the debug build) and site
# (INVERSA_SITE_ROOT, default target/site). Builds nothing: run `./dev start` or
# `cargo leptos build --release --split` first. Starts a server on a temporary database with the demo
# organisation plus a synthetic program of --people enrolled people, and prints JSON numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
people=1000
moves=40
while [[ $# -gt 0 ]]; do
  case "$1" in
    --people) people="$2"; shift 2 ;;
    --moves) moves="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
target="${CARGO_TARGET_DIR:-$HOME/.cache/inversa/target}"
bin="${INVERSA_BIN:-}"
if [[ -z "$bin" ]]; then
  if [[ -x "$target/release/inversa" ]]; then bin="$target/release/inversa"; else bin="$target/debug/inversa"; fi
fi
site="${INVERSA_SITE_ROOT:-$PWD/target/site}"
data="$(mktemp -d)"
port=3931
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$data"' EXIT
common=(--database "surrealkv://$data/db" --site-root "$site" --listen "127.0.0.1:$port" --log-format json)
key="$("$bin" "${common[@]}" demo large --people "$people" | tail -n 1)"
echo "binary: $bin" >&2
echo "program: $key ($people people)" >&2
RUST_LOG=warn "$bin" "${common[@]}" serve >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
(cd end2end && node bench/board-rescore.mjs "http://127.0.0.1:$port" "$key" "$moves")
