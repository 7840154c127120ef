// Control API, CORS, and fault injection (kinds, exact-by-number, seeded rate,
// filters, reproducibility).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSim, vendorClient, control, request, T0 } from './support/client.mjs';

let sim, clock, tanyi, byrobot, ctl;
before(async () => {
  ({ sim, clock } = await startTestSim());
  tanyi = vendorClient(sim, clock, 'tanyi');
  byrobot = vendorClient(sim, clock, 'byrobot');
  ctl = control(sim);
});
after(() => sim.close());
beforeEach(async () => { await ctl.reset(); clock.now = T0; });

const createBody = (name = 'fault job') => ({
  concurrencyQuota: 1, jobPhoneNumberIdList: [348],
  robotCallJob: { name, mode: 'MANUAL', dailyStartTime: '09:00', dailyEndTime: '20:00', dialogFlowId: 2, phoneType: 'LANDLINE', robotCount: 1 },
});
const taskCount = async () => Object.keys((await ctl.ledger()).tanyi.tasks).length;
const tenant = () => tanyi.get('/apiOpen/v1/tenant/getTenant');

test('control endpoints: health, requests log shape, reset', async () => {
  const h = await request(sim.url, 'GET', '/__sim/health');
  assert.equal(h.status, 200);
  assert.equal(h.json.ok, true);
  await tenant();
  await tanyi.post('/apiOpen/v1/job/create', createBody());
  const log = await ctl.requests();
  assert.deepEqual(log.map((e) => e.n), [1, 2]);
  const e = log[1];
  for (const k of ['n', 'vendor', 'method', 'path', 'query', 'headers', 'body', 'outcome']) assert.ok(k in e, k);
  assert.deepEqual([e.vendor, e.method, e.path, e.outcome, e.status, e.code], ['tanyi', 'POST', '/apiOpen/v1/job/create', 'ok', 200, 200]);
  assert.equal(e.body.robotCallJob.name, 'fault job');
  assert.equal(e.headers.appkey, 'demoAppKey');
  assert.deepEqual(sim.requests(), log, 'library and HTTP views agree');
  assert.deepEqual(sim.ledger(), await ctl.ledger());
  assert.equal((await ctl.reset()).status, 200);
  assert.deepEqual(await ctl.requests(), []);
  assert.equal(await taskCount(), 0);
  await tenant();
  assert.equal((await ctl.requests())[0].n, 1, 'n restarts after reset');
  assert.equal((await request(sim.url, 'GET', '/__sim/nope')).status, 404);
  assert.equal((await request(sim.url, 'GET', '/nosuchvendor/x')).status, 404);
  assert.equal((await ctl.requests()).length, 1, 'unknown prefixes are not vendor requests');
});

test('CORS: preflight for any path, vendor headers allowed, Retry-After exposed', async () => {
  const res = await fetch(`${sim.url}/tanyi/apiOpen/v1/job/modify`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'appkey,tenantsign,signature' },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const methods = res.headers.get('access-control-allow-methods').split(/,\s*/);
  for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) assert.ok(methods.includes(m), m);
  const allowed = res.headers.get('access-control-allow-headers').toLowerCase().split(/,\s*/);
  for (const h of ['appKey', 'tenantSign', 'version', 'timestamp', 'signature', 'appkey', 'datetime', 'sign', 'Api-Key', 'Timestamp', 'Sign', 'Authorization', 'Content-Type', 'Accept']) {
    assert.ok(allowed.includes(h.toLowerCase()), h);
  }
  assert.ok(res.headers.get('access-control-expose-headers').split(/,\s*/).includes('Retry-After'));
  const any = await fetch(`${sim.url}/whatever/path`, { method: 'OPTIONS' });
  assert.equal(any.status, 204);
  const real = await tenant();
  assert.equal(real.headers.get('access-control-allow-origin'), '*');
  assert.equal((await ctl.requests()).length, 1, 'preflights are not logged');
});

test('onRequests: http5xx/429 are not applied; 429 carries Retry-After', async () => {
  const r = await ctl.faults({ onRequests: { 1: 'http500', 2: 'http502', 3: 'http503', 4: 'http429' }, retryAfterSeconds: 7 });
  assert.equal(r.status, 200);
  const statuses = [];
  for (let i = 0; i < 5; i++) {
    const x = await tanyi.post('/apiOpen/v1/job/create', createBody(`j${i}`));
    statuses.push(x.status);
    if (x.status === 429) assert.equal(x.headers.get('retry-after'), '7');
    if (x.status >= 500) assert.equal(x.headers.get('retry-after'), null);
  }
  assert.deepEqual(statuses, [500, 502, 503, 429, 200]);
  assert.equal(await taskCount(), 1, 'only the unfaulted create applied');
  assert.deepEqual((await ctl.requests()).map((e) => e.outcome), ['http500', 'http502', 'http503', 'http429', 'ok']);
});

test('malformed: state applied, body is broken JSON', async () => {
  await ctl.faults({ onRequests: { 1: 'malformed' } });
  const r = await tanyi.post('/apiOpen/v1/job/create', createBody());
  assert.equal(r.status, 200);
  assert.equal(r.json, undefined, 'not parseable');
  assert.ok(r.text.startsWith('{"code":200'));
  assert.equal(await taskCount(), 1);
  assert.equal((await ctl.requests())[0].outcome, 'malformed');
});

test('dropBefore: connection dropped, nothing applied; dropAfter: applied, then dropped', async () => {
  await ctl.faults({ onRequests: { 1: 'dropBefore', 2: 'dropAfter' } });
  await assert.rejects(tanyi.post('/apiOpen/v1/job/create', createBody('before')));
  assert.equal(await taskCount(), 0);
  await assert.rejects(tanyi.post('/apiOpen/v1/job/create', createBody('after')));
  const led = await ctl.ledger();
  assert.deepEqual(Object.values(led.tanyi.tasks).map((t) => t.name), ['after']);
  const log = await ctl.requests();
  assert.deepEqual(log.map((e) => e.outcome), ['dropBefore', 'dropAfter']);
  assert.equal((await tenant()).status, 200, 'the server keeps serving');
});

test('latency: delayed, then handled normally', async () => {
  await ctl.faults({ onRequests: { 1: 'latency' }, latencyMs: 150 });
  const t0 = performance.now();
  const r = await tenant();
  assert.ok(performance.now() - t0 >= 140);
  assert.equal(r.json.code, 200);
  assert.equal((await ctl.requests())[0].outcome, 'latency');
});

async function sequence(seed, n = 40) {
  await ctl.reset();
  await ctl.faults({ seed, rate: 0.4, kinds: ['latency', 'http500', 'http502', 'http503', 'http429', 'malformed', 'dropBefore', 'dropAfter'], latencyMs: 1 });
  for (let i = 0; i < n; i++) await tenant().catch(() => null);
  return (await ctl.requests()).map((e) => e.outcome);
}

test('rate: same seed + same request order → same faults; another seed differs', async () => {
  const a = await sequence(7);
  const b = await sequence(7);
  const c = await sequence(8);
  assert.equal(a.length, 40, 'no client retries hidden in the log');
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  const faulted = a.filter((o) => o !== 'ok').length;
  assert.ok(faulted > 5 && faulted < 30, `about 40% faulted, got ${faulted}`);
  assert.equal((await request(sim.url, 'GET', '/__sim/ledger')).status, 200, 'control endpoints are never faulted');
});

test('vendors/paths filters limit rate faults; onRequests ignores them', async () => {
  await ctl.faults({ seed: 1, rate: 1, kinds: ['http503'], vendors: ['tanyi'], paths: ['importCustomer'], onRequests: { 3: 'http500' } });
  assert.equal((await tenant()).status, 200);
  assert.equal((await tanyi.post('/apiOpen/v1/job/importCustomer', { robotCallJobId: 1, customerPersons: [] })).status, 503);
  assert.equal((await byrobot.get('/openapi/v1/company/getCompanys')).status, 500, 'request 3 by number');
  assert.equal((await byrobot.get('/openapi/v1/company/getCompanys')).status, 200);
});

test('fault config validation and the library API', async () => {
  for (const bad of [{ kinds: ['meteor'] }, { rate: 2 }, { onRequests: { x: 'http500' } }, { onRequests: { 1: 'boom' } }, [1]]) {
    assert.equal((await ctl.faults(bad)).status, 400, JSON.stringify(bad));
  }
  assert.equal((await request(sim.url, 'POST', '/__sim/faults', { body: '{' })).status, 400);
  sim.setFaults({ onRequests: { 1: 'http503' } });
  assert.equal((await tenant()).status, 503);
  assert.equal((await ctl.faults({})).status, 200, 'an empty config disables faults');
  assert.equal((await tenant()).status, 200);
  sim.setFaults({ rate: 1, kinds: ['http500'] });
  sim.reset();
  assert.equal((await tenant()).status, 200, 'reset clears faults');
});
