// waihu's edge proxy inside real workerd (miniflare), with the vendor simulator behind it.
// 1. The demo's own Worker (www/worker/: index.js routes /api to api.js), with the simulator's
//    demo credentials as its secrets: a Node Client in proxy mode works through it for all four
//    vendors (list, create, import, start); each refusal (no or a wrong token, an operation not
//    allowed, a body over the limit, another origin, over the rate limit) has its status and
//    never reaches the simulator; no answer and no line the Worker logged holds a secret.
// 2. One table of error cases, each run against a direct client and through a proxy (a test
//    Worker configured like the direct client): the same classes, codes, fields and messages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import * as waihu from "waihu";
import { startSimulator, DEMO_CREDENTIALS } from "../simulator/index.mjs";
import { dist, packageModules } from "./modules.mjs";
import { VENDORS, idValue } from "../../www/vendors.js";
import { buildSpec, formValues, initialCommon, initialOwn } from "../../www/task-form.js";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const SECRETS = [...new Set(Object.values(DEMO_CREDENTIALS).flatMap((c) => Object.values(c)))];
const TOKENS = { demo: "demo-user-token-0123", rate: "rate-user-token-0123" };
const PAGE = "http://admin.example";

let sim, mf, testMf, proxyUrl, testProxyUrl;
const logs = [];

before(async () => {
  sim = await startSimulator({ port: 0 });
  const c = DEMO_CREDENTIALS;
  mf = new Miniflare({
    // The Worker's modules, index.js first (the entry); its api.js by another name: the package
    // has an api.js of its own.
    modules: packageModules(Object.fromEntries(readdirSync(join(repo, "www/worker")).filter((f) => f.endsWith(".js")).sort((a, b) => (b === "index.js") - (a === "index.js")).map((f) => [
      f === "api.js" ? "worker-api.js" : f,
      readFileSync(join(repo, "www/worker", f), "utf8").replace('"./api.js"', '"./worker-api.js"'),
    ]))),
    modulesRoot: dist,
    compatibilityDate: "2025-06-01",
    host: "127.0.0.1",
    port: 0,
    bindings: {
      PROXY_TOKENS: JSON.stringify(TOKENS),
      ALLOWED_ORIGINS: PAGE,
      TANYI_APP_KEY: c.tanyi.appKey, TANYI_APP_SECRET: c.tanyi.appSecret, TANYI_TENANT_SIGN: c.tanyi.tenantSign,
      BYROBOT_APP_KEY: c.byrobot.appKey, BYROBOT_APP_SECRET: c.byrobot.appSecret,
      ITNIOTECH_API_KEY: c.itniotech.apiKey, ITNIOTECH_API_SECRET: c.itniotech.apiSecret, ITNIOTECH_APP_ID: c.itniotech.appId,
      ZXYCALL_TOKEN: c.zxycall.token,
      ...Object.fromEntries(Object.keys(c).map((v) => [`${v.toUpperCase()}_BASE_URL`, `${sim.url}/${v}`])),
    },
    // The Worker's console, as `wrangler tail` would show it.
    handleRuntimeStdio: (stdout, stderr) => {
      stdout.on("data", (d) => logs.push(String(d)));
      stderr.on("data", (d) => logs.push(String(d)));
    },
  });
  proxyUrl = new URL("/api", await mf.ready.catch((e) => { throw Object.assign(e, { message: `${e.message}\n${logs.join("")}` }); })).href;
});

after(async () => {
  await mf?.dispose();
  await testMf?.dispose();
  await sim?.close();
});

const client = (vendor, token = TOKENS.demo) => new waihu.Client({ vendor, proxyUrl, token, timeoutMs: 20_000 });
const simRequests = () => sim.requests().length;
/** Every answer's body, to look for secrets in. */
const bodies = [];
async function post(body, headers = {}) {
  const res = await fetch(proxyUrl, { method: "POST", headers: { authorization: `Bearer ${TOKENS.demo}`, "content-type": "application/json", ...headers }, body });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

test("through the demo Worker, a Node Client lists, creates, imports and starts for all four vendors", { timeout: 60_000 }, async () => {
  for (const vendor of Object.keys(VENDORS)) {
    const def = VENDORS[vendor];
    const c = client(vendor);
    // The admin page's unified form, as it starts: one spec, the vendor's own ids and options.
    const values = formValues(initialCommon(), initialOwn(vendor));
    if (def.usesMeta) {
      const meta = await c.getCreateOptions({});
      Object.assign(values, def.metaDefaults(meta.meta ?? meta));
    }
    values.name = `proxy ${vendor}`;
    await c.tasks.list(def.listParams(values));
    // Unified ids are strings; the vendor's own calls take its own id type.
    const id = idValue((await c.tasks.create(buildSpec(vendor, values))).id);
    assert.ok(id !== undefined && id !== null, vendor);
    const extra = def.importExtra?.(values);
    const report = await c.importCustomers(id, [{ name: "甲", phone: "13800000001" }, { name: "乙", phone: "13800000002" }], extra ? { extra } : {});
    assert.deepEqual([report.imported, report.rejected, report.unknown], [[0, 1], [], []], vendor);
    await c.startTask(def.idParams(id));
    const listed = await c.tasks.list(def.listParams(values));
    assert.ok(listed.some((t) => t.id === String(id)), `${vendor}: the task is listed`);
    // What reached the vendor: the task with both customers, running.
    const task = sim.ledger()[vendor].tasks[id];
    assert.deepEqual(task.customers.map((x) => x.phone).sort(), ["13800000001", "13800000002"], vendor);
    assert.equal(task.lifecycle, "running", vendor);
  }
  // Every vendor request came through the Worker.
  assert.ok(sim.requests().every((r) => r.headers["cf-worker"]), "all from workerd");
});

test("refusals have their status, reach no vendor, and the client reads them as their classes", { timeout: 60_000 }, async () => {
  const call = (vendor, operation, params = {}) => JSON.stringify({ vendor, operation, params });
  const cases = [
    ["no token", () => post(call("tanyi", "listTasks"), { authorization: "" }), 401, "UnauthenticatedError"],
    ["a wrong token", () => post(call("tanyi", "listTasks"), { authorization: "Bearer demo-user-token-0124" }), 401, "UnauthenticatedError"],
    ["an operation not allowed", () => post(call("tanyi", "getAccount")), 403, "NotAllowedError"],
    ["a vendor operation the Worker does not serve", () => post(call("zxycall", "updateTask", { task_id: "x" })), 403, "NotAllowedError"],
    ["a body over the limit", () => post(call("tanyi", "importCustomers", { robotCallJobId: 1, customerPersons: [{ phoneNumber: "1".repeat(1 << 20) }] })), 413, "PayloadTooLargeError"],
    ["another origin", () => post(call("tanyi", "listTasks"), { origin: "http://evil.example" }), 403, "NotAllowedError"],
    ["not JSON", () => post("{"), 400, undefined],
  ];
  for (const [what, send, status, name] of cases) {
    const before = simRequests();
    const res = await send();
    assert.equal(res.status, status, what);
    assert.equal(res.json.error.name, name, what);
    assert.equal(simRequests(), before, `${what}: nothing reached the simulator`);
  }
  // A preflight from the page is answered; the page's origin is granted, another is not.
  const pre = await fetch(proxyUrl, { method: "OPTIONS", headers: { origin: PAGE, "access-control-request-method": "POST" } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get("access-control-allow-origin"), PAGE);
  assert.match(pre.headers.get("access-control-allow-headers"), /authorization/);
  assert.equal((await post(call("tanyi", "listTasks"), { origin: PAGE })).headers.get("access-control-allow-origin"), PAGE);
  assert.equal((await post(call("tanyi", "listTasks"), { origin: "http://evil.example" })).headers.get("access-control-allow-origin"), null);

  // Over the rate limit (the Worker allows 10 task starts a minute per caller): the 11th start
  // is refused with 429 and Retry-After, and never reaches the vendor.
  const c = client("tanyi", TOKENS.rate);
  const id = idValue((await c.tasks.create(buildSpec("tanyi", formValues(initialCommon(), initialOwn("tanyi"))))).id);
  for (let i = 0; i < 10; i++) await c.startTask({ robotCallJobId: id }).catch((e) => assert.ok(waihu.isVendorError(e), e.message));
  const before = simRequests();
  const res = await fetch(proxyUrl, { method: "POST", headers: { authorization: `Bearer ${TOKENS.rate}` }, body: call("tanyi", "startTask", { robotCallJobId: id }) });
  assert.equal(res.status, 429);
  assert.match(res.headers.get("retry-after"), /^\d+$/);
  bodies.push(await res.text());
  await assert.rejects(c.startTask({ robotCallJobId: id }), (e) => e instanceof waihu.RateLimitedError && e.code === "rate_limited" && e.retryAfterMs > 0 && e.vendor === "tanyi" && e.operation === "startTask");
  assert.equal(simRequests(), before, "no start over the limit reached the simulator");
  // The other caller is not limited by this one.
  await client("tanyi").listTasks({ pageNum: 1, pageSize: 1 });

  // The classes come back through a Client.
  const noToken = new waihu.Client({ vendor: "tanyi", proxyUrl });
  await assert.rejects(noToken.listTasks({}), (e) => e instanceof waihu.UnauthenticatedError && waihu.isWaihuError(e) && e.code === "unauthenticated");
  await assert.rejects(client("tanyi").getAccount({}), (e) => e instanceof waihu.NotAllowedError && e.code === "not_allowed");
  const big = client("tanyi");
  await assert.rejects(big.call("importCustomers", { robotCallJobId: 1, customerPersons: [{ phoneNumber: "13800000001", name: "x".repeat(1 << 20) }] }), (e) => e instanceof waihu.PayloadTooLargeError && e.maxBytes === 1 << 20);
});

test("no answer of the Worker and no line it logged holds a secret", { timeout: 30_000 }, async () => {
  // Errors too: a validation error, a vendor error.
  assert.equal((await post(JSON.stringify({ vendor: "tanyi", operation: "createTask", params: {} }))).status, 422);
  assert.equal((await post(JSON.stringify({ vendor: "byrobot", operation: "startTask", params: { taskId: 999999 } }))).status, 502);
  assert.ok(bodies.length > 10);
  for (const b of bodies) assert.deepEqual(SECRETS.filter((s) => b.includes(s)), [], b);
  const log = logs.join("");
  assert.match(log, /"proxyCall":\{"caller":"demo"/, "the audit lines are logged");
  assert.doesNotMatch(log, /1380000000\d/, "no customer's phone in the audit");
  assert.deepEqual(SECRETS.filter((s) => log.includes(s)), []);
  assert.equal(log.includes(TOKENS.demo), false, "no token either");
});

// ---- one table of error cases, run both ways ----

/** A Worker like the demo's, configured like `direct` below (a short timeout, no retries unless a case asks). */
const PROXY_WORKER = `
import { createProxyHandler } from "waihu";
let handler;
export default {
  fetch(request, env) {
    handler ??= createProxyHandler({ ...JSON.parse(env.CONFIG), onCall: (r) => console.log(JSON.stringify(r)) });
    return handler(request);
  },
};`;

/** What a test compares of an error: its class and every field a caller can see. */
function seen(e) {
  const fields = Object.fromEntries(Object.entries(e).filter(([k]) => k !== "requestId"));
  return { class: e.constructor.name, name: e.name, message: e.message, requestId: typeof e.requestId, ...fields };
}

test("the same error classes and fields from a direct client and through the proxy", { timeout: 60_000 }, async () => {
  const operations = {
    tanyi: ["createTask", "startTask", "listTasks", "importCustomers"],
    byrobot: ["startTask"],
    zxycall: ["startTask", "listTasks"],
  };
  const vendors = Object.fromEntries(Object.entries(operations).map(([v, ops]) => [v, { credentials: DEMO_CREDENTIALS[v], baseUrl: `${sim.url}/${v}`, operations: ops }]));
  const send = { timeoutMs: 300, maxRetries: 0 };
  testMf = new Miniflare({
    modules: packageModules({ "worker.mjs": PROXY_WORKER }),
    modulesRoot: dist,
    compatibilityDate: "2025-06-01",
    host: "127.0.0.1",
    port: 0,
    bindings: { CONFIG: JSON.stringify({ vendors, tokens: TOKENS, ...send }) },
  });
  testProxyUrl = new URL("/api", await testMf.ready).href;
  const direct = (vendor, more = {}) => new waihu.Client({ vendor, credentials: DEMO_CREDENTIALS[vendor], baseUrl: `${sim.url}/${vendor}`, ...send, ...more });
  const proxied = (vendor, more = {}) => new waihu.Client({ vendor, proxyUrl: testProxyUrl, token: TOKENS.demo, timeoutMs: 5_000, maxRetries: 0, ...more });
  const start = { robotCallJobId: 424242 };
  const faults = (f) => () => sim.setFaults({ rate: 1, ...f });
  const cases = [
    ["invalid params", "tanyi", (c) => c.createTask({}), null, "ValidationError"],
    ["invalid params, in Chinese", "tanyi", (c) => c.createTask({ robotCallJob: { name: 1 } }), null, "ValidationError", { locale: "zh-CN" }],
    ["the vendor refuses (Tanyi)", "tanyi", (c) => c.startTask(start), null, "VendorError"],
    ["the vendor refuses (BYRobot)", "byrobot", (c) => c.startTask({ taskId: 999999 }), null, "VendorError"],
    ["the vendor refuses (ZXY, by its HTTP status)", "zxycall", (c) => c.startTask({ task_id: "00000000-0000-0000-0000-000000000000" }), null, "VendorError"],
    ["an HTTP 500 to a write", "tanyi", (c) => c.startTask(start), faults({ kinds: ["http500"], paths: ["job/start"] }), "ResponseError"],
    ["an HTTP 429 (refused, not applied)", "tanyi", (c) => c.startTask(start), faults({ kinds: ["http429"], paths: ["job/start"] }), "ResponseError"],
    ["an unreadable reply", "tanyi", (c) => c.listTasks({}), faults({ kinds: ["malformed"], paths: ["job/getJobs"] }), "ResponseError"],
    ["the connection drops", "tanyi", (c) => c.startTask(start), faults({ kinds: ["dropBefore"], paths: ["job/start"] }), "NetworkError"],
    ["no reply in time", "tanyi", (c) => c.startTask(start), faults({ kinds: ["latency"], latencyMs: 1_000, paths: ["job/start"] }), "TimeoutError"],
    ["no such operation", "zxycall", (c) => c.call("stopTask", {}), null, "UnsupportedOperationError"],
    ["aborted before sending", "tanyi", (c) => c.startTask(start, { signal: AbortSignal.abort() }), null, "AbortError"],
    ["an import chunk the vendor refuses", "tanyi", (c) => c.importCustomers(424242, [{ phone: "13800000009" }]), null, null],
  ];
  for (const [what, vendor, run, setup, name, more] of cases) {
    const outcome = async (c) => {
      setup?.();
      try {
        return { ok: await run(c) };
      } catch (e) {
        return { error: seen(e) };
      } finally {
        sim.setFaults({});
      }
    };
    const a = await outcome(direct(vendor, more));
    const b = await outcome(proxied(vendor, more));
    if (name) assert.equal(a.error?.name, name, `${what}: direct`);
    assert.deepEqual(b, a, what);
  }
});

test("a client in proxy mode retries as the core's policy says: reads, never writes that may have arrived", { timeout: 30_000 }, async () => {
  // A proxy that is not there: the request may have left, so only the read is sent again.
  const gone = (await import("node:net")).createServer();
  await new Promise((r) => gone.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${gone.address().port}/api`;
  await new Promise((r) => gone.close(r));
  const c = new waihu.Client({ vendor: "tanyi", proxyUrl: url, token: TOKENS.demo, maxRetries: 2 });
  await assert.rejects(c.listTasks({}), (e) => e instanceof waihu.NetworkError && e.attempts === 3 && e.mayHaveApplied);
  await assert.rejects(c.startTask({ robotCallJobId: 1 }), (e) => e instanceof waihu.NetworkError && e.attempts === 1);
  // A gateway's 503 (not the proxy's answer) refuses before applying: repeated for any method.
  let calls = 0;
  const flaky = async (u, init) => (++calls === 1 ? new Response("busy", { status: 503 }) : fetch(proxyUrl, init));
  const f = new waihu.Client({ vendor: "tanyi", proxyUrl: "http://gateway.invalid/api", token: TOKENS.demo, fetch: flaky });
  assert.deepEqual(Object.keys(await f.listTasks({ pageNum: 1, pageSize: 1 })).sort(), ["content", "number", "pageSize", "pages", "totalElements"]);
  assert.equal(calls, 2);
  // The proxy's own answer is final (it retried the vendor as its policy allows): a refusal is
  // not sent again.
  calls = 0;
  const counting = async (u, init) => (calls++, fetch(proxyUrl, init));
  const r = new waihu.Client({ vendor: "tanyi", proxyUrl: "http://x.invalid/api", token: "demo-user-token-9999", fetch: counting, maxRetries: 2 });
  await assert.rejects(r.listTasks({}), waihu.UnauthenticatedError);
  assert.equal(calls, 1);
  // credentials and proxyUrl together are a configuration error.
  assert.throws(() => new waihu.Client({ vendor: "tanyi", proxyUrl: url, credentials: DEMO_CREDENTIALS.tanyi }), (e) => e instanceof TypeError && e.code === "invalid_argument" && /proxyUrl/.test(e.message));
});

test("the demo Worker's /imports is behind the proxy's tokens and its origins", { timeout: 30_000 }, async () => {
  const before = simRequests();
  const url = new URL("/imports?vendor=tanyi&taskId=1", proxyUrl).href;
  const body = '{"phone":"13300000001"}\n';
  for (const [headers, status] of [
    [{}, 401],
    [{ authorization: "Bearer not-a-token-of-anyone" }, 401],
    [{ authorization: `Bearer ${TOKENS.demo}`, origin: "http://elsewhere.example" }, 403],
  ]) {
    const r = await fetch(url, { method: "POST", headers, body });
    assert.equal(r.status, status, JSON.stringify(headers));
    await r.body?.cancel();
  }
  const pre = await fetch(url, { method: "OPTIONS", headers: { origin: PAGE } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get("access-control-allow-origin"), PAGE);
  assert.equal(simRequests(), before, "nothing reached a vendor");
});
