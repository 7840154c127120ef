// The built package inside real workerd (through miniflare), bundle-free: the Worker script
// imports the bare specifier "waihu", which we resolve the way a bundler/wrangler would — via
// pkg/package.json's `exports["."].workerd` condition — and the .wasm it imports is loaded as
// a CompiledWasm module. The Worker validates a form and makes a signed Tanyi call to a
// node:http server on 127.0.0.1; we check what the server received and what the Worker returned.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { packageModules } from "./modules.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = resolve(here, "../../pkg");

test("waihu in workerd: validate + signed Tanyi startTask", { timeout: 60_000 }, async () => {
  // What users get: the `workerd` condition of the package's exports map.
  const pkgJson = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  assert.equal(pkgJson.exports["."].workerd, "./dist/workerd.js");
  assert.equal(pkgJson.exports["."].worker, "./dist/workerd.js");
  const entry = resolve(pkgDir, pkgJson.exports["."].workerd);
  const dist = dirname(entry);
  const entrySrc = readFileSync(entry, "utf8");
  assert.match(entrySrc, /import module from "\.\/waihu_bg\.wasm"/);

  // The vendor stand-in.
  const received = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: 200, data: null, requestId: "R", resultMsg: "ok" }));
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const baseUrl = `http://127.0.0.1:${server.address().port}/tanyi`;

  // The entry is registered under the bare name "waihu" (tests/workerd/modules.mjs).
  const mf = new Miniflare({
    modules: packageModules({ "worker.mjs": readFileSync(join(here, "worker.mjs"), "utf8") }),
    modulesRoot: dist,
    compatibilityDate: "2025-01-01",
    bindings: { TANYI_BASE_URL: baseUrl },
  });
  try {
    const before = Date.now();
    const res = await mf.dispatchFetch("http://localhost/");
    const after = Date.now();
    assert.equal(res.status, 200);
    const out = await res.json();

    // What the Worker returned.
    assert.equal(out.error, undefined, JSON.stringify(out.error));
    assert.equal(out.data, null);
    assert.deepEqual(out.issues.map((i) => [i.path.join("."), i.code, i.severity]), [
      ["robotCallJob.dailyStartTime", "outside_allowed_hours", "error"],
      ["robotCallJob.dailyEndTime", "outside_allowed_hours", "warning"],
    ]);
    assert.equal(out.issues[0].message, "不在厂商文档规定的拨打时段 09:00-20:00 内");
    assert.deepEqual(out.classes, { validation: true, name: "ValidationError", unsupported: true });

    // What the vendor received.
    assert.equal(received.length, 1);
    const [req] = received;
    assert.equal(req.method, "POST");
    assert.equal(req.url, "/tanyi/apiOpen/v1/job/start");
    assert.deepEqual(JSON.parse(req.body), { robotCallJobId: 1 });
    assert.equal(req.headers.appkey, "demoAppKey");
    assert.equal(req.headers.tenantsign, "demoTenant");
    assert.equal(req.headers.version, "v1");
    assert.equal(req.headers.appsecret, undefined, "the secret is never sent");
    const ts = req.headers.timestamp;
    assert.match(ts, /^\d{13}$/);
    assert.ok(Number(ts) >= before - 1000 && Number(ts) <= after + 1000, `timestamp ${ts} is now`);
    const sig = createHash("sha256").update(`demoTenantappKey=demoAppKey&appSecret=demoAppSecret&tenantSign=demoTenant&version=v1&timestamp=${ts}`).digest("hex");
    assert.equal(req.headers.signature, sig);
  } finally {
    await mf.dispose();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
