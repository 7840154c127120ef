// The built package as miniflare `modules`, flat, as a bundler resolves `import … from "waihu"`
// for a Worker (the package's `workerd` condition): what the workerd tests, the queue harness
// and the benchmarks run their Workers with. Module names are paths relative to `modulesRoot`
// (= `dist`), so the entry's relative imports (`./waihu.js`, `./waihu_bg.wasm`) resolve to the
// sibling files, as they do on disk.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../pkg");
export const dist = join(pkgDir, "dist");

/** The Worker's own modules (`files`: name → ES module source), then the package's. */
export function packageModules(files) {
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const mod = (name, type, path) => ({ type, path: join(dist, name), contents: type === "CompiledWasm" ? readFileSync(path) : readFileSync(path, "utf8") });
  return [
    ...Object.entries(files).map(([name, contents]) => ({ type: "ESModule", path: join(dist, name), contents })),
    mod("waihu", "ESModule", resolve(pkgDir, pkg.exports["."].workerd)),
    ...readdirSync(dist).filter((f) => f.endsWith(".js") && !["workerd.js", "node.js", "browser.js"].includes(f)).map((f) => mod(f, "ESModule", join(dist, f))),
    mod("waihu_bg.wasm", "CompiledWasm", join(dist, "waihu_bg.wasm")),
  ];
}
