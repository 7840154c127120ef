// Size of the built package: gzip and brotli of the .wasm and the JS glue, and the largest
// contributors to the .wasm (code bytes per function, and per crate), read from the module's
// name section. Build first (`npm run build`); pass a .wasm path to analyse another build.
//   node bench/size.mjs [path/to/waihu_bg.wasm]
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../pkg/dist/", import.meta.url));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
/** `gzip -9 -c f | wc -c`: the budget's own measure (Node's zlib at level 9 writes ~250 bytes more). */
export const gzipBytes = (f) => Number(execFileSync("sh", ["-c", 'gzip -9 -c "$1" | wc -c', "sh", f]).toString().trim());
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

export function sizes() {
  return ["waihu_bg.wasm", "waihu.js", "api.js"].map((f) => {
    const b = readFileSync(dist + f);
    return { file: f, raw: b.length, gzip: gzipBytes(dist + f), brotli: br(b) };
  });
}

/** Code size per function: parses the code section and the name section. */
export function contributors(wasm) {
  let p = 8;
  const u32 = () => { let r = 0, s = 0, b; do { b = wasm[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
  let imported = 0, bodies = [], names = new Map();
  while (p < wasm.length) {
    const id = wasm[p++], len = u32(), end = p + len;
    if (id === 2) { // imports: functions count first in the index space
      for (let n = u32(); n > 0; n--) {
        // `p += u32()` would read p before u32() advances it past the length byte(s).
        for (let k = 0; k < 2; k++) { const len = u32(); p += len; } // module, field
        const kind = wasm[p++];
        if (kind === 0) { u32(); imported++; } else if (kind === 1) { p++; const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 3) { p += 2; }
        else { p++; u32(); }
      }
    } else if (id === 10) {
      for (let n = u32(), i = 0; i < n; i++) { const size = u32(); bodies.push(size); p += size; }
    } else if (id === 0) {
      const nameLen = u32(), name = new TextDecoder().decode(wasm.subarray(p, p + nameLen)); p += nameLen;
      if (name === "name") {
        while (p < end) {
          const sub = wasm[p++], subLen = u32(), subEnd = p + subLen;
          if (sub === 1) for (let n = u32(); n > 0; n--) { const idx = u32(), l = u32(); names.set(idx, new TextDecoder().decode(wasm.subarray(p, p + l))); p += l; }
          p = subEnd;
        }
      }
    }
    p = end;
  }
  return bodies.map((size, i) => ({ size, name: names.get(i + imported) ?? `func[${i + imported}]` }));
}

/** The crate a Rust symbol (legacy `_ZN…`, v0 `_R…`, or demangled) belongs to. */
export function crateOf(name) {
  let m = /^_ZN(\d+)/.exec(name);
  if (m) {
    const seg = name.slice(m[0].length, m[0].length + Number(m[1]));
    // `<alloc::vec::Vec<T> as …>` and `<T as serde::Serialize>`: the first crate path inside.
    const inner = /^_?\$LT\$(?:\$RF\$)?([a-z_][a-z0-9_]*)\.\./.exec(seg) ?? /\$u20\$as\$u20\$(?:\$RF\$)?([a-z_][a-z0-9_]*)\.\./.exec(seg);
    return inner ? inner[1] : seg;
  }
  m = /C[sm][A-Za-z0-9]*_(\d+)([A-Za-z_][A-Za-z0-9_]*)/.exec(name);
  if (m) return m[2].slice(0, Number(m[1]));
  if (name.startsWith("__wbg") || name.startsWith("__wbindgen")) return "wasm_bindgen glue";
  // wasm-bindgen's wrapper of an export, into which wasm-opt inlines the export's body.
  if (name.endsWith(" shim")) return "exports (the core inlined)";
  if (/^<(str|\[|&?mut |&)/.test(name) && !/ as /.test(name)) return "core";
  // Demangled (wasm-bindgen --keep-debug): `crate::path`, `<crate::Type as …>`, `<T as crate::Trait>`.
  m = /^<?&?(?:mut )?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name) ?? / as ([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name);
  return m ? m[1] : "(unattributed)";
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log("| file | raw | gzip | brotli |\n|---|---|---|---|");
  for (const s of sizes()) console.log(`| ${s.file} | ${kib(s.raw)} | ${kib(s.gzip)} | ${kib(s.brotli)} |`);
  const wasm = readFileSync(process.argv[2] ?? dist + "waihu_bg.wasm");
  const fns = contributors(wasm);
  const total = fns.reduce((a, f) => a + f.size, 0);
  const named = fns.filter((f) => !f.name.startsWith("func[")).length;
  console.log(`\ncode: ${kib(total)} in ${fns.length} functions (${named} named)`);
  if (named === 0) console.log("(no name section: build with names kept to attribute code; see bench/README.md)");
  const byCrate = new Map();
  for (const f of fns) byCrate.set(crateOf(f.name), (byCrate.get(crateOf(f.name)) ?? 0) + f.size);
  console.log("\n| crate | code | share |\n|---|---|---|");
  for (const [c, n] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`| ${c} | ${kib(n)} | ${((n / total) * 100).toFixed(1)}% |`);
  console.log("\n| function | code |\n|---|---|");
  for (const f of [...fns].sort((a, b) => b.size - a.size).slice(0, 20)) console.log(`| ${f.name.slice(0, 100)} | ${kib(f.size)} |`);
}
