// Miniflare running a Worker script with the built package registered as "waihu" (as
// worker.test.mjs does) and a SQLite Durable Object `CLAIMS` of class WebhookClaims; the
// runtime's stdout and stderr go to `out`.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../pkg");

export function webhookWorker(script, out) {
  const pkgJson = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const entry = resolve(pkgDir, pkgJson.exports["."].workerd);
  const dist = dirname(entry);
  const mod = (name, type, contents) => ({ type, path: join(dist, name), contents: contents ?? readFileSync(join(dist, name)) });
  return new Miniflare({
    modules: [
      mod("worker.mjs", "ESModule", script),
      mod("waihu", "ESModule", readFileSync(entry, "utf8")),
      ...readdirSync(dist).filter((f) => f.endsWith(".js") && !["workerd.js", "node.js", "browser.js"].includes(f)).map((f) => mod(f, "ESModule", readFileSync(join(dist, f), "utf8"))),
      mod("waihu_bg.wasm", "CompiledWasm"),
    ],
    modulesRoot: dist,
    compatibilityDate: "2025-06-01",
    host: "127.0.0.1",
    port: 0,
    cf: false,
    durableObjects: { CLAIMS: { className: "WebhookClaims", useSQLite: true } },
    handleRuntimeStdio(stdout, stderr) {
      stdout.on("data", (c) => out.push(String(c)));
      stderr.on("data", (c) => out.push(String(c)));
    },
  });
}

