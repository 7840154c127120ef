#!/usr/bin/env bash
# Sets up what the tests need (idempotent) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== native core tests (cargo test)"
cargo test --release -- --include-ignored
