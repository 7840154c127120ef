#!/usr/bin/env bash
# The demo command: the www/ admin page, through the demo's Worker (www/worker/, waihu's edge
# proxy in local workerd via `wrangler dev`), against the bundled vendor simulator.
#
#   bash www/demo.sh        # then open the printed URL; Ctrl-C stops everything
#
# Sets up what it needs (tests/setup.sh, idempotent), builds the package when pkg/ is missing
# or older than its sources, writes www/worker/.dev.vars (the Worker's secrets: the simulator's
# demo credentials and the demo user's token), starts the simulator, the Worker and the page
# server, and prints the URL. The page holds only the demo user's token; the vendors' secrets
# stay in the Worker. The Worker also receives the simulator's callbacks at /hooks/:vendor and
# serves the page's live feed of completed calls (/feed, with a token made for this run). Env: SIM_PORT (8787), WORKER_PORT (8788), WWW_PORT (8080), DEMO_HOST
# (127.0.0.1).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tests/setup.sh

HOST=${DEMO_HOST:-127.0.0.1}
SIM_PORT=${SIM_PORT:-8787}
WORKER_PORT=${WORKER_PORT:-8788}
WWW_PORT=${WWW_PORT:-8080}
# The demo user's bearer token for the proxy (the only credential the page holds).
TOKEN=waihu-demo-user-token
# The feed's token, for this run only.
FEED_TOKEN=$(node -e 'console.log(require("node:crypto").randomBytes(16).toString("hex"))')

# Build when pkg/ is missing or any source is newer than the built wasm.
wasm=pkg/dist/waihu_bg.wasm
if [[ ! -f $wasm || ! -f pkg/dist/browser.js ]] ||
   [[ -n "$(find src pkg-template Cargo.toml Cargo.lock -newer "$wasm" -print -quit)" ]]; then
  echo "== building the package (pkg/)"
  npm run --silent build
fi

# The Worker's secrets (the same every run; written whole, then moved into place).
vars=$(mktemp www/worker/.dev.vars.XXXXXX)
TOKEN=$TOKEN node --input-type=module -e '
  import { DEMO_CREDENTIALS as c } from "./tests/simulator/index.mjs";
  const lines = [
    "# Written by www/demo.sh: the simulator'"'"'s demo credentials (tests/simulator/README.md).",
    `PROXY_TOKENS={"demo":"${process.env.TOKEN}"}`,
    `TANYI_APP_KEY=${c.tanyi.appKey}`, `TANYI_APP_SECRET=${c.tanyi.appSecret}`, `TANYI_TENANT_SIGN=${c.tanyi.tenantSign}`,
    `BYROBOT_APP_KEY=${c.byrobot.appKey}`, `BYROBOT_APP_SECRET=${c.byrobot.appSecret}`,
    `ITNIOTECH_API_KEY=${c.itniotech.apiKey}`, `ITNIOTECH_API_SECRET=${c.itniotech.apiSecret}`, `ITNIOTECH_APP_ID=${c.itniotech.appId}`,
    `ZXYCALL_TOKEN=${c.zxycall.token}`,
  ];
  process.stdout.write(lines.join("\n") + "\n");
' > "$vars"
mv -f "$vars" www/worker/.dev.vars

pids=()
logs=$(mktemp -d)
cleanup() {
  trap - INT TERM EXIT
  # The Worker first (wrangler stops workerd on SIGINT or SIGTERM; after SIGINT alone its
  # esbuild helper prints a Go stack as it goes), then the others.
  if [[ -n ${worker_pid:-} ]]; then
    kill -TERM "$worker_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$worker_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$worker_pid" 2>/dev/null || true
  fi
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
sim="http://$HOST:$SIM_PORT"
# wrangler dev, offline: no telemetry, no update check, no request.cf fetch. The base URLs and
# the page's origin are plain vars (not secrets).
(cd www/worker && exec env WRANGLER_SEND_METRICS=false WRANGLER_HIDE_BANNER=true CLOUDFLARE_CF_FETCH_ENABLED=false NO_COLOR=1 \
  node ../../node_modules/wrangler/bin/wrangler.js dev --ip "$HOST" --port "$WORKER_PORT" \
    --inspector-port 0 --persist-to "$logs/worker-state" --var "ADMIN_TOKEN:$FEED_TOKEN" \
    --var "ALLOWED_ORIGINS:http://$HOST:$WWW_PORT" \
    --var "TANYI_BASE_URL:$sim/tanyi" --var "BYROBOT_BASE_URL:$sim/byrobot" \
    --var "ITNIOTECH_BASE_URL:$sim/itniotech" --var "ZXYCALL_BASE_URL:$sim/zxycall") < /dev/null > >(tee "$logs/worker") 2>&1 &
worker_pid=$!
pids+=($worker_pid)
node www/serve.mjs --host "$HOST" --port "$WWW_PORT" --proxy-url "http://$HOST:$WORKER_PORT/api" --token "$TOKEN" --feed-url "http://$HOST:$WORKER_PORT/feed" --feed-token "$FEED_TOKEN" > >(tee "$logs/www") 2>&1 &
pids+=($!)

# Wait (bounded: wrangler bundles first) until all three say they are listening; stop if one
# exits first.
ready() { grep -qs "listening on" "$logs/sim" && grep -qs "Ready on" "$logs/worker" && grep -qs "admin page on" "$logs/www"; }
for _ in $(seq 1 1200); do
  if ready; then break; fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "demo: a server failed to start (port in use? SIM_PORT=$SIM_PORT WORKER_PORT=$WORKER_PORT WWW_PORT=$WWW_PORT)" >&2; exit 1; }
  done
  sleep 0.05
done
ready || { echo "demo: the servers did not start within 60 s" >&2; exit 1; }

echo
echo "waihu admin page, through the demo Worker (http://$HOST:$WORKER_PORT/api) to the vendor simulator ($sim); Ctrl-C stops all three"
echo "open http://$HOST:$WWW_PORT/"

# Run until Ctrl-C, or until a server exits.
wait -n "${pids[@]}" || true
echo "demo: a server stopped; shutting down" >&2
exit 1
