#!/usr/bin/env bash
# The demo command: the www/ admin page against the bundled vendor simulator.
#
#   bash www/demo.sh        # then open the printed URL; Ctrl-C stops everything
#
# Sets up what it needs (tests/setup.sh, idempotent), builds the package when pkg/ is missing
# or older than its sources, starts the simulator and the page server, and prints the URL.
# Env: SIM_PORT (8787), WWW_PORT (8080), WORKER_PORT (8788), DEMO_HOST (127.0.0.1).
#
# The demo's Worker (www/worker/, under `wrangler dev`, offline) receives the simulator's
# callbacks at /hooks/:vendor and serves the page's live feed of completed calls.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tests/setup.sh

HOST=${DEMO_HOST:-127.0.0.1}
SIM_PORT=${SIM_PORT:-8787}
WWW_PORT=${WWW_PORT:-8080}
WORKER_PORT=${WORKER_PORT:-8788}
# The feed's token, for this run only.
FEED_TOKEN=$(node -e 'console.log(require("node:crypto").randomBytes(16).toString("hex"))')

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
hooks="http://$HOST:$WORKER_PORT/hooks"
# The simulator pushes every vendor's callbacks to the Worker (retry schedules × 0.01), with
# BYRobot's documented source address as Cloudflare's CF-Connecting-IP.
callbacks="{\"tanyi\":{\"url\":\"$hooks/tanyi\"},\"byrobot\":{\"callUrl\":\"$hooks/byrobot\",\"taskUrl\":\"$hooks/byrobot\",\"sourceIp\":\"120.55.46.3\"},\"itniotech\":{\"url\":\"$hooks/itniotech\"},\"timeScale\":0.01}"
node tests/simulator/server.mjs --host "$HOST" --port "$SIM_PORT" --callbacks "$callbacks" > >(tee "$logs/sim") 2>&1 &
pids+=($!)
node www/serve.mjs --host "$HOST" --port "$WWW_PORT" --sim-url "http://$HOST:$SIM_PORT" --feed-url "http://$HOST:$WORKER_PORT/feed" --feed-token "$FEED_TOKEN" > >(tee "$logs/www") 2>&1 &
pids+=($!)
# Offline: no telemetry, no request.cf download, no banner (its update check).
WRANGLER_SEND_METRICS=false WRANGLER_HIDE_BANNER=true CLOUDFLARE_CF_FETCH_ENABLED=false NO_COLOR=1 \
  node node_modules/wrangler/bin/wrangler.js dev --config www/worker/wrangler.toml --ip "$HOST" --port "$WORKER_PORT" \
  --inspector-port 0 --persist-to "$logs/worker-state" --var "ADMIN_TOKEN:$FEED_TOKEN" > "$logs/worker" 2>&1 < /dev/null &
pids+=($!)

# Wait (bounded) until all say they are listening; stop if any exits first.
for _ in $(seq 1 400); do
  if grep -qs "listening on" "$logs/sim" && grep -qs "admin page on" "$logs/www" && grep -qs "Ready on" "$logs/worker"; then break; fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "demo: a server failed to start (port in use? SIM_PORT=$SIM_PORT WWW_PORT=$WWW_PORT WORKER_PORT=$WORKER_PORT)" >&2; cat "$logs/worker" >&2; exit 1; }
  done
  sleep 0.05
done
grep -qs "admin page on" "$logs/www" && grep -qs "listening on" "$logs/sim" && grep -qs "Ready on" "$logs/worker" || { echo "demo: the servers did not start within 20 s" >&2; cat "$logs/worker" >&2; exit 1; }

echo
echo "waihu admin page against the vendor simulator (http://$HOST:$SIM_PORT), callbacks to the Worker (http://$HOST:$WORKER_PORT/hooks/:vendor); Ctrl-C stops all"
echo "open http://$HOST:$WWW_PORT/"

# Run until Ctrl-C, or until either server exits.
wait -n "${pids[@]}" || true
echo "demo: a server stopped; shutting down" >&2
exit 1
