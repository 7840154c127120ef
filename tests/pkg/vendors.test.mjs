// Every vendor through the built package: validate, buildRequest (signatures recomputed here
// with node:crypto) and Client against a scripted 127.0.0.1 server, including each vendor's
// error envelope.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import * as waihu from "waihu";
import { scriptedServer } from "./server.mjs";

let srv;
before(async () => (srv = await scriptedServer()));
after(() => srv.close());

const NOW = 1_557_747_252_783;
const md5 = (s) => createHash("md5").update(s).digest("hex");
const sha256 = (s) => createHash("sha256").update(s).digest("hex");

const vendors = {
  tanyi: {
    credentials: { appKey: "k1", appSecret: "s1", tenantSign: "t1" },
    bad: { robotCallJob: { dailyStartTime: "08:00" } },
    badPath: "robotCallJob.dailyStartTime",
    start: { robotCallJobId: 7 },
    startPath: "/apiOpen/v1/job/start",
    signed: (h) => h.signature === sha256(`t1appKey=k1&appSecret=s1&tenantSign=t1&version=v1&timestamp=${h.timestamp}`),
    ok: (data) => JSON.stringify({ code: 200, data, requestId: "R", resultMsg: "ok" }),
    error: { body: JSON.stringify({ code: 404, data: null, requestId: "RQ1", resultMsg: "任务不存在" }), code: "404", requestId: "RQ1" },
  },
  byrobot: {
    credentials: { appKey: "k2", appSecret: "s2" },
    bad: { companyId: 1, taskName: "t", taskType: 3, userPhoneIds: [1], robotDefId: 1, callType: 0 },
    badPath: "taskType",
    start: { taskId: 7 },
    startPath: "/openapi/v1/task/start",
    signed: (h) => / GMT$/.test(h.datetime) && h.sign === createHmac("sha1", "s2").update(`k2\n${h.datetime}`).digest("base64") && h.appkey === "k2",
    ok: (data) => JSON.stringify({ code: 200, data, resultMsg: "ok", errorStackTrace: null }),
    error: { body: JSON.stringify({ code: 408, data: null, resultMsg: "时间选择不对" }), code: "408", requestId: null },
  },
  itniotech: {
    credentials: { apiKey: "k3", apiSecret: "s3", appId: "app3" },
    bad: { name: "t", dialogFlowId: 1, mode: "MANUAL", dailyStartDateTime: "09:00", dailyEndDateTime: "21:00", robotCount: 1, jobPhoneNumberId: 1, redial: false },
    badPath: "dailyEndDateTime",
    start: { jobId: 7 },
    startPath: "/aivoice/taskStart",
    signed: (h) => /^\d{10}$/.test(h.timestamp) && h.sign === md5(`k3s3${h.timestamp}`) && h["api-key"] === "k3",
    ok: (data) => JSON.stringify({ status: "0", reason: "success", data }),
    error: { body: JSON.stringify({ status: "-45", reason: "未导入客户,不能启动", data: null }), code: "-45", requestId: null },
  },
  zxycall: {
    credentials: { token: "tok4" },
    bad: { caller_line_id: "x", destination_extension: 1, disable_dial_timegroup: "g", maximumcall: 1, name: "t", random_assignment_number: 1, recycle_limit: 0, _originate_timeout: 60, call_pause_second: 10, auto_recycle_rule_id: 1 },
    badPath: "random_assignment_number",
    start: { task_id: "a b/c" },
    startPath: "/v1/task/start/a%20b%2Fc",
    signed: (h) => h.authorization === "Bearer tok4",
    ok: (data) => JSON.stringify(data ?? { message: "ok" }),
    error: { status: 422, body: JSON.stringify({ message: "The given data was invalid." }), code: "422", requestId: null },
  },
};

for (const [vendor, v] of Object.entries(vendors)) {
  test(`${vendor}: validate, buildRequest and Client through the package`, async () => {
    const issues = waihu.validate(vendor, "createTask", v.bad);
    assert.ok(issues.some((i) => i.path.join(".") === v.badPath && i.severity === "error"), `${v.badPath} in ${JSON.stringify(issues.map((i) => i.path.join(".")))}`);
    assert.ok(issues.every((i) => typeof i.message === "string" && i.message.length > 0));

    const baseUrl = `${srv.url}/${vendor}`;
    const req = waihu.buildRequest(vendor, "startTask", v.start, { credentials: v.credentials, baseUrl, now: NOW });
    assert.ok(req.url.startsWith(`${baseUrl}${v.startPath}`), req.url);
    assert.ok(v.signed(Object.fromEntries(Object.entries(req.headers).map(([k, val]) => [k.toLowerCase(), val]))), JSON.stringify(req.headers));
    assert.throws(() => waihu.buildRequest(vendor, "startTask", v.start, { credentials: {}, baseUrl }), (e) => waihu.isValidationError(e) && e.issues.every((i) => i.path[0] === "credentials"));

    const client = new waihu.Client({ vendor, credentials: v.credentials, baseUrl, maxRetries: 0 });
    srv.reset();
    srv.reply({ body: v.ok(null) });
    await client.startTask(v.start);
    const [got] = srv.received;
    assert.equal(got.url, `/${vendor}${v.startPath}`);
    assert.ok(v.signed(got.headers), "the server saw a valid signature");
    assert.ok(!JSON.stringify(got.headers).includes(v.credentials.appSecret ?? v.credentials.apiSecret ?? "\u0000"), "no secret in the headers");

    srv.reset();
    srv.reply({ status: v.error.status ?? 200, body: v.error.body });
    await assert.rejects(client.startTask(v.start), (e) => waihu.isVendorError(e) && e.vendor === vendor && e.code === v.error.code && e.requestId === v.error.requestId);

    srv.reset();
    srv.reply({ body: "not json", contentType: "text/plain" });
    await assert.rejects(client.startTask(v.start), (e) => waihu.isResponseError(e) && e.vendor === vendor);
  });
}

test("operations a vendor lacks are UnsupportedOperationError, with the same shape everywhere", async () => {
  assert.throws(() => waihu.validate("itniotech", "stopTask", {}), (e) => waihu.isUnsupportedOperationError(e) && e.operation === "stopTask");
  const client = new waihu.Client({ vendor: "zxycall", credentials: { token: "t" }, baseUrl: srv.url });
  assert.equal(client.stopTask, undefined);
  await assert.rejects(client.call("stopTask", {}), (e) => waihu.isUnsupportedOperationError(e));
});
