// The release .wasm's compiler: a pinned nightly that rebuilds std with panics as plain traps
// (`-Cpanic=immediate-abort`, `-Zbuild-std`). No input reaches a panic (tests/no_panic.rs), so
// the panic messages, their locations and the formatting code behind them are dead weight:
// ~7.9 KB of the gzipped .wasm (bench/NOTES.md). No code outside tests formats with Debug, so
// `-Zfmt-debug=none` and `-Zlocation-detail=none` drop what is left of it (~0.5 KB), and std's
// `optimize_for_size` feature picks its smaller algorithms (~0.8 KB). Native builds and tests
// use stable Rust.
// tests/setup.sh installs this toolchain (with rust-src, which -Zbuild-std compiles). The
// wasm-opt flags of that .wasm are here too, for every build of it (build.mjs, bench/).
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export const NIGHTLY = "nightly-2026-05-20";

/** The features rustc enables for wasm32 by default; wasm-opt must accept them. */
export const WASM_FEATURES = [
  "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
];

/** wasm-opt's passes for the release .wasm (before the input and `-o` output). */
export const WASM_OPT_RELEASE = [
  "-Oz", "--strip-debug", "--strip-producers",
  // Flatten and re-loop the control flow, then -Oz again: wasm-opt finds more to fold in the
  // rebuilt structure (~200 bytes gzipped).
  "--flatten", "--rereloop", "-Oz",
  // Repeat the passes until the size stops shrinking (~120 bytes gzipped, ~3 s).
  "--converge",
  // Lets wasm-opt fold constant offsets into loads and stores (~400 bytes gzipped). Sound for
  // rustc's output: addresses below 1 KiB are never used (the bottom of the 1 MiB stack,
  // reached only by a stack about to overflow).
  "--low-memory-unused",
  ...WASM_FEATURES,
];

/** Builds the cdylib for wasm32 into `targetDir` and returns the .wasm's path. */
export function buildWasm(root, { targetDir = join(root, "target/pkg"), features = [], stdio = "inherit" } = {}) {
  const args = [`+${NIGHTLY}`, "build", "--release", "--lib", "--target", "wasm32-unknown-unknown", "--target-dir", targetDir, "-Zbuild-std=std,panic_abort", "-Zbuild-std-features=optimize_for_size"];
  // Given as config, these flags join .cargo/config.toml's (its inline threshold); RUSTFLAGS
  // would replace them, so a RUSTFLAGS of the caller's is left out of this build.
  const flags = ["-Zunstable-options", "-Cpanic=immediate-abort", "-Zfmt-debug=none", "-Zlocation-detail=none"];
  args.push("--config", `target.wasm32-unknown-unknown.rustflags=${JSON.stringify(flags)}`);
  if (features.length) args.push("--features", features.join(","));
  const { RUSTFLAGS, CARGO_ENCODED_RUSTFLAGS, ...env } = process.env;
  execFileSync("cargo", args, { cwd: root, stdio, env });
  return join(targetDir, "wasm32-unknown-unknown/release/waihu.wasm");
}
