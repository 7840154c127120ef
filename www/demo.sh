#!/usr/bin/env bash
# The demo command: the www/ admin page against the bundled vendor simulator.
#
#   bash www/demo.sh        # then open the printed URL; Ctrl-C stops everything
#
# Sets up what it needs (tests/setup.sh, idempotent), builds the package when pkg/ is missing
# or older than its sources, starts the simulator and the page server, and prints the URL.
# Env: SIM_PORT (8787), WWW_PORT (8080), DEMO_HOST (127.0.0.1).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tests/setup.sh

HOST=${DEMO_HOST:-127.0.0.1}
SIM_PORT=${SIM_PORT:-8787}
WWW_PORT=${WWW_PORT:-8080}

# Build when pkg/ is missing or any source is newer than the built wasm.
wasm=pkg/dist/waihu_bg.wasm
if [[ ! -f $wasm || ! -f pkg/dist/browser.js ]] ||
   [[ -n "$(find src pkg-template Cargo.toml Cargo.lock -newer "$wasm" -print -quit)" ]]; then
  echo "== building the package (pkg/)"
  npm run --silent build
fi

pids=()
logs=$(mktemp -d)
cleanup() {
  trap - INT TERM EXIT
  for pid in ${pids[@]+"${pids[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${pids[@]+"${pids[@]}"}; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$logs"
}
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap cleanup EXIT

# Each server prints one line once it listens (and its errors, e.g. a port in use).
node tests/simulator/server.mjs --host "$HOST" --port "$SIM_PORT" > >(tee "$logs/sim") 2>&1 &
pids+=($!)
node www/serve.mjs --host "$HOST" --port "$WWW_PORT" --sim-url "http://$HOST:$SIM_PORT" > >(tee "$logs/www") 2>&1 &
pids+=($!)

# Wait (bounded) until both say they are listening; stop if either exits first.
for _ in $(seq 1 200); do
  if grep -qs "listening on" "$logs/sim" && grep -qs "admin page on" "$logs/www"; then break; fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "demo: a server failed to start (port in use? SIM_PORT=$SIM_PORT WWW_PORT=$WWW_PORT)" >&2; exit 1; }
  done
  sleep 0.05
done
grep -qs "admin page on" "$logs/www" && grep -qs "listening on" "$logs/sim" || { echo "demo: the servers did not start within 10 s" >&2; exit 1; }

echo
echo "waihu admin page against the vendor simulator (http://$HOST:$SIM_PORT); Ctrl-C stops both"
echo "open http://$HOST:$WWW_PORT/"

# Run until Ctrl-C, or until either server exits.
wait -n "${pids[@]}" || true
echo "demo: a server stopped; shutting down" >&2
exit 1
