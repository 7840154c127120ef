// Push callbacks: config API, payload shapes against the vendors' example
// payloads (support/callback-examples.mjs, copied from the vendors' callback docs (src/vendors/*/README.md §7)),
// acknowledgement rules, retry schedules (compressed), faults, and a 2 000-call
// run per vendor against a receiver that fails 20 % of attempts.
// The expected schedules are written here again from the docs, not imported
// from lib/schedules.mjs, so the test checks the engine against the pages.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startSimulator } from './index.mjs';
import { startTestSim, vendorClient, request, people, T0 } from './support/client.mjs';
import * as EX from './support/callback-examples.mjs';

// ---- helpers -------------------------------------------------------------------

const tryJson = (s) => { try { return JSON.parse(s); } catch { return undefined; } };

/**
 * A local webhook receiver. reply(delivery, all) → {status, body} or 'hang'
 * (never answer). Each delivery: {n, at, path, headers, text, json}.
 */
async function receiver(reply = () => ({ status: 200, body: 'success' })) {
  const got = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const d = { n: got.length + 1, at: Date.now(), path: req.url, headers: req.headers, text, json: tryJson(text) };
      got.push(d);
      const r = reply(d, got);
      if (r === 'hang') return;
      res.writeHead(r.status ?? 200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(r.body ?? '');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: (p = '/hook') => `${base}${p}`,
    got,
    close: () => { server.closeAllConnections(); return new Promise((r) => server.close(r)); },
  };
}

/** Poll until fn() is truthy (bounded). */
async function waitFor(fn, timeoutMs = 5000, what = 'condition') {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const kind = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const keys = (o) => Object.keys(o).sort();
/** Same key set as the example, and the same JSON type wherever both values are non-null. */
function likeExample(actual, example, where) {
  assert.deepEqual(keys(actual), keys(example), `${where}: key set differs from the documented example`);
  for (const [k, v] of Object.entries(example)) {
    if (v === null || actual[k] === null) continue;
    assert.equal(kind(actual[k]), kind(v), `${where}.${k}: ${kind(actual[k])}, the example has ${kind(v)}`);
  }
}
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

// Vendor flows: create a task, import n customers, start it.
async function tanyiJob(sim, clock, n, { start = true } = {}) {
  const api = vendorClient(sim, clock, 'tanyi');
  const created = await api.post('/apiOpen/v1/job/create', {
    concurrencyQuota: 1, jobPhoneNumberIdList: [348],
    robotCallJob: { name: 'callback job', mode: 'MANUAL', dailyStartTime: '09:00', dailyEndTime: '20:00', dialogFlowId: 2, phoneType: 'LANDLINE', robotCount: 1 },
  });
  const id = created.json.data.robotCallJobId;
  const rows = people(n).map((p, i) => ({ name: p.name, phoneNumber: p.phone, properties: { 欠款金额: String(100 + i), 最后还款日期: '2024-02-01' } }));
  for (let i = 0; i < rows.length; i += 100) {
    assert.equal((await api.post('/apiOpen/v1/job/importCustomer', { robotCallJobId: id, customerPersons: rows.slice(i, i + 100) })).json.code, 200);
  }
  if (start) assert.equal((await api.post('/apiOpen/v1/job/start', { robotCallJobId: id })).json.code, 200);
  return { api, id, rows };
}
async function byrobotTask(sim, clock, n, { start = true } = {}) {
  const api = vendorClient(sim, clock, 'byrobot');
  const id = (await api.post('/openapi/v1/task/createTask', { companyId: 1, taskName: '回调任务', taskType: 2, userPhoneIds: [1], robotDefId: 1, callType: 0, breakStartTime: '12:00', breakEndTime: '13:00' })).json.data;
  const rows = people(n).map((p) => ({ ...p, properties: { 来源: 'sim' } }));
  assert.equal((await api.post('/openapi/v2/task/importTaskCustomer', { companyId: 1, taskId: id, customerInfoList: rows })).json.code, 200);
  if (start) assert.equal((await api.post('/openapi/v1/task/start', { taskId: id })).json.code, 200);
  return { api, id, rows };
}
let itnName = 0;
async function itniotechTask(sim, clock, n, { start = true } = {}) {
  const api = vendorClient(sim, clock, 'itniotech');
  const id = (await api.post('/aivoice/taskAdd', { appId: 'demoAppId', name: `cb ${++itnName}`, dialogFlowId: 8700, mode: 'MANUAL', dailyStartDateTime: '09:00', dailyEndDateTime: '20:00', robotCount: 1, jobPhoneNumberId: 2959, redial: false })).json.data;
  const rows = people(n).map((p, i) => ({ name: p.name, phoneNumber: p.phone, gender: 'FEMALE', properties: { amount: String(i) } }));
  for (let i = 0; i < rows.length; i += 100) {
    const r = await api.post('/aivoice/importCustomer', { appId: 'demoAppId', jobId: id, customerPersons: rows.slice(i, i + 100) });
    assert.deepEqual([r.json.status, r.json.data], ['0', []]);
  }
  if (start) assert.equal((await api.post('/aivoice/taskStart', { appId: 'demoAppId', jobId: id })).json.status, '0');
  return { api, id, rows };
}

const eventsOf = (snap, dataType) => snap.events.filter((e) => e.dataType === dataType);
/** Gaps between consecutive attempts of one ledger event, in ms. */
const gaps = (e) => e.attemptTimes.slice(1).map((t, i) => t - e.attemptTimes[i]);
/**
 * The engine planned exactly the documented intervals (× timeScale), and no
 * measured gap is shorter. (How late a timer fires depends on the machine's load:
 * no upper bound, which would be a timing in a pass/fail test.)
 */
function assertSchedule(e, expectedS, timeScale) {
  const g = gaps(e);
  assert.equal(g.length, expectedS.length, `${e.key}: ${g.length} retries, expected ${expectedS.length}`);
  assert.equal(e.retryDelaysMs.length, expectedS.length);
  e.retryDelaysMs.forEach((ms, i) => assert.ok(Math.abs(ms - expectedS[i] * 1000 * timeScale) < 1e-6, `${e.key} retry ${i + 1}: planned ${ms} ms, the page says ${expectedS[i]} s × ${timeScale}`));
  for (let i = 0; i < g.length; i++) {
    const want = expectedS[i] * 1000 * timeScale;
    if (want < 4) continue; // near timer resolution: only the count is checked
    // A timer never fires early (by more than its 1 ms rounding).
    assert.ok(g[i] >= want * 0.97 - 1, `${e.key} retry ${i + 1}: waited ${g[i]} ms, schedule says ${want} ms`);
  }
}

// The documented schedules (seconds between attempts), written from the pages:
// tanyi-callBack.md "最多回调10次 … 1分钟，2分钟，4分钟，8分钟间隔依次递增"
const TANYI_S = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((m) => m * 60);
// byrobot-CallBack.md "回调时间" table (retries 1–16), then every 2 h up to 27.
const BYROBOT_S = [10, 30, ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((m) => m * 60), 20 * 60, 30 * 60, 3600, 7200, ...Array(11).fill(7200)];

// ---- the tests --------------------------------------------------------------------

test('the documented BYRobot schedule is 27 retries over 26 h 46 min', () => {
  assert.equal(BYROBOT_S.length, 27);
  const total = BYROBOT_S.reduce((a, b) => a + b, 0);
  assert.equal(total, 26 * 3600 + 45 * 60 + 40); // 26 h 45 min 40 s, "26小时46分" rounded
  assert.equal(TANYI_S.reduce((a, b) => a + b, 0), 1023 * 60); // 17 h 3 min, within "可达24小时"
});

test('control API: POST/GET /__sim/callbacks, validation, ZXY refused, reset restores the start config', async () => {
  const { sim } = await startTestSim();
  try {
    const post = (body) => request(sim.url, 'POST', '/__sim/callbacks', { body });
    const zxy = await post({ zxycall: { url: 'http://127.0.0.1:9/x' } });
    assert.equal(zxy.status, 400);
    assert.match(zxy.json.error, /ZXY documents no callback format/);
    for (const bad of [
      { tanyi: { url: 'ftp://x' } }, { tanyi: {} }, { tanyi: { url: 'http://x', extra: 1 } }, { nope: 1 },
      { byrobot: { contentType: 'json' } }, { byrobot: { callUrl: 'http://x', contentType: 'xml' } },
      { timeScale: 0 }, { concurrency: 0 }, { duplicateRate: 2 }, { reorder: 'yes' }, { sourceIp: 'not-an-ip' },
    ]) {
      const r = await post(bad);
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.equal(typeof r.json.error, 'string');
    }
    assert.equal((await request(sim.url, 'POST', '/__sim/callbacks', { body: '{oops' })).status, 400);
    const ok = await post({ tanyi: { url: 'http://127.0.0.1:9/t' }, byrobot: { callUrl: 'http://127.0.0.1:9/c', contentType: 'text' }, sourceIp: '120.55.46.3' });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.ok, true);
    const c = ok.json.callbacks;
    assert.deepEqual([c.timeScale, c.concurrency, c.timeoutMs, c.duplicateRate, c.reorder, c.seed, c.sourceIp], [1, 16, 5000, 0, false, 1, '120.55.46.3']);
    assert.deepEqual(c.byrobot, { sourceIp: null, callUrl: 'http://127.0.0.1:9/c', taskUrl: null, contentType: 'text' });
    assert.equal(c.itniotech, null);
    const got = await request(sim.url, 'GET', '/__sim/callbacks');
    assert.deepEqual(got.json.callbacks, c);
    assert.deepEqual(got.json.events, []);
    assert.deepEqual(Object.keys(got.json.totals).sort(), ['acknowledged', 'attempts', 'duplicatesPending', 'duplicatesSent', 'events', 'givenUp', 'inFlight', 'pending']);
    assert.deepEqual(sim.callbacks(), got.json, 'library and HTTP views agree');
    assert.throws(() => sim.setCallbacks({ zxycall: {} }), /ZXY/);
    await request(sim.url, 'POST', '/__sim/reset');
    assert.equal((await request(sim.url, 'GET', '/__sim/callbacks')).json.callbacks, null, 'reset clears it');
  } finally { await sim.close(); }

  // A config given at start is validated there and restored by reset.
  await assert.rejects(startSimulator({ port: 0, callbacks: { zxycall: { url: 'http://x' } } }), /ZXY/);
  const { sim: s2 } = await startTestSim({ callbacks: { itniotech: { url: 'http://127.0.0.1:9/i' } } });
  try {
    assert.equal(s2.callbacks().callbacks.itniotech.url, 'http://127.0.0.1:9/i');
    s2.setCallbacks({});
    assert.equal(s2.callbacks().callbacks.itniotech, null);
    s2.reset();
    assert.equal(s2.callbacks().callbacks.itniotech.url, 'http://127.0.0.1:9/i');
  } finally { await s2.close(); }
});

test('Tanyi: every dialled call gives one acknowledged ROBOT_CALL_RECORD shaped like the example; SMS and job events', async () => {
  const rx = await receiver();
  const { sim, clock } = await startTestSim({ dialMs: 0 });
  try {
    sim.setCallbacks({ tanyi: { url: rx.url('/tanyi') }, timeScale: 0.001, sourceIp: '120.55.46.3' });
    const { id, rows } = await tanyiJob(sim, clock, 40);
    // No more requests: the dial timer dials and the engine pushes by itself.
    await waitFor(() => rx.got.filter((d) => d.json?.dataType === 'ROBOT_CALL_RECORD').length === 40, 5000, '40 call records');
    const snap = await sim.callbacksSettled({ timeoutMs: 5000 });
    const task = sim.ledger().tanyi.tasks[id];
    assert.equal(task.dialedCalls.length, 40);
    const recs = eventsOf(snap, 'ROBOT_CALL_RECORD');
    assert.deepEqual(recs.map((e) => e.recordId).sort(), task.dialedCalls.map((c) => c.recordId).sort(), 'one event per dialled call');
    for (const e of recs) {
      assert.deepEqual([e.acknowledged, e.givenUp, e.attempts, e.duplicatesSent, e.lastStatus, e.lastError], [true, false, 1, 0, 200, null]);
      assert.equal(e.url, rx.url('/tanyi'));
    }
    for (const k of ['key', 'vendor', 'dataType', 'url', 'recordId', 'taskId', 'phone', 'attempts', 'acknowledged', 'givenUp', 'duplicatesSent', 'lastStatus', 'lastError']) assert.ok(k in recs[0], k);
    assert.deepEqual(snap.totals, { events: snap.events.length, acknowledged: snap.events.length, pending: 0, givenUp: 0, attempts: snap.events.length, duplicatesSent: 0, duplicatesPending: 0, inFlight: 0 });

    // Payload: {dataType, data} like the page's example, one delivery per record id.
    const bodies = rx.got.filter((d) => d.json?.dataType === 'ROBOT_CALL_RECORD').map((d) => d.json);
    assert.equal(new Set(bodies.map((b) => b.data.callRecordId)).size, 40);
    const byPhone = new Map(rows.map((r) => [r.phoneNumber, r]));
    for (const b of bodies) {
      assert.deepEqual(keys(b), ['data', 'dataType']);
      likeExample(b.data, EX.TANYI_CALL_RECORD.data, 'ROBOT_CALL_RECORD.data');
      for (const d of b.data.callDetailList) {
        likeExample(d, EX.TANYI_CALL_RECORD.data.callDetailList[0], 'callDetailList[]');
        assert.ok(['PERSON', 'ROBOT'].includes(d.type));
      }
      assert.equal(b.data.robotCallJobId, id);
      assert.equal(b.data.tenantId, 1);
      assert.equal(b.data.dialogFlowId, 2);
      assert.match(b.data.startTime, DATETIME);
      assert.match(b.data.endTime, DATETIME);
      assert.equal(b.data.startTime, '2024-01-15 10:00:00', 'UTC+8 wall clock of the simulator clock');
      assert.ok(Number.isInteger(b.data.chatDuration) && Number.isInteger(b.data.chatRound));
      assert.deepEqual(b.data.properties, byPhone.get(b.data.calledPhoneNumber).properties, "the customer's properties");
      assert.ok(['A', 'B', 'C', 'D', 'E', 'F'].includes(b.data.intentLevel));
    }
    // Same data as the query API.
    const one = bodies[0].data;
    const detail = (await vendorClient(sim, clock, 'tanyi').get('/apiOpen/v1/callRecord/callDetail', { callRecordId: one.callRecordId })).json.data;
    for (const k of ['resultStatus', 'intentLevel', 'startTime', 'endTime', 'chatDuration', 'chatRound', 'fullAudioUrl']) assert.deepEqual(one[k], detail.callRecord[k], k);

    // SMS (CHOICE: ANSWERED + intent A), same URL, like the example.
    const sms = rx.got.filter((d) => d.json?.dataType === 'ROBOT_CALL_SMS').map((d) => d.json);
    const intentA = bodies.filter((b) => b.data.resultStatus === 'ANSWERED' && b.data.intentLevel === 'A');
    assert.ok(intentA.length > 0, 'seed 1 has intent-A calls');
    assert.deepEqual(sms.map((s) => s.data.callRecordId).sort(), intentA.map((b) => b.data.callRecordId).sort());
    for (const s of sms) {
      likeExample(s.data, EX.TANYI_SMS.data, 'ROBOT_CALL_SMS.data');
      likeExample(s.data.msgList[0], EX.TANYI_SMS.data.msgList[0], 'msgList[]');
      assert.equal(s.data.robotCallRobotId, id);
    }
    // Job completed → exactly one ROBOT_CALL_JOB, as the example.
    const jobs = rx.got.filter((d) => d.json?.dataType === 'ROBOT_CALL_JOB').map((d) => d.json);
    assert.deepEqual(jobs, [{ dataType: 'ROBOT_CALL_JOB', data: { robotCallJobId: id, tenantId: 1, status: 'COMPLETED' } }]);
    likeExample(jobs[0].data, EX.TANYI_JOB.data, 'ROBOT_CALL_JOB.data');

    // Headers: POST JSON, the configured source IP as CF-Connecting-IP.
    for (const d of rx.got) {
      assert.equal(d.headers['content-type'], 'application/json;charset=utf-8');
      assert.equal(d.headers['cf-connecting-ip'], '120.55.46.3');
      assert.equal(d.path, '/tanyi');
    }
    // Bodies on request.
    const withBodies = (await request(sim.url, 'GET', '/__sim/callbacks', { query: { bodies: '1' } })).json;
    assert.deepEqual(JSON.parse(withBodies.events[0].body).data.callRecordId, withBodies.events[0].recordId);
    assert.equal(sim.callbacks().events[0].body, undefined);
  } finally { await sim.close(); await rx.close(); }
});

for (const contentType of ['json', 'text']) {
  test(`BYRobot (${contentType}): CALL_INSTANCE_RESULT to callUrl and JOB_INFO_RESULT to taskUrl, shaped like the examples`, async () => {
    const rx = await receiver();
    const { sim, clock } = await startTestSim({ dialMs: 1000 });
    try {
      sim.setCallbacks({ byrobot: { callUrl: rx.url('/call'), taskUrl: rx.url('/task'), contentType }, timeScale: 0.001 });
      const { api, id } = await byrobotTask(sim, clock, 8);
      clock.now = T0 + 2500; // 3 dialled (the first at start)
      await waitFor(() => rx.got.filter((d) => d.path === '/call').length === 3, 5000, '3 call records');
      assert.equal((await api.post('/openapi/v1/task/pause', { taskId: id })).json.code, 200);
      await waitFor(() => rx.got.some((d) => d.path === '/task'), 5000, 'the pause event');
      assert.equal((await api.post('/openapi/v1/task/start', { taskId: id })).json.code, 200);
      clock.now = T0 + 100000;
      const snap = await sim.callbacksSettled({ timeoutMs: 5000 });

      const task = sim.ledger().byrobot.tasks[id];
      const calls = eventsOf(snap, 'CALL_INSTANCE_RESULT');
      assert.equal(task.dialedCalls.length, 8);
      assert.deepEqual(calls.map((e) => e.recordId).sort(), task.dialedCalls.map((c) => c.recordId).sort());
      assert.ok(calls.every((e) => e.acknowledged && e.attempts === 1 && e.url === rx.url('/call')));
      const wantType = contentType === 'json' ? 'application/json;charset=utf-8' : 'text/plain;charset=utf-8';
      assert.ok(rx.got.every((d) => d.headers['content-type'] === wantType));
      assert.ok(rx.got.every((d) => d.headers['cf-connecting-ip'] === undefined), 'no sourceIp, no header');

      const callBodies = rx.got.filter((d) => d.path === '/call').map((d) => d.json);
      assert.equal(callBodies.length, 8);
      const ex = EX.BYROBOT_CALL_INSTANCE;
      for (const b of callBodies) {
        likeExample(b, ex, 'envelope');
        likeExample(b.data, ex.data, 'envelope.data');
        assert.equal(b.code, 200);
        assert.equal(b.data.dataType, 'CALL_INSTANCE_RESULT');
        const d = b.data.data;
        likeExample(d, ex.data.data, 'data.data');
        likeExample(d.sceneInstance, ex.data.data.sceneInstance, 'sceneInstance');
        likeExample(d.phoneLog, ex.data.data.phoneLog, 'phoneLog');
        for (const l of d.phoneLog.phoneLogs) {
          likeExample(l, ex.data.data.phoneLog.phoneLogs[0], 'phoneLogs[]');
          assert.ok(['AI', 'ME'].includes(l.speaker));
        }
        for (const r of d.taskResult) {
          likeExample(r, ex.data.data.taskResult[0], 'taskResult[]');
          assert.match(r.resultValueAlias, /^[A-F]$/);
        }
        const s = d.sceneInstance;
        assert.equal(s.callJobId, id);
        assert.ok([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 22].includes(s.finishStatus), 'src/vendors/byrobot/README.md finishStatus enum');
        assert.ok(Number.isInteger(s.cost) && Number.isInteger(s.duration));
        assert.match(s.startTime, DATETIME);
        assert.deepEqual(JSON.parse(s.properties), { 来源: 'sim' });
        assert.equal(d.sign, null);
        assert.match(d.dateTime, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} GMT \d{4}$/, 'the example form "Thu Oct 16 07:13:48 GMT 2014"');
      }
      // jobFinished only on the call that completed the task.
      assert.deepEqual(callBodies.filter((b) => b.data.data.jobFinished).map((b) => b.data.data.sceneInstance.callInstanceId), [Math.max(...task.dialedCalls.map((c) => c.recordId))]);
      // Same data as phoneLogInfo.
      const first = callBodies[0].data.data.sceneInstance;
      const info = (await api.get('/openapi/v1/task/phoneLogInfo', { callInstanceId: first.callInstanceId })).json.data.sceneInstance;
      for (const k of ['callInstanceId', 'callJobId', 'customerTelephone', 'finishStatus', 'duration', 'chatRound', 'startTime', 'endTime', 'callerPhone', 'luyinOssUrl', 'properties', 'hangUp']) assert.deepEqual(first[k], info[k], k);

      // Task events: paused (4), then completed (2).
      const jobs = rx.got.filter((d) => d.path === '/task').map((d) => d.json);
      assert.deepEqual(jobs.map((j) => j.data.data.status), [4, 2]);
      for (const j of jobs) {
        likeExample(j, EX.BYROBOT_JOB_INFO, 'JOB_INFO_RESULT envelope');
        assert.equal(j.data.dataType, 'JOB_INFO_RESULT');
        likeExample(j.data.data, EX.BYROBOT_JOB_INFO.data.data, 'JOB_INFO_RESULT.data');
        assert.deepEqual([j.data.data.callJobId, j.data.data.jobType, j.data.data.breakStartTime], [id, 2, '12:00:00']);
      }
    } finally { await sim.close(); await rx.close(); }
  });
}

test('Itniotech: pushCallRecord per call, epoch-second times, any 2xx acknowledges; the dial timer runs on a real clock', async () => {
  const rx = await receiver(() => ({ status: 204 }));
  const sim = await startSimulator({ port: 0, seed: 1, dialMs: 3 });
  const clock = { get now() { return Date.now(); } };
  try {
    sim.setCallbacks({ itniotech: { url: rx.url('/push') }, timeScale: 0.001 });
    const before = Math.floor(Date.now() / 1000);
    const { id, rows } = await itniotechTask(sim, clock, 12);
    await waitFor(() => rx.got.length === 12, 5000, '12 pushes');
    const snap = await sim.callbacksSettled({ timeoutMs: 5000 });
    const task = sim.ledger().itniotech.tasks[id];
    assert.equal(task.lifecycle, 'completed');
    const pushes = eventsOf(snap, 'pushCallRecord');
    assert.deepEqual(pushes.map((e) => e.recordId).sort(), task.dialedCalls.map((c) => c.recordId).sort());
    assert.ok(pushes.every((e) => e.acknowledged && e.attempts === 1 && e.lastStatus === 204));
    const byPhone = new Map(rows.map((r) => [r.phoneNumber, r]));
    for (const { json: b, headers } of rx.got) {
      assert.equal(headers['content-type'], 'application/json;charset=utf-8');
      assert.deepEqual(keys(b), [...EX.ITNIOTECH_PUSH_FIELDS, ...EX.ITNIOTECH_PUSH_CHOICE_FIELDS].sort());
      assert.equal(b.appId, 'demoAppId');
      assert.equal(b.robotCallJobId, id);
      assert.equal(b.dialogFlowId, 8700);
      assert.equal(b.tenantPhoneNumberId, 2959);
      for (const k of ['startTime', 'endTime']) {
        assert.ok(Number.isInteger(b[k]) && b[k] >= before - 1 && b[k] < before + 3600, `${k} in epoch seconds: ${b[k]}`);
      }
      assert.ok(b.endTime >= b.startTime);
      assert.ok(['ANSWERED', 'NO_ANSWER', 'BUSY', 'POWER_OFF', 'OUT_OF_SERVICE', 'REFUSED', 'VACANT_NUMBER', 'CAN_NOT_CONNECT', 'FROM_PHONE_ERROR', 'SYSTEM_ERROR', 'CALL_LOSS', 'TRANSFER_ARTIFICIAL'].includes(b.resultStatus));
      assert.deepEqual(b.properties, byPhone.get(b.calledPhoneNumber).properties);
      for (const d of b.callDetailList) {
        assert.deepEqual(keys(d), [...EX.ITNIOTECH_DETAIL_FIELDS].sort());
        assert.ok(['PERSON', 'ROBOT'].includes(d.type));
        assert.ok(Number.isInteger(d.startOffset) && d.endOffset > d.startOffset);
      }
      assert.equal(typeof b.pay, 'number');
    }
  } finally { await sim.close(); await rx.close(); }
});

// Timer-bound tests that mostly wait: run side by side (each has its own simulator and receiver).
describe('retries and faults', { concurrency: true }, () => {
  test('Tanyi: a receiver answering 500 gets 10 retries at 1, 2, 4 … 512 min (compressed), then the delivery is given up', async () => {
    const rx = await receiver(() => ({ status: 500, body: 'success' })); // a 500 never acknowledges
    const { sim, clock } = await startTestSim({ dialMs: 0 });
    const timeScale = 5e-6; // 512 min → 154 ms; the whole schedule ≈ 0.31 s
    try {
      sim.setCallbacks({ tanyi: { url: rx.url() }, timeScale });
      await tanyiJob(sim, clock, 2);
      const snap = await sim.callbacksSettled({ timeoutMs: 8000 });
      assert.ok(snap.events.length >= 3); // 2 records + the job (+ SMS if any)
      for (const e of snap.events) {
        assert.deepEqual([e.acknowledged, e.givenUp, e.attempts, e.lastStatus, e.lastError], [false, true, 11, 500, 'HTTP 500']);
        assertSchedule(e, TANYI_S, timeScale);
      }
      assert.equal(rx.got.length, 11 * snap.events.length);
      assert.equal(snap.totals.givenUp, snap.events.length);
      // Every delivery of one event carries the same body.
      for (const e of snap.events) {
        const texts = new Set(rx.got.filter((d) => d.headers['x-sim-callback-key'] === e.key).map((d) => d.text));
        assert.equal(texts.size, 1, e.key);
      }
    } finally { await sim.close(); await rx.close(); }
  });

  test('BYRobot: 27 retries on the documented schedule, then given up; queryUnCallBack lists the failed call', async () => {
    const rx = await receiver(() => ({ status: 500 }));
    const { sim, clock } = await startTestSim({ dialMs: 0 });
    const timeScale = 5e-6; // 20 min → 6 ms, 2 h → 36 ms; the whole schedule ≈ 0.48 s
    try {
      sim.setCallbacks({ byrobot: { callUrl: rx.url('/call') }, timeScale });
      const { api, id } = await byrobotTask(sim, clock, 1);
      const snap = await sim.callbacksSettled({ timeoutMs: 8000 });
      assert.equal(snap.events.length, 1, 'no taskUrl: no JOB_INFO_RESULT');
      const [e] = snap.events;
      assert.deepEqual([e.acknowledged, e.givenUp, e.attempts], [false, true, 28]);
      assertSchedule(e, BYROBOT_S, timeScale);
      assert.equal(rx.got.length, 28);
      const un = (await api.get('/openapi/v1/callBack/queryUnCallBack', { companyId: 1, dataType: 0, startDate: '2024-01-15', endDate: '2024-01-15' })).json.data;
      assert.deepEqual(un.list, [{ customerTelephone: e.phone, callInstanceId: e.recordId, callJobId: id, callerTime: '2024-01-15 10:00:00' }]);
      assert.equal((await api.get('/openapi/v1/callBack/queryUnCallBack', { companyId: 1, dataType: 1, startDate: '2024-01-15', endDate: '2024-01-15' })).json.data.total, 0);
      assert.equal((await api.get('/openapi/v1/callBack/queryUnCallBack', { companyId: 1, dataType: 0, startDate: '2024-01-16', endDate: '2024-01-16' })).json.data.total, 0);
    } finally { await sim.close(); await rx.close(); }
  });

  test('BYRobot: anything but the exact body "success" with a 2xx is a failed attempt, retried after 10 s, 30 s, 1 … 10 min', async () => {
    // Five ways of not acknowledging, then 500s, then "success" on the 13th attempt.
    const replies = [[200, 'ok'], [200, '"success"'], [200, 'success\n'], [500, 'success'], [200, 'SUCCESS'], ...Array(7).fill([500, '']), [200, 'success']];
    const rx = await receiver((d, all) => { const [status, body] = replies[all.length - 1] ?? [200, 'success']; return { status, body }; });
    const { sim, clock } = await startTestSim({ dialMs: 0 });
    const timeScale = 1e-4; // 1 min → 6 ms … 10 min → 60 ms; ≈ 0.33 s in all
    try {
      sim.setCallbacks({ byrobot: { callUrl: rx.url('/call'), contentType: 'text' }, timeScale });
      await byrobotTask(sim, clock, 1);
      const [e] = (await sim.callbacksSettled({ timeoutMs: 5000 })).events;
      assert.deepEqual([e.acknowledged, e.givenUp, e.attempts, e.lastStatus, e.lastError], [true, false, 13, 200, null]);
      assertSchedule(e, BYROBOT_S.slice(0, 12), timeScale);
      assert.equal(rx.got.length, 13);
      assert.equal(new Set(rx.got.map((d) => d.text)).size, 1, 'the same body every time');
      assert.deepEqual(rx.got.map((d) => d.headers['x-sim-attempt']), replies.map((_, i) => String(i + 1)));
    } finally { await sim.close(); await rx.close(); }
  });

  test('Itniotech: no reply within timeoutMs is a failed attempt (retried, then given up); a late 2xx acknowledges', async () => {
    const rx = await receiver(() => 'hang');
    const { sim, clock } = await startTestSim({ dialMs: 0 });
    try {
      // 60 ms: long enough for the receiver to have read each request even on a loaded machine.
      sim.setCallbacks({ itniotech: { url: rx.url() }, timeScale: 1e-6, timeoutMs: 60 });
      await itniotechTask(sim, clock, 1);
      const [e] = (await sim.callbacksSettled({ timeoutMs: 5000 })).events;
      assert.deepEqual([e.acknowledged, e.givenUp, e.attempts, e.lastStatus], [false, true, 11, null]);
      assert.match(e.lastError, /timeout/);
      assert.ok(gaps(e).every((g) => g >= 59), 'each attempt waited for its timeout');
      assert.equal(rx.got.length, 11);
    } finally { await sim.close(); await rx.close(); }

    const rx2 = await receiver((d, all) => (all.length <= 2 ? 'hang' : { status: 202, body: 'whatever' }));
    const { sim: s2, clock: c2 } = await startTestSim({ dialMs: 0 });
    try {
      // A timeout far above any reply time on a loaded machine: the answered attempt is never
      // taken for a timed-out one.
      s2.setCallbacks({ itniotech: { url: rx2.url() }, timeScale: 1e-4, timeoutMs: 1000 });
      await itniotechTask(s2, c2, 1);
      const [e] = (await s2.callbacksSettled({ timeoutMs: 15000 })).events;
      assert.deepEqual([e.acknowledged, e.attempts, e.lastStatus, e.lastError], [true, 3, 202, null]);
    } finally { await s2.close(); await rx2.close(); }
  });

  test('duplicateRate: acknowledged records are sent once more, byte for byte, chosen by seed', async () => {
    const run = async () => {
      const rx = await receiver();
      const { sim, clock } = await startTestSim({ dialMs: 0 });
      try {
        sim.setCallbacks({ tanyi: { url: rx.url() }, timeScale: 1e-4, duplicateRate: 0.5, seed: 7 });
        await tanyiJob(sim, clock, 40);
        const snap = await sim.callbacksSettled({ timeoutMs: 5000 });
        const dupes = snap.events.filter((e) => e.duplicatesSent > 0);
        assert.ok(dupes.length > 0 && dupes.length < snap.events.length, `${dupes.length} of ${snap.events.length}`);
        assert.ok(snap.events.every((e) => e.acknowledged && e.attempts === 1 && e.duplicatesSent <= 1));
        assert.equal(snap.totals.duplicatesSent, dupes.length);
        assert.equal(rx.got.length, snap.events.length + dupes.length);
        for (const e of dupes) {
          const sent = rx.got.filter((d) => d.headers['x-sim-callback-key'] === e.key);
          assert.equal(sent.length, 2);
          assert.equal(sent[0].text, sent[1].text);
          assert.equal(sent[1].headers['x-sim-duplicate'], '1');
        }
        return dupes.map((e) => e.key).sort();
      } finally { await sim.close(); await rx.close(); }
    };
    assert.deepEqual(await run(), await run(), 'the same seed duplicates the same events');
  });

  test('reorder: events leave in a seeded shuffled order instead of call order', async () => {
    const order = async (cfg) => {
      const rx = await receiver();
      const { sim, clock } = await startTestSim({ dialMs: 0 });
      try {
        sim.setCallbacks({ tanyi: { url: rx.url() }, concurrency: 1, timeScale: 1e-4, ...cfg });
        await tanyiJob(sim, clock, 20);
        await sim.callbacksSettled({ timeoutMs: 5000 });
        return rx.got.filter((d) => d.json.dataType === 'ROBOT_CALL_RECORD').map((d) => d.json.data.callRecordId);
      } finally { await sim.close(); await rx.close(); }
    };
    const inOrder = await order({});
    assert.deepEqual(inOrder, [...inOrder].sort((a, b) => a - b), 'without reorder: call order');
    const shuffled = await order({ reorder: true, seed: 3 });
    assert.deepEqual([...shuffled].sort((a, b) => a - b), inOrder, 'the same events');
    assert.notDeepEqual(shuffled, inOrder);
    assert.deepEqual(await order({ reorder: true, seed: 3 }), shuffled, 'same seed, same order');
    assert.notDeepEqual(await order({ reorder: true, seed: 4 }), shuffled, 'another seed, another order');
  });

  test('close() with retries pending returns at once and leaves nothing running', async () => {
    const rx = await receiver(() => ({ status: 503 }));
    const { sim, clock } = await startTestSim({ dialMs: 0 });
    try {
      sim.setCallbacks({ tanyi: { url: rx.url() } }); // real schedule: the next try is a minute away
      await tanyiJob(sim, clock, 3);
      await waitFor(() => rx.got.length >= 3, 5000, 'first attempts');
      await assert.rejects(sim.callbacksSettled({ timeoutMs: 50 }), /not settled within 50 ms/);
      const e = sim.callbacks().events[0];
      assert.ok(e.nextAttemptAt > Date.now() + 50000, 'next attempt one minute later');
    } finally {
      const t = Date.now();
      await sim.close();
      assert.ok(Date.now() - t < 1000);
      await rx.close();
    }
  });
});

test('2 000 dialled calls per vendor, receiver failing 20 % of attempts: all acknowledged, none given up', async () => {
  const fails = { '/tanyi': 0, '/call': 0, '/task': 0, '/itn': 0 };
  // Every 5th delivery on each path is refused (500), deterministically.
  const rx = await receiver((d) => (++fails[d.path] % 5 === 0 ? { status: 500 } : { status: 200, body: 'success' }));
  const { sim, clock } = await startTestSim({ dialMs: 0 });
  const t0 = Date.now();
  try {
    sim.setCallbacks({
      tanyi: { url: rx.url('/tanyi') }, byrobot: { callUrl: rx.url('/call'), taskUrl: rx.url('/task') }, itniotech: { url: rx.url('/itn') },
      timeScale: 1e-4, concurrency: 32,
    });
    const [t, b, i] = await Promise.all([tanyiJob(sim, clock, 2000), byrobotTask(sim, clock, 2000), itniotechTask(sim, clock, 2000)]);
    const snap = await sim.callbacksSettled({ timeoutMs: 25000 });
    const elapsed = Date.now() - t0;
    const ledger = sim.ledger();
    for (const [vendor, dataType, id] of [['tanyi', 'ROBOT_CALL_RECORD', t.id], ['byrobot', 'CALL_INSTANCE_RESULT', b.id], ['itniotech', 'pushCallRecord', i.id]]) {
      const evs = snap.events.filter((e) => e.vendor === vendor && e.dataType === dataType);
      assert.equal(evs.length, 2000, vendor);
      const dialled = ledger[vendor].tasks[id].dialedCalls.map((c) => c.recordId);
      assert.equal(new Set(dialled).size, 2000);
      assert.deepEqual(new Set(evs.map((e) => e.recordId)), new Set(dialled), `${vendor}: exactly one event per dialled call`);
    }
    assert.equal(snap.totals.givenUp, 0);
    assert.equal(snap.totals.pending, 0);
    assert.equal(snap.totals.acknowledged, snap.totals.events);
    assert.equal(snap.totals.attempts, rx.got.length);
    assert.ok(snap.totals.attempts > snap.totals.events * 1.2, 'about one attempt in five was refused and retried');
    assert.ok(snap.events.some((e) => e.attempts >= 2));
    assert.ok(elapsed < 20000, `took ${elapsed} ms`);
  } finally { await sim.close(); await rx.close(); }
});

test('logBodies: false keeps no request bodies in the log, only their size', async () => {
  const { sim, clock } = await startTestSim({ logBodies: false });
  try {
    await tanyiJob(sim, clock, 3, { start: false });
    const log = sim.requests();
    assert.ok(log.length >= 2);
    assert.ok(log.every((e) => e.body === null && e.bodyBytes > 0));
    assert.equal(sim.ledger().tanyi.imports[1001]['13900000000'], 1, 'the ledger still counts the rows');
  } finally { await sim.close(); }
});
