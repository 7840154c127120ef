// The built package in a real browser through a real bundler: Vite builds a tiny app
// (index.html + main.js importing "waihu"), a node:http static server on 127.0.0.1 serves the
// output (.wasm as application/wasm), and headless Chromium (playwright-core) runs it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css",
};

test("waihu in a Vite app, in headless Chromium", { timeout: 120_000 }, async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), "waihu-vite-"));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));

  // Vite's own default resolve conditions for a client build (as a user's app gets them);
  // a probe plugin records what the bare "waihu" import resolves to.
  let resolved;
  const probe = {
    name: "probe-waihu",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (source !== "waihu") return null;
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      resolved = r?.id;
      return r;
    },
  };
  await build({
    root: here,
    configFile: false,
    logLevel: "warn",
    plugins: [probe],
    build: { outDir, emptyOutDir: true, target: "es2022" },
  });
  const pkgJson = JSON.parse(readFileSync(join(repo, "pkg/package.json"), "utf8"));
  assert.equal(pkgJson.exports["."].browser, "./dist/browser.js");
  assert.equal(resolved, join(repo, "pkg/dist/browser.js"), "waihu resolves through the `browser` condition");
  const assets = readdirSync(join(outDir, "assets"));
  const wasm = assets.find((f) => f.endsWith(".wasm"));
  assert.ok(wasm, `the .wasm is emitted: ${assets}`);
  // browser.js's top-level `await init({ module_or_path: new URL(…wasm, import.meta.url) })`
  // survived bundling, pointing at the emitted asset.
  const bundle = assets.filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(outDir, "assets", f), "utf8")).join("\n");
  assert.ok(bundle.includes(`module_or_path:new URL("/assets/${wasm}",import.meta.url)`), "browser entry bundled");

  const server = createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(outDir, p === "/" ? "index.html" : p));
    if (!file.startsWith(outDir)) return res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  t.after(() => new Promise((r) => { server.closeAllConnections(); server.close(r); }));
  const url = `http://127.0.0.1:${server.address().port}/`;

  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    timeout: 30_000,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
  });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  await page.goto(url, { timeout: 30_000 });
  await page.waitForFunction(() => document.title === "done", null, { timeout: 30_000 });

  const out = JSON.parse(await page.textContent("#out"));
  mkdirSync(join(repo, "test-output"), { recursive: true });
  await page.screenshot({ path: join(repo, "test-output", "vite.png"), fullPage: true });

  assert.deepEqual(errors, []);
  assert.equal(out.error, undefined, out.error);
  assert.deepEqual(out.issues.map((i) => [i.path.join("."), i.code, i.severity]), [
    ["robotCallJob.dailyStartTime", "outside_allowed_hours", "error"],
    ["robotCallJob.dailyEndTime", "outside_allowed_hours", "warning"],
  ]);
  for (const i of out.issues) assert.equal(i.message, "不在厂商文档规定的拨打时段 09:00-20:00 内");
  // The package's error classes in Chromium: instanceof and the guards agree.
  assert.deepEqual(out.classes, { instanceOfValidationError: true, instanceOfWaihuError: true, instanceOfError: true, guard: true, name: "ValidationError", code: "validation_failed" });
});
