#!/usr/bin/env bash
# Measures a newcomer's first `./dev start`: a fresh clone of this commit, with nothing built and
# no tools installed (its own CARGO_HOME, so cargo-leptos and wasm-bindgen are built from source
# and every crate is downloaded again; its own build directory), until the first page is served.
# Prints the minutes each phase took. Takes 15–30 minutes on 2 cores; nothing else should run.
#
#   scripts/first_start.sh [--keep DIR]
#
# Only the Rust toolchain (rustup, with its wasm32 target) and Node are reused, as on a fresh
# machine with the README's prerequisites. --keep DIR leaves the clone and its build in DIR (a
# release build the other scripts can measure: INVERSA_BIN=DIR/target/release/inversa
# INVERSA_SITE_ROOT=DIR/clone/target/site); by default they are deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
keep=""
[[ "${1:-}" == "--keep" ]] && keep="${2:?--keep needs a directory}"
work="${keep:-$(mktemp -d)}"
mkdir -p "$work"
[[ -n "$keep" ]] || trap 'kill "${dev:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
git clone -q --no-hardlinks "$PWD" "$work/clone"
export CARGO_HOME="$work/cargo" CARGO_TARGET_DIR="$work/target"
mkdir -p "$CARGO_HOME"
# rustup's proxies (cargo, rustc, rustfmt…) are the only programs taken from the usual
# ~/.cargo/bin: the tools cargo installed there (cargo-leptos, wasm-bindgen) are not.
rustup_bin="$(command -v rustup)"
mkdir -p "$work/rustup-bin"
for f in "$(dirname "$rustup_bin")"/*; do
  [[ "$f" -ef "$rustup_bin" ]] || cmp -s "$f" "$rustup_bin" || continue
  ln -sf "$f" "$work/rustup-bin/$(basename "$f")"
done
PATH="$(echo "$PATH" | tr ':' '\n' | grep -vxF "$(dirname "$rustup_bin")" | paste -sd:)"
export PATH="$CARGO_HOME/bin:$work/rustup-bin:$PATH"
for tool in cargo-leptos wasm-bindgen; do
  if command -v "$tool" >/dev/null; then echo "$tool is still on PATH at $(command -v "$tool")" >&2; exit 1; fi
done
port=3940
started=$(date +%s)
(cd "$work/clone" && exec ./dev start --listen "127.0.0.1:$port" --database "surrealkv://$work/data") \
  >"$work/dev.log" 2>&1 &
dev=$!
stamp() { echo "$(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s"; }
seen=""
while kill -0 "$dev" 2>/dev/null; do
  if curl -fsS "http://127.0.0.1:$port/login" >/dev/null 2>&1; then
    echo "first page served after $(stamp)"
    break
  fi
  # Phases as ./dev announces them.
  while IFS= read -r line; do
    case "$seen" in *"$line"*) ;; *) seen+="$line"$'\n'; echo "$(stamp): ${line#*==> }" ;; esac
  done < <({ grep -a -e '==>' -e 'Installed package' "$work/dev.log"; grep -a 'Finished' "$CARGO_TARGET_DIR/prebuild.log" 2>/dev/null; } |
    sed 's/\x1b\[[0-9;]*m//g')
  sleep 5
done
kill -0 "$dev" 2>/dev/null || { echo "./dev start stopped; its log:" >&2; tail -40 "$work/dev.log" >&2; exit 1; }
kill "$dev"; wait "$dev" 2>/dev/null || true
du -sh "$CARGO_TARGET_DIR" | awk '{print "build directory: " $1}'
