#!/usr/bin/env bash
# The wasm tests under wasm-bindgen-test-runner: the boundary's unit tests (src/js/tests.rs) and
# the core compiled to wasm32 (tests/wasm.rs), first in Node, then in headless Chromium.
#
# Browser selection: the tests carry no `wasm_bindgen_test_configure!`, so the runner picks
# the mode at run time: Node by default, a browser when WASM_BINDGEN_USE_BROWSER is set
# (wasm-bindgen-cli 0.2.130, src/wasm_bindgen_test_runner.rs). The WebDriver is the first of
# $CHROMEDRIVER (else chromedriver on PATH); Chrome's flags come from the capabilities file named
# by WASM_BINDGEN_TEST_WEBDRIVER_JSON (default ./webdriver.json), to which the runner itself
# appends "headless", "disable-dev-shm-usage" and "no-sandbox".
#
# Needs: the wasm32-unknown-unknown target, wasm-bindgen-test-runner matching the crate's
# wasm-bindgen (Cargo.lock), node >= 18 (fetch), chromium + chromedriver for the browser run.
# SKIP_BROWSER=1 runs Node only.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
want=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"/\1/p}' Cargo.lock)
have=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}') || true
if [[ -z "$have" ]]; then
  echo "wasm-bindgen-test-runner not found: cargo install wasm-bindgen-cli --version $want" >&2
  exit 1
fi
if [[ -n "$want" && "$have" != "$want" ]]; then
  echo "wasm-bindgen-test-runner is $have but Cargo.lock has wasm-bindgen $want" >&2
  exit 1
fi

# Only the wasm tests: the other files in tests/ are native (they run python3, etc.).
cargo_test() {
  cargo test --target wasm32-unknown-unknown --no-fail-fast --lib --test wasm "$@"
}

log=$(mktemp)
caps=$(mktemp --suffix=.json)
trap 'rm -f "$log" "$caps"' EXIT

failed=()
# Runs one suite; prints the runner's summary lines; a suite fails when cargo does or no test
# passed. Both suites run; the script exits non-zero at the end if either failed.
run() {
  local label=$1 kv
  shift
  echo "== wasm tests in $label"
  local start=$SECONDS status=0
  # In a subshell: the suite's variables (VAR=value arguments) only, over an environment
  # without a mode of its own.
  (
    unset WASM_BINDGEN_USE_BROWSER
    for kv in "$@"; do export "${kv?}"; done
    cargo_test
  ) >"$log" 2>&1 || status=$?
  grep -E '^(test result:|running [0-9]+ tests|     Running |Running headless tests in )|FAILED|panicked' "$log" || true
  if [[ $status -ne 0 ]] || ! grep -q '^test result: ok' "$log"; then
    echo "-- $label FAILED (exit $status); full output:" >&2
    cat "$log" >&2
    failed+=("$label")
    return 0
  fi
  echo "-- $label passed in $((SECONDS - start))s"
}

# Build once (not timed in the runs below).
if ! out=$(cargo_test --no-run 2>&1); then
  echo "$out" >&2
  exit 1
fi
echo "$out" | tail -1

run "Node $(node --version)"

if [[ "${SKIP_BROWSER:-}" == 1 ]]; then
  echo "SKIP_BROWSER=1: the Chromium run is skipped"
  [[ ${#failed[@]} -eq 0 ]] || { echo "FAILED: ${failed[*]}" >&2; exit 1; }
  exit 0
fi

cat >"$caps" <<'JSON'
{"goog:chromeOptions": {"args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]}}
JSON
driver=${CHROMEDRIVER:-$(command -v chromedriver || true)}
if [[ -z "$driver" ]]; then
  echo "chromedriver not found (set CHROMEDRIVER or SKIP_BROWSER=1)" >&2
  exit 1
fi
run "headless Chromium ($("$driver" --version | awk '{print $1, $2}'))" \
  WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="$driver" WASM_BINDGEN_TEST_WEBDRIVER_JSON="$caps"

if [[ ${#failed[@]} -ne 0 ]]; then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "wasm tests passed in Node and headless Chromium"
