#!/usr/bin/env bash
# The one test command (README "Quick start"; .ci/run calls it). It installs what the tests
# need, idempotently — Chromium, the wasm target, wasm-bindgen-cli at the version in Cargo.lock,
# the npm dev tools — builds the npm package, runs every suite, and ends with the total.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/setup.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT

suites() {
  echo "== native core tests (cargo test, incl. the 100k-case no-panic property test)"
  cargo test --release 2>&1

  echo "== wasm-bindgen-test: the boundary and the core inside wasm, in Node and headless Chromium"
  bash tests/wasm-bindgen.sh

  echo "== build the npm package (pkg/)"
  npm run --silent build

  echo "== Node, workerd (miniflare; imports through Cloudflare Queues), a Vite page and the www admin page (through the demo command) in headless Chromium; the vendor simulator's own tests"
  node --test tests/pkg/ tests/import/ tests/queue/ tests/simulator/ tests/workerd/ tests/vite/ tests/e2e/

  echo "== TypeScript consumers (tsc --strict), publint, attw"
  bash tests/types/check.sh
}
suites 2>&1 | tee "$log"

# Every suite above stops the script when it fails, so reaching here means none failed. The
# total counts cargo's and wasm-bindgen-test's "test result" lines and node's "# pass" line.
passed=$(awk '/^test result: ok\./ { n += $4 } /^# pass / { n += $3 } END { print n + 0 }' "$log")
echo "all suites passed"
echo "${passed} passed, 0 failed"
