#!/usr/bin/env bash
# Measures the phone check-in page (/checkin) with Lighthouse in mobile mode: performance,
# accessibility and cumulative layout shift. Targets: performance ≥ 95, accessibility 100,
# CLS ≤ 0.05. A measurement, not a test: it prints the numbers and exits 0.
#
#   scripts/lighthouse_checkin.sh
#
# Uses the built server (INVERSA_BIN, default: the release build, else the debug build) and site
# (INVERSA_SITE_ROOT, default target/site); measure a release build (`./dev start` or
# `cargo leptos build --release --split`). Installs lighthouse@12.2.3 into .tools/ the first time and
# drives Debian's Chromium (CHROME_PATH=/usr/bin/chromium). The demo program is paired and
# published through the server functions, then the demo mentee's session is handed to Lighthouse.
# LIGHTHOUSE_REPORT=path keeps the full JSON report.
set -euo pipefail
cd "$(dirname "$0")/.."
LIGHTHOUSE_VERSION="12.2.3"
tools="$PWD/.tools"
if [[ "$(node -p "require('$tools/node_modules/lighthouse/package.json').version" 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]]; then
  mkdir -p "$tools"
  [[ -f "$tools/package.json" ]] || echo '{"private":true}' > "$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund --save-exact "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
fi
target="${CARGO_TARGET_DIR:-$HOME/.cache/inversa/target}"
bin="${INVERSA_BIN:-}"
if [[ -z "$bin" ]]; then
  if [[ -x "$target/release/inversa" ]]; then bin="$target/release/inversa"; else bin="$target/debug/inversa"; fi
fi
site="${INVERSA_SITE_ROOT:-$PWD/target/site}"
data="$(mktemp -d)"
port=3932
base="http://127.0.0.1:$port"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$data"' EXIT
RUST_LOG=warn "$bin" --database "surrealkv://$data/db" --site-root "$site" --listen "127.0.0.1:$port" serve \
  >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
call() { # call COOKIE_JAR PATH FORM
  curl -fsS -b "$1" -c "$1" -H 'Accept: application/json' --data "$3" "$base/api/$2"
}
hr="$data/hr.jar"; mentee="$data/mentee.jar"
call "$hr" sign_in 'email=rrhh@inversa.example&password=inversa-demo-2026' >/dev/null
program="$(call "$hr" list_programs '' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].key))')"
call "$hr" change_program_status "key=$program&to=matching" >/dev/null
call "$hr" run_matching "program=$program" >/dev/null
call "$hr" publish_pairs "program=$program" >/dev/null
call "$mentee" sign_in 'email=james.wilson@inversa.example&password=inversa-demo-2026' >/dev/null
cookie="$(awk '$6 == "inversa_session" {print $6 "=" $7}' "$mentee")"
echo "binary: $bin" >&2
out="$data/report.json"
CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" "$base/checkin" \
  --quiet --output=json --output-path="$out" ${LIGHTHOUSE_EXTRA:-} \
  --only-categories=performance,accessibility \
  --extra-headers="{\"Cookie\":\"$cookie\"}" \
  --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
if [[ -n "${LIGHTHOUSE_REPORT:-}" ]]; then
  cp "$out" "$LIGHTHOUSE_REPORT"
  for t in "$data"/*.trace.json; do [[ -f "$t" ]] && cp "$t" "${LIGHTHOUSE_REPORT%.json}.trace.json"; done
fi
node -e '
const r = require(process.argv[1]);
const a = r.audits;
console.log(JSON.stringify({
  url: r.finalDisplayedUrl,
  formFactor: r.configSettings.formFactor,
  performance: Math.round(r.categories.performance.score * 100),
  accessibility: Math.round(r.categories.accessibility.score * 100),
  cls: a["cumulative-layout-shift"].numericValue,
  fcp_ms: Math.round(a["first-contentful-paint"].numericValue),
  lcp_ms: Math.round(a["largest-contentful-paint"].numericValue),
  tbt_ms: Math.round(a["total-blocking-time"].numericValue),
  failed_accessibility: Object.values(a).filter(x => x.score === 0 && r.categories.accessibility.auditRefs.some(ref => ref.id === x.id)).map(x => x.id),
}, null, 2));
' "$out"
