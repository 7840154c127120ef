#!/usr/bin/env bash
# The built package's types and packaging, as a TypeScript user meets them. Needs the package
# built in pkg/ (npm run build) and node_modules/waihu -> pkg/ (tests/setup.sh).
#
# 1. consumer.ts and mistakes.ts compile under tests/types/tsconfig.json (strict, nodenext,
#    skipLibCheck off, so the package's own .d.ts files are checked too); the same under
#    moduleResolution "bundler". mistakes.ts passes only if every `@ts-expect-error` line is
#    an error.
# 2. mistakes.ts without its markers: every formerly marked line must report one of the codes
#    its marker lists (so no marker passes by catching an unrelated error), and there must be
#    at least as many errors as markers.
# 3. No `any` in the package's declarations, except in wasm-bindgen's `InitOutput` (the raw
#    wasm ABI, which index.d.ts does not use).
# 4. publint and attw on the packed package.
set -euo pipefail
cd "$(dirname "$0")/../.."
TSC=node_modules/.bin/tsc

echo "-- tsc: consumer.ts, mistakes.ts (nodenext)"
"$TSC" -p tests/types/tsconfig.json

tmp=$(mktemp -d tests/types/.tmp.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

echo "-- tsc: consumer.ts, mistakes.ts (bundler)"
cat >"$tmp/tsconfig.json" <<'EOF'
{
  "extends": "../tsconfig.json",
  "compilerOptions": { "module": "preserve", "moduleResolution": "bundler" },
  "files": ["../consumer.ts", "../mistakes.ts"]
}
EOF
"$TSC" -p "$tmp/tsconfig.json"

echo "-- tsc: mistakes.ts without its @ts-expect-error markers must fail on every marked line"
node --input-type=commonjs - "$tmp" <<'EOF'
const { readFileSync, writeFileSync } = require("node:fs");
const { spawnSync } = require("node:child_process");
const tmp = process.argv[2];
const marker = /^\s*\/\/ @ts-expect-error\b(.*)$/;
const expected = []; // { line (1-based, in the stripped file), codes, why }
const kept = [];
for (const line of readFileSync("tests/types/mistakes.ts", "utf8").split("\n")) {
  const m = marker.exec(line);
  if (m) {
    expected.push({ line: kept.length + 1, codes: m[1].match(/TS\d+/g) ?? [], why: m[1].trim() });
  } else {
    kept.push(line);
  }
}
if (expected.length === 0) throw new Error("mistakes.ts has no @ts-expect-error markers");
writeFileSync(`${tmp}/mistakes.ts`, kept.join("\n"));
writeFileSync(`${tmp}/tsconfig.strip.json`, JSON.stringify({ extends: "../tsconfig.json", files: ["./mistakes.ts"] }));
const r = spawnSync("node_modules/.bin/tsc", ["-p", `${tmp}/tsconfig.strip.json`, "--pretty", "false"], { encoding: "utf8" });
const out = r.stdout + r.stderr;
const errors = [...out.matchAll(/^(.*?)\((\d+),\d+\): error (TS\d+)/gm)].map((m) => ({ file: m[1], line: Number(m[2]), code: m[3] }));
const bad = [];
const elsewhere = errors.filter((e) => !e.file.endsWith("mistakes.ts"));
if (elsewhere.length) bad.push(`errors outside mistakes.ts:\n${out}`);
for (const x of expected) {
  const at = errors.filter((e) => e.line === x.line).map((e) => e.code);
  if (at.length === 0) bad.push(`line ${x.line} (${x.why}): no error without its marker`);
  else if (x.codes.length && !at.some((c) => x.codes.includes(c))) bad.push(`line ${x.line} (${x.why}): got ${at.join(", ")}, expected ${x.codes.join(" or ")}`);
}
if (r.status === 0) bad.push("tsc passed");
if (errors.length < expected.length) bad.push(`${errors.length} errors for ${expected.length} markers`);
if (bad.length) {
  console.error(bad.join("\n"));
  process.exit(1);
}
console.log(`   ${expected.length} markers, ${errors.length} errors, each on its marked line with the expected code`);
EOF

echo "-- no 'any' in the package's declarations"
node --input-type=commonjs - <<'EOF'
const { readFileSync } = require("node:fs");
let bad = 0;
for (const file of ["pkg/dist/index.d.ts", "pkg/dist/waihu.d.ts"]) {
  const text = readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "))
    .replace(/\/\/.*$/gm, "")
    // wasm-bindgen's raw ABI (the instance's exports), not part of waihu's API.
    .replace(/export interface InitOutput \{[\s\S]*?\n\}/, (c) => c.replace(/[^\n]/g, " "));
  text.split("\n").forEach((line, i) => {
    if (/\bany\b/.test(line)) {
      console.error(`${file}:${i + 1}: ${line.trim()}`);
      bad++;
    }
  });
}
if (bad) process.exit(1);
EOF

echo "-- publint"
node_modules/.bin/publint --strict pkg

# The package is ESM-only ("type": "module"; the browser entry awaits the wasm at top level),
# so the esm-only profile: resolution for node16-from-ESM and bundlers must be right, while
# node10 and require() from CommonJS are out of scope. "./waihu_bg.wasm" is a raw asset export
# (for hosts that load the module themselves), not a JS module: it has no types to check, and
# declaring some would override the host's own `*.wasm` module declarations (e.g. Workers').
echo "-- attw (profile esm-only)"
node_modules/.bin/attw --pack pkg --profile esm-only --exclude-entrypoints ./waihu_bg.wasm --format ascii

echo "types, publint and attw: ok"
