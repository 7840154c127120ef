#!/usr/bin/env bash
# The one test command (README "Quick start"; .ci/run calls it). It installs what the tests
# need, idempotently — the wasm target, wasm-bindgen-cli at the version in Cargo.lock, the npm
# dev tools — builds the npm package, and runs every suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/setup.sh

echo "== native core tests (cargo test, incl. the 100k-case no-panic property test)"
cargo test --release

echo "== wasm-bindgen-test: the boundary and the core inside wasm, in Node and headless Chromium"
bash tests/wasm-bindgen.sh

echo "== build the npm package (pkg/)"
npm run --silent build

echo "== Node, workerd (miniflare), a Vite page and the www admin page (through the demo command) in headless Chromium; the vendor simulator's own tests"
node --test tests/pkg/ tests/import/ tests/simulator/ tests/workerd/ tests/vite/ tests/e2e/

if [[ -x tests/types/check.sh ]]; then
  echo "== TypeScript consumers (tsc --strict), publint, attw"
  bash tests/types/check.sh
fi
echo "all suites passed"
