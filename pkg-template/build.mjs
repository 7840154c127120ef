// Builds the npm package into pkg/: cargo (release: opt-level z, LTO, 1 CGU; panics as traps,
// see toolchain.mjs) →
// wasm-bindgen (--target web) → wasm-opt -Oz → the hand-written entry files and package.json
// from pkg-template/, with the error classes and VENDORS generated from the core (codegen.mjs).
// Prints the gzipped sizes. Run from anywhere: `npm run build`.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./codegen.mjs";
import { buildWasm, WASM_OPT_RELEASE } from "./toolchain.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const dist = join(pkg, "dist");
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });

const built = buildWasm(root);
rmSync(pkg, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
run("wasm-bindgen", ["--target", "web", "--out-dir", dist, "--out-name", "waihu", built]);
const wasm = join(dist, "waihu_bg.wasm");
run(join(root, "node_modules/.bin/wasm-opt"), [...WASM_OPT_RELEASE, wasm, "-o", wasm]);

const { vendors } = generate(dist);

for (const f of readdirSync(join(root, "pkg-template"))) {
  if (["build.mjs", "codegen.mjs", "toolchain.mjs", "package.json"].includes(f)) continue;
  cpSync(join(root, "pkg-template", f), join(f.startsWith("README") ? pkg : dist, f));
}
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, "Cargo.toml"), "utf8"))[1];
const manifest = JSON.parse(readFileSync(join(root, "pkg-template/package.json"), "utf8"));
manifest.version = version;
manifest.keywords = [...manifest.keywords, ...vendors];
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
cpSync(join(root, "LICENSE"), join(pkg, "LICENSE"));

const size = (f) => {
  const bytes = readFileSync(join(dist, f));
  return `${f}: ${(bytes.length / 1024).toFixed(1)} KiB, gzipped ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KiB`;
};
console.log(`waihu ${version} built in pkg/`);
for (const f of ["waihu_bg.wasm", "waihu.js", "api.js"]) console.log("  " + size(f));
