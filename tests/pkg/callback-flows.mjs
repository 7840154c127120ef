// The callback "done when" scenario, shared by the Node run (callbacks.test.mjs) and the
// workerd run (tests/workerd/webhook.test.mjs): the vendor simulator dials N calls per vendor
// (Tanyi, BYRobot, Itniotech) and pushes their callbacks, with duplicates and reordering, to a
// webhook handler whose onEvent fails one call in five; then every call in the simulator's
// ledger must have reached onEvent exactly once, nothing else may have, and the simulator
// must record every delivery as finally acknowledged.
import assert from "node:assert/strict";
import http from "node:http";
import { startSimulator } from "../simulator/index.mjs";
import { vendorClient, people, T0 } from "../simulator/support/client.mjs";

export const VENDORS = ["tanyi", "byrobot", "itniotech"];

/** A Node http server that hands each request to a fetch-style handler (Node 18+'s Request). */
export async function serveFetch(handler) {
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const response = await handler(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

/** onEvent's fault: every fifth call throws (deterministic, whatever the order). */
export function failingOneInFive(record) {
  let n = 0;
  return async (event) => {
    if (++n % 5 === 0) throw new Error("injected handler failure");
    await record(event);
  };
}

async function tanyiJob(sim, clock, n) {
  const api = vendorClient(sim, clock, "tanyi");
  const created = await api.post("/apiOpen/v1/job/create", {
    concurrencyQuota: 1, jobPhoneNumberIdList: [348],
    robotCallJob: { name: "callback run", mode: "MANUAL", dailyStartTime: "09:00", dailyEndTime: "20:00", dialogFlowId: 2, phoneType: "LANDLINE", robotCount: 1 },
  });
  const id = created.json.data.robotCallJobId;
  const rows = people(n).map((p, i) => ({ name: p.name, phoneNumber: p.phone, properties: { 欠款金额: String(100 + i), 最后还款日期: "2024-02-01" } }));
  for (let i = 0; i < rows.length; i += 100) {
    assert.equal((await api.post("/apiOpen/v1/job/importCustomer", { robotCallJobId: id, customerPersons: rows.slice(i, i + 100) })).json.code, 200);
  }
  assert.equal((await api.post("/apiOpen/v1/job/start", { robotCallJobId: id })).json.code, 200);
  return id;
}

async function byrobotTask(sim, clock, n) {
  const api = vendorClient(sim, clock, "byrobot");
  const id = (await api.post("/openapi/v1/task/createTask", { companyId: 1, taskName: "回调任务", taskType: 2, userPhoneIds: [1], robotDefId: 1, callType: 0 })).json.data;
  const rows = people(n).map((p) => ({ ...p, properties: { 来源: "sim" } }));
  assert.equal((await api.post("/openapi/v2/task/importTaskCustomer", { companyId: 1, taskId: id, customerInfoList: rows })).json.code, 200);
  assert.equal((await api.post("/openapi/v1/task/start", { taskId: id })).json.code, 200);
  return id;
}

async function itniotechTask(sim, clock, n) {
  const api = vendorClient(sim, clock, "itniotech");
  const id = (await api.post("/aivoice/taskAdd", { appId: "demoAppId", name: "callback run", dialogFlowId: 8700, mode: "MANUAL", dailyStartDateTime: "09:00", dailyEndDateTime: "20:00", robotCount: 1, jobPhoneNumberId: 2959, redial: false })).json.data;
  const rows = people(n).map((p, i) => ({ name: p.name, phoneNumber: p.phone, gender: "FEMALE", properties: { amount: String(i) } }));
  for (let i = 0; i < rows.length; i += 100) {
    assert.deepEqual((await api.post("/aivoice/importCustomer", { appId: "demoAppId", jobId: id, customerPersons: rows.slice(i, i + 100) })).json.status, "0");
  }
  assert.equal((await api.post("/aivoice/taskStart", { appId: "demoAppId", jobId: id })).json.status, "0");
  return id;
}

/** Each ledger event's id as waihu derives it (README "Callbacks": `vendor:type:recordId`). */
function expectedId(e) {
  const type = { ROBOT_CALL_RECORD: "call.completed", CALL_INSTANCE_RESULT: "call.completed", pushCallRecord: "call.completed", ROBOT_CALL_SMS: "sms.sent" }[e.dataType];
  if (type) return `${e.vendor}:${type}:${e.recordId}`;
  // Task events: these runs only complete their tasks (Tanyi ROBOT_CALL_JOB, BYRobot JOB_INFO_RESULT status 2).
  return `${e.vendor}:task.completed:${e.taskId}`;
}

/**
 * Runs the scenario against `hookUrl(vendor)` and checks it. `handled()` gives what reached
 * onEvent and resolved: `[{ id, type, callId }]`.
 */
export async function runAndCheck({ hookUrl, handled, n = 2000, timeoutMs = 120_000, concurrency = 32 }) {
  const clock = { now: T0 };
  const sim = await startSimulator({ port: 0, seed: 15, clock: () => clock.now, dialMs: 0 });
  try {
    sim.setCallbacks({
      tanyi: { url: hookUrl("tanyi") },
      byrobot: { callUrl: hookUrl("byrobot"), taskUrl: hookUrl("byrobot"), contentType: "text" },
      itniotech: { url: hookUrl("itniotech") },
      // BYRobot's documented address, as Cloudflare's CF-Connecting-IP.
      sourceIp: "120.55.46.3",
      timeScale: 1e-4, concurrency, duplicateRate: 0.2, reorder: true, reorderWindowMs: 20,
    });
    const tasks = Object.fromEntries(VENDORS.map((v, i) => [v, [tanyiJob, byrobotTask, itniotechTask][i]]));
    const ids = {};
    await Promise.all(VENDORS.map(async (v) => (ids[v] = await tasks[v](sim, clock, n))));
    const snap = await sim.callbacksSettled({ timeoutMs });
    const ledger = sim.ledger();
    const got = await handled();

    // The simulator: every delivery finally acknowledged, none given up; duplicates were sent
    // and acknowledged too; failures happened and were retried.
    assert.equal(snap.totals.givenUp, 0);
    assert.equal(snap.totals.pending, 0);
    assert.equal(snap.totals.acknowledged, snap.totals.events);
    assert.ok(snap.totals.duplicatesSent > 0, "duplicates were injected");
    const dups = snap.events.filter((e) => e.duplicatesSent > 0);
    // A duplicate that got a reply got the acknowledgement. (Under miniflare a few duplicates
    // meet a keep-alive socket the runtime is closing, ECONNRESET: they never arrive, and the
    // simulator does not resend duplicates.)
    const unacked = dups.filter((e) => e.duplicateStatus !== 200 && e.duplicateStatus !== null);
    assert.deepEqual(unacked.map((e) => [e.key, e.duplicateStatus]), [], "every duplicate that arrived was acknowledged");
    assert.ok(dups.filter((e) => e.duplicateStatus === 200).length > dups.length * 0.9, "most duplicates arrived");
    assert.ok(snap.events.some((e) => e.attempts >= 2), "failed deliveries were retried");

    // onEvent: each event exactly once, nothing else.
    const count = new Map();
    for (const e of got) count.set(e.id, (count.get(e.id) ?? 0) + 1);
    const twice = [...count].filter(([, k]) => k > 1);
    assert.deepEqual(twice, [], "no event reached onEvent twice");
    const expected = new Set(snap.events.map(expectedId));
    assert.equal(expected.size, snap.events.length, "one waihu id per ledger event");
    assert.deepEqual(new Set(count.keys()), expected, "exactly the ledger's events reached onEvent");

    for (const v of VENDORS) {
      const dialled = ledger[v].tasks[ids[v]].dialedCalls.map((c) => String(c.recordId));
      assert.equal(new Set(dialled).size, n, `${v}: ${n} dialled calls`);
      const calls = got.filter((e) => e.id.startsWith(`${v}:call.completed:`));
      assert.equal(calls.length, n, `${v}: every call once`);
      assert.deepEqual(new Set(calls.map((e) => e.callId)), new Set(dialled), `${v}: the ledger's calls`);
    }
    return { snap, got };
  } finally {
    await sim.close();
  }
}
