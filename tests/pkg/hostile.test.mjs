// Hostile or careless input through the built package (issue 12, "Hostile or careless input"):
// each case must end as the right error before anything is sent, or come back exact.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as waihu from "waihu";
import { scriptedServer } from "./server.mjs";

let srv;
before(async () => (srv = await scriptedServer()));
after(() => srv.close());

const creds = {
  tanyi: { appKey: "k", appSecret: "s", tenantSign: "t" },
  byrobot: { appKey: "k", appSecret: "s" },
  itniotech: { apiKey: "k", apiSecret: "s", appId: "a" },
  zxycall: { token: "t" },
};
const start = { tanyi: { robotCallJobId: 1 }, byrobot: { taskId: 1 }, itniotech: { jobId: 1 }, zxycall: { task_id: "abc" } };
const list = { tanyi: {}, byrobot: { companyId: 1 }, itniotech: { current: 1, size: 10 }, zxycall: {} };
const ok = (data) => ({ body: JSON.stringify({ code: 200, data, requestId: "R", resultMsg: "ok" }) });
const client = (config) => new waihu.Client({ vendor: "tanyi", credentials: creds.tanyi, baseUrl: srv.url, maxRetries: 0, ...config });
const invalidArgument = (e) => e instanceof TypeError && e.code === "invalid_argument";

/** Item 12: CR, LF or NUL in a credential sent as a header, or in `options.headers`, used to
 * reach fetch (a misleading NetworkError, `mayHaveApplied: true`, reads retried 3×). RFC 9110
 * §5.5: a field value has no CR, LF or NUL. Now a ValidationError on that field, nothing sent. */
test("header injection through credentials or headers is a ValidationError and sends nothing", async () => {
  const sent = [];
  const fetch = async (url) => (sent.push(url), new Response("{}"));
  const headerKeys = { tanyi: ["appKey", "tenantSign"], byrobot: ["appKey"], itniotech: ["apiKey"], zxycall: ["token"] };
  for (const [vendor, keys] of Object.entries(headerKeys)) {
    for (const key of keys) {
      for (const bad of ["k\r\nX-Injected: 1", "k\n", "k\0"]) {
        const c = new waihu.Client({ vendor, credentials: { ...creds[vendor], [key]: bad }, baseUrl: "https://vendor.invalid", fetch, maxRetries: 3 });
        // A read (retried on network errors) and a write.
        for (const call of [() => c.listTasks(list[vendor]), () => c.startTask(start[vendor])]) {
          await assert.rejects(call(), (e) => waihu.isValidationError(e) && !waihu.isNetworkError(e) && e.issues.some((i) => i.path.join(".") === `credentials.${key}` && i.code === "invalid_format"), `${vendor} ${key} ${JSON.stringify(bad)}`);
        }
        assert.throws(() => waihu.buildRequest(vendor, "startTask", start[vendor], { credentials: { ...creds[vendor], [key]: bad }, baseUrl: "https://vendor.invalid" }), (e) => waihu.isValidationError(e));
      }
    }
  }
  // options.headers, in the client config and per call.
  const c = new waihu.Client({ vendor: "tanyi", credentials: creds.tanyi, baseUrl: "https://vendor.invalid", fetch, headers: { "X-A": "1\r\nX-Injected: 1" } });
  await assert.rejects(c.listTasks({}), (e) => waihu.isValidationError(e) && e.issues[0].path.join(".") === "headers.X-A");
  const d = new waihu.Client({ vendor: "tanyi", credentials: creds.tanyi, baseUrl: "https://vendor.invalid", fetch });
  await assert.rejects(d.listTasks({}, { headers: { "X-B\r\n": "1" } }), (e) => waihu.isValidationError(e) && e.issues[0].code === "invalid_format");
  assert.deepEqual(sent, []);
});

/** Item 13: a base URL with user info passed, and the password showed in NetworkError.message and
 * .stack; `?q=1` sent `GET /?q=1/apiOpen/…`; `http://` became `http:/apiOpen…` (RFC 3986 §3.2.1:
 * user info is deprecated, §3.4/§3.5: a query or fragment would swallow the path). */
test("a base URL with a password, a query, a fragment, no host or a bad port is refused and never echoed", async () => {
  const sent = [];
  const fetch = async (url) => (sent.push(url), new Response("{}"));
  for (const baseUrl of ["http://user:PASSWORD@127.0.0.1:9/tanyi", "http://PASSWORD@127.0.0.1:9", "http://127.0.0.1:9/tanyi?q=PASSWORD", "http://127.0.0.1:9/#PASSWORD", "http://", "http://:80", "http://h:0", "http://h:65536"]) {
    const c = new waihu.Client({ vendor: "tanyi", credentials: creds.tanyi, baseUrl, fetch });
    let caught;
    await c.listTasks({}).catch((e) => (caught = e));
    assert.ok(waihu.isValidationError(caught), `${baseUrl}: ${caught}`);
    assert.deepEqual(caught.issues.map((i) => [i.path.join("."), i.code]), [["baseUrl", "invalid_format"]]);
    for (const text of [caught.message, caught.stack, JSON.stringify(caught), JSON.stringify(caught.issues), String(caught)]) {
      assert.ok(!text.includes("PASSWORD"), `${baseUrl}: ${text}`);
    }
  }
  assert.deepEqual(sent, []);
});

/** Item 11 through the package: ZXY's `deleteTask({task_id: ".."})` resolved to `GET /v1/task/`. */
test("a dot segment as a path id is refused, never sent", async () => {
  srv.reset();
  const c = new waihu.Client({ vendor: "zxycall", credentials: creds.zxycall, baseUrl: srv.url, maxRetries: 0 });
  for (const task_id of [".", ".."]) {
    await assert.rejects(c.deleteTask({ task_id }), (e) => waihu.isValidationError(e) && e.issues[0].path[0] === "task_id");
    await assert.rejects(c.importCustomers(task_id, [{ phone: "13012121211" }]), (e) => waihu.isValidationError(e));
  }
  assert.equal(srv.received.length, 0);
});

/** Item 17: `{"robotCallJobId":1734567890123456789}` became 1734567890123456800 in JS, and the next
 * startTask sent that other id. Results carry such integers as strings; params take them as strings. */
test("ids beyond 2^53 come back as exact strings and are sent as given", async () => {
  const id = "1734567890123456789";
  const reply = `{"code":200,"data":{"robotCallJobId":${id},"small":9007199254740991,"list":[-9007199254740993]},"requestId":"R","resultMsg":"ok"}`;
  assert.deepEqual(waihu.parseResponse("tanyi", "createTask", 200, reply), { robotCallJobId: id, small: 9007199254740991, list: ["-9007199254740993"] });
  srv.reset();
  srv.reply({ body: reply }, ok(null));
  const c = client();
  const created = await c.createTask({ concurrencyQuota: 1, jobPhoneNumberIdList: [1], robotCallJob: { name: "n", mode: "MANUAL", dailyStartTime: "09:00", dailyEndTime: "20:00", dialogFlowId: 1, phoneType: "LANDLINE", robotCount: 1 } });
  assert.equal(created.robotCallJobId, id);
  assert.deepEqual(waihu.validate("tanyi", "startTask", { robotCallJobId: created.robotCallJobId }), []);
  await c.startTask({ robotCallJobId: created.robotCallJobId });
  assert.equal(srv.received[1].body, `{"robotCallJobId":"${id}"}`);
  // Every vendor's ids: up to 2^63 − 1 as digit strings.
  for (const [vendor, params] of Object.entries({ tanyi: { robotCallJobId: id }, byrobot: { taskId: id }, itniotech: { jobId: id } })) {
    assert.deepEqual(waihu.validate(vendor, "startTask", params), [], vendor);
    const [key] = Object.keys(params);
    assert.equal(waihu.validate(vendor, "startTask", { [key]: "92233720368547758070" })[0].code, "invalid_type");
  }
});

/** Item 18: a Java server's lone surrogate (`"\ud83d"`) made a successful createTask throw
 * ResponseError (`mayHaveApplied: true`); a name cut mid-emoji in params was a TypeError without
 * a path; nesting past the limit said only "invalid JSON". */
test("lone surrogates read as U+FFFD: the reply is data, the param an issue on its field; deep nesting says so", async () => {
  srv.reset();
  srv.reply({ body: '{"code":200,"data":{"robotCallJobId":7,"name":"ab\\ud83d"},"requestId":"R","resultMsg":"ok"}' });
  const c = client();
  const created = await c.createTask({ concurrencyQuota: 1, jobPhoneNumberIdList: [1], robotCallJob: { name: "n", mode: "MANUAL", dailyStartTime: "09:00", dailyEndTime: "20:00", dialogFlowId: 1, phoneType: "LANDLINE", robotCount: 1 } });
  assert.deepEqual(created, { robotCallJobId: 7, name: "ab\uFFFD" });
  const cut = "测试😀".slice(0, 3); // "测试\ud83d"
  const issues = waihu.validate("tanyi", "createTask", { concurrencyQuota: 1, jobPhoneNumberIdList: [1], robotCallJob: { name: cut, mode: "MANUAL", dailyStartTime: "09:00", dailyEndTime: "20:00", dialogFlowId: 1, phoneType: "LANDLINE", robotCount: 1 } }, { locale: "zh-CN" });
  assert.deepEqual(issues.map((i) => [i.path.join("."), i.code, i.severity]), [["robotCallJob.name", "invalid_format", "warning"]]);
  assert.match(issues[0].message, /U\+FFFD/);
  let deep = 1;
  for (let i = 0; i < 200; i++) deep = [deep];
  assert.throws(() => waihu.validate("tanyi", "startTask", { robotCallJobId: deep }), (e) => invalidArgument(e) && /nested deeper than 127 levels/.test(e.message));
  assert.throws(() => waihu.parseResponse("tanyi", "startTask", 200, "[".repeat(200)), (e) => waihu.isResponseError(e) && /nested deeper than 127 levels/.test(e.message));
});

/** Item 19: `concurrency: NaN` or `"x"` sent nothing (every row notSent); `timeoutMs: 2**31` or
 * `1e300` timed every call out after ~3 ms (setTimeout's 2^31 − 1 ms limit); `-1` and `0` meant
 * no timeout; `chunkSize: 0` became 1. Each is a TypeError with code invalid_argument. */
test("numeric options out of range are invalid_argument, never silently replaced", async () => {
  srv.reset();
  const c = client();
  const rows = [{ phone: "13800000001" }];
  for (const bad of [{ concurrency: NaN }, { concurrency: "x" }, { concurrency: 0 }, { concurrency: 65 }, { chunkSize: 0 }, { chunkSize: -1 }, { chunkSize: 1.5 }, { chunkSize: NaN }]) {
    await assert.rejects(c.importCustomers(1, rows, bad), invalidArgument, JSON.stringify(bad));
  }
  for (const timeoutMs of [2 ** 31, 1e300, -1, 0, NaN, Infinity]) {
    assert.throws(() => client({ timeoutMs }), invalidArgument, String(timeoutMs));
    await assert.rejects(c.startTask({ robotCallJobId: 1 }, { timeoutMs }), invalidArgument, String(timeoutMs));
  }
  for (const maxRetries of [-1, 11, 1.5, NaN]) assert.throws(() => client({ maxRetries }), invalidArgument, String(maxRetries));
  assert.equal(srv.received.length, 0);
});

/** Item 21: wrong argument types at the boundary threw raw engine errors; the README promises a
 * TypeError with code invalid_argument. `null` options are the defaults. */
test("wrong argument types are invalid_argument TypeErrors; null options are the defaults", async () => {
  assert.throws(() => waihu.validate(1, "createTask", {}), invalidArgument);
  assert.throws(() => waihu.validate("tanyi", 1, {}), invalidArgument);
  assert.throws(() => waihu.buildRequest({}, "startTask", {}, {}), invalidArgument);
  assert.throws(() => waihu.parseResponse("tanyi", "startTask", 200, {}), invalidArgument);
  assert.throws(() => waihu.parseResponse("tanyi", "startTask", "200", "{}"), invalidArgument);
  assert.throws(() => waihu.parseResponse("tanyi", "startTask", 99, "{}"), invalidArgument);
  assert.throws(() => waihu.operations(null), invalidArgument);
  assert.throws(() => waihu.validate("tanyi", "startTask", { robotCallJobId: 1n }), invalidArgument);
  assert.deepEqual(waihu.validate("tanyi", "startTask", { robotCallJobId: 1 }, null), []);
  srv.reset();
  srv.setFallback(ok(null));
  try {
    const report = await client().importCustomers(1, [{ phone: "13800000001" }, { phone: "13800000002" }], null);
    assert.deepEqual([report.total, report.imported], [2, [0, 1]]);
    await assert.rejects(client().importCustomers(1, [{ phone: "13800000001" }], { onProgress: 1 }), invalidArgument);
    await assert.rejects(client().call(5, {}), invalidArgument);
  } finally {
    srv.setFallback({ status: 200, body: "{}" });
  }
});

/** Item 22: 429/503 said `mayHaveApplied: true` although the README and the import report treat
 * them as refused (RFC 6585 §4, RFC 9110 §15.6.4); a header repeated in another case kept the first
 * and dropped the rest. */
test("refusals have not applied; a header given twice in different case is refused", async () => {
  const c = client();
  for (const [status, applied] of [[429, false], [503, false], [500, true], [502, true]]) {
    srv.reset();
    srv.reply({ status, body: "<html>busy</html>", contentType: "text/html" });
    await assert.rejects(c.startTask({ robotCallJobId: 1 }), (e) => waihu.isResponseError(e) && e.status === status && e.mayHaveApplied === applied, String(status));
  }
  srv.reset();
  const twice = client({ headers: { "X-Trace": "a", "x-trace": "b" } });
  await assert.rejects(twice.startTask({ robotCallJobId: 1 }), (e) => waihu.isValidationError(e) && e.issues[0].code === "duplicate_value" && e.issues[0].path.join(".") === "headers.x-trace");
  await assert.rejects(c.startTask({ robotCallJobId: 1 }, { headers: { "X-Trace": "a", "X-TRACE": "b" } }), (e) => waihu.isValidationError(e) && e.issues[0].code === "duplicate_value");
  assert.throws(() => waihu.buildRequest("tanyi", "startTask", { robotCallJobId: 1 }, { credentials: creds.tanyi, headers: { "X-A": "1", "x-a": "2" } }), (e) => waihu.isValidationError(e) && e.issues[0].code === "duplicate_value");
  assert.equal(srv.received.length, 0);
  // A call's header still replaces the client's of the same name, whatever its case.
  srv.reply(ok(null));
  await client({ headers: { "X-Trace": "a" } }).startTask({ robotCallJobId: 1 }, { headers: { "x-trace": "b" } });
  assert.equal(srv.received[0].headers["x-trace"], "b");
});
