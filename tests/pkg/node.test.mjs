// The built package, imported as a user would (`waihu` resolves to pkg/ through the
// workspace's node_modules link), driven through validate, buildRequest and Client against a
// scripted server on 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import * as waihu from "waihu";
import { scriptedServer } from "./server.mjs";

let srv;
before(async () => (srv = await scriptedServer()));
after(() => srv.close());

const creds = {
  tanyi: { appKey: "demoAppKey", appSecret: "demoAppSecret", tenantSign: "demoTenant" },
};
const ok = (data) => ({ body: JSON.stringify({ code: 200, data, requestId: "R1", resultMsg: "ok" }) });

test("the package exposes the documented API", () => {
  for (const f of ["validate", "buildRequest", "parseResponse", "operations", "Client", "isValidationError", "isVendorError", "isNetworkError", "isTimeoutError"]) {
    assert.equal(typeof waihu[f], "function", f);
  }
  assert.deepEqual([...waihu.VENDORS], ["tanyi", "byrobot", "itniotech", "zxycall"]);
});

test("tanyi: validate reports field issues in both locales", () => {
  const form = { concurrencyQuota: 1, jobPhoneNumberIdList: [1], robotCallJob: { name: "n", mode: "MANUAL", dailyStartTime: "08:00", dailyEndTime: "21:00", dialogFlowId: 1, phoneType: "LANDLINE", robotCount: 1 } };
  const en = waihu.validate("tanyi", "createTask", form);
  // An early start is an error; a late end a warning (Tanyi's own examples end at 21:00).
  assert.deepEqual(en.map((i) => [i.path.join("."), i.code, i.severity]), [
    ["robotCallJob.dailyStartTime", "outside_allowed_hours", "error"],
    ["robotCallJob.dailyEndTime", "outside_allowed_hours", "warning"],
  ]);
  assert.equal(en[0].message, "Outside 09:00-20:00, the dialling hours the vendor documents");
  assert.deepEqual(en[0].params, { min: "09:00", max: "20:00" });
  const zh = waihu.validate("tanyi", "createTask", form, { locale: "zh-CN" });
  assert.equal(zh[0].message, "不在厂商文档规定的拨打时段 09:00-20:00 内");
});

test("tanyi: buildRequest signs as the documented vector says (src/vendors/tanyi/README.md)", () => {
  const r = waihu.buildRequest("tanyi", "startTask", { robotCallJobId: 1 }, { credentials: creds.tanyi, now: 1557747252783 });
  assert.equal(r.method, "POST");
  assert.equal(r.url, "https://openapi.tanyibot.com/apiOpen/v1/job/start");
  assert.equal(r.headers.signature, "ac8936bc10177578767f3c0e8a1173e459df2c6c2eb7e3a99e9ef5255fc47951");
  assert.equal(r.body, '{"robotCallJobId":1}');
  assert.throws(() => waihu.buildRequest("tanyi", "startTask", {}, { credentials: creds.tanyi }), (e) => waihu.isValidationError(e) && e.issues[0].path[0] === "robotCallJobId");
});

test("tanyi: the client sends what the vendor expects and returns data", async () => {
  srv.reset();
  srv.reply(ok({ robotCallJobId: 139 }));
  const client = new waihu.Client({ vendor: "tanyi", credentials: creds.tanyi, baseUrl: `${srv.url}/tanyi` });
  const form = { concurrencyQuota: 1, jobPhoneNumberIdList: [1], robotCallJob: { name: "测试", mode: "MANUAL", dailyStartTime: "09:00", dailyEndTime: "20:00", dialogFlowId: 1, phoneType: "LANDLINE", robotCount: 1 } };
  assert.deepEqual(await client.createTask(form), { robotCallJobId: 139 });
  const [req] = srv.received;
  assert.equal(req.method, "POST");
  assert.equal(req.url, "/tanyi/apiOpen/v1/job/create");
  assert.deepEqual(JSON.parse(req.body), form);
  const ts = req.headers.timestamp;
  assert.match(ts, /^\d{13}$/);
  const expected = createHash("sha256").update(`demoTenantappKey=demoAppKey&appSecret=demoAppSecret&tenantSign=demoTenant&version=v1&timestamp=${ts}`).digest("hex");
  assert.equal(req.headers.signature, expected);
  assert.equal(req.headers.appsecret, undefined, "the secret is never sent");
});

test("errors: vendor codes, non-JSON, HTTP 500, timeout, 429 with Retry-After", async () => {
  const client = new waihu.Client({ vendor: "tanyi", credentials: creds.tanyi, baseUrl: srv.url, timeoutMs: 300, maxRetries: 2 });
  srv.reset();
  srv.reply({ body: JSON.stringify({ code: 412, data: null, requestId: "GDFVVSAE", resultMsg: "参数错误" }) });
  await assert.rejects(client.startTask({ robotCallJobId: 1 }), (e) =>
    waihu.isVendorError(e) && e.code === "412" && e.vendor === "tanyi" && e.requestId === "GDFVVSAE" && e.vendorMessage === "参数错误" && e.retryable === false && e.status === 200 && !e.message.includes("demoAppSecret"));

  srv.reset();
  srv.reply({ body: "<html>oops</html>", contentType: "text/html" });
  await assert.rejects(client.startTask({ robotCallJobId: 1 }), (e) => waihu.isResponseError(e) && e.code === "invalid_response" && e.status === 200);

  // A POST that may have reached the vendor is not retried: one request only.
  srv.reset();
  srv.reply({ status: 500, body: "Internal Server Error", contentType: "text/plain" });
  await assert.rejects(client.startTask({ robotCallJobId: 1 }), (e) => waihu.isResponseError(e) && e.status === 500 && e.retryable === true);
  assert.equal(srv.received.length, 1);

  // A read is retried after a 500.
  srv.reset();
  srv.reply({ status: 500, body: "x" }, ok({ number: 1, pageSize: 20, totalElements: 0, pages: 0, content: [] }));
  assert.equal((await client.listTasks({})).totalElements, 0);
  assert.equal(srv.received.length, 2);

  // Timeout: a write is not repeated.
  srv.reset();
  srv.reply({ delayMs: 1000, ...ok(null) });
  await assert.rejects(client.startTask({ robotCallJobId: 1 }), (e) => waihu.isTimeoutError(e) && e.code === "timeout" && e.mayHaveApplied === true && e.attempts === 1);
  assert.equal(srv.received.length, 1);

  // 429 says the request was refused: safe to repeat even for a POST, after Retry-After.
  srv.reset();
  srv.reply({ status: 429, headers: { "retry-after": "1" }, body: "slow down" }, ok(null));
  const t0 = Date.now();
  assert.equal(await client.startTask({ robotCallJobId: 1 }), null);
  assert.equal(srv.received.length, 2);
  assert.ok(Date.now() - t0 >= 900, "waited for Retry-After");
  assert.notEqual(srv.received[0].headers.timestamp, undefined);
});

test("a caller's signal aborts the call", async () => {
  srv.reset();
  srv.reply({ delayMs: 2000, ...ok(null) });
  const client = new waihu.Client({ vendor: "tanyi", credentials: creds.tanyi, baseUrl: srv.url });
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 50);
  await assert.rejects(client.startTask({ robotCallJobId: 1 }, { signal: ac.signal }), (e) => waihu.isAbortError(e) && e.code === "aborted");
});

test("wrong arguments are TypeErrors, never strings or wasm traps", () => {
  assert.throws(() => waihu.validate("nope", "createTask", {}), (e) => e instanceof TypeError && e.code === "invalid_argument");
  assert.throws(() => waihu.validate("tanyi", "launchRocket", {}), (e) => waihu.isUnsupportedOperationError(e));
  assert.throws(() => waihu.validate("tanyi", "createTask", { x: 10n }), (e) => e instanceof TypeError);
  assert.throws(() => new waihu.Client({}), (e) => e instanceof TypeError);
  // The instance still works after all of that.
  assert.equal(waihu.validate("tanyi", "startTask", { robotCallJobId: 1 }).length, 0);
});

test("errors are instances of the package's classes, and the guards agree", async () => {
  const client = new waihu.Client({ vendor: "tanyi", credentials: creds.tanyi, baseUrl: srv.url, maxRetries: 0 });
  srv.reset();
  srv.reply({ body: JSON.stringify({ code: 412, data: null, requestId: "R", resultMsg: "参数错误" }) });
  const cases = [
    [() => client.startTask({ robotCallJobId: 1 }), waihu.VendorError, waihu.isVendorError],
    [() => client.createTask({}), waihu.ValidationError, waihu.isValidationError],
    [() => client.call("noSuchOperation", {}), waihu.UnsupportedOperationError, waihu.isUnsupportedOperationError],
  ];
  for (const [call, Class, guard] of cases) {
    await assert.rejects(call(), (e) => e instanceof Class && e instanceof waihu.WaihuError && e instanceof Error && guard(e) && e.name === Class.name && typeof e.stack === "string");
  }
  // Thrown synchronously by the pure functions too.
  assert.throws(() => waihu.buildRequest("tanyi", "startTask", {}, { credentials: creds.tanyi }), (e) => e instanceof waihu.ValidationError && e.code === "validation_failed");
  assert.throws(() => waihu.parseResponse("tanyi", "startTask", 200, "<html>"), (e) => e instanceof waihu.ResponseError && waihu.isResponseError(e));
  // A wrong argument stays a TypeError (not a WaihuError), as the README says.
  assert.throws(() => waihu.validate(1, "createTask", {}), (e) => e instanceof TypeError && !(e instanceof waihu.WaihuError) && e.code === "invalid_argument");
  assert.throws(() => waihu.parseResponse("tanyi", "startTask", 200, {}), (e) => e instanceof TypeError && e.code === "invalid_argument");
});

test("per-call timeoutMs, maxRetries and headers override the client's", async () => {
  const client = new waihu.Client({ vendor: "tanyi", credentials: creds.tanyi, baseUrl: srv.url, timeoutMs: 5000, maxRetries: 0, headers: { "X-Client": "a", "X-Both": "client" } });
  // timeoutMs: the call's 100 ms, not the client's 5 s.
  srv.reset();
  srv.reply({ delayMs: 1000, ...ok(null) });
  const t0 = Date.now();
  await assert.rejects(client.startTask({ robotCallJobId: 1 }, { timeoutMs: 100 }), (e) => waihu.isTimeoutError(e));
  assert.ok(Date.now() - t0 < 900, "the call's timeout applied");
  // maxRetries: a read retried twice after 500s for this call, though the client says 0.
  srv.reset();
  srv.reply({ status: 500, body: "x" }, { status: 500, body: "x" }, ok({ number: 1, pageSize: 20, totalElements: 3, pages: 1, content: [] }));
  assert.equal((await client.listTasks({}, { maxRetries: 2 })).totalElements, 3);
  assert.equal(srv.received.length, 3);
  srv.reset();
  srv.reply({ status: 500, body: "x" });
  await assert.rejects(client.listTasks({}), (e) => waihu.isResponseError(e) && e.status === 500);
  assert.equal(srv.received.length, 1, "the client's own maxRetries: 0");
  // headers: the call's on top of the client's, the same name replaced whatever its case.
  srv.reset();
  srv.reply(ok(null));
  await client.startTask({ robotCallJobId: 1 }, { headers: { "x-both": "call", "X-Call": "b" } });
  const h = srv.received[0].headers;
  assert.deepEqual([h["x-client"], h["x-both"], h["x-call"]], ["a", "call", "b"]);
  // Wrong per-call options are TypeErrors before anything is sent.
  srv.reset();
  for (const bad of [{ timeoutMs: 0 }, { timeoutMs: 2 ** 31 }, { timeoutMs: -1 }, { timeoutMs: NaN }, { maxRetries: 11 }, { headers: { "X-A": 1 } }]) {
    await assert.rejects(client.startTask({ robotCallJobId: 1 }, bad), (e) => e instanceof TypeError && e.code === "invalid_argument", JSON.stringify(bad));
  }
  assert.equal(srv.received.length, 0);
});

test("an injected fetch sends every request, and its failures are the client's errors", async () => {
  const seen = [];
  const fetch = async (url, init) => {
    seen.push({ url, method: init.method, headers: init.headers, body: init.body, signal: init.signal instanceof AbortSignal });
    return new Response(JSON.stringify({ code: 200, data: { robotCallJobId: 7 }, requestId: "R", resultMsg: "ok" }), { headers: { "content-type": "application/json" } });
  };
  const client = new waihu.Client({ vendor: "tanyi", credentials: creds.tanyi, baseUrl: "https://vendor.invalid/tanyi", fetch });
  assert.deepEqual(await client.listTasks({ pageNum: 1 }), { robotCallJobId: 7 });
  assert.equal(seen.length, 1);
  assert.equal(seen[0].url, "https://vendor.invalid/tanyi/apiOpen/v1/job/getJobs?pageNum=1");
  assert.equal(seen[0].method, "GET");
  assert.equal(seen[0].headers.appKey, "demoAppKey");
  assert.equal(seen[0].signal, true, "the deadline's signal is passed on");
  // A fetch that throws is a network error (retried for a read, never for a write).
  let calls = 0;
  const failing = new waihu.Client({ vendor: "tanyi", credentials: creds.tanyi, maxRetries: 1, fetch: () => { calls++; throw new Error("offline"); } });
  await assert.rejects(failing.startTask({ robotCallJobId: 1 }), (e) => waihu.isNetworkError(e) && e.attempts === 1);
  assert.equal(calls, 1);
  await assert.rejects(failing.listTasks({}), (e) => waihu.isNetworkError(e) && e.attempts === 2);
  assert.equal(calls, 3);
  assert.throws(() => new waihu.Client({ vendor: "tanyi", credentials: creds.tanyi, fetch: "nope" }), (e) => e instanceof TypeError && e.code === "invalid_argument");
});
