#!/usr/bin/env bash
# Installs what building and testing need; safe to run again (each step checks first).
# Sourced by tests/run-all.sh and the demo command.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Headless Chromium and its driver for the browser suites, and a CJK font so that screenshots
# of the Chinese messages are readable (Debian packages; needs root).
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver || ! -d /usr/share/fonts/truetype/wqy ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-zenhei >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# The release .wasm's pinned nightly with rust-src (pkg-template/toolchain.mjs says why).
nightly=$(sed -n 's/^export const NIGHTLY = "\(.*\)";$/\1/p' pkg-template/toolchain.mjs)
if ! rustup "+$nightly" component list --installed 2>/dev/null | grep -q '^rust-src'; then
  rustup toolchain install "$nightly" --profile minimal --component rust-src
fi

# wasm-bindgen-cli must match the wasm-bindgen crate exactly.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ "$have" != "$want" ]]; then
  echo "installing wasm-bindgen-cli $want (found: ${have:-none}); this takes a few minutes"
  cargo install wasm-bindgen-cli --version "$want"
fi

# npm dev tools (wasm-opt from binaryen, tsc, publint, attw, miniflare, wrangler, vite,
# playwright-core), exactly as package-lock.json lists them (it holds every platform's optional
# packages, so `npm ci` works on a fresh clone).
if [[ ! -f node_modules/.package-lock.json ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
# Tests import the built package by name, as a user would: node_modules/waihu → pkg/.
ln -sfn ../pkg node_modules/waihu
